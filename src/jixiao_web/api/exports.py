"""Export one project or a filtered list as .xlsx, .docx, .csv or JSON (core exporters)."""

from __future__ import annotations

from typing import Literal
from urllib.parse import quote

from django.http import HttpResponse
from ninja import Query, Router, Status

from jixiao.exports import EXPORTERS
from jixiao.model import Document
from jixiao_web.accounts.access import get_project_for_user, projects_visible_to
from jixiao_web.filings import store

from . import schemas
from .projects import ProjectFilters, filter_projects

router = Router(tags=["导出"])

Format = Literal["xlsx", "docx", "csv", "json"]

# A whole-list export is one file; beyond this many projects, narrow the filters.
MAX_EXPORT_PROJECTS = 5000


def file_response(document: Document, fmt: str, stem: str) -> HttpResponse:
    """Return the document exported as ``fmt``, as a download named ``stem``."""
    exporter = EXPORTERS[fmt]
    response = HttpResponse(exporter.to_bytes(document), content_type=exporter.media_type)
    filename = quote(f"{stem}{exporter.suffix}")
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{filename}"
    return response


@router.get(
    "/projects/{int:pk}/export",
    response={200: None, 403: schemas.Message, 404: schemas.Message},
    summary="导出项目",
)
def export_project(request, pk: int, format: Format = "xlsx"):
    """Download one project's table."""
    filing = get_project_for_user(request.user, pk)
    return file_response(store.document_of(filing), format, filing.name or f"项目{filing.pk}")


@router.get("/export", response={200: None, 400: schemas.Message}, summary="导出筛选后的项目列表")
def export_list(request, filters: Query[ProjectFilters], format: Format = "xlsx"):
    """Download every project matching the list filters (pagination ignored) as one file."""
    queryset = filter_projects(projects_visible_to(request.user), filters)
    if queryset.count() > MAX_EXPORT_PROJECTS:
        return Status(
            400, {"detail": f"一次最多导出 {MAX_EXPORT_PROJECTS} 个项目，请缩小筛选范围。"}
        )
    projects = [store.project_of(f) for f in queryset.select_related("content")]
    return file_response(Document(source="jixiao", projects=projects), format, "绩效目标表")
