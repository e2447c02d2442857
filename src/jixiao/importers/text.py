"""Text (.txt, .md, text extracted from Word or PDF) → Grid.

Four line shapes are recognised, line by line, so one file may mix them:

- markdown table rows (``| a | b |``); separator rows (``|---|``) are skipped;
- tab-separated rows (``a<TAB>b<TAB>c``), cells kept in place, empty ones included;
- one cell per line: runs of lines that each start with one tab form a row, a blank
  line ends it (Word's "text only" export of a table); a line without the tab inside
  such a run is a further paragraph of the cell above;
- anything else is a paragraph: a row of one cell. Blank lines become empty rows, which
  the assembler uses as block boundaries in flowing (PDF) text.
"""

from __future__ import annotations

import re

from ..model import Location
from .cell_lines import regroup
from .encoding import decode
from .grid import Cell, Grid, Row
from .wrapped_labels import mend

_MD_SEPARATOR = re.compile(r"^\|?[\s:|-]*-[\s:|-]*\|?$")
_ARTIFACT = re.compile(r"\[bookmark:[^\]]*\]|^#{1,6}\s+")
# A share of single-tab lines above this marks the one-cell-per-line layout.
_CELL_PER_LINE_SHARE = 0.6


def to_grid(data: bytes, source: str) -> Grid:
    """Given the bytes of a text file, return its Grid."""
    return text_to_grid(decode(data, source), source)


def text_to_grid(text: str, source: str, page: int | None = None) -> Grid:
    """Given text (a whole file, or one page from a PDF reader), return its Grid.

    A form feed starts a new page when ``page`` is given.
    """
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    cell_per_line = _is_cell_per_line(lines)
    grid = Grid(source=source)
    pending: list[Cell] = []
    for number, line in enumerate(lines, start=1):
        if "\f" not in line:
            _add_line(grid, pending, line, Location(number, page), cell_per_line)
            continue
        # A form feed ends the line before it too: text run together across a page
        # break is two lines, the second on the next page.
        parts = line.split("\f")
        for index, part in enumerate(parts):
            if index and page is not None:
                page += 1
            if part.strip() or (index == len(parts) - 1 and not "".join(parts).strip()):
                _add_line(grid, pending, part, Location(number, page), cell_per_line)
    _flush(grid, pending)
    if not cell_per_line:
        regroup(grid)
        mend(grid)
    return grid


def _add_line(
    grid: Grid, pending: list[Cell], line: str, where: Location, cell_per_line: bool
) -> None:
    if cell_per_line and line[:1] == "\t" and line.find("\t", 1) < 0:
        pending.append(Cell(line[1:].strip(), where))
        return
    if pending and line.strip() and "\t" not in line:
        # A cell of several paragraphs: its later paragraphs lose the leading tab.
        pending[-1].text = f"{pending[-1].text}\n{line.strip()}".strip()
        return
    _flush(grid, pending)
    grid.rows.append(_line_row(line, where))


def _flush(grid: Grid, pending: list[Cell]) -> None:
    if pending:
        grid.rows.append(Row(list(pending), pending[0].location))
        pending.clear()


def _line_row(line: str, where: Location) -> Row:
    stripped = line.strip()
    if not stripped:
        return Row([], where)
    if stripped[0] == "|" and stripped[-1] == "|" and len(stripped) > 1:
        if _MD_SEPARATOR.match(stripped):
            return Row([], where)
        return _row(stripped[1:-1].split("|"), where)
    if "\t" in line:
        return _row(line.split("\t"), where)
    if "[" in stripped or stripped[0] == "#":
        stripped = _ARTIFACT.sub("", stripped).strip()
    return Row([Cell(stripped, where)] if stripped else [], where)


def _row(texts: list[str], where: Location) -> Row:
    cells = [t.strip() for t in texts]
    while cells and not cells[-1]:
        cells.pop()  # trailing empty cells carry no position worth keeping
    return Row([Cell(t, where) for t in cells], where)


def _is_single_cell_line(line: str) -> bool:
    return line.startswith("\t") and "\t" not in line[1:]


def _is_cell_per_line(lines: list[str]) -> bool:
    tabbed = [line for line in lines if "\t" in line]
    if not tabbed:
        return False
    single = sum(1 for line in tabbed if _is_single_cell_line(line))
    return single / len(tabbed) >= _CELL_PER_LINE_SHARE
