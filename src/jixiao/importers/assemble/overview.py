"""Read the department overview (部门整体绩效目标) that precedes the project tables."""

from __future__ import annotations

from ...model import DepartmentOverview
from ..grid import Row


def read_overview(rows: list[Row]) -> DepartmentOverview | None:
    """Given the rows before the first table, return the overview, or None if absent."""
    return None
