"""/api/check: findings for a document without saving it, in the CLI's JSON shape."""

from __future__ import annotations

import json

from django.core.files.uploadedfile import SimpleUploadedFile

from jixiao.cli import main
from jixiao_web.filings.models import Filing
from tests.conftest import expected_for, seed_paths
from tests.jixiao_web.conftest import api_client


def test_it_answers_like_jixiao_check_json(unit_clerk, capsys):
    seed = seed_paths()[0]
    upload = SimpleUploadedFile(seed.name, seed.read_bytes())
    body = api_client(unit_clerk).post("/api/check", {"files": [upload]}).json()
    main(["check", str(seed), "--format", "json"])
    cli = json.loads(capsys.readouterr().out)
    assert body["summary"] == cli["summary"]
    assert body["documents"][0]["findings"] == cli["documents"][0]["findings"]
    assert not Filing.objects.exists()


def test_it_reports_unreadable_files(unit_clerk):
    upload = SimpleUploadedFile("空.txt", b"")
    body = api_client(unit_clerk).post("/api/check", {"files": [upload]}).json()
    assert [u["source"] for u in body["summary"]["unreadable"]] == ["空.txt"]


def test_it_checks_interchange_json(unit_clerk):
    document = expected_for(seed_paths()[2])
    response = api_client(unit_clerk).post(
        "/api/check/json", json.dumps(document), content_type="application/json"
    )
    assert response.status_code == 200
    assert response.json()["summary"]["projects"] == len(document["projects"])
