"""Read the department overview (部门整体绩效目标) that precedes the project tables.

It is prose under three headings: 总体绩效目标, 分项绩效目标 and 工作保障措施 (numbered
一、二、三 or not). Each section runs to the next of these headings, or to the part of the
document that follows (第二部分, 预算项目绩效目标, a table title).
"""

from __future__ import annotations

import re

from ... import vocabulary as vocab
from ...model import DepartmentOverview
from ..grid import Row
from .cleaning import clean, join_lines

_SECTIONS = {
    "总体绩效目标": "overall",
    "部门总体绩效目标": "overall",
    "整体绩效目标": "overall",
    "分项绩效目标": "sub_goals",
    "工作保障措施": "measures",
    "保障措施": "measures",
}
_NUMBERING = re.compile(
    r"^(?:[一二三四五六七八九十]{1,3}|\d{1,2})[、.．]|^[(（][一二三四五六七八九十\d]{1,3}[)）]"
)
_ITEM = re.compile(r"^(?:\d{1,2}[、.．](?!\d)|[(（][一二三四五六七八九十\d]{1,3}[)）])")
_PART = re.compile(r"^第[一二三四五六七八九十]+部分|^预算项目绩效目标")
_HEADING_LENGTH = 20


def read_overview(rows: list[Row]) -> DepartmentOverview | None:
    """Given the rows before the first table, return the overview, or None if absent."""
    sections: dict[str, list[str]] = {}
    current: str | None = None
    for row in rows:
        texts = [t for t in row.texts if t]
        if len(texts) != 1:
            continue  # a contents list prints headings beside page numbers
        text = clean(texts[0])
        section = _heading(text)
        if section:
            current = section
            sections.setdefault(section, [])
        elif _PART.match(text) or vocab.title_kind(text):
            current = None
        elif current:
            sections[current].append(text)
    if not sections:
        return None
    return DepartmentOverview(
        overall_goal=join_lines(sections.get("overall", [])) or None,
        sub_goals=_items(sections.get("sub_goals", [])),
        measures=_items(sections.get("measures", [])),
    )


def _heading(text: str) -> str | None:
    if len(text) > _HEADING_LENGTH or "…" in text or "..." in text:
        return None
    word = vocab.key(_NUMBERING.sub("", text)).rstrip(":")
    return _SECTIONS.get(word)


def _items(lines: list[str]) -> list[str]:
    """Given a section's lines, return its numbered items (each line, if none is numbered)."""
    if not any(_ITEM.match(line) for line in lines):
        return [line for line in lines if line]
    items: list[list[str]] = []
    for line in lines:
        if _ITEM.match(line) or not items:
            items.append([line])
        else:
            items[-1].append(line)
    return [join_lines(item) for item in items]
