"""The login form: Django's, saying so when the throttle refuses a username."""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError

from .throttle import LOCKED_MESSAGE, client_address, is_locked


class LoginForm(AuthenticationForm):
    error_messages: ClassVar[dict[str, str]] = {
        **AuthenticationForm.error_messages,
        "invalid_login": "用户名或密码不正确。",
        "locked": LOCKED_MESSAGE,
    }

    def clean(self):
        username = self.cleaned_data.get("username")
        if username and is_locked(username, client_address(self.request)):
            minutes = max(1, settings.LOGIN_LOCKOUT_SECONDS // 60)
            raise ValidationError(
                self.error_messages["locked"].format(minutes=minutes), code="locked"
            )
        return super().clean()
