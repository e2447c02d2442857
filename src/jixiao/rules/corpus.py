"""JX6xx: rules across projects and documents (boilerplate, library outliers, unit costs).

The rules read one shared ``CorpusIndex`` (rules/corpus_index.py) built in a single pass
over the documents; ``run_corpus_rules`` is what the review engine calls.
"""

from __future__ import annotations

import gc
import math
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from statistics import median
from types import MappingProxyType
from typing import TYPE_CHECKING, ClassVar

from ..model import Document, Location
from .base import CorpusRule, Finding, Severity
from .corpus_index import CorpusIndex, Entry, build_index
from .simjoin import similar_pairs
from .text import dice, topic_bigrams, word_pattern

if TYPE_CHECKING:
    from ..config import Settings

# Words every project name or purpose may carry; they say nothing about what it is for.
GENERIC_WORDS: tuple[str, ...] = (
    "项目", "经费", "费用", "资金", "专项", "补助", "保障", "工作", "年度", "主要", "用于",
    "通过", "实施", "开展", "提高", "提升", "确保", "保证", "进一步", "加强", "推动",
    "全年", "本级", "相关", "有关", "各项", "日常",
)  # fmt: skip


class IndexRule(CorpusRule):
    """A corpus rule that reads a CorpusIndex (so several rules share one pass)."""

    def check_corpus(self, documents: Sequence[Document], settings: Settings) -> Iterator[Finding]:
        return self.check_index(build_index(documents, settings))

    def check_index(self, index: CorpusIndex) -> Iterator[Finding]:
        """Given the corpus index, yield findings with ``source`` set."""
        return iter(())

    def make_finding(
        self,
        index: CorpusIndex,
        ref: int,
        message: str,
        fix: str,
        indicator: int | None = None,
        location: Location | None = None,
    ) -> Finding:
        project = index.projects[ref]
        return Finding(
            rule=self.code,
            severity=self.severity,
            title=self.title,
            message=message,
            fix=fix,
            project=project.position,
            indicator=indicator,
            location=location or project.location,
            source=index.sources[project.document],
        )


class Boilerplate(IndexRule):
    """Flags a project whose indicators copy those of a project with another purpose.

    ## 检查内容
    两个项目名称不同、用途（资金用途、年度目标）也不同，绩效指标（指标名称和指标值）却几乎相同。
    这说明指标是从模板或其他项目套用过来的，无法衡量本项目的工作。
    比较范围是本次审核的全部文件中的所有项目。

    ## 为什么要查
    绩效目标审核表要求“是否没有出现与其他同类专项或项目绩效目标接近或雷同的情
    形”（regulations.md §3.6、§9 #9）；10号要求评价项目绩效目标与实际工作内容是否具有相关性。
    沿用本项目上年的指标是允许的：项目编码相同，或单位和项目名称都相同的项目不作比较。

    ## 反例
    ```json
    {"projects": [
      {"code": "13082825P00818110001L", "name": "2025年政务服务窗口业务培训经费"},
      {"code": "13082825P00818110002L", "name": "2025年电子政务外网专线租赁费",
       "purpose": "租赁县乡两级电子政务外网专线，保障网上办件畅通。",
       "goals": ["1.全年专线畅通率不低于99%。"]}
    ]}
    ```

    ## 正例
    ```json
    {"projects": [
      {"code": "13082825P00818110001L", "name": "2025年政务服务窗口业务培训经费"},
      {"code": "13082825P00818110002L", "name": "2025年电子政务外网专线租赁费",
       "purpose": "租赁县乡两级电子政务外网专线，保障网上办件畅通。",
       "goals": ["1.全年专线畅通率不低于99%。"],
       "indicators": [
         ["产出指标", "数量指标", "租赁专线条数", "≥14条"],
         ["产出指标", "质量指标", "专线畅通率", "≥99%"],
         ["产出指标", "时效指标", "故障修复时间", "≤4小时"],
         ["产出指标", "成本指标", "专线租赁费", "≤10万元"],
         ["效益指标", "社会效益指标", "网上办件率", "≥80%"],
         ["满意度指标", "服务对象满意度指标", "使用单位满意度", "≥90%"]]}
    ]}
    ```
    """

    code = "JX601"
    severity = Severity.WARNING
    title = "指标与用途不同的项目雷同（套用模板）"
    rationale = (
        "绩效目标审核表：“是否没有出现与其他同类专项或项目绩效目标接近或雷同的情形”"
        "（regulations.md §3.6）"
    )
    thresholds: ClassVar[Mapping[str, object]] = MappingProxyType(
        {
            "similarity": 0.6,  # Jaccard of the indicator sets (one name+value token per row)
            "name_similarity": 0.5,  # Dice of name bigrams at or above which names agree
            # Purposes and goals reuse stock phrases (提升服务质量和群众满意度), so text alone
            # makes two projects the same only when it is nearly identical.
            "purpose_similarity": 0.8,
            "min_indicators": 5,  # smaller sets agree by chance
            "posting_cap": 100,  # a family of copies is compared with at most 100 members
            "max_partners": 3,
            "generic_words": GENERIC_WORDS,
        }
    )

    def check_index(self, index: CorpusIndex) -> Iterator[Finding]:
        matcher = _PurposeMatcher(index, self.thresholds)
        partners = self._partners(index, matcher)
        for ref in sorted(partners):
            yield self._finding(index, ref, partners[ref])

    def _partners(self, index: CorpusIndex, matcher: _PurposeMatcher) -> dict[int, list]:
        """Return, per project, its near-identical partners whose purpose differs, best first."""
        minimum = self.thresholds["min_indicators"]
        sets = [p.tokens if p.indicators >= minimum else None for p in index.projects]
        found: dict[int, list[tuple[float, int]]] = {}
        pairs = similar_pairs(
            sets,
            threshold=self.thresholds["similarity"],
            posting_cap=self.thresholds["posting_cap"],
        )
        for i, j, similarity in pairs:
            if not matcher.same_purpose(i, j):
                found.setdefault(i, []).append((similarity, j))
                found.setdefault(j, []).append((similarity, i))
        for entries in found.values():
            entries.sort(key=lambda e: (-e[0], e[1]))
        return found

    def _finding(self, index: CorpusIndex, ref: int, partners: list[tuple[float, int]]) -> Finding:
        project = index.projects[ref]
        similarity = partners[0][0]
        shown = partners[: self.thresholds["max_partners"]]
        names = "、".join(_describe(index, ref, other) for _, other in shown)
        more = f"等{len(partners)}个项目" if len(partners) > len(shown) else ""
        message = (
            f"本项目的绩效指标与项目{names}{more}几乎相同（指标名称和指标值的相似度最高{similarity:.0%}），"
            "但这些项目的名称和用途不同，指标像是套用的模板。"
        )
        fix = f"按“{project.name}”自身的资金用途和年度目标重新设定产出、效益和满意度指标。"
        return self.make_finding(index, ref, message, fix)


def _describe(index: CorpusIndex, ref: int, other: int) -> str:
    """Return “name” of ``other``, with its file when it is in another document."""
    partner = index.projects[other]
    if partner.document == index.projects[ref].document:
        return f"“{partner.name}”"
    return f"“{partner.name}”（{index.sources[partner.document]}）"


class _PurposeMatcher:
    """Decides whether two indexed projects serve the same purpose (memoising topic bigrams)."""

    def __init__(self, index: CorpusIndex, thresholds: Mapping[str, object]) -> None:
        self.projects = index.projects
        self.name_threshold = float(thresholds["name_similarity"])  # type: ignore[arg-type]
        self.text_threshold = float(thresholds["purpose_similarity"])  # type: ignore[arg-type]
        self.generic = word_pattern(thresholds["generic_words"])  # type: ignore[arg-type]
        self._topics: dict[int, tuple[frozenset[str], frozenset[str]]] = {}

    def same_purpose(self, i: int, j: int) -> bool:
        """Return whether projects i and j are the same project or share name or purpose."""
        a, b = self.projects[i], self.projects[j]
        if set(a.identity) & set(b.identity):
            return True
        name_a, text_a = self._topic(i)
        name_b, text_b = self._topic(j)
        if dice(name_a, name_b) >= self.name_threshold:
            return True
        return bool(text_a and text_b) and dice(text_a, text_b) >= self.text_threshold

    def _topic(self, ref: int) -> tuple[frozenset[str], frozenset[str]]:
        if ref not in self._topics:
            name, *texts = self.projects[ref].topic
            self._topics[ref] = (
                topic_bigrams([name], self.generic),
                topic_bigrams(texts, self.generic),
            )
        return self._topics[ref]


@dataclass(frozen=True, slots=True)
class Outlier:
    """A target far from its group: where it is, its value, the group's median and size."""

    number: float
    project: int
    indicator: int
    raw: str
    location: Location | None
    median: float
    peers: int


def robust_outliers(
    entries: Sequence[Entry], *, log_scale: bool, floor: float, z: float
) -> Iterator[Outlier]:
    """Given one group's targets, yield those whose robust z-score exceeds ``z``.

    The score is |x - median| / max(1.4826 · MAD, floor): the median absolute deviation
    ignores the outliers it looks for, and ``floor`` keeps a group whose values are all
    equal (MAD 0) from flagging a value that is only a little different. Amounts and
    counts compare on a log scale (a factor of 10 is as far up as down); percentages on
    a linear one.
    """
    usable = [e for e in entries if e[0] > 0] if log_scale else list(entries)
    scaled = [math.log10(e[0]) if log_scale else e[0] for e in usable]
    if len(scaled) < 2:
        return
    centre = median(scaled)
    spread = max(1.4826 * median(abs(x - centre) for x in scaled), floor)
    typical = 10**centre if log_scale else centre
    for entry, x in zip(usable, scaled, strict=True):
        if abs(x - centre) / spread > z:
            yield Outlier(*entry, median=typical, peers=len(usable))


class LibraryOutlier(IndexRule):
    """Flags a numeric target far from what other projects set for the same indicator.

    ## 检查内容
    指标的目标值与本次审核的其他项目对同名、同计量单位指标设定的值相差很大（用中位数和中位数绝对
    偏差比较，只在足够多的项目使用该指标时比较）。目标值远低于其他项目，
    往往是为确保完成而有意定低；远高于其他项目，往往是录入或单位错误。成本总额随项目规模而变，
    不作比较；单位成本由 JX603 比较。

    ## 为什么要查
    10号把“年初指标值设定明显偏低”列为问题，101号要求指标值参照历史、计划和行业标准“尽量从严、
    从高设定”（regulations.md §3.2、§9 #22）。与其他项目的指标值比较，
    正是审核人员发现这类问题的办法。

    ## 反例
    ```json
    {"projects": [{}, {}, {}, {}, {}, {}, {},
      {"rows": [["满意度指标", "服务对象满意度指标", "参训人员满意度", "≥50%"]]}]}
    ```

    ## 正例
    ```json
    {"projects": [{}, {}, {}, {}, {}, {}, {},
      {"rows": [["满意度指标", "服务对象满意度指标", "参训人员满意度", "≥90%"]]}]}
    ```
    """

    code = "JX602"
    severity = Severity.INFO
    title = "指标值明显偏离同名指标的常见水平"
    rationale = "10号“年初指标值设定明显偏低”；101号指标值“从严、从高”设定（regulations.md §3.2）"
    thresholds: ClassVar[Mapping[str, object]] = MappingProxyType(
        {
            "min_projects": 8,  # fewer values make no library
            "z": 3.5,  # robust z-score above which a value is an outlier (Iglewicz–Hoaglin)
            "percent_floor": 5.0,  # percentage points: smallest spread assumed for % values
            "ratio_floor": 2.0,  # smallest spread assumed for amounts and counts, as a factor
        }
    )

    def check_index(self, index: CorpusIndex) -> Iterator[Finding]:
        minimum = self.thresholds["min_projects"]
        for (name, unit), entries in index.targets.items():
            if len({e[1] for e in entries}) < minimum:
                continue
            percent = unit == "%"
            floor = (
                self.thresholds["percent_floor"]
                if percent
                else math.log10(self.thresholds["ratio_floor"])
            )
            for outlier in robust_outliers(
                entries, log_scale=not percent, floor=floor, z=self.thresholds["z"]
            ):
                yield self._finding(index, outlier, name, unit)

    def _finding(self, index: CorpusIndex, outlier: Outlier, name: str, unit: str) -> Finding:
        target = outlier
        side = "偏低" if target.number < outlier.median else "偏高"
        message = (
            f"指标“{name}”的指标值“{target.raw}”明显{side}：各项目的同名指标（共{outlier.peers}个，"
            f"单位“{unit or '无'}”）中位数为{outlier.median:.4g}。"
        )
        fix = "核对指标值和计量单位；确需如此的，在指标值确定依据中说明理由。"
        return self.make_finding(
            index, target.project, message, fix, target.indicator, target.location
        )


class UnitCostOutlier(IndexRule):
    """Flags a unit cost (元/人, 万元/台 …) far from other projects' unit cost for the same item.

    ## 检查内容
    按单位成本填写的成本指标（元/人、万元/台、元/次等），统一换算为“元/同一计量对象”后，
    与其他项目同名成本指标的单位成本相差很大。只比较同时写明金额和计量对象的成本指标；jixiao 不
    用项目预算除以某个数量指标来推算单位成本，因为那等于猜测资金买的是哪项产出。

    ## 为什么要查
    绩效目标审核表“适当性”要求绩效目标与资金量匹配（“资金匹配性”，
    既不过高也不过低）；101号规定成本指标不得超出预算支出标准（regulations.md §9 #11、#23）。

    ## 反例
    ```json
    {"projects": [
      {"rows": [["产出指标", "成本指标", "人均培训成本", "≤400元/人次"]]},
      {"rows": [["产出指标", "成本指标", "人均培训成本", "≤450元/人次"]]},
      {"rows": [["产出指标", "成本指标", "人均培训成本", "≤0.05万元/人次"]]},
      {"rows": [["产出指标", "成本指标", "人均培训成本", "≤380元/人次"]]},
      {"rows": [["产出指标", "成本指标", "人均培训成本", "≤5000元/人次"]]}]}
    ```

    ## 正例
    ```json
    {"projects": [
      {"rows": [["产出指标", "成本指标", "人均培训成本", "≤400元/人次"]]},
      {"rows": [["产出指标", "成本指标", "人均培训成本", "≤450元/人次"]]},
      {"rows": [["产出指标", "成本指标", "人均培训成本", "≤0.05万元/人次"]]},
      {"rows": [["产出指标", "成本指标", "人均培训成本", "≤380元/人次"]]},
      {"rows": [["产出指标", "成本指标", "人均培训成本", "≤500元/人次"]]}]}
    ```
    """

    code = "JX603"
    severity = Severity.INFO
    title = "单位成本明显偏离同类项目"
    rationale = (
        "绩效目标审核表“资金匹配性”；101号：成本指标不得超出预算支出标准（regulations.md §9）"
    )
    thresholds: ClassVar[Mapping[str, object]] = MappingProxyType(
        # z 3 with a floor of a factor 2: flags unit costs about 8 times off the median.
        {"min_projects": 5, "z": 3.0, "ratio_floor": 2.0}
    )

    def check_index(self, index: CorpusIndex) -> Iterator[Finding]:
        floor = math.log10(self.thresholds["ratio_floor"])
        for (name, per), entries in index.unit_costs.items():
            if len({e[1] for e in entries}) < self.thresholds["min_projects"]:
                continue
            for outlier in robust_outliers(
                entries, log_scale=True, floor=floor, z=self.thresholds["z"]
            ):
                yield self._finding(index, outlier, name, per)

    def _finding(self, index: CorpusIndex, outlier: Outlier, name: str, per: str) -> Finding:
        target = outlier
        ratio = target.number / outlier.median
        times = f"{ratio:.1f}倍" if ratio >= 1 else f"{1 / ratio:.1f}分之一"
        message = (
            f"成本指标“{name}”的单位成本“{target.raw}”（折合{target.number:.4g}元/{per}）"
            f"是{outlier.peers}个项目同名指标中位数{outlier.median:.4g}元/{per}的{times}。"
        )
        fix = (
            "核对单位成本和计量单位，对照本地区的支出标准修改；确需如此的，在指标值确定依据中说明。"
        )
        return self.make_finding(
            index, target.project, message, fix, target.indicator, target.location
        )


CORPUS_RULES: tuple[type[IndexRule], ...] = (Boilerplate, LibraryOutlier, UnitCostOutlier)


def check_corpus_index(rules: Iterable[CorpusRule], index: CorpusIndex) -> list[Finding]:
    """Given instantiated corpus rules and an index, return all their findings."""
    findings: list[Finding] = []
    for rule in rules:
        if isinstance(rule, IndexRule):
            findings.extend(rule.check_index(index))
    return findings


@contextmanager
def _without_cycle_collection() -> Iterator[None]:
    """Pause Python's cycle collector while the index is built.

    The index makes millions of small tuples and no reference cycles; with a province
    loaded, each automatic full collection walks every object of every document, which
    cost 40 % of the index time (bench/review_speed.py). Reference counting still frees
    everything; the collector resumes (if it was on) when the block ends.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def run_corpus_rules(
    rules: Iterable[CorpusRule], documents: Sequence[Document], settings: Settings
) -> list[Finding]:
    """Run corpus rules over documents, building the shared index once for all index rules."""
    rules = list(rules)
    findings: list[Finding] = []
    if any(isinstance(rule, IndexRule) for rule in rules):
        with _without_cycle_collection():
            findings = check_corpus_index(rules, build_index(documents, settings))
    for rule in rules:
        if not isinstance(rule, IndexRule):
            findings.extend(rule.check_corpus(documents, settings))
    return findings
