"""Workflow buttons: submit, return with a required reason, approve, publish; refusals."""

from __future__ import annotations

from jixiao_web.filings import actions
from jixiao_web.filings.models import Filing, Status

from .helpers import client_for


def _status(filing) -> str:
    return Filing.objects.get(pk=filing.pk).status


def test_the_clerk_submits_a_draft(draft, unit_clerk):
    response = client_for(unit_clerk).post(
        f"/{draft.pk}/workflow/submit/", {"version": draft.version}, follow=True
    )
    assert _status(draft) == Status.SUBMITTED
    assert "已提交审核" in response.content.decode()


def test_a_return_without_a_reason_is_refused_with_a_message(submitted, finance_reviewer):
    response = client_for(finance_reviewer).post(
        f"/{submitted.pk}/workflow/return/", {"reason": "  "}, follow=True
    )
    assert _status(submitted) == Status.SUBMITTED
    assert "退回必须填写原因" in response.content.decode()


def test_it_returns_project_to_unit_with_reason(submitted, finance_reviewer, unit_clerk):
    client_for(finance_reviewer).post(
        f"/{submitted.pk}/workflow/return/", {"reason": "成本指标方向错误"}
    )
    assert _status(submitted) == Status.RETURNED
    html = client_for(unit_clerk).get(f"/{submitted.pk}/").content.decode()
    assert "已被退回" in html and "成本指标方向错误" in html


def test_finance_approves_then_publishes(submitted, finance_reviewer):
    client = client_for(finance_reviewer)
    client.post(f"/{submitted.pk}/workflow/approve/")
    assert _status(submitted) == Status.APPROVED
    client.post(f"/{submitted.pk}/workflow/publish/")
    assert _status(submitted) == Status.PUBLISHED


def test_the_clerk_cannot_approve_its_own_project(submitted, unit_clerk):
    response = client_for(unit_clerk).post(f"/{submitted.pk}/workflow/approve/")
    assert response.status_code == 403
    assert _status(submitted) == Status.SUBMITTED


def test_another_county_cannot_submit_our_draft(draft, other_county):
    response = client_for(other_county).post(f"/{draft.pk}/workflow/submit/")
    assert response.status_code == 404
    assert _status(draft) == Status.DRAFT


def test_a_stale_workflow_step_is_refused(draft, unit_clerk):
    response = client_for(unit_clerk).post(
        f"/{draft.pk}/workflow/submit/", {"version": draft.version - 1}, follow=True
    )
    assert _status(draft) == Status.DRAFT
    assert "保存失败" in response.content.decode()


def test_workflow_steps_accept_only_post(draft, unit_clerk):
    assert client_for(unit_clerk).get(f"/{draft.pk}/workflow/submit/").status_code == 405


def test_an_unknown_step_is_not_found(draft, unit_clerk):
    assert client_for(unit_clerk).post(f"/{draft.pk}/workflow/delete-all/").status_code == 404


def test_the_clerk_deletes_a_draft(draft, unit_clerk):
    response = client_for(unit_clerk).post(f"/{draft.pk}/delete/", follow=True)
    assert not Filing.objects.filter(pk=draft.pk).exists()
    assert "已删除草稿" in response.content.decode()


def test_a_submitted_table_cannot_be_deleted(submitted, unit_clerk, finance_reviewer):
    assert client_for(unit_clerk).post(f"/{submitted.pk}/delete/").status_code == 403
    assert client_for(finance_reviewer).post(f"/{submitted.pk}/delete/").status_code == 403
    assert Filing.objects.filter(pk=submitted.pk).exists()


def test_the_department_reviewer_is_told_who_approves(submitted, dept_reviewer, finance_reviewer):
    hint = "审核通过由财政部门办理"
    assert hint in client_for(dept_reviewer).get(f"/{submitted.pk}/").content.decode()
    assert hint not in client_for(finance_reviewer).get(f"/{submitted.pk}/").content.decode()


def test_approve_and_publish_ask_before_they_are_sent(submitted, finance_reviewer):
    client = client_for(finance_reviewer)
    assert "确认审核通过？" in client.get(f"/{submitted.pk}/").content.decode()
    actions.do_approve(submitted, finance_reviewer)
    assert "确认公开？" in client.get(f"/{submitted.pk}/").content.decode()


def test_submitting_with_errors_left_asks_first(draft, unit_clerk):
    html = client_for(unit_clerk).get(f"/{draft.pk}/").content.decode()
    asks = "审核人可能退回。仍要提交吗？" in html
    assert asks == bool(Filing.objects.get(pk=draft.pk).error_count)
    Filing.objects.filter(pk=draft.pk).update(error_count=2)
    html = client_for(unit_clerk).get(f"/{draft.pk}/").content.decode()
    assert "本表仍有 2 个错误" in html
