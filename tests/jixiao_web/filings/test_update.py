"""Editing a table: the review re-runs, and a stale save is refused without losing it."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied

from jixiao.interchange import project_to_dict
from jixiao_web.accounts.models import Membership, Role
from jixiao_web.filings import actions, store
from jixiao_web.filings.models import Filing


def _renamed(filing: Filing, name: str) -> dict:
    data = project_to_dict(store.project_of(filing))
    data["name"] = name
    return data


def test_it_saves_an_edit_and_bumps_the_version(draft, unit_clerk):
    filing = actions.do_update(draft, unit_clerk, _renamed(draft, "新名称"), draft.version)
    assert (filing.name, filing.version) == ("新名称", 2)
    assert Filing.objects.get(pk=draft.pk).data["name"] == "新名称"


def test_it_keeps_the_denormalised_columns_in_step(draft, unit_clerk):
    data = _renamed(draft, "新名称")
    data["budget_total"] = 12.5
    data["indicators"] = data["indicators"][:2]
    filing = actions.do_update(draft, unit_clerk, data, draft.version)
    assert (float(filing.budget_total), filing.indicator_count) == (12.5, 2)


def test_it_refuses_the_second_of_two_concurrent_saves(draft, unit_clerk):
    first_copy = Filing.objects.get(pk=draft.pk)
    second_copy = Filing.objects.get(pk=draft.pk)
    actions.do_update(first_copy, unit_clerk, _renamed(first_copy, "甲的修改"), 1)
    theirs = _renamed(second_copy, "乙的修改")
    with pytest.raises(actions.ConflictError) as refused:
        actions.do_update(second_copy, unit_clerk, theirs, 1)
    assert refused.value.refused is theirs
    assert refused.value.current.name == "甲的修改"
    assert "版本 2" in refused.value.message and "没有丢失" in refused.value.message
    assert Filing.objects.get(pk=draft.pk).name == "甲的修改"


def test_it_refuses_edits_once_submitted(submitted, unit_clerk):
    with pytest.raises(PermissionDenied):
        actions.do_update(submitted, unit_clerk, _renamed(submitted, "x"), submitted.version)


def test_it_round_trips_the_project_losslessly(draft):
    from tests.jixiao_web.conftest import seed_document

    original = project_to_dict(seed_document("000").projects[0])
    assert draft.data == original
    assert project_to_dict(store.project_of(draft)) == original


def test_it_names_who_saved_the_newer_version(draft, unit_clerk, django_user_model, tree):
    colleague = django_user_model.objects.create_user("colleague", first_name="李同事")
    Membership.objects.create(user=colleague, organisation=tree.unit, role=Role.UNIT_CLERK)
    actions.do_update(draft, colleague, _renamed(draft, "同事的修改"), 1)
    actions.do_comment(draft, unit_clerk, "顺便说一句")
    with pytest.raises(actions.ConflictError, match="李同事"):
        actions.do_update(draft, unit_clerk, _renamed(draft, "我的修改"), 1)
