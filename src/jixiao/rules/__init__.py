"""The rule registry: every rule class, in catalogue order, validated when imported.

Adding a rule: write the class in its family module (structure, plan, targets, wording,
weights, corpus) with code, severity, title, rationale and the four docstring sections,
then list it here. Codes are stable; a retired code is never reused.
"""

from __future__ import annotations

from .base import (
    CODE_PATTERN,
    DOC_SECTIONS,
    Context,
    CorpusRule,
    Finding,
    Rule,
    Severity,
    validate_registry,
)
from .structure import (
    BudgetPartsDoNotAddUp,
    DuplicateIndicator,
    GoalIsAnInput,
    MisplacedSecondLevel,
    MissingBudget,
    MissingCoreSecondLevel,
    MissingFirstLevel,
    MissingNameOrCode,
    MissingOrTemplateGoal,
    MissingSpendingPlan,
    PlaceholderIndicator,
)

RULES: tuple[type[Rule], ...] = (
    MissingNameOrCode,
    MissingBudget,
    BudgetPartsDoNotAddUp,
    MissingOrTemplateGoal,
    MissingSpendingPlan,
    GoalIsAnInput,
    MissingFirstLevel,
    MissingCoreSecondLevel,
    MisplacedSecondLevel,
    DuplicateIndicator,
    PlaceholderIndicator,
)

validate_registry(RULES)

BY_CODE: dict[str, type[Rule]] = {rule.code: rule for rule in RULES}

__all__ = [
    "BY_CODE",
    "CODE_PATTERN",
    "DOC_SECTIONS",
    "RULES",
    "Context",
    "CorpusRule",
    "Finding",
    "Rule",
    "Severity",
]
