"""The project list: scoped to the user's tree, filtered, searched, paginated, exported."""

from __future__ import annotations

import csv
import io
import json

from django.test import Client

from jixiao_web.filings import actions
from jixiao_web.filings.models import Filing

from ..conftest import seed_document
from .helpers import client_for


def _import_seed(user, unit, prefix: str):
    return actions.do_create_from_document(seed_document(prefix), user, unit)


def test_it_lists_the_units_projects_for_its_clerk(draft, unit_clerk):
    response = client_for(unit_clerk).get("/")
    assert response.status_code == 200
    assert draft.name in response.content.decode()


def test_it_shows_nothing_of_ours_to_another_county(draft, other_county):
    response = client_for(other_county).get("/")
    assert response.status_code == 200
    assert draft.name not in response.content.decode()
    assert response.context["page_obj"].paginator.count == 0


def test_it_sends_anonymous_visitors_to_the_login_page(db):
    response = Client().get("/")
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_it_filters_by_status_and_year_and_searches_names(unit_clerk, tree):
    filings = _import_seed(unit_clerk, tree.unit, "000")
    actions.do_submit(filings[0], unit_clerk)
    client = client_for(unit_clerk)
    submitted = client.get("/", {"status": "submitted"}).context["filings"]
    assert [f.pk for f in submitted] == [filings[0].pk]
    assert client.get("/", {"year": 1999}).context["filings"] == []
    found = client.get("/", {"q": "刻章"}).context["filings"]
    assert [f.name for f in found] == ["2025年免费刻章服务项目"]


def test_an_organisation_filter_outside_the_tree_shows_nothing(draft, unit_clerk, tree):
    response = client_for(unit_clerk).get("/", {"organisation": tree.other_unit.pk})
    assert response.context["filings"] == []


def test_the_department_reviewer_sees_its_units_but_not_the_neighbours(
    draft, dept_reviewer, neighbour_clerk, tree
):
    theirs = _import_seed(neighbour_clerk, tree.neighbour_unit, "001")[0]
    names = [f.name for f in client_for(dept_reviewer).get("/").context["filings"]]
    assert draft.name in names
    assert theirs.name not in names


def test_it_paginates_with_a_bounded_number_of_queries(
    unit_clerk, tree, django_assert_max_num_queries
):
    for prefix in ("003", "004"):
        _import_seed(unit_clerk, tree.unit, prefix)
    client = client_for(unit_clerk)
    with django_assert_max_num_queries(12):
        first = client.get("/")
    assert len(first.context["filings"]) == 21
    with django_assert_max_num_queries(12):
        client.get("/", {"status": "draft", "page": 2})


def test_it_exports_the_filtered_list_as_csv(unit_clerk, tree):
    _import_seed(unit_clerk, tree.unit, "000")
    response = client_for(unit_clerk).get("/export.csv", {"q": "刻章"})
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[1:] and all("刻章" in ",".join(row) for row in rows[1:])


def test_it_refuses_an_unknown_export_format(draft, unit_clerk):
    assert client_for(unit_clerk).get("/export.exe").status_code == 404


def test_the_status_cards_count_every_status_while_one_is_shown(unit_clerk, tree):
    filings = _import_seed(unit_clerk, tree.unit, "000")
    actions.do_submit(filings[0], unit_clerk)
    response = client_for(unit_clerk).get("/", {"status": "submitted"})
    counts = {value: n for value, _, n in response.context["counts"]}
    assert counts["draft"] == 6 and counts["submitted"] == 1
    assert response.context["page_obj"].paginator.count == 1


def test_another_countys_export_holds_none_of_our_projects(draft, other_county):
    response = client_for(other_county).get("/export.json")
    assert response.status_code == 200
    assert json.loads(response.content)["projects"] == []
    assert draft.name not in response.content.decode()


def test_the_year_filter_offers_the_years_of_the_visible_filings(
    draft, unit_clerk, neighbour_clerk, tree
):
    document = seed_document("001")
    document.projects = document.projects[:1]
    document.projects[0].year = 2016
    actions.do_create_from_document(document, unit_clerk, tree.unit)
    other = seed_document("002")
    other.projects = other.projects[:1]
    other.projects[0].year = 2031
    actions.do_create_from_document(other, neighbour_clerk, tree.neighbour_unit)  # not ours
    response = client_for(unit_clerk).get("/")
    assert response.context["years"] == [draft.year, 2016]
    assert '<option value="2016">2016年</option>' in response.content.decode()
    # A year chosen in the URL stays selectable even when nothing matches it.
    assert client_for(unit_clerk).get("/", {"year": 2020}).context["years"] == [2025, 2020, 2016]


def test_an_empty_filtered_list_offers_to_clear_the_filters(draft, unit_clerk):
    html = client_for(unit_clerk).get("/", {"q": "不存在的项目"}).content.decode()
    assert "没有符合筛选条件的项目" in html and "清除筛选条件" in html
    assert "开始填报" not in html


def test_an_empty_list_tells_each_role_what_comes_next(unit_clerk, finance_reviewer):
    assert "导入绩效目标表</a>开始填报" in client_for(unit_clerk).get("/").content.decode()
    assert "下属单位还没有项目" in client_for(finance_reviewer).get("/").content.decode()


def test_each_role_is_told_what_waits_for_it(draft, unit_clerk, dept_reviewer, finance_reviewer):
    assert client_for(dept_reviewer).get("/").context["todo"] == []
    actions.do_submit(draft, unit_clerk)
    html = client_for(dept_reviewer).get("/").content.decode()
    assert "1 个项目已提交，等待审核。" in html and 'href="?status=submitted"' in html
    filing = actions.do_return(
        Filing.objects.get(pk=draft.pk), finance_reviewer, "请补充满意度指标"
    )
    assert (
        "1 个项目被退回，需要修改后重新提交。" in client_for(unit_clerk).get("/").content.decode()
    )
    actions.do_submit(filing, unit_clerk)
    actions.do_approve(Filing.objects.get(pk=draft.pk), finance_reviewer)
    todo = client_for(finance_reviewer).get("/").context["todo"]
    assert todo == [("approved", "1 个项目已审核通过，等待公开。")]
    # Once the user filters by status the reminder has done its job.
    assert client_for(finance_reviewer).get("/", {"status": "draft"}).context["todo"] == []
