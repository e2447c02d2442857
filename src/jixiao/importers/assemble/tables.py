"""Split a Grid into project tables: preamble, header rows, indicator header, body rows.

A project table starts at a row that labels 项目编码 or 项目名称 (the second time one is
seen, or after an indicator table), or at the first row of a new ruled table that labels
a header field after an indicator table (each project a Word table of its own, named
only by the heading above it). Its indicator table starts at the first row that
names at least three indicator columns. A title line (…绩效目标表, …自评表) ends a table;
the lines after it are the next table's preamble (title, unit line, year).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ... import vocabulary as vocab
from ..grid import Cell, Grid, Row
from .cleaning import columns_of, is_blank
from .labels import row_fields

# Non-header words tolerated before a header row shows itself (绩效指标, a stray cell).
_HEADER_MISSES = 2
# Preamble lines kept before a table (title, unit line, year, 单位：万元 …).
_PREAMBLE_ROWS = 8


@dataclass(slots=True)
class Table:
    """The rows of one project table, by role."""

    preamble: list[Row] = field(default_factory=list)
    header: list[Row] = field(default_factory=list)
    columns: Row | None = None
    body: list[Row] = field(default_factory=list)
    # Paragraph rows met inside a ruled table: not cells, reported as warnings.
    strays: list[Row] = field(default_factory=list)
    seen: set[str] = field(default_factory=set)
    # True when the indicator table is flowing text (PDF), not cells; set with columns.
    flow: bool = False
    # The top row of a two-row indicator header, until the row below it arrives.
    upper: Row | None = None


def split_tables(grid: Grid) -> tuple[list[Table], list[Row]]:
    """Given a Grid, return its project tables in order and the rows before the first one."""
    splitter = _Splitter()
    for row in grid.rows:
        splitter.feed(row)
    return splitter.tables, splitter.leading


class _Splitter:
    """Walks the rows once, deciding each row's role from its words and the state."""

    def __init__(self) -> None:
        self.tables: list[Table] = []
        self.leading: list[Row] = []
        self.preamble: list[Row] = []
        self.current: Table | None = None
        self.after_title = False
        # A title line was read and no table has opened since.
        self.titled = False
        # The source table of the last table row seen (None before any).
        self.last_table: int | None = None

    def feed(self, row: Row) -> None:
        texts = [c.text for c in row.cells if c.text]
        current = self.current
        if not texts:
            if current is not None and current.flow and not self.after_title:
                current.body.append(row)
            return
        fields = row_fields(row)
        new_table = row.table is not None and row.table != self.last_table
        self.last_table = row.table if row.table is not None else self.last_table
        if (
            _starts_project(fields, current)
            or self._opens_titled_table(fields)
            or (new_table and self._opens_new_table(fields))
        ):
            self._start(row, fields, texts)
        elif vocab_title(texts):
            self.after_title = current is not None
            self.titled = True
            self.preamble = [row]
            if current is None:
                self.leading.append(row)
        elif current is None:
            self.leading.append(row)
            self.preamble.append(row)
        elif self.after_title or _is_paragraph_after_table(current, row, texts):
            self.preamble.append(row)
        else:
            current.strays.extend(self.preamble)
            self.preamble = []
            _add(current, row, fields, texts)

    def _start(self, row: Row, fields: set[str], texts: list[str]) -> None:
        self.current = Table(preamble=self.preamble[-_PREAMBLE_ROWS:])
        self.tables.append(self.current)
        self.preamble = []
        self.after_title = self.titled = False
        _add(self.current, row, fields, texts)

    def _opens_titled_table(self, fields: set[str]) -> bool:
        """A department-wide table has no 项目名称: after its title, any field opens it."""
        current = self.current
        return (
            self.titled
            and bool(fields & vocab.TITLED_START_FIELDS)
            and (current is None or current.columns is not None)
        )

    def _opens_new_table(self, fields: set[str]) -> bool:
        """A new ruled table whose first row labels a header field opens a project when
        no project is open or the open one has its indicator table."""
        current = self.current
        return bool(fields & vocab.TITLED_START_FIELDS) and (
            current is None or current.columns is not None
        )


def _is_paragraph_after_table(table: Table, row: Row, texts: list[str]) -> bool:
    return table.columns is not None and not table.flow and len(row.cells) == 1


def _add(table: Table, row: Row, fields: set[str], texts: list[str]) -> None:
    if table.columns is None:
        if header_texts_are_columns(texts):
            columns, rest = _split_glued_row(row)
            table.columns = _under(table.upper, columns)
            table.flow = _non_empty(table.columns) == 1
            if rest is not None:
                table.body.append(rest)
        elif _is_upper_header(texts):
            table.upper = row
        else:
            table.header.append(row)
            table.seen |= fields
        return
    if not header_texts_are_columns(texts):  # a header repeated after a page break is skipped
        table.body.append(row)


def _is_upper_header(texts: list[str]) -> bool:
    """Tell the top row of a two-row indicator header (绩效指标 spanning 一级/二级/三级,
    beside 指标值 … merged down): only column words, which the row below repeats."""
    kinds = [vocab.column_kind(text) for text in texts]
    labels = [text for text in texts if vocab.key(text) in vocab.TABLE_LABELS]
    return bool(labels) and len(labels) + sum(1 for k in kinds if k) == len(texts) >= 2


def _under(upper: Row | None, lower: Row) -> Row:
    """Given the two rows of an indicator header, return the lower one with the column
    words of the upper one (指标值 … merged down over both) in the cells it leaves empty.

    A workbook's merged cells already repeat them; a CSV or a web page leaves them blank.
    """
    if upper is None:
        return lower
    above = {col: cell for col, cell in columns_of(upper.cells) if vocab.column_kind(cell.text)}
    cells: list[Cell] = []
    for col, cell in columns_of(lower.cells):
        filled = above.get(col) if is_blank(cell.text) else None
        cells.append(Cell(filled.text, filled.location, cell.span) if filled else cell)
    width = sum(max(c.span, 1) for c in cells)
    for col in sorted(c for c in above if c >= width):
        cells.extend(Cell("", lower.location) for _ in range(col - width))
        cells.append(above[col])
        width = col + 1
    return Row(cells, lower.location, lower.table)


def _split_glued_row(row: Row) -> tuple[Row, Row | None]:
    """Split cells glued after the header words (a lost line break) into a row of their own."""
    kinds = [vocab.column_kind(c.text) for c in row.cells]
    last = max((i for i, k in enumerate(kinds) if k), default=len(kinds) - 1)
    rest = row.cells[last + 1 :]
    if not any(c.text for c in rest):
        return row, None
    return Row(row.cells[: last + 1], row.location, row.table), Row(
        rest, rest[0].location, row.table
    )


def _starts_project(fields: set[str], current: Table | None) -> bool:
    starts = fields & set(vocab.PROJECT_START_FIELDS)
    if not starts:
        return False
    return current is None or current.columns is not None or bool(starts & current.seen)


def vocab_title(texts: list[str]) -> bool:
    """Return True for a title line (…绩效目标表) that ends the table before it."""
    return len(texts) == 1 and len(texts[0]) <= 80 and vocab.title_kind(texts[0]) is not None


def header_texts_are_columns(texts: list[str]) -> bool:
    """Given a row's non-empty cell texts, return True for the header row of an indicator
    table (in PDF text, one cell holding the column words apart by spaces)."""
    if len(texts) == 1:
        texts = texts[0].split() if " " in texts[0] else texts
        texts = texts if len(texts) >= 3 else []
    kinds = set()
    misses = 0
    for text in texts:
        kind = vocab.column_kind(text)
        if kind:
            kinds.add(kind)
        elif (misses := misses + 1) > _HEADER_MISSES and len(kinds) < 2:
            return False  # a body row: stop early, this runs for every row
    # Two columns suffice when they are the indicator's name and value (指标名称 | 指标值).
    return (len(kinds) >= 3 and ("name" in kinds or {"level1", "level2"} <= kinds)) or {
        "name",
        "value",
    } <= kinds


def _non_empty(row: Row) -> int:
    return sum(1 for t in row.texts if t)
