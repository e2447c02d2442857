"""Run the core review engine on filings; summarise the findings for the row.

``review_filing`` reviews a saved filing in the context of its peers (``peers.py``): its
unit's filings of the year as its document, and the corpus rules (JX601–JX603) against
every filing of the year under the same finance bureau. ``review_document`` reviews an
imported file as ``jixiao check`` does. A finding that names another filing carries it
as a token in the message and its id in ``peers``; ``present.py`` shows it to a reader.
"""

from __future__ import annotations

import re
import threading
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from django.conf import settings

from jixiao.config import load_settings
from jixiao.model import Document, Location, Project
from jixiao.review import DocumentReport, Reviewer
from jixiao.rules.base import Finding, Severity
from jixiao.rules.corpus import check_corpus_index
from jixiao.scoring import score_projects

from . import peers, store
from .models import Filing
from .peer_index import TOKEN_PATTERN, token

# The rules follow settings.REVIEW_PACK (a province or year pack, e.g. "henan-2022") and
# settings.REVIEW_CONFIG (a jixiao.toml). A Reviewer instantiates the rules once (config
# files are read then) and keeps per-document scratch state, so each thread has its own.
_local = threading.local()

# How JX402 names the other project of the document it suspects a row was pasted from
# (other rules quote the project's own name the same way: they are left alone).
_NAMED_PROJECT = re.compile(r"项目“([^”]+)”")
_NAMES_ANOTHER_PROJECT = frozenset({"JX402"})
_SEVERITY_RANK = {"error": 0, "warning": 1, "info": 2}


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
    """Given a project on its own, return the engine's findings on it, its score and grade."""
    engine = reviewer()
    document = Document(source=source, projects=[project])
    return _summary(engine.report(document, engine.review_project(project, 0, document)), 0)


def review_document(document: Document) -> list[Review]:
    """Given an imported document, return each project's review (corpus rules across them)."""
    report = reviewer().review_document(document)
    return [_summary(report, i) for i in range(len(document.projects))]


def _summary(report: DocumentReport, index: int) -> Review:
    scored = report.scores[index]
    findings = [replace(f, project=0) for f in report.findings if f.project == index]
    return Review(
        findings=[f.to_dict() for f in findings],
        score=float(scored.score),
        grade=scored.grade,
        errors=scored.errors,
        warnings=scored.warnings,
    )


# --- a filing among its peers ---------------------------------------------------------


def scope(key: peers.ScopeKey) -> peers.Scope:
    """Return this process's peer index of scope ``key`` for the configured rules."""
    engine = reviewer()
    similarity = next(
        (r.thresholds["similarity"] for r in engine.corpus_rules if r.code == "JX601"), None
    )
    return peers.scope_for(key, engine.settings.vocabulary.placeholders or {"无"}, similarity)


def review_filing(filing: Filing, project: Project | None = None) -> Review:
    """Given a saved filing (and the project as now typed), return its review among its peers."""
    engine = reviewer()
    project = project if project is not None else store.project_of(filing)
    around = scope(peers.scope_key(filing))
    with around.lock:
        around.refresh()
        context = around.unit_context(filing, project)
        piece = around.piece(filing.pk, project, source=filing.source)
        index, slot = around.index.local_index(piece)
    own = engine.review_project(project, context.position, context.document, context.layout)
    found = [replace(f, project=0) for f in own]
    corpus = check_corpus_index(engine.corpus_rules, index)
    found += [replace(f, project=0) for f in corpus if f.project == slot]
    report = engine.report(Document(source=filing.source, projects=[project]), found)
    review = _summary(report, 0)
    review.findings = [_with_peers(f, filing.pk, context.names) for f in review.findings]
    return review


def _with_peers(finding: dict[str, Any], own: int, names: dict[str, list[int]]) -> dict[str, Any]:
    """Return the finding with the unit projects it names as tokens, and ``peers`` listed."""
    message = finding["message"]
    if finding["rule"] in _NAMES_ANOTHER_PROJECT:
        message = _NAMED_PROJECT.sub(lambda m: _name_token(m, names), message)
    named = dict.fromkeys(int(pk) for pk in TOKEN_PATTERN.findall(message))
    return {**finding, "message": message, "peers": [pk for pk in named if pk != own]}


def _name_token(match: re.Match[str], names: dict[str, list[int]]) -> str:
    # A name two of the unit's filings share says no one filing: it stays as written.
    holders = names.get(match.group(1), [])
    return f"项目“{token(holders[0])}”" if len(holders) == 1 else match.group(0)


def corpus_findings(around: peers.Scope) -> dict[int, list[dict[str, Any]]]:
    """Return the corpus rules' findings on every filing of the scope, in one pass."""
    engine = reviewer()
    with around.lock:
        index = around.index.full_index()
        order = list(around.index.order)
    found: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for finding in check_corpus_index(engine.corpus_rules, index):
        filing = order[finding.project]
        if filing is None:
            continue  # an empty slot has no features, so no rule reports on it
        found[filing].append(_with_peers(replace(finding, project=0).to_dict(), filing, {}))
    return found


def corpus_codes() -> frozenset[str]:
    """Return the codes of the configured corpus rules (the findings peers can change)."""
    return frozenset(rule.code for rule in reviewer().corpus_rules)


def rescore(findings: Iterable[dict[str, Any]]) -> Review:
    """Given one filing's findings (stored form), return them sorted with score and grade."""
    engine = reviewer()
    ordered = sorted(findings, key=_order)
    scored = score_projects(1, [_finding(f) for f in ordered], engine.settings)[0]
    return Review(ordered, float(scored.score), scored.grade, scored.errors, scored.warnings)


def _order(finding: dict[str, Any]) -> tuple:
    indicator = finding.get("indicator")
    severity = _SEVERITY_RANK.get(finding.get("severity", ""), 3)
    return (-1 if indicator is None else indicator, severity, finding.get("rule", ""))


def _finding(data: dict[str, Any]) -> Finding:
    return Finding(
        rule=data["rule"],
        severity=Severity(data["severity"]),
        title=data.get("title") or "",
        message=data.get("message") or "",
        fix=data.get("fix"),
        project=0,
        indicator=data.get("indicator"),
        location=Location(data.get("line"), data.get("page"), data.get("sheet"), data.get("cell")),
    )
