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
Box = tuple[float, float, float, float]


@dataclass(slots=True)
class PageTable:
    """One ruled table found on a page: its id, position, column lines and rows."""

    id: int
    bbox: Box
    columns: list[float]
    rows: list[Row] = field(default_factory=list)

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
    """Given a pdfplumber page, return its ruled tables, top to bottom, numbered from first_id."""
    found = [table for table in page.find_tables() if _is_table(table)]
    found.sort(key=lambda table: (table.bbox[1], table.bbox[0]))
    return [_page_table(table, number, first_id + i) for i, table in enumerate(found)]


def _is_table(table) -> bool:
    """A lone box (a framed title) is text, not a table."""
    return len(table.cells) > 1


def _page_table(table, number: int, table_id: int) -> PageTable:
    texts = {}
    for row, row_texts in zip(table.rows, table.extract(), strict=False):
        for cell, text in zip(row.cells, row_texts, strict=False):
            if cell is not None:
                texts[cell] = (text or "").strip()
    lefts = sorted({cell[0] for cell in table.cells})
    tops = sorted({cell[1] for cell in table.cells})
    columns = _snap([*lefts, table.bbox[2]])
    result = PageTable(table_id, tuple(table.bbox), columns)
    for index, row in enumerate(table.rows):
        below = tops[index + 1] if index + 1 < len(tops) else table.bbox[3]
        cells = _row_cells(row.cells, lefts, table.cells, texts, number, below)
        location = Location(page=number, cell=f"表格第{index + 1}行")
        result.rows.append(Row(cells, location, table=table_id))
    return result


def _row_cells(slots, lefts, boxes, texts, number, below: float) -> list[Cell]:
    """Given one grid row of cell boxes (None where a merge covers the slot), return its cells.

    An empty cell merged down over several rows is the part of a merge that a page
    break cut off from its text: it is marked continued, like the slots below it.
    """
    cells: list[Cell] = []
    top = _row_top(slots)
    previous_cover = None
    for column, box in enumerate(slots):
        location = Location(page=number)
        cover = None
        if box is not None:
            text = texts.get(box, "")
            cut_off = not text and box[3] > below + SNAP
            cells.append(Cell(text, location, continued=cut_off))
        else:
            cover = _covering(boxes, lefts[column], top) if top is not None else None
            if cover is None:
                cells.append(Cell("", location))
            elif cells and (cover == previous_cover or abs(cover[1] - top) <= SNAP):
                cells[-1].span += 1  # the same merged cell, one column further
            else:
                cells.append(Cell(texts.get(cover, ""), location, continued=True))
        previous_cover = cover
    return cells


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
