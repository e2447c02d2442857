"""Projects: list, detail, edit, delete, indicators, workflow, comments, findings, history."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema, responses

from jixiao_web.accounts.access import allowed_actions, get_project_for_user, projects_visible_to
from jixiao_web.filings import actions
from jixiao_web.filings.diff import diff_revisions
from jixiao_web.filings.models import Filing, Grade, Status
from jixiao_web.filings.present import present_findings

from . import schemas
from .schemas import ShortText

router = Router(tags=["项目"])

ERRORS = {400: schemas.Message, 403: schemas.Message, 404: schemas.Message}
WRITE_ERRORS = {**ERRORS, 409: schemas.Conflict}


class ProjectFilters(Schema):
    year: int | None = Field(None, ge=1900, le=2200, description="年度")
    organisation: int | None = Field(None, description="机构 ID（含下级机构）")
    status: Status | None = Field(None, description="状态")
    grade: Grade | None = Field(None, description="质量等级")
    q: ShortText | None = Field(None, description="按项目名称或编码搜索")
    page: int = Field(1, ge=1, le=100000)
    page_size: int = Field(50, ge=1, le=200)


def filter_projects(queryset: QuerySet[Filing], filters: ProjectFilters) -> QuerySet[Filing]:
    """Given visible filings and list filters, return the filtered queryset."""
    if filters.year is not None:
        queryset = queryset.filter(year=filters.year)
    if filters.organisation is not None:
        queryset = _within(queryset, filters.organisation)
    if filters.status:
        queryset = queryset.filter(status=filters.status)
    if filters.grade:
        queryset = queryset.filter(grade=filters.grade)
    if filters.q:
        queryset = queryset.filter(Q(name__icontains=filters.q) | Q(code__icontains=filters.q))
    return queryset


def _within(queryset: QuerySet[Filing], organisation_id: int) -> QuerySet[Filing]:
    # Prefix of the given organisation's path: a sub-select, so no extra round trip.
    from jixiao_web.accounts.models import Organisation

    paths = Organisation.objects.filter(pk=organisation_id).values("path")[:1]
    return queryset.filter(organisation__path__startswith=paths)


@router.get("/projects", response=schemas.ProjectPage, summary="项目列表")
def list_projects(request, filters: Query[ProjectFilters]):
    """List the projects visible to the caller, newest change first, with filters."""
    queryset = filter_projects(projects_visible_to(request.user), filters)
    count = queryset.count()
    start = (filters.page - 1) * filters.page_size
    page = queryset.values(*schemas.SUMMARY_COLUMNS)[start : start + filters.page_size]
    return {
        "count": count,
        "page": filters.page,
        "page_size": filters.page_size,
        "items": [schemas.from_row(row) for row in page],
    }


@router.get(
    "/projects/{int:pk}", response={200: schemas.ProjectDetail, **ERRORS}, summary="项目详情"
)
def get_project(request, pk: int):
    """Return one project with its table, findings (with decisions) and comments."""
    filing = get_project_for_user(request.user, pk)
    return detail(request.user, filing)


def detail(user, filing: Filing) -> dict[str, Any]:
    """Given a filing, return its detail representation for ``user``."""
    comments = filing.comments.select_related("author")
    findings = actions.annotate_findings(
        present_findings(filing.findings, user), actions.decisions_by_finding(filing)
    )
    return {
        **schemas.from_filing(filing),
        "source": filing.source,
        "data": filing.data,
        "findings": findings,
        "comments": [schemas.from_comment(c) for c in comments],
        "allowed_actions": [str(a) for a in allowed_actions(user, filing)],
    }


@router.put(
    "/projects/{int:pk}", response={200: schemas.ProjectDetail, **WRITE_ERRORS}, summary="修改项目"
)
def update_project(request, pk: int, payload: schemas.UpdateIn):
    """Replace the table; ``version`` must be the one you read (else 409, nothing saved)."""
    filing = get_project_for_user(request.user, pk, write=True)
    data = payload.project.model_dump()
    filing = actions.do_update(filing, request.user, data, payload.version)
    return detail(request.user, filing)


@router.delete("/projects/{int:pk}", response={204: None, **ERRORS}, summary="删除草稿")
def delete_project(request, pk: int):
    """Delete a draft."""
    filing = get_project_for_user(request.user, pk)
    actions.do_delete(filing, request.user)
    return responses.Status(204, None)


# --- indicators -----------------------------------------------------------------------


@router.get(
    "/projects/{int:pk}/indicators",
    response={200: list[schemas.IndicatorData], **ERRORS},
    summary="指标列表",
)
def list_indicators(request, pk: int):
    """Return the project's indicator rows in table order."""
    return get_project_for_user(request.user, pk).data.get("indicators") or []


@router.put(
    "/projects/{int:pk}/indicators",
    response={200: schemas.ProjectDetail, **WRITE_ERRORS},
    summary="修改指标",
)
def update_indicators(request, pk: int, payload: schemas.IndicatorsIn):
    """Replace the indicator rows (add, remove, reorder) and re-run the review."""
    filing = get_project_for_user(request.user, pk, write=True)
    data = {**filing.data, "indicators": [row.model_dump() for row in payload.indicators]}
    filing = actions.do_update(filing, request.user, data, payload.version)
    return detail(request.user, filing)


# --- workflow ---------------------------------------------------------------------------

WORKFLOW = {
    "submit": lambda f, u, p: actions.do_submit(f, u, reason=p.reason, expected_version=p.version),
    "return": lambda f, u, p: actions.do_return(f, u, p.reason, expected_version=p.version),
    "approve": lambda f, u, p: actions.do_approve(
        f, u, reason=p.reason, expected_version=p.version
    ),
    "publish": lambda f, u, p: actions.do_publish(
        f, u, reason=p.reason, expected_version=p.version
    ),
}


def _workflow_endpoint(step: str, summary: str):
    def endpoint(request, pk: int, payload: schemas.WorkflowIn):
        filing = get_project_for_user(request.user, pk)
        filing = WORKFLOW[step](filing, request.user, payload)
        return detail(request.user, filing)

    endpoint.__name__ = f"{step}_project"
    endpoint.__doc__ = f"{summary}（可带 version 防止覆盖他人的修改）。"
    router.post(
        f"/projects/{{int:pk}}/{step}",
        response={200: schemas.ProjectDetail, **WRITE_ERRORS},
        summary=summary,
    )(endpoint)


_workflow_endpoint("submit", "提交审核")
_workflow_endpoint("return", "退回（须填写理由）")
_workflow_endpoint("approve", "审核通过")
_workflow_endpoint("publish", "公开")


# --- review -----------------------------------------------------------------------------


@router.post(
    "/projects/{int:pk}/comments", response={201: schemas.CommentOut, **ERRORS}, summary="发表意见"
)
def add_comment(request, pk: int, payload: schemas.CommentIn):
    """Comment on the table, or on one indicator row (0-based ``indicator``)."""
    filing = get_project_for_user(request.user, pk)
    comment = actions.do_comment(
        filing, request.user, payload.text, indicator_index=payload.indicator
    )
    return responses.Status(201, schemas.from_comment(comment))


@router.post(
    "/projects/{int:pk}/decisions",
    response={200: schemas.DecisionOut, **ERRORS},
    summary="处理审核发现",
)
def decide_finding(request, pk: int, payload: schemas.DecisionIn):
    """Accept or dismiss (with a reason) one finding of the review."""
    filing = get_project_for_user(request.user, pk)
    verdict = actions.do_decide_finding(
        filing, request.user, payload.rule, payload.indicator, payload.decision, payload.reason
    )
    return {
        "rule": verdict.rule,
        "indicator": verdict.indicator_index,
        "decision": verdict.decision,
        "reason": verdict.reason,
        "decided_by": schemas._user_name(verdict.decided_by),
    }


# --- history ----------------------------------------------------------------------------


@router.get(
    "/projects/{int:pk}/revisions",
    response={200: list[schemas.RevisionOut], **ERRORS},
    summary="修订历史",
)
def list_revisions(request, pk: int):
    """Return the history: who did what, when and why, oldest first."""
    filing = get_project_for_user(request.user, pk)
    revisions = filing.revisions.select_related("user").defer("snapshot")
    return [schemas.from_revision(r) for r in revisions]


@router.get(
    "/projects/{int:pk}/diff", response={200: schemas.DiffOut, **ERRORS}, summary="版本对比"
)
def diff(request, pk: int, a: int, b: int):
    """Return the changes from revision ``a`` to revision ``b`` (ids from the history)."""
    filing = get_project_for_user(request.user, pk)
    old = get_object_or_404(filing.revisions, pk=a)
    new = get_object_or_404(filing.revisions, pk=b)
    return schemas.from_diff(old, new, diff_revisions(old, new))
