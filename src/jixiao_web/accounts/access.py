"""Who may see and do what: the only way views and the API obtain filings.

A user sees the filings of their organisation and of everything below it in the tree
(a 填报人 their unit, a 主管部门审核人 their department's units, a 财政审核人 the whole
bureau). What they may do to a visible filing depends on their role and its status,
written as data in ``PERMISSIONS`` and checked one condition per line in ``can``.
"""

from __future__ import annotations

from enum import StrEnum

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404

from jixiao_web.filings.models import Filing, Status

from .models import Membership, Organisation, Role


class Action(StrEnum):
    VIEW = "view"
    EDIT = "edit"
    DELETE = "delete"
    SUBMIT = "submit"
    RETURN = "return"
    APPROVE = "approve"
    PUBLISH = "publish"
    COMMENT = "comment"
    DECIDE = "decide"


_ANY_ROLE = frozenset(Role)
_UNIT = frozenset({Role.UNIT_CLERK, Role.ADMIN})
_REVIEWERS = frozenset({Role.DEPT_REVIEWER, Role.FINANCE_REVIEWER, Role.ADMIN})
_FINANCE = frozenset({Role.FINANCE_REVIEWER, Role.ADMIN})
_EDITABLE = frozenset({Status.DRAFT, Status.RETURNED})

# action → (roles that may do it, statuses in which it may be done)
PERMISSIONS: dict[Action, tuple[frozenset[Role], frozenset[Status]]] = {
    Action.VIEW: (_ANY_ROLE, frozenset(Status)),
    Action.EDIT: (_UNIT, _EDITABLE),
    Action.DELETE: (_UNIT, frozenset({Status.DRAFT})),
    Action.SUBMIT: (_UNIT, _EDITABLE),
    Action.RETURN: (_REVIEWERS, frozenset({Status.SUBMITTED})),
    Action.APPROVE: (_FINANCE, frozenset({Status.SUBMITTED})),
    Action.PUBLISH: (_FINANCE, frozenset({Status.APPROVED})),
    Action.COMMENT: (_ANY_ROLE, frozenset(Status) - {Status.PUBLISHED}),
    Action.DECIDE: (_REVIEWERS, frozenset({Status.SUBMITTED})),
}


def membership_of(user) -> Membership | None:
    """Return the user's membership, or None for anonymous users and users outside the tree."""
    if not getattr(user, "is_authenticated", False):
        return None
    try:
        return user.membership
    except Membership.DoesNotExist:
        return None


def organisations_visible_to(user) -> QuerySet[Organisation]:
    """Return the user's organisation and everything below it (nothing outside the tree)."""
    membership = membership_of(user)
    if membership is None:
        return Organisation.objects.none()
    return Organisation.objects.filter(path__startswith=membership.organisation.path)


def organisations_for_filing(user) -> QuerySet[Organisation]:
    """Return the budget units the user may create (import) filings for."""
    membership = membership_of(user)
    if membership is None:
        return Organisation.objects.none()
    if membership.role not in _UNIT:
        return Organisation.objects.none()
    return organisations_visible_to(user).filter(kind="unit")


def projects_visible_to(user) -> QuerySet[Filing]:
    """Return the filings the user may read, with their organisation joined."""
    membership = membership_of(user)
    if membership is None:
        return Filing.objects.none()
    path = membership.organisation.path
    return Filing.objects.filter(organisation__path__startswith=path).select_related("organisation")


def get_project_for_user(user, pk: int, *, write: bool = False) -> Filing:
    """Return filing ``pk`` if the user may see it (404 otherwise).

    With ``write``, also require that the user may edit it now (403 otherwise).
    """
    try:
        filing = projects_visible_to(user).select_related("content").get(pk=pk)
    except (Filing.DoesNotExist, ValueError, TypeError):
        raise Http404("没有找到该项目，或您无权查看。") from None
    if write and not can(user, Action.EDIT, filing):
        raise PermissionDenied("当前状态下您不能修改该项目。")
    return filing


def can(user, action: Action | str, filing: Filing) -> bool:
    """Return whether ``user`` may do ``action`` to ``filing`` in its current status."""
    membership = membership_of(user)
    if membership is None:
        return False
    if not filing.organisation.path.startswith(membership.organisation.path):
        return False
    roles, statuses = PERMISSIONS[Action(action)]
    if membership.role not in roles:
        return False
    return filing.status in statuses


def can_file_for(user, organisation: Organisation) -> bool:
    """Return whether ``user`` may create filings for ``organisation``."""
    return organisations_for_filing(user).filter(pk=organisation.pk).exists()


def allowed_actions(user, filing: Filing) -> list[Action]:
    """Return every action ``user`` may do to ``filing`` now (for showing buttons)."""
    return [action for action in Action if can(user, action, filing)]
