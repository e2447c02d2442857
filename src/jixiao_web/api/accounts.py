"""Who the caller is, and the organisations they may see (for the list filters)."""

from __future__ import annotations

from ninja import Router
from pydantic import BaseModel

from jixiao_web.accounts.access import membership_of, organisations_visible_to

router = Router(tags=["用户与机构"])


class OrganisationNode(BaseModel):
    id: int
    name: str
    code: str
    kind: str
    parent: int | None


class Me(BaseModel):
    username: str
    name: str
    role: str | None
    role_label: str | None
    organisation: OrganisationNode | None


def _node(org) -> dict:
    return {
        "id": org.pk,
        "name": org.name,
        "code": org.code,
        "kind": org.kind,
        "parent": org.parent_id,
    }


@router.get("/me", response=Me, summary="当前用户")
def me(request):
    """Return the caller's name, role and organisation."""
    membership = membership_of(request.user)
    return {
        "username": request.user.username,
        "name": request.user.get_full_name(),
        "role": membership.role if membership else None,
        "role_label": membership.get_role_display() if membership else None,
        "organisation": _node(membership.organisation) if membership else None,
    }


@router.get("/organisations", response=list[OrganisationNode], summary="可见机构")
def organisations(request):
    """Return the caller's organisation and every organisation below it, tree order."""
    return [_node(org) for org in organisations_visible_to(request.user)]
