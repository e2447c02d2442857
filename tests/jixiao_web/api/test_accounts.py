"""/api/me and /api/organisations."""

from __future__ import annotations

from tests.jixiao_web.conftest import api_client


def test_it_says_who_the_caller_is(unit_clerk, tree):
    body = api_client(unit_clerk).get("/api/me").json()
    assert (body["role"], body["role_label"]) == ("unit_clerk", "填报人")
    assert body["organisation"]["id"] == tree.unit.pk


def test_it_lists_the_organisations_below_the_caller(dept_reviewer, other_county, tree):
    ids = [o["id"] for o in api_client(dept_reviewer).get("/api/organisations").json()]
    assert ids == [tree.dept.pk, tree.unit.pk]
    outsider = [o["id"] for o in api_client(other_county).get("/api/organisations").json()]
    assert outsider == [tree.other_unit.pk]
