"""Read the project header (项目名称, 预算数, 资金支出计划, 年度目标 …) into field texts.

Ruled tables (cells) and flowing PDF text reduce to one list of segments: labels and
texts in reading order. A text belongs to the label before it in its row; a row that
starts with an empty cell continues the label of the row above (the label cell was
merged over both rows, as 预算规模及资金用途 is over the 资金用途 text).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ... import vocabulary as vocab
from ...model import Location
from ...values import parse_number
from ..grid import Cell, Row
from .cleaning import clean, columns_of, is_blank, join_lines
from .flow_header import take_matrices
from .labels import Segment, month_of, split_cell, split_stream

# Captions printed inside a header that carry no field: 单位：万元, 金额单位：元, (2024年度).
_CAPTION = re.compile(r"^(?:金额)?单位:(?:万元|元)$|^\(?(?:19|20)\d\d年度?\)?$")

# Amounts in 元 rather than 万元: "(元)", "单位:元", "(单位:元)", "金额单位:元".
_IN_YUAN = re.compile(r"(?:\(|单位:)元(?:\)|$|:)")

# Fields whose text may run over several cells or rows; the others take their first text.
_MULTI = frozenset({"purpose", "goals", "long_term_goals"})
_NUMERIC = frozenset({"budget_total", "budget_fiscal", "budget_other"})
# Prose rather than an amount or a short note such as 无 or 详见附件.
_PROSE = re.compile(r"[\u4e00-\u9fff]{4}")
_UNIT_CAPTION = re.compile(r"^[(（]\s*(?:万元|元)\s*[)）]\s*")
# A numbered goal (2.…, （二）…, ②…, 目标2：…) on a line of its own below the goals.
_NUMBERED_GOAL = re.compile(
    r"^(?:\d{1,2}[.、．](?!\d)|[(（][一二三四五六七八九十\d]{1,2}[)）]|[①-⑳]|目标\d{1,2}[:：])"
)
_GOAL_FIELDS = frozenset({"goals", "long_term_goals"})


@dataclass(slots=True)
class Header:
    """The texts found for each header field, and the plan and budget matrices."""

    texts: dict[str, list[str]] = field(default_factory=dict)
    locations: dict[str, Location | None] = field(default_factory=dict)
    plan: dict[int, float | int | None] = field(default_factory=dict)
    # Self-evaluation budget lines: line field → column kind → text.
    budget: dict[str, dict[str, str]] = field(default_factory=dict)
    money_in_yuan: bool = False
    # Texts no label claims (a label line lost in extraction): reported, never dropped.
    unplaced: list[tuple[str, Location | None]] = field(default_factory=list)
    # Guesses made while reading (wrapped values put back together), to be reported.
    notes: list[tuple[str, Location | None]] = field(default_factory=list)
    # The last label seen that takes free text (资金用途): prose found under an amount
    # label belongs to it, as when the cell holding 资金用途 follows the budget lines.
    block: str | None = None
    # Cells holding a 中期资金总额 label: the budget lines printed below it are the
    # medium term's, beside the annual ones.
    medium_cells: set[int] = field(default_factory=set)

    def first(self, name: str) -> str | None:
        values = self.texts.get(name)
        return values[0] if values else None

    def note_unplaced(self, text: str, location: Location | None) -> None:
        """Record a text no label claims, unless it is a known caption (单位：万元, 绩效指标)."""
        word = vocab.key(text)
        if word and word not in vocab.TABLE_LABELS and not _CAPTION.match(word):
            self.unplaced.append((text, location))

    def label_field(self, segment: Segment) -> str:
        """Return the field a label segment fills here ("ignored" for medium-term lines)."""
        name = segment.field or "ignored"
        if name == "long_term_budget":
            self.medium_cells.add(segment.cell)
            return "ignored"
        if name == "budget_total":
            self.medium_cells.discard(segment.cell)  # 年度资金总额 stacked below the medium lines
        elif name in _NUMERIC and segment.cell in self.medium_cells:
            return "ignored"
        return name

    def saw_label(self, name: str) -> None:
        if name in _MULTI:
            self.block = name

    def add(self, name: str, text: str, location: Location | None) -> None:
        if name in _NUMERIC:
            # "(万元) 60.00": the unit of a label wrapped over the amount's line.
            text = _UNIT_CAPTION.sub("", text)
        if name in _NUMERIC and _is_prose(text):
            if self.block is None:
                self.note_unplaced(text, location)
                return
            name = self.block
        values = self.texts.setdefault(name, [])
        if name in _MULTI or not values:
            values.append(text)
            self.locations.setdefault(name, location)
        elif text and text != values[0]:
            self.unplaced.append((text, location))


def read_header(rows: list[Row], flow: bool, preamble: list[Row] | None = None) -> Header:
    """Given the header rows of one table, return the field texts they hold."""
    header = Header()
    header.money_in_yuan = _money_in_yuan([*(preamble or []), *rows])
    if flow or all(sum(1 for t in r.texts if t) <= 1 for r in rows):
        _read_flow(rows, header)
    else:
        _read_cells(rows, header)
    return header


def _money_in_yuan(rows: list[Row]) -> bool:
    for row in rows:
        for text in row.texts:
            if "元" not in text:
                continue
            word = vocab.key(text)
            if _IN_YUAN.search(word):
                return True
    return False


# --- Ruled tables ------------------------------------------------------------------------


def _read_cells(rows: list[Row], header: Header) -> None:
    above = _Above()
    months: dict[int, int] = {}
    budget_columns: dict[int, str] = {}
    _mark_repeated_labels(rows)
    for row in rows:
        segments = _segments(row)
        if months and _fill_plan(row, months, header):
            months = {}
            continue
        if budget_columns and _fill_budget(row, segments, budget_columns, header):
            continue
        budget_columns = _budget_columns(row) or budget_columns
        planned = len(header.plan)
        above = _read_row(row, segments, above, header)
        if len(header.plan) == planned:  # figures under the months, in the next row
            months = months or _month_columns(segments)


def _mark_repeated_labels(rows: list[Row]) -> None:
    """Mark a label cell that repeats the one above it as merged down: converters to
    markdown print a label merged over several rows (项目资金, 年度总体目标) in each row."""
    previous = None
    for row in rows:
        first = row.cells[0] if row.cells else None
        text = first.text if first else None
        if first and text and text == previous and vocab.header_field(text):
            first.continued = True
        previous = text


def _segments(row: Row) -> list[Segment]:
    segments: list[Segment] = []
    previous = None
    for index, cell in columns_of(row.cells):
        # A cell merged down from the row above repeats that row's label or value; read
        # it there only (a merged 项目资金 or 年度总体目标 label would claim this row's texts).
        # Converters to markdown repeat a cell merged across columns in each of them.
        text = cell.text
        if not is_blank(text) and not cell.continued and text != previous:
            segments.extend(split_cell(text, cell.location or row.location, index))
        previous = text
    return segments


@dataclass(slots=True)
class _Above:
    """What a row starting with an empty cell continues: the label of the row above, or,
    when that row held only labels (年度目标 | 中期目标), the label over each column."""

    label: str | None = None
    columns: dict[int, str] = field(default_factory=dict)

    def label_for(self, cell: int) -> str | None:
        placed = [index for index in self.columns if index <= cell]
        return self.columns[max(placed)] if placed else self.label


def _read_row(row: Row, segments: list[Segment], above: _Above, header: Header) -> _Above:
    """Assign the row's texts to labels; return what later rows continue."""
    if _continues_goals(segments, above):
        text = clean(segments[0].text)
        header.add(above.label or "goals", text, segments[0].location)
        message = f"“{text}”单独成行，已作为上方目标的下一条读取"
        header.notes.append((message, segments[0].location))
        return above
    first_cell_empty = not row.cells or is_blank(row.cells[0].text) or row.cells[0].continued
    if not first_cell_empty:
        header.block = None  # a label merged down over this row would leave its first cell empty
    label = None
    first_label = None
    month = None
    for segment in segments:
        if month and not segment.is_label and plan_number(segment.text) is not None:
            header.plan[month] = plan_number(segment.text)
            month = None
            continue
        month = segment.month
        if segment.field:
            label = header.label_field(segment)
            first_label = first_label or label
            header.saw_label(label)
            continue
        if first_cell_empty and first_label is None:
            label = above.label_for(segment.cell)
        if segment.month is None and label and label != "ignored":
            header.add(label, clean(segment.text), segment.location)
            if label not in _MULTI:
                label = None
        elif label is None and segment.month is None:
            header.note_unplaced(clean(segment.text), segment.location)
    if first_label is None:
        return above if first_cell_empty else _Above()
    if all(s.is_label for s in segments) and len(segments) >= 2:
        return _Above(first_label, {s.cell: s.field for s in segments if s.field})
    return _Above(first_label)


def _continues_goals(segments: list[Segment], above: _Above) -> bool:
    """A line holding only the next numbered goal: the goals cell was split into lines
    (a multi-line cell saved as text)."""
    return (
        above.label in _GOAL_FIELDS
        and not above.columns
        and len(segments) == 1
        and not segments[0].is_label
        and bool(_NUMBERED_GOAL.match(segments[0].text.strip()))
    )


def _month_columns(segments: list[Segment]) -> dict[int, int]:
    months = {s.cell: s.month for s in segments if s.month}
    return months if len(months) >= 2 else {}


def _fill_plan(row: Row, months: dict[int, int], header: Header) -> bool:
    """Read the row under the month headers; return False if it is not a row of numbers."""
    texts = {i: c.text for i, c in columns_of(row.cells)}
    numbers = {m: plan_number(texts.get(i, "")) for i, m in months.items()}
    if not any(v is not None for v in numbers.values()) and any(
        not is_blank(texts.get(i)) for i in months
    ):
        return False
    header.plan.update(numbers)
    return True


def plan_number(text: str | None) -> float | int | None:
    """Given a spending-plan cell ("25%", "25"), return its figure, else None."""
    word = vocab.key(text).rstrip("%")
    return parse_number(word) if word else None


def _budget_columns(row: Row) -> dict[int, str]:
    columns = {i: vocab.budget_column(c.text) for i, c in columns_of(row.cells)}
    found = {i: kind for i, kind in columns.items() if kind}
    return found if len(found) >= 2 else {}


def _fill_budget(
    row: Row, segments: list[Segment], columns: dict[int, str], header: Header
) -> bool:
    """Read a budget line (年度资金总额, 财政拨款 …) of a self-evaluation table."""
    labelled = [s for s in segments if s.field]
    # The block label (项目资金) may stand before the line's own label in the same row.
    line = next((s.field for s in labelled if s.field in _NUMERIC), None)
    if line is None:
        return bool(labelled and labelled[0].field == "ignored" and _has_numbers(row))
    texts = dict(columns_of(row.cells))
    shift = _budget_shift(texts, labelled[0].cell, columns)
    values = {}
    for column, kind in columns.items():
        cell = texts.get(column + shift)
        if cell is not None and not is_blank(cell.text):
            values[kind] = cell.text
    header.budget[line] = values
    return True


def _budget_shift(texts: dict[int, Cell], label: int, columns: dict[int, str]) -> int:
    """Given a budget line's cells by column, the column of its label and the header's
    budget columns, return how far the line's figures sit from the header's columns.

    The figures start right after the label (and the empty cells a merged label left
    behind). A line that lost its merged label cell
    (a PDF table the page cut) sits one column left; its empty trailing cells, left out
    by the readers, do not move it.
    """
    cell = texts.get(label)
    label_end = label + (cell.span if cell is not None else 1) - 1
    # A CSV or web page writes a merged label's other columns as empty cells.
    while label_end + 1 < min(columns) and _is_empty_at(texts, label_end + 1):
        label_end += 1
    return label_end - (min(columns) - 1)


def _is_empty_at(texts: dict[int, Cell], column: int) -> bool:
    cell = texts.get(column)
    return cell is not None and is_blank(cell.text)


def _has_numbers(row: Row) -> bool:
    return any(parse_number(c.text) is not None for c in row.cells)


# --- Flowing text ------------------------------------------------------------------------


def _read_flow(rows: list[Row], header: Header) -> None:
    location = rows[0].location if rows else None
    lines = [_long_label(" ".join(t for t in r.texts if t)) for r in rows]
    indents = [r.cells[0].indent if r.cells else 0 for r in rows]
    kept, matrices = take_matrices(lines, [r.location for r in rows], indents)
    header.budget.update(matrices.budget)
    header.plan.update(matrices.plan)
    header.notes.extend(matrices.notes)
    lines = _join_side_by_side(kept, header)
    stream = join_lines(lines)
    segments = split_stream(stream, location)
    label: str | None = None
    months: list[int] = []
    plan_text = ""
    for segment in segments:
        text = segment.text.lstrip(":：").strip()
        if segment.month:
            months.append(segment.month)
            label = "spending_plan"
        elif segment.field:
            label = segment.field
            header.saw_label(label)
        elif label == "spending_plan":
            plan_text += " " + text
        elif label and label != "ignored":
            header.add(label, text, segment.location)
        elif label is None:
            header.note_unplaced(text, segment.location)
    _flow_plan(months, plan_text, header)


def _join_side_by_side(lines: list[tuple[str, Location | None]], header: Header) -> list[str]:
    """Put back the wrapped ends of values printed side by side.

    "主管部门 [010]霍山县数据 实施单位 霍山县数据资源管理" followed by "资源管理局 局":
    each label's value wrapped within its own column, so the next line holds one piece
    per value, in order. The pieces join their values only when the counts agree.
    """
    joined: list[str] = []
    skip = False
    for index, (line, _) in enumerate(lines):
        if skip:
            skip = False
            continue
        below, where = lines[index + 1] if index + 1 < len(lines) else ("", None)
        mended = _mend_values(line, below)
        if mended is not None:
            message = f"并排栏目的折行文字“{below}”已逐个接回上一行的各栏"
            header.notes.append((message, where))
            line, skip = mended, True
        joined.append(line)
    return joined


def _mend_values(line: str, below: str) -> str | None:
    """Return ``line`` with each word of ``below`` appended to its values in order, when
    ``line`` holds two or more label–value pairs and ``below`` is one piece per value."""
    pieces = below.split()
    # A figure below is a line of its own ("2022 年度"), or a code's tail (mended earlier).
    if len(pieces) < 2 or any(ch.isdigit() for ch in below):
        return None
    segments = split_stream(line, None)
    values = [i for i, s in enumerate(segments) if i and segments[i - 1].field and not s.is_label]
    if len(values) != len(pieces) or segments[0].field is None:
        return None
    if any(s.is_label for s in split_stream(below, None)):
        return None
    for index, piece in zip(values, pieces, strict=True):
        segments[index].text += piece
    return " ".join(s.text for s in segments)


def _long_label(line: str) -> str:
    """Spell out a short label that starts a line ("年度 完成…" → 年度目标), which is too
    common a word to look for inside running text."""
    for short in vocab.SHORT_GOAL_LABELS:
        if line.startswith(short) and line[len(short) : len(short) + 1].isspace():
            return "年度目标" + line[len(short) :]
    return line


def _is_prose(text: str) -> bool:
    """Whether a text under an amount label is a sentence, not the amount."""
    return bool(text) and parse_number(text.split()[0]) is None and bool(_PROSE.search(text))


def _flow_plan(months: list[int], text: str, header: Header) -> None:
    if not months:
        return
    numbers = [plan_number(word) for word in text.split()]
    for month, number in zip(months, numbers, strict=False):
        header.plan[month] = number
    for month in months[len(numbers) :]:
        header.plan[month] = None


__all__ = ["Header", "month_of", "plan_number", "read_header"]
