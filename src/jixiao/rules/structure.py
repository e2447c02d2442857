"""JX1xx: completeness and structure (完整性).

A table must name the project, state its money and goal, and sort its indicators into
the standard categories of its regime (research/regulations.md §2.1–§2.2, §9 #1–#7).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from types import MappingProxyType

from ..model import Project
from ..values import squash
from .base import Context, Finding, Rule, Severity
from .helpers import close, wan
from .view import (
    BENEFIT,
    COST,
    ECOLOGICAL,
    ECONOMIC,
    OTHER,
    OUTPUT,
    QUALITY,
    QUANTITY,
    SATISFACTION,
    SOCIAL,
    SUSTAINABLE,
    TIME,
    Row,
    compact,
)


class MissingNameOrCode(Rule):
    """Project without a name or a code.

    ## 检查内容
    项目表未填写项目名称；或未填写项目编码，而同一文件的其他项目表都印有项目编码（版式本身没有项
    目编码栏的不报）。部门整体绩效目标表没有项目编码，不检查。

    ## 为什么要查
    项目名称和项目编码是项目在预算管理一体化系统中的标识，缺少它们就无法与预算安排对应。
    绩效目标审核表“规范完整性”要求内容“无缺项、错项”（regulations.md §2.2、§9 #1）。

    ## 反例
    ```json
    {"name": null}
    ```

    ## 正例
    ```json
    {"name": "2025年政务服务大厅运转经费", "code": "13082825P00818110001L"}
    ```
    """

    code = "JX101"
    severity = Severity.ERROR
    title = "缺少项目名称或项目编码"
    rationale = (
        "项目名称、编码是基本要素，不得缺项（审核表“规范完整性”；regulations.md §2.2、§9 #1）"
    )

    def check_project(self, project: Project, ctx: Context) -> Iterator[Finding]:
        if project.kind == "department":
            return  # 部门整体 tables name a department, not a project, and have no 项目编码
        if not squash(project.name):
            yield self.finding(ctx, "项目未填写项目名称。", "填写项目名称（与预算项目库一致）。")
        if not squash(project.code) and ctx.facts.prints_codes:
            name = project.name or "（未命名）"
            yield self.finding(
                ctx, f"项目“{name}”未填写项目编码。", "填写预算管理一体化系统中的项目编码。"
            )


class MissingBudget(Rule):
    """Project without a budget amount.

    ## 检查内容
    项目既没有填写预算数（年度资金总额），也没有填写财政资金。

    ## 为什么要查
    绩效目标是针对一定规模的资金设定的；没有预算金额，审核人员无法判断绩效目标与资金规模是否匹配
    （适当性、资金匹配性；regulations.md §4.2、§9 #1）。

    ## 反例
    ```json
    {"budget_total": null, "budget_fiscal": null}
    ```

    ## 正例
    ```json
    {"budget_total": 10, "budget_fiscal": 10}
    ```
    """

    code = "JX102"
    severity = Severity.ERROR
    title = "缺少预算金额"
    rationale = "资金匹配性审核需要预算金额（regulations.md §4.2 适当性、§9 #1）"

    def check_project(self, project: Project, ctx: Context) -> Iterator[Finding]:
        if project.budget_total is None and project.budget_fiscal is None:
            yield self.finding(
                ctx,
                "项目未填写预算数（年度资金总额）。",
                "填写年度资金总额及其中财政资金、其他资金。",
            )


class BudgetPartsDoNotAddUp(Rule):
    """Budget parts that do not add up.

    ## 检查内容
    财政资金与其他资金之和不等于预算数（其他资金为空时按0计；
    差额在阈值 tolerance 万元以内的不报）。自评表的预算数还含“上年结转资金”，
    两者之和小于预算数时差额可能就是结转资金，不报告。

    ## 为什么要查
    各项资金来源之和应等于资金总额；不相等说明表内基本数据有“错
    项”（regulations.md §2.2、§9 #1）。

    ## 反例
    ```json
    {"budget_total": 10, "budget_fiscal": 8, "budget_other": 1}
    ```

    ## 正例
    ```json
    {"budget_total": 10, "budget_fiscal": 8, "budget_other": 2}
    ```
    """

    code = "JX103"
    severity = Severity.ERROR
    title = "预算资金构成与总额不符"
    rationale = "财政资金与其他资金之和应等于预算数（regulations.md §2.2、§9 #1）"
    thresholds = MappingProxyType({"tolerance": 0.005})  # 万元

    def check_project(self, project: Project, ctx: Context) -> Iterator[Finding]:
        total, fiscal = project.budget_total, project.budget_fiscal
        if total is None or fiscal is None:
            return
        other = project.budget_other or 0
        if project.kind == "self_evaluation" and fiscal + other < total:
            return  # the self-evaluation's 全年预算数 also holds 上年结转资金, not modelled
        if not close(fiscal + other, total, self.thresholds["tolerance"]):
            yield self.finding(
                ctx,
                f"财政资金{wan(fiscal)}与其他资金{wan(other)}之和为{wan(fiscal + other)}，"
                f"与预算数{wan(total)}不符。",
                "核对预算数及其资金来源，使财政资金与其他资金之和等于预算数。",
            )


class MissingOrTemplateGoal(Rule):
    """No annual goal, or a template placeholder left in it.

    ## 检查内容
    项目没有填写年度目标，或年度目标仍是表格模板的占位文字（如“1.目标内容1”“请填写”）。

    ## 为什么要查
    年度目标说明这笔资金要办成什么事；保留占位文字，说明目标实际上没有填写。
    绩效目标审核表“明确清晰性”要求目标明确、清晰，能反映项目的主要内容
    （regulations.md §4.3、§9 #1–#2）。

    ## 反例
    ```json
    {"goals": ["1.目标内容1"]}
    ```

    ## 正例
    ```json
    {"goals": ["1.全年组织业务培训4期，培训200人次，提升窗口办事效率。"]}
    ```
    """

    code = "JX104"
    severity = Severity.WARNING
    title = "年度目标缺失或为模板占位内容"
    rationale = "绩效目标应明确、清晰地反映项目主要内容（regulations.md §4.3 明确清晰性、§9 #1）"

    def check_project(self, project: Project, ctx: Context) -> Iterator[Finding]:
        goals = [g for g in project.goals or [] if _goal_text(g)]
        if not goals:
            yield self.finding(ctx, "项目未填写年度绩效目标。", _GOAL_FIX)
            return
        pattern = ctx.settings.vocabulary.pattern("goal_templates")
        for goal in goals:
            # "1.目标内容1" alone is the form's placeholder; "目标内容1保障…" has a goal after it.
            if pattern.search(goal) and len(_without_template(goal, pattern)) < 2:
                yield self.finding(ctx, f"年度目标为模板占位文字“{squash(goal)}”。", _GOAL_FIX)
                return


_GOAL_FIX = "写明本年度计划完成的主要产出和预期效果（数量、质量、时效及效益）。"
_GOAL_NUMBERING = re.compile(r"^(?:目标)?[\d一二三四五六七八九十]*[.、．:：）)]?")


def _goal_text(goal: str) -> str:
    return _GOAL_NUMBERING.sub("", squash(goal), count=1)


_NOT_WORDS = re.compile(r"[\W\d_]+")


def _without_template(goal: str, template: re.Pattern[str]) -> str:
    return _NOT_WORDS.sub("", template.sub("", _goal_text(goal)))


class MissingSpendingPlan(Rule):
    """No spending plan where the table has the section.

    ## 检查内容
    资金支出计划为空（各时点均未填写），或同一文件的其他项目表都填写了资金支出计划而本项目没有。

    ## 为什么要查
    资金支出计划是年度内监控预算执行进度（绩效目标实现程度和预算执行进度“双监控”）
    的依据（regulations.md §5、§9 #27）。

    ## 反例
    ```json
    {"spending_plan": {"3": null, "6": null, "10": null, "12": null}}
    ```

    ## 正例
    ```json
    {"spending_plan": {"3": 25, "6": 50, "10": 75, "12": 100}}
    ```
    """

    code = "JX105"
    severity = Severity.WARNING
    title = "缺少资金支出计划"
    rationale = "资金支出计划是执行进度监控的依据（regulations.md §5.1 双监控、§9 #27）"

    def check_project(self, project: Project, ctx: Context) -> Iterator[Finding]:
        plan = project.spending_plan
        if project.kind == "department":
            return
        if plan is not None:
            if all(v is None for v in plan.by_month.values()):
                yield self.finding(ctx, "资金支出计划各月均未填写。", _PLAN_FIX)
            return
        if ctx.document is not None and ctx.facts.fills_plans:
            yield self.finding(ctx, "本文档其他项目填有资金支出计划，本项目没有。", _PLAN_FIX)


_PLAN_FIX = "按3月底、6月底、10月底、12月底填写累计支出进度（%），12月底为100%。"


class GoalIsAnInput(Rule):
    """A goal that restates an input (the budget amount) instead of a result.

    ## 检查内容
    年度目标中有一条表述的是投入的资金（如“年度预算总金额3万元”），而不是产出或效果。

    ## 为什么要查
    “财力、人力和物力等投入数量不能作为绩效目标”：绩效目标是资金要达到的产出和效果，
    而不是资金本身（regulations.md §3.6、§9 #3）。

    ## 反例
    ```json
    {"goals": ["1.全年组织业务培训4期。", "2.年度预算总金额3万元。"]}
    ```

    ## 正例
    ```json
    {"goals": ["1.全年组织业务培训4期。", "2.培训合格率达到95%以上。"]}
    ```
    """

    code = "JX106"
    severity = Severity.WARNING
    title = "年度目标表述的是投入而非产出或效果"
    rationale = "投入数量不能作为绩效目标（regulations.md §3.6、§9 #3）"

    _AMOUNT = re.compile(r"\d+(?:\.\d+)?(?:万|千|亿)?元")

    def check_project(self, project: Project, ctx: Context) -> Iterator[Finding]:
        inputs = ctx.settings.vocabulary.pattern("inputs")
        for goal in project.goals or []:
            text = _goal_text(goal)
            amount = self._AMOUNT.search(text)
            # Short lines that are only an amount of money: "年度预算总金额3万元".
            if amount and inputs.search(text[: amount.start()]) and len(text) <= amount.end() + 2:
                yield self.finding(
                    ctx,
                    f"年度目标“{squash(goal)}”表述的是资金投入，不是产出或效果。",
                    "删除该条，或改写为这笔资金要完成的产出和达到的效果。",
                )


class MissingFirstLevel(Rule):
    """A required first-level category is missing.

    ## 检查内容
    项目缺少产出指标、效益指标或满意度指标。哪些一级指标必须设置取决于表格采用的指标体系：
    三类一级指标体系（产出、效益、满意度）三者都必须设置；四类一级指标体系（成本、产出、效益、
    满意度，101号）必须设置产出指标和效益指标，缺少满意度指标只作提示（严重程度由阈
    值 missing_satisfaction 设定）。

    ## 为什么要查
    88号、10号规定绩效指标包括产出、效益、满意度三类一级指标；101号规定“原则上每一项目均应设置产
    出指标和效益指标”，满意度指标“根据实际需要选用”（regulations.md §2.1、§9 #4）。

    ## 反例
    ```json
    {"indicators": [
      ["产出指标", "数量指标", "培训人数", "≥200人次"],
      ["产出指标", "质量指标", "培训合格率", "≥95%"],
      ["产出指标", "时效指标", "培训完成时间", "2025年10月底前"],
      ["产出指标", "成本指标", "培训成本", "≤10万元"],
      ["效益指标", "社会效益指标", "窗口办件差错率", "≤1%"]
    ]}
    ```

    ## 正例
    ```json
    {"indicators": [
      ["产出指标", "数量指标", "培训人数", "≥200人次"],
      ["产出指标", "质量指标", "培训合格率", "≥95%"],
      ["产出指标", "时效指标", "培训完成时间", "2025年10月底前"],
      ["产出指标", "成本指标", "培训成本", "≤10万元"],
      ["效益指标", "社会效益指标", "窗口办件差错率", "≤1%"],
      ["满意度指标", "服务对象满意度指标", "参训人员满意度", "≥90%"]
    ]}
    ```
    """

    code = "JX111"
    severity = Severity.ERROR
    title = "缺少必备的一级指标"
    rationale = (
        "一级指标应包括产出、效益、满意度（88号/10号）；101号下产出、效益必设"
        "（regulations.md §2.1）"
    )
    thresholds = MappingProxyType({"missing_satisfaction": "info"})  # regime B only

    def check_project(self, project: Project, ctx: Context) -> Iterator[Finding]:
        if project.kind == "department":
            return
        view = ctx.view
        if not view.real_rows:
            yield self.finding(
                ctx, "项目没有填写任何绩效指标。", "按产出、效益、满意度设置绩效指标。"
            )
            return
        present = {row.l1 for row in view.real_rows}
        if present == {None}:
            return  # a layout without a 一级指标 column: nothing to judge
        for kind in (OUTPUT, BENEFIT, SATISFACTION):
            if kind in present or (kind == SATISFACTION and _has_satisfaction_rows(view)):
                continue
            finding = self.finding(
                ctx,
                f"缺少一级指标“{kind}指标”（{_regime_name(view.regime)}）。",
                f"补充{kind}指标及其二级、三级指标。",
            )
            if kind == SATISFACTION and view.regime == "B":
                finding = _with_severity(finding, Severity(self.thresholds["missing_satisfaction"]))
            yield finding


def _has_satisfaction_rows(view) -> bool:
    return any(row.l2 == SATISFACTION for row in view.real_rows)


def _regime_name(regime: str) -> str:
    return (
        "本表按101号四类一级指标体系"
        if regime == "B"
        else "本表按产出、效益、满意度三类一级指标体系"
    )


def _with_severity(finding: Finding, severity: Severity) -> Finding:
    from dataclasses import replace

    return replace(finding, severity=severity)


class MissingCoreSecondLevel(Rule):
    """A core second-level category is missing.

    ## 检查内容
    产出指标下没有数量指标或没有质量指标（两种指标体系都检查）；
    三类一级指标体系下还检查是否缺少时效指标或成本指标。

    ## 为什么要查
    101号要求“数量指标和质量指标原则上均需设置”，产出指标“原则上不应存在重大缺项、
    漏项”；88号要求从数量、质量、时效、成本等方面细化产出（regulations.md §2.1、§3.1、§9 #5）。

    ## 反例
    ```json
    {"indicators": [
      ["产出指标", "数量指标", "培训人数", "≥200人次"],
      ["产出指标", "时效指标", "培训完成时间", "2025年10月底前"],
      ["产出指标", "成本指标", "培训成本", "≤10万元"],
      ["效益指标", "社会效益指标", "窗口办件差错率", "≤1%"],
      ["满意度指标", "服务对象满意度指标", "参训人员满意度", "≥90%"]
    ]}
    ```

    ## 正例
    ```json
    {"indicators": [
      ["产出指标", "数量指标", "培训人数", "≥200人次"],
      ["产出指标", "质量指标", "培训合格率", "≥95%"],
      ["产出指标", "时效指标", "培训完成时间", "2025年10月底前"],
      ["产出指标", "成本指标", "培训成本", "≤10万元"],
      ["效益指标", "社会效益指标", "窗口办件差错率", "≤1%"],
      ["满意度指标", "服务对象满意度指标", "参训人员满意度", "≥90%"]
    ]}
    ```
    """

    code = "JX112"
    severity = Severity.WARNING
    title = "缺少核心二级指标"
    rationale = (
        "数量、质量指标原则上均需设置，不应存在重大缺项、漏项（101号；regulations.md §2.1、§9 #5）"
    )
    thresholds = MappingProxyType({"require_time": True, "require_cost": True})

    def check_project(self, project: Project, ctx: Context) -> Iterator[Finding]:
        view = ctx.view
        outputs = [row for row in view.real_rows if row.l1 == OUTPUT]
        if project.kind == "department" or not outputs:
            return
        present = {row.l2 for row in outputs} | {row.l2 for row in view.real_rows if row.is_cost}
        if present <= {None, OTHER}:
            return  # no standard 二级指标 at all (no such column, or local names): not judged
        required = [QUANTITY, QUALITY]
        if view.regime == "A":
            required += [TIME] if self.thresholds["require_time"] else []
            required += [COST] if self.thresholds["require_cost"] else []
        for kind in required:
            if kind not in present:
                yield self.finding(
                    ctx, f"产出指标下缺少“{kind}指标”。", f"补充反映主要产出的{kind}指标。"
                )


# Second-level categories each first level may hold (regulations.md §2.1).
_ALLOWED = {
    OUTPUT: {QUANTITY, QUALITY, TIME, COST},
    BENEFIT: {ECONOMIC, SOCIAL, ECOLOGICAL, SUSTAINABLE},
    SATISFACTION: {SATISFACTION},
    COST: {COST},
}


class MisplacedSecondLevel(Rule):
    """A second-level category under the wrong first-level one.

    ## 检查内容
    二级指标归在了不属于它的一级指标下，如成本指标放在效益指标下、数量指标放在满意度指标下、
    社会效益指标放在产出指标下。成本指标作为一级指标（101号）是正确的。
    同一组错放的指标只报一次。

    ## 为什么要查
    每个一级指标下有固定的二级指标（88号指标定义、101号）；归类错误会影响评分和项目间的比较
    （regulations.md §2.1、§9 #6）。

    ## 反例
    ```json
    {"indicators": [
      ["产出指标", "数量指标", "培训人数", "≥200人次"],
      ["产出指标", "质量指标", "培训合格率", "≥95%"],
      ["产出指标", "时效指标", "培训完成时间", "2025年10月底前"],
      ["效益指标", "成本指标", "培训成本", "≤10万元"],
      ["效益指标", "社会效益指标", "窗口办件差错率", "≤1%"],
      ["满意度指标", "服务对象满意度指标", "参训人员满意度", "≥90%"]
    ]}
    ```

    ## 正例
    ```json
    {"indicators": [
      ["产出指标", "数量指标", "培训人数", "≥200人次"],
      ["产出指标", "质量指标", "培训合格率", "≥95%"],
      ["产出指标", "时效指标", "培训完成时间", "2025年10月底前"],
      ["产出指标", "成本指标", "培训成本", "≤10万元"],
      ["效益指标", "社会效益指标", "窗口办件差错率", "≤1%"],
      ["满意度指标", "服务对象满意度指标", "参训人员满意度", "≥90%"]
    ]}
    ```
    """

    code = "JX113"
    severity = Severity.ERROR
    title = "二级指标归属的一级指标错误"
    rationale = "二级指标须归入对应的一级指标（88号指标定义、101号；regulations.md §2.1、§9 #6）"

    def check_project(self, project: Project, ctx: Context) -> Iterator[Finding]:
        if project.kind == "department":
            return  # 部门整体 frameworks put 满意度 under 效益 (regulations.md §7)
        seen: set[tuple[str | None, str | None]] = set()
        for row in ctx.view.real_rows:
            allowed = _ALLOWED.get(row.l1 or "")
            if allowed is None or row.l2 in (None, OTHER) or row.l2 in allowed:
                continue
            key = (row.indicator.level1, row.indicator.level2)
            if key in seen:
                continue
            seen.add(key)
            level1, level2 = row.indicator.level1, row.indicator.level2
            yield self.finding(
                ctx,
                f"二级指标“{level2}”不应归入一级指标“{level1}”。",
                f"将“{level2}”移到{_home_of(row.l2)}下。",
                row.index,
            )


def _home_of(l2: str | None) -> str:
    for l1, allowed in _ALLOWED.items():
        if l2 in allowed and l1 != COST:
            return f"“{l1}指标”"
    return "对应的一级指标"


class DuplicateIndicator(Rule):
    """The same indicator twice in one project.

    ## 检查内容
    同一项目中有三级指标的名称与前面某一行重复（在重复的那一行报告）。

    ## 为什么要查
    重复的指标会把同一事项计算两次，通常是复制粘贴留下的。101号要求“力求以较少的指标涵盖体现主要
    工作内容”（regulations.md §3.1、§9 #9）。

    ## 反例
    ```json
    {"rows": [["效益指标", "可持续影响指标", "窗口办件差错率", "≤1%"]]}
    ```

    ## 正例
    ```json
    {"rows": [["效益指标", "可持续影响指标", "群众办事平均跑动次数", "≤1次"]]}
    ```
    """

    code = "JX114"
    severity = Severity.WARNING
    title = "同一项目内指标重复"
    rationale = "指标应突出重点、以较少的指标涵盖主要内容（101号；regulations.md §3.1）"

    def check_project(self, project: Project, ctx: Context) -> Iterator[Finding]:
        first: dict[str, Row] = {}
        for row in ctx.view.real_rows:
            if not row.name:
                continue
            earlier = first.get(row.name)
            if earlier is None:
                first[row.name] = row
            elif _same_measure(earlier, row):
                yield self.finding(
                    ctx,
                    f"指标“{row.name}”与第{earlier.index + 1}行重复。",
                    "删除重复的指标，或改为反映不同产出、效果的指标。",
                    row.index,
                )


def _same_measure(a: Row, b: Row) -> bool:
    # An activity named once for its count and once for its cost (厨房管道排风清洗:
    # 每季度一次 / =10万元) is two measures, not a repeat.
    return a.is_cost == b.is_cost or compact(a.target.raw) == compact(b.target.raw)


class PlaceholderIndicator(Rule):
    """A placeholder indicator row ("无" with value "无").

    ## 检查内容
    指标名称和指标值都是占位符（无、/、—）的指标行。

    ## 为什么要查
    占位行没有设定任何绩效目标，是模板遗留，应当删除（regulations.md §9 #1）。

    ## 反例
    ```json
    {"rows": [["效益指标", "生态效益指标", "无", "无"]]}
    ```

    ## 正例
    ```json
    {"rows": []}
    ```
    """

    code = "JX115"
    severity = Severity.INFO
    title = "占位指标行"
    rationale = "表格应无缺项、错项，不保留空白模板行（regulations.md §9 #1）"

    def check_project(self, project: Project, ctx: Context) -> Iterator[Finding]:
        for row in ctx.view.rows:
            if row.placeholder:
                yield self.finding(
                    ctx,
                    f"“{row.indicator.level2 or row.indicator.level1 or ''}”下为占位行"
                    f"（指标“{row.name or '（空）'}”，指标值“{row.target.raw or '（空）'}”）。",
                    "删除占位行；该类指标确需设置的，填写具体指标和指标值。",
                    row.index,
                )


_SATISFACTION_NAME = re.compile(r"满意|满足度|好评|差评|认可|投诉|信任|获得感|幸福感|口碑|评价")


def is_satisfaction_name(name: str) -> bool:
    """Return whether an indicator name measures satisfaction (满意度, 投诉率, 好评率 …)."""
    return bool(_SATISFACTION_NAME.search(name))


def benefits_only_satisfaction(ctx: Context) -> bool:
    """Return whether the project has 效益 rows and every one of them is satisfaction."""
    benefits = [row for row in ctx.view.real_rows if row.l1 == BENEFIT and row.name]
    return bool(benefits) and all("满意" in row.name for row in benefits)


class MisfiledSatisfaction(Rule):
    """A non-satisfaction measure under 满意度, or satisfaction filed under 效益.

    ## 检查内容
    满意度指标下的指标并不衡量任何人的满意程度（如“活动完成率”），
    或满意度类指标（如“群众满意率”）被归到效益指标下。满意度指标下设“投诉率”等反向指标是允许的。
    效益指标全部是满意度的，由 JX117 按项目报告，本规则不再逐行报告。

    ## 为什么要查
    满意度指标反映“服务对象或项目受益人的认可程度”，效益指标反映项目的效果，
    两者混用会使分类评分失真（88号指标定义；regulations.md §2.1、§9 #6）。

    ## 反例
    ```json
    {"rows": [["满意度指标", "服务对象满意度指标", "培训完成率", "≥95%"]]}
    ```

    ## 正例
    ```json
    {"rows": [["满意度指标", "服务对象满意度指标", "参训人员满意度", "≥90%"]]}
    ```
    """

    code = "JX116"
    severity = Severity.WARNING
    title = "满意度指标归类错误"
    rationale = (
        "满意度指标反映服务对象认可程度，不与效益指标混用（88号指标定义；regulations.md §9 #6）"
    )

    def check_project(self, project: Project, ctx: Context) -> Iterator[Finding]:
        if project.kind == "department":
            return  # 部门整体 frameworks put 满意度 under 效益 (regulations.md §7)
        only_satisfaction = benefits_only_satisfaction(ctx)
        for row in ctx.view.real_rows:
            if not row.name:
                continue
            satisfaction = is_satisfaction_name(row.name)
            if row.l1 == SATISFACTION and not satisfaction:
                yield self.finding(
                    ctx,
                    f"满意度指标下的“{row.name}”不是满意度指标。",
                    "将其移到对应的产出或效益指标下，满意度指标填写服务对象满意度。",
                    row.index,
                )
            elif row.l1 == BENEFIT and "满意" in row.name and not only_satisfaction:
                yield self.finding(
                    ctx,
                    f"满意度指标“{row.name}”填在了效益指标（{row.indicator.level2 or ''}）下。",
                    "将其移到满意度指标下，效益指标填写项目带来的经济、社会、生态效益。",
                    row.index,
                )


class BenefitOnlySatisfaction(Rule):
    """效益 given only as satisfaction.

    ## 检查内容
    项目的效益指标全部是满意度类指标。

    ## 为什么要查
    满意度不是项目的效果；每个项目至少应有一项真正反映经济效益、社会效益、
    生态效益或可持续影响的效益指标（regulations.md §2.1、§9 #7）。

    ## 反例
    ```json
    {"rows": [["效益指标", "社会效益指标", "群众满意率", "≥90%"]]}
    ```

    ## 正例
    ```json
    {"rows": [["效益指标", "社会效益指标", "窗口办件差错率", "≤1%"]]}
    ```
    """

    code = "JX117"
    severity = Severity.WARNING
    title = "效益指标仅有满意度"
    rationale = "效益指标应反映项目效果，不能以满意度代替（regulations.md §9 #7）"

    def check_project(self, project: Project, ctx: Context) -> Iterator[Finding]:
        if project.kind != "department" and benefits_only_satisfaction(ctx):
            benefits = [row for row in ctx.view.real_rows if row.l1 == BENEFIT and row.name]
            names = "、".join(dict.fromkeys(row.name for row in benefits))
            yield self.finding(
                ctx,
                f"效益指标只有满意度（{names}），没有反映项目效果的指标。",
                "补充经济效益、社会效益或生态效益指标，满意度移到满意度指标下。",
            )


class AnnualAndPeriodConfused(Rule):
    """Annual and whole-period targets confused.

    ## 检查内容
    年度绩效目标表中，指标的完成时间晚于预算年度（如2025年的表中写“2027年底前完成”），
    或指标按多年期间表述（如“十四五期间”“三年累计”）。

    ## 为什么要查
    实施期目标和年度目标是表中不同的栏目；年度绩效目标表只填写本预算年度要达到的目标
    （regulations.md §2.3、§9 #24）。

    ## 反例
    ```json
    {"rows": [["产出指标", "时效指标", "培训完成时间", "2027年10月底前"]]}
    ```

    ## 正例
    ```json
    {"rows": [["产出指标", "时效指标", "培训完成时间", "2025年10月底前"]]}
    ```
    """

    code = "JX118"
    severity = Severity.WARNING
    title = "年度目标与实施期目标混淆"
    rationale = "年度绩效目标对应预算年度，实施期目标另行填报（regulations.md §2.3、§9 #24）"

    _YEAR = re.compile(r"(20\d\d)年")
    _PERIOD = re.compile(r"十[二三四五六]五期间|\d年累计|[两三四五]年累计|实施期内|规划期内")

    def check_project(self, project: Project, ctx: Context) -> Iterator[Finding]:
        if project.kind != "target":
            return
        for row in ctx.view.real_rows:
            raw = row.target.raw or ""
            text = raw + row.name
            # Cheap substring tests first: almost no row mentions a period or a year.
            if ("期" in text or "累计" in text) and self._PERIOD.search(text):
                yield self._report(ctx, row, "表述的是多年实施期目标")
            elif (
                project.year
                and "年" in raw
                and any(int(y) > project.year for y in self._YEAR.findall(raw))
            ):
                yield self._report(ctx, row, f"完成时间晚于预算年度{project.year}年")

    def _report(self, ctx: Context, row, why: str) -> Finding:
        return self.finding(
            ctx,
            f"指标“{row.name}”的指标值“{row.target.raw}”{why}。",
            "年度绩效目标表只填写本预算年度内可实现的指标值，实施期目标另行填报。",
            row.index,
        )
