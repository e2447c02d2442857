"""Run the core review engine on one filing's project; summarise the findings for the row."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.conf import settings

from jixiao.config import load_settings
from jixiao.model import Document, Project
from jixiao.review import Reviewer

# The rules follow settings.REVIEW_PACK (a province or year pack, e.g. "henan-2022") and
# settings.REVIEW_CONFIG (a jixiao.toml). A Reviewer instantiates the rules once (config
# files are read then) and keeps per-document scratch state, so each thread has its own.
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
    """Return this thread's reviewer for the configured rule pack and config file."""
    key = (settings.REVIEW_CONFIG, settings.REVIEW_PACK)
    if getattr(_local, "key", None) != key:
        config = Path(settings.REVIEW_CONFIG) if settings.REVIEW_CONFIG else None
        _local.reviewer = Reviewer(load_settings(config, pack=settings.REVIEW_PACK or None))
        _local.key = key
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
