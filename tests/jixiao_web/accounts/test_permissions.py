"""Properties of the permission table that must hold whatever the tree and status."""

from __future__ import annotations

from django.contrib.auth.models import User
from hypothesis import given
from hypothesis import strategies as st

from jixiao_web.accounts.access import Action, can
from jixiao_web.accounts.models import Membership, Organisation, Role
from jixiao_web.filings.models import Filing, Status

paths = st.lists(st.integers(1, 4), min_size=1, max_size=4).map(
    lambda ids: "/" + "".join(f"{i}/" for i in ids)
)


def _user(role: Role, path: str) -> User:
    user = User(username="u")
    user.membership = Membership(role=role, organisation=Organisation(path=path))
    return user


def _filing(status: Status, path: str) -> Filing:
    return Filing(status=status, organisation=Organisation(path=path))


@given(st.sampled_from(Role), paths, st.sampled_from(Status), paths, st.sampled_from(Action))
def test_nobody_acts_outside_their_subtree(role, mine, status, theirs, action):
    if not theirs.startswith(mine):
        assert not can(_user(role, mine), action, _filing(status, theirs))


@given(st.sampled_from(Role), paths, st.sampled_from(Status), st.sampled_from(Action))
def test_a_unit_never_reviews_and_a_reviewer_never_edits(role, path, status, action):
    allowed = can(_user(role, path), action, _filing(status, path))
    if role == Role.UNIT_CLERK:
        assert not (allowed and action in {Action.RETURN, Action.APPROVE, Action.PUBLISH})
    if role in (Role.DEPT_REVIEWER, Role.FINANCE_REVIEWER):
        assert not (allowed and action in {Action.EDIT, Action.DELETE, Action.SUBMIT})


@given(st.sampled_from(Role), paths, st.sampled_from(Action))
def test_a_published_table_is_read_only(role, path, action):
    allowed = can(_user(role, path), action, _filing(Status.PUBLISHED, path))
    assert allowed == (action == Action.VIEW)


@given(st.sampled_from(Role), paths, st.sampled_from(Status))
def test_everyone_in_the_tree_may_view(role, path, status):
    assert can(_user(role, path), Action.VIEW, _filing(status, path + "9/"))
