"""A project classified once for all rules: categories, polarity and flags per indicator row.

Every per-project rule filters rows by category (成本 rows, 满意度 rows …). Classifying
each row once here, instead of in each rule, keeps a review of 2,000,000 indicators
inside the speed budget.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..model import Document, Indicator, Project, Value
from ..values import squash

if TYPE_CHECKING:
    from ..config import Vocabulary

# First-level categories.
OUTPUT, BENEFIT, SATISFACTION, COST, OTHER = "产出", "效益", "满意度", "成本", "其他"
# Second-level categories.
QUANTITY, QUALITY, TIME = "数量", "质量", "时效"
ECONOMIC, SOCIAL, ECOLOGICAL, SUSTAINABLE = "经济效益", "社会效益", "生态效益", "可持续影响"
# 成本 (second level under 产出 in regime A; 经济/社会/生态环境成本 in regime B) is COST.

# Second-level names that mean regime B (research/regulations.md §2.1, regime detection).
_REGIME_B_LEVEL2 = ("经济成本", "社会成本", "生态环境成本", "生态成本")


def level1_kind(level1: str | None) -> str | None:
    """Given a 一级指标 name, return its category (产出/效益/满意度/成本/其他), None if empty."""
    text = squash(level1)
    if not text:
        return None
    for word, kind in (("成本", COST), ("产出", OUTPUT), ("满意", SATISFACTION), ("效益", BENEFIT)):
        if word in text:
            return kind
    return OTHER


def level2_kind(level2: str | None) -> str | None:
    """Given a 二级指标 name, return its category (数量/质量/…/成本/满意度/其他), None if empty."""
    text = squash(level2)
    if not text:
        return None
    for word, kind in _LEVEL2_WORDS:
        if word in text:
            return kind
    return OTHER


# 成本 before 经济/社会/生态 so 经济成本指标 is a cost, not an economic benefit.
_LEVEL2_WORDS = (
    ("成本", COST),
    ("数量", QUANTITY),
    ("质量", QUALITY),
    ("时效", TIME),
    ("满意", SATISFACTION),
    ("经济", ECONOMIC),
    ("社会", SOCIAL),
    ("生态", ECOLOGICAL),
    ("可持续", SUSTAINABLE),
)


@dataclass(slots=True)
class Row:
    """One indicator with its position and its pre-computed classification."""

    index: int
    indicator: Indicator
    name: str
    l1: str | None
    l2: str | None
    placeholder: bool
    polarity: str | None  # "negative", "positive" or None, from the indicator name
    target: Value  # the indicator's target (a field, not a property: read in every rule)
    is_cost: bool  # a 成本 row: 二级 成本 (regime A) or under 一级 成本 (regime B)

    @property
    def is_satisfaction(self) -> bool:
        return self.l1 == SATISFACTION or self.l2 == SATISFACTION


@dataclass(slots=True)
class ProjectView:
    """A project with its indicator rows classified, grouped and its regime decided."""

    project: Project
    rows: list[Row]
    regime: str
    real_rows: list[Row] = field(default_factory=list)  # rows that are not placeholders
    by_l1: dict[str | None, list[Row]] = field(default_factory=dict)
    by_l2: dict[str | None, list[Row]] = field(default_factory=dict)


def make_view(project: Project, vocabulary: Vocabulary, regime: str = "auto") -> ProjectView:
    """Given a project, return its view: rows classified, grouped, regime decided."""
    rows = []
    regime_b = False
    for index, indicator in enumerate(project.indicators):
        l1, l2, b, cost = _levels(indicator.level1, indicator.level2)
        regime_b = regime_b or b
        name, polarity = vocabulary.name_facts(indicator.name)
        placeholders = vocabulary.placeholders
        target = indicator.target
        placeholder = name in placeholders and compact(target.raw) in placeholders
        rows.append(Row(index, indicator, name, l1, l2, placeholder, polarity, target, cost))
    if regime not in ("A", "B"):
        regime = "B" if regime_b else "A"
    view = ProjectView(project, rows, regime, [row for row in rows if not row.placeholder])
    by_l1, by_l2 = view.by_l1, view.by_l2
    for row in rows:
        by_l1.setdefault(row.l1, []).append(row)
        by_l2.setdefault(row.l2, []).append(row)
    return view


def compact(text: str | None) -> str:
    """Return ``text`` without whitespace ("" for None); a fast ``squash`` for hot loops."""
    return "".join(text.split()) if text else ""


_Levels = tuple[str | None, str | None, bool, bool]
_LEVELS: dict[tuple[str | None, str | None], _Levels] = {}


def _levels(level1: str | None, level2: str | None) -> _Levels:
    """Return the categories of a (一级, 二级) pair, whether it means regime B, and
    whether it is a cost row.

    Level names come from a short standard list: each pair is classified once per process.
    """
    key = (level1, level2)
    kinds = _LEVELS.get(key)
    if kinds is None:
        l1, l2 = level1_kind(level1), level2_kind(level2)
        regime_b = l1 == COST or any(word in (level2 or "") for word in _REGIME_B_LEVEL2)
        cost = l2 == COST or (l1 == COST and l2 in (None, OTHER))
        kinds = (l1, l2, regime_b, cost)
        if len(_LEVELS) < 10_000:
            _LEVELS[key] = kinds
    return kinds


@dataclass(frozen=True, slots=True)
class DocumentFacts:
    """What the document's layout prints, decided once per document (not per project)."""

    prints_codes: bool
    fills_plans: bool
    fills_basis: bool


def document_facts(project: Project, document: Document | None, shared: dict) -> DocumentFacts:
    """Return the layout facts of ``document`` (cached in ``shared``), or of the lone project."""
    facts = shared.get("facts")
    if facts is None:
        projects = document.projects if document is not None else [project]
        facts = DocumentFacts(
            prints_codes=document is None or any(squash(p.code) for p in projects),
            fills_plans=any(_filled_plan(p) for p in projects),
            fills_basis=any(squash(i.basis) for p in projects for i in p.indicators),
        )
        if document is not None:
            shared["facts"] = facts
    return facts


def _filled_plan(project: Project) -> bool:
    plan = project.spending_plan
    return plan is not None and any(v is not None for v in plan.by_month.values())
