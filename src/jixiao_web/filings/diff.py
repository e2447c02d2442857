"""Differences between two versions of a table: header fields and indicator rows.

Pure functions over interchange dicts, so the history page, the API and tests use the
same result. Rows are aligned by their (一级, 二级, 三级指标) names with difflib, so a row
that was edited shows as changed, and an inserted row does not shift every row after it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from difflib import SequenceMatcher
from typing import Any

JSONDict = dict[str, Any]

# Header fields shown in the diff, with the labels the standard table and the editor use.
FIELDS: dict[str, str] = {
    "name": "项目名称",
    "code": "项目编码",
    "year": "年度",
    "unit_code": "单位编码",
    "unit_name": "实施单位",
    "department": "主管部门",
    "budget_total": "预算数",
    "budget_fiscal": "财政资金",
    "budget_other": "其他资金",
    "purpose": "资金用途",
    "spending_plan": "资金支出计划",
    "goals": "绩效目标",
    "long_term_goals": "长期目标",
}

# Indicator cells compared row by row, with their labels.
ROW_FIELDS: dict[str, str] = {
    "level1": "一级指标",
    "level2": "二级指标",
    "name": "三级指标",
    "description": "绩效指标描述",
    "raw_value": "指标值",
    "direction": "方向",
    "value": "数值",
    "unit": "单位",
    "nature": "指标性质",
    "weight": "分值",
    "basis": "指标值确定依据",
}


@dataclass(frozen=True, slots=True)
class FieldChange:
    field: str
    label: str
    old: Any
    new: Any


@dataclass(frozen=True, slots=True)
class RowChange:
    """One indicator row: "added", "removed" or "changed" (with the changed cells)."""

    kind: str
    old_index: int | None
    new_index: int | None
    old: JSONDict | None
    new: JSONDict | None
    cells: list[FieldChange] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Diff:
    fields: list[FieldChange]
    rows: list[RowChange]

    @property
    def is_empty(self) -> bool:
        return not self.fields and not self.rows


def diff_projects(old: JSONDict, new: JSONDict) -> Diff:
    """Given two interchange project dicts, return their header and indicator-row changes."""
    return Diff(fields=_changes(old, new, FIELDS), rows=_row_changes(old, new))


def diff_revisions(a, b) -> Diff:
    """Given two revisions (anything with ``snapshot``), return the changes from ``a`` to ``b``."""
    return diff_projects(a.snapshot or {}, b.snapshot or {})


def _changes(old: JSONDict, new: JSONDict, labels: dict[str, str]) -> list[FieldChange]:
    return [
        FieldChange(key, label, old.get(key), new.get(key))
        for key, label in labels.items()
        if old.get(key) != new.get(key)
    ]


def _row_changes(old: JSONDict, new: JSONDict) -> list[RowChange]:
    before = old.get("indicators") or []
    after = new.get("indicators") or []
    matcher = SequenceMatcher(
        a=[_key(r) for r in before], b=[_key(r) for r in after], autojunk=False
    )
    changes: list[RowChange] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            changes += _edited(before, after, range(i1, i2), range(j1, j2))
        elif tag == "replace":
            changes += _replaced(before, after, range(i1, i2), range(j1, j2))
        elif tag == "delete":
            changes += [RowChange("removed", i, None, before[i], None) for i in range(i1, i2)]
        else:
            changes += [RowChange("added", None, j, None, after[j]) for j in range(j1, j2)]
    return changes


def _edited(before: list, after: list, olds: range, news: range) -> list[RowChange]:
    """Pair rows with the same names; report those whose other cells changed."""
    out = []
    for i, j in zip(olds, news, strict=True):
        cells = _changes(before[i], after[j], ROW_FIELDS)
        if cells:
            out.append(RowChange("changed", i, j, before[i], after[j], cells))
    return out


def _replaced(before: list, after: list, olds: range, news: range) -> list[RowChange]:
    """Pair renamed rows one to one; the surplus on either side is added or removed."""
    paired = min(len(olds), len(news))
    out = [
        RowChange("changed", i, j, before[i], after[j], _changes(before[i], after[j], ROW_FIELDS))
        for i, j in zip(olds[:paired], news[:paired], strict=True)
    ]
    out += [RowChange("removed", i, None, before[i], None) for i in olds[paired:]]
    out += [RowChange("added", None, j, None, after[j]) for j in news[paired:]]
    return out


def _key(row: JSONDict) -> tuple:
    return (row.get("level1"), row.get("level2"), row.get("name"))
