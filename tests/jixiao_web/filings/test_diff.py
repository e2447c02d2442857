"""diff_projects: header fields and indicator rows aligned by name."""

from __future__ import annotations

import copy

from hypothesis import given
from hypothesis import strategies as st

from jixiao.interchange import project_to_dict
from jixiao_web.filings.diff import diff_projects
from tests.jixiao_web.conftest import seed_document

BASE = project_to_dict(seed_document("000").projects[0])


def _edited(**changes) -> dict:
    data = copy.deepcopy(BASE)
    data.update(changes)
    return data


def test_it_finds_nothing_between_equal_tables():
    assert diff_projects(BASE, copy.deepcopy(BASE)).is_empty


def test_it_reports_changed_header_fields_with_labels():
    diff = diff_projects(BASE, _edited(name="新名称", budget_total=1))
    assert [(c.label, c.old, c.new) for c in diff.fields] == [
        ("项目名称", BASE["name"], "新名称"),
        ("预算数", BASE["budget_total"], 1),
    ]


def test_it_shows_an_inserted_row_without_shifting_the_rest():
    rows = copy.deepcopy(BASE["indicators"])
    rows.insert(1, {**rows[0], "name": "新增指标"})
    diff = diff_projects(BASE, _edited(indicators=rows))
    assert [(r.kind, r.new_index) for r in diff.rows] == [("added", 1)]


def test_it_reports_the_changed_cells_of_a_row():
    rows = copy.deepcopy(BASE["indicators"])
    rows[2]["raw_value"], rows[2]["value"] = "≥99%", 99
    diff = diff_projects(BASE, _edited(indicators=rows))
    [row] = diff.rows
    assert (row.kind, row.old_index) == ("changed", 2)
    assert {c.field for c in row.cells} == {"raw_value", "value"}


def test_it_pairs_a_renamed_row_as_changed():
    rows = copy.deepcopy(BASE["indicators"])
    rows[0]["name"] = "改名后的指标"
    [row] = diff_projects(BASE, _edited(indicators=rows)).rows
    assert (row.kind, [c.field for c in row.cells]) == ("changed", ["name"])


@given(st.data())
def test_it_accounts_for_every_row(data):
    rows = BASE["indicators"]
    kept = data.draw(st.lists(st.sampled_from(range(len(rows))), unique=True))
    new_rows = [rows[i] for i in sorted(kept)]
    diff = diff_projects(BASE, _edited(indicators=new_rows))
    removed = {r.old_index for r in diff.rows if r.kind == "removed"}
    assert removed == set(range(len(rows))) - set(kept)
    assert all(r.kind == "removed" for r in diff.rows)


def test_row_cells_carry_the_labels_of_the_standard_table():
    rows = copy.deepcopy(BASE["indicators"])
    rows[0] = {**rows[0], "description": "新的描述", "basis": "新的依据", "weight": 5}
    [change] = diff_projects(BASE, _edited(indicators=rows)).rows
    assert {c.label for c in change.cells} == {"绩效指标描述", "指标值确定依据", "分值"}
