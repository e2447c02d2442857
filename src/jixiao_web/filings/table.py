"""The standard 项目支出绩效目标表 laid out for a template.

Given a ``jixiao.model.Project`` and its findings, return the rows exactly as the
published table prints them: consecutive rows of one 一级指标 share one merged cell
(rowspan), and so do consecutive rows of one 二级指标 within it. Findings are placed
beside the row they concern; project-level findings are kept apart.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from jixiao.model import PLAN_MONTHS, Indicator, Project
from jixiao.values import format_number

SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}
SEVERITY_LABELS = {"error": "错误", "warning": "警告", "info": "提示"}


# A finding as stored on a filing: ``Finding.to_dict()`` (rule, severity, indicator,
# message, fix …), possibly annotated with the reviewer's decision.
FindingDict = dict[str, Any]


@dataclass(slots=True)
class TableRow:
    """One indicator row with the spans of its merged level cells (0 = covered by a span)."""

    index: int
    indicator: Indicator
    level1_span: int = 1
    level2_span: int = 1
    findings: list[FindingDict] = field(default_factory=list)
    comments: list[Any] = field(default_factory=list)

    @property
    def worst(self) -> str | None:
        """Return the most severe severity among the row's open findings, or None."""
        # A finding the reviewer dismissed no longer marks the row.
        open_findings = [f for f in self.findings if f.get("decision") != "dismissed"]
        if not open_findings:
            return None
        return min((severity_of(f) for f in open_findings), key=SEVERITY_ORDER.__getitem__)


@dataclass(slots=True)
class StandardTable:
    """A project ready to render: header, plan cells, goals and the indicator rows."""

    project: Project
    rows: list[TableRow]
    project_findings: list[FindingDict]
    plan: list[tuple[str, str]]
    has_description: bool
    has_basis: bool
    has_weight: bool
    has_nature: bool
    # Self-evaluation tables print what was achieved and the score of each row.
    has_actual: bool = False
    has_score: bool = False


def severity_of(finding: FindingDict) -> str:
    """Given a finding, return its severity as a plain string ("error", "warning", "info")."""
    return str(finding.get("severity") or "info")


def build_table(
    project: Project, findings: Iterable[FindingDict] = (), comments: Iterable[Any] = ()
) -> StandardTable:
    """Given a project, its findings and row comments, return the table ready to render.

    Comments are anything with an ``indicator_index`` (None for the whole table).
    """
    by_row, general = group_findings(findings, len(project.indicators))
    notes: dict[int | None, list[Any]] = defaultdict(list)
    for comment in comments:
        notes[comment.indicator_index].append(comment)
    rows = [
        TableRow(index=i, indicator=ind, findings=by_row.get(i, []), comments=notes.get(i, []))
        for i, ind in enumerate(project.indicators)
    ]
    merge_levels(rows)
    indicators = project.indicators
    return StandardTable(
        project=project,
        rows=rows,
        project_findings=general,
        plan=plan_cells(project),
        has_description=any(i.description for i in indicators) or not indicators,
        has_basis=any(i.basis for i in indicators),
        has_weight=any(i.weight is not None for i in indicators),
        has_nature=any(i.nature for i in indicators),
        has_actual=any(i.actual for i in indicators),
        has_score=any(i.score is not None for i in indicators),
    )


def group_findings(
    findings: Iterable[FindingDict], row_count: int
) -> tuple[dict[int, list[FindingDict]], list[FindingDict]]:
    """Split findings into {row index: findings} and the project-level rest, worst first."""
    by_row: dict[int, list[FindingDict]] = defaultdict(list)
    general: list[FindingDict] = []
    for finding in sorted(findings, key=lambda f: SEVERITY_ORDER.get(severity_of(f), 3)):
        row = finding.get("indicator")
        # A finding pointing past the last row (the table was edited since) is shown
        # with the project so it is never silently dropped.
        if isinstance(row, int) and 0 <= row < row_count:
            by_row[row].append(finding)
        else:
            general.append(finding)
    return by_row, general


def merge_levels(rows: Sequence[TableRow]) -> None:
    """Set rowspans so that runs of equal 一级指标, and of equal 二级指标 within them, merge."""
    start1 = start2 = 0
    for i, row in enumerate(rows):
        if i and _same_level1(rows[i - 1], row):
            rows[start1].level1_span += 1
            row.level1_span = 0
        else:
            start1 = i
        if i and _same_level1(rows[i - 1], row) and _same_level2(rows[i - 1], row):
            rows[start2].level2_span += 1
            row.level2_span = 0
        else:
            start2 = i


def _same_level1(a: TableRow, b: TableRow) -> bool:
    return bool(a.indicator.level1) and a.indicator.level1 == b.indicator.level1


def _same_level2(a: TableRow, b: TableRow) -> bool:
    return bool(a.indicator.level2) and a.indicator.level2 == b.indicator.level2


def plan_cells(project: Project) -> list[tuple[str, str]]:
    """Return (heading, printed figure) for 3月底 … 12月底; empty figures print as ""."""
    plan = project.spending_plan
    cells = []
    for month in PLAN_MONTHS:
        number = plan.get(month) if plan else None
        cells.append((f"{month}月底", "" if number is None else f"{format_number(number)}%"))
    return cells


def amount(number: float | int | None) -> str:
    """Print an amount in 万元 with two decimals, as the published tables do; "" when empty."""
    return "" if number is None else f"{number:,.2f}"
