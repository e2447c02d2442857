"""Background work (Django tasks, database backend): large imports and peer re-reviews.

``start_import`` records an ImportJob and enqueues ``run_import`` once the transaction
commits; the worker (``manage.py db_worker``, or the thread ``jixiao serve`` starts)
reads and reviews each staged file, counting progress in the job, then saves the whole
batch as drafts in one transaction, or nothing if any file failed to read.

``schedule_peer_review`` enqueues ``review_peers`` when filings were created, changed or
deleted: the corpus rules compare a filing with every filing of its scope (peers.py), so
a change in one can add or clear a finding on another. One pass of the corpus rules over
the scope finds what changed; the changed filings' units are reviewed again in full
(their document context changed too), the others only where their JX6xx findings moved.
"""

from __future__ import annotations

import json
import logging
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import F
from django.tasks import task
from django.utils import timezone

from jixiao_web.accounts.models import Organisation
from jixiao_web.filings import actions, peers, review
from jixiao_web.filings.actions import ActionError
from jixiao_web.filings.models import Filing, FilingContent, ImportJob, JobStatus
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


# --- peer re-review -------------------------------------------------------------------


def schedule_peer_review(filings: Iterable[Filing]) -> None:
    """Once the transaction commits, enqueue a re-review of each changed filing's scope."""
    units: dict[peers.ScopeKey, set[int]] = defaultdict(set)
    for filing in filings:
        units[peers.scope_key(filing)].add(filing.organisation_id)
    for key, changed in units.items():
        arguments = (key.bureau, key.path, key.year, key.kind, sorted(changed))
        transaction.on_commit(lambda arguments=arguments: review_peers.enqueue(*arguments))


@task()
def review_peers(bureau: int, path: str, year: int | None, kind: str, units: list[int]) -> None:
    """Re-review the scope's filings whose review a change of ``units``' filings moved."""
    stored = review_scope(peers.ScopeKey(bureau, path, year, kind), set(units))
    logger.info("peer review of %s/%s/%s stored %d reviews", path, year, kind, stored)


def review_scope(key: peers.ScopeKey, units: set[int]) -> int:
    """Re-review a scope after ``units`` changed; return how many reviews were stored."""
    around = review.scope(key)
    with around.lock:
        around.refresh()
        if around.reviewed(units):
            return 0
        fingerprint = around.fingerprint
        pieces = around.index.pieces.values()
        others = {p.filing: p.version for p in pieces if p.unit not in units}
    fresh = review.corpus_findings(around)
    codes = review.corpus_codes()
    filings = peers.scope_filings(key)
    stored = dict(
        FilingContent.objects.filter(filing__in=filings).values_list("filing_id", "findings")
    )
    count = _review_units(filings.filter(organisation_id__in=units))
    for pk, version in others.items():
        if pk in stored:
            count += _replace_corpus(pk, version, stored[pk], fresh.get(pk, []), codes)
    with around.lock:
        around.mark_reviewed(fingerprint, units)
    return count


def _review_units(filings) -> int:
    """Review again, in full, the filings of the units that changed."""
    count = 0
    for filing in filings.select_related("organisation", "content"):
        count += actions.do_store_review(filing.pk, filing.version, review.review_filing(filing))
    return count


def _replace_corpus(
    pk: int,
    version: int,
    old: list[dict[str, Any]],
    fresh: list[dict[str, Any]],
    codes: frozenset[str],
) -> int:
    """Store the filing's findings with the corpus rules' part replaced, if it moved."""
    if _canonical(f for f in old if f.get("rule") in codes) == _canonical(fresh):
        return 0
    kept = [f for f in old if f.get("rule") not in codes]
    return int(actions.do_store_review(pk, version, review.rescore([*kept, *fresh])))


def _canonical(findings: Iterable[dict[str, Any]]) -> list[str]:
    return sorted(json.dumps(f, sort_keys=True, ensure_ascii=False) for f in findings)
