"""JX2xx: the spending plan (资金支出计划).

Tables of the Hebei layout print the cumulative share of the budget to be spent by the
end of March, June, October and December, as percentages (research/regulations.md §2.2,
§9 #27). The plan feeds in-year execution monitoring (§5).
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import pairwise
from types import MappingProxyType

from ..model import PLAN_MONTHS, Number, Project
from ..values import format_number as _format_number
from .base import Context, Finding, Rule, Severity

_FIX_PERCENT = "资金支出计划按累计支出进度填写百分比（如25、50、75、100），12月底为100。"


def plan_figures(project: Project) -> list[tuple[int, Number]]:
    """Return the plan's filled (month, figure) pairs in month order."""
    plan = project.spending_plan
    if plan is None:
        return []
    return [(m, plan.get(m)) for m in PLAN_MONTHS if plan.get(m) is not None]  # type: ignore[misc]


def looks_like_amounts(project: Project, tolerance: float = 0.005) -> bool:
    """Return whether the plan's figures are amounts in 万元 rather than percentages.

    Amounts end at the budget (6.00 for a 6.00万元 budget), or are round shares of it
    (2.25, 4.5, 6.75 of 9) while not being round percentages themselves.
    """
    figures = [f for _, f in plan_figures(project)]
    budget = project.budget_total
    if not figures or not budget:
        return False
    top = max(figures)
    # Ending at exactly 100 reads as percentages even when the budget is about 100万元.
    if top > budget * (1 + tolerance) or abs(top - 100) < 0.01:
        return False
    if abs(top - budget) <= budget * tolerance:
        return True
    shares = [f / budget * 100 for f in figures]
    return all(_is_round(s) for s in shares) and not all(_is_round(f) for f in figures)


def _is_round(number: float) -> bool:
    return abs(number / 5 - round(number / 5)) < 1e-6


def format_number(number: Number) -> str:
    """Format a plan figure without float noise (142.70250000000001 → 142.7025)."""
    return _format_number(round(number, 4))


def _percent(project: Project, figure: Number, amounts: bool) -> float:
    """Return a plan figure as a share of the budget in % (amounts are converted)."""
    return figure / project.budget_total * 100 if amounts and project.budget_total else figure


def _month(month: int) -> str:
    return f"{month}月底"


class PlanDecreases(Rule):
    """Cumulative plan that decreases from one quarter to the next.

    ## 检查内容
    资金支出计划中，后一时点（月底）的累计支出进度小于前一时点。

    ## 为什么要查
    资金支出计划是截至各月底的累计支出进度，只能持平或增加（regulations.md §9 #27）。

    ## 反例
    ```json
    {"spending_plan": {"3": 30, "6": 20, "10": 75, "12": 100}}
    ```

    ## 正例
    ```json
    {"spending_plan": {"3": 20, "6": 30, "10": 75, "12": 100}}
    ```
    """

    code = "JX201"
    severity = Severity.ERROR
    title = "资金支出计划累计进度下降"
    rationale = "资金支出计划为累计进度，后一时点不应低于前一时点（regulations.md §9 #27）"

    def check_project(self, project: Project, ctx: Context) -> Iterator[Finding]:
        figures = plan_figures(project)
        for (m1, f1), (m2, f2) in pairwise(figures):
            if f2 < f1:
                yield self.finding(
                    ctx,
                    f"资金支出计划{_month(m2)}为{format_number(f2)}，"
                    f"低于{_month(m1)}的{format_number(f1)}（应为累计数）。",
                    _FIX_PERCENT,
                )
                return


class PlanDoesNotReachFull(Rule):
    """Plan that does not reach 100% by 12月底.

    ## 检查内容
    资金支出计划12月底的累计支出进度低于100%，或其他时点已填写、尚未达到100%而12月底为空。
    较早的时点已达到100%（如10月底为100、12月底空白）说明资金计划提前支出完毕，不报告；
    填成金额的计划由 JX203 报告。

    ## 为什么要查
    年度预算应在年内执行完毕，12月底累计支出进度应为100%（regulations.md §5 预算执行监
    控、§9 #27）。

    ## 反例
    ```json
    {"spending_plan": {"3": 25, "6": 50, "10": 75, "12": 90}}
    ```

    ## 正例
    ```json
    {"spending_plan": {"3": 25, "6": 50, "10": 75, "12": 100}}
    ```
    """

    code = "JX202"
    severity = Severity.WARNING
    title = "资金支出计划12月底未达到100%"
    rationale = "年度预算应在年内执行完毕，12月底累计支出进度应为100%（regulations.md §9 #27）"
    thresholds = MappingProxyType({"full": 100, "tolerance": 0.01})

    def check_project(self, project: Project, ctx: Context) -> Iterator[Finding]:
        figures = plan_figures(project)
        if not figures:
            return
        amounts = looks_like_amounts(project)
        december = project.spending_plan.get(12) if project.spending_plan else None
        full = self.thresholds["full"]
        reached = full - self.thresholds["tolerance"]
        if december is None:
            # A cumulative plan that reached 100% by 10月底 is at 100% on 12月底 too: the
            # blank cell repeats nothing (a once-a-year payment, e.g. a service fee).
            if max(_percent(project, figure, amounts) for _, figure in figures) < reached:
                yield self.finding(ctx, "资金支出计划12月底未填写。", _FIX_PERCENT)
        elif december < reached and not amounts:
            yield self.finding(
                ctx,
                f"资金支出计划12月底为{format_number(december)}%，未达到{format_number(full)}%。",
                _FIX_PERCENT,
            )


class PlanAsAmounts(Rule):
    """Plan figures that are amounts, not percentages.

    ## 检查内容
    表头为“资金支出计划（%）”，填写的却是金额：最后一个时点等于预算数（预算6.00万元时填6.00），
    或各时点是预算数的整齐份额。

    ## 为什么要查
    资金支出计划应填写占预算的累计支出百分比；填成金额后无法用于预算执行进度监控
    （regulations.md §9 #27）。

    ## 反例
    ```json
    {"budget_total": 6, "budget_fiscal": 6,
     "spending_plan": {"3": 1.5, "6": 3, "10": 4.5, "12": 6},
     "rows": [["产出指标", "成本指标", "培训成本", "≤6万元"]]}
    ```

    ## 正例
    ```json
    {"budget_total": 6, "budget_fiscal": 6,
     "spending_plan": {"3": 25, "6": 50, "10": 75, "12": 100},
     "rows": [["产出指标", "成本指标", "培训成本", "≤6万元"]]}
    ```
    """

    code = "JX203"
    severity = Severity.ERROR
    title = "资金支出计划填成了金额"
    rationale = "资金支出计划（%）应填写累计支出进度百分比（regulations.md §9 #27）"

    def check_project(self, project: Project, ctx: Context) -> Iterator[Finding]:
        if looks_like_amounts(project):
            figures = "、".join(format_number(f) for _, f in plan_figures(project))
            budget = format_number(project.budget_total or 0)
            yield self.finding(
                ctx,
                f"资金支出计划（%）填写的{figures}是金额（预算数为{budget}万元），不是百分比。",
                _FIX_PERCENT,
            )


class PlanAboveFull(Rule):
    """A plan figure above 100.

    ## 检查内容
    资金支出计划中有超过100（%）的数值；如果各时点填写的是金额，则由 JX203 报告。

    ## 为什么要查
    累计支出不可能超过全部预算（regulations.md §9 #27）。

    ## 反例
    ```json
    {"spending_plan": {"3": 25, "6": 50, "10": 75, "12": 120}}
    ```

    ## 正例
    ```json
    {"spending_plan": {"3": 25, "6": 50, "10": 75, "12": 100}}
    ```
    """

    code = "JX204"
    severity = Severity.ERROR
    title = "资金支出计划超过100%"
    rationale = "累计支出进度不能超过100%（regulations.md §9 #27）"
    thresholds = MappingProxyType({"full": 100, "tolerance": 0.01})

    def check_project(self, project: Project, ctx: Context) -> Iterator[Finding]:
        limit = self.thresholds["full"] + self.thresholds["tolerance"]
        over = [(m, f) for m, f in plan_figures(project) if f > limit]
        if over and not looks_like_amounts(project):
            month, figure = over[0]
            yield self.finding(
                ctx,
                f"资金支出计划{_month(month)}为{format_number(figure)}%，超过100%。",
                _FIX_PERCENT,
            )
