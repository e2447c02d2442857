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
    Target,
    UnitCostOutlier,
    build_index,
    robust_outliers,
)
from jixiao.rules.minhash import jaccard, signature, similar_pairs, token_hash
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
    entries = [Target(95.0, i, 0, "x", "≥95%", None) for i in range(9)]
    entries.append(Target(93.0, 9, 0, "x", "≥93%", None))
    assert list(robust_outliers(entries, log_scale=False, floor=5.0, z=3.5)) == []
    entries.append(Target(40.0, 10, 0, "x", "≥40%", None))
    [outlier] = robust_outliers(entries, log_scale=False, floor=5.0, z=3.5)
    assert outlier.target.number == 40.0 and outlier.median == 95.0


# --- MinHash and LSH ----------------------------------------------------------------------


def test_token_hash_is_stable_across_processes():
    # A literal, so a change of hash function (or Python's hash seed) shows up here.
    assert token_hash("服务对象满意度|>=90%") == token_hash("服务对象满意度|>=90%")
    assert token_hash("a") != token_hash("b")
    assert 0 <= token_hash("综合事务保障率") < 2**32


@settings(max_examples=40, deadline=None)
@given(
    st.sets(st.integers(0, 10**6), min_size=5, max_size=60),
    st.sets(st.integers(0, 10**6), min_size=0, max_size=30),
)
def test_signatures_agree_about_as_often_as_the_sets_overlap(common, extra):
    a = frozenset(token_hash(str(x)) for x in common)
    b = frozenset(token_hash(str(x)) for x in common | extra)
    sig_a, sig_b = signature(a, 64), signature(b, 64)
    agree = sum(x == y for x, y in zip(sig_a, sig_b, strict=True)) / 64
    assert abs(agree - jaccard(a, b)) < 0.45  # a loose bound: 64 bins, densified


def brute_force(sets, threshold):
    return {
        (i, j)
        for i in range(len(sets))
        for j in range(i + 1, len(sets))
        if jaccard(sets[i], sets[j]) >= threshold
    }


def test_similar_pairs_finds_the_near_duplicates_brute_force_finds():
    rng = random.Random(7)
    sets = []
    for _ in range(60):  # families of near-copies among unrelated sets
        base = {rng.randrange(10**6) for _ in range(30)}
        sets.append(frozenset(base))
        for _ in range(rng.randrange(3)):
            copy_ = set(base)
            copy_.discard(next(iter(copy_)))
            copy_.add(rng.randrange(10**6))
            sets.append(frozenset(copy_))
    found = {(i, j) for i, j, _ in similar_pairs(sets, threshold=0.7, bands=10, rows=3)}
    assert found == brute_force(sets, 0.7)


def test_a_family_larger_than_a_bucket_is_still_paired_with_every_purpose():
    template = frozenset(range(40))
    sets = [template] * 200
    kinds = [i % 2 for i in range(200)]  # two purposes among the copies
    pairs = list(
        similar_pairs(
            sets,
            threshold=0.7,
            bands=10,
            rows=3,
            bucket_cap=16,
            same_kind=lambda i, j: kinds[i] == kinds[j],
        )
    )
    partners: dict[int, set[int]] = {}
    for i, j, _ in pairs:
        partners.setdefault(i, set()).add(kinds[j])
        partners.setdefault(j, set()).add(kinds[i])
    assert all(partners[i] == {0, 1} for i in range(200))
    assert len(pairs) < 200 * 10  # not all 19,900 pairs
