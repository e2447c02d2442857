"""Background import of large batches (Django tasks, database backend).

``start_import`` records an ImportJob and enqueues ``run_import`` once the transaction
commits; the worker (``manage.py db_worker``, or the thread ``jixiao serve`` starts)
reads and reviews each staged file, counting progress in the job, then saves the whole
batch as drafts in one transaction, or nothing if any file failed to read.
"""

from __future__ import annotations

import logging

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import F
from django.tasks import task
from django.utils import timezone

from jixiao_web.accounts.models import Organisation
from jixiao_web.filings.actions import ActionError
from jixiao_web.filings.models import ImportJob, JobStatus
from jixiao_web.imports import batch

logger = logging.getLogger(__name__)


def start_import(
    user, organisation: Organisation, uploads: list[batch.Upload], *, save: bool = True
) -> ImportJob:
    """Stage the files, record a job and enqueue it; return the job (status pending).

    With ``save`` the job saves the batch as drafts once every file reads (all or
    nothing); without, it only prepares the preview.
    """
    staged = batch.stage(uploads, user, organisation)
    return enqueue_staged(staged, user, organisation, save=save)


def enqueue_staged(
    staged: batch.Staged, user, organisation: Organisation, *, save: bool
) -> ImportJob:
    """Record a job for an already staged batch and enqueue it once the transaction commits."""
    job = ImportJob.objects.create(
        user=user,
        organisation=organisation,
        token=staged.token,
        save_when_read=save,
        total=len(staged.names),
        files=staged.names,
    )
    transaction.on_commit(lambda: run_import.enqueue(str(job.pk)))
    return job


@task()
def run_import(job_id: str) -> None:
    """Read, review and (if asked) save the job's staged files, recording progress."""
    job = ImportJob.objects.select_related("user", "organisation").get(pk=job_id)
    _set(job, status=JobStatus.RUNNING)
    try:
        _run(job)
    except Exception:
        logger.exception("import job %s failed", job_id)
        _set(job, status=JobStatus.FAILED, message="导入时发生内部错误，未导入任何项目。")


def _run(job: ImportJob) -> None:
    staged = batch.load_staged(job.token, job.user)
    results = batch.read_uploads(staged.uploads(), progress=lambda _: _advance(job))
    job.preview = batch.preview(results)
    job.errors = [{"name": r.name, "message": r.error} for r in results if not r.ok]
    if not job.save_when_read:
        _set(job, status=JobStatus.DONE, preview=job.preview, errors=job.errors)
        return
    _save(job, results, staged)


def _save(job: ImportJob, results: list[batch.ReadResult], staged: batch.Staged) -> None:
    """Save the batch as drafts (all or nothing) and record the outcome in the job."""
    try:
        filings = batch.save(results, job.user, job.organisation)
    except (ActionError, PermissionDenied) as refused:
        _set(
            job,
            status=JobStatus.FAILED,
            preview=job.preview,
            errors=job.errors,
            message=str(refused),
        )
        return
    batch.discard(staged)
    projects = sum(len(f["projects"]) for f in job.preview)
    _set(
        job,
        status=JobStatus.DONE,
        preview=job.preview,
        filing_ids=[f.pk for f in filings],
        message=f"已导入 {job.total} 个文件中的 {projects} 个项目，保存为草稿。",
    )


def _advance(job: ImportJob) -> None:
    ImportJob.objects.filter(pk=job.pk).update(done=F("done") + 1)


def _set(job: ImportJob, **fields) -> None:
    if fields.get("status") in (JobStatus.DONE, JobStatus.FAILED):
        fields["finished_at"] = timezone.now()
    ImportJob.objects.filter(pk=job.pk).update(**fields)
