"""Import pages: upload → preview (what was read, warnings, findings) → confirm as drafts.

The work is in ``batch.py`` (shared with the API and the background task). A small batch
is read while the user waits; a large one is read, and later saved, by a background task
(``jixiao_web.tasks``) whose page polls the ImportJob with htmx for a progress bar.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from jixiao_web.accounts.access import organisations_for_filing
from jixiao_web.filings import actions
from jixiao_web.filings.models import ImportJob
from jixiao_web.filings.views import page
from jixiao_web.tasks import enqueue_staged

from . import batch
from .forms import UploadForm

# Batches with more files than this are read and saved in the background.
BACKGROUND_FILES = 10


@login_required
@require_http_methods(["GET", "POST"])
def upload(request: HttpRequest) -> HttpResponse:
    """Show the upload form; on POST stage the files and show the preview (or start a job)."""
    units = list(organisations_for_filing(request.user))
    if not units:
        raise PermissionDenied("只有预算单位的填报人可以导入绩效目标表。")
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        response = _stage(request, form, units)
        if response is not None:
            return response
    context = {
        "form": form,
        "units": units,
        "nav": "imports",
        "max_mb": settings.MAX_UPLOAD_BYTES // (1024 * 1024),
        "background_files": BACKGROUND_FILES,
    }
    return page(request, "imports/upload.html", context, status=400 if form.errors else 200)


def _stage(request: HttpRequest, form: UploadForm, units: list) -> HttpResponse | None:
    """Stage the uploaded batch; return its preview or its job page (None: form errors)."""
    unit = _unit(units, request.POST.get("organisation"))
    uploads = [(f.name or "未命名", f.read()) for f in form.cleaned_data["files"]]
    try:
        batch.check_total_size(uploads)
        staged = batch.stage(batch.expand(uploads), request.user, unit)
    except batch.UploadError as error:
        form.add_error("files", error.message)
        return None
    if len(staged.names) > BACKGROUND_FILES:
        job = enqueue_staged(staged, request.user, unit, save=False)
        return redirect("imports:job", pk=job.pk)
    files = batch.preview(batch.read_uploads(staged.uploads()))
    return _preview(request, staged.token, unit, files)


def _unit(units: list, chosen: str | None):
    """Return the unit picked on the form (one the user may file for), or their only one."""
    if not chosen:
        return units[0]
    for unit in units:
        if str(unit.pk) == chosen:
            return unit
    raise PermissionDenied("您不能为该单位导入。")


def _preview(request: HttpRequest, token: str, unit, files: list[dict], status: int = 200):
    """Render the preview of a read batch (from the request or a finished background job)."""
    failed = [f for f in files if not f["ok"]]
    context = {
        "token": token,
        "unit": unit,
        "files": files,
        "failed": failed,
        "project_count": sum(len(f["projects"]) for f in files),
        "nav": "imports",
    }
    return page(request, "imports/preview.html", context, status=status)


@login_required
@require_POST
def confirm(request: HttpRequest, token: str) -> HttpResponse:
    """Save every project of the staged batch as drafts, all or nothing."""
    try:
        staged = batch.load_staged(token, request.user)
    except batch.UploadError as error:
        raise Http404(error.message) from None
    unit = organisations_for_filing(request.user).filter(pk=staged.organisation_id).first()
    if unit is None:
        raise PermissionDenied("您不能为该单位导入。")
    if len(staged.names) > BACKGROUND_FILES:
        job = enqueue_staged(staged, request.user, unit, save=True)
        return redirect("imports:job", pk=job.pk)
    results = batch.read_uploads(staged.uploads())
    try:
        filings = batch.save(results, request.user, unit)
    except actions.ActionError as refused:
        messages.error(request, refused.message)
        return _preview(request, token, unit, batch.preview(results), status=400)
    batch.discard(staged)
    messages.success(request, f"已导入 {len(filings)} 个项目，保存为草稿。")
    if len(filings) == 1:
        return redirect("filings:detail", pk=filings[0].pk)
    return redirect(reverse("filings:list") + "?status=draft")


# --- background jobs ----------------------------------------------------------------------


def _job_for(request: HttpRequest, pk) -> ImportJob:
    job = ImportJob.objects.select_related("organisation").filter(pk=pk, user=request.user).first()
    if job is None:
        raise Http404("没有找到该导入任务。")
    return job


@login_required
@require_GET
def job(request: HttpRequest, pk) -> HttpResponse:
    """A background import: its progress while it runs, then the preview or the result."""
    current = _job_for(request, pk)
    finished = current.status in ("done", "failed")
    if finished and not current.save_when_read and current.status == "done":
        return _preview(request, current.token, current.organisation, current.preview)
    return page(request, "imports/job.html", {"job": current, "nav": "imports"})


@login_required
@require_GET
def job_progress(request: HttpRequest, pk) -> HttpResponse:
    """The progress bar alone, polled by the job page until the job finishes."""
    current = _job_for(request, pk)
    response = render(request, "imports/job_progress_partial.html", {"job": current})
    if current.status in ("done", "failed"):
        # Reload the page so the preview or the result replaces the bar.
        response["HX-Refresh"] = "true"
    return response
