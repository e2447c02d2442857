"""Reviewers' per-row comments and their verdicts on findings, with and without htmx."""

from __future__ import annotations

import pytest

from jixiao_web.filings import actions
from jixiao_web.filings.models import FindingDecision, ReviewComment

from ..conftest import seed_document
from .helpers import client_for

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def flawed_submitted(unit_clerk, tree):
    document = seed_document("002")
    document.projects = document.projects[1:2]
    filing = actions.do_create_from_document(document, unit_clerk, tree.unit)[0]
    return actions.do_submit(filing, unit_clerk)


def test_a_reviewer_comments_on_one_row_and_gets_the_row_back(submitted, finance_reviewer):
    response = client_for(finance_reviewer).post(
        f"/{submitted.pk}/comment/", {"text": "请细化数量", "indicator": 2}, **HTMX
    )
    assert response.status_code == 200
    assert 'id="comments-2"' in response.content.decode()
    assert "请细化数量" in response.content.decode()
    assert ReviewComment.objects.get().indicator_index == 2


def test_an_empty_comment_is_refused(submitted, finance_reviewer):
    response = client_for(finance_reviewer).post(
        f"/{submitted.pk}/comment/", {"text": "", "indicator": 0}, **HTMX
    )
    assert "请填写意见" in response.content.decode()
    assert not ReviewComment.objects.exists()


def test_a_reviewer_dismisses_a_finding_with_a_reason(flawed_submitted, finance_reviewer):
    response = client_for(finance_reviewer).post(
        f"/{flawed_submitted.pk}/decide/",
        {"rule": "JX301", "indicator": 3, "decision": "dismissed", "reason": "该成本为下限"},
        **HTMX,
    )
    html = response.content.decode()
    assert "不采纳" in html and "该成本为下限" in html
    assert FindingDecision.objects.get().decision == "dismissed"


def test_dismissing_without_a_reason_is_refused(flawed_submitted, finance_reviewer):
    response = client_for(finance_reviewer).post(
        f"/{flawed_submitted.pk}/decide/",
        {"rule": "JX301", "indicator": 3, "decision": "dismissed"},
        **HTMX,
    )
    assert "必须说明理由" in response.content.decode()
    assert not FindingDecision.objects.exists()


def test_the_clerk_cannot_decide_findings(flawed_submitted, unit_clerk):
    response = client_for(unit_clerk).post(
        f"/{flawed_submitted.pk}/decide/",
        {"rule": "JX301", "indicator": 3, "decision": "accepted"},
    )
    assert response.status_code == 403
    assert not FindingDecision.objects.exists()


def test_the_decision_shows_on_the_detail_page(flawed_submitted, finance_reviewer, unit_clerk):
    actions.do_decide_finding(flawed_submitted, finance_reviewer, "JX301", 3, "accepted")
    html = client_for(unit_clerk).get(f"/{flawed_submitted.pk}/").content.decode()
    assert "审核人已采纳" in html


def test_a_dismissed_finding_no_longer_marks_its_row(flawed_submitted, finance_reviewer):
    actions.do_decide_finding(flawed_submitted, finance_reviewer, "JX301", 3, "dismissed", "合理")
    html = client_for(finance_reviewer).get(f"/{flawed_submitted.pk}/").content.decode()
    row = html[html.index('<tr id="row-3"') :].split(">", 1)[0]
    assert "has-error" not in row
