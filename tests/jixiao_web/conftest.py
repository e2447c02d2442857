"""Web test base: an organisation tree, one persona per role, and filings built from the seeds.

Personas (style guideline 10):
- ``unit_clerk``: 填报人 of 信息中心, under 数据局, under 某市财政局
- ``dept_reviewer``: 主管部门审核人 of 数据局
- ``finance_reviewer``: 财政审核人 of 某市财政局
- ``admin``: 管理员 at 某市财政局
- ``neighbour_clerk``: 填报人 of a unit under another department of the same bureau
- ``other_county``: 填报人 in another county's tree, who must see nothing of ours
"""

from __future__ import annotations

import json
from dataclasses import dataclass

import pytest
from django.core.cache import cache
from django.test import Client

from jixiao.interchange import from_dict
from jixiao.model import Document
from jixiao_web.accounts.models import Membership, Organisation, OrgKind, Role, Token
from jixiao_web.filings import actions
from jixiao_web.filings.models import Filing
from tests.conftest import EXPECTED

PASSWORD = "correct-horse-battery"


@dataclass
class Tree:
    finance: Organisation
    dept: Organisation
    unit: Organisation
    neighbour_dept: Organisation
    neighbour_unit: Organisation
    other_finance: Organisation
    other_unit: Organisation


def _org(name: str, kind: str, parent: Organisation | None = None) -> Organisation:
    return Organisation.objects.create(name=name, kind=kind, parent=parent)


@pytest.fixture
def tree(db) -> Tree:
    finance = _org("某市财政局", OrgKind.FINANCE)
    dept = _org("某市数据和政务服务局", OrgKind.DEPARTMENT, finance)
    neighbour_dept = _org("某市行政审批局", OrgKind.DEPARTMENT, finance)
    other_finance = _org("另一县财政局", OrgKind.FINANCE)
    other_dept = _org("另一县教育局", OrgKind.DEPARTMENT, other_finance)
    return Tree(
        finance=finance,
        dept=dept,
        unit=_org("某市大数据中心", OrgKind.UNIT, dept),
        neighbour_dept=neighbour_dept,
        neighbour_unit=_org("某市政务服务中心", OrgKind.UNIT, neighbour_dept),
        other_finance=other_finance,
        other_unit=_org("另一县第一中学", OrgKind.UNIT, other_dept),
    )


def _member(django_user_model, username: str, org: Organisation, role: str):
    user = django_user_model.objects.create_user(username, password=PASSWORD)
    Membership.objects.create(user=user, organisation=org, role=role)
    return user


@pytest.fixture
def unit_clerk(tree, django_user_model):
    return _member(django_user_model, "unit_clerk", tree.unit, Role.UNIT_CLERK)


@pytest.fixture
def dept_reviewer(tree, django_user_model):
    return _member(django_user_model, "dept_reviewer", tree.dept, Role.DEPT_REVIEWER)


@pytest.fixture
def finance_reviewer(tree, django_user_model):
    return _member(django_user_model, "finance_reviewer", tree.finance, Role.FINANCE_REVIEWER)


@pytest.fixture
def admin(tree, django_user_model):
    return _member(django_user_model, "admin", tree.finance, Role.ADMIN)


@pytest.fixture
def neighbour_clerk(tree, django_user_model):
    return _member(django_user_model, "neighbour_clerk", tree.neighbour_unit, Role.UNIT_CLERK)


@pytest.fixture
def other_county(tree, django_user_model):
    return _member(django_user_model, "other_county", tree.other_unit, Role.UNIT_CLERK)


@pytest.fixture(autouse=True)
def _clear_cache():
    """The login throttle counts in the cache; start every test from zero."""
    cache.clear()
    yield
    cache.clear()


def seed_document(stem_prefix: str = "000") -> Document:
    """Return the hand-checked document of the seed whose name starts with ``stem_prefix``."""
    path = next(EXPECTED.glob(f"{stem_prefix}_*.json"))
    return from_dict(json.loads(path.read_text(encoding="utf-8")))


@pytest.fixture
def draft(unit_clerk, tree) -> Filing:
    """A draft filing of the clerk's unit: the first project of seed 000."""
    document = seed_document("000")
    document.projects = document.projects[:1]
    return actions.do_create_from_document(document, unit_clerk, tree.unit)[0]


@pytest.fixture
def submitted(draft, unit_clerk) -> Filing:
    return actions.do_submit(draft, unit_clerk)


def api_client(user) -> Client:
    """Return a test client that authenticates to the API with a fresh bearer token."""
    _, key = Token.issue(user, "tests")
    return Client(headers={"authorization": f"Bearer {key}"})
