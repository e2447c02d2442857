"""The domain model: a document of project performance-target tables.

Plain dataclasses with no behaviour beyond small derived properties. The interchange
JSON (``interchange.py``) maps them one to one; the importers build them, the review
engine and the exporters read them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Number = int | float
Direction = Literal[">=", "<=", "=", ">", "<"]
Kind = Literal["target", "self_evaluation", "department"]

# The month-ends a 资金支出计划 reports, in table order.
PLAN_MONTHS: tuple[int, ...] = (3, 6, 10, 12)


@dataclass(slots=True)
class Location:
    """Where a value came from in its source file (any part may be unknown)."""

    line: int | None = None
    page: int | None = None
    sheet: str | None = None
    cell: str | None = None

    def __str__(self) -> str:
        parts = []
        if self.sheet:
            parts.append(f"工作表“{self.sheet}”")
        if self.page:
            parts.append(f"第{self.page}页")
        if self.cell:
            parts.append(f"单元格{self.cell}")
        if self.line:
            parts.append(f"第{self.line}行")
        return " ".join(parts)


@dataclass(slots=True)
class Value:
    """A normalised target value: ``≥95%`` is Value(">=", 95, "%", raw="≥95%").

    A qualitative value (有效提升, 7*24小时) has direction, number and unit all None.
    """

    raw: str | None = None
    direction: Direction | None = None
    number: Number | None = None
    unit: str | None = None

    @property
    def is_quantitative(self) -> bool:
        return self.number is not None

    @property
    def is_empty(self) -> bool:
        return not self.raw


@dataclass(slots=True)
class Indicator:
    """One row of the indicator table (一级 / 二级 / 三级指标 and its target)."""

    level1: str | None = None
    level2: str | None = None
    name: str | None = None
    description: str | None = None
    target: Value = field(default_factory=Value)
    nature: str | None = None
    weight: Number | None = None
    basis: str | None = None
    actual: str | None = None
    score: Number | None = None
    location: Location | None = None


@dataclass(slots=True)
class SpendingPlan:
    """资金支出计划: the cumulative figures printed under 3月底, 6月底, 10月底, 12月底."""

    by_month: dict[int, Number | None] = field(default_factory=dict)

    def get(self, month: int) -> Number | None:
        return self.by_month.get(month)


@dataclass(slots=True)
class DepartmentOverview:
    """部门整体绩效目标: the department-level part that precedes the project tables."""

    overall_goal: str | None = None
    sub_goals: list[str] = field(default_factory=list)
    measures: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Project:
    """One 项目支出绩效目标表 (or self-evaluation / department table)."""

    code: str | None = None
    name: str | None = None
    year: int | None = None
    unit_code: str | None = None
    unit_name: str | None = None
    department: str | None = None
    budget_total: Number | None = None
    budget_fiscal: Number | None = None
    budget_other: Number | None = None
    purpose: str | None = None
    spending_plan: SpendingPlan | None = None
    goals: list[str] | None = None
    indicators: list[Indicator] = field(default_factory=list)
    kind: Kind = "target"
    budget_executed: Number | None = None
    execution_rate: Number | None = None
    total_score: Number | None = None
    long_term_goals: list[str] | None = None
    location: Location | None = None


@dataclass(slots=True)
class ReadWarning:
    """Something the importer had to guess or could not place; never dropped silently."""

    message: str
    location: Location | None = None

    def __str__(self) -> str:
        where = str(self.location) if self.location else ""
        return f"{where}：{self.message}" if where else self.message


@dataclass(slots=True)
class Document:
    """Everything read from one source file."""

    source: str
    projects: list[Project] = field(default_factory=list)
    department_overview: DepartmentOverview | None = None
    warnings: list[ReadWarning] = field(default_factory=list)
