"""Logging in, and the throttle on repeated failures."""

from __future__ import annotations

from django.test import Client

from tests.jixiao_web.conftest import PASSWORD


def _login(client: Client, password: str):
    return client.post("/accounts/login/", {"username": "unit_clerk", "password": password})


def test_it_logs_in_with_the_right_password(unit_clerk):
    client = Client()
    response = _login(client, PASSWORD)
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(unit_clerk.pk)


def test_it_refuses_even_the_right_password_after_five_failures(unit_clerk, settings):
    client = Client()
    for _ in range(settings.LOGIN_MAX_FAILURES):
        assert _login(client, "wrong").status_code == 200
    response = _login(client, PASSWORD)
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_it_counts_failures_per_address(unit_clerk, settings):
    for _ in range(settings.LOGIN_MAX_FAILURES):
        _login(Client(REMOTE_ADDR="10.0.0.1"), "wrong")
    elsewhere = Client(REMOTE_ADDR="10.0.0.2")
    assert _login(elsewhere, PASSWORD).status_code == 302


def test_it_says_why_a_locked_username_is_refused(unit_clerk, settings):
    client = Client()
    for _ in range(settings.LOGIN_MAX_FAILURES):
        _login(client, "wrong")
    assert "登录失败次数过多" in _login(client, PASSWORD).content.decode()
