"""The engine never fails on odd input: any project, any text, any number, any gap."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jixiao.model import Document, Indicator, Location, Project, SpendingPlan, Value
from jixiao.review import Reviewer
from tests.jixiao.rules.helpers import all_on

REVIEWER = Reviewer(all_on())

WORDS = st.sampled_from(
    ["产出指标", "效益指标", "满意度指标", "成本指标", "数量指标", "质量指标", "时效指标",
     "社会效益指标", "经济成本指标", "服务对象满意度指标", "故障率", "满意度", "无", "", " ",
     "目标内容1", "2027年底前", "有效提升", "预算执行率", "项目成本", "投诉率", "44561"]
)  # fmt: skip
TEXT = st.one_of(st.none(), WORDS, st.text(max_size=30), st.lists(WORDS, max_size=4).map("".join))
NUMBER = st.one_of(
    st.none(),
    st.integers(-(10**12), 10**12),
    st.floats(allow_nan=False, allow_infinity=False, width=32),
)
DIRECTION = st.sampled_from([None, ">=", "<=", "=", ">", "<"])
UNIT = st.one_of(st.none(), st.sampled_from(["%", "万元", "元", "亿元", "元/人", "人次", "年", ""]))

indicators = st.builds(
    Indicator,
    level1=TEXT,
    level2=TEXT,
    name=TEXT,
    description=TEXT,
    target=st.builds(Value, raw=TEXT, direction=DIRECTION, number=NUMBER, unit=UNIT),
    nature=st.one_of(st.none(), st.sampled_from(["正向", "反向", "定性", "?"])),
    weight=NUMBER,
    basis=TEXT,
    location=st.one_of(st.none(), st.builds(Location, line=st.integers(1, 9999))),
)
plans = st.one_of(
    st.none(),
    st.dictionaries(st.sampled_from([3, 6, 10, 12]), NUMBER).map(lambda d: SpendingPlan(d)),
)
projects = st.builds(
    Project,
    code=TEXT,
    name=TEXT,
    year=st.one_of(st.none(), st.integers(1990, 2100)),
    budget_total=NUMBER,
    budget_fiscal=NUMBER,
    budget_other=NUMBER,
    purpose=TEXT,
    spending_plan=plans,
    goals=st.one_of(st.none(), st.lists(st.one_of(WORDS, st.text(max_size=20)), max_size=3)),
    indicators=st.lists(indicators, max_size=8),
    kind=st.sampled_from(["target", "self_evaluation", "department"]),
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(projects, min_size=1, max_size=4))
def test_any_document_reviews_without_error(items):
    report = REVIEWER.review_document(Document(source="random.json", projects=items))
    assert len(report.scores) == len(items)
    for finding in report.findings:
        assert 0 <= finding.project < len(items)
        indicators = items[finding.project].indicators
        assert finding.indicator is None or 0 <= finding.indicator < len(indicators)
        assert finding.message and finding.title
        assert finding.to_dict()["rule"] == finding.rule


@settings(max_examples=40, deadline=None)
@given(projects)
def test_review_is_deterministic_and_project_rules_need_no_document(project):
    first = REVIEWER.review_project(project)
    assert first == REVIEWER.review_project(project)
