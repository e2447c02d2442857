"""Run the core review engine on one filing's project; summarise the findings for the row."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import Any

from jixiao.model import Document, Project
from jixiao.review import Reviewer

# A Reviewer instantiates the rules once for the settings (config files are read then);
# it keeps per-document scratch state, so each server thread gets its own.
_local = threading.local()


@dataclass(slots=True)
class Review:
    """Findings (as ``jixiao check --format json`` objects) with their score and grade."""

    findings: list[dict[str, Any]] = field(default_factory=list)
    score: float | None = None
    grade: str = ""
    errors: int = 0
    warnings: int = 0


def reviewer() -> Reviewer:
    """Return this thread's reviewer with the default settings."""
    if not hasattr(_local, "reviewer"):
        _local.reviewer = Reviewer()
    return _local.reviewer


def review_project(project: Project, source: str = "") -> Review:
    """Given a project, return the engine's findings on it, its score and its grade."""
    engine = reviewer()
    document = Document(source=source, projects=[project])
    report = engine.report(document, engine.review_project(project, 0, document))
    scored = report.scores[0]
    return Review(
        findings=[finding.to_dict() for finding in report.findings],
        score=float(scored.score),
        grade=scored.grade,
        errors=report.by_severity.get("error", 0),
        warnings=report.by_severity.get("warning", 0),
    )
