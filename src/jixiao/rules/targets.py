"""JX3xx: target values (细化量化, 合理可行).

A target value must be measurable, point the right way (a cost is a cap, a fault rate a
ceiling, a completion rate a floor), stay within what is possible (≤ 100%, ≤ the
budget) and carry a unit (research/regulations.md §3.1–§3.4, §9 #10–#21).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace
from datetime import date, timedelta
from types import MappingProxyType

from ..model import Project
from ..values import format_number
from .base import Context, Finding, Rule, Severity, milder
from .helpers import has_quantity, money_in_wan, shown, sign, wan
from .view import BENEFIT, QUALITY, QUANTITY, TIME, Row

# A value of only dashes, slashes or stars says nothing: it is an empty cell (JX309).
_BLANK = re.compile(r"^[\W_]*$")


def is_blank(raw: str | None) -> bool:
    """Return whether a 指标值 is empty or only junk characters (-, /, *, ——)."""
    return not raw or bool(_BLANK.match(raw))


def _is_qualitative(row: Row) -> bool:
    raw = row.target.raw
    return row.target.number is None and not row.placeholder and not is_blank(raw)


def measurable(text: str, ctx: Context) -> bool:
    """Return whether a qualitative value can still be judged: a number, a grade, all/none."""
    words = ctx.settings.vocabulary
    return (
        has_quantity(text)
        or text in words["graded"]
        or bool(words.pattern("measurable").search(text))
    )


class CostWithLowerBound(Rule):
    """Cost indicator with direction ≥ or >.

    ## 检查内容
    成本指标的金额目标值使用“≥”或“>”。百分比形式的成本指标由 JX303 报告（其方向无从判断）；
    政策规定的最低保障标准（如“生均公用经费标准≥720元/生·年”，见词表 floor_standards）
    本身就是下限，不报告。

    ## 为什么要查
    成本指标是成本的控制上限：101号把成本指标定义为“预期控制范围”，
    成本指标值“不得超出规定的预算支出标准”。写“≥9万元”反而鼓励多花钱。应写“≤”，
    固定合同价可写“=”（regulations.md §3.4、§9 #10）。

    ## 反例
    ```json
    {"rows": [["产出指标", "成本指标", "培训成本", "≥10万元"]]}
    ```

    ## 正例
    ```json
    {"rows": [["产出指标", "成本指标", "培训成本", "≤10万元"]]}
    ```
    """

    code = "JX301"
    severity = Severity.ERROR
    title = "成本指标方向错误"
    rationale = "成本指标反映成本控制，目标值是上限（101号；regulations.md §3.4、§9 #10）"

    def check_project(self, project: Project, ctx: Context) -> Iterator[Finding]:
        floors = ctx.settings.vocabulary.pattern("floor_standards")
        for row in ctx.view.real_rows:
            if not row.is_cost or row.target.direction not in (">=", ">"):
                continue
            if row.target.unit == "%" or _is_floor_standard(row, floors):
                continue
            yield self.finding(
                ctx,
                f"成本指标“{row.name}”的方向为“{sign(row.target.direction)}”"
                f"（{shown(row.target)}），成本指标应为“≤”或“=”。",
                f"改为“≤{format_number(row.target.number or 0)}{row.target.unit or ''}”"
                "（或合同固定价格用“=”）。",
                row.index,
            )


def _is_floor_standard(row: Row, floors: re.Pattern[str]) -> bool:
    # A per-unit guarantee set by policy (生均公用经费基准定额) is a minimum the budget must
    # meet: "≥720元/生·年" states it right. A total (万元) is still a cap.
    return "/" in (row.target.unit or "") and bool(floors.search(row.name))


class CostAboveBudget(Rule):
    """Cost indicator above the project budget.

    ## 检查内容
    成本指标金额（按元、万元、亿元换算后）大于项目预算数；或在没有一行表示全部预算的情况下，
    各项成本指标之和超过预算数。单位成本（如元/人）不作比较。

    ## 为什么要查
    成本控制上限不能超过安排的资金；101号规定成本指标“不得超出规定的预算支出标
    准”（regulations.md §3.2、§3.4、§9 #11）。

    ## 反例
    ```json
    {"rows": [["产出指标", "成本指标", "培训成本", "≤12万元"]]}
    ```

    ## 正例
    ```json
    {"rows": [["产出指标", "成本指标", "培训成本", "≤100000元"]]}
    ```
    """

    code = "JX302"
    severity = Severity.ERROR
    title = "成本指标超过项目预算"
    rationale = "成本指标值不得超出预算及预算支出标准（101号；regulations.md §3.2、§9 #11）"
    thresholds = MappingProxyType({"tolerance": 0.005})  # relative

    def check_project(self, project: Project, ctx: Context) -> Iterator[Finding]:
        budget = project.budget_total
        if not budget:
            return
        limit = budget * (1 + self.thresholds["tolerance"])
        amounts = []
        for row in ctx.view.real_rows:
            amount = money_in_wan(row.target.number, row.target.unit) if row.is_cost else None
            if amount is None:
                continue
            amounts.append(amount)
            if amount > limit:
                yield self.finding(
                    ctx,
                    f"成本指标“{row.name}”为{shown(row.target)}（{wan(amount)}），"
                    f"超过项目预算数{wan(budget)}。",
                    "核对成本测算，成本指标值不应超过项目预算。",
                    row.index,
                )
        # Cost rows that split the budget (场所租赁 10 + 维修 50 + …) must not add up to
        # more than it. A row for the whole budget means the others are its parts: skip.
        if len(amounts) > 1 and max(amounts) < budget * 0.999 and sum(amounts) > limit:
            yield self.finding(
                ctx,
                f"{len(amounts)}项成本指标合计{wan(sum(amounts))}，超过项目预算数{wan(budget)}。",
                "核对各项成本测算，分项成本之和不应超过项目预算。",
            )


class CostNotAnAmount(Rule):
    """Cost indicator given as a percentage or in words.

    ## 检查内容
    经济成本指标的指标值是百分比（如“≥100%”）或文字（如“控制在预算内”），而不是金额。
    社会成本指标和生态环境成本指标可以定性表述，不检查。

    ## 为什么要查
    成本指标说明单位产出允许花费的资金；百分比或文字无法与预算及预算支出标准核对
    （regulations.md §3.2、§9 #11）。

    ## 反例
    ```json
    {"rows": [["产出指标", "成本指标", "培训成本", "控制在预算内"]]}
    ```

    ## 正例
    ```json
    {"rows": [["产出指标", "成本指标", "培训成本", "≤10万元"]]}
    ```
    """

    code = "JX303"
    severity = Severity.WARNING
    title = "成本指标不是金额"
    rationale = "成本指标以金额反映成本控制（101号 预算支出标准；regulations.md §3.2、§9 #11）"

    def check_project(self, project: Project, ctx: Context) -> Iterator[Finding]:
        for row in ctx.view.real_rows:
            if not row.is_cost or _non_economic_cost(row):
                continue
            if row.target.unit == "%":
                what = "百分比"
            elif _is_qualitative(row):
                what = "文字描述"
            else:
                continue
            yield self.finding(
                ctx,
                f"成本指标“{row.name}”的指标值“{shown(row.target)}”是{what}，应为金额。",
                "填写成本金额上限，如“≤10万元”或单位成本“≤400元/人”。",
                row.index,
            )


def _non_economic_cost(row: Row) -> bool:
    level2 = row.indicator.level2 or ""
    return "社会" in level2 or "生态" in level2 or "环境" in level2


_GROWTH = re.compile(r"增长|增幅|增速|同比|环比|倍")


class PercentAboveFull(Rule):
    """A percentage above 100, or “≥100%”.

    ## 检查内容
    目标值超过100%（增长率等除外），或写作“≥100%”“>100%”。超过100%的目标值按本规则的严重程度
    （默认“错误”）报告；“≥100%”的意思是全部完成，只是写法不当，降一级（默认“警告”）报告。

    ## 为什么要查
    比率不可能超过100%；“≥100%”要求的是做不到的事，应写
    作“=100%”（regulations.md §3.4、§9 #13）。

    ## 反例
    ```json
    {"rows": [["产出指标", "质量指标", "培训合格率", "≥100%"]]}
    ```

    ## 正例
    ```json
    {"rows": [["产出指标", "质量指标", "培训合格率", "=100%"]]}
    ```
    """

    code = "JX304"
    severity = Severity.ERROR
    title = "百分比超过100%或写作“≥100%”"
    rationale = "比率不超过100%，“≥100%”应写作“=100%”（regulations.md §3.4、§9 #13）"

    def check_project(self, project: Project, ctx: Context) -> Iterator[Finding]:
        for row in ctx.view.real_rows:
            target = row.target
            if target.unit != "%" or target.number is None or _GROWTH.search(row.name):
                continue
            if target.number > 100:
                yield self.finding(
                    ctx,
                    f"指标“{row.name}”的指标值“{shown(target)}”超出100%。",
                    "比率类指标值不超过100%，完成全部的写“=100%”。",
                    row.index,
                )
            elif target.number == 100 and target.direction in (">=", ">"):
                # The intent (all of it) is plain: a matter of wording, one notch milder.
                finding = self.finding(
                    ctx,
                    f"指标“{row.name}”的指标值“{shown(target)}”要求超过100%，应写作“=100%”。",
                    "完成全部的写“=100%”。",
                    row.index,
                )
                yield replace(finding, severity=milder(self.severity))


class SatisfactionUnrealistic(Rule):
    """Satisfaction target of 100%, or a satisfaction target with ≤.

    ## 检查内容
    满意度指标（满意度、满意率）的目标值为100%或以上，或使用“≤”“<”。

    ## 为什么要查
    101号的满意度评分规则中，满意度达到90%即得满分；目标定为100%不符合“合理可行”，
    给满意度设上限则方向相反（regulations.md §3.4、§6.3(e)、§9 #14）。

    ## 反例
    ```json
    {"rows": [["满意度指标", "服务对象满意度指标", "参训人员满意度", "=100%"]]}
    ```

    ## 正例
    ```json
    {"rows": [["满意度指标", "服务对象满意度指标", "参训人员满意度", "≥90%"]]}
    ```
    """

    code = "JX305"
    severity = Severity.WARNING
    title = "满意度目标不合理"
    rationale = "满意度一般设定为≥85%–95%，不宜设为100%或用“≤”（101号；regulations.md §9 #14）"
    thresholds = MappingProxyType({"max_percent": 100})

    def check_project(self, project: Project, ctx: Context) -> Iterator[Finding]:
        for row in ctx.view.real_rows:
            target = row.target
            if "满意" not in row.name or target.number is None or target.unit not in ("%", None):
                continue
            if target.direction in ("<=", "<"):
                why = f"方向为“{sign(target.direction)}”，满意度应为下限（≥）"
            elif target.number >= self.thresholds["max_percent"]:
                why = "要求100%满意，不切实际"
            else:
                continue
            yield self.finding(
                ctx,
                f"满意度指标“{row.name}”的指标值“{shown(target)}”{why}。",
                "满意度指标一般设为“≥90%”左右（依据以往调查结果确定）。",
                row.index,
            )


class PolarityContradictsDirection(Rule):
    """Negative-sense indicator with ≥, or positive-sense indicator with ≤.

    ## 检查内容
    指标名称表示负面事项（故障率、破损率、差错率、投诉、事故、资源消耗等）却使用“≥”“>”，
    或表示正面事项（完成率、合格率、覆盖率、及时率等）却使用“≤”“<”。
    词表见规则包的 [vocabulary]。满意度指标（JX305）和成本指标（JX301）由各自的规则检查；
    满意度指标下的投诉率使用“≤”是正确的。

    ## 为什么要查
    反向指标应设上限，正向指标应设下限；方向写反，会鼓励与目标相反的结果
    （regulations.md §3.4、§9 #15、#30）。

    ## 反例
    ```json
    {"rows": [["效益指标", "社会效益指标", "窗口办件差错率", "≥1%"]]}
    ```

    ## 正例
    ```json
    {"rows": [["效益指标", "社会效益指标", "窗口办件差错率", "≤1%"]]}
    ```
    """

    code = "JX306"
    severity = Severity.ERROR
    title = "指标方向与指标含义相反"
    rationale = "反向指标应设上限（≤），正向指标应设下限（≥）（regulations.md §3.4、§9 #15）"

    def check_project(self, project: Project, ctx: Context) -> Iterator[Finding]:
        for row in ctx.view.real_rows:
            direction = row.target.direction
            if row.polarity is None or row.is_cost or "满意" in row.name:
                continue
            if row.polarity == "negative" and direction in (">=", ">"):
                sense, want = "反向（越低越好）", "≤"
            elif row.polarity == "positive" and direction in ("<=", "<"):
                sense, want = "正向（越高越好）", "≥"
            else:
                continue
            yield self.finding(
                ctx,
                f"指标“{row.name}”是{sense}指标，指标值却为“{shown(row.target)}”。",
                f"改为“{want}{format_number(row.target.number or 0)}{row.target.unit or ''}”。",
                row.index,
            )


class QuantityAsPercent(Rule):
    """Quantity indicator given as a percentage where its name counts things.

    ## 检查内容
    数量指标的名称是计数（数量、次数、人数、……数），目标值却是百分比。

    ## 为什么要查
    “产出数量指标……通常用绝对数表示”（河南省绩效目标表填报说明；regulations.md §3.3、§9 #17）。

    ## 反例
    ```json
    {"rows": [["产出指标", "数量指标", "培训人数", "≥95%"]]}
    ```

    ## 正例
    ```json
    {"rows": [["产出指标", "数量指标", "培训人数", "≥200人次"]]}
    ```
    """

    code = "JX307"
    severity = Severity.WARNING
    title = "数量指标使用了百分比"
    rationale = "数量指标通常用绝对数表示（regulations.md §3.3、§9 #17）"

    def check_project(self, project: Project, ctx: Context) -> Iterator[Finding]:
        words = ctx.settings.vocabulary
        for row in ctx.view.by_l2.get(QUANTITY, ()):
            if row.target.unit != "%" or words.pattern("rate").search(row.name):
                continue
            if words.pattern("counting").search(row.name) or row.name.endswith("数"):
                yield self.finding(
                    ctx,
                    f"数量指标“{row.name}”的指标值“{shown(row.target)}”是百分比，应为具体数量。",
                    "填写计划完成的数量及计量单位，如“≥60台”。",
                    row.index,
                )


class QualitativeWhereNumberExpected(Rule):
    """A qualitative value where the category calls for a number.

    ## 检查内容
    数量指标或质量指标的指标值只有文字，没有数字、等级或“全部”（如“正常”“方便快捷”“显著提升”）。
    成本指标的定性值由 JX303 检查。

    ## 为什么要查
    绩效指标“须以定量表述为主”；只有确实难以量化时才可定性表述，而且要分级分档（好、一般、差），
    保持可衡量（101号“量化易评”；regulations.md §3.1、§3.3、§9 #18）。

    ## 反例
    ```json
    {"rows": [["产出指标", "质量指标", "培训质量", "明显提高"]]}
    ```

    ## 正例
    ```json
    {"rows": [["产出指标", "质量指标", "培训合格率", "≥95%"]]}
    ```
    """

    code = "JX308"
    severity = Severity.WARNING
    title = "应量化的指标使用了定性描述"
    rationale = (
        "数量、质量指标须以定量表述为主，定性的应可衡量（101号；regulations.md §3.3、§9 #18）"
    )

    def check_project(self, project: Project, ctx: Context) -> Iterator[Finding]:
        view = ctx.view
        for row in [*view.by_l2.get(QUANTITY, ()), *view.by_l2.get(QUALITY, ())]:
            raw = row.target.raw or ""
            if _is_qualitative(row) and not measurable(raw, ctx):
                yield self.finding(
                    ctx,
                    f"{row.l2}指标“{row.name}”的指标值“{raw}”是定性描述，无法衡量。",
                    "改为可量化的指标值（数量、比率），确难量化的按好/一般/差分级描述。",
                    row.index,
                )


class EmptyValue(Rule):
    """An empty target value.

    ## 检查内容
    指标有名称但没有指标值，或指标值只有无意义的符号（“-”“/”“**”）。

    ## 为什么要查
    没有指标值的绩效指标既无法监控，也无法评分（regulations.md §3.1 细化量化、§9 #21）。

    ## 反例
    ```json
    {"rows": [["产出指标", "质量指标", "培训合格率", ""]]}
    ```

    ## 正例
    ```json
    {"rows": [["产出指标", "质量指标", "培训合格率", "≥95%"]]}
    ```
    """

    code = "JX309"
    severity = Severity.ERROR
    title = "指标值为空"
    rationale = "每项绩效指标应明确具体指标值（regulations.md §3.1 细化量化、§9 #21）"

    def check_project(self, project: Project, ctx: Context) -> Iterator[Finding]:
        for row in ctx.view.real_rows:
            if row.name and is_blank(row.target.raw) and row.target.number is None:
                yield self.finding(
                    ctx,
                    f"指标“{row.name}”未填写指标值（“{row.target.raw or ''}”）。",
                    "填写指标值（方向、数值和计量单位）。",
                    row.index,
                )


class VagueBenefit(Rule):
    """A vague qualitative target on a 效益 row.

    ## 检查内容
    效益指标的指标值是含糊的文字（有效提升、明显、显著、进一步等），没有数字或等级。

    ## 为什么要查
    “确难以量化的，可采用定性表述，但应具有可衡量性”；“有效提升”到年底无法判断是否达成（101号“量
    化易评”；regulations.md §3.3、§9 #18）。

    ## 反例
    ```json
    {"rows": [["效益指标", "社会效益指标", "窗口办事效率", "有效提升"]]}
    ```

    ## 正例
    ```json
    {"rows": [["效益指标", "社会效益指标", "窗口办件平均用时", "≤1个工作日"]]}
    ```
    """

    code = "JX310"
    severity = Severity.INFO
    title = "效益指标表述模糊"
    rationale = "定性指标应具有可衡量性（101号 量化易评；regulations.md §3.3、§9 #18）"

    def check_project(self, project: Project, ctx: Context) -> Iterator[Finding]:
        vague = ctx.settings.vocabulary.pattern("vague")
        for row in ctx.view.by_l1.get(BENEFIT, ()):
            raw = row.target.raw or ""
            if _is_qualitative(row) and vague.search(raw) and not measurable(raw, ctx):
                yield self.finding(
                    ctx,
                    f"效益指标“{row.name}”的指标值“{raw}”表述模糊，年终无法判断是否实现。",
                    "改为可衡量的指标值（如比率、数量），或按好/一般/差分级描述。",
                    row.index,
                )


class TimelinessWithoutTime(Rule):
    """Timeliness indicator with no time, date or rate.

    ## 检查内容
    时效指标的指标值没有日期、期限、时限或比率（如“高效、快捷”）。

    ## 为什么要查
    时效指标需要确定“整体完成时间”，或按时完成的比率（101号；regulations.md §3.4、§9 #19）。

    ## 反例
    ```json
    {"rows": [["产出指标", "时效指标", "培训完成时间", "高效快捷"]]}
    ```

    ## 正例
    ```json
    {"rows": [["产出指标", "时效指标", "培训完成时间", "2025年10月底前"]]}
    ```
    """

    code = "JX311"
    severity = Severity.WARNING
    title = "时效指标没有时间要求"
    rationale = "时效指标需确定完成时间或及时率（101号；regulations.md §3.4、§9 #19）"

    def check_project(self, project: Project, ctx: Context) -> Iterator[Finding]:
        timing = ctx.settings.vocabulary.pattern("timing")
        for row in ctx.view.by_l2.get(TIME, ()):
            raw = row.target.raw or ""
            if is_blank(raw) or row.placeholder or is_serial_date(row):
                continue  # empty values are JX309's, serial dates JX314's
            if not timing.search(raw + (row.target.unit or "")):
                yield self.finding(
                    ctx,
                    f"时效指标“{row.name}”的指标值“{raw}”没有时间、期限或及时率。",
                    "填写完成时限（如“2025年10月底前”“≤5个工作日”）或及时率（如“≥95%”）。",
                    row.index,
                )


class CostZero(Rule):
    """A cost value of 0.

    ## 检查内容
    成本指标的金额为0。

    ## 为什么要查
    花钱的项目就有成本；0通常是取整或单位换算错误（如几百元的人均成本写成“0万元/人”）
    （regulations.md §9 #12）。

    ## 反例
    ```json
    {"rows": [["产出指标", "成本指标", "人均培训成本", "=0万元/人"]]}
    ```

    ## 正例
    ```json
    {"rows": [["产出指标", "成本指标", "人均培训成本", "≤500元/人"]]}
    ```
    """

    code = "JX312"
    severity = Severity.WARNING
    title = "成本指标为0"
    rationale = "成本指标值为0通常是单位换算或取整错误（regulations.md §9 #12）"

    def check_project(self, project: Project, ctx: Context) -> Iterator[Finding]:
        for row in ctx.view.real_rows:
            if row.is_cost and row.target.number == 0:
                yield self.finding(
                    ctx,
                    f"成本指标“{row.name}”的指标值为“{shown(row.target)}”。",
                    "核对计量单位（元、万元）和取整，填写实际成本标准。",
                    row.index,
                )


class NatureContradictsDirection(Rule):
    """指标性质 (正向/反向) contradicting the direction or the indicator's sense.

    ## 检查内容
    标为“正向”的指标使用“≤”“<”，标为“反向”的指标使用“≥”“>”或“=”非零值；
    或指标性质与名称的含义相反（如“事故发生率”标为正向、“完成率”标为反向）。

    ## 为什么要查
    指标性质和指标方向必须一致，否则评分时会把指标算反（regulations.md §3.3 指标性
    质、§3.4、§9 #16）。

    ## 反例
    ```json
    {"rows": [{"level1": "效益指标", "level2": "社会效益指标", "name": "窗口办件差错率",
               "raw_value": "≤1%", "nature": "正向"}]}
    ```

    ## 正例
    ```json
    {"rows": [{"level1": "效益指标", "level2": "社会效益指标", "name": "窗口办件差错率",
               "raw_value": "≤1%", "nature": "反向"}]}
    ```
    """

    code = "JX313"
    severity = Severity.WARNING
    title = "指标性质与方向矛盾"
    rationale = "指标性质（正向/反向）应与指标方向、指标含义一致（regulations.md §3.4、§9 #16）"

    def check_project(self, project: Project, ctx: Context) -> Iterator[Finding]:
        for row in ctx.view.real_rows:
            nature = (row.indicator.nature or "").strip()
            why = _nature_conflict(nature, row)
            if why:
                yield self.finding(
                    ctx,
                    f"指标“{row.name}”的指标性质为“{nature}”，{why}。",
                    "统一指标性质与方向：越高越好为正向（≥），越低越好为反向（≤）。",
                    row.index,
                )


def _nature_conflict(nature: str, row: Row) -> str | None:
    direction = row.target.direction
    if nature == "正向":
        if direction in ("<=", "<"):
            return f"方向却为“{sign(direction)}”"
        if row.polarity == "negative" and not row.is_cost:
            return "但该指标越低越好，应为反向"
    elif nature == "反向":
        if direction in (">=", ">"):
            return f"方向却为“{sign(direction)}”"
        if direction == "=" and row.target.number:
            return "方向却为“=”，反向指标应设上限（≤）"
        if row.polarity == "positive" and "满意" not in row.name:
            return "但该指标越高越好，应为正向"
    return None


# Excel stores dates as days since 1899-12-30; 36526..54788 is 2000-01-01..2049-12-31.
_EXCEL_EPOCH = date(1899, 12, 30)
_SERIAL_RANGE = (36526, 54788)
_DATE_NAME = re.compile(r"时间|日期|时限|期限|截止|完成于")


class ExcelSerialDate(Rule):
    """A date stored as an Excel serial number.

    ## 检查内容
    时效指标或日期类指标的指标值是一个孤立的数字（如44561）。
    这是日期单元格被设成数字格式后 Excel 保存的日期序列号（44561即2021年12月31日）。

    ## 为什么要查
    这样的完成时限无法直接读懂，审核和监控时无法判断是否按时完成（regulations.md §9 #19）。

    ## 反例
    ```json
    {"rows": [["产出指标", "时效指标", "培训完成时间", "45961"]]}
    ```

    ## 正例
    ```json
    {"rows": [["产出指标", "时效指标", "培训完成时间", "2025年10月31日前"]]}
    ```
    """

    code = "JX314"
    severity = Severity.WARNING
    title = "日期被存成了Excel序列号"
    rationale = "时效指标应写明完成日期（regulations.md §9 #19）"

    def check_project(self, project: Project, ctx: Context) -> Iterator[Finding]:
        for row in ctx.view.real_rows:
            if is_serial_date(row):
                day = _EXCEL_EPOCH + timedelta(days=int(row.target.number or 0))
                yield self.finding(
                    ctx,
                    f"指标“{row.name}”的指标值“{shown(row.target)}”像是Excel日期序列号"
                    f"（即{day.year}年{day.month}月{day.day}日）。",
                    f"写成日期，如“{day.year}年{day.month}月{day.day}日前”。",
                    row.index,
                )


def is_serial_date(row: Row) -> bool:
    number = row.target.number
    if number is None or row.target.unit or number != int(number):
        return False
    if not _SERIAL_RANGE[0] <= number <= _SERIAL_RANGE[1]:
        return False
    return row.l2 == TIME or bool(_DATE_NAME.search(row.name))


_UNIT_IN_NAME = re.compile(r"[（(][^（）()]{1,6}[）)]$")
_MAX_UNIT = 5


class QuantityWithoutUnit(Rule):
    """A quantitative value with no unit.

    ## 检查内容
    数值型目标值没有计量单位（如“≥30”“=5”），除非指标名称在括号中写明了单位（如“培训人数
    （人）”）；或在计量单位的位置填写了文字（如“≥100按规定时间发放”）。

    ## 为什么要查
    预算管理一体化系统规定定量指标必须填写计量单位；只写“30”，
    无法知道是30什么（regulations.md §3.3、§9 #20）。

    ## 反例
    ```json
    {"rows": [["产出指标", "数量指标", "培训人数", "≥200"]]}
    ```

    ## 正例
    ```json
    {"rows": [["产出指标", "数量指标", "培训人数", "≥200人次"]]}
    ```
    """

    code = "JX315"
    severity = Severity.WARNING
    title = "定量指标缺少计量单位"
    rationale = "定量指标须填写计量单位（一体化规范；regulations.md §3.3、§9 #20）"

    def check_project(self, project: Project, ctx: Context) -> Iterator[Finding]:
        for row in ctx.view.real_rows:
            target = row.target
            if target.number is None or _UNIT_IN_NAME.search(row.name):
                continue
            if target.unit and _not_a_unit(target.unit):
                yield self.finding(
                    ctx,
                    f"指标“{row.name}”的指标值“{target.raw}”中，“{target.unit}”不是计量单位。",
                    "数值后只写计量单位（如%、人次、台、万元），说明文字写入指标描述。",
                    row.index,
                )
            elif not target.unit and not is_serial_date(row):
                yield self.finding(
                    ctx,
                    f"指标“{row.name}”的指标值“{shown(target)}”没有计量单位。",
                    "补充计量单位（如%、人次、台、万元）。",
                    row.index,
                )


def _not_a_unit(unit: str) -> bool:
    # Units are short (个工作日, 万人次); compound ones carry a slash (人/工作日, 元/人).
    return len(unit) > _MAX_UNIT and "/" not in unit
