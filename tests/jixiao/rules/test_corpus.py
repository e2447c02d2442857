"""Corpus rules (JX601 boilerplate, JX602 library outliers, JX603 unit costs) and their MinHash."""

from __future__ import annotations

import copy
import random

from hypothesis import given, settings
from hypothesis import strategies as st

from jixiao.config import default_settings
from jixiao.interchange import from_dict
from jixiao.model import Document
from jixiao.review import review_documents
from jixiao.rules.corpus import (
    Boilerplate,
    LibraryOutlier,
    UnitCostOutlier,
    build_index,
    robust_outliers,
)
from jixiao.rules.simjoin import jaccard, similar_pairs
from jixiao.rules.text import name_key, unit_key
from tests.conftest import expected_for, seed_paths

SEED_DOCUMENTS = {seed.stem[:3]: expected_for(seed) for seed in seed_paths()}

# Seed 003 pastes one nine-row set (综合事务保障率, 网络数据平台建设任务完成情况, 网络安全建设
# 正式运行时间, 项目成本, …, 活动完成率) into these unrelated projects; a reviewer flags each.
# 2 and 8 pay staff wages with their own (similar) rows, 4 and 11 have their own sets.
SEED_003_BOILERPLATE = {0, 1, 3, 5, 6, 7, 9, 10}


def documents(*keys: str) -> list[Document]:
    return [from_dict(copy.deepcopy(SEED_DOCUMENTS[key])) for key in keys]


def flagged(rule, docs: list[Document]) -> set[tuple[str, int]]:
    index = build_index(docs, default_settings())
    return {(f.source, f.project) for f in rule.check_index(index)}


# --- JX601 on the seeds -------------------------------------------------------------------


def test_it_flags_exactly_the_pasted_projects_of_seed_003():
    [document] = documents("003")
    assert flagged(Boilerplate(), [document]) == {
        (document.source, i) for i in SEED_003_BOILERPLATE
    }


def test_it_flags_nothing_else_across_all_five_seeds():
    docs = documents(*SEED_DOCUMENTS)
    source_003 = docs[3].source
    assert flagged(Boilerplate(), docs) == {(source_003, i) for i in SEED_003_BOILERPLATE}


def test_it_does_not_flag_copies_that_share_the_purpose():
    # Seed 000 projects 0 and 3 share six of seven rows, but also their purpose and goal
    # text: two maintenance contracts described alike, not a pasted template.
    [document] = documents("000")
    assert flagged(Boilerplate(), [document]) == set()


def test_it_finds_boilerplate_across_documents_and_names_the_other_file():
    [whole] = documents("003")
    first = Document("a.json", whole.projects[:1])
    second = Document("b.json", whole.projects[1:2])
    findings = list(Boilerplate().check_index(build_index([first, second], default_settings())))
    assert {(f.source, f.project) for f in findings} == {("a.json", 0), ("b.json", 0)}
    assert "（b.json）" in findings[0].message
    assert findings[0].indicator is None
    assert findings[0].fix and whole.projects[0].name in findings[0].fix


def test_it_does_not_flag_the_same_project_in_two_years():
    [last_year] = documents("003")
    this_year = copy.deepcopy(last_year)
    this_year.source = "2023.json"
    this_year.projects = this_year.projects[4:5]  # 优化全区营商环境…: its own set in 003
    last_year.projects = last_year.projects[4:5]
    this_year.projects[0].year = 2023
    assert flagged(Boilerplate(), [last_year, this_year]) == set()


def test_a_small_indicator_set_is_not_compared():
    [document] = documents("003")
    for project in document.projects:
        del project.indicators[3:]
    assert flagged(Boilerplate(), [document]) == set()


def test_thresholds_come_from_the_rule_configuration():
    [document] = documents("003")
    strict = Boilerplate(thresholds={"similarity": 0.95})
    # Only the pairs whose rows are all equal (names and values) remain.
    assert flagged(strict, [document]) < flagged(Boilerplate(), [document])


def test_review_documents_files_corpus_findings_under_their_document():
    docs = documents("000", "003")
    reports = review_documents(docs, default_settings())
    jx601 = [
        (i, f.project)
        for i, report in enumerate(reports)
        for f in report.findings
        if f.rule == "JX601"
    ]
    assert sorted(jx601) == [(1, i) for i in sorted(SEED_003_BOILERPLATE)]


# --- JX602 / JX603 ------------------------------------------------------------------------


def satisfaction_corpus(values: list[str]) -> Document:
    projects = []
    for i, raw in enumerate(values):
        projects.append(
            {
                "code": f"P{i}",
                "name": f"项目{i}",
                "indicators": [
                    {
                        "level1": "满意度指标",
                        "level2": "服务对象满意度指标",
                        "name": "服务对象满意度",
                        "raw_value": raw,
                        "direction": ">=",
                        "value": float(raw.strip("≥%")),
                        "unit": "%",
                    }
                ],
            }
        )
    return from_dict({"source": "library.json", "projects": projects})


def test_jx602_flags_a_target_far_below_the_library():
    document = satisfaction_corpus(["≥90%", "≥95%", "≥90%", "≥98%", "≥90%", "≥92%", "≥90%", "≥60%"])
    findings = list(LibraryOutlier().check_index(build_index([document], default_settings())))
    assert [(f.project, f.indicator) for f in findings] == [(7, 0)]
    assert "偏低" in findings[0].message and "≥60%" in findings[0].message


def test_jx602_needs_enough_projects_and_a_real_difference():
    few = satisfaction_corpus(["≥90%", "≥95%", "≥60%"])
    close = satisfaction_corpus(["≥90%"] * 8 + ["≥85%"])
    for document in (few, close):
        index = build_index([document], default_settings())
        assert list(LibraryOutlier().check_index(index)) == []


def test_jx602_reports_nothing_on_the_seeds():
    index = build_index(documents(*SEED_DOCUMENTS), default_settings())
    assert list(LibraryOutlier().check_index(index)) == []


def test_jx603_compares_unit_costs_after_converting_currency():
    rows = ["≤400元/人", "≤0.045万元/人", "≤380元/人", "≤420元/人", "≤5000元/人"]
    projects = [
        {
            "code": f"P{i}",
            "name": f"项目{i}",
            "indicators": [
                {
                    "level1": "产出指标",
                    "level2": "成本指标",
                    "name": "人均奖励标准",
                    "raw_value": raw,
                    "direction": "<=",
                    "value": float(raw.strip("≤元万/人")),
                    "unit": "万元/人" if "万" in raw else "元/人",
                }
            ],
        }
        for i, raw in enumerate(rows)
    ]
    document = from_dict({"source": "costs.json", "projects": projects})
    findings = list(UnitCostOutlier().check_index(build_index([document], default_settings())))
    assert [f.project for f in findings] == [4]
    assert "5000元/人" in findings[0].message


def test_robust_outliers_use_the_floor_when_all_values_agree():
    entries = [(95.0, i, 0, "≥95%", None) for i in range(9)]
    entries.append((93.0, 9, 0, "≥93%", None))
    assert list(robust_outliers(entries, log_scale=False, floor=5.0, z=3.5)) == []
    entries.append((40.0, 10, 0, "≥40%", None))
    [outlier] = robust_outliers(entries, log_scale=False, floor=5.0, z=3.5)
    assert (outlier.number, outlier.project, outlier.median) == (40.0, 10, 95.0)


# --- the similarity join -----------------------------------------------------------------


def brute_force(sets, threshold):
    return {
        (i, j, jaccard(sets[i], sets[j]))
        for i in range(len(sets))
        for j in range(i + 1, len(sets))
        if sets[i] and sets[j] and jaccard(sets[i], sets[j]) >= threshold
    }


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.one_of(st.none(), st.frozensets(st.integers(0, 30), min_size=1, max_size=12)),
        max_size=25,
    ),
    st.sampled_from([0.5, 0.6, 0.7, 0.9, 1.0]),
)
def test_similar_pairs_finds_exactly_what_brute_force_finds(sets, threshold):
    assert set(similar_pairs(sets, threshold=threshold)) == brute_force(sets, threshold)


def test_similar_pairs_on_families_of_near_copies_among_unrelated_sets():
    rng = random.Random(7)
    common = list(range(20))  # tokens every set may use, like 服务对象满意度 ≥90%
    sets = []
    for _ in range(80):
        base = set(rng.sample(common, 6)) | {rng.randrange(100, 10**6) for _ in range(14)}
        sets.append(frozenset(base))
        for _ in range(rng.randrange(3)):
            variant = set(base)
            variant.discard(max(variant))
            variant.add(rng.randrange(100, 10**6))
            sets.append(frozenset(variant))
    assert set(similar_pairs(sets, threshold=0.6)) == brute_force(sets, 0.6)


def test_a_large_family_costs_linear_work_and_every_member_finds_partners():
    template = frozenset(range(40))
    sets = [template] * 500
    pairs = list(similar_pairs(sets, threshold=0.6, posting_cap=20))
    assert len(pairs) < 500 * 20  # not all 124,750 pairs
    assert {i for pair in pairs for i in pair[:2]} == set(range(500))


# --- text keys ----------------------------------------------------------------------------


@given(st.text(alphabet="政务服务满意度率（）() ，、.％%ＡＢ１２ab12\t\n", max_size=30))
def test_name_keys_ignore_spacing_punctuation_and_width(text):
    key = name_key(text)
    assert name_key(key) == key
    assert not any(ch.isspace() for ch in key)
    assert not set(key) & set("（）()，、.")
    assert name_key(text.replace("（", "(").replace("）", ")")) == key


def test_unit_keys_treat_spellings_of_one_unit_alike():
    assert unit_key("百分比") == unit_key("％") == unit_key("%") == "%"
    assert unit_key("万") == unit_key("万元")
    assert unit_key("元／人") == unit_key("元/人") == "元/人"


# --- robustness ---------------------------------------------------------------------------

_WORDS = st.sampled_from(["服务对象满意度", "项目成本", "无", "", "培训人数", "单位成本", "  "])
_ROWS = st.fixed_dictionaries(
    {
        "level1": st.sampled_from(["产出指标", "效益指标", "满意度指标", "成本指标", None]),
        "level2": st.sampled_from(["数量指标", "成本指标", "服务对象满意度指标", None]),
        "name": st.one_of(st.none(), _WORDS),
        "raw_value": st.one_of(st.none(), st.sampled_from(["≥90%", "无", "有效提升", ""])),
        "direction": st.sampled_from([">=", "<=", "=", None]),
        "value": st.one_of(st.none(), st.floats(-1e9, 1e9), st.integers(-5, 10**6)),
        "unit": st.sampled_from(["%", "元/人", "万元/台", "万元", "元/", "/人", None, "个"]),
    }
)
_PROJECTS = st.fixed_dictionaries(
    {
        "code": st.one_of(st.none(), st.sampled_from(["A1", "A2", "B1"])),
        "name": st.one_of(st.none(), _WORDS),
        "purpose": st.one_of(st.none(), _WORDS),
        "goals": st.one_of(st.none(), st.lists(_WORDS, max_size=2)),
        "indicators": st.lists(_ROWS, max_size=12),
    }
)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(_PROJECTS, max_size=6), min_size=1, max_size=3))
def test_corpus_rules_survive_any_documents_and_point_at_real_rows(documents_data):
    docs = [
        from_dict({"source": f"d{i}.json", "projects": projects})
        for i, projects in enumerate(documents_data)
    ]
    index = build_index(docs, default_settings())
    rules = (Boilerplate(thresholds={"min_indicators": 1}), LibraryOutlier(), UnitCostOutlier())
    for rule in rules:
        for finding in rule.check_index(index):
            document = docs[int(finding.source[1:].split(".")[0])]
            project = document.projects[finding.project]
            assert finding.indicator is None or finding.indicator < len(project.indicators)
            assert finding.message and finding.fix
