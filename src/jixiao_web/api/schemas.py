"""Request and response shapes of the API; ``from_*`` functions serialise explicitly."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

from ninja import Schema
from pydantic import AfterValidator, BaseModel, Field, StringConstraints, field_validator

from jixiao_web.filings.diff import Diff
from jixiao_web.filings.models import Filing, ReviewComment, Revision, Status


def _no_nul(text: str) -> str:
    # PostgreSQL text and jsonb cannot hold U+0000; refuse it here rather than fail there.
    if "\x00" in text:
        raise ValueError("文本中不能包含空字符（U+0000）")
    return text


Text = Annotated[str, StringConstraints(max_length=20000), AfterValidator(_no_nul)]
ShortText = Annotated[str, StringConstraints(max_length=500), AfterValidator(_no_nul)]
Number = Annotated[float, Field(allow_inf_nan=False)] | int
Direction = Literal[">=", "<=", "=", ">", "<"]


# --- the table (interchange JSON, validated) -------------------------------------------


class LocationData(Schema):
    line: int | None = None
    page: int | None = None
    sheet: ShortText | None = None
    cell: ShortText | None = None


class IndicatorData(Schema):
    level1: ShortText | None = None
    level2: ShortText | None = None
    name: ShortText | None = None
    description: Text | None = None
    raw_value: ShortText | None = None
    direction: Direction | None = None
    value: Number | None = None
    unit: ShortText | None = None
    nature: ShortText | None = None
    weight: Number | None = None
    basis: Text | None = None
    actual: Text | None = None
    score: Number | None = None
    location: LocationData | None = None


class ProjectData(Schema):
    """One project table in the interchange format (docs/spec: document-format.md)."""

    code: ShortText | None = None
    name: ShortText | None = None
    year: Annotated[int, Field(ge=1900, le=2200)] | None = None
    unit_code: ShortText | None = None
    unit_name: ShortText | None = None
    department: ShortText | None = None
    budget_total: Number | None = None
    budget_fiscal: Number | None = None
    budget_other: Number | None = None
    purpose: Text | None = None
    spending_plan: dict[str, Number | None] | None = None
    goals: list[Text] | None = None
    indicators: list[IndicatorData] = Field(default_factory=list, max_length=2000)
    kind: Literal["target", "self_evaluation", "department"] = "target"
    budget_executed: Number | None = None
    execution_rate: Number | None = None
    total_score: Number | None = None
    long_term_goals: list[Text] | None = None
    location: LocationData | None = None

    @field_validator("spending_plan")
    @classmethod
    def _months(cls, plan: dict[str, Any] | None) -> dict[str, Any] | None:
        if plan is not None and not all(k.isdigit() and 1 <= int(k) <= 12 for k in plan):
            raise ValueError("资金支出计划的键必须是月份 1–12")
        return plan


# --- projects ---------------------------------------------------------------------------

# Responses are plain pydantic models: the endpoints build dicts, and ninja's Schema would
# wrap each one in its Django-object adapter (a third of a 50-row list's time).


class OrganisationOut(BaseModel):
    id: int
    name: str
    kind: str


class ProjectSummary(BaseModel):
    id: int
    name: str
    code: str
    year: int | None
    kind: str
    status: str
    status_label: str
    version: int
    organisation: OrganisationOut
    unit_name: str
    budget_total: float | None
    indicator_count: int
    score: float | None
    grade: str
    error_count: int
    warning_count: int
    updated_at: datetime


class PeerOut(BaseModel):
    """Another filing a finding names (only one the caller may see)."""

    id: int
    name: str


class FindingOut(BaseModel):
    rule: str
    severity: str
    title: str | None = None
    project: int | None = None
    indicator: int | None = None
    line: int | None = None
    page: int | None = None
    sheet: str | None = None
    cell: str | None = None
    message: str
    fix: str | None = None
    decision: str | None = None
    decision_reason: str | None = None
    peers: list[PeerOut] = Field(
        default_factory=list,
        description="其他项目中本发现所指、且调用者有权查看的项目（其余项目在消息中不具名）",
    )


class CommentOut(BaseModel):
    id: int
    indicator: int | None
    author: str | None
    text: str
    created_at: datetime


class ProjectDetail(ProjectSummary):
    source: str
    data: dict[str, Any]
    findings: list[FindingOut]
    comments: list[CommentOut]
    allowed_actions: list[str]


class ProjectPage(BaseModel):
    count: int
    page: int
    page_size: int
    items: list[ProjectSummary]


class UpdateIn(Schema):
    version: int
    project: ProjectData


class IndicatorsIn(Schema):
    version: int
    indicators: list[IndicatorData] = Field(max_length=2000)


class WorkflowIn(Schema):
    version: int | None = None
    reason: Text = ""


class CommentIn(Schema):
    text: Text
    indicator: Annotated[int, Field(ge=0)] | None = None


class DecisionIn(Schema):
    rule: Annotated[str, StringConstraints(pattern=r"^JX[1-9]\d{2}$")]
    indicator: Annotated[int, Field(ge=0)] | None = None
    decision: Literal["accepted", "dismissed"]
    reason: Text = ""


class DecisionOut(BaseModel):
    rule: str
    indicator: int | None
    decision: str
    reason: str
    decided_by: str | None


class Message(BaseModel):
    detail: str


class Conflict(BaseModel):
    detail: str
    current_version: int


# --- history ----------------------------------------------------------------------------


class RevisionOut(BaseModel):
    id: int
    version: int
    action: str
    action_label: str
    status: str
    user: str | None
    at: datetime
    reason: str


class FieldChangeOut(BaseModel):
    field: str
    label: str
    old: Any
    new: Any


class RowChangeOut(BaseModel):
    kind: str
    old_index: int | None
    new_index: int | None
    old: dict[str, Any] | None
    new: dict[str, Any] | None
    cells: list[FieldChangeOut]


class DiffOut(BaseModel):
    a: int
    b: int
    fields: list[FieldChangeOut]
    rows: list[RowChangeOut]


# --- serialisers ------------------------------------------------------------------------


def _user_name(user) -> str | None:
    return (user.get_full_name() or user.username) if user is not None else None


def from_filing(filing: Filing) -> dict[str, Any]:
    """Given a filing (organisation joined), return its summary."""
    return {
        "id": filing.pk,
        "name": filing.name,
        "code": filing.code,
        "year": filing.year,
        "kind": filing.kind,
        "status": filing.status,
        "status_label": filing.get_status_display(),
        "version": filing.version,
        "organisation": {
            "id": filing.organisation.pk,
            "name": filing.organisation.name,
            "kind": filing.organisation.kind,
        },
        "unit_name": filing.unit_name,
        "budget_total": float(filing.budget_total) if filing.budget_total is not None else None,
        "indicator_count": filing.indicator_count,
        "score": filing.score,
        "grade": filing.grade,
        "error_count": filing.error_count,
        "warning_count": filing.warning_count,
        "updated_at": filing.updated_at,
    }


# The list reads these columns as plain rows (no model instances: a third faster).
SUMMARY_COLUMNS = (
    "id",
    "name",
    "code",
    "year",
    "kind",
    "status",
    "version",
    "organisation_id",
    "organisation__name",
    "organisation__kind",
    "unit_name",
    "budget_total",
    "indicator_count",
    "score",
    "grade",
    "error_count",
    "warning_count",
    "updated_at",
)


def from_row(row: dict[str, Any]) -> dict[str, Any]:
    """Given a ``values(*SUMMARY_COLUMNS)`` row, return the same summary as ``from_filing``."""
    budget = row["budget_total"]
    return {
        **{k: v for k, v in row.items() if "organisation" not in k},
        "status_label": Status(row["status"]).label,
        "budget_total": float(budget) if budget is not None else None,
        "organisation": {
            "id": row["organisation_id"],
            "name": row["organisation__name"],
            "kind": row["organisation__kind"],
        },
    }


def from_comment(comment: ReviewComment) -> dict[str, Any]:
    return {
        "id": comment.pk,
        "indicator": comment.indicator_index,
        "author": _user_name(comment.author),
        "text": comment.text,
        "created_at": comment.created_at,
    }


def from_revision(revision: Revision) -> dict[str, Any]:
    return {
        "id": revision.pk,
        "version": revision.version,
        "action": revision.action,
        "action_label": revision.get_action_display(),
        "status": revision.status,
        "user": _user_name(revision.user),
        "at": revision.at,
        "reason": revision.reason,
    }


def from_diff(a: Revision, b: Revision, diff: Diff) -> dict[str, Any]:
    return {
        "a": a.pk,
        "b": b.pk,
        "fields": [vars_of(change) for change in diff.fields],
        "rows": [
            {
                "kind": row.kind,
                "old_index": row.old_index,
                "new_index": row.new_index,
                "old": row.old,
                "new": row.new,
                "cells": [vars_of(cell) for cell in row.cells],
            }
            for row in diff.rows
        ],
    }


def vars_of(change) -> dict[str, Any]:
    return {"field": change.field, "label": change.label, "old": change.old, "new": change.new}
