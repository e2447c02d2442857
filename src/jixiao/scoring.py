"""Per-project quality score: start at 100, deduct per finding by severity, grade by band.

Deductions, floor and grade bands come from the settings (packs/default.toml: error 10,
warning 4, info 1, floor 0; 优 ≥ 90, 良 ≥ 80, 中 ≥ 60, 差 below; 财预〔2020〕10号 第十八条).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from .config import Settings
from .rules.base import Finding

FULL_MARKS = 100


@dataclass(frozen=True, slots=True)
class ProjectScore:
    project: int
    score: float
    grade: str
    errors: int = 0
    warnings: int = 0
    infos: int = 0

    def to_dict(self) -> dict[str, Any]:
        score = int(self.score) if float(self.score).is_integer() else self.score
        return {"project": self.project, "score": score, "grade": self.grade}


def score(findings: Iterable[Finding], settings: Settings) -> float:
    """Given one project's findings, return its score: 100 less deductions, not below floor."""
    total = FULL_MARKS - sum(settings.deductions[f.severity] for f in findings)
    return max(settings.floor, total)


def score_projects(
    count: int, findings: Iterable[Finding], settings: Settings
) -> list[ProjectScore]:
    """Given a document's project count and findings, return every project's score and grade."""
    grouped: list[list[Finding]] = [[] for _ in range(count)]
    for finding in findings:
        if 0 <= finding.project < count:
            grouped[finding.project].append(finding)
    return [_project_score(i, group, settings) for i, group in enumerate(grouped)]


def _project_score(index: int, findings: list[Finding], settings: Settings) -> ProjectScore:
    value = score(findings, settings)
    counts = {s: 0 for s in ("error", "warning", "info")}
    for finding in findings:
        counts[str(finding.severity)] += 1
    return ProjectScore(
        index, value, settings.grade(value), counts["error"], counts["warning"], counts["info"]
    )
