"""History and diff endpoints."""

from __future__ import annotations

from jixiao_web.filings import actions
from tests.jixiao_web.conftest import api_client, seed_document


def test_it_lists_who_did_what(draft, unit_clerk, finance_reviewer):
    filing = actions.do_submit(draft, unit_clerk)
    actions.do_return(filing, finance_reviewer, "请修改")
    history = api_client(unit_clerk).get(f"/api/projects/{draft.pk}/revisions").json()
    assert [(r["action_label"], r["user"], r["reason"]) for r in history] == [
        ("创建", "unit_clerk", ""),
        ("提交", "unit_clerk", ""),
        ("退回", "finance_reviewer", "请修改"),
    ]


def test_it_diffs_two_revisions(draft, unit_clerk):
    data = {**draft.data, "name": "改名", "indicators": draft.data["indicators"][1:]}
    actions.do_update(draft, unit_clerk, data, 1)
    first, second = draft.revisions.all()
    client = api_client(unit_clerk)
    body = client.get(f"/api/projects/{draft.pk}/diff", {"a": first.pk, "b": second.pk}).json()
    assert [(f["field"], f["new"]) for f in body["fields"]] == [("name", "改名")]
    assert [(r["kind"], r["old_index"]) for r in body["rows"]] == [("removed", 0)]


def test_it_will_not_diff_another_projects_revisions(draft, unit_clerk, tree):
    other = actions.do_create_from_document(seed_document("001"), unit_clerk, tree.unit)[0]
    theirs = other.revisions.first().pk
    mine = draft.revisions.first().pk
    response = api_client(unit_clerk).get(
        f"/api/projects/{draft.pk}/diff", {"a": mine, "b": theirs}
    )
    assert response.status_code == 404
