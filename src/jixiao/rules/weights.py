"""JX5xx: weights (分值).

Where a table prints weights, the indicators share 90 points and 预算执行率 the other 10;
the first-level split defaults to 产出 50 / 效益 30 / 满意度 10, or 成本 20 / 产出 40 /
效益 20 / 满意度 10 under 101号 (research/regulations.md §2.4).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from types import MappingProxyType

from ..model import Project
from ..values import format_number
from .base import Context, Finding, Rule, Severity
from .view import OTHER, Row

_EXECUTION = "执行率"


def weighted_rows(ctx: Context) -> list[Row]:
    """Return the rows that carry a weight (placeholders included: their 0 counts)."""
    return [row for row in ctx.view.rows if row.indicator.weight is not None]


def _is_execution(row: Row) -> bool:
    return _EXECUTION in row.name and "预算" in row.name


def indicator_total(rows: list[Row]) -> tuple[float, bool]:
    """Return the weight total of the rows and whether a 预算执行率 row is among them."""
    total = sum(float(row.indicator.weight or 0) for row in rows)
    return total, any(_is_execution(row) for row in rows)


def _expected_total(has_execution: bool, thresholds: Mapping) -> float:
    return thresholds["total"] + (thresholds["execution"] if has_execution else 0)


class WeightsDoNotSum(Rule):
    """Weights that do not sum to 90 (100 with 预算执行率's 10).

    ## 检查内容
    项目填写了指标分值，但合计不等于90；表中把预算执行率（10分）列为指标时，合计不等于100。
    绩效目标表（非自评表）中各指标合计100分的，是把全部分值分给指标的版式（如“权重(%)”），
    也不报告；不接受这种版式的地区可把阈值 whole_in_target 设为 false。

    ## 为什么要查
    10号规定：预算执行率10分，产出指标50分，效益指标30分，满意度指标10分，
    即绩效指标合计90分（regulations.md §2.4、§9 #28）。合计既不是90也不是100，
    说明分值填写有误。

    ## 反例
    ```json
    {"indicators": [
      ["产出指标", "数量指标", "培训人数", "≥200人次", {"weight": 20}],
      ["产出指标", "质量指标", "培训合格率", "≥95%", {"weight": 10}],
      ["产出指标", "时效指标", "培训完成时间", "2025年10月底前", {"weight": 10}],
      ["产出指标", "成本指标", "培训成本", "≤10万元", {"weight": 10}],
      ["效益指标", "社会效益指标", "窗口办件差错率", "≤1%", {"weight": 30}],
      ["满意度指标", "服务对象满意度指标", "参训人员满意度", "≥90%", {"weight": 15}]
    ]}
    ```

    ## 正例
    ```json
    {"indicators": [
      ["产出指标", "数量指标", "培训人数", "≥200人次", {"weight": 20}],
      ["产出指标", "质量指标", "培训合格率", "≥95%", {"weight": 10}],
      ["产出指标", "时效指标", "培训完成时间", "2025年10月底前", {"weight": 10}],
      ["产出指标", "成本指标", "培训成本", "≤10万元", {"weight": 10}],
      ["效益指标", "社会效益指标", "窗口办件差错率", "≤1%", {"weight": 30}],
      ["满意度指标", "服务对象满意度指标", "参训人员满意度", "≥90%", {"weight": 10}]
    ]}
    ```
    """

    code = "JX501"
    severity = Severity.ERROR
    title = "指标分值合计不等于90"
    rationale = "指标权重合计90分，预算执行率10分（10号 第十三条；regulations.md §2.4）"
    thresholds = MappingProxyType(
        {"total": 90, "execution": 10, "tolerance": 0.01, "whole_in_target": True}
    )

    def check_project(self, project: Project, ctx: Context) -> Iterator[Finding]:
        rows = weighted_rows(ctx)
        if not rows:
            return
        total, has_execution = indicator_total(rows)
        expected = _expected_total(has_execution, self.thresholds)
        if self._whole_score(project, total, has_execution):
            return
        if abs(total - expected) > self.thresholds["tolerance"]:
            yield self.finding(
                ctx,
                f"指标分值合计为{format_number(round(total, 2))}分，应为{format_number(expected)}分"
                + ("（含预算执行率10分）。" if has_execution else "（预算执行率另计10分）。"),
                "调整各指标分值，使合计为90分（产出50、效益30、满意度10）。",
            )

    def _whole_score(self, project: Project, total: float, has_execution: bool) -> bool:
        # A target table scores nothing yet: a layout that gives its indicators the whole
        # 100 (权重(%)) is a provincial convention; self-evaluation keeps 10 for 执行率.
        whole = self.thresholds["total"] + self.thresholds["execution"]
        return (
            bool(self.thresholds["whole_in_target"])
            and project.kind == "target"
            and not has_execution
            and abs(total - whole) <= self.thresholds["tolerance"]
        )


_DEFAULT_SPLITS = (
    {"产出": 50, "效益": 30, "满意度": 10},
    {"产出": 50, "效益": 40},
    {"成本": 20, "产出": 40, "效益": 20, "满意度": 10},
    {"成本": 20, "产出": 40, "效益": 30},
)


class FirstLevelSplitOff(Rule):
    """First-level weight split off the standard.

    ## 检查内容
    分值合计正确，但各一级指标的分值不是产出50、效益30、满意度10（101号含成本指标时为成本20、
    产出40、效益20、满意度10；未设满意度指标时，满意度的10分并入效益）。每个一级指标偏离标准
    不超过阈值 adjustment（默认5分，如产出52、效益26、满意度12）的，视为“适当调整”，不报告。

    ## 为什么要查
    10号和101号规定了一级指标分值，但“如有特殊情况，一级指标权重可做适当调整”，
    所以本规则只作警告，不作错误，且不报告几分以内的调整（regulations.md §2.4、§9 #28）。

    ## 反例
    ```json
    {"indicators": [
      ["产出指标", "数量指标", "培训人数", "≥200人次", {"weight": 20}],
      ["产出指标", "质量指标", "培训合格率", "≥95%", {"weight": 20}],
      ["产出指标", "时效指标", "培训完成时间", "2025年10月底前", {"weight": 10}],
      ["产出指标", "成本指标", "培训成本", "≤10万元", {"weight": 10}],
      ["效益指标", "社会效益指标", "窗口办件差错率", "≤1%", {"weight": 20}],
      ["满意度指标", "服务对象满意度指标", "参训人员满意度", "≥90%", {"weight": 10}]
    ]}
    ```

    ## 正例
    ```json
    {"indicators": [
      ["产出指标", "数量指标", "培训人数", "≥200人次", {"weight": 20}],
      ["产出指标", "质量指标", "培训合格率", "≥95%", {"weight": 10}],
      ["产出指标", "时效指标", "培训完成时间", "2025年10月底前", {"weight": 10}],
      ["产出指标", "成本指标", "培训成本", "≤10万元", {"weight": 10}],
      ["效益指标", "社会效益指标", "窗口办件差错率", "≤1%", {"weight": 30}],
      ["满意度指标", "服务对象满意度指标", "参训人员满意度", "≥90%", {"weight": 10}]
    ]}
    ```
    """

    code = "JX502"
    severity = Severity.WARNING
    title = "一级指标分值结构不符合标准"
    rationale = (
        "一级指标权重默认产出50、效益30、满意度10（10号；101号含成本时20/40/20/10；"
        "regulations.md §2.4）"
    )
    thresholds = MappingProxyType(
        {
            "splits": _DEFAULT_SPLITS,
            "tolerance": 0.01,
            "total": 90,
            "execution": 10,
            "adjustment": 5,
        }
    )

    def check_project(self, project: Project, ctx: Context) -> Iterator[Finding]:
        rows = [row for row in weighted_rows(ctx) if not _is_execution(row)]
        if not rows or any(row.l1 in (None, OTHER) for row in rows):
            return
        total, _ = indicator_total(rows)
        if abs(total - self.thresholds["total"]) > self.thresholds["tolerance"]:
            return  # JX501 reports the total; a split of a wrong total says nothing more
        split: dict[str, float] = {}
        for row in rows:
            split[row.l1] = split.get(row.l1, 0) + float(row.indicator.weight or 0)  # type: ignore[index]
        split = {k: v for k, v in split.items() if v}
        if not any(self._matches(split, standard) for standard in self.thresholds["splits"]):
            shown = "、".join(f"{k}{format_number(round(v, 2))}" for k, v in split.items())
            yield self.finding(
                ctx,
                f"一级指标分值为{shown}，不符合产出50、效益30、满意度10的标准结构。",
                "按产出50、效益30、满意度10（设成本指标的按成本20、产出40、效益20、满意度10）分配分值。",
            )

    def _matches(self, split: Mapping[str, float], standard: Mapping[str, float]) -> bool:
        # 10号 allows "适当调整": a few points moved between first levels is no defect.
        tolerance = max(self.thresholds["tolerance"], self.thresholds["adjustment"])
        keys = set(split) | set(standard)
        return all(abs(split.get(k, 0) - standard.get(k, 0)) <= tolerance for k in keys)


class ZeroWeight(Rule):
    """A weight of 0 on a real indicator.

    ## 检查内容
    指标有名称和指标值，但分值为0（名称为“无”的占位行由 JX115 检查）。

    ## 为什么要查
    不计分的指标要么不需要，要么分值设置有误；自评系统会校验“权重大
    于0”（regulations.md §6.3(g)、§9 #28）。

    ## 反例
    ```json
    {"indicators": [
      ["产出指标", "数量指标", "培训人数", "≥200人次", {"weight": 20}],
      ["产出指标", "质量指标", "培训合格率", "≥95%", {"weight": 10}],
      ["产出指标", "时效指标", "培训完成时间", "2025年10月底前", {"weight": 10}],
      ["产出指标", "成本指标", "培训成本", "≤10万元", {"weight": 10}],
      ["效益指标", "社会效益指标", "窗口办件差错率", "≤1%", {"weight": 30}],
      ["效益指标", "可持续影响指标", "培训成果应用率", "≥80%", {"weight": 0}],
      ["满意度指标", "服务对象满意度指标", "参训人员满意度", "≥90%", {"weight": 10}]
    ]}
    ```

    ## 正例
    ```json
    {"indicators": [
      ["产出指标", "数量指标", "培训人数", "≥200人次", {"weight": 20}],
      ["产出指标", "质量指标", "培训合格率", "≥95%", {"weight": 10}],
      ["产出指标", "时效指标", "培训完成时间", "2025年10月底前", {"weight": 10}],
      ["产出指标", "成本指标", "培训成本", "≤10万元", {"weight": 10}],
      ["效益指标", "社会效益指标", "窗口办件差错率", "≤1%", {"weight": 25}],
      ["效益指标", "可持续影响指标", "培训成果应用率", "≥80%", {"weight": 5}],
      ["满意度指标", "服务对象满意度指标", "参训人员满意度", "≥90%", {"weight": 10}]
    ]}
    ```
    """

    code = "JX503"
    severity = Severity.WARNING
    title = "指标分值为0"
    rationale = "设置的指标应有分值（权重大于0）（regulations.md §6.3(g)、§9 #28）"

    def check_project(self, project: Project, ctx: Context) -> Iterator[Finding]:
        for row in ctx.view.real_rows:
            if row.indicator.weight == 0 and row.name:
                yield self.finding(
                    ctx,
                    f"指标“{row.name}”的分值为0。",
                    "为该指标分配分值，或删除不需要的指标。",
                    row.index,
                )
