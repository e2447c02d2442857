"""The review engine: run the selected rules over a document and score its projects.

``review_document`` is what ``jixiao check`` and the web app's review page call;
``review_project`` re-runs the per-project rules on one project as a user edits it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from .config import Settings, default_settings
from .model import Document, Project
from .rules import RULES
from .rules.base import Context, CorpusRule, Finding, Rule
from .rules.corpus import run_corpus_rules
from .rules.view import document_facts, make_view
from .scoring import ProjectScore, score_projects


@dataclass(slots=True)
class DocumentReport:
    """Everything the review says about one document."""

    source: str
    findings: list[Finding]
    scores: list[ProjectScore]
    by_severity: dict[str, int] = field(default_factory=dict)
    by_rule: dict[str, int] = field(default_factory=dict)
    worst: list[int] = field(default_factory=list)

    def for_project(self, index: int) -> list[Finding]:
        return [f for f in self.findings if f.project == index]

    def to_dict(self) -> dict[str, Any]:
        """Return the report as the public JSON object of ``jixiao check --format json``."""
        return {
            "source": self.source,
            "findings": [f.to_dict() for f in self.findings],
            "projects": [s.to_dict() for s in self.scores],
            "summary": {
                "by_severity": dict(self.by_severity),
                "by_rule": dict(self.by_rule),
                "worst": list(self.worst),
            },
        }


class Reviewer:
    """The selected rules instantiated once for the given settings; reusable across documents."""

    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings or default_settings()
        rules = self.settings.instantiate(RULES)
        self.project_rules: list[Rule] = [r for r in rules if r.scope == "project"]
        self.corpus_rules: list[CorpusRule] = [r for r in rules if isinstance(r, CorpusRule)]
        self._shared_key: tuple[Document | None, Document | None] = (None, None)
        self._shared: dict[str, Any] = {}

    def _shared_for(self, document: Document, layout: Document | None = None) -> dict[str, Any]:
        # Per-document data rules compute once (JX402 token sets), kept while the same
        # document is under review so 10,000 projects build it once.
        if document is not self._shared_key[0] or layout is not self._shared_key[1]:
            self._shared_key, self._shared = (document, layout), {}
            if layout is not None:
                # The project argument is only read when there is no document.
                self._shared["facts"] = document_facts(Project(), layout, {})
        return self._shared

    def review_project(
        self,
        project: Project,
        index: int = 0,
        document: Document | None = None,
        layout: Document | None = None,
    ) -> list[Finding]:
        """Given one project (and its document, for rules comparing projects), return findings.

        ``layout`` is the file the project was read from, when ``document`` gathers the
        projects of several files (the web app's unit of filings): the layout facts
        (codes printed, plans and basis filled) are that file's, not the gathering's.
        """
        view = make_view(project, self.settings.vocabulary, self.settings.regime)
        ctx = Context(self.settings, index, view, document)
        if document is not None:
            ctx.shared = self._shared_for(document, layout)
        findings: list[Finding] = []
        for rule in self.project_rules:
            findings.extend(rule.check_project(project, ctx))
        return findings

    def review_document(self, document: Document, *, corpus: bool = True) -> DocumentReport:
        """Return the report of one document: per-project findings, corpus findings, scores."""
        findings: list[Finding] = []
        for index, project in enumerate(document.projects):
            findings.extend(self.review_project(project, index, document))
        if corpus:
            findings.extend(run_corpus_rules(self.corpus_rules, [document], self.settings))
        return self.report(document, findings)

    def report(self, document: Document, findings: list[Finding]) -> DocumentReport:
        """Given a document and its findings (sorted here), return the scored report."""
        findings = sorted(findings, key=_finding_order)
        scores = score_projects(len(document.projects), findings, self.settings)
        worst = sorted((s for s in scores if s.score < 100), key=lambda s: (s.score, s.project))[:5]
        return DocumentReport(
            source=document.source,
            findings=findings,
            scores=scores,
            by_severity=dict(Counter(str(f.severity) for f in findings)),
            by_rule=dict(sorted(Counter(f.rule for f in findings).items())),
            worst=[s.project for s in worst],
        )


def review_document(document: Document, settings: Settings | None = None) -> DocumentReport:
    """Given a document, return its review report (findings, scores, summary)."""
    return Reviewer(settings).review_document(document)


def review_project(
    project: Project,
    settings: Settings | None = None,
    index: int = 0,
    document: Document | None = None,
) -> list[Finding]:
    """Given one project, return the per-project findings (the web editor's live check)."""
    return Reviewer(settings).review_project(project, index, document)


def review_documents(
    documents: Sequence[Document], settings: Settings | None = None
) -> list[DocumentReport]:
    """Review many documents: per-project rules on each, corpus rules over all of them.

    Corpus findings are filed under the document whose ``source`` they name.
    """
    reviewer = Reviewer(settings)
    per_doc: list[list[Finding]] = []
    for document in documents:
        findings: list[Finding] = []
        for index, project in enumerate(document.projects):
            findings.extend(reviewer.review_project(project, index, document))
        per_doc.append(findings)
    position = {}
    for i, document in enumerate(documents):
        position.setdefault(document.source, i)
    # One pass builds the index all corpus rules share (a province is 2,000,000 indicators).
    for finding in run_corpus_rules(reviewer.corpus_rules, documents, reviewer.settings):
        if (finding.source or "") in position:
            per_doc[position[finding.source or ""]].append(finding)
    return [reviewer.report(d, f) for d, f in zip(documents, per_doc, strict=True)]


def _finding_order(finding: Finding) -> tuple:
    indicator = -1 if finding.indicator is None else finding.indicator
    return (finding.project, indicator, finding.severity.rank, finding.rule)
