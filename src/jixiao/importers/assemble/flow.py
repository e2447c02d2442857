"""Rebuild the rows of an indicator table printed as flowing text (PDF extraction).

Text extracted from a PDF table without ruling gives each wrapped cell as a run of short
lines, blocks separated by blank lines, and puts cells that share a baseline on one line
separated by spaces ("电话及网络故障率 ≤10%"). The value is the anchor of each row:

- before it: the level names (wrapped: "社会效益指" + "标"), then the name block, then
  the description block or the text before the value on its line;
- on its line after it, or in the block below it: the 指标值确定依据 (or what the column
  after the value holds);
- a level-1 name on a line of its own (printed mid-block) sets the level in force.

When a page break cuts a row, its first line holds the start of every cell side by side
("可持续影响 持续提高电 …") and the continuation follows the repeated header; an
unfinished level name on the value line marks that case, and the next lines continue
the same cells.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from ... import vocabulary as vocab
from ...model import Location
from ...values import parse_number
from ..grid import Cell, Row
from .cleaning import clean, is_page_number, join_lines
from .columns import Aligned, Column, read_columns
from .levels import LevelState
from .lines import line_rows, one_line_rows

_OPERATOR_VALUE = re.compile(
    r"^(?:[≥≤<>＞＜≧≦=]|大于等于|小于等于|不低于|不少于|不高于|不超过)\s*[-+]?\d"
)
# An operator glued to the text before it ("故障率≤10%") starts a token of its own.
_GLUED_OPERATOR = re.compile(r"(?<=[^\s≥≤<>＞＜≧≦=])(?=[≥≤＞＜≧≦][-+]?\d)")
_PERCENT_VALUE = re.compile(r"^[-+]?\d+(?:\.\d+)?\s*(?:%|％|百分比)$")
_PLAIN_VALUE = re.compile(r"^[-+]?\d+(?:\.\d+)?$")
_UNIT_WORD = re.compile(r"^[^\d\s，,。；;：:、（）()《》“”]{1,4}$")
_MAX_LEVEL_LINES = 3
# A 总分 line holds the label and a figure or two (分值, 得分).
_TOTAL_WORDS = 4


def flow_columns(header: Row) -> list[Column]:
    """Given the one-cell header line of a flowing table, return its columns."""
    words = _join_split_words((header.cells[0].text if header.cells else "").split())
    return read_columns(Row([Cell(w) for w in words], header.location))


def _join_split_words(words: list[str]) -> list[str]:
    """Join header words extraction split ("指标值确定 依据" → 指标值确定依据)."""
    joined: list[str] = []
    for word in words:
        if (
            joined
            and vocab.column_kind(joined[-1] + word)
            and (not vocab.column_kind(word) or not vocab.column_kind(joined[-1]))
        ):
            joined[-1] += word
        else:
            joined.append(word)
    return joined


@dataclass(slots=True)
class _Line:
    text: str
    location: Location | None


@dataclass(slots=True)
class _Value:
    """Where the value sits on its line: the text before it, the value, the text after."""

    before: list[str]
    value: str
    after: str


@dataclass(slots=True)
class _Reader:
    columns: list[Column]
    state: LevelState
    pending: list[list[_Line]] = field(default_factory=list)
    rows: list[tuple[Aligned, Location | None]] = field(default_factory=list)
    # After a value line with nothing after the value: the next block is its basis.
    basis_for: dict[str, str] | None = None
    # After a value line cut by a page break: the cells its next lines continue.
    continuing: tuple[dict[str, str], list[str]] | None = None

    def read(self, blocks: list[list[_Line]]) -> None:
        for index, block in enumerate(blocks):
            following = blocks[index + 1] if index + 1 < len(blocks) else None
            self._read_block(block, following)
        self._flush_unplaced()

    def _read_block(self, block: list[_Line], following: list[_Line] | None) -> None:
        if self.continuing and self._continue(block):
            return
        self.continuing = None
        if self.basis_for is not None and _is_basis(block, following):
            self.basis_for[self._after_kind()] = join_lines([line.text for line in block])
            self.basis_for = None
            return
        self.basis_for = None
        self.pending.append([])
        for line in block:
            self._read_line(line, alone=len(block) == 1)
        if self.pending and not self.pending[-1]:
            self.pending.pop()

    def _read_line(self, line: _Line, alone: bool) -> None:
        text = line.text.strip()
        level1 = vocab.key(text) if vocab.key(text) in vocab.LEVEL1 else None
        if level1 and not any(self.pending[:-1]) and not self.pending[-1]:
            self.rows.append((Aligned({"level1": level1}, []), line.location))
            return
        found = _find_value(text, bare_numbers=alone)
        if found is None and (alone or not any(self.pending)):
            found = _qualitative_row(text)
        if found is None:
            if not (is_page_number(text) and len(self.pending[-1]) == 0):
                self.pending[-1].append(_Line(clean(text), line.location))
            return
        self._emit(found, line.location)
        self.pending = [[]]

    def _emit(self, found: _Value, location: Location | None) -> None:
        lines = [line for block in self.pending for line in block]
        where = lines[0].location if lines else location
        cells, prefix_kinds = _cells_before_value(self.pending, found.before, self._text_kinds())
        cells["value"] = found.value
        if found.after:
            cells[self._after_kind()] = found.after
        elif "basis" in {c.kind for c in self.columns}:
            self.basis_for = cells
        if "level2" in prefix_kinds and _is_level_prefix(cells["level2"]):
            self.continuing = (cells, prefix_kinds)
        self.rows.append((Aligned(cells, []), where))

    def _continue(self, block: list[_Line]) -> bool:
        assert self.continuing is not None
        cells, kinds = self.continuing
        if _starts_row(block):
            return False
        for line in block:
            parts = [clean(p) for p in line.text.split()] or [""]
            if "level2" in kinds:
                completed = cells["level2"] + parts[0]
                if _is_level_name(completed):
                    cells["level2"], parts = completed, parts[1:]
                kinds = [k for k in kinds if k != "level2"]
            for kind, part in zip(kinds, parts, strict=False):
                cells[kind] = clean(cells.get(kind, "") + part)
        self.continuing = None
        self.state.warn(f"跨页拆开的指标行已拼接为“{cells.get('name')}”", block[0].location)
        return True

    def _text_kinds(self) -> list[str]:
        return [c.kind for c in self.columns if c.kind in ("name", "description")]

    def _after_kind(self) -> str:
        kinds = [c.kind for c in self.columns]
        after = kinds[kinds.index("value") + 1 :] if "value" in kinds else []
        return after[0] if after else "basis"

    def _flush_unplaced(self) -> None:
        for block in self.pending:
            for line in block:
                self.state.warn(f"未能归入任何指标行的文字“{line.text}”已忽略", line.location)
        self.pending = []


def flow_rows(
    body: list[Row], columns: list[Column], state: LevelState
) -> Iterator[tuple[Aligned, Location | None]]:
    """Given the lines of a flowing table, yield its rows aligned to the columns."""
    if one_line_rows(body):
        return line_rows(body, columns)
    reader = _Reader(columns, state)
    reader.read(_blocks(body))
    return iter(reader.rows)


def flow_total_score(row: Row) -> float | int | None:
    """Given a line of a flowing table, return the total score if it is the 总分 line
    ("总分 100 98.5": the last figure is the score obtained)."""
    words = " ".join(t for t in row.texts if t).split()
    if (
        not words
        or len(words) > _TOTAL_WORDS
        or vocab.key(words[0]) not in vocab.TOTAL_SCORE_LABELS
    ):
        return None
    numbers = [n for n in (parse_number(w) for w in words[1:]) if n is not None]
    return numbers[-1] if numbers else None


def _blocks(body: list[Row]) -> list[list[_Line]]:
    blocks: list[list[_Line]] = [[]]
    for row in body:
        text = " ".join(t for t in row.texts if t).strip()
        if text:
            blocks[-1].append(_Line(text, row.location))
        elif blocks[-1]:
            blocks.append([])
    return [b for b in blocks if b]


def _find_value(text: str, bare_numbers: bool = False) -> _Value | None:
    """Find the value on a line; a number without operator or % counts only when the
    line is a block of its own (the value alone in its cell), as "30 个"."""
    parts = _GLUED_OPERATOR.sub(" ", text).split()
    for index, part in enumerate(parts):
        if _is_value_token(part, parts, index, bare_numbers):
            value, after_index = part, index + 1
            unit = parts[after_index] if after_index < len(parts) else ""
            if _needs_unit(part) and _UNIT_WORD.match(unit):
                value += unit
                after_index += 1
            before = [clean(p) for p in parts[:index]]
            return _Value(before, clean(value), clean(" ".join(parts[after_index:])))
    return None


def _qualitative_row(text: str) -> _Value | None:
    """Read a one-line row that ends in a formulaic qualitative target (明显改善, 长期)."""
    parts = [clean(p) for p in text.split()]
    if len(parts) < 2 or not vocab.is_qualitative_target(parts[-1]):
        return None
    return _Value(parts[:-1], parts[-1], "")


def _is_value_token(part: str, parts: list[str], index: int, bare_numbers: bool) -> bool:
    if _OPERATOR_VALUE.match(part) or _PERCENT_VALUE.match(part):
        return True
    # A bare number counts only at the start of its line with just its unit after it
    # (alone, it is as likely a page number).
    rest = parts[index + 1 :]
    return (
        bare_numbers
        and index == 0
        and bool(_PLAIN_VALUE.match(part))
        and len(rest) == 1
        and bool(_UNIT_WORD.match(rest[0]))
    )


def _needs_unit(part: str) -> bool:
    return part[-1].isdigit()


def _starts_row(block: list[_Line]) -> bool:
    words = block[0].text.split()
    head = clean(words[0]) if words else ""
    if vocab.level1_name(head) or vocab.level2_name(head):
        return True
    return _level2_lines(block) > 0 or _is_level_prefix(head)


def _is_basis(block: list[_Line], following: list[_Line] | None) -> bool:
    """Tell the 确定依据 block below a value from the next row's name block: a basis names
    its source (《…》, 文件, 计划, 标准 …); failing that, the next row must start after it."""
    if _starts_row(block) or _value_in(block):
        return False
    text = "".join(line.text for line in block)
    if vocab.is_basis_text(text):
        return True
    return following is None or _starts_row(following)


def _value_in(block: list[_Line]) -> bool:
    return any(_find_value(line.text) for line in block)


def _level2_lines(lines: list[_Line]) -> int:
    """Return how many leading lines spell a level-2 name (wrapped), or 0."""
    joined, found = "", 0
    for count, line in enumerate(lines[:_MAX_LEVEL_LINES], start=1):
        joined += clean(line.text)
        if vocab.level2_name(joined):
            found = count
        if not _is_level_prefix(joined):
            break
    return found


def _is_level_name(text: str) -> bool:
    word = vocab.key(text)
    return word in vocab.LEVEL2_PARENT or word in vocab.LEVEL2_SYNONYMS


def _is_level_prefix(text: str) -> bool:
    word = vocab.key(text)
    names = (*vocab.LEVEL1, *vocab.LEVEL2_PARENT)
    return len(word) >= 2 and any(name.startswith(word) and name != word for name in names)


def _cells_before_value(
    blocks: list[list[_Line]], before: list[str], text_kinds: list[str]
) -> tuple[dict[str, str], list[str]]:
    """Split the lines before a value into level, name and description cells.

    Return the cells and, when the value line printed several cells side by side, the
    kinds of those cells in order (a page break may continue them on later lines).
    """
    cells: dict[str, str] = {}
    blocks = [list(b) for b in blocks if b]
    if blocks:
        _take_level_lines(blocks[0], cells)
        blocks = [b for b in blocks if b]
    texts = [join_lines([line.text for line in block]) for block in blocks]
    if texts:
        _put_texts(cells, [*texts, *before], text_kinds)
        return cells, []
    parts = list(before)
    prefix_kinds = _take_level_parts(parts, cells)
    prefix_kinds += _put_texts(cells, parts, text_kinds)
    return cells, prefix_kinds


def _take_level_lines(lines: list[_Line], cells: dict[str, str]) -> None:
    if vocab.key(lines[0].text) in vocab.LEVEL1:
        cells["level1"] = vocab.key(lines.pop(0).text)
    count = _level2_lines(lines)
    if count:
        cells["level2"] = join_lines([line.text for line in lines[:count]])
        del lines[:count]


def _take_level_parts(parts: list[str], cells: dict[str, str]) -> list[str]:
    """Move level names printed before the name on the value line into the cells."""
    kinds: list[str] = []
    while len(parts) > 1:
        word = vocab.key(parts[0])
        if "level1" not in cells and "level2" not in cells and word in vocab.LEVEL1:
            cells["level1"] = parts.pop(0)
        elif "level2" not in cells and (vocab.level2_name(word) or _is_level_prefix(word)):
            cells["level2"] = parts.pop(0)
            kinds.append("level2")
        else:
            break
    return kinds


def _put_texts(cells: dict[str, str], texts: list[str], text_kinds: list[str]) -> list[str]:
    """Put texts into the name and description columns; return the kinds used, in order."""
    texts = [t for t in texts if t]
    if not texts:
        return []
    if len(texts) == 1 or "description" not in text_kinds:
        cells["name"] = join_lines(texts)
        return ["name"]
    cells["name"], cells["description"] = texts[0], join_lines(texts[1:])
    return ["name", "description"]
