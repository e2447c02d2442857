"""Review a generated province-sized corpus with the full engine, corpus rules included.

    python bench/review_speed.py                   # 100,000 projects, about 2,000,000 indicators
    python bench/review_speed.py --projects 5000   # a quick run
    python bench/review_speed.py --profile         # cProfile the review, print the top functions

The corpus is one document per budget unit (about 50 projects each), with names, values
and structure drawn from the vocabulary of the seed documents plus random variation. About
a third of the projects carry one planted defect of a known kind, and about 1.5 % belong to
planted boilerplate families (one indicator set pasted into unrelated projects of several
units, each keeping its own cost amounts, as in seed 003). The review runs
``jixiao.review.review_documents`` over all documents at once.

Prints generation and review seconds, projects/s, peak memory (resource maxrss) and, per
planted kind, the recall (planted projects on which the rule fired) and how many findings
of that rule fell on projects where nothing was planted. Targets (issue #4): review ≤ 60 s
and ≤ 4 GB on one core for 100,000 projects.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import random
import resource
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from jixiao import review as review_module
from jixiao.config import default_settings
from jixiao.model import Document, Indicator, Project, SpendingPlan, Value
from jixiao.review import review_documents

PROJECTS_PER_DOCUMENT = 50
YEARS = (2022, 2023, 2024, 2025)
TOPICS = (
    "政务服务大厅", "电子政务外网", "智慧政务系统", "政府热线", "企业开办", "公共资源交易",
    "档案数字化", "农村公路养护", "义务教育学校", "乡镇卫生院", "村级组织运转", "城乡环卫保洁",
    "农田水利设施", "森林防火", "市场监管执法", "食品安全抽检", "社区养老服务", "残疾人康复",
    "退役军人服务", "文化惠民演出", "全民健身设施", "图书馆数字资源", "职业技能培训",
    "高标准农田建设", "农村饮水安全", "地质灾害防治", "河道治理", "污水处理设施运维",
    "城市路灯维护", "公共法律服务", "网格化社会治理", "应急物资储备", "疫苗冷链",
    "学生营养改善", "不动产登记", "统计调查", "信访接待", "非遗保护传承", "乡村振兴示范村",
    "数据中心运维",
)  # fmt: skip
DEPARTMENTS = (
    "数据和政务服务局", "教育局", "卫生健康局", "交通运输局", "农业农村局", "民政局",
    "水利局", "自然资源局", "文化和旅游局", "市场监督管理局", "司法局", "应急管理局",
)  # fmt: skip
SYLLABLES = "安平兴宁永和丰泰康宜昌华德清阳山江川河源城台林岭乐寿"
QUANTITY = (("数量", "个"), ("次数", "次"), ("覆盖人数", "人次"), ("场次", "场"), ("台数", "台"))
QUALITY = ("合格率", "正常运行率", "完成率", "验收合格率", "数据准确率", "达标率")
SOCIAL = ("服务水平", "群众办事便利度", "社会知晓率", "服务质量")
SATISFACTION = ("服务对象满意度", "群众满意度", "使用人员满意度", "受益群众满意度")
KINDS = ("JX301", "JX304", "JX305", "JX306", "JX201", "JX203", "JX104", "JX102", "JX602")


class Generator:
    """Builds documents one at a time; remembers what it planted where."""

    def __init__(self, seed: int, projects: int) -> None:
        self.rng = random.Random(seed)
        self.total = projects
        self.planted: dict[tuple[int, int], str] = {}  # (document, project) → rule code
        self.families = self._families()

    def documents(self) -> list[Document]:
        documents = []
        for number in range((self.total + PROJECTS_PER_DOCUMENT - 1) // PROJECTS_PER_DOCUMENT):
            count = min(PROJECTS_PER_DOCUMENT, self.total - number * PROJECTS_PER_DOCUMENT)
            documents.append(self._document(number, count))
        return documents

    # --- boilerplate families ----------------------------------------------------------

    def _families(self) -> dict[int, list[Indicator]]:
        """Pick ~1.5 % of project numbers into families of 4–12 sharing one indicator set."""
        rng, members = self.rng, {}
        families = max(1, self.total * 15 // 1000 // 8)
        for _ in range(families):
            template = self._indicators(rng.choice(TOPICS), 100.0)
            for _ in range(rng.randint(4, 12)):
                members[rng.randrange(self.total)] = template
        return members

    # --- documents and projects --------------------------------------------------------

    def _document(self, number: int, count: int) -> Document:
        rng = self.rng
        county = "".join(rng.sample(SYLLABLES, 2)) + "县"
        unit = county + rng.choice(DEPARTMENTS)
        year = rng.choice(YEARS)
        projects = []
        for position in range(count):
            serial = number * PROJECTS_PER_DOCUMENT + position
            project = self._project(unit, year, serial)
            template = self.families.get(serial)
            if template is not None:
                project.indicators = [_copy(i) for i in template]
                _own_costs(project)  # like seed 003: the pasted set, but this budget's costs
                self.planted[(number, position)] = "JX601"
            elif rng.random() < 0.3:
                kind = rng.choice(KINDS)
                PLANTERS[kind](project, rng)
                self.planted[(number, position)] = kind
            projects.append(project)
        return Document(source=f"{year}-{unit}-{number}.json", projects=projects)

    def _project(self, unit: str, year: int, serial: int) -> Project:
        rng = self.rng
        topic = rng.choice(TOPICS)
        budget = round(rng.uniform(2, 500), 2)
        action = rng.choice(("运行维护", "建设", "专项补助", "购买服务", "日常运转"))
        return Project(
            code=f"{serial:020d}",
            name=f"{year}年{topic}{action}经费",
            year=year,
            unit_name=unit,
            budget_total=budget,
            budget_fiscal=budget,
            purpose=f"用于{topic}{action}，{rng.choice(('保障', '推进', '完善'))}{topic}工作开展。",
            spending_plan=SpendingPlan({3: 25, 6: 50, 10: 75, 12: 100}),
            goals=[f"1.完成{topic}{action}任务，提升{topic}服务质量和群众满意度。"],
            indicators=self._indicators(topic, budget),
        )

    def _indicators(self, topic: str, budget: float) -> list[Indicator]:
        rng, rows = self.rng, []
        for _ in range(rng.randint(4, 8)):
            noun, unit = rng.choice(QUANTITY)
            number = int(10 ** rng.uniform(0, 3.5)) + 1
            rows.append(_row("产出指标", "数量指标", f"{topic}{noun}", ">=", number, unit))
        for _ in range(rng.randint(2, 4)):
            name = f"{topic}{rng.choice(QUALITY)}"
            rows.append(_row("产出指标", "质量指标", name, ">=", rng.choice((90, 95, 98)), "%"))
        rows.append(_row("产出指标", "时效指标", f"{topic}完成及时率", ">=", 95, "%"))
        month = rng.randint(6, 12)
        rows.append(_text_row("产出指标", "时效指标", "完成时间", f"{2025}年{month}月底前"))
        for _ in range(rng.randint(1, 3)):
            cost = round(budget * rng.uniform(0.2, 1.0), 2)
            name = f"{topic}{rng.choice(('成本', '费用', '服务费'))}"
            rows.append(_row("产出指标", "成本指标", name, "<=", cost, "万元"))
        for _ in range(rng.randint(2, 5)):
            name = f"{topic}{rng.choice(SOCIAL)}"
            rows.append(_row("效益指标", "社会效益指标", name, ">=", rng.choice((85, 90, 95)), "%"))
        rows.append(_text_row("效益指标", "可持续影响指标", f"{topic}长效机制", "长期有效"))
        if rng.random() < 0.5:
            rows.append(
                _row("效益指标", "经济效益指标", "节约资金", ">=", rng.randint(1, 9), "万元")
            )
        for _ in range(rng.randint(1, 2)):
            name = rng.choice(SATISFACTION)
            rows.append(
                _row("满意度指标", "服务对象满意度指标", name, ">=", rng.choice((90, 95)), "%")
            )
        return rows


def _row(
    level1: str, level2: str, name: str, direction: str, number: float, unit: str
) -> Indicator:
    value = Value(f"{_SIGN[direction]}{number}{unit}", direction, number, unit)  # type: ignore[arg-type]
    return Indicator(level1=level1, level2=level2, name=name, target=value)


_SIGN = {">=": "≥", "<=": "≤", "=": "", ">": ">", "<": "<"}


def _text_row(level1: str, level2: str, name: str, text: str) -> Indicator:
    return Indicator(level1=level1, level2=level2, name=name, target=Value(text))


def _copy(indicator: Indicator) -> Indicator:
    t = indicator.target
    value = Value(t.raw, t.direction, t.number, t.unit)
    return Indicator(indicator.level1, indicator.level2, indicator.name, target=value)


def _own_costs(project: Project) -> None:
    """Give a pasted indicator set this project's own cost amounts (a fraction of its budget)."""
    budget = project.budget_total or 1.0
    for n, row in enumerate(i for i in project.indicators if i.level2 == "成本指标"):
        cost = round(budget / (n + 2), 2)
        row.target = Value(f"≤{cost}万元", "<=", cost, "万元")


# --- planted defects, one function per kind ------------------------------------------------


def _first(project: Project, level2: str) -> Indicator:
    return next(i for i in project.indicators if i.level2 == level2)


def plant_cost_lower_bound(project: Project, rng: random.Random) -> None:
    row = _first(project, "成本指标")
    row.target = Value(f"≥{row.target.number:g}万元", ">=", row.target.number, "万元")


def plant_percent_over_100(project: Project, rng: random.Random) -> None:
    row = _first(project, "质量指标")
    row.target = Value("≥100%", ">=", 100, "%")


def plant_satisfaction_100(project: Project, rng: random.Random) -> None:
    row = _first(project, "服务对象满意度指标")
    row.target = Value("100%", "=", 100, "%")


def plant_negative_with_lower_bound(project: Project, rng: random.Random) -> None:
    project.indicators.append(_row("产出指标", "质量指标", "设备故障率", ">=", 5, "%"))


def plant_decreasing_plan(project: Project, rng: random.Random) -> None:
    project.spending_plan = SpendingPlan({3: 30, 6: 60, 10: 50, 12: 100})


def plant_plan_as_amounts(project: Project, rng: random.Random) -> None:
    budget = project.budget_total or 8.0
    project.spending_plan = SpendingPlan(
        {3: budget / 4, 6: budget / 2, 10: budget * 3 / 4, 12: budget}
    )
    if budget == 100:
        project.spending_plan.by_month[12] = 100.5


def plant_template_goal(project: Project, rng: random.Random) -> None:
    project.goals = ["1.目标内容1"]


def plant_missing_budget(project: Project, rng: random.Random) -> None:
    project.budget_total = project.budget_fiscal = None


def plant_library_outlier(project: Project, rng: random.Random) -> None:
    row = _first(project, "服务对象满意度指标")
    row.target = Value("≥50%", ">=", 50, "%")


PLANTERS: dict[str, Callable[[Project, random.Random], None]] = {
    "JX301": plant_cost_lower_bound,
    "JX304": plant_percent_over_100,
    "JX305": plant_satisfaction_100,
    "JX306": plant_negative_with_lower_bound,
    "JX201": plant_decreasing_plan,
    "JX203": plant_plan_as_amounts,
    "JX104": plant_template_goal,
    "JX102": plant_missing_budget,
    "JX602": plant_library_outlier,
}


# --- measuring -----------------------------------------------------------------------------


def recall(planted: dict[tuple[int, int], str], reports: list) -> dict[str, tuple[int, int, int]]:
    """Return per kind: (planted, found on the planted project, findings on unplanted projects)."""
    fired: dict[tuple[int, int], set[str]] = defaultdict(set)
    for number, report in enumerate(reports):
        for finding in report.findings:
            fired[(number, finding.project)].add(finding.rule)
    planted_count = Counter(planted.values())
    found = Counter(kind for key, kind in planted.items() if kind in fired[key])
    stray = Counter(
        rule
        for key, rules in fired.items()
        for rule in rules
        if rule in planted_count and planted.get(key) != rule
    )
    return {kind: (planted_count[kind], found[kind], stray[kind]) for kind in sorted(planted_count)}


def _time_corpus_rules() -> list[float]:
    """Wrap the engine's corpus pass to time it (CPU seconds); return where the time goes."""
    spent = [0.0]
    original = review_module.run_corpus_rules

    def timed(*args, **kwargs):
        started = time.process_time()
        try:
            return original(*args, **kwargs)
        finally:
            spent[0] += time.process_time() - started

    review_module.run_corpus_rules = timed
    return spent


def machine_speed() -> float:
    """Return the CPU seconds of ten million loop steps (about 0.4 s on an idle 2020s core).

    Printed with the results so a reader can scale them: a shared or throttled machine
    is several times slower than the target one.
    """
    started = time.process_time()
    total = 0
    for step in range(10_000_000):
        total += step
    return time.process_time() - started


def peak_memory_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux reports KiB


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--projects", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--profile", action="store_true", help="cProfile the review")
    args = parser.parse_args()

    started = time.perf_counter()
    generator = Generator(args.seed, args.projects)
    documents = generator.documents()
    generated = time.perf_counter() - started
    indicators = sum(len(p.indicators) for d in documents for p in d.projects)
    print(f"生成：{len(documents)} 个文件，{args.projects} 个项目，{indicators} 个指标", end="")
    print(f"，{generated:.1f} 秒")

    settings = default_settings()
    profiler = cProfile.Profile() if args.profile else None
    corpus_seconds = _time_corpus_rules()
    started, cpu_started = time.perf_counter(), time.process_time()
    if profiler:
        profiler.enable()
    reports = review_documents(documents, settings)
    if profiler:
        profiler.disable()
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu_started

    findings = sum(len(r.findings) for r in reports)
    print(
        f"审核：{elapsed:.1f} 秒（CPU {cpu:.1f} 秒），{args.projects / elapsed:,.0f} 项目/秒，",
        end="",
    )
    print(f"其中跨项目规则 CPU {corpus_seconds[0]:.1f} 秒；发现 {findings} 条问题")
    print(f"峰值内存：{peak_memory_mb():,.0f} MB")
    print(f"本机速度：一千万次循环 CPU {machine_speed():.2f} 秒（空闲的新机器约 0.4 秒）")
    print("植入缺陷召回率（规则  植入数  检出数  召回率  未植入项目上的同规则发现数）：")
    for kind, (planted, found, stray) in recall(generator.planted, reports).items():
        print(f"  {kind}  {planted:6d}  {found:6d}  {found / planted:7.1%}  {stray:6d}")
    if profiler:
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(30)
    return 0


if __name__ == "__main__":
    sys.exit(main())
