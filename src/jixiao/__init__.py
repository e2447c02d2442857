"""jixiao (绩效): read, review, file and publish Chinese budget performance-target tables."""

from .errors import ReadError
from .model import (
    DepartmentOverview,
    Document,
    Indicator,
    Location,
    Project,
    ReadWarning,
    SpendingPlan,
    Value,
)


def check(document, settings=None):
    """Given a Document, return its review report (findings, scores, summary).

    Shorthand for ``jixiao.review.review_document``; imported lazily so that reading
    files does not load the rule engine.
    """
    from .review import review_document

    return review_document(document, settings)


def check_project(project, settings=None, index: int = 0, document=None):
    """Given one Project, return its per-project findings (the web editor's live check)."""
    from .review import review_project

    return review_project(project, settings, index, document)


__all__ = [
    "DepartmentOverview",
    "Document",
    "Indicator",
    "Location",
    "Project",
    "ReadError",
    "ReadWarning",
    "SpendingPlan",
    "Value",
    "check",
    "check_project",
]
__version__ = "0.1.0"
