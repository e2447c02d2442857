"""The one place where core dataclasses and ORM rows meet.

A filing stores its project as interchange JSON (``jixiao.interchange``), so the round
trip is lossless; the denormalised columns are derived here and nowhere else.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any

from jixiao.interchange import project_from_dict, project_to_dict
from jixiao.model import Document, Project

from .models import Filing

if TYPE_CHECKING:
    from .review import Review

JSONDict = dict[str, Any]


def project_of(filing: Filing) -> Project:
    """Given a filing, return its project as the core dataclass."""
    return project_from_data(filing.data)


def project_from_data(data: JSONDict) -> Project:
    """Given a filing's stored ``data``, return its project as the core dataclass."""
    return project_from_dict(data)


def document_of(filing: Filing) -> Document:
    """Given a filing, return a one-project document (what the review engine and exporters take)."""
    return Document(source=filing.source or filing.name, projects=[project_of(filing)])


def normalise(data: Project | JSONDict) -> JSONDict:
    """Given a project (dataclass or interchange dict), return its canonical interchange dict."""
    project = data if isinstance(data, Project) else project_from_dict(data)
    return project_to_dict(project)


def apply_project(filing: Filing, data: Project | JSONDict) -> None:
    """Set the filing's data and the columns derived from it (not saved)."""
    filing.data = normalise(data)
    filing.year = _small_int(filing.data.get("year"))
    filing.kind = filing.data.get("kind") or "target"
    filing.name = _text(filing.data.get("name"), 500)
    filing.code = _text(filing.data.get("code"), 100)
    filing.unit_name = _text(filing.data.get("unit_name"), 300)
    filing.budget_total = _decimal(filing.data.get("budget_total"))
    filing.indicator_count = len(filing.data.get("indicators") or [])


def apply_review(filing: Filing, review: Review) -> None:
    """Set the filing's findings and quality columns from a review (not saved)."""
    filing.findings = review.findings
    filing.score = review.score
    filing.grade = review.grade or ""
    filing.error_count = review.errors
    filing.warning_count = review.warnings


def _text(value: Any, limit: int) -> str:
    return str(value)[:limit] if value is not None else ""


def _small_int(value: Any) -> int | None:
    return value if isinstance(value, int) and 0 < value < 32768 else None


def _decimal(value: Any) -> Decimal | None:
    if value is None or isinstance(value, bool):
        return None
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        return None
    # The column holds 14 integer digits; anything larger is not a 万元 amount.
    return number if number.is_finite() and abs(number) < Decimal("1e14") else None
