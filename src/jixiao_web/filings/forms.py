"""Forms of the filings pages: list filters, the table editor, workflow reasons, comments.

The editor posts the indicator grid as parallel lists (``ind-name`` … once per row, in
page order), so adding, removing and reordering rows needs no index bookkeeping: the
order of the inputs on the page is the order of the rows.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, fields
from decimal import Decimal

from django import forms
from django.http import QueryDict

from jixiao.model import PLAN_MONTHS, Indicator, Project, SpendingPlan, Value
from jixiao.values import compose_raw, parse_number, parse_value, squash, to_number

from .models import Grade, Status

LEVEL1_CHOICES = ("产出指标", "效益指标", "满意度指标", "成本指标")
LEVEL2_CHOICES: dict[str, tuple[str, ...]] = {
    "产出指标": ("数量指标", "质量指标", "时效指标", "成本指标"),
    "效益指标": ("经济效益指标", "社会效益指标", "生态效益指标", "可持续影响指标"),
    "满意度指标": ("服务对象满意度指标",),
    "成本指标": ("经济成本指标", "社会成本指标", "生态环境成本指标"),
}
DIRECTION_CHOICES = (("", "—"), (">=", "≥"), ("<=", "≤"), ("=", "="), (">", ">"), ("<", "<"))
GRID_FIELDS = (
    "level1",
    "level2",
    "name",
    "description",
    "direction",
    "number",
    "unit",
    "basis",
    "weight",
)
MAX_ROWS = 200


class ListFilterForm(forms.Form):
    """The filters of the project list; every field optional, bad values ignored."""

    q = forms.CharField(required=False, max_length=100, label="搜索")
    year = forms.IntegerField(required=False, min_value=1990, max_value=2100, label="年度")
    organisation = forms.IntegerField(required=False, label="单位")
    status = forms.ChoiceField(required=False, choices=[("", "全部状态"), *Status.choices])
    grade = forms.ChoiceField(required=False, choices=[("", "全部等级"), *Grade.choices])


class ReasonForm(forms.Form):
    """A workflow step with a reason (required when returning a table)."""

    reason = forms.CharField(required=False, max_length=2000, label="说明")

    def __init__(self, *args, required: bool = False, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["reason"].required = required
        self.fields["reason"].error_messages["required"] = "退回必须填写原因。"


class CommentForm(forms.Form):
    text = forms.CharField(
        max_length=2000, label="意见", error_messages={"required": "请填写意见。"}
    )
    indicator = forms.IntegerField(required=False, min_value=0, label="指标行")


class DecisionForm(forms.Form):
    rule = forms.RegexField(regex=r"^JX\d{3}$", label="规则")
    indicator = forms.IntegerField(required=False, min_value=0, label="指标行")
    decision = forms.ChoiceField(choices=(("accepted", "采纳"), ("dismissed", "不采纳")))
    reason = forms.CharField(required=False, max_length=2000, label="理由")

    def clean(self) -> dict:
        data = super().clean()
        if data.get("decision") == "dismissed" and not squash(data.get("reason")):
            self.add_error("reason", "不采纳审核发现时必须说明理由。")
        return data


class HeaderForm(forms.Form):
    """The header block of the table (项目名称 … 资金支出计划, 绩效目标)."""

    name = forms.CharField(
        max_length=500, label="项目名称", error_messages={"required": "请填写项目名称。"}
    )
    code = forms.CharField(required=False, max_length=100, label="项目编码")
    year = forms.IntegerField(required=False, min_value=1990, max_value=2100, label="年度")
    unit_name = forms.CharField(required=False, max_length=300, label="实施单位")
    department = forms.CharField(required=False, max_length=300, label="主管部门")
    budget_total = forms.DecimalField(
        required=False, max_digits=18, decimal_places=4, label="预算数（万元）"
    )
    budget_fiscal = forms.DecimalField(
        required=False, max_digits=18, decimal_places=4, label="其中：财政资金"
    )
    budget_other = forms.DecimalField(
        required=False, max_digits=18, decimal_places=4, label="其他资金"
    )
    purpose = forms.CharField(
        required=False, widget=forms.Textarea(attrs={"rows": 3}), label="资金用途"
    )
    goals = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        label="绩效目标（每行一条）",
    )
    plan_3 = forms.DecimalField(required=False, max_digits=8, decimal_places=2, label="3月底")
    plan_6 = forms.DecimalField(required=False, max_digits=8, decimal_places=2, label="6月底")
    plan_10 = forms.DecimalField(required=False, max_digits=8, decimal_places=2, label="10月底")
    plan_12 = forms.DecimalField(required=False, max_digits=8, decimal_places=2, label="12月底")


@dataclass(slots=True)
class GridRow:
    """One row of the editor as typed, kept verbatim so a refused save loses nothing."""

    level1: str = ""
    level2: str = ""
    name: str = ""
    description: str = ""
    direction: str = ""
    number: str = ""
    unit: str = ""
    basis: str = ""
    weight: str = ""
    extra: dict = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)

    @property
    def extra_json(self) -> str:
        """The carried-over cells as the hidden input's value."""
        return json.dumps(self.extra, ensure_ascii=False) if self.extra else ""


def header_initial(project: Project) -> dict:
    """Given a project, return the HeaderForm's initial values."""
    plan = project.spending_plan
    initial = {
        "name": project.name,
        "code": project.code,
        "year": project.year,
        "unit_name": project.unit_name,
        "department": project.department,
        "budget_total": project.budget_total,
        "budget_fiscal": project.budget_fiscal,
        "budget_other": project.budget_other,
        "purpose": project.purpose,
        "goals": "\n".join(project.goals or []),
    }
    for month in PLAN_MONTHS:
        initial[f"plan_{month}"] = plan.get(month) if plan else None
    return initial


def rows_from_project(project: Project) -> list[GridRow]:
    """Given a project, return its indicators as editor rows."""
    return [row_from_indicator(ind) for ind in project.indicators]


def row_from_indicator(ind: Indicator) -> GridRow:
    """Split the target into operator, value and unit for the editor (qualitative: text only)."""
    target = ind.target
    quantitative = target.number is not None
    return GridRow(
        level1=ind.level1 or "",
        level2=ind.level2 or "",
        name=ind.name or "",
        description=ind.description or "",
        direction=(target.direction or "") if quantitative else "",
        number=_plain(target.number) if quantitative else (target.raw or ""),
        unit=(target.unit or "") if quantitative else "",
        basis=ind.basis or "",
        weight=_plain(ind.weight),
        extra=_indicator_extra(ind),
    )


def rows_from_post(data: QueryDict) -> list[GridRow]:
    """Given the posted editor, return the grid rows in page order (at most MAX_ROWS)."""
    columns = {name: data.getlist(f"ind-{name}") for name in GRID_FIELDS}
    count = min(max((len(v) for v in columns.values()), default=0), MAX_ROWS)
    extras = data.getlist("ind-extra")
    rows = []
    for i in range(count):
        values = {name: _at(columns[name], i).strip() for name in GRID_FIELDS}
        rows.append(GridRow(**values, extra=_decode_extra(_at(extras, i))))
    return rows


def indicator_from_row(row: GridRow) -> Indicator:
    """Given an editor row, return the indicator, composing the printed value from its parts.

    A value that is a number becomes quantitative (``≥`` ``95`` ``%`` → ``≥95%``); any other
    text is a qualitative target kept as typed, and an operator or unit beside it is an error.
    """
    row.errors = []
    number = parse_number(row.number) if row.number else None
    if number is not None:
        direction = row.direction or "="
        unit = squash(row.unit) or None
        raw = _printed(row.extra.get("raw"), direction, number, unit)
        target = Value(raw or compose_raw(direction, number, unit), direction, number, unit)  # type: ignore[arg-type]
    else:
        if row.direction or row.unit:
            row.errors.append("定性指标值不能填写方向或单位；定量指标值请只填数字。")
        target = Value(raw=squash(row.number) or None)
    if not row.name:
        row.errors.append("请填写三级指标名称。")
    weight = parse_number(row.weight) if row.weight else None
    if row.weight and weight is None:
        row.errors.append(f"分值“{row.weight}”不是数字。")
    return Indicator(
        level1=row.level1 or None,
        level2=row.level2 or None,
        name=row.name or None,
        description=row.description or None,
        target=target,
        basis=row.basis or None,
        weight=weight,
        **{k: v for k, v in row.extra.items() if k in _EXTRA_FIELDS},
    )


def _printed(raw: str | None, direction: str, number: float | int, unit: str | None) -> str | None:
    """Return the value as first printed (≥95百分比) if its parts are unchanged, else None."""
    if not raw:
        return None
    before = parse_value(raw)
    same = (before.direction, before.number, before.unit) == (direction, number, unit)
    return raw if same else None


def project_from_edit(base: Project, header: dict, rows: list[GridRow]) -> Project:
    """Given the stored project and the cleaned editor input, return the edited project.

    Fields the editor does not show (unit code, self-evaluation figures …) are kept from
    ``base`` so that editing never drops data the importer read.
    """
    plan = {m: _number(header.get(f"plan_{m}")) for m in PLAN_MONTHS}
    goals = [line.strip() for line in (header.get("goals") or "").splitlines() if line.strip()]
    changed = {
        "name": header.get("name") or None,
        "code": squash(header.get("code")) or None,
        "year": header.get("year"),
        "unit_name": header.get("unit_name") or None,
        "department": header.get("department") or None,
        "budget_total": _number(header.get("budget_total")),
        "budget_fiscal": _number(header.get("budget_fiscal")),
        "budget_other": _number(header.get("budget_other")),
        "purpose": header.get("purpose") or None,
        "goals": goals or None,
        "spending_plan": _plan(base, plan),
        "indicators": [indicator_from_row(row) for row in rows],
    }
    kept = {f.name: getattr(base, f.name) for f in fields(Project) if f.name not in changed}
    return Project(**kept, **changed)


def apply_grid_op(rows: list[GridRow], op: str) -> list[GridRow]:
    """Apply an editor button (``add``, ``add:3``, ``remove:3``, ``up:3``, ``down:3``)."""
    verb, _, arg = op.partition(":")
    index = int(arg) if arg.isdigit() else None
    rows = list(rows)
    if verb == "add" and len(rows) < MAX_ROWS:
        at = len(rows) if index is None else min(index + 1, len(rows))
        template = rows[at - 1] if 0 < at <= len(rows) else None
        rows.insert(at, _new_row_after(template))
    elif index is None or not 0 <= index < len(rows):
        return rows
    elif verb == "remove":
        del rows[index]
    elif verb == "up" and index > 0:
        rows[index - 1], rows[index] = rows[index], rows[index - 1]
    elif verb == "down" and index < len(rows) - 1:
        rows[index + 1], rows[index] = rows[index], rows[index + 1]
    return rows


@dataclass(frozen=True)
class GridFocus:
    """Where the keyboard goes after a grid button rebuilt the grid (else focus is lost).

    ``row`` is None for the 添加指标 button below the grid; ``control`` is ``name`` (the
    三级指标 input), ``up`` or ``down`` (the moved row's button, to press it again).
    """

    row: int | None
    control: str
    added: bool = False


def grid_focus(op: str, rows: list[GridRow]) -> GridFocus:
    """Given the button just applied and the rows it produced, return where focus goes."""
    verb, _, arg = op.partition(":")
    index = int(arg) if arg.isdigit() else None
    if verb == "add":
        at = len(rows) - 1 if index is None else min(index + 1, len(rows) - 1)
        return GridFocus(at, "name", added=True)
    if not rows or index is None:
        return GridFocus(None, "add")
    if verb == "up":
        return GridFocus(max(index - 1, 0), "up")
    if verb == "down":
        return GridFocus(min(index + 1, len(rows) - 1), "down")
    return GridFocus(min(index, len(rows) - 1), "name")


def _new_row_after(template: GridRow | None) -> GridRow:
    # A new row usually belongs to the same categories as the one above it.
    if template is None:
        return GridRow(level1=LEVEL1_CHOICES[0], level2=LEVEL2_CHOICES[LEVEL1_CHOICES[0]][0])
    return GridRow(level1=template.level1, level2=template.level2)


def _plan(base: Project, plan: dict[int, float | int | None]) -> SpendingPlan | None:
    # Keep "no plan section" (None) distinct from "a plan with empty cells".
    if base.spending_plan is None and all(v is None for v in plan.values()):
        return None
    return SpendingPlan(by_month=plan)


def _number(value: Decimal | float | int | None) -> float | int | None:
    return None if value is None else to_number(str(value))


def _plain(number: float | int | None) -> str:
    return "" if number is None else str(to_number(str(number)))


def _at(values: list[str], i: int) -> str:
    return values[i] if i < len(values) else ""


_EXTRA_FIELDS = ("nature", "actual", "score")


def _indicator_extra(ind: Indicator) -> dict:
    extra = {name: getattr(ind, name) for name in _EXTRA_FIELDS if getattr(ind, name) is not None}
    if ind.target.number is not None and ind.target.raw:
        extra["raw"] = ind.target.raw
    return extra


def _decode_extra(text: str) -> dict:
    """Read the hidden per-row carry-over (指标性质, 分值 …) the editor does not show."""
    try:
        data = json.loads(text) if text else {}
    except ValueError:
        return {}
    if not isinstance(data, dict):
        return {}
    allowed = (*_EXTRA_FIELDS, "raw")
    return {k: v for k, v in data.items() if k in allowed and isinstance(v, str | int | float)}
