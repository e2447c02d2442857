"""The create_token management command."""

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from jixiao_web.accounts.models import Token


def test_it_prints_a_key_that_authenticates(draft, unit_clerk):
    out = io.StringIO()
    call_command("create_token", "unit_clerk", "--name", "脚本", stdout=out)
    client = Client(headers={"authorization": f"Bearer {out.getvalue().strip()}"})
    assert client.get("/api/projects").json()["count"] == 1


def test_it_refuses_an_unknown_user(db):
    with pytest.raises(CommandError, match="不存在"):
        call_command("create_token", "nobody")


def test_the_admin_issues_a_token_and_shows_its_key_once(admin, unit_clerk):
    admin.is_staff = admin.is_superuser = True
    admin.save()
    client = Client()
    client.force_login(admin)
    response = client.post(
        "/admin/accounts/token/add/", {"user": unit_clerk.pk, "name": "导出脚本"}, follow=True
    )
    [message] = [str(m) for m in response.context["messages"] if "新令牌" in str(m)]
    key = message.rsplit("：", 1)[1]
    token = Token.objects.get(user=unit_clerk)
    assert key.startswith(token.prefix) and token.name == "导出脚本"
