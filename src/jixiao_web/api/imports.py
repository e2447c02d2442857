"""Import: upload files (or a .zip) → preview → confirm; large batches run in the background."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from ninja import File, Form, Router, Schema, Status
from ninja.files import UploadedFile

from jixiao_web.accounts.access import organisations_for_filing
from jixiao_web.accounts.models import Organisation
from jixiao_web.filings.models import ImportJob
from jixiao_web.imports import batch
from jixiao_web.tasks import enqueue_staged

from . import schemas

router = Router(tags=["导入"])

# Batches with more files than this are read in the background with a progress counter.
BACKGROUND_FILES = 20

ERRORS = {400: schemas.Message, 403: schemas.Message, 404: schemas.Message}


class PreviewOut(Schema):
    token: str
    organisation: int
    files: list[dict[str, Any]]
    job: UUID | None = None


class ConfirmOut(Schema):
    filing_ids: list[int]
    job: UUID | None = None


class JobOut(Schema):
    id: UUID
    status: str
    status_label: str
    total: int
    done: int
    percent: int
    message: str
    errors: list[dict[str, Any]]
    filing_ids: list[int]
    files: list[dict[str, Any]]


def _organisation(user, organisation_id: int | None) -> Organisation:
    """Return the unit to import into: the one asked for, or the user's only unit."""
    allowed = organisations_for_filing(user)
    if organisation_id is not None:
        found = allowed.filter(pk=organisation_id).first()
    else:
        found = allowed.first() if allowed.count() == 1 else None
    if found is None:
        raise PermissionDenied("请指定您有权填报的预算单位（organisation）。")
    return found


@router.post("/imports", response={200: PreviewOut, **ERRORS}, summary="上传并预览")
def upload(request, files: File[list[UploadedFile]], organisation: Form[int | None] = None):
    """Upload documents (any format the importers read, or a .zip); return the preview.

    Nothing is saved yet: confirm with the returned ``token``. Over 20 files, the preview
    is prepared in the background: poll ``/imports/jobs/{job}``.
    """
    unit = _organisation(request.user, organisation)
    uploads = batch.read_files(files)
    staged = batch.stage(batch.expand(uploads), request.user, unit)
    if len(staged.names) > BACKGROUND_FILES:
        job = enqueue_staged(staged, request.user, unit, save=False)
        return {"token": staged.token, "organisation": unit.pk, "files": [], "job": job.pk}
    results = batch.read_uploads(staged.uploads())
    return {"token": staged.token, "organisation": unit.pk, "files": batch.preview(results)}


@router.post(
    "/imports/{token}/confirm",
    response={200: ConfirmOut, 202: ConfirmOut, **ERRORS},
    summary="确认导入",
)
def confirm(request, token: str):
    """Save every project of the staged batch as drafts, all or nothing."""
    staged = batch.load_staged(token, request.user)
    unit = _organisation(request.user, staged.organisation_id)
    if len(staged.names) > BACKGROUND_FILES:
        job = enqueue_staged(staged, request.user, unit, save=True)
        return Status(202, {"filing_ids": [], "job": job.pk})
    filings = batch.save(batch.read_uploads(staged.uploads()), request.user, unit)
    batch.discard(staged)
    return Status(200, {"filing_ids": [f.pk for f in filings]})


@router.get(
    "/imports/jobs/{uuid:job_id}", response={200: JobOut, 404: schemas.Message}, summary="导入进度"
)
def job_progress(request, job_id: UUID):
    """Return a background import's progress and, when done, its result."""
    job = get_object_or_404(ImportJob, pk=job_id, user=request.user)
    return {
        "id": job.pk,
        "status": job.status,
        "status_label": job.get_status_display(),
        "total": job.total,
        "done": job.done,
        "percent": job.percent,
        "message": job.message,
        "errors": job.errors,
        "filing_ids": job.filing_ids,
        "files": job.preview,
    }
