"""Workflow endpoints: submit, return with reason, approve, publish; comments and findings."""

from __future__ import annotations

import json

from tests.jixiao_web.conftest import api_client


def _post(client, url: str, body: dict | None = None):
    return client.post(url, json.dumps(body or {}), content_type="application/json")


def test_it_walks_the_cycle_through_the_api(draft, unit_clerk, finance_reviewer):
    clerk, reviewer = api_client(unit_clerk), api_client(finance_reviewer)
    url = f"/api/projects/{draft.pk}"
    assert _post(clerk, f"{url}/submit", {"version": 1}).json()["status"] == "submitted"
    assert (
        _post(reviewer, f"{url}/return", {"reason": "补充满意度指标"}).json()["status"]
        == "returned"
    )
    assert _post(clerk, f"{url}/submit").json()["status"] == "submitted"
    assert _post(reviewer, f"{url}/approve").json()["status"] == "approved"
    assert _post(reviewer, f"{url}/publish").json()["status_label"] == "已公开"


def test_it_requires_a_reason_to_return(submitted, finance_reviewer):
    response = _post(api_client(finance_reviewer), f"/api/projects/{submitted.pk}/return")
    assert response.status_code == 400
    assert "理由" in response.json()["detail"]


def test_it_refuses_a_stale_workflow_step(submitted, finance_reviewer):
    response = _post(
        api_client(finance_reviewer), f"/api/projects/{submitted.pk}/approve", {"version": 1}
    )
    assert response.status_code == 409


def test_it_refuses_approval_by_the_unit(submitted, unit_clerk):
    response = _post(api_client(unit_clerk), f"/api/projects/{submitted.pk}/approve")
    assert response.status_code == 403


def test_it_adds_a_comment_on_a_row(submitted, dept_reviewer):
    body = {"text": "目标值应可衡量", "indicator": 1}
    response = _post(api_client(dept_reviewer), f"/api/projects/{submitted.pk}/comments", body)
    assert response.status_code == 201
    assert response.json()["author"] == "dept_reviewer"
    detail = api_client(dept_reviewer).get(f"/api/projects/{submitted.pk}").json()
    assert detail["comments"][0]["indicator"] == 1


def test_it_records_a_dismissed_finding_with_its_reason(submitted, finance_reviewer):
    finding = submitted.findings[0]
    body = {
        "rule": finding["rule"],
        "indicator": finding["indicator"],
        "decision": "dismissed",
        "reason": "本地口径允许",
    }
    client = api_client(finance_reviewer)
    assert _post(client, f"/api/projects/{submitted.pk}/decisions", body).status_code == 200
    findings = client.get(f"/api/projects/{submitted.pk}").json()["findings"]
    decided = [f for f in findings if f["decision"]]
    assert [(f["rule"], f["decision_reason"]) for f in decided] == [
        (finding["rule"], "本地口径允许")
    ]


def test_it_refuses_a_decision_on_a_finding_that_does_not_exist(submitted, finance_reviewer):
    body = {"rule": "JX999", "indicator": None, "decision": "accepted"}
    response = _post(api_client(finance_reviewer), f"/api/projects/{submitted.pk}/decisions", body)
    assert response.status_code == 400
