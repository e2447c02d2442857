"""Find the header labels (项目名称, 预算数, 3月底 …) in cells and in flowing text."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ... import vocabulary as vocab
from ...model import Location
from ..grid import Row
from .cleaning import clean

# A label printed at the start of a cell and followed by its value: "项目名称 光纤租赁",
# "年度目标：完成…", "预算数 6.00".
_LEAD_SEPARATOR = re.compile(r"^[\s:：]+")
_MONTH = re.compile(r"^(\d{1,2})\s*月\s*(?:底|末)$")
_MONTH_WITH_VALUE = re.compile(r"^(\d{1,2})\s*月\s*(?:底|末)\s*[:：]?\s*(\d+(?:\.\d+)?\s*%?)$")

_FULL = {":": "：", "(": "（", ")": "）", "%": "％"}
# Characters printed in either width in labels.
_WIDTH_VARIANTS = {":": "[:：]", "(": "[(（]", ")": "[)）]", "%": "[%％]"}


@dataclass(slots=True)
class Segment:
    """A piece of a header row: a label (field set) or a text (field None)."""

    text: str
    field: str | None = None
    month: int | None = None
    location: Location | None = None
    cell: int = 0

    @property
    def is_label(self) -> bool:
        return self.field is not None or self.month is not None


def month_of(text: str) -> int | None:
    """Given a cell like ``3月底``, return 3, else None."""
    match = _MONTH.match(vocab.key(text))
    return int(match.group(1)) if match else None


def split_cell(text: str, location: Location | None, index: int) -> list[Segment]:
    """Given one cell, return its label and/or text segments."""
    field = vocab.header_field(text)
    if field:
        return [Segment(text, field, location=location, cell=index)]
    month = month_of(text)
    if month:
        return [Segment(text, month=month, location=location, cell=index)]
    dated = _MONTH_WITH_VALUE.match(text)
    if dated:  # "3月底：25%" — the month and its figure in one cell
        return [
            Segment(text, month=int(dated.group(1)), location=location, cell=index),
            Segment(dated.group(2), location=location, cell=index),
        ]
    lead = _leading_label(text)
    if lead:
        label, rest = lead
        field = vocab.header_field(label)
        return [
            Segment(label, field, location=location, cell=index),
            Segment(clean(rest), location=location, cell=index),
        ]
    return [Segment(text, location=location, cell=index)]


def _leading_label(text: str) -> tuple[str, str] | None:
    if not text or text[0] not in _FIRST_CHARACTERS:
        return None
    stripped = text.strip()
    match = _LEAD.match(stripped)
    if not match:
        return None
    rest = stripped[match.end() :]
    sep = _LEAD_SEPARATOR.match(rest)
    if sep and rest[sep.end() :].strip():
        return stripped[: match.end()], rest[sep.end() :]
    return None


def row_fields(row: Row) -> set[str]:
    """Given a row, return the header fields its cells label."""
    fields: set[str] = set()
    for cell in row.cells:
        text = cell.text
        if not text or text[0] not in _FIRST_CHARACTERS:
            continue  # no label starts this way; most body cells stop here
        field = vocab.header_field(text)
        if field is None:
            lead = _leading_label(cell.text)
            field = vocab.header_field(lead[0]) if lead else None
        if field:
            fields.add(field)
    return fields


_PATTERNS: dict[str, re.Pattern[str]] = {}


def _label_pattern(label: str) -> re.Pattern[str]:
    pattern = _PATTERNS.get(label)
    if pattern is None:
        body = r"\s*".join(_WIDTH_VARIANTS.get(ch, re.escape(ch)) for ch in label)
        pattern = _PATTERNS[label] = re.compile(body)
    return pattern


# Labels that may lead a cell or a stretch of flowing text before their value.
_INLINE_LABELS = tuple(
    label for label in vocab.HEADER_LABELS_BY_LENGTH if label not in vocab.CELL_ONLY_LABELS
)


def _stream_pattern() -> re.Pattern[str]:
    labels = [label for label in _INLINE_LABELS if label not in vocab.SHORT_GOAL_LABELS]
    alternatives = [_label_pattern(label).pattern for label in labels]
    month = r"\d{1,2}\s*月\s*底"
    return re.compile("|".join([*alternatives, month]))


_STREAM = _stream_pattern()
_FIRST_CHARACTERS = frozenset(
    variant
    for label in vocab.HEADER_LABELS_BY_LENGTH
    for variant in (label[0], _FULL.get(label[0]))
)
_LEAD = re.compile("|".join(_label_pattern(label).pattern for label in _INLINE_LABELS))


def split_stream(text: str, location: Location | None) -> list[Segment]:
    """Given header text that flows across lines (PDF), return label and text segments."""
    segments: list[Segment] = []
    position = 0
    for match in _STREAM.finditer(text):
        before = text[position : match.start()].strip()
        if before:
            segments.append(Segment(before, location=location))
        label = match.group()
        month = month_of(label)
        field = None if month else vocab.header_field(label)
        segments.append(Segment(label, field, month=month, location=location))
        position = match.end()
    rest = text[position:].strip()
    if rest:
        segments.append(Segment(rest, location=location))
    return segments
