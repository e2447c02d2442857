"""Pages of the filings: the list, the standard table, workflow steps, comments, history.

Views are thin: they obtain filings only through ``accounts.access``, validate the input
with a form, call an action in ``actions.py`` and render. The table editor lives in
``editor.py``; exports in ``exporting.py``.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count, Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.timezone import localtime
from django.views.decorators.http import require_GET, require_POST

from jixiao_web.accounts.access import (
    Action,
    allowed_actions,
    get_project_for_user,
    membership_of,
    organisations_for_filing,
    organisations_visible_to,
    projects_visible_to,
)
from jixiao_web.accounts.models import Role

from . import actions, store
from .diff import diff_revisions
from .forms import CommentForm, DecisionForm, ListFilterForm, ReasonForm
from .models import Filing, Grade, Status
from .present import present_findings
from .table import build_table

PAGE_SIZE = 50
WORKFLOW = {
    "submit": actions.do_submit,
    "approve": actions.do_approve,
    "publish": actions.do_publish,
}
DONE_MESSAGES = {
    "submit": "已提交审核。",
    "return": "已退回填报单位。",
    "approve": "已审核通过。",
    "publish": "已公开。",
}


def page(request: HttpRequest, template: str, context: dict[str, Any], **kwargs) -> HttpResponse:
    """Render ``template`` with what the base layout needs (the user's role, the menu)."""
    membership = membership_of(request.user)
    context.setdefault("nav", "projects")
    context["user_role_label"] = membership.get_role_display() if membership else ""
    context["user_org"] = membership.organisation if membership else None
    if "can_import" not in context:
        context["can_import"] = _can_import(request.user)
    return render(request, template, context, **kwargs)


def is_htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true"


# --- list -----------------------------------------------------------------------------


@login_required
@require_GET
def project_list(request: HttpRequest) -> HttpResponse:
    """The projects the user may see, filtered, searched and paginated."""
    form = ListFilterForm(request.GET)
    form.is_valid()
    filters = form.cleaned_data if form.is_bound else {}
    visible = projects_visible_to(request.user)
    filings = filter_filings(request.user, visible, filters)
    # The status cards count every status under the other filters; the page count
    # follows from them, which spares the paginator its own COUNT query.
    any_status = filter_filings(request.user, visible, {**filters, "status": None})
    counts = status_counts(any_status)
    paginator = Paginator(filings, PAGE_SIZE)
    paginator.count = sum(n for value, _, n in counts if filters.get("status") in (None, "", value))
    current = paginator.get_page(request.GET.get("page"))
    filings_shown = list(current.object_list)
    context = {
        "form": form,
        "page_obj": current,
        "filings": filings_shown,
        "rows": [list_row(f) for f in filings_shown],
        # Detail links are built from this prefix: one reverse() instead of fifty.
        "list_url": reverse("filings:list"),
        "organisations": organisations_visible_to(request.user).values_list("id", "name"),
        "selected": filters,
        "years": year_choices(visible, filters.get("year")),
        "statuses": Status.choices,
        "grades": Grade.choices,
        "counts": counts,
        "todo": [] if filters.get("status") else waiting_for(request.user, counts),
        "query": _query_without_page(request),
        "query_without_status": _query_without_page(request, "status"),
        "filtered": any(
            filters.get(name) for name in ("q", "year", "organisation", "status", "grade")
        ),
        "can_import": _can_import(request.user),
        "export_formats": EXPORT_LABELS,
    }
    return page(request, "filings/project_list.html", context)


def filter_filings(user, filings: QuerySet[Filing], filters: dict[str, Any]) -> QuerySet[Filing]:
    """Given the visible filings and the cleaned filters, return the matching filings."""
    if filters.get("q"):
        q = filters["q"].strip()
        filings = filings.filter(Q(name__icontains=q) | Q(code__icontains=q))
    if filters.get("year"):
        filings = filings.filter(year=filters["year"])
    if filters.get("organisation"):
        org = organisations_visible_to(user).filter(pk=filters["organisation"]).first()
        # An organisation outside the user's tree filters to nothing, never widens.
        path = org.path if org else "/none/"
        filings = filings.filter(organisation__path__startswith=path)
    if filters.get("status"):
        filings = filings.filter(status=filters["status"])
    if filters.get("grade"):
        filings = filings.filter(grade=filters["grade"])
    return filings


def list_row(filing: Filing) -> dict[str, Any]:
    """Given a filing, return its list-table cells, formatted once here.

    Plain dicts render several times faster than model attributes in templates, which
    matters on a 50-row page under load.
    """
    budget = filing.budget_total
    return {
        "pk": filing.pk,
        "name": filing.name,
        "code": filing.code,
        "unit": filing.organisation.name,
        "year": filing.year or "—",
        "budget": "—" if budget is None else f"{budget:,.2f}",
        "indicators": filing.indicator_count,
        "errors": filing.error_count,
        "warnings": filing.warning_count,
        "grade": filing.grade,
        "score": "" if filing.score is None else f"{filing.score:.0f}",
        "status": filing.status,
        "status_label": Status(filing.status).label,
        "updated": localtime(filing.updated_at).strftime("%Y-%m-%d %H:%M"),
    }


def year_choices(filings: QuerySet[Filing], selected: int | None = None) -> list[int]:
    """Return the budget years of ``filings``, newest first, for the year filter.

    Read from the data, so a table imported for 2019 or 2031 can be found; the ``year``
    indexes make this a short index scan. A year picked in the URL stays offered even
    when nothing matches it, so the select shows what is applied.
    """
    years = set(filings.order_by().exclude(year=None).values_list("year", flat=True).distinct())
    if selected:
        years.add(selected)
    return sorted(years, reverse=True)


# What waits for each role, by status: (status, sentence with {n}). Reviewers find the
# submitted tables among their units' drafts; clerks find what came back.
WAITING = {
    Role.UNIT_CLERK: [(Status.RETURNED, "{n} 个项目被退回，需要修改后重新提交。")],
    Role.DEPT_REVIEWER: [(Status.SUBMITTED, "{n} 个项目已提交，等待审核。")],
    Role.FINANCE_REVIEWER: [
        (Status.SUBMITTED, "{n} 个项目已提交，等待审核。"),
        (Status.APPROVED, "{n} 个项目已审核通过，等待公开。"),
    ],
}
WAITING[Role.ADMIN] = WAITING[Role.FINANCE_REVIEWER]


def waiting_for(user, counts: list[tuple[str, str, int]]) -> list[tuple[str, str]]:
    """Return (status, sentence) for what waits on the user's role, from the status cards."""
    membership = membership_of(user)
    by_status = {value: n for value, _, n in counts}
    items = WAITING.get(membership.role, []) if membership else []
    return [
        (status, text.format(n=by_status[status])) for status, text in items if by_status[status]
    ]


def status_counts(filings: QuerySet[Filing]) -> list[tuple[str, str, int]]:
    """Return (status, label, count) for each status, in one query."""
    rows = dict(filings.order_by().values_list("status").annotate(n=Count("id")))
    return [(value, label, rows.get(value, 0)) for value, label in Status.choices]


def _query_without_page(request: HttpRequest, *dropped: str) -> str:
    params = [(k, v) for k, v in request.GET.items() if k not in ("page", *dropped) and v]
    return urlencode(params)


def _can_import(user) -> bool:
    return organisations_for_filing(user).exists()


# --- detail ---------------------------------------------------------------------------


@login_required
@require_GET
def project_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The standard table as published, with findings, comments and workflow buttons."""
    filing = get_project_for_user(request.user, pk)
    return page(request, "filings/project_detail.html", detail_context(request, filing))


def detail_context(request: HttpRequest, filing: Filing) -> dict[str, Any]:
    """Return everything the detail page shows for ``filing`` and the current user."""
    findings = actions.annotate_findings(
        present_findings(filing.findings, request.user), actions.decisions_by_finding(filing)
    )
    comments = list(filing.comments.select_related("author"))
    table = build_table(store.project_of(filing), findings, comments)
    allowed = set(allowed_actions(request.user, filing))
    last_return = None
    if filing.status == Status.RETURNED:
        returns = filing.revisions.filter(action="return").select_related("user")
        last_return = returns.order_by("-id").first()
    return {
        **form_urls(filing),
        "filing": filing,
        "table": table,
        "allowed": {action.value for action in allowed},
        "can_comment": Action.COMMENT in allowed,
        "general_comments": [c for c in comments if c.indicator_index is None],
        "last_return": last_return,
        "export_formats": EXPORT_LABELS,
    }


def form_urls(filing: Filing) -> dict[str, str]:
    """Return the URLs the row forms post to, reversed once per page rather than per row."""
    return {
        "comment_url": reverse("filings:comment", args=[filing.pk]),
        "decide_url": reverse("filings:decide", args=[filing.pk]),
    }


EXPORT_LABELS = (("xlsx", "Excel"), ("docx", "Word"), ("csv", "CSV"), ("json", "JSON"))


# --- workflow, comments, decisions ----------------------------------------------------


@login_required
@require_POST
def workflow(request: HttpRequest, pk: int, step: str) -> HttpResponse:
    """Submit, return (with a reason), approve or publish; refusals come back as messages."""
    filing = get_project_for_user(request.user, pk)
    if step not in DONE_MESSAGES:
        return HttpResponse(status=404)
    form = ReasonForm(request.POST, required=step == "return")
    if not form.is_valid():
        messages.error(request, form.errors["reason"][0])
        return redirect("filings:detail", pk=filing.pk)
    version = _int(request.POST.get("version"))
    reason = form.cleaned_data["reason"]
    try:
        if step == "return":
            actions.do_return(filing, request.user, reason, expected_version=version)
        else:
            WORKFLOW[step](filing, request.user, reason=reason, expected_version=version)
    except actions.ActionError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, DONE_MESSAGES[step])
    return redirect("filings:detail", pk=filing.pk)


@login_required
@require_POST
def delete(request: HttpRequest, pk: int) -> HttpResponse:
    """Delete a draft (a wrong import, say) with its history; refused for anything else."""
    filing = get_project_for_user(request.user, pk)
    name = filing.name or f"项目 {filing.pk}"
    actions.do_delete(filing, request.user)
    messages.success(request, f"已删除草稿“{name}”。")
    return redirect("filings:list")


@login_required
@require_POST
def comment(request: HttpRequest, pk: int) -> HttpResponse:
    """Add a comment on the table or one row; htmx gets the row's comment list back."""
    filing = get_project_for_user(request.user, pk)
    form = CommentForm(request.POST)
    error = None
    if form.is_valid():
        try:
            actions.do_comment(
                filing,
                request.user,
                form.cleaned_data["text"],
                indicator_index=form.cleaned_data["indicator"],
            )
        except actions.ActionError as refused:
            error = refused.message
    else:
        error = next(iter(form.errors.values()))[0]
    if not is_htmx(request):
        if error:
            messages.error(request, error)
        return redirect("filings:detail", pk=filing.pk)
    index = form.cleaned_data.get("indicator") if form.is_valid() else None
    comments = filing.comments.filter(indicator_index=index).select_related("author")
    context = {"filing": filing, "comments": comments, "index": index, "error": error}
    context.update(form_urls(filing))
    context["can_comment"] = Action.COMMENT in allowed_actions(request.user, filing)
    return render(request, "filings/comments_partial.html", context)


@login_required
@require_POST
def decide(request: HttpRequest, pk: int) -> HttpResponse:
    """Accept or dismiss one finding with a reason; htmx gets the finding back."""
    filing = get_project_for_user(request.user, pk)
    form = DecisionForm(request.POST)
    error = None
    if form.is_valid():
        data = form.cleaned_data
        try:
            actions.do_decide_finding(
                filing,
                request.user,
                data["rule"],
                data["indicator"],
                data["decision"],
                data["reason"],
            )
        except actions.ActionError as refused:
            error = refused.message
    else:
        error = next(iter(form.errors.values()))[0]
    if not is_htmx(request):
        if error:
            messages.error(request, error)
        return redirect("filings:detail", pk=filing.pk)
    return _finding_fragment(request, filing, request.POST, error)


def _finding_fragment(
    request: HttpRequest, filing: Filing, post, error: str | None
) -> HttpResponse:
    filing.refresh_from_db()
    findings = actions.annotate_findings(
        present_findings(filing.findings, request.user), actions.decisions_by_finding(filing)
    )
    index = _int(post.get("indicator"))
    match = [f for f in findings if f["rule"] == post.get("rule") and f["indicator"] == index]
    context = {
        **form_urls(filing),
        "filing": filing,
        "f": match[0] if match else None,
        "error": error,
        "allowed": {a.value for a in allowed_actions(request.user, filing)},
    }
    return render(request, "filings/finding_partial.html", context)


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value not in (None, "") else None
    except ValueError:
        return None


# --- history --------------------------------------------------------------------------


@login_required
@require_GET
def history(request: HttpRequest, pk: int) -> HttpResponse:
    """The timeline of revisions and a side-by-side diff of any two of them."""
    filing = get_project_for_user(request.user, pk)
    revisions = list(filing.revisions.select_related("user").order_by("-id"))
    by_id = {str(r.pk): r for r in revisions}
    changing = [r for r in revisions if r.action in ("create", "update")]
    default_new = changing[0] if changing else (revisions[0] if revisions else None)
    default_old = changing[1] if len(changing) > 1 else (revisions[-1] if revisions else None)
    old = by_id.get(request.GET.get("a", ""), default_old)
    new = by_id.get(request.GET.get("b", ""), default_new)
    diff = diff_revisions(old, new) if old and new else None
    context = {
        "filing": filing,
        "revisions": revisions,
        "old": old,
        "new": new,
        "diff": diff,
        "unchanged_since_created": len(changing) < 2,
    }
    return page(request, "filings/history.html", context)
