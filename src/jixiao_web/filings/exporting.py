"""Downloads: one project, or the whole filtered list, in any format of ``EXPORTERS``."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.http import content_disposition_header
from django.utils.timezone import localdate
from django.views.decorators.http import require_GET

from jixiao.exports import EXPORTERS, Exporter
from jixiao.interchange import project_from_dict
from jixiao.model import Document
from jixiao_web.accounts.access import get_project_for_user, projects_visible_to

from . import store
from .forms import ListFilterForm
from .views import filter_filings

# A list export is built in memory; beyond this many tables, narrow the filters.
MAX_EXPORT = 5000


@login_required
@require_GET
def export_project(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    """Download one project's table."""
    exporter = _exporter(fmt)
    filing = get_project_for_user(request.user, pk)
    document = store.document_of(filing)
    return _download(exporter, document, filing.name or f"项目{filing.pk}")


@login_required
@require_GET
def export_list(request: HttpRequest, fmt: str) -> HttpResponse:
    """Download every project matching the list's filters (at most MAX_EXPORT)."""
    exporter = _exporter(fmt)
    form = ListFilterForm(request.GET)
    form.is_valid()
    filings = filter_filings(request.user, projects_visible_to(request.user), form.cleaned_data)
    data = filings.order_by("organisation__path", "code", "id").values_list(
        "content__data", flat=True
    )
    projects = [project_from_dict(item) for item in data[:MAX_EXPORT]]
    document = Document(source="jixiao", projects=projects)
    return _download(exporter, document, f"绩效目标表_{localdate():%Y%m%d}")


def _exporter(fmt: str) -> Exporter:
    try:
        return EXPORTERS[fmt]
    except KeyError:
        raise Http404("未知的导出格式。") from None


def _download(exporter: Exporter, document: Document, stem: str) -> HttpResponse:
    response = HttpResponse(exporter.to_bytes(document), content_type=exporter.media_type)
    filename = f"{stem[:80]}{exporter.suffix}"
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response
