"""The page shown when a form comes back with a stale or missing CSRF token.

Django's own page is written for developers ("CSRF验证失败. 请求被中断."). A user meets
this after logging in again elsewhere or leaving a page open for days; tell them what
happened and what to do, in the app's layout.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    return render(request, "403_csrf.html", status=403)
