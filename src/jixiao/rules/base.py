"""The shapes every review rule shares: Severity, Finding, Context, Rule.

A rule is a class with a stable code (JX301), a severity, a Chinese title, a rationale
citing research/regulations.md and a docstring: an English summary line for developers,
then four Chinese sections for users (检查内容 what it finds / 为什么要查 why / 反例 an
example that fires / 正例 what to write instead). Rules are instantiated once per review
with the settings already applied (severity override, thresholds merged over the class
defaults), so a check never re-reads configuration per indicator.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, ClassVar

from ..model import Document, Location, Project
from .view import DocumentFacts, ProjectView, document_facts

if TYPE_CHECKING:
    from ..config import Settings

CODE_PATTERN = re.compile(r"^JX[1-9]\d{2}$")
# The docstring headings, in order; they are printed as written (jixiao rules, docs/rules).
FINDS, WHY, EXAMPLE, USE_INSTEAD = "检查内容", "为什么要查", "反例", "正例"
DOC_SECTIONS: tuple[str, ...] = (FINDS, WHY, EXAMPLE, USE_INSTEAD)


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        """Return 0 for error, 1 for warning, 2 for info (sort worst first)."""
        return _SEVERITY_RANK[self]

    @property
    def label(self) -> str:
        return _SEVERITY_LABEL[self]


_SEVERITY_RANK = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}


def milder(severity: Severity) -> Severity:
    """Return the severity one notch below (error → warning → info; info stays info)."""
    order = (Severity.ERROR, Severity.WARNING, Severity.INFO)
    return order[min(severity.rank + 1, len(order) - 1)]


_SEVERITY_LABEL = {Severity.ERROR: "错误", Severity.WARNING: "警告", Severity.INFO: "提示"}


@dataclass(frozen=True, slots=True)
class Finding:
    """One thing a rule found: which rule, where, what is wrong (with the values), and the fix.

    ``project`` and ``indicator`` are 0-based positions in the document's interchange
    JSON; ``indicator`` is None for a project-level finding. ``source`` names the
    document (set by the engine; corpus rules that span documents need it).
    """

    rule: str
    severity: Severity
    title: str
    message: str
    fix: str | None
    project: int
    indicator: int | None = None
    location: Location | None = None
    source: str | None = None

    @property
    def code(self) -> str:
        return self.rule

    def to_dict(self) -> dict[str, Any]:
        """Return the finding as the public JSON object of ``jixiao check --format json``."""
        location = self.location or Location()
        return {
            "rule": self.rule,
            "severity": str(self.severity),
            "title": self.title,
            "project": self.project,
            "indicator": self.indicator,
            "line": location.line,
            "page": location.page,
            "sheet": location.sheet,
            "cell": location.cell,
            "message": self.message,
            "fix": self.fix,
        }


@dataclass(slots=True)
class Context:
    """What a per-project check may look at besides the project itself.

    ``view`` is the project pre-classified once (categories, polarity, flags) so that
    rules filter rows cheaply; ``document`` gives access to the other projects (JX402).
    """

    settings: Settings
    index: int
    view: ProjectView
    document: Document | None = None
    shared: dict[str, Any] = field(default_factory=dict)

    @property
    def regime(self) -> str:
        """Return "A" (产出/效益/满意度) or "B" (成本 as its own first level, 101号)."""
        return self.view.regime

    @property
    def facts(self) -> DocumentFacts:
        """Return what the document's layout prints (codes, plans, basis), computed once."""
        return document_facts(self.view.project, self.document, self.shared)


class Rule:
    """Base class of all rules. Subclasses set the class attributes and override a check."""

    code: ClassVar[str]
    severity: ClassVar[Severity]
    title: ClassVar[str]
    rationale: ClassVar[str]
    # Default thresholds; config may override any key (unknown keys are a config error).
    thresholds: ClassVar[Mapping[str, Any]] = MappingProxyType({})
    # "project" rules run on each project; "corpus" rules see all documents at once.
    scope: ClassVar[str] = "project"

    def __init__(
        self, severity: Severity | None = None, thresholds: Mapping[str, Any] | None = None
    ) -> None:
        # Instance attributes shadow the class defaults: the effective configuration.
        self.severity = severity or type(self).severity  # type: ignore[misc]  # per-instance override
        merged = dict(type(self).thresholds)
        merged.update(thresholds or {})
        self.thresholds = MappingProxyType(merged)  # type: ignore[misc]  # per-instance override

    def check_project(self, project: Project, ctx: Context) -> Iterable[Finding]:
        """Given one project and its context, yield the findings (none by default)."""
        return ()

    def finding(
        self,
        ctx: Context,
        message: str,
        fix: str | None = None,
        indicator: int | None = None,
    ) -> Finding:
        """Return a finding of this rule for the context's project (and indicator row)."""
        project = ctx.view.project
        location = None
        if indicator is not None:
            location = project.indicators[indicator].location
        return Finding(
            rule=self.code,
            severity=self.severity,
            title=self.title,
            message=message,
            fix=fix,
            project=ctx.index,
            indicator=indicator,
            location=location or project.location,
            source=ctx.document.source if ctx.document is not None else None,
        )

    @classmethod
    def doc_sections(cls) -> dict[str, str]:
        """Return the docstring's ``## Section`` bodies by heading (the rule's documentation)."""
        return parse_sections(cls.__doc__ or "")

    @classmethod
    def summary(cls) -> str:
        """Return the first docstring line (an English one-liner for developers)."""
        return (cls.__doc__ or "").strip().splitlines()[0] if cls.__doc__ else ""


class CorpusRule(Rule):
    """A rule that needs many documents at once (JX6xx: boilerplate, library outliers)."""

    scope: ClassVar[str] = "corpus"

    def check_corpus(self, documents: Sequence[Document], settings: Settings) -> Iterator[Finding]:
        """Given all documents under review, yield findings (with ``source`` set)."""
        return iter(())


_HEADING = re.compile(r"^\s*##\s+(.+?)\s*$", re.MULTILINE)


def parse_sections(doc: str) -> dict[str, str]:
    """Given a docstring with ``## Heading`` lines, return {heading: dedented body}."""
    marks = list(_HEADING.finditer(doc))
    sections = {}
    for i, mark in enumerate(marks):
        end = marks[i + 1].start() if i + 1 < len(marks) else len(doc)
        body = doc[mark.end() : end]
        sections[mark.group(1)] = _dedent(body)
    return sections


def _dedent(text: str) -> str:
    lines = text.strip("\n").splitlines()
    indents = [len(line) - len(line.lstrip()) for line in lines if line.strip()]
    cut = min(indents, default=0)
    return "\n".join(line[cut:] for line in lines).strip()


def validate_registry(rules: Sequence[type[Rule]]) -> None:
    """Raise ValueError when a rule code is malformed or used twice (checked at import)."""
    seen: set[str] = set()
    for rule in rules:
        code = getattr(rule, "code", None)
        if not isinstance(code, str) or not CODE_PATTERN.match(code):
            raise ValueError(f"rule {rule.__name__} has an invalid code {code!r}")
        if code in seen:
            raise ValueError(f"rule code {code} is used twice")
        seen.add(code)
        if not isinstance(rule.severity, Severity):
            raise ValueError(f"rule {code} has no Severity")
