"""The department overview (部门整体绩效目标) as the sections the exporters print."""

from __future__ import annotations

from ..model import DepartmentOverview
from .layout import printable

OVERVIEW_TITLE = "部门整体绩效目标"
SECTION_NUMBERS = "一二三四五六七八九十"


def overview_sections(overview: DepartmentOverview) -> list[tuple[str, list[str]]]:
    """Given an overview, return its non-empty sections as (heading, paragraphs)."""
    sections = [
        ("总体绩效目标", [overview.overall_goal] if overview.overall_goal else []),
        ("分项绩效目标", list(overview.sub_goals)),
        ("工作保障措施", list(overview.measures)),
    ]
    return [(heading, [printable(t) for t in texts]) for heading, texts in sections if texts]
