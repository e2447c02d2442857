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
]
__version__ = "0.1.0"
