"""/api/imports: upload → preview → confirm, all or nothing; large batches in the background."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from jixiao_web.api import imports
from jixiao_web.filings.models import Filing, ImportJob
from tests.conftest import seed_paths
from tests.jixiao_web.conftest import api_client


def _file(path) -> SimpleUploadedFile:
    return SimpleUploadedFile(path.name, path.read_bytes(), content_type="text/plain")


def _zip(members: dict[str, bytes]) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return SimpleUploadedFile("批量.zip", buffer.getvalue(), content_type="application/zip")


def test_it_previews_without_saving(unit_clerk):
    seed = seed_paths()[0]
    response = api_client(unit_clerk).post("/api/imports", {"files": [_file(seed)]})
    assert response.status_code == 200
    body = response.json()
    [read] = body["files"]
    assert read["ok"] and read["projects"][0]["indicator_count"] > 0
    assert not Filing.objects.exists()


def test_it_saves_every_project_on_confirm(unit_clerk, tree):
    client = api_client(unit_clerk)
    seeds = seed_paths()[:2]
    preview = client.post("/api/imports", {"files": [_file(s) for s in seeds]}).json()
    projects = sum(len(f["projects"]) for f in preview["files"])
    response = client.post(f"/api/imports/{preview['token']}/confirm")
    assert response.status_code == 200
    assert len(response.json()["filing_ids"]) == projects
    assert set(Filing.objects.values_list("organisation", flat=True)) == {tree.unit.pk}
    assert client.post(f"/api/imports/{preview['token']}/confirm").status_code == 400


def test_it_saves_nothing_when_one_file_is_unreadable(unit_clerk):
    client = api_client(unit_clerk)
    bad = SimpleUploadedFile("坏文件.txt", "这不是绩效目标表".encode(), content_type="text/plain")
    preview = client.post("/api/imports", {"files": [_file(seed_paths()[0]), bad]}).json()
    assert [f["ok"] for f in preview["files"]] == [True, False]
    response = client.post(f"/api/imports/{preview['token']}/confirm")
    assert response.status_code == 400
    assert "坏文件.txt" in response.json()["detail"]
    assert not Filing.objects.exists()


def test_it_unpacks_a_zip_with_gbk_names(unit_clerk, monkeypatch):
    # Windows' built-in zip writes names in the local code page without the UTF-8 flag.
    monkeypatch.setattr(
        zipfile.ZipInfo, "_encodeFilenameFlags", lambda self: (self.filename.encode("cp437"), 0)
    )
    seed = seed_paths()[1]
    archive = _zip(
        {"目标表.txt".encode("gbk").decode("cp437"): seed.read_bytes(), "__MACOSX/x": b""}
    )
    body = api_client(unit_clerk).post("/api/imports", {"files": [archive]}).json()
    assert [f["name"] for f in body["files"]] == ["批量.zip/目标表.txt"]


def test_it_refuses_an_import_for_another_unit(unit_clerk, tree):
    data = {"files": [_file(seed_paths()[0])], "organisation": tree.neighbour_unit.pk}
    assert api_client(unit_clerk).post("/api/imports", data).status_code == 403


def test_it_refuses_imports_from_reviewers(finance_reviewer):
    response = api_client(finance_reviewer).post(
        "/api/imports", {"files": [_file(seed_paths()[0])]}
    )
    assert response.status_code == 403


def test_it_refuses_an_oversized_upload(unit_clerk, settings):
    settings.MAX_UPLOAD_BYTES = 10
    response = api_client(unit_clerk).post("/api/imports", {"files": [_file(seed_paths()[0])]})
    assert response.status_code == 400
    assert "超过上限" in response.json()["detail"]


@pytest.fixture
def small_background_threshold(monkeypatch):
    monkeypatch.setattr(imports, "BACKGROUND_FILES", 1)


@pytest.mark.django_db(transaction=True)
def test_it_imports_a_large_batch_in_the_background(
    unit_clerk, small_background_threshold, django_capture_on_commit_callbacks
):
    client = api_client(unit_clerk)
    files = [_file(s) for s in seed_paths()]
    preview = client.post("/api/imports", {"files": files}).json()
    job = client.get(f"/api/imports/jobs/{preview['job']}").json()
    assert (job["status"], job["done"], job["percent"]) == ("done", 5, 100)
    confirmed = client.post(f"/api/imports/{preview['token']}/confirm")
    assert confirmed.status_code == 202
    job = client.get(f"/api/imports/jobs/{confirmed.json()['job']}").json()
    assert job["status"] == "done"
    assert len(job["filing_ids"]) == Filing.objects.count() > 5
    assert ImportJob.objects.count() == 2
