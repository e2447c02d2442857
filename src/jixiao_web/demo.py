"""Demo data: an organisation tree, one user per role, and the seed documents in every status.

``load_demo()`` is idempotent: the first call builds everything and writes the users'
generated passwords to ``demo_users.txt`` in the data dir (owner-only); later calls
only return them, so ``jixiao serve --demo`` can print them on every start.
"""

from __future__ import annotations

import json
import os
import secrets
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction

from jixiao.errors import ReadError
from jixiao.importers import read
from jixiao_web.accounts.models import Membership, Organisation, OrgKind, Role
from jixiao_web.filings import actions
from jixiao_web.filings.models import Filing

DEMO_DATA = Path(__file__).parent / "demo_data"
ROOT_NAME = "某市财政局（演示）"


@dataclass(frozen=True, slots=True)
class DemoUser:
    username: str
    password: str
    role: str
    organisation: str


# (username, role, organisation key, full name)
USERS: tuple[tuple[str, Role, str, str], ...] = (
    ("tianbao", Role.UNIT_CLERK, "data_unit", "张填报"),
    ("zhongxin", Role.UNIT_CLERK, "centre", "陈中心"),
    ("shenpi", Role.UNIT_CLERK, "approval_unit", "王审批"),
    ("bumen", Role.DEPT_REVIEWER, "data_dept", "李部门"),
    ("caizheng", Role.FINANCE_REVIEWER, "finance", "赵财政"),
    ("admin", Role.ADMIN, "finance", "系统管理员"),
    ("linxian", Role.UNIT_CLERK, "other_unit", "邻县用户"),
)

# Seed file prefix → (unit key, username who files it).
SEEDS: dict[str, tuple[str, str]] = {
    "000": ("data_unit", "tianbao"),
    "001": ("centre", "zhongxin"),
    "002": ("approval_unit", "shenpi"),
    "003": ("approval_unit", "shenpi"),
    "004": ("approval_unit", "shenpi"),
}


def users_file() -> Path:
    return Path(settings.DATA_DIR) / "demo_users.txt"


def load_demo() -> list[DemoUser]:
    """Build the demo once; return the demo users with their passwords."""
    built = Organisation.objects.filter(name=ROOT_NAME).exists()
    if built and users_file().exists():
        return _read_users()
    with transaction.atomic():
        orgs = _existing_tree() if built else _build_tree()
        # Without the users file the passwords are unknown: issue new ones.
        users = _create_users(orgs)
        if not built:
            _load_seeds(orgs, {u.username: u for u in get_user_model().objects.all()})
    _write_users(users)
    return users


# Organisation key → (name, kind, parent key), parents first.
TREE: dict[str, tuple[str, str, str | None]] = {
    "finance": (ROOT_NAME, OrgKind.FINANCE, None),
    "data_dept": ("某市数据和政务服务局", OrgKind.DEPARTMENT, "finance"),
    "data_unit": ("某市数据和政务服务局（本级）", OrgKind.UNIT, "data_dept"),
    "centre": ("某市大数据中心", OrgKind.UNIT, "data_dept"),
    "approval_dept": ("某市行政审批局", OrgKind.DEPARTMENT, "finance"),
    "approval_unit": ("某市行政审批局（本级）", OrgKind.UNIT, "approval_dept"),
    "other_finance": ("邻县财政局（演示）", OrgKind.FINANCE, None),
    "other_dept": ("邻县教育局", OrgKind.DEPARTMENT, "other_finance"),
    "other_unit": ("邻县第一中学", OrgKind.UNIT, "other_dept"),
}


def _build_tree() -> dict[str, Organisation]:
    orgs: dict[str, Organisation] = {}
    for key, (name, kind, parent) in TREE.items():
        orgs[key] = Organisation.objects.create(
            name=name, kind=kind, parent=orgs[parent] if parent else None
        )
    return orgs


def _existing_tree() -> dict[str, Organisation]:
    by_name = {
        o.name: o for o in Organisation.objects.filter(name__in=[v[0] for v in TREE.values()])
    }
    return {key: by_name[name] for key, (name, _, _) in TREE.items()}


def _create_users(orgs: dict[str, Organisation]) -> list[DemoUser]:
    model = get_user_model()
    out = []
    for username, role, key, full_name in USERS:
        password = secrets.token_urlsafe(9)
        user = model.objects.filter(username=username).first() or model(username=username)
        user.first_name = full_name
        user.is_staff = user.is_superuser = role == Role.ADMIN
        user.set_password(password)
        user.save()
        Membership.objects.update_or_create(
            user=user, defaults={"organisation": orgs[key], "role": role}
        )
        out.append(DemoUser(username, password, role.label, orgs[key].name))
    return out


def _load_seeds(orgs: dict[str, Organisation], users: dict) -> None:
    for path in sorted(DEMO_DATA.glob("*.txt")):
        unit_key, username = SEEDS.get(path.name[:3], ("data_unit", "tianbao"))
        try:
            document = read(path)
        except ReadError as error:
            print(f"演示数据：跳过无法读取的文件 {error}")
            continue
        filings = actions.do_create_from_document(document, users[username], orgs[unit_key])
        _vary_statuses(filings, users[username], users["caizheng"])


def _vary_statuses(filings: list[Filing], clerk, reviewer) -> None:
    """Leave the first filings as drafts, then walk later ones through the workflow."""
    steps = ["draft", "submitted", "returned", "approved", "published", "submitted"]
    for filing, step in zip(filings, steps * len(filings), strict=False):
        if step == "draft":
            continue
        filing = actions.do_submit(filing, clerk)
        if step == "returned":
            actions.do_return(
                filing, reviewer, "请将定性指标改为可衡量的定量指标，并补充满意度指标。"
            )
        elif step in ("approved", "published"):
            filing = actions.do_approve(filing, reviewer)
            if step == "published":
                actions.do_publish(filing, reviewer)


def _write_users(users: list[DemoUser]) -> None:
    path = users_file()
    path.unlink(missing_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        json.dump([_as_dict(u) for u in users], handle, ensure_ascii=False)


def _as_dict(user: DemoUser) -> dict[str, str]:
    return {
        "username": user.username,
        "password": user.password,
        "role": user.role,
        "organisation": user.organisation,
    }


def _read_users() -> list[DemoUser]:
    return [DemoUser(**item) for item in json.loads(users_file().read_text(encoding="utf-8"))]


def format_users(users: list[DemoUser]) -> str:
    """Return the users as a table for the terminal."""
    lines = ["演示账号（用户名 / 密码 / 角色 / 机构）："]
    lines += [f"  {u.username:<10} {u.password:<14} {u.role}  {u.organisation}" for u in users]
    return "\n".join(lines)
