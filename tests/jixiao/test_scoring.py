"""Per-project score and grade, and the document summary."""

from __future__ import annotations

from jixiao.config import Settings
from jixiao.interchange import from_dict
from jixiao.review import review_document
from jixiao.rules.base import Finding, Severity
from jixiao.scoring import score, score_projects
from tests.conftest import expected_for, seed_paths


def finding(severity: Severity, project: int = 0) -> Finding:
    return Finding("JX301", severity, "t", "m", None, project)


def test_deductions_per_severity_and_floor():
    settings = Settings()
    assert score([], settings) == 100
    findings = [finding(Severity.ERROR), finding(Severity.WARNING), finding(Severity.INFO)]
    assert score(findings, settings) == 100 - 10 - 4 - 1
    assert score([finding(Severity.ERROR)] * 11, settings) == 0


def test_grade_bands():
    settings = Settings()
    assert [settings.grade(s) for s in (100, 90, 89.5, 80, 79, 60, 59, 0)] == [
        "优", "优", "良", "良", "中", "中", "差", "差",
    ]  # fmt: skip


def test_every_project_is_scored_even_without_findings():
    scores = score_projects(3, [finding(Severity.WARNING, project=1)], Settings())
    assert [s.score for s in scores] == [100, 96, 100]
    assert scores[1].warnings == 1 and scores[1].to_dict() == {
        "project": 1,
        "score": 96,
        "grade": "优",
    }


def test_document_summary_counts_and_worst_projects():
    seed = next(p for p in seed_paths() if p.stem.startswith("002"))
    report = review_document(from_dict(expected_for(seed)))
    assert sum(report.by_severity.values()) == len(report.findings)
    assert report.by_rule["JX203"] == 6
    worst = [report.scores[i].score for i in report.worst]
    assert worst == sorted(worst)
    data = report.to_dict()
    assert set(data) == {"source", "findings", "projects", "summary"}
    assert data["findings"][0].keys() >= {
        "rule",
        "severity",
        "project",
        "indicator",
        "line",
        "message",
        "fix",
    }
