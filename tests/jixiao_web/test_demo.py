"""The demo loader: a tree, one user per role, the seeds in every status, loaded once."""

from __future__ import annotations

from django.contrib.auth import authenticate

from jixiao_web.accounts.access import projects_visible_to
from jixiao_web.demo import load_demo, users_file
from jixiao_web.filings.models import Filing, Status


def test_it_loads_the_demo_once(db, settings, tmp_path):
    settings.DATA_DIR = tmp_path
    users = load_demo()
    assert {u.role for u in users} == {"填报人", "主管部门审核人", "财政审核人", "管理员"}
    assert set(Filing.objects.values_list("status", flat=True)) == set(Status)
    count = Filing.objects.count()
    assert load_demo() == users
    assert Filing.objects.count() == count
    assert users_file().stat().st_mode & 0o077 == 0


def test_its_users_log_in_and_see_their_part_of_the_tree(db, settings, tmp_path):
    settings.DATA_DIR = tmp_path
    users = {u.username: u for u in load_demo()}
    logged = {name: authenticate(username=name, password=u.password) for name, u in users.items()}
    assert all(logged.values())
    visible = {name: projects_visible_to(user).count() for name, user in logged.items()}
    assert visible["linxian"] == 0
    assert visible["caizheng"] == visible["admin"] == Filing.objects.count()
    assert 0 < visible["tianbao"] < visible["bumen"] < visible["caizheng"]
