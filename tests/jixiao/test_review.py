"""The review API the CLI and the web editor call: review_document, review_project."""

from __future__ import annotations

import jixiao
from jixiao.interchange import from_dict
from jixiao.model import Location
from jixiao.review import Reviewer, review_project
from jixiao.rules.examples import build
from tests.conftest import expected_for, seed_paths


def test_review_project_rechecks_one_edited_project():
    project = build({"rows": [["产出指标", "成本指标", "培训成本", "≥10万元"]]}).projects[0]
    assert [f.rule for f in review_project(project)] == ["JX301"]
    project.indicators[-1].target.direction = "<="
    assert review_project(project) == []


def test_findings_carry_the_row_location_and_document_source():
    document = build({"rows": [["产出指标", "成本指标", "培训成本", "≥10万元"]]})
    document.projects[0].indicators[-1].location = Location(line=57)
    (finding,) = Reviewer().review_document(document).findings
    assert finding.location.line == 57 and finding.to_dict()["line"] == 57
    assert finding.source == "example.json" and finding.indicator == 5


def test_project_level_findings_fall_back_to_the_project_location():
    document = build({"goals": ["1.目标内容1"]})
    document.projects[0].location = Location(line=3)
    (finding,) = Reviewer().review_document(document).findings
    assert finding.indicator is None and finding.location.line == 3


def test_findings_are_sorted_by_project_then_row():
    seed = next(p for p in seed_paths() if p.stem.startswith("003"))
    findings = Reviewer().review_document(from_dict(expected_for(seed))).findings
    keys = [(f.project, -1 if f.indicator is None else f.indicator) for f in findings]
    assert keys == sorted(keys)


def test_package_exposes_check_helpers():
    document = build({"rows": [["产出指标", "成本指标", "培训成本", "≥10万元"]]})
    assert [f.rule for f in jixiao.check(document).findings] == ["JX301"]
    assert [f.rule for f in jixiao.check_project(document.projects[0])] == ["JX301"]
