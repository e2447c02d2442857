"""Export a document as one flat CSV table: one row per indicator.

Each row repeats its project's fields, so the file sorts and filters in Excel without
merged cells. A project with no indicators still gets one row. The file is UTF-8 with a
byte-order mark (Excel needs it to read Chinese from a CSV) and CRLF line ends.

Columns, in order (amounts in 万元):

==================  ====================================================================
项目编码            code
项目名称            name
年度                year
单位编码            unit_code
实施单位            unit_name
主管部门            department
表类型              kind: 绩效目标表 / 绩效自评表 / 部门整体
预算数              budget_total
财政资金            budget_fiscal
其他资金            budget_other
资金用途            purpose
3月底 … 12月底      spending_plan, one column per month-end
年度目标            goals, one per line
中长期目标          long_term_goals, one per line
全年执行数          budget_executed
执行率              execution_rate (percent)
总分                total_score
一级指标            level1
二级指标            level2
三级指标            name of the indicator
绩效指标描述        description
指标值              raw_value, as printed
指标方向            direction as the tables print it (大于等于, 小于等于, 等于, 大于, 小于);
                    empty when qualitative
数值                value
计量单位            unit
指标性质            nature
分值                weight
指标值确定依据      basis
实际完成值          actual
得分                score
==================  ====================================================================

A text cell that starts with ``=``, ``+``, ``-`` or ``@`` and is not a number gets a
leading apostrophe, so Excel shows it instead of running it as a formula (uploads come
from anyone).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterator
from typing import BinaryIO

from ..model import PLAN_MONTHS, Document, Indicator, Project
from ..values import format_number, parse_number

KIND_NAMES = {"target": "绩效目标表", "self_evaluation": "绩效自评表", "department": "部门整体"}
DIRECTION_WORDS = {">=": "大于等于", "<=": "小于等于", "=": "等于", ">": "大于", "<": "小于"}
_FORMULA_START = ("=", "+", "-", "@")

ProjectField = tuple[str, Callable[[Project], object]]
IndicatorField = tuple[str, Callable[[Indicator], object]]


def _plan_month(month: int) -> Callable[[Project], object]:
    return lambda p: p.spending_plan.get(month) if p.spending_plan else None


PROJECT_FIELDS: tuple[ProjectField, ...] = (
    ("项目编码", lambda p: p.code),
    ("项目名称", lambda p: p.name),
    ("年度", lambda p: p.year),
    ("单位编码", lambda p: p.unit_code),
    ("实施单位", lambda p: p.unit_name),
    ("主管部门", lambda p: p.department),
    ("表类型", lambda p: KIND_NAMES.get(p.kind, p.kind)),
    ("预算数", lambda p: p.budget_total),
    ("财政资金", lambda p: p.budget_fiscal),
    ("其他资金", lambda p: p.budget_other),
    ("资金用途", lambda p: p.purpose),
    *((f"{month}月底", _plan_month(month)) for month in PLAN_MONTHS),
    ("年度目标", lambda p: "\n".join(p.goals) if p.goals else None),
    ("中长期目标", lambda p: "\n".join(p.long_term_goals) if p.long_term_goals else None),
    ("全年执行数", lambda p: p.budget_executed),
    ("执行率", lambda p: p.execution_rate),
    ("总分", lambda p: p.total_score),
)

INDICATOR_FIELDS: tuple[IndicatorField, ...] = (
    ("一级指标", lambda i: i.level1),
    ("二级指标", lambda i: i.level2),
    ("三级指标", lambda i: i.name),
    ("绩效指标描述", lambda i: i.description),
    ("指标值", lambda i: i.target.raw),
    ("指标方向", lambda i: DIRECTION_WORDS.get(i.target.direction or "")),
    ("数值", lambda i: i.target.number),
    ("计量单位", lambda i: i.target.unit),
    ("指标性质", lambda i: i.nature),
    ("分值", lambda i: i.weight),
    ("指标值确定依据", lambda i: i.basis),
    ("实际完成值", lambda i: i.actual),
    ("得分", lambda i: i.score),
)

HEADER: tuple[str, ...] = tuple(name for name, _ in PROJECT_FIELDS + INDICATOR_FIELDS)


def write(document: Document, out: BinaryIO) -> None:
    """Write ``document`` as a flat UTF-8 (with BOM) CSV to the binary stream ``out``."""
    text = io.StringIO(newline="")
    writer = csv.writer(text, lineterminator="\r\n")
    writer.writerow(HEADER)
    writer.writerows(rows(document))
    out.write(text.getvalue().encode("utf-8-sig"))


def rows(document: Document) -> Iterator[list[str]]:
    """Given a document, yield one list of cell texts per indicator (or bare project)."""
    for project in document.projects:
        head = [_text(get(project)) for _, get in PROJECT_FIELDS]
        if not project.indicators:
            yield head + [""] * len(INDICATOR_FIELDS)
        for indicator in project.indicators:
            yield head + [_text(get(indicator)) for _, get in INDICATOR_FIELDS]


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return format_number(value)
    return _defused(str(value))


def _defused(text: str) -> str:
    if text.startswith(_FORMULA_START) and parse_number(text) is None:
        return "'" + text
    return text
