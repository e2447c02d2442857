"""On the seed documents the engine reports what a reviewer reports, and nothing else.

tests/fixtures/findings/<seed>.json lists, per project, the (rule, indicator) pairs
written by hand after reading shared/expected/<seed>.json (see each file's notes).
"""

from __future__ import annotations

import json

import pytest

from jixiao.interchange import from_dict
from jixiao.review import review_document
from tests.conftest import FIXTURES, expected_for, seed_paths

SEEDS = [p for p in seed_paths() if (FIXTURES / "findings" / f"{p.stem}.json").is_file()]


def _fixture(stem: str) -> dict:
    return json.loads((FIXTURES / "findings" / f"{stem}.json").read_text(encoding="utf-8"))


def _reported(stem_path) -> dict[int, set[tuple[str, int | None]]]:
    report = review_document(from_dict(expected_for(stem_path)))
    found: dict[int, set[tuple[str, int | None]]] = {}
    for finding in report.findings:
        found.setdefault(finding.project, set()).add((finding.rule, finding.indicator))
    return found


def test_every_seed_has_a_fixture():
    assert len(SEEDS) == len(seed_paths()) == 5


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.stem[:3])
def test_engine_reports_exactly_the_reviewers_findings(seed):
    fixture = _fixture(seed.stem)
    reported = _reported(seed)
    assert len(fixture["projects"]) == len(expected_for(seed)["projects"])
    for project in fixture["projects"]:
        expected = {(rule, indicator) for rule, indicator, *_ in project["findings"]}
        got = reported.get(project["project"], set())
        assert got - expected == set(), f"project {project['project']}: not expected"
        assert expected - got == set(), f"project {project['project']}: missed"


def test_issue_examples_are_in_the_fixtures():
    # The examples issue #4 names for the seeds, so the fixtures cannot drift from them.
    codes_002 = {f[0] for p in _fixture("002_a1f1e70e06024129")["projects"] for f in p["findings"]}
    assert {"JX203", "JX301", "JX305", "JX104"} <= codes_002
    codes_004 = {f[0] for p in _fixture("004_56876ad9dabf7ad5")["projects"] for f in p["findings"]}
    assert "JX501" not in codes_004
    codes_003 = {f[0] for p in _fixture("003_0d0307f2808b27a4")["projects"] for f in p["findings"]}
    assert "JX601" in codes_003


def test_seed_scores_are_graded():
    report = review_document(from_dict(expected_for(SEEDS[2])))
    assert len(report.scores) == len(report.source and expected_for(SEEDS[2])["projects"])
    assert all(0 <= s.score <= 100 for s in report.scores)
    assert report.worst and report.scores[report.worst[0]].score == min(
        s.score for s in report.scores
    )
