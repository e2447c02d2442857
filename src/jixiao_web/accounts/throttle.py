"""Login throttling: refuse a username from an address after repeated failures.

The counter lives in Django's cache, keyed by username and client address, so a
guessing attack on one account is slowed without locking the real user out elsewhere.
"""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.dispatch import receiver

LOCKED_MESSAGE = "登录失败次数过多，请{minutes}分钟后再试。"


def client_address(request) -> str:
    """Return the request's client address (REMOTE_ADDR; no proxy headers are trusted)."""
    return (request.META.get("REMOTE_ADDR") or "") if request is not None else ""


def _key(username: str, address: str) -> str:
    digest = hashlib.sha256(f"{username.lower()}|{address}".encode()).hexdigest()
    return f"login-failures:{digest}"


def is_locked(username: str, address: str) -> bool:
    """Return whether ``username`` has failed too often from ``address`` lately."""
    return cache.get(_key(username, address), 0) >= settings.LOGIN_MAX_FAILURES


def record_failure(username: str, address: str) -> None:
    key = _key(username, address)
    cache.add(key, 0, settings.LOGIN_LOCKOUT_SECONDS)
    try:
        cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, settings.LOGIN_LOCKOUT_SECONDS)


def reset(username: str, address: str) -> None:
    cache.delete(_key(username, address))


class ThrottledModelBackend(ModelBackend):
    """Django's model backend that refuses to check passwords for a locked username."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if username and is_locked(username, client_address(request)):
            minutes = max(1, settings.LOGIN_LOCKOUT_SECONDS // 60)
            raise PermissionDenied(LOCKED_MESSAGE.format(minutes=minutes))
        return super().authenticate(request, username=username, password=password, **kwargs)


@receiver(user_login_failed)
def _count_failure(sender, credentials, request=None, **kwargs) -> None:
    username = credentials.get("username")
    if username:
        record_failure(username, client_address(request))


@receiver(user_logged_in)
def _clear_failures(sender, request, user, **kwargs) -> None:
    reset(user.get_username(), client_address(request))
