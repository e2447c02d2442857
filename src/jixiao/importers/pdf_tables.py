"""Ruled tables on one PDF page, as grid rows with merged cells marked.

pdfplumber finds a table's cells from its drawn borders and lays them on a grid of the
distinct cell tops and lefts; a merged cell occupies one grid slot and leaves the slots
it covers empty (None). Each empty slot is resolved here: covered from the left, it
widens that cell's span; covered from above, it repeats the cell's text as a continued
cell, the same marks the .docx reader gives Word's merged cells.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..model import Location
from .grid import Cell, Row

# Cell tops and lefts closer than this (points) are one grid line.
SNAP = 2.0
# A last line ending within this many character widths of the right padding is full
# (line breaking rules may leave a punctuation mark's room).
FULL_LINE_SLACK = 1.2
Box = tuple[float, float, float, float]


@dataclass(slots=True)
class PageTable:
    """One ruled table found on a page: its id, position, column lines and rows."""

    id: int
    bbox: Box
    columns: list[float]
    rows: list[Row] = field(default_factory=list)
    # For each cell of the last row: its text's last line runs to the cell's right edge,
    # so the text may go on (a row the page end cut continues overleaf).
    last_row_full: list[bool] = field(default_factory=list)

    @property
    def top(self) -> float:
        return self.bbox[1]

    def continues_into(self, other: PageTable) -> bool:
        """Given the first table of the next page, tell whether it continues this one.

        Word and WPS redraw a table broken by a page at exactly the same column lines.
        """
        if len(self.columns) != len(other.columns):
            return False
        return all(abs(a - b) <= SNAP for a, b in zip(self.columns, other.columns, strict=True))


def page_tables(page, number: int, first_id: int) -> list[PageTable]:
    """Given a page, return its ruled tables, top to bottom, numbered from first_id."""
    found = [table for table in page.find_tables() if _is_table(table)]
    found.sort(key=lambda table: (table.bbox[1], table.bbox[0]))
    return [_page_table(t, number, first_id + i, page.chars) for i, t in enumerate(found)]


def _is_table(table) -> bool:
    """A lone box (a framed title) is text, not a table."""
    return len(table.cells) > 1


def _page_table(table, number: int, table_id: int, chars: list[dict]) -> PageTable:
    texts = {}
    for row, row_texts in zip(table.rows, table.extract(), strict=False):
        for cell, text in zip(row.cells, row_texts, strict=False):
            if cell is not None:
                texts[cell] = (text or "").strip()
    lefts = sorted({cell[0] for cell in table.cells})
    tops = sorted({cell[1] for cell in table.cells})
    columns = _snap([*lefts, table.bbox[2]])
    result = PageTable(table_id, tuple(table.bbox), columns)
    owners: list[Box | None] = []
    for index, row in enumerate(table.rows):
        below = tops[index + 1] if index + 1 < len(tops) else table.bbox[3]
        cells, owners = _row_cells(row.cells, lefts, table.cells, texts, number, below)
        location = Location(page=number, cell=f"表格第{index + 1}行")
        result.rows.append(Row(cells, location, table=table_id))
    result.last_row_full = [_ends_full(box, chars) for box in owners]
    return result


def _row_cells(
    slots, lefts, boxes, texts, number, below: float
) -> tuple[list[Cell], list[Box | None]]:
    """Given one grid row of cell boxes (None where a merge covers the slot), return its cells
    and, for each, the box of a cell that starts in this row (None for continued cells).

    An empty cell merged down over several rows is the part of a merge that a page
    break cut off from its text: it is marked continued, like the slots below it.
    """
    cells: list[Cell] = []
    owners: list[Box | None] = []
    top = _row_top(slots)
    previous_cover = None
    for column, box in enumerate(slots):
        location = Location(page=number)
        cover = None
        if box is not None:
            text = texts.get(box, "")
            cut_off = not text and box[3] > below + SNAP
            cells.append(Cell(text, location, continued=cut_off))
            owners.append(box)
        else:
            cover = _covering(boxes, lefts[column], top) if top is not None else None
            if cover is None:
                cells.append(Cell("", location))
                owners.append(None)
            elif cells and (cover == previous_cover or abs(cover[1] - top) <= SNAP):
                cells[-1].span += 1  # the same merged cell, one column further
            else:
                cells.append(Cell(texts.get(cover, ""), location, continued=True))
                owners.append(None)
        previous_cover = cover
    return cells, owners


def _ends_full(box: Box | None, chars: list[dict]) -> bool:
    """Given a cell box, tell whether its text's last line reaches the right edge.

    Text that wraps fills each line but the last; a last line that is full may go on.
    """
    if box is None:
        return False
    x0, top, x1, bottom = box
    inside = [
        c
        for c in chars
        if x0 <= (c["x0"] + c["x1"]) / 2 <= x1 and top <= (c["top"] + c["bottom"]) / 2 <= bottom
    ]
    if not inside:
        return False
    last_top = max(c["top"] for c in inside)
    line = [c for c in inside if c["top"] >= last_top - 1]
    padding = min(c["x0"] for c in inside) - x0
    widest = max(c["x1"] - c["x0"] for c in line)
    return x1 - max(c["x1"] for c in line) <= padding + FULL_LINE_SLACK * widest


def _row_top(slots) -> float | None:
    return next((box[1] for box in slots if box is not None), None)


def _covering(boxes, left: float, top: float) -> Box | None:
    """Given the top-left corner of an empty slot, return the cell box that covers it."""
    x, y = left + SNAP, top + SNAP
    for box in boxes:
        if box[0] <= x < box[2] and box[1] <= y < box[3]:
            return box
    return None


def _snap(values: list[float]) -> list[float]:
    """Given sorted positions, merge those closer than SNAP."""
    snapped: list[float] = []
    for value in values:
        if not snapped or value - snapped[-1] > SNAP:
            snapped.append(value)
    return snapped
