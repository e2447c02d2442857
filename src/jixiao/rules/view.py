"""A project classified once for all rules: categories, polarity and flags per indicator row.

Every per-project rule filters rows by category (成本 rows, 满意度 rows …). Classifying
each row once here, instead of in each rule, keeps a review of 2,000,000 indicators
inside the speed budget.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..model import Indicator, Project
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

    @property
    def target(self):
        return self.indicator.target

    @property
    def is_cost(self) -> bool:
        return self.l2 == COST or (self.l1 == COST and self.l2 in (None, OTHER))

    @property
    def is_satisfaction(self) -> bool:
        return self.l1 == SATISFACTION or self.l2 == SATISFACTION


@dataclass(slots=True)
class ProjectView:
    """A project with its indicator rows classified, grouped and its regime decided."""

    project: Project
    rows: list[Row]
    regime: str
    by_l1: dict[str | None, list[Row]] = field(default_factory=dict)
    by_l2: dict[str | None, list[Row]] = field(default_factory=dict)

    @property
    def real_rows(self) -> list[Row]:
        return [row for row in self.rows if not row.placeholder]


def make_view(project: Project, vocabulary: Vocabulary, regime: str = "auto") -> ProjectView:
    """Given a project, return its view: rows classified, grouped, regime decided."""
    rows = [_make_row(i, ind, vocabulary) for i, ind in enumerate(project.indicators)]
    view = ProjectView(project, rows, regime if regime in ("A", "B") else _detect_regime(rows))
    for row in rows:
        view.by_l1.setdefault(row.l1, []).append(row)
        view.by_l2.setdefault(row.l2, []).append(row)
    return view


def _make_row(index: int, indicator: Indicator, vocabulary: Vocabulary) -> Row:
    name = squash(indicator.name)
    raw = squash(indicator.target.raw)
    return Row(
        index=index,
        indicator=indicator,
        name=name,
        l1=level1_kind(indicator.level1),
        l2=level2_kind(indicator.level2),
        placeholder=name in vocabulary.placeholders and raw in vocabulary.placeholders,
        polarity=vocabulary.polarity(name),
    )


def _detect_regime(rows: list[Row]) -> str:
    for row in rows:
        if row.l1 == COST:
            return "B"
        level2 = row.indicator.level2 or ""
        if any(word in level2 for word in _REGIME_B_LEVEL2):
            return "B"
    return "A"
