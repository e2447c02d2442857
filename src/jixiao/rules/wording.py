"""JX4xx: text quality (指向明确).

Indicators must belong to the project (高度关联), explain themselves (指标解释) and say
where their value comes from (指标值设定依据) (research/regulations.md §3.1–§3.2, §9).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from types import MappingProxyType

from ..model import Document, Project
from .base import Context, Finding, Rule, Severity
from .view import BENEFIT, COST, OUTPUT, SATISFACTION, compact

_CJK_RUN = re.compile(r"[\u4e00-\u9fff]+")


def bigrams(text: str, generic: re.Pattern[str] | None = None) -> set[str]:
    """Return the Chinese character bigrams of ``text``, generic words cut out first."""
    if generic is not None:
        text = generic.sub(" ", text)
    grams: set[str] = set()
    for run in _CJK_RUN.findall(text):
        grams.update(run[i : i + 2] for i in range(len(run) - 1))
    return grams


class DescriptionRepeatsName(Rule):
    """The description only repeats the indicator name.

    ## 检查内容
    绩效指标描述（指标解释）与指标名称相同，或只是名称的一部分（如“网络安全建设正式运行时间”的描
    述为“正式运行时间”）。

    ## 为什么要查
    指标解释应说明“计算方法和数据口径”（101号）；重复名称等于没有解释
    （regulations.md §2.2、§9 #29）。

    ## 反例
    ```json
    {"rows": [{"level1": "产出指标", "level2": "质量指标", "name": "培训合格率",
               "raw_value": "≥95%", "description": "培训合格率"}]}
    ```

    ## 正例
    ```json
    {"rows": [{"level1": "产出指标", "level2": "质量指标", "name": "培训合格率",
               "raw_value": "≥95%", "description": "考核合格人数÷参训人数×100%"}]}
    ```
    """

    code = "JX401"
    severity = Severity.INFO
    title = "指标描述只重复了指标名称"
    rationale = "指标解释应说明计算方法和数据口径（101号；regulations.md §2.2、§9 #29）"

    def check_project(self, project: Project, ctx: Context) -> Iterator[Finding]:
        for row in ctx.view.real_rows:
            description = compact(row.indicator.description)
            if description and row.name and description in row.name:
                yield self.finding(
                    ctx,
                    f"指标“{row.name}”的绩效指标描述“{description}”只是重复了指标名称。",
                    "在指标描述中写明计算方法、数据口径或考核内容。",
                    row.index,
                )


class UnrelatedIndicator(Rule):
    """An indicator that has nothing to do with its project but matches another project.

    ## 检查内容
    产出指标或效益指标的名称与本项目的名称、资金用途、年度目标没有共同的词，
    而同一文件中另一个项目有相同的指标，且那个项目的名称、用途或目标与该指标有多个共同的词——说明
    这一行是从那个项目粘贴过来的。满意度指标和成本指标每个项目都有，不作比较。

    ## 为什么要查
    绩效指标应“与支出方向、政策依据相关联……与总体绩效目标的内容直接关联”（101号“高度关
    联”；88号“指向明确”；regulations.md §3.1、§9 #9）。

    ## 反例
    ```json
    {"projects": [
      {"rows": [["产出指标", "数量指标", "网络设备采购数量", "≥20台"]]},
      {"name": "2025年政务外网网络设备采购经费", "code": "13082825P00818110002A",
       "purpose": "采购政务外网网络设备。", "goals": ["1.采购网络设备20台，保障政务外网稳定运行。"],
       "indicators": [
         ["产出指标", "数量指标", "网络设备采购数量", "≥20台"],
         ["产出指标", "质量指标", "设备验收合格率", "=100%"],
         ["产出指标", "时效指标", "设备安装完成时间", "2025年6月底前"],
         ["产出指标", "成本指标", "设备采购成本", "≤10万元"],
         ["效益指标", "社会效益指标", "外网故障中断次数", "≤2次"],
         ["满意度指标", "服务对象满意度指标", "使用单位满意度", "≥90%"]]}
    ]}
    ```

    ## 正例
    ```json
    {"projects": [
      {"rows": [["产出指标", "数量指标", "培训人数", "≥200人次"]]},
      {"name": "2025年政务外网网络设备采购经费", "code": "13082825P00818110002A",
       "purpose": "采购政务外网网络设备。", "goals": ["1.采购网络设备20台，保障政务外网稳定运行。"],
       "indicators": [
         ["产出指标", "数量指标", "网络设备采购数量", "≥20台"],
         ["产出指标", "质量指标", "设备验收合格率", "=100%"],
         ["产出指标", "时效指标", "设备安装完成时间", "2025年6月底前"],
         ["产出指标", "成本指标", "设备采购成本", "≤10万元"],
         ["效益指标", "社会效益指标", "外网故障中断次数", "≤2次"],
         ["满意度指标", "服务对象满意度指标", "使用单位满意度", "≥90%"]]}
    ]}
    ```
    """

    code = "JX402"
    severity = Severity.WARNING
    title = "指标与本项目无关"
    rationale = "绩效指标应与项目支出内容、绩效目标直接关联（101号 高度关联；regulations.md §3.1）"
    thresholds = MappingProxyType({"min_shared": 2})

    def check_project(self, project: Project, ctx: Context) -> Iterator[Finding]:
        document = ctx.document
        if document is None or len(document.projects) < 2:
            return
        topics = ctx.shared.get("JX402")
        if topics is None:
            topics = ctx.shared["JX402"] = _Topics(document, ctx)
        for row in ctx.view.real_rows:
            if row.l1 not in (OUTPUT, BENEFIT) or row.is_cost or row.l2 in (SATISFACTION, COST):
                continue
            key = row.indicator.name
            if len(topics.holders.get(key, ())) < 2:
                continue  # no other project has this indicator: nothing it was pasted from
            grams = topics.name_grams(row.name)
            if not grams or topics.shared(grams, ctx.index):
                continue
            other = topics.source_of(key, grams, ctx.index, self.thresholds["min_shared"])
            if other is not None:
                yield self.finding(
                    ctx,
                    f"指标“{row.name}”与本项目的名称、用途和目标没有关联，"
                    f"却与项目“{document.projects[other].name or other + 1}”相符，疑似套用。",
                    "删除该指标，改设反映本项目主要产出和效果的指标。",
                    row.index,
                )


class _Topics:
    """Per-document: which projects hold each indicator name, and their topic texts."""

    def __init__(self, document: Document, ctx: Context) -> None:
        self.generic = ctx.settings.vocabulary.pattern("generic")
        self._template = ctx.settings.vocabulary.pattern("goal_templates")
        self._projects = document.projects
        self._topics: dict[int, str] = {}
        self._name_grams: dict[str, set[str]] = {}
        self._ranked: dict[str, list[tuple[int, int]]] = {}
        self.holders: dict[str, list[int]] = {}
        # Keyed by the name as stored: importers already remove extraction whitespace, and
        # squashing every name of a 10,000-project document here would cost more than JX402.
        for index, project in enumerate(document.projects):
            for name in {i.name for i in project.indicators}:
                self.holders.setdefault(name, []).append(index)

    def topic(self, index: int) -> str:
        """Return a project's name, purpose and goals as one text (built on demand)."""
        text = self._topics.get(index)
        if text is None:
            text = self._topics[index] = self._template.sub("", _topic_text(self._projects[index]))
        return text

    def shared(self, grams: set[str], index: int) -> int:
        """Return how many of ``grams`` occur in project ``index``'s topic text."""
        text = self.topic(index)
        return sum(1 for gram in grams if gram in text)

    def name_grams(self, name: str) -> set[str]:
        grams = self._name_grams.get(name)
        if grams is None:
            grams = self._name_grams[name] = bigrams(name, self.generic)
        return grams

    def source_of(self, name: str, grams: set[str], own: int, minimum: int) -> int | None:
        """Return the other project holding indicator ``name`` whose topic shares most of
        ``grams`` (at least ``minimum``), or None."""
        ranked = self._ranked.get(name)
        if ranked is None:
            # Once per name, not per row: a name held by 10,000 projects is ranked once.
            scored = [(self.shared(grams, i), -i) for i in self.holders.get(name, ())]
            ranked = self._ranked[name] = [(n, -i) for n, i in sorted(scored, reverse=True)[:2]]
        for count, index in ranked:
            if index != own:
                return index if count >= minimum else None
        return None


def _topic_text(project: Project) -> str:
    return " ".join([project.name or "", project.purpose or "", *(project.goals or [])])


class MissingBasis(Rule):
    """No basis (指标值确定依据) where the table has the column.

    ## 检查内容
    同一文件中其他指标都填写了指标值确定依据，而本指标没有填写。

    ## 为什么要查
    101号要求写明每个指标值的设定依据（计划标准、行业标准、历史标准、预算支出标准、其他标准）
    （regulations.md §3.2、§9 #25）。

    ## 反例
    ```json
    {"indicators": [
      ["产出指标", "数量指标", "培训人数", "≥200人次", {"basis": "年度工作计划"}],
      ["产出指标", "质量指标", "培训合格率", "≥95%"],
      ["产出指标", "时效指标", "培训完成时间", "2025年10月底前", {"basis": "年度工作计划"}],
      ["产出指标", "成本指标", "培训成本", "≤10万元", {"basis": "预算支出标准"}],
      ["效益指标", "社会效益指标", "窗口办件差错率", "≤1%", {"basis": "历史标准"}],
      ["满意度指标", "服务对象满意度指标", "参训人员满意度", "≥90%", {"basis": "问卷调查"}]
    ]}
    ```

    ## 正例
    ```json
    {"indicators": [
      ["产出指标", "数量指标", "培训人数", "≥200人次", {"basis": "年度工作计划"}],
      ["产出指标", "质量指标", "培训合格率", "≥95%", {"basis": "行业标准"}],
      ["产出指标", "时效指标", "培训完成时间", "2025年10月底前", {"basis": "年度工作计划"}],
      ["产出指标", "成本指标", "培训成本", "≤10万元", {"basis": "预算支出标准"}],
      ["效益指标", "社会效益指标", "窗口办件差错率", "≤1%", {"basis": "历史标准"}],
      ["满意度指标", "服务对象满意度指标", "参训人员满意度", "≥90%", {"basis": "问卷调查"}]
    ]}
    ```
    """

    code = "JX403"
    severity = Severity.INFO
    title = "缺少指标值确定依据"
    rationale = "指标值应有设定依据（101号 指标值设定依据；regulations.md §3.2、§9 #25）"

    def check_project(self, project: Project, ctx: Context) -> Iterator[Finding]:
        if not ctx.facts.fills_basis:
            return
        for row in ctx.view.real_rows:
            if row.name and not compact(row.indicator.basis):
                yield self.finding(
                    ctx,
                    f"指标“{row.name}”未填写指标值确定依据。",
                    "填写依据：计划标准、行业标准、历史标准、预算支出标准或其他标准。",
                    row.index,
                )


class RoutineManagementAsOutput(Rule):
    """Routine management requirements used as outputs.

    ## 检查内容
    产出指标或效益指标是每个项目都有的常规管理要求（资金拨付及时率、资金到位率、制度健全、
    档案完整等），而不是本项目的产出。项目本身就是做这件事的除外（如档案数字化项目中的“档案完整
    率”）；补助、补贴、奖励、救助类项目把资金拨付给受益对象就是项目的产出，其“补助资金拨付时间”
    等不报告（项目名称或指标名称含词表 transfers 中的词）。

    ## 为什么要查
    101号：“不应设置如常规性的项目管理要求等与产出、效益和成本明显无关联的指
    标”（regulations.md §3.1、§9 #8）。

    ## 反例
    ```json
    {"rows": [["产出指标", "时效指标", "资金拨付及时率", "=100%"]]}
    ```

    ## 正例
    ```json
    {"rows": [["产出指标", "时效指标", "培训完成时间", "2025年10月底前"]]}
    ```
    """

    code = "JX404"
    severity = Severity.WARNING
    title = "以常规管理要求作为绩效指标"
    rationale = (
        "不应设置常规性的项目管理要求等与产出、效益明显无关联的指标（101号；regulations.md §3.1）"
    )

    def check_project(self, project: Project, ctx: Context) -> Iterator[Finding]:
        routine = ctx.settings.vocabulary.pattern("routine")
        generic = ctx.settings.vocabulary.pattern("generic")
        transfers = ctx.settings.vocabulary.pattern("transfers")
        for row in ctx.view.real_rows:
            match = routine.search(row.name) if row.l1 in (OUTPUT, BENEFIT) else None
            if match is None:
                continue
            words = match.group()
            if _project_is_about(project, words, generic):
                continue
            if _pays_out_transfer(f"{project.name or ''} {row.name}", words, transfers):
                continue
            yield self.finding(
                ctx,
                f"指标“{row.name}”是常规管理要求，不是本项目的产出或效益。",
                "删除该指标，改设反映项目主要产出和效果的指标。",
                row.index,
            )


def _project_is_about(project: Project, words: str, generic: re.Pattern[str]) -> bool:
    # An archive project's 档案完整率 is its output, not a routine duty: the routine words
    # (less the generic ones such as 资金, 管理) appearing in the project's own topic.
    topic = _topic_text(project)
    return any(gram in topic for gram in bigrams(words, generic))


def _pays_out_transfer(name: str, words: str, transfers: re.Pattern[str]) -> bool:
    # Paying a subsidy or award to its beneficiaries is how such a project delivers: the
    # payout time is its output. Funds reaching the unit (资金到位) stay a routine duty.
    paying = "拨付" in words or "支付" in words
    return paying and bool(transfers.search(name))


class SatisfactionWithoutSurvey(Rule):
    """A satisfaction indicator with no survey or data source.

    ## 检查内容
    在有相应栏目的表格中，满意度指标的指标值确定依据和指标描述都没有提到调查方式或数据来源（调
    查、问卷、测评、回访等）。许多版式没有填写数据来源的栏目，所以本规则默认关闭；
    在 jixiao.toml 中写 `extend-select = ["JX405"]` 即可启用。

    ## 为什么要查
    101号规定满意度指标通过调查取得完成值（问卷调查法、完成值数据来源）
    （regulations.md §2.2、§9 #26）。

    ## 反例
    ```json
    {"rows": [["满意度指标", "服务对象满意度指标", "参训人员满意度", "≥90%",
               {"description": "提高参训人员对培训的满意程度"}]]}
    ```

    ## 正例
    ```json
    {"rows": [["满意度指标", "服务对象满意度指标", "参训人员满意度", "≥90%",
               {"description": "培训结束后问卷调查的满意比例"}]]}
    ```
    """

    code = "JX405"
    severity = Severity.INFO
    title = "满意度指标没有调查或数据来源"
    rationale = "满意度指标应通过问卷调查等方式取得完成值（101号；regulations.md §2.2、§9 #26）"

    def check_project(self, project: Project, ctx: Context) -> Iterator[Finding]:
        survey = ctx.settings.vocabulary.pattern("survey")
        for row in ctx.view.real_rows:
            if not row.is_satisfaction or "满意" not in row.name:
                continue
            text = compact(row.indicator.basis) + compact(row.indicator.description)
            if text and not survey.search(text):
                yield self.finding(
                    ctx,
                    f"满意度指标“{row.name}”未说明调查方式或数据来源（依据为“{text}”）。",
                    "在依据或说明中写明满意度调查方式（如问卷调查、电话回访）。",
                    row.index,
                )


class NameTooLong(Rule):
    """An indicator name over 100 characters.

    ## 检查内容
    三级指标名称超过长度上限（默认100个字）。

    ## 为什么要查
    指标名称应“简洁明确、通俗易懂”；预算管理一体化系统限定指标名称不超过100个字
    （101号；regulations.md §2.2、§3.5、§9 #29）。

    ## 反例
    ```json
    {"rows": [["产出指标", "数量指标", [
      "组织全县政务服务窗口工作人员开展业务知识、服务礼仪、政策法规、系统操作、",
      "应急处置、消防安全、保密知识、廉政教育、心理健康、沟通技巧、礼仪规范、",
      "公文写作、数据安全、数字化转型、帮办代办、一网通办、跨省通办、好差评制度、",
      "首问负责制、限时办结制、一次性告知制等方面的集中培训和考核的人数"], "≥200人次"]]}
    ```

    ## 正例
    ```json
    {"rows": [["产出指标", "数量指标", "培训人数", "≥200人次"]]}
    ```
    """

    code = "JX406"
    severity = Severity.WARNING
    title = "指标名称过长"
    rationale = "指标名称应简洁明确，一体化系统限100字（101号；regulations.md §3.5）"
    thresholds = MappingProxyType({"max_length": 100})

    def check_project(self, project: Project, ctx: Context) -> Iterator[Finding]:
        limit = self.thresholds["max_length"]
        for row in ctx.view.real_rows:
            if len(row.name) > limit:
                yield self.finding(
                    ctx,
                    f"指标名称长{len(row.name)}字，超过{limit}字：“{row.name[:20]}…”。",
                    "精简指标名称，把计算口径写入指标描述。",
                    row.index,
                )
