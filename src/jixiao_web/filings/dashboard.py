"""The overview page: who has filed, what awaits review, and how good the tables are.

Counts only, over the filings the user may see, in two aggregate queries; drawn as plain
CSS bars (no chart library, nothing to download).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_GET

from jixiao_web.accounts.access import projects_visible_to

from .forms import ListFilterForm
from .models import Grade, Status
from .views import filter_filings, page, year_choices


@dataclass(slots=True)
class UnitProgress:
    """One organisation's filings by status, for a stacked bar."""

    pk: int
    name: str
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def segments(self, scale: int) -> list[tuple[str, str, int, float]]:
        """Return (status, label, count, width %) for each non-empty status, in workflow order."""
        return [
            (value, label, self.counts[value], 100 * self.counts[value] / scale)
            for value, label in Status.choices
            if self.counts.get(value)
        ]


@login_required
@require_GET
def dashboard(request: HttpRequest) -> HttpResponse:
    """Counts by organisation and status, and by quality grade, for the chosen year."""
    form = ListFilterForm(request.GET)
    form.is_valid()
    filters = {"year": form.cleaned_data.get("year")}
    visible = projects_visible_to(request.user)
    filings = filter_filings(request.user, visible, filters)
    units = by_unit(filings)
    scale = max((u.total for u in units), default=1)
    grades = dict(filings.order_by().values_list("grade").annotate(n=Count("id")))
    total = sum(u.total for u in units)
    context = {
        "units": [(u, u.segments(scale)) for u in units],
        "statuses": Status.choices,
        "status_totals": _status_totals(units),
        "grades": _grade_bars(grades, total),
        "total": total,
        "years": year_choices(visible, filters["year"]),
        "selected": filters,
        "nav": "dashboard",
    }
    return page(request, "filings/dashboard.html", context)


def by_unit(filings) -> list[UnitProgress]:
    """Return each organisation's counts by status, the busiest first."""
    rows = filings.order_by().values_list("organisation", "organisation__name", "status")
    units: dict[int, UnitProgress] = {}
    for pk, name, status, n in rows.annotate(n=Count("id")):
        unit = units.setdefault(pk, UnitProgress(pk, name))
        unit.counts[status] = n
    return sorted(units.values(), key=lambda u: (-u.total, u.name))


def _status_totals(units: list[UnitProgress]) -> list[tuple[str, str, int]]:
    totals: dict[str, int] = defaultdict(int)
    for unit in units:
        for status, n in unit.counts.items():
            totals[status] += n
    return [(value, label, totals[value]) for value, label in Status.choices]


def _grade_bars(grades: dict[str, int], total: int) -> list[tuple[str, int, float]]:
    """Return (grade, count, share %) for 优 良 中 差 and the not yet graded."""
    bars = [(value, grades.get(value, 0)) for value, _ in Grade.choices]
    bars.append(("未评", grades.get("", 0)))
    return [(name, n, 100 * n / total if total else 0.0) for name, n in bars]
