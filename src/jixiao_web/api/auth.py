"""API authentication: ``Authorization: Bearer <token>`` or the browser session (with CSRF)."""

from __future__ import annotations

from django.utils import timezone
from ninja.security import HttpBearer, django_auth

from jixiao_web.accounts.models import Token, hash_key


class BearerToken(HttpBearer):
    """Authenticate by an API token; only its SHA-256 is stored."""

    def authenticate(self, request, token: str):
        found = (
            Token.objects.select_related("user__membership__organisation")
            .filter(key_hash=hash_key(token), user__is_active=True)
            .first()
        )
        if found is None:
            return None
        # Record use at most once a minute: saves a write on every request.
        now = timezone.now()
        if found.last_used_at is None or (now - found.last_used_at).total_seconds() > 60:
            Token.objects.filter(pk=found.pk).update(last_used_at=now)
        request.user = found.user
        return found.user


AUTH = [BearerToken(), django_auth]
