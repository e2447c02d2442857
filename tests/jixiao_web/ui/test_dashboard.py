"""The overview page: counts by organisation, status and grade, scoped to the user's tree."""

from __future__ import annotations

from jixiao_web.filings import actions

from ..conftest import seed_document
from .helpers import client_for


def test_it_counts_each_units_filings_by_status(
    unit_clerk, neighbour_clerk, tree, finance_reviewer
):
    ours = actions.do_create_from_document(seed_document("000"), unit_clerk, tree.unit)
    actions.do_submit(ours[0], unit_clerk)
    actions.do_create_from_document(seed_document("002"), neighbour_clerk, tree.neighbour_unit)
    response = client_for(finance_reviewer).get("/overview/")
    units = {unit.name: unit.counts for unit, _ in response.context["units"]}
    assert units[tree.unit.name] == {"draft": 6, "submitted": 1}
    assert units[tree.neighbour_unit.name] == {"draft": 6}
    assert response.context["total"] == 13


def test_a_unit_sees_only_its_own_counts(draft, neighbour_clerk, tree):
    actions.do_create_from_document(seed_document("002"), neighbour_clerk, tree.neighbour_unit)
    response = client_for(neighbour_clerk).get("/overview/")
    names = [unit.name for unit, _ in response.context["units"]]
    assert names == [tree.neighbour_unit.name]
    assert tree.unit.name not in response.content.decode()


def test_grades_add_up_to_the_total(unit_clerk, tree):
    actions.do_create_from_document(seed_document("002"), unit_clerk, tree.unit)
    response = client_for(unit_clerk).get("/overview/", {"year": 1999})
    assert response.context["total"] == 0
    response = client_for(unit_clerk).get("/overview/")
    assert sum(n for _, n, _ in response.context["grades"]) == response.context["total"] == 6
