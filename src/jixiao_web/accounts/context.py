"""Template context for the base layout on every page, error pages included.

Views render through ``filings.views.page``, which fills these itself; Django's 403, 404
and 500 pages do not, and without them the top bar lost its 导入 link and the user's role
exactly when the user needs a way on. Values are lazy, so pages that set them (or
partials that never show the top bar) do not pay for the queries.
"""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from .access import membership_of, organisations_for_filing


def layout(request: HttpRequest) -> dict[str, object]:
    user = getattr(request, "user", None)
    if not getattr(user, "is_authenticated", False):
        return {}

    def role_label() -> str:
        membership = membership_of(user)
        return membership.get_role_display() if membership else ""

    return {
        "user_role_label": SimpleLazyObject(role_label),
        "can_import": SimpleLazyObject(lambda: organisations_for_filing(user).exists()),
    }
