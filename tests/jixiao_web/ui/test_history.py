"""History: the timeline of who did what and why, and a side-by-side diff of two revisions."""

from __future__ import annotations

from jixiao_web.filings import actions, store

from .helpers import client_for


def _edited(draft, clerk):
    project = store.project_of(draft)
    project.indicators[0].target.raw = "≥2套"
    project.indicators[0].target.number = 2
    return actions.do_update(draft, clerk, project, draft.version)


def test_it_lists_every_step_with_its_reason(submitted, finance_reviewer, unit_clerk):
    actions.do_return(submitted, finance_reviewer, "请补充满意度调查方式")
    html = client_for(unit_clerk).get(f"/{submitted.pk}/history/").content.decode()
    for text in ("创建", "提交", "退回", "请补充满意度调查方式", "finance_reviewer"):
        assert text in html


def test_it_diffs_the_two_latest_table_versions_by_default(draft, unit_clerk):
    _edited(draft, unit_clerk)
    response = client_for(unit_clerk).get(f"/{draft.pk}/history/")
    changed = response.context["diff"].rows
    assert [(r.kind, r.old_index) for r in changed] == [("changed", 0)]
    html = response.content.decode()
    assert "≥1套" in html and "≥2套" in html


def test_it_diffs_any_two_chosen_revisions(draft, unit_clerk):
    filing = _edited(draft, unit_clerk)
    first, second = filing.revisions.order_by("id")[:2]
    response = client_for(unit_clerk).get(f"/{draft.pk}/history/", {"a": second.pk, "b": first.pk})
    assert response.context["old"] == second and response.context["new"] == first
    assert response.context["diff"].rows[0].cells[0].new == "≥1套"


def test_a_revision_of_another_project_cannot_be_chosen(draft, unit_clerk, tree):
    other = actions.do_create_from_document(store.document_of(draft), unit_clerk, tree.unit)[0]
    foreign = other.revisions.get()
    response = client_for(unit_clerk).get(f"/{draft.pk}/history/", {"a": foreign.pk})
    assert response.context["old"] != foreign


def test_an_unedited_table_says_there_is_nothing_to_compare(submitted, unit_clerk):
    html = client_for(unit_clerk).get(f"/{submitted.pk}/history/").content.decode()
    assert "表格自创建以来没有修改过" in html
    assert "两个版本的表格内容相同" not in html


def test_choosing_one_revision_twice_asks_for_two(draft, unit_clerk):
    filing = _edited(draft, unit_clerk)
    first = filing.revisions.order_by("id").first()
    html = client_for(unit_clerk).get(f"/{draft.pk}/history/", {"a": first.pk, "b": first.pk})
    assert "请选择两个不同的版本进行比较" in html.content.decode()
