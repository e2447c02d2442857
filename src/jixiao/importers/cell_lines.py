"""Rebuild indicator rows from text that prints every table cell on a line of its own.

Saving a Word table as plain text in LibreOffice or WPS writes each cell as one line,
an empty cell as an empty line, with nothing between rows. The indicator table can
still be recovered: its header row is a run of column names (一级指标, 二级指标,
三级指标, 指标值 …), one per line, and gives the number of cells in every row below.
The header block above reads as flowing text (label line, value line), except the
spending plan, whose empty month cells would be lost: each month is paired with its
figure, an empty one written as a dash, so the plan keeps its columns.
"""

from __future__ import annotations

from .. import vocabulary as vocab
from .assemble.labels import month_of
from .grid import Cell, Grid, Row

# Column names a header run needs: fewer is too weak a sign to regroup on.
_MIN_COLUMNS = 3
_NEEDED_KINDS = frozenset({"name", "value"})
_MIN_MONTHS = 2
# Longer than any column name (指标值（包含数字及文字描述）): not worth looking up.
_LONGEST_NAME = 24
_NO_FIGURE = "—"


def regroup(grid: Grid) -> None:
    """Rebuild, in place, the indicator tables printed one cell per line."""
    rows = grid.rows
    if not any(_is_column_name(r) for r in rows):
        return
    out: list[Row] = []
    index = 0
    while index < len(rows):
        width = _header_run(rows, index)
        if width >= _MIN_COLUMNS:
            out.append(_joined(rows[index : index + width]))
            index = _body(rows, index + width, width, out)
        elif months := _month_run(rows, index):
            index = _plan(rows, index, months, out)
        else:
            out.append(rows[index])
            index += 1
    grid.rows = out


def _month_run(rows: list[Row], start: int) -> int:
    """Return how many single-cell month lines (3月底, 6月底 …) start at ``start``."""
    index = start
    while index < len(rows) and month_of(_single(rows[index])):
        index += 1
    return index - start if index - start >= _MIN_MONTHS else 0


def _plan(rows: list[Row], start: int, months: int, out: list[Row]) -> int:
    """Pair each month line with its figure line; return the index after the figures.

    The figures row has a cell under the plan label too when the label line came
    just before the months (the label cell is merged over both rows).
    """
    labelled = bool(out) and vocab.header_field(_single(out[-1])) == "spending_plan"
    figures_at = start + months + (1 if labelled else 0)
    figures = rows[figures_at : figures_at + months]
    if len(figures) < months or any(len(r.cells) > 1 for r in figures):
        out.extend(rows[start : start + months])
        return start + months
    for month, figure in zip(rows[start : start + months], figures, strict=True):
        out.append(month)
        text = figure.cells[0].text if figure.cells else ""
        out.append(Row([Cell(text or _NO_FIGURE, figure.location)], figure.location))
    return figures_at + months


def _header_run(rows: list[Row], start: int) -> int:
    """Return how many single-cell rows from ``start`` name indicator columns (0 if too few).

    A table label (绩效指标) may lead the run: it is the first cell of the header row.
    """
    index = start
    if index < len(rows) and _single(rows[index]) in vocab.TABLE_LABELS:
        index += 1
    kinds = []
    while index < len(rows) and (kind := vocab.column_kind(_single(rows[index]))):
        kinds.append(kind)
        index += 1
    if len(kinds) < _MIN_COLUMNS or not set(kinds) >= _NEEDED_KINDS:
        return 0
    return index - start


def _body(rows: list[Row], start: int, width: int, out: list[Row]) -> int:
    """Group the lines after a header run into rows of ``width`` cells; return where the
    table ends: a line with several cells, a title, a project label or another header."""
    cells: list[Cell] = []
    index = start
    while index < len(rows):
        row = rows[index]
        if len(row.cells) > 1 or (not any(c.text for c in cells) and _ends_table(rows, index)):
            break
        cells.append(row.cells[0] if row.cells else Cell("", row.location))
        index += 1
        if len(cells) == width:
            out.append(_row(cells))
            cells = []
    if any(c.text for c in cells):
        out.append(_row(cells))
    elif cells:
        out.extend(Row([], c.location) for c in cells)
    return index


def _ends_table(rows: list[Row], index: int) -> bool:
    text = _single(rows[index])
    if not text:
        return False
    field = vocab.header_field(text)
    return bool(
        vocab.title_kind(text)
        or field in vocab.PROJECT_START_FIELDS
        or _header_run(rows, index) >= _MIN_COLUMNS
    )


def _is_column_name(row: Row) -> bool:
    cells = row.cells
    return (
        len(cells) == 1
        and len(cells[0].text) <= _LONGEST_NAME
        and vocab.column_kind(cells[0].text) in _NEEDED_KINDS
    )


def _single(row: Row) -> str:
    """Return the text of a one-cell row, or "" for any other row."""
    return row.cells[0].text if len(row.cells) == 1 else ""


def _joined(rows: list[Row]) -> Row:
    return _row([r.cells[0] for r in rows])


def _row(cells: list[Cell]) -> Row:
    return Row(list(cells), cells[0].location)
