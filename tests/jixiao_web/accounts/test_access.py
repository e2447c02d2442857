"""Who sees and may change which filings: the organisation tree and the role table."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from jixiao_web.accounts.access import (
    Action,
    allowed_actions,
    can,
    get_project_for_user,
    organisations_for_filing,
    projects_visible_to,
)


def test_it_shows_a_unit_only_its_own_filings(draft, unit_clerk, neighbour_clerk, other_county):
    assert list(projects_visible_to(unit_clerk)) == [draft]
    assert not projects_visible_to(neighbour_clerk).exists()
    assert not projects_visible_to(other_county).exists()


def test_it_shows_reviewers_the_filings_below_them(draft, dept_reviewer, finance_reviewer, admin):
    for user in (dept_reviewer, finance_reviewer, admin):
        assert list(projects_visible_to(user)) == [draft]


def test_it_hides_everything_from_users_outside_the_tree(draft, django_user_model):
    stranger = django_user_model.objects.create_user("stranger", password="x")
    assert not projects_visible_to(stranger).exists()
    assert not can(stranger, Action.VIEW, draft)


def test_it_answers_404_for_an_invisible_filing(draft, other_county, neighbour_clerk):
    for user in (other_county, neighbour_clerk):
        with pytest.raises(Http404):
            get_project_for_user(user, draft.pk)


def test_it_answers_403_when_a_reviewer_asks_to_write(draft, finance_reviewer):
    assert get_project_for_user(finance_reviewer, draft.pk) == draft
    with pytest.raises(PermissionDenied):
        get_project_for_user(finance_reviewer, draft.pk, write=True)


def test_it_lets_the_unit_edit_only_drafts_and_returned_filings(submitted, unit_clerk):
    assert not can(unit_clerk, Action.EDIT, submitted)
    with pytest.raises(PermissionDenied):
        get_project_for_user(unit_clerk, submitted.pk, write=True)


def test_it_lists_the_actions_each_role_may_take_on_a_submission(
    submitted, unit_clerk, dept_reviewer, finance_reviewer
):
    assert allowed_actions(unit_clerk, submitted) == [Action.VIEW, Action.COMMENT]
    assert allowed_actions(dept_reviewer, submitted) == [
        Action.VIEW,
        Action.RETURN,
        Action.COMMENT,
        Action.DECIDE,
    ]
    assert Action.APPROVE in allowed_actions(finance_reviewer, submitted)


def test_it_lets_units_file_only_for_themselves(tree, unit_clerk, finance_reviewer, admin):
    assert list(organisations_for_filing(unit_clerk)) == [tree.unit]
    assert not organisations_for_filing(finance_reviewer).exists()
    assert set(organisations_for_filing(admin)) == {tree.unit, tree.neighbour_unit}
