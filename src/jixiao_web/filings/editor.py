"""The table editor: header, goals, spending plan and the indicator grid.

Every grid button (add, remove, move) and every pause in typing posts the whole form
with htmx; the server rebuilds the grid or re-runs the review on what was typed and
returns a partial. Nothing is stored until 保存, which passes the version the user
loaded: a stale save is refused and the page comes back with the user's input intact.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from jixiao.model import Project
from jixiao_web.accounts.access import get_project_for_user

from . import actions, store
from .diff import diff_projects
from .forms import (
    DIRECTION_CHOICES,
    LEVEL1_CHOICES,
    LEVEL2_CHOICES,
    GridRow,
    HeaderForm,
    apply_grid_op,
    grid_focus,
    header_initial,
    project_from_edit,
    rows_from_post,
    rows_from_project,
)
from .models import Filing, Status
from .present import present_findings
from .review import Review, review_filing
from .table import group_findings
from .views import page


@login_required
@require_http_methods(["GET", "POST"])
def edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Show the editor (GET) or save it (POST, refused when stale)."""
    filing = get_project_for_user(request.user, pk, write=True)
    if request.method == "POST":
        return _save(request, filing)
    project = store.project_of(filing)
    header = HeaderForm(initial=header_initial(project))
    return _editor(request, filing, header, rows_from_project(project), filing.version)


def _save(request: HttpRequest, filing: Filing) -> HttpResponse:
    """Validate the posted editor and save it; on any refusal show the input again."""
    header = HeaderForm(request.POST)
    rows = rows_from_post(request.POST)
    # After a conflict the user may knowingly save over the newer version.
    posted = request.POST.get("overwrite_version") or request.POST.get("version")
    version = _version(posted, filing.version)
    if not header.is_valid():
        return _editor(request, filing, header, rows, version, invalid=True, status=400)
    project = project_from_edit(store.project_of(filing), header.cleaned_data, rows)
    if any(row.errors for row in rows):
        return _editor(request, filing, header, rows, version, invalid=True, status=400)
    try:
        actions.do_update(filing, request.user, project, version)
    except actions.ConflictError as conflict:
        return _editor(request, filing, header, rows, version, conflict=conflict, status=409)
    except actions.ActionError as refused:
        messages.error(request, refused.message)
        return _editor(request, filing, header, rows, version, status=400)
    messages.success(request, "已保存。")
    return redirect("filings:detail", pk=filing.pk)


@login_required
@require_POST
def edit_grid(request: HttpRequest, pk: int) -> HttpResponse:
    """Apply a grid button to the posted rows; return the grid and, out of band, the review."""
    filing = get_project_for_user(request.user, pk, write=True)
    op = request.POST.get("op", "")
    rows = apply_grid_op(rows_from_post(request.POST), op)
    _, review = _review_posted(request, filing, rows)
    # 添加分值列 shows the weight column on a table that had none; the flag then travels
    # with the form so the next button does not hide the still empty column again.
    weights = op == WEIGHTS_OP or _weights_shown(request)
    context = _grid_context(rows, review, weights=weights) | {"filing": filing, "oob": True}
    context["focus"] = grid_focus(op, rows) if op != WEIGHTS_OP else None
    return render(request, "filings/grid_partial.html", context)


# The grid button that adds the 分值 column.
WEIGHTS_OP = "weights"


def _weights_shown(request: HttpRequest) -> bool:
    return request.POST.get("show-weight") == "1"


@login_required
@require_POST
def edit_review(request: HttpRequest, pk: int) -> HttpResponse:
    """Re-run the review on what is typed now; return the findings panel."""
    filing = get_project_for_user(request.user, pk, write=True)
    rows = rows_from_post(request.POST)
    project, review = _review_posted(request, filing, rows)
    context = {"filing": filing, "review": review, "rows": rows, "project": project}
    return render(request, "filings/findings_partial.html", context)


def _review_posted(
    request: HttpRequest, filing: Filing, rows: list[GridRow]
) -> tuple[Project | None, dict[str, Any]]:
    """Return the project as typed and its review among its peers; header errors are reported."""
    header = HeaderForm(request.POST)
    cleaned = header.cleaned_data if header.is_valid() else _lenient(header)
    project = project_from_edit(store.project_of(filing), cleaned, rows)
    result = review_filing(filing, project)
    result.findings = present_findings(result.findings, request.user)
    return project, _summarise(result, rows, header.errors)


def _lenient(header: HeaderForm) -> dict[str, Any]:
    """Return the header's valid fields only, so the review still runs while one is wrong."""
    return {name: value for name, value in header.cleaned_data.items() if name not in header.errors}


def _editor(
    request: HttpRequest,
    filing: Filing,
    header: HeaderForm,
    rows: list[GridRow],
    version: int,
    *,
    conflict: actions.ConflictError | None = None,
    invalid: bool = False,
    status: int = 200,
) -> HttpResponse:
    if request.method == "GET":
        project = store.project_of(filing)
        review = _stored_review(request, filing, rows)
    else:
        project, review = _review_posted(request, filing, rows)
    weights = request.method == "POST" and _weights_shown(request)
    context = _grid_context(rows, review, weights=weights) | {
        "filing": filing,
        "header": header,
        "version": version,
        "conflict": conflict,
        "their_changes": their_changes(filing, version, conflict.current) if conflict else [],
        "invalid": _invalid_summary(header, rows) if invalid else "",
        "project": project,
        "remarks": reviewer_remarks(filing),
    }
    return page(request, "filings/project_edit.html", context, status=status)


def their_changes(filing: Filing, loaded_version: int, current: Filing) -> list[str]:
    """Say what changed between the version the user loaded and the one saved meanwhile.

    A conflict page that only says "someone saved" leaves the user comparing two tables
    by eye; this names the fields and rows to check before saving again.
    """
    loaded = (
        filing.revisions.filter(version=loaded_version, snapshot__isnull=False)
        .order_by("-id")
        .first()
    )
    if loaded is None:
        return []
    diff = diff_projects(loaded.snapshot, current.data)
    changes = [change.label for change in diff.fields]
    for row in diff.rows:
        name = (row.new or row.old or {}).get("name") or ""
        if row.kind == "added":
            changes.append(f"新增第{row.new_index + 1}行 {name}")
        elif row.kind == "removed":
            changes.append(f"删除原第{row.old_index + 1}行 {name}")
        else:
            cells = "、".join(cell.label for cell in row.cells)
            changes.append(f"第{row.new_index + 1}行 {name}：{cells}")
    return changes


def _invalid_summary(header: HeaderForm, rows: list[GridRow]) -> str:
    """Say at the top of the page why nothing was saved and where to look."""
    places = [str(header.fields[name].label) for name in header.errors if name in header.fields]
    places += [f"第{i}行" for i, row in enumerate(rows, start=1) if row.errors]
    where = "、".join(places[:6]) + ("等" if len(places) > 6 else "")
    return f"未保存：{where or '表格'}填写有误，请按标红处的提示改正后再保存。"


def reviewer_remarks(filing: Filing) -> dict[str, Any]:
    """Return what reviewers said (the last return reason, row comments) to show while fixing."""
    last_return = None
    if filing.status == Status.RETURNED:
        returns = filing.revisions.filter(action="return").select_related("user")
        last_return = returns.order_by("-id").first()
    comments = filing.comments.select_related("author").order_by("indicator_index", "id")
    return {"last_return": last_return, "comments": list(comments)}


def _stored_review(request: HttpRequest, filing: Filing, rows: list[GridRow]) -> dict[str, Any]:
    findings = present_findings(filing.findings, request.user)
    result = Review(findings=findings, score=filing.score, grade=filing.grade)
    return _summarise(result, rows, errors={})


def _summarise(result: Review, rows: list[GridRow], errors: dict) -> dict[str, Any]:
    """Return the review grouped for the findings panel: by row (with its name), then the rest."""
    by_row, general = group_findings(result.findings, len(rows))
    return {
        "result": result,
        "by_row": by_row,
        "panel": _panel(by_row, general, rows),
        "header_errors": errors,
        "row_errors": [(i + 1, row) for i, row in enumerate(rows) if row.errors],
        "counts": _counts(result.findings),
    }


def _panel(
    by_row: dict[int, list[dict[str, Any]]], general: list[dict[str, Any]], rows: list[GridRow]
) -> list[tuple[int | None, str, dict[str, Any]]]:
    """Return (row number or None, row name, finding) worst first, then in table order."""
    items = [(None, "", f) for f in general]
    items += [(i + 1, rows[i].name, f) for i in sorted(by_row) for f in by_row[i]]
    rank = {"error": 0, "warning": 1, "info": 2}
    return sorted(items, key=lambda item: rank.get(item[2].get("severity"), 3))


def _counts(findings: list[dict[str, Any]]) -> dict[str, int]:
    counts = {"error": 0, "warning": 0, "info": 0}
    for finding in findings:
        counts[finding.get("severity", "info")] = counts.get(finding.get("severity"), 0) + 1
    return counts


def _grid_context(
    rows: list[GridRow], review: dict[str, Any], *, weights: bool = False
) -> dict[str, Any]:
    worst = {i: _worst(findings) for i, findings in review["by_row"].items()}
    return {
        "rows": rows,
        "review": review,
        # 分值 is a column only for tables that print weights, or once the user adds it.
        "show_weight": weights or any(row.weight for row in rows),
        "row_states": [(i, row, worst.get(i)) for i, row in enumerate(rows)],
        "level1_choices": LEVEL1_CHOICES,
        "level2_groups": list(LEVEL2_CHOICES.items()),
        "level2_all": {c for group in LEVEL2_CHOICES.values() for c in group},
        "direction_choices": DIRECTION_CHOICES,
    }


def _worst(findings: list[dict[str, Any]]) -> str | None:
    severities = {f.get("severity") for f in findings}
    for severity in ("error", "warning", "info"):
        if severity in severities:
            return severity
    return None


def _version(value: str | None, default: int) -> int:
    try:
        return int(value) if value else default
    except ValueError:
        return default
