"""The standard 项目支出绩效目标表 as a grid of (possibly merged) cells.

Both the Excel and the Word exporter draw the same table, so the layout is decided once
here and each writer only renders it. The table follows the published form: the header
fields as label/value pairs (项目编码, 项目名称, 主管部门, 实施单位, 预算数, 资金用途,
资金支出计划, 年度目标), then the indicator table with its level1 and level2 blocks merged
vertically. Optional columns (绩效指标描述, 指标性质, 分值, 指标值确定依据, 实际完成值, 得分)
appear only when the document has them, so what is exported reads back the same.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Literal

from ..model import PLAN_MONTHS, Indicator, Number, Project, Value
from ..values import format_number, parse_value, value_from_columns

CellValue = str | Number | None
Role = Literal["label", "value", "header", "body"]

# 指标方向 column words, as the 9-column layout prints them.
DIRECTION_WORDS: dict[str, str] = {
    ">=": "大于等于",
    "<=": "小于等于",
    "=": "等于",
    ">": "大于",
    "<": "小于",
}
MIN_WIDTH = 6
# Control characters XML 1.0 cannot hold; imported text occasionally carries them.
_NOT_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


@dataclass(slots=True)
class Span:
    """One cell of the layout; ``rows``/``cols`` > 1 when it is merged."""

    row: int
    col: int
    value: CellValue
    role: Role = "value"
    rows: int = 1
    cols: int = 1
    # An amount in 万元: printed with two decimals where that loses nothing.
    amount: bool = False


@dataclass(frozen=True, slots=True)
class Column:
    """One column of the indicator table: its header, width (in characters) and cell."""

    header: str
    width: float
    cell: Callable[[Indicator], CellValue]


@dataclass(slots=True)
class ProjectTable:
    """One project's table, plus the lines printed above it."""

    title: str
    subtitle: str | None
    unit_line: str | None
    columns: list[Column]
    spans: list[Span] = field(default_factory=list)
    height: int = 0
    # Row index of the indicator header (repeated on each printed page).
    indicator_header: int = 0

    @property
    def width(self) -> int:
        return len(self.columns)

    def add(self, value: CellValue, *, col: int, role: Role = "value", **shape) -> None:
        """Add a cell on the current row; ``shape`` sets rows, cols and amount."""
        self.spans.append(Span(self.height, col, printable(value), role, **shape))


def shows_cents(value: CellValue) -> bool:
    """Tell whether an amount prints the same with two decimals (28.75, 60 → 60.00)."""
    return isinstance(value, int | float) and round(value, 2) == value


def printable(value: CellValue) -> CellValue:
    """Return ``value`` with the control characters that XML cannot store removed."""
    return _NOT_XML.sub("", value) if isinstance(value, str) else value


AMOUNT_UNIT = "单位：万元"
_DASH = "—"


def project_table(project: Project) -> ProjectTable:
    """Given a project, return its standard table layout."""
    columns = indicator_columns(project)
    table = ProjectTable(
        title=printable(project_title(project)),
        subtitle=f"（{project.year}年度）" if project.year else None,
        unit_line=printable(_unit_line(project)),
        columns=columns,
    )
    for pairs in _header_rows(project):
        _add_pairs(table, pairs)
    if _is_evaluated(project):
        _add_budget_execution(table, project)
    else:
        _add_pairs(table, _budget_pairs(project), amounts=True)
    _add_text_row(table, "资金用途", project.purpose)
    _add_spending_plan(table, project)
    _add_text_row(table, "年度目标", _joined(project.goals))
    _add_text_row(table, "中期目标", _joined(project.long_term_goals))
    _add_indicators(table, project.indicators)
    _add_total_score(table, project.total_score)
    return table


def project_title(project: Project) -> str:
    """Given a project, return the table title the published documents print above it."""
    suffix = {"self_evaluation": "绩效自评表", "department": "整体绩效目标表"}.get(
        project.kind, "绩效目标表"
    )
    name = project.name or ""
    if project.kind == "department":
        return f"{name}部门{suffix}" if name else f"部门{suffix}"
    if not name:
        return f"项目支出{suffix}"
    return f"{name}{suffix}" if name.endswith("项目") else f"{name}项目{suffix}"


def _unit_line(project: Project) -> str | None:
    # The unit code is only printed on the unit line; without it the 实施单位 field
    # already carries the unit name.
    if not project.unit_code:
        return None
    return f"{project.unit_code}{project.unit_name or ''}"


# --- header fields ---------------------------------------------------------------------

Pair = tuple[str, CellValue]


def _header_rows(project: Project) -> Iterator[list[Pair]]:
    yield _present(("项目编码", project.code), ("项目名称", project.name))
    yield _present(("主管部门", project.department), ("实施单位", project.unit_name))


def _budget_pairs(project: Project) -> list[Pair]:
    return _present(
        ("预算数", project.budget_total),
        ("其中：财政资金", project.budget_fiscal),
        ("其他资金", project.budget_other),
    )


def _is_evaluated(project: Project) -> bool:
    return project.kind == "self_evaluation" or any(
        v is not None for v in (project.budget_executed, project.execution_rate)
    )


def _add_budget_execution(table: ProjectTable, project: Project) -> None:
    """Lay out the self-evaluation budget block: 全年预算数, 全年执行数 and 执行率 columns."""
    lines = [
        ("年度资金总额", project.budget_total, project.budget_executed, project.execution_rate),
        ("其中：财政资金", project.budget_fiscal, None, None),
        ("其他资金", project.budget_other, None, None),
    ]
    table.add("项目资金（万元）", col=0, role="label")
    for col, heading in enumerate(("全年预算数", "全年执行数", "执行率"), start=1):
        table.add(heading, col=col, role="label", cols=_last_cols(table, col, 3))
    table.height += 1
    for label, budget, executed, rate in lines:
        if label != "年度资金总额" and budget is None:
            continue
        table.add(label, col=0, role="label")
        rate_text = f"{format_number(rate)}%" if rate is not None else None
        for col, value in enumerate((budget, executed, rate_text), start=1):
            # A dash, as the published forms print, keeps the row as wide as its header.
            shown = _DASH if value is None else value
            table.add(shown, col=col, cols=_last_cols(table, col, 3), amount=col < 3)
        table.height += 1


def _last_cols(table: ProjectTable, col: int, count: int) -> int:
    """Columns a cell at ``col`` spans: 1, or the rest of the row for the last of ``count``."""
    return table.width - col if col == count else 1


def _add_total_score(table: ProjectTable, total: Number | None) -> None:
    if total is None:
        return
    headers = [column.header for column in table.columns]
    col = headers.index("得分") if "得分" in headers else table.width - 1
    table.add("总分", col=0, role="label", cols=col)
    table.add(total, col=col, role="body")
    table.height += 1


def _present(*pairs: Pair) -> list[Pair]:
    # Only fields with a value are printed: an empty value cell next to a label reads
    # ambiguously once merged cells are flattened.
    return [(label, value) for label, value in pairs if value not in (None, "")]


def _add_pairs(table: ProjectTable, pairs: list[Pair], *, amounts: bool = False) -> None:
    """Lay label/value pairs out on one row, the last value taking the remaining width."""
    if not pairs:
        return
    col = 0
    for index, (label, value) in enumerate(pairs):
        last = index == len(pairs) - 1
        value_cols = table.width - col - 1 if last else _pair_value_cols(table.width, len(pairs))
        table.add(label, col=col, role="label")
        table.add(value, col=col + 1, cols=value_cols, amount=amounts)
        col += 1 + value_cols
    table.height += 1


def _pair_value_cols(width: int, pairs: int) -> int:
    return max(1, width // pairs - 1)


def _add_text_row(table: ProjectTable, label: str, text: str | None) -> None:
    if text:
        _add_pairs(table, [(label, text)])


def _joined(texts: list[str] | None) -> str | None:
    return "\n".join(texts) if texts else None


def _add_spending_plan(table: ProjectTable, project: Project) -> None:
    plan = project.spending_plan
    if plan is None:
        return
    table.add("资金支出计划", col=0, role="label", rows=2)
    for offset, month in enumerate(PLAN_MONTHS):
        cols = table.width - 1 - offset if month == PLAN_MONTHS[-1] else 1
        table.add(f"{month}月底", col=1 + offset, role="label", cols=cols)
    table.height += 1
    for offset, month in enumerate(PLAN_MONTHS):
        cols = table.width - 1 - offset if month == PLAN_MONTHS[-1] else 1
        table.add(plan.get(month), col=1 + offset, cols=cols)
    table.height += 1


# --- indicator table -------------------------------------------------------------------


def indicator_columns(project: Project) -> list[Column]:
    """Given a project, return the indicator-table columns its data needs, in print order."""
    rows = project.indicators
    columns = [
        Column("一级指标", 12, lambda i: i.level1),
        Column("二级指标", 14, lambda i: i.level2),
        Column("三级指标", 24, lambda i: i.name),
    ]
    if _any(rows, lambda i: i.description):
        columns.append(Column("绩效指标描述", 28, lambda i: i.description))
    if _any(rows, lambda i: i.nature):
        columns.append(Column("指标性质", 8, lambda i: i.nature))
    columns.extend(_value_columns(rows))
    if _any(rows, lambda i: i.weight):
        columns.append(Column("分值", 7, lambda i: i.weight))
    if _any(rows, lambda i: i.actual):
        columns.append(Column("实际完成值", 14, lambda i: i.actual))
    if _any(rows, lambda i: i.score):
        columns.append(Column("得分", 7, lambda i: i.score))
    if _any(rows, lambda i: i.basis):
        columns.append(Column("指标值确定依据", 24, lambda i: i.basis))
    while len(columns) < MIN_WIDTH:
        columns.append(Column("", 10, lambda i: None))
    return columns


def _any(rows: list[Indicator], get: Callable[[Indicator], object]) -> bool:
    return any(get(row) not in (None, "") for row in rows)


def _value_columns(rows: list[Indicator]) -> list[Column]:
    """One 指标值 column when every value reads back from its text, else the split layout.

    A table printed with 指标方向 and 计量单位 columns (目标值 "10", 大于等于, 次) cannot
    be written as one cell without changing the printed text, so it keeps its columns.
    """
    if all(_same_value(parse_value(row.target.raw), row.target) for row in rows):
        return [Column("指标值", 16, lambda i: i.target.raw)]
    return [
        Column("指标方向", 10, lambda i: split_value(i.target)[0]),
        Column("目标值", 14, lambda i: i.target.raw),
        Column("计量单位", 9, lambda i: split_value(i.target)[1]),
    ]


def split_value(value: Value) -> tuple[str | None, str | None]:
    """Given a value, return the 指标方向 and 计量单位 cells that read back as it."""
    word = DIRECTION_WORDS.get(value.direction or "")
    for candidate in ((word, value.unit), (word, None), (None, value.unit), (None, None)):
        if _same_value(value_from_columns(value.raw, *candidate), value):
            return candidate
    return word, value.unit


def _same_value(a: Value, b: Value) -> bool:
    return (a.raw or None, a.direction, a.number, a.unit) == (
        b.raw or None,
        b.direction,
        b.number,
        b.unit,
    )


def _add_indicators(table: ProjectTable, rows: list[Indicator]) -> None:
    table.indicator_header = table.height
    for col, column in enumerate(table.columns):
        table.add(column.header or None, col=col, role="header")
    table.height += 1
    top = table.height
    for row in rows:
        for col, column in enumerate(table.columns[2:], start=2):
            table.add(column.cell(row), col=col, role="body")
        table.height += 1
    _add_level_blocks(table, rows, top)


def _add_level_blocks(table: ProjectTable, rows: list[Indicator], top: int) -> None:
    """Merge runs of equal level1 cells, and equal level2 cells within each level1 run."""
    for start, end in _runs(rows, 0, len(rows), lambda i: i.level1):
        level1 = printable(rows[start].level1)
        table.spans.append(Span(top + start, 0, level1, "body", end - start))
        for start2, end2 in _runs(rows, start, end, lambda i: i.level2):
            level2 = printable(rows[start2].level2)
            table.spans.append(Span(top + start2, 1, level2, "body", end2 - start2))


def _runs(
    rows: list[Indicator], start: int, end: int, key: Callable[[Indicator], str | None]
) -> Iterator[tuple[int, int]]:
    """Yield [start, end) ranges of consecutive rows with the same non-empty key."""
    run_start = start
    for index in range(start + 1, end + 1):
        if index == end or not key(rows[index]) or key(rows[index]) != key(rows[run_start]):
            yield run_start, index
            run_start = index
