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
from .corpus import Boilerplate, LibraryOutlier, UnitCostOutlier
from .plan import PlanAboveFull, PlanAsAmounts, PlanDecreases, PlanDoesNotReachFull
from .structure import (
    AnnualAndPeriodConfused,
    BenefitOnlySatisfaction,
    BudgetPartsDoNotAddUp,
    DuplicateIndicator,
    GoalIsAnInput,
    MisfiledSatisfaction,
    MisplacedSecondLevel,
    MissingBudget,
    MissingCoreSecondLevel,
    MissingFirstLevel,
    MissingNameOrCode,
    MissingOrTemplateGoal,
    MissingSpendingPlan,
    PlaceholderIndicator,
)
from .targets import (
    CostAboveBudget,
    CostNotAnAmount,
    CostWithLowerBound,
    CostZero,
    EmptyValue,
    ExcelSerialDate,
    NatureContradictsDirection,
    PercentAboveFull,
    PolarityContradictsDirection,
    QualitativeWhereNumberExpected,
    QuantityAsPercent,
    QuantityWithoutUnit,
    SatisfactionUnrealistic,
    TimelinessWithoutTime,
    VagueBenefit,
)
from .weights import FirstLevelSplitOff, WeightsDoNotSum, ZeroWeight
from .wording import (
    DescriptionRepeatsName,
    MissingBasis,
    NameTooLong,
    RoutineManagementAsOutput,
    SatisfactionWithoutSurvey,
    UnrelatedIndicator,
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
    MisfiledSatisfaction,
    BenefitOnlySatisfaction,
    AnnualAndPeriodConfused,
    PlanDecreases,
    PlanDoesNotReachFull,
    PlanAsAmounts,
    PlanAboveFull,
    CostWithLowerBound,
    CostAboveBudget,
    CostNotAnAmount,
    PercentAboveFull,
    SatisfactionUnrealistic,
    PolarityContradictsDirection,
    QuantityAsPercent,
    QualitativeWhereNumberExpected,
    EmptyValue,
    VagueBenefit,
    TimelinessWithoutTime,
    CostZero,
    NatureContradictsDirection,
    ExcelSerialDate,
    QuantityWithoutUnit,
    DescriptionRepeatsName,
    UnrelatedIndicator,
    MissingBasis,
    RoutineManagementAsOutput,
    SatisfactionWithoutSurvey,
    NameTooLong,
    WeightsDoNotSum,
    FirstLevelSplitOff,
    ZeroWeight,
    Boilerplate,
    LibraryOutlier,
    UnitCostOutlier,
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
