"""The detail page: the standard table as published, findings beside their rows, buttons by role."""

from __future__ import annotations

import re

import pytest

from jixiao_web.filings import actions

from ..conftest import seed_document
from .helpers import client_for


@pytest.fixture
def flawed(unit_clerk, tree):
    """A draft whose 4th row is a cost indicator written ≥ (JX301)."""
    document = seed_document("002")
    document.projects = document.projects[1:2]
    return actions.do_create_from_document(document, unit_clerk, tree.unit)[0]


def _row(html: str, index: int) -> str:
    match = re.search(rf'<tr id="row-{index}".*?</tr>', html, re.S)
    assert match, f"row {index} not rendered"
    return match.group()


def test_it_renders_the_standard_table_for_the_clerk(draft, unit_clerk):
    html = client_for(unit_clerk).get(f"/{draft.pk}/").content.decode()
    for text in ("项目支出绩效目标表", "项目编码", "13082825P00818410001M", "资金支出计划", "≥1套"):
        assert text in html
    # Four 产出 rows share one merged 一级指标 cell.
    assert '<td class="level" rowspan="4">产出指标</td>' in html


def test_it_puts_each_finding_beside_the_row_it_concerns(flawed, unit_clerk):
    html = client_for(unit_clerk).get(f"/{flawed.pk}/").content.decode()
    assert "JX301" in _row(html, 3)
    assert "JX301" not in _row(html, 0)
    assert "has-error" in _row(html, 3)


@pytest.mark.parametrize("outsider", ["other_county", "neighbour_clerk"])
def test_it_hides_the_project_from_outsiders(draft, outsider, request):
    user = request.getfixturevalue(outsider)
    client = client_for(user)
    assert client.get(f"/{draft.pk}/").status_code == 404
    assert client.get(f"/{draft.pk}/history/").status_code == 404
    assert client.get(f"/{draft.pk}/export.xlsx").status_code == 404


def test_it_offers_the_clerk_edit_and_submit_but_no_review_steps(draft, unit_clerk):
    html = client_for(unit_clerk).get(f"/{draft.pk}/").content.decode()
    assert "提交审核" in html and f"/{draft.pk}/edit/" in html
    assert "审核通过" not in html and "确认退回" not in html


def test_it_offers_the_finance_reviewer_return_and_approve(submitted, finance_reviewer):
    html = client_for(finance_reviewer).get(f"/{submitted.pk}/").content.decode()
    assert "确认退回" in html and "审核通过" in html
    assert f"/{submitted.pk}/edit/" not in html


def test_the_department_reviewer_may_return_but_not_approve(submitted, dept_reviewer):
    html = client_for(dept_reviewer).get(f"/{submitted.pk}/").content.decode()
    assert "确认退回" in html
    assert "workflow/approve/" not in html


def test_it_exports_one_project_as_word(draft, unit_clerk):
    response = client_for(unit_clerk).get(f"/{draft.pk}/export.docx")
    assert response.status_code == 200
    assert response.content[:2] == b"PK"
    assert "wordprocessingml" in response["Content-Type"]


def test_a_self_evaluation_table_shows_actuals_and_scores(unit_clerk, tree):
    document = seed_document("000")
    document.projects = document.projects[:1]
    for indicator in document.projects[0].indicators:
        indicator.actual, indicator.score = "已完成", 10
    filing = actions.do_create_from_document(document, unit_clerk, tree.unit)[0]
    html = client_for(unit_clerk).get(f"/{filing.pk}/").content.decode()
    assert "<th>实际完成值</th>" in html and "<th>得分</th>" in html
    assert "已完成" in _row(html, 0)


def test_not_found_and_forbidden_pages_speak_chinese(draft, other_county, unit_clerk, submitted):
    missing = client_for(other_county).get(f"/{draft.pk}/")
    assert "没有找到" in missing.content.decode()
    forbidden = client_for(unit_clerk).get(f"/{submitted.pk}/edit/")
    assert forbidden.status_code == 403
    assert "无权操作" in forbidden.content.decode()


def test_the_detail_page_needs_a_bounded_number_of_queries(
    flawed, finance_reviewer, unit_clerk, django_assert_max_num_queries
):
    for row in range(5):
        actions.do_comment(flawed, unit_clerk, f"第{row}行说明", indicator_index=row)
    client = client_for(finance_reviewer)
    with django_assert_max_num_queries(12):
        response = client.get(f"/{flawed.pk}/")
    assert response.content.decode().count('class="comment"') == 5


def test_an_unfilled_purpose_says_so_instead_of_an_empty_sliver(unit_clerk, tree):
    document = seed_document("000")
    document.projects = document.projects[:1]
    document.projects[0].purpose = None
    filing = actions.do_create_from_document(document, unit_clerk, tree.unit)[0]
    html = client_for(unit_clerk).get(f"/{filing.pk}/").content.decode()
    cell = '<td class="text purpose" colspan="5"><span class="muted">（资金用途未填写）</span>'
    assert cell in html
