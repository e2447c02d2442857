"""Sheet cells and merged ranges to grid rows, shared by the .xlsx and .xls readers.

Both readers collect a sheet's displayed texts by (row, column) and its merged ranges;
this turns them into rows in the Grid's terms: a horizontally merged cell becomes one
Cell with its span, and a cell covered by a merge from above repeats the merge's text
and is marked continued, which is how the assembler sees a level-1 cell merged over
its block of indicator rows. Rows that hold no text of their own are left out.

Hidden rows and columns are left out too, like the printed table leaves them out
(offices hide last year's targets or helper columns rather than delete them), and a
note names the ones that held text.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field

from openpyxl.utils.cell import get_column_letter

from ..errors import ReadError
from ..model import Location, ReadWarning
from . import safety
from .grid import Cell, Row

# (first_row, first_col, last_row, last_col), 1-based and inclusive.
Range = tuple[int, int, int, int]
MAX_COLUMN = 16384
MAX_CELLS = 1_000_000
# Hidden column ranges kept per sheet (a hostile file could list millions).
MAX_HIDDEN_RANGES = 1000


@dataclass(slots=True)
class Sheet:
    """What a reader collected from one sheet: displayed texts and merged ranges."""

    name: str
    source: str
    texts: dict[tuple[int, int], str] = field(default_factory=dict)
    merges: list[Range] = field(default_factory=list)
    hidden_rows: set[int] = field(default_factory=set)
    # (first, last) column ranges, 1-based and inclusive.
    hidden_columns: list[tuple[int, int]] = field(default_factory=list)

    def hide_columns(self, first: int, last: int) -> None:
        if len(self.hidden_columns) < MAX_HIDDEN_RANGES and 0 < first <= last:
            self.hidden_columns.append((first, min(last, MAX_COLUMN)))

    def column_hidden(self, column: int) -> bool:
        return any(first <= column <= last for first, last in self.hidden_columns)

    def hidden_between(self, first: int, last: int) -> int:
        """Return how many columns from first to last (inclusive) are hidden."""
        return sum(max(0, min(b, last) - max(a, first) + 1) for a, b in self.hidden_columns)

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
    reach = _merged_reach(sheet, covering)
    for row in sorted(columns):
        if row in sheet.hidden_rows:
            continue
        cells = _row_cells(sheet, covering, row, max(max(columns[row]), reach.get(row, 0)))
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


def _merged_reach(sheet: Sheet, covering: dict[tuple[int, int], Range]) -> dict[int, int]:
    """Map each row to the first column of the rightmost text merged down into it.

    A row's own texts may end before a cell merged down over it from the row above
    (the lower row of a two-row header under 指标值 | 指标值确定依据 …); the row
    still shows that cell, so it reaches that far.
    """
    reach: dict[int, int] = {}
    for (row, column), (first_row, first_col, _, _) in covering.items():
        if row != first_row and sheet.texts.get((first_row, first_col)):
            reach[row] = max(reach.get(row, 0), column)
    return reach


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
            if not sheet.column_hidden(column):
                cells.append(Cell(sheet.texts.get((row, column), ""), location))
            column += 1
            continue
        first_row, first_col, _, last_col = merge
        text = sheet.texts.get((first_row, first_col), "")
        # A merge shows over its visible columns only.
        span = last_col - first_col + 1 - sheet.hidden_between(first_col, last_col)
        if span > 0:
            cells.append(Cell(text, location, span, continued=row != first_row))
        column = max(last_col, column) + 1
    return cells


def hidden_notes(sheet: Sheet) -> list[ReadWarning]:
    """Given a collected sheet, return a note for its hidden rows and columns with text."""
    rows = sorted({r for r, _ in sheet.texts if r in sheet.hidden_rows})
    columns = sorted({c for r, c in sheet.texts if r not in sheet.hidden_rows})
    columns = [c for c in columns if sheet.column_hidden(c)]
    notes = []
    if columns:
        letters = "、".join(get_column_letter(c) for c in columns)
        message = f"工作表“{sheet.name}”的隐藏列 {letters} 未读取（打印的表格中不显示）"
        location = Location(sheet=sheet.name, cell=get_column_letter(columns[0]))
        notes.append(ReadWarning(message, location))
    if rows:
        numbers = "、".join(str(r) for r in rows[:20]) + ("等" if len(rows) > 20 else "")
        message = f"工作表“{sheet.name}”的隐藏行 第{numbers}行 未读取（打印的表格中不显示）"
        notes.append(ReadWarning(message, Location(sheet=sheet.name, line=rows[0])))
    return notes


def hidden_sheet_note(name: str) -> ReadWarning:
    return ReadWarning(f"隐藏的工作表“{name}”未读取", Location(sheet=name))
