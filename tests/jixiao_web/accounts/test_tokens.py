"""The create_token management command."""

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command
from django.test import Client


def test_it_prints_a_key_that_authenticates(draft, unit_clerk):
    out = io.StringIO()
    call_command("create_token", "unit_clerk", "--name", "脚本", stdout=out)
    client = Client(headers={"authorization": f"Bearer {out.getvalue().strip()}"})
    assert client.get("/api/projects").json()["count"] == 1


def test_it_refuses_an_unknown_user(db):
    with pytest.raises(CommandError, match="不存在"):
        call_command("create_token", "nobody")
