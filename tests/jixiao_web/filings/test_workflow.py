"""草稿 → 已提交 → 退回 / 审核通过 → 已公开, each step by the right role, each recorded."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied

from jixiao_web.filings import actions
from jixiao_web.filings.models import Status


def test_it_walks_the_whole_cycle(draft, unit_clerk, finance_reviewer):
    filing = actions.do_submit(draft, unit_clerk)
    filing = actions.do_return(filing, finance_reviewer, "成本指标方向不对")
    assert filing.status == Status.RETURNED
    filing = actions.do_submit(filing, unit_clerk)
    filing = actions.do_approve(filing, finance_reviewer)
    filing = actions.do_publish(filing, finance_reviewer)
    assert filing.status == Status.PUBLISHED
    history = list(filing.revisions.values_list("action", "status", "version"))
    assert history == [
        ("create", "draft", 1),
        ("submit", "submitted", 2),
        ("return", "returned", 3),
        ("submit", "submitted", 4),
        ("approve", "approved", 5),
        ("publish", "published", 6),
    ]


def test_it_returns_project_to_unit_with_reason(submitted, dept_reviewer):
    filing = actions.do_return(submitted, dept_reviewer, "  请补充满意度指标 ")
    last = filing.revisions.last()
    assert (last.user, last.reason) == (dept_reviewer, "请补充满意度指标")


def test_it_refuses_a_return_without_a_reason(submitted, finance_reviewer):
    with pytest.raises(actions.InvalidInput, match="退回理由"):
        actions.do_return(submitted, finance_reviewer, "   ")
    submitted.refresh_from_db()
    assert submitted.status == Status.SUBMITTED


def test_it_lets_only_the_finance_bureau_approve(submitted, unit_clerk, dept_reviewer):
    for user in (unit_clerk, dept_reviewer):
        with pytest.raises(PermissionDenied):
            actions.do_approve(submitted, user)


def test_it_refuses_to_publish_before_approval(submitted, finance_reviewer):
    with pytest.raises(PermissionDenied, match="审核通过"):
        actions.do_publish(submitted, finance_reviewer)


def test_it_refuses_a_submission_from_another_unit(draft, neighbour_clerk, other_county):
    for user in (neighbour_clerk, other_county):
        with pytest.raises(PermissionDenied):
            actions.do_submit(draft, user)
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT


def test_it_deletes_only_drafts(draft, submitted, unit_clerk):
    with pytest.raises(PermissionDenied):
        actions.do_delete(submitted, unit_clerk)


def test_it_deletes_a_draft_with_its_history(draft, unit_clerk):
    actions.do_delete(draft, unit_clerk)
    assert not type(draft).objects.filter(pk=draft.pk).exists()


def test_it_records_comments_on_a_row(submitted, dept_reviewer):
    comment = actions.do_comment(submitted, dept_reviewer, "目标值偏低", indicator_index=2)
    assert (comment.indicator_index, comment.author) == (2, dept_reviewer)
    assert submitted.revisions.last().reason == "第3行指标：目标值偏低"


def test_it_refuses_a_comment_on_a_row_that_does_not_exist(submitted, dept_reviewer):
    with pytest.raises(actions.InvalidInput, match="不存在"):
        actions.do_comment(submitted, dept_reviewer, "？", indicator_index=999)
