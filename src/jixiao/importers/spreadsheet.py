"""Sheet cells and merged ranges to grid rows, shared by the .xlsx and .xls readers.

Both readers collect a sheet's displayed texts by (row, column) and its merged ranges;
this turns them into rows in the Grid's terms: a horizontally merged cell becomes one
Cell with its span, and a cell covered by a merge from above repeats the merge's text
and is marked continued, which is how the assembler sees a level-1 cell merged over
its block of indicator rows. Rows that hold no text of their own are left out.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field

from openpyxl.utils.cell import get_column_letter

from ..errors import ReadError
from ..model import Location
from . import safety
from .grid import Cell, Row

# (first_row, first_col, last_row, last_col), 1-based and inclusive.
Range = tuple[int, int, int, int]
MAX_COLUMN = 16384
MAX_CELLS = 1_000_000


@dataclass(slots=True)
class Sheet:
    """What a reader collected from one sheet: displayed texts and merged ranges."""

    name: str
    source: str
    texts: dict[tuple[int, int], str] = field(default_factory=dict)
    merges: list[Range] = field(default_factory=list)

    def put(self, row: int, column: int, text: str) -> None:
        """Record the displayed text of one non-empty cell, within the reader's limits."""
        if row > safety.LIMITS.max_sheet_rows or not 0 < column <= MAX_COLUMN:
            raise ReadError(self.source, f"工作表“{self.name}”超出可读取的范围（第{row}行）")
        if len(self.texts) >= MAX_CELLS:
            raise ReadError(self.source, f"工作表“{self.name}”单元格过多，疑似异常文件")
        self.texts[(row, column)] = text


def sheet_rows(sheet: Sheet, table: int) -> Iterator[Row]:
    """Given a collected sheet, yield a Row for every row that holds text of its own."""
    columns: dict[int, list[int]] = defaultdict(list)
    for row, column in sheet.texts:
        columns[row].append(column)
    covering = _covering(sheet.merges, columns)
    for row in sorted(columns):
        cells = _row_cells(sheet, covering, row, max(columns[row]))
        while cells and not cells[-1].text:
            cells.pop()
        if cells:
            yield Row(cells, Location(sheet=sheet.name, line=row), table=table)


def _covering(merges: list[Range], columns: dict[int, list[int]]) -> dict[tuple[int, int], Range]:
    """Given merged ranges, map (row, first column) of each row they cover to the range.

    Only rows that hold text are mapped, so a hostile range over a million rows costs
    no more than the sheet's real content.
    """
    covering: dict[tuple[int, int], Range] = {}
    rows = sorted(columns)
    for merge in merges:
        first_row, first_col, last_row, _ = merge
        for row in _rows_between(rows, first_row, last_row):
            covering.setdefault((row, first_col), merge)
    return covering


def _rows_between(rows: list[int], first: int, last: int) -> list[int]:
    """Given sorted row numbers, return those from first to last inclusive."""
    return rows[bisect_left(rows, first) : bisect_right(rows, last)]


def _row_cells(
    sheet: Sheet, covering: dict[tuple[int, int], Range], row: int, last: int
) -> list[Cell]:
    """Given a row number, return its cells up to the last column that has text."""
    cells = []
    column = 1
    while column <= last:
        location = Location(sheet=sheet.name, cell=f"{get_column_letter(column)}{row}")
        merge = covering.get((row, column))
        if merge is None:
            cells.append(Cell(sheet.texts.get((row, column), ""), location))
            column += 1
            continue
        first_row, first_col, _, last_col = merge
        text = sheet.texts.get((first_row, first_col), "")
        span = max(last_col - first_col + 1, 1)
        cells.append(Cell(text, location, span, continued=row != first_row))
        column += span
    return cells
