"""The only code that changes filings. Each action is one transaction and one revision.

Views and API endpoints validate input, then call ``do_*`` here. An action re-reads the
filing under a row lock, checks the version (optimistic locking), the user's permission
for the filing's current status (``accounts.access.can``), changes it and records a
``Revision`` with who, why and the full table.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from jixiao.model import Document, Project
from jixiao_web.accounts.access import Action, can, can_file_for
from jixiao_web.accounts.models import Organisation

from . import store
from .models import (
    Decision,
    Filing,
    FindingDecision,
    ReviewComment,
    Revision,
    RevisionAction,
    Status,
)
from .review import Review, review_document, review_filing

# Messages the user sees when an action is refused.
_REFUSED = {
    Action.EDIT: "当前状态下您不能修改该项目（只有草稿或退回的项目可由填报单位修改）。",
    Action.DELETE: "只有填报单位可以删除草稿状态的项目。",
    Action.SUBMIT: "只有填报单位可以提交草稿或退回的项目。",
    Action.RETURN: "只有审核人可以退回已提交的项目。",
    Action.APPROVE: "只有财政审核人可以审核通过已提交的项目。",
    Action.PUBLISH: "只有财政审核人可以公开审核通过的项目。",
    Action.COMMENT: "您不能对该项目发表意见。",
    Action.DECIDE: "只有审核人可以在审核阶段处理审核发现。",
}


class ActionError(Exception):
    """An action was refused; ``message`` says why, in Chinese, for the user."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class ConflictError(ActionError):
    """The filing changed since the user loaded it. Nothing was saved.

    ``current`` is the filing as it now is; ``refused`` is the edit that was not saved,
    handed back so the caller can show it beside the current table.
    """

    def __init__(self, current: Filing, expected_version: int, refused: Any = None) -> None:
        # The revision that made the current version (comments don't make versions).
        versions = current.revisions.filter(version=current.version).select_related("user")
        last = versions.order_by("id").first()
        who = (last.user.get_full_name() or last.user.username) if last and last.user else "他人"
        super().__init__(
            f"保存失败：该项目已被{who}修改（当前版本 {current.version}，您编辑的是版本 "
            f"{expected_version}）。您的修改没有保存，也没有丢失，请对照最新内容重新修改后再保存。"
        )
        self.current = current
        self.expected_version = expected_version
        self.refused = refused


class InvalidInput(ActionError):
    """The action's input is incomplete (e.g. a return without a reason)."""


# --- creating -------------------------------------------------------------------------


def do_create_from_document(
    document: Document, user, organisation: Organisation, *, source: str | None = None
) -> list[Filing]:
    """Save every project of ``document`` as a draft of ``organisation``; return the filings."""
    return do_create_from_documents([document], user, organisation, sources=[source])


def do_create_from_documents(
    documents: Sequence[Document],
    user,
    organisation: Organisation,
    *,
    sources: Sequence[str | None] | None = None,
) -> list[Filing]:
    """Save all projects of all documents as drafts, all or nothing; return the filings."""
    if not can_file_for(user, organisation):
        raise PermissionDenied("您不能为该单位创建项目。")
    names = sources or [None] * len(documents)
    with transaction.atomic():
        filings = [
            _create(project, review, user, organisation, name or document.source)
            for document, name in zip(documents, names, strict=True)
            for project, review in zip(document.projects, review_document(document), strict=True)
        ]
        _review_peers_later(filings)
        return filings


def _create(
    project: Project, review: Review, user, organisation: Organisation, source: str
) -> Filing:
    # The import's own review (its file as one document, as `jixiao check` sees it) until
    # the peer review that runs once the batch is committed compares it with the scope.
    filing = Filing(organisation=organisation, created_by=user, source=(source or "")[:255])
    store.apply_project(filing, project)
    store.apply_review(filing, review)
    filing.save()
    _record(filing, user, RevisionAction.CREATE)
    return filing


# --- editing --------------------------------------------------------------------------


def do_update(
    filing: Filing, user, data: Project | dict[str, Any], expected_version: int
) -> Filing:
    """Replace the filing's table with ``data`` and re-run the review; return the new filing.

    Raises ``ConflictError`` (carrying ``data`` back) when someone saved in between.
    """
    with transaction.atomic():
        current = _lock(filing, expected_version, refused=data)
        _require(user, Action.EDIT, current)
        store.apply_project(current, data)
        store.apply_review(current, review_filing(current, store.project_of(current)))
        _review_peers_later([current])
        return _save(current, user, RevisionAction.UPDATE)


def do_delete(filing: Filing, user) -> None:
    """Delete a draft filing and its history."""
    with transaction.atomic():
        current = _lock(filing)
        _require(user, Action.DELETE, current)
        _review_peers_later([current])
        current.delete()


def do_store_review(pk: int, version: int, review: Review) -> bool:
    """Store a re-review of filing ``pk`` made at ``version``; return whether it was stored.

    The background peer review calls this. A review of an older version is dropped (the
    edit that made the new one scheduled its own), and the version is not bumped: the
    table did not change, so a user's open editor must not meet a conflict.
    """
    with transaction.atomic():
        current = (
            Filing.objects.select_for_update(of=("self",))
            .select_related("content")
            .filter(pk=pk, version=version)
            .first()
        )
        if current is None or (current.findings, current.score) == (review.findings, review.score):
            return False
        store.apply_review(current, review)
        current.save(update_fields=_REVIEW_COLUMNS)
        return True


_REVIEW_COLUMNS = ["score", "grade", "error_count", "warning_count"]


def _review_peers_later(filings: Iterable[Filing]) -> None:
    """Once the transaction commits, re-review the peers of the changed filings."""
    # Imported here: the task module imports the import batch, which imports this one.
    from jixiao_web.tasks import schedule_peer_review

    schedule_peer_review(filings)


# --- workflow -------------------------------------------------------------------------


def do_submit(
    filing: Filing, user, *, reason: str = "", expected_version: int | None = None
) -> Filing:
    """Submit a draft (or a returned filing) for review."""
    return _transition(filing, user, Action.SUBMIT, Status.SUBMITTED, reason, expected_version)


def do_return(filing: Filing, user, reason: str, *, expected_version: int | None = None) -> Filing:
    """Return a submitted filing to its unit; a reason is required."""
    if not (reason or "").strip():
        raise InvalidInput("退回时必须填写退回理由。")
    return _transition(filing, user, Action.RETURN, Status.RETURNED, reason, expected_version)


def do_approve(
    filing: Filing, user, *, reason: str = "", expected_version: int | None = None
) -> Filing:
    """Approve a submitted filing (审核通过)."""
    return _transition(filing, user, Action.APPROVE, Status.APPROVED, reason, expected_version)


def do_publish(
    filing: Filing, user, *, reason: str = "", expected_version: int | None = None
) -> Filing:
    """Publish an approved filing (已公开)."""
    return _transition(filing, user, Action.PUBLISH, Status.PUBLISHED, reason, expected_version)


def _transition(
    filing: Filing,
    user,
    action: Action,
    status: Status,
    reason: str,
    expected_version: int | None,
) -> Filing:
    with transaction.atomic():
        current = _lock(filing, expected_version)
        _require(user, action, current)
        current.status = status
        return _save(current, user, RevisionAction(action.value), reason.strip())


# --- review ---------------------------------------------------------------------------


def do_comment(
    filing: Filing, user, text: str, *, indicator_index: int | None = None
) -> ReviewComment:
    """Add a remark on the table or on one indicator row."""
    if not (text or "").strip():
        raise InvalidInput("意见内容不能为空。")
    with transaction.atomic():
        current = _lock(filing)
        _require(user, Action.COMMENT, current)
        _check_row(current, indicator_index)
        comment = ReviewComment.objects.create(
            filing=current, indicator_index=indicator_index, author=user, text=text.strip()
        )
        _record(current, user, RevisionAction.COMMENT, _where(indicator_index, text.strip()))
        return comment


def do_decide_finding(
    filing: Filing,
    user,
    rule: str,
    indicator_index: int | None,
    decision: Decision | str,
    reason: str = "",
) -> FindingDecision:
    """Accept or dismiss one finding of the review (dismissing needs a reason)."""
    decision, reason = Decision(decision), (reason or "").strip()
    if decision == Decision.DISMISSED and not reason:
        raise InvalidInput("不采纳审核发现时必须填写理由。")
    with transaction.atomic():
        current = _lock(filing)
        _require(user, Action.DECIDE, current)
        _check_finding(current, rule, indicator_index)
        verdict, _ = FindingDecision.objects.update_or_create(
            filing=current,
            rule=rule,
            indicator_index=indicator_index,
            defaults={
                "decision": decision,
                "reason": reason,
                "decided_by": user,
                "decided_at": timezone.now(),
            },
        )
        note = f"{rule} {decision.label}" + (f"：{reason}" if reason else "")
        _record(current, user, RevisionAction.DECIDE, _where(indicator_index, note))
        return verdict


# --- helpers --------------------------------------------------------------------------


def _lock(filing: Filing, expected_version: int | None = None, refused: Any = None) -> Filing:
    """Return the filing re-read under a row lock, refusing a stale ``expected_version``."""
    current = (
        Filing.objects.select_for_update(of=("self",))
        .select_related("organisation", "content")
        .get(pk=filing.pk)
    )
    if expected_version is not None and current.version != expected_version:
        raise ConflictError(current, expected_version, refused)
    return current


def _require(user, action: Action, filing: Filing) -> None:
    if not can(user, action, filing):
        raise PermissionDenied(_REFUSED[action])


def _save(filing: Filing, user, action: RevisionAction, reason: str = "") -> Filing:
    filing.version += 1
    filing.updated_at = timezone.now()
    filing.save()
    _record(filing, user, action, reason)
    return filing


def _record(filing: Filing, user, action: RevisionAction, reason: str = "") -> Revision:
    return Revision.objects.create(
        filing=filing,
        version=filing.version,
        action=action,
        status=filing.status,
        user=user,
        reason=reason,
        snapshot=filing.data,
    )


def _check_row(filing: Filing, indicator_index: int | None) -> None:
    rows = filing.data.get("indicators") or []
    if indicator_index is not None and not 0 <= indicator_index < len(rows):
        raise InvalidInput(f"指标行 {indicator_index + 1} 不存在（共 {len(rows)} 行）。")


def _check_finding(filing: Filing, rule: str, indicator_index: int | None) -> None:
    if not any(_is(finding, rule, indicator_index) for finding in filing.findings):
        raise InvalidInput(f"当前审核结果中没有规则 {rule} 在该位置的发现。")


def _is(finding: dict[str, Any], rule: str, indicator_index: int | None) -> bool:
    return finding.get("rule") == rule and finding.get("indicator") == indicator_index


def _where(indicator_index: int | None, text: str) -> str:
    return f"第{indicator_index + 1}行指标：{text}" if indicator_index is not None else text


def decisions_by_finding(filing: Filing) -> dict[tuple[str, int | None], FindingDecision]:
    """Return the filing's finding decisions keyed by (rule, indicator index)."""
    return {(d.rule, d.indicator_index): d for d in filing.decisions.all()}


def annotate_findings(
    findings: Iterable[dict[str, Any]], decisions: dict[tuple[str, int | None], FindingDecision]
) -> list[dict[str, Any]]:
    """Given findings and decisions, return the findings with ``decision``/``reason`` added."""
    out = []
    for finding in findings:
        verdict = decisions.get((finding.get("rule"), finding.get("indicator")))
        extra = {"decision": verdict.decision, "decision_reason": verdict.reason} if verdict else {}
        out.append({**finding, "decision": None, "decision_reason": None, **extra})
    return out
