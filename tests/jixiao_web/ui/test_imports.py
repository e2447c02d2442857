"""Import pages: upload one file, many or a .zip; preview; confirm all or nothing; jobs."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from jixiao_web.filings.models import Filing, ImportJob
from jixiao_web.imports import views
from tests.conftest import seed_paths

from .helpers import client_for


def _seed(index: int) -> SimpleUploadedFile:
    path = seed_paths()[index]
    return SimpleUploadedFile(path.name, path.read_bytes(), content_type="text/plain")


def _token(response) -> str:
    return response.context["token"]


def test_it_shows_the_upload_form_to_a_clerk(unit_clerk):
    response = client_for(unit_clerk).get("/imports/")
    assert response.status_code == 200
    assert 'type="file"' in response.content.decode()


def test_reviewers_cannot_import_and_see_no_import_link(finance_reviewer):
    client = client_for(finance_reviewer)
    assert client.get("/imports/").status_code == 403
    assert 'href="/imports/"' not in client.get("/").content.decode()


def test_it_previews_a_seed_and_saves_nothing_yet(unit_clerk):
    response = client_for(unit_clerk).post("/imports/", {"files": [_seed(0)]})
    html = response.content.decode()
    assert response.status_code == 200
    assert "导入预览" in html and "2025年免费刻章服务项目" in html
    assert not Filing.objects.exists()


def test_confirming_saves_every_project_as_a_draft(unit_clerk, tree):
    client = client_for(unit_clerk)
    token = _token(client.post("/imports/", {"files": [_seed(0)]}))
    response = client.post(f"/imports/{token}/confirm/")
    assert response.status_code == 302
    filings = Filing.objects.all()
    assert filings.count() == 7
    assert {f.status for f in filings} == {"draft"}
    assert {f.organisation_id for f in filings} == {tree.unit.pk}


def test_a_zip_of_documents_is_opened(unit_clerk):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for path in seed_paths()[:2]:
            archive.writestr(f"材料/{path.name}", path.read_bytes())
    upload = SimpleUploadedFile("batch.zip", buffer.getvalue(), content_type="application/zip")
    response = client_for(unit_clerk).post("/imports/", {"files": [upload]})
    assert [f["ok"] for f in response.context["files"]] == [True, True]


def test_an_unreadable_file_blocks_the_whole_batch(unit_clerk):
    client = client_for(unit_clerk)
    junk = SimpleUploadedFile("说明.txt", "这里没有绩效目标表。".encode())
    response = client.post("/imports/", {"files": [_seed(0), junk]})
    html = response.content.decode()
    assert "说明.txt" in html and "无法读取" in html
    assert f"/imports/{_token(response)}/confirm/" not in html
    client.post(f"/imports/{_token(response)}/confirm/")
    assert not Filing.objects.exists()


def test_a_broken_zip_is_refused_with_a_message(unit_clerk):
    upload = SimpleUploadedFile("坏.zip", b"PK\x03\x04 not really", content_type="application/zip")
    response = client_for(unit_clerk).post("/imports/", {"files": [upload]})
    assert response.status_code == 400
    assert "坏.zip" in response.content.decode()


def test_someone_elses_batch_cannot_be_confirmed(unit_clerk, neighbour_clerk):
    token = _token(client_for(unit_clerk).post("/imports/", {"files": [_seed(0)]}))
    response = client_for(neighbour_clerk).post(f"/imports/{token}/confirm/")
    assert response.status_code == 404
    assert not Filing.objects.exists()


@pytest.fixture
def small_background_limit(monkeypatch):
    monkeypatch.setattr(views, "BACKGROUND_FILES", 1)


def test_a_large_batch_is_read_and_saved_in_the_background(
    unit_clerk, small_background_limit, django_capture_on_commit_callbacks
):
    client = client_for(unit_clerk)
    # Jobs are enqueued on commit; tasks then run inline in tests.
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/imports/", {"files": [_seed(0), _seed(2)]})
    job = ImportJob.objects.get()
    assert response["Location"] == f"/imports/jobs/{job.pk}/"
    preview = client.get(response["Location"])
    assert "导入预览" in preview.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        saved = client.post(f"/imports/{job.token}/confirm/")
    second = ImportJob.objects.exclude(pk=job.pk).get()
    assert saved["Location"] == f"/imports/jobs/{second.pk}/"
    assert Filing.objects.count() == len(second.filing_ids) > 7
    progress = client.get(f"/imports/jobs/{second.pk}/progress/", HTTP_HX_REQUEST="true")
    assert progress["HX-Refresh"] == "true"


def test_a_batch_over_the_size_limit_is_refused_before_reading(unit_clerk, settings):
    settings.MAX_UPLOAD_BYTES = 1024
    response = client_for(unit_clerk).post("/imports/", {"files": [_seed(0)]})
    assert response.status_code == 400
    assert "超过上限" in response.content.decode()
    assert not Filing.objects.exists()


def test_the_upload_page_speaks_chinese_and_names_every_accepted_kind(unit_clerk):
    html = client_for(unit_clerk).get("/imports/").content.decode()
    assert "选择文件…" in html and "尚未选择文件" in html  # not the browser's "Choose Files"
    for kind in (".docx", ".xlsx", ".xls", ".txt", ".md", ".csv", ".html", ".zip"):
        assert kind in html.split('id="upload-hint"')[1].split("</p>")[0]


def test_a_csv_saved_from_a_workbook_is_read(unit_clerk):
    rows = [
        ["项目名称", "光纤租赁费", "项目编码", "13052922P00584010723X"],
        ["预算数", "6", "其中：财政资金", "6"],
        ["一级指标", "二级指标", "三级指标", "指标值"],
        ["产出指标", "数量指标", "光纤条数", "≥3条"],
        ["满意度指标", "服务对象满意度指标", "使用人员满意度", "≥95%"],
    ]
    text = "\r\n".join(",".join(row) for row in rows).encode("gbk")  # Excel's 另存为 CSV
    upload = SimpleUploadedFile("汇总表.csv", text, content_type="text/csv")
    response = client_for(unit_clerk).post("/imports/", {"files": [upload]})
    assert response.status_code == 200
    [file] = response.context["files"]
    assert file["ok"] and [p["name"] for p in file["projects"]] == ["光纤租赁费"]


def test_a_batch_that_cannot_be_confirmed_does_not_ask_to_confirm(unit_clerk):
    junk = SimpleUploadedFile("说明.txt", "只是一段说明文字。".encode(), content_type="text/plain")
    html = client_for(unit_clerk).post("/imports/", {"files": [junk]}).content.decode()
    assert "请核对后确认导入" not in html
    assert "请去掉或修正无法读取的文件后重新上传" in html
