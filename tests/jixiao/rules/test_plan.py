"""JX2xx beyond the docstring examples: amounts versus percentages, gaps in the plan."""

from __future__ import annotations

import pytest

from tests.jixiao.rules.helpers import codes


def plan(budget, *figures):
    months = dict(zip(("3", "6", "10", "12"), figures, strict=False))
    return {
        "budget_total": budget,
        "budget_fiscal": budget,
        "spending_plan": {m: months.get(m) for m in ("3", "6", "10", "12")},
        "rows": [["产出指标", "成本指标", "培训成本", f"≤{budget}万元"]],
    }


@pytest.mark.parametrize(
    "budget, figures",
    [
        (9, (2.25, 4.5, 6.75, None)),  # round shares of the budget, not round percents
        (263, (65.75, 131.5, 197.25, 263)),  # a budget above 100 ending at itself
        (6, (1.5, 3, 4.5, 6)),
    ],
)
def test_amounts_are_recognised(budget, figures):
    assert "JX203" in codes(plan(budget, *figures))


@pytest.mark.parametrize(
    "budget, figures",
    [
        (100, (25, 50, 75, 100)),  # a 100万元 budget: percent and amount coincide
        (99.62, (25, 50, 75, 100)),  # a budget near 100 ending at 100: percentages
        (500, (25, 50, 75, 100)),  # round shares, but round percents too
        (50, (25, 50, 75, 100)),  # passes the budget on the way: percentages
        (263, (25, 50, 75, 100)),
    ],
)
def test_percentages_are_not_amounts(budget, figures):
    assert "JX203" not in codes(plan(budget, *figures))


def test_amount_plans_are_not_also_reported_as_short_of_or_over_100():
    result = codes(plan(263, 65.75, 131.5, 197.25, 263))
    assert "JX204" not in result and "JX202" not in result


def test_only_december_filled_is_fine_and_an_empty_december_is_not():
    assert codes(plan(10, None, None, None, 100)) == set()
    assert codes(plan(10, 25, 50, 75, None)) == {"JX202"}


def test_a_plan_spent_before_december_may_leave_december_blank():
    # Seed 000: a yearly service fee paid by 10月底 (10月底 = 100, 12月底 blank).
    assert codes(plan(10, None, None, 100, None)) == set()
    assert codes(plan(10, 50, 100, None, None)) == set()
    assert codes(plan(10, None, None, 90, None)) == {"JX202"}


def test_an_amount_plan_is_judged_against_the_budget_for_a_blank_december():
    assert codes(plan(9, 2.25, 4.5, 6.75, None)) == {"JX202", "JX203"}  # stops at 75%
    assert codes(plan(9, 4.5, 9, None, None)) == {"JX203"}  # all 9万元 spent by 6月底


def test_a_decrease_is_reported_once():
    assert codes(plan(10, 50, 40, 30, 100)) == {"JX201"}


def test_an_empty_plan_section_is_a_missing_plan():
    assert codes(plan(10, None, None, None, None)) == {"JX105"}
