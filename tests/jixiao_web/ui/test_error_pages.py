"""Error pages keep the whole top bar, so a refused user still has a way on."""

from __future__ import annotations

from .helpers import client_for


def test_a_refused_edit_keeps_the_import_link_and_the_role(submitted, unit_clerk):
    response = client_for(unit_clerk).get(f"/{submitted.pk}/edit/")
    html = response.content.decode()
    assert response.status_code == 403
    assert "当前状态下您不能修改该项目" in html
    assert 'href="/imports/"' in html and "填报人" in html


def test_a_missing_project_page_keeps_the_role(unit_clerk):
    response = client_for(unit_clerk).get("/999999/")
    assert response.status_code == 404
    assert "没有找到" in response.content.decode() and "填报人" in response.content.decode()


def test_reviewers_error_pages_offer_no_import(finance_reviewer):
    html = client_for(finance_reviewer).get("/imports/").content.decode()
    assert "财政审核人" in html and 'href="/imports/"' not in html
