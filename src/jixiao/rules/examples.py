"""Build projects from the small JSON snippets in rule docstrings (## 反例 / ## 正例).

A snippet is a JSON object of interchange PROJECT keys laid over a clean base project
(``BASE``): a key given replaces the base's value. Indicator rows may be written as
interchange objects or compactly as ``[level1, level2, name, raw_value]`` lists.
A compact row may end with a dict of further keys
(``[…, "≥95%", {"weight": 10}]``) and a long name may be a list of parts to join.
``"indicators"`` replaces the whole base set; ``"rows"`` adds rows to it, replacing the
base rows of the same second level. ``{"projects": [snippet, …]}`` builds a document of
several projects (corpus rules).
"""

from __future__ import annotations

import copy
import json
import re
from typing import Any

from ..interchange import from_dict
from ..model import Document
from ..values import parse_value

# A clean regime-A project: no rule fires on it (the catalogue test checks).
BASE: dict[str, Any] = {
    "code": "13082825P00818110001L",
    "name": "2025年政务服务窗口业务培训经费",
    "year": 2025,
    "unit_code": "437001",
    "unit_name": "县数据和政务服务局",
    "department": None,
    "budget_total": 10,
    "budget_fiscal": 10,
    "budget_other": None,
    "purpose": "组织政务服务窗口工作人员开展业务培训，提升窗口办件质量。",
    "spending_plan": {"3": 25, "6": 50, "10": 75, "12": 100},
    "goals": ["1.全年组织窗口业务培训4期，培训200人次，降低窗口办件差错率。"],
    "indicators": [
        ["产出指标", "数量指标", "培训人数", "≥200人次"],
        ["产出指标", "质量指标", "培训合格率", "≥95%"],
        ["产出指标", "时效指标", "培训完成时间", "2025年10月底前"],
        ["产出指标", "成本指标", "培训成本", "≤10万元"],
        ["效益指标", "社会效益指标", "窗口办件差错率", "≤1%"],
        ["满意度指标", "服务对象满意度指标", "参训人员满意度", "≥90%"],
    ],
}

_FENCE = re.compile(r"```(?:json)?\s*\n(.*?)```", re.DOTALL)


def snippet_of(section: str) -> dict[str, Any]:
    """Given a docstring section, return the JSON object in its fenced block."""
    match = _FENCE.search(section)
    if not match:
        raise ValueError("section has no ```json block")
    return json.loads(match.group(1))


def build(snippet: dict[str, Any]) -> Document:
    """Given an example snippet, return the document it describes."""
    snippets = snippet.get("projects", [snippet])
    return from_dict({"source": "example.json", "projects": [_project(s) for s in snippets]})


def _project(snippet: dict[str, Any]) -> dict[str, Any]:
    project = copy.deepcopy(BASE)
    rows = snippet.get("rows")
    project.update({k: v for k, v in snippet.items() if k != "rows"})
    indicators = [_indicator(row) for row in project["indicators"]]
    if rows is not None:
        added = [_indicator(row) for row in rows]
        replaced = {row["level2"] for row in added}
        indicators = [i for i in indicators if i["level2"] not in replaced] + added
    project["indicators"] = indicators
    return project


def _indicator(row: Any) -> dict[str, Any]:
    if isinstance(row, list):
        level1, level2, name, raw, *extra = row
        row = {"level1": level1, "level2": level2, "name": name, "raw_value": raw}
        for more in extra:
            row.update(more)
    row = dict(row)
    if isinstance(row.get("name"), list):
        row["name"] = "".join(row["name"])
    if "value" not in row:
        value = parse_value(row.get("raw_value"))
        row.update(direction=value.direction, value=value.number, unit=value.unit)
    return row
