"""/api/projects: listing with filters and pagination, detail, edit with version, delete."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from jixiao_web.filings import actions
from tests.jixiao_web.conftest import api_client, seed_document


def _put(client: Client, url: str, body: dict):
    return client.put(url, json.dumps(body), content_type="application/json")


@pytest.fixture
def several(unit_clerk, tree):
    """All projects of seeds 000 and 002 as drafts of the clerk's unit."""
    documents = [seed_document("000"), seed_document("002")]
    return actions.do_create_from_documents(documents, unit_clerk, tree.unit)


def test_it_refuses_requests_without_credentials(draft):
    assert Client().get("/api/projects").status_code == 401


def test_it_lists_only_what_the_caller_may_see(draft, unit_clerk, other_county, neighbour_clerk):
    assert api_client(unit_clerk).get("/api/projects").json()["count"] == 1
    for outsider in (other_county, neighbour_clerk):
        assert api_client(outsider).get("/api/projects").json() == {
            "count": 0,
            "page": 1,
            "page_size": 50,
            "items": [],
        }


def test_it_filters_by_year_status_and_search(several, unit_clerk):
    client = api_client(unit_clerk)
    actions.do_submit(several[0], unit_clerk)
    assert client.get("/api/projects?status=submitted").json()["count"] == 1
    years = {p.year for p in several} - {None}
    assert years
    for year in years:
        expected = sum(1 for p in several if p.year == year)
        assert client.get(f"/api/projects?year={year}").json()["count"] == expected
    name = several[-1].name
    found = client.get("/api/projects", {"q": name[2:8]}).json()["items"]
    assert name in [item["name"] for item in found]


def test_it_filters_by_grade(several, unit_clerk):
    grade = several[0].grade
    expected = sum(1 for p in several if p.grade == grade)
    body = api_client(unit_clerk).get("/api/projects", {"grade": grade}).json()
    assert body["count"] == expected


def test_it_filters_by_organisation_subtree(draft, finance_reviewer, tree):
    client = api_client(finance_reviewer)
    assert client.get(f"/api/projects?organisation={tree.dept.pk}").json()["count"] == 1
    assert client.get(f"/api/projects?organisation={tree.neighbour_dept.pk}").json()["count"] == 0


def test_it_pages_the_list(several, unit_clerk):
    client = api_client(unit_clerk)
    first = client.get("/api/projects?page_size=2").json()
    second = client.get("/api/projects?page_size=2&page=2").json()
    assert first["count"] == len(several)
    assert len(first["items"]) == 2
    assert {i["id"] for i in first["items"]}.isdisjoint({i["id"] for i in second["items"]})


def test_it_lists_in_a_constant_number_of_queries(several, unit_clerk, django_assert_num_queries):
    client = api_client(unit_clerk)
    client.get("/api/projects")  # records the token's first use
    # token+membership, count, page
    with django_assert_num_queries(3):
        assert len(client.get("/api/projects").json()["items"]) == len(several)


def test_it_shows_the_detail_with_findings_and_actions(draft, unit_clerk):
    body = api_client(unit_clerk).get(f"/api/projects/{draft.pk}").json()
    assert body["data"]["name"] == draft.name
    assert body["allowed_actions"] == ["view", "edit", "delete", "submit", "comment"]
    assert len(body["findings"]) == draft.error_count + draft.warning_count + sum(
        1 for f in draft.findings if f["severity"] == "info"
    )


def test_it_hides_another_units_project(draft, other_county, neighbour_clerk):
    for outsider in (other_county, neighbour_clerk):
        client = api_client(outsider)
        assert client.get(f"/api/projects/{draft.pk}").status_code == 404
        assert client.get(f"/api/projects/{draft.pk}/revisions").status_code == 404
        assert client.get(f"/api/projects/{draft.pk}/export").status_code == 404


def test_it_refuses_changes_from_another_unit(draft, other_county, neighbour_clerk):
    body = {"version": 1, "project": {**draft.data, "name": "篡改"}}
    for outsider in (other_county, neighbour_clerk):
        client = api_client(outsider)
        assert _put(client, f"/api/projects/{draft.pk}", body).status_code == 404
        assert (
            client.post(f"/api/projects/{draft.pk}/submit", {}, "application/json").status_code
            == 404
        )
        assert client.delete(f"/api/projects/{draft.pk}").status_code == 404
    draft.refresh_from_db()
    assert (draft.name, draft.version) != ("篡改", 2)


def test_it_saves_an_edit_and_reruns_the_review(draft, unit_clerk):
    data = {**draft.data, "indicators": []}
    response = _put(
        api_client(unit_clerk), f"/api/projects/{draft.pk}", {"version": 1, "project": data}
    )
    assert response.status_code == 200
    body = response.json()
    assert (body["version"], body["indicator_count"]) == (2, 0)
    assert body["findings"] != draft.findings


def test_it_answers_409_to_a_stale_version(draft, unit_clerk):
    client = api_client(unit_clerk)
    url = f"/api/projects/{draft.pk}"
    assert (
        _put(client, url, {"version": 1, "project": {**draft.data, "name": "甲"}}).status_code
        == 200
    )
    response = _put(client, url, {"version": 1, "project": {**draft.data, "name": "乙"}})
    assert response.status_code == 409
    assert response.json()["current_version"] == 2
    assert "没有保存" in response.json()["detail"]


def test_it_lets_a_reviewer_read_but_not_edit(draft, finance_reviewer):
    client = api_client(finance_reviewer)
    response = _put(client, f"/api/projects/{draft.pk}", {"version": 1, "project": draft.data})
    assert response.status_code == 403


def test_it_rejects_invalid_tables_with_422(draft, unit_clerk):
    client = api_client(unit_clerk)
    bad = {**draft.data, "spending_plan": {"x": 1}}
    assert (
        _put(client, f"/api/projects/{draft.pk}", {"version": 1, "project": bad}).status_code == 422
    )
    nul = {**draft.data, "name": "a\x00b"}
    assert (
        _put(client, f"/api/projects/{draft.pk}", {"version": 1, "project": nul}).status_code == 422
    )


def test_it_replaces_the_indicator_rows(draft, unit_clerk):
    client = api_client(unit_clerk)
    rows = client.get(f"/api/projects/{draft.pk}/indicators").json()
    reordered = list(reversed(rows))[:3]
    response = _put(
        client, f"/api/projects/{draft.pk}/indicators", {"version": 1, "indicators": reordered}
    )
    assert response.status_code == 200
    assert [r["name"] for r in response.json()["data"]["indicators"]] == [
        r["name"] for r in reordered
    ]


def test_it_deletes_a_draft(draft, unit_clerk):
    client = api_client(unit_clerk)
    assert client.delete(f"/api/projects/{draft.pk}").status_code == 204
    assert client.get(f"/api/projects/{draft.pk}").status_code == 404


def test_it_enforces_csrf_for_session_authentication(draft, unit_clerk):
    client = Client(enforce_csrf_checks=True)
    client.force_login(unit_clerk)
    assert client.get("/api/projects").status_code == 200
    assert (
        client.post(f"/api/projects/{draft.pk}/submit", {}, "application/json").status_code == 403
    )


def test_it_shows_a_detail_in_a_constant_number_of_queries(
    submitted, unit_clerk, dept_reviewer, django_assert_num_queries
):
    for i in range(3):
        actions.do_comment(submitted, dept_reviewer, f"意见{i}", indicator_index=i)
    client = api_client(unit_clerk)
    client.get(f"/api/projects/{submitted.pk}")  # records the token's first use
    # token+membership, filing+organisation+content, comments, decisions
    with django_assert_num_queries(4):
        assert len(client.get(f"/api/projects/{submitted.pk}").json()["comments"]) == 3


def test_it_summarises_alike_in_the_list_and_the_detail(submitted, unit_clerk):
    client = api_client(unit_clerk)
    [item] = client.get("/api/projects").json()["items"]
    detail = client.get(f"/api/projects/{submitted.pk}").json()
    assert item == {key: detail[key] for key in item}
