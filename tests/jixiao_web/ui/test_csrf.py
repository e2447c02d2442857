"""Every form post needs the CSRF token; the pages (and htmx, via hx-headers) carry it."""

from __future__ import annotations

import re

from jixiao_web.filings.models import Filing, Status

from .helpers import client_for


def _token(html: str) -> str:
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)


def test_a_post_without_the_token_is_refused(draft, unit_clerk):
    client = client_for(unit_clerk, enforce_csrf_checks=True)
    response = client.post(f"/{draft.pk}/workflow/submit/")
    assert response.status_code == 403
    assert Filing.objects.get(pk=draft.pk).status == Status.DRAFT


def test_a_post_with_the_pages_token_goes_through(draft, unit_clerk):
    client = client_for(unit_clerk, enforce_csrf_checks=True)
    token = _token(client.get(f"/{draft.pk}/").content.decode())
    client.post(f"/{draft.pk}/workflow/submit/", {"csrfmiddlewaretoken": token})
    assert Filing.objects.get(pk=draft.pk).status == Status.SUBMITTED


def test_htmx_requests_send_the_token_as_a_header(draft, unit_clerk):
    client = client_for(unit_clerk, enforce_csrf_checks=True)
    html = client.get(f"/{draft.pk}/").content.decode()
    header = re.search(r"hx-headers='\{\"X-CSRFToken\": \"([^\"]+)\"\}'", html).group(1)
    response = client.post(
        f"/{draft.pk}/comment/",
        {"text": "请核对", "indicator": 0},
        HTTP_HX_REQUEST="true",
        HTTP_X_CSRFTOKEN=header,
    )
    assert response.status_code == 200
    assert "请核对" in response.content.decode()


def test_a_refused_post_explains_itself_in_chinese_within_the_app(draft, unit_clerk):
    client = client_for(unit_clerk, enforce_csrf_checks=True)
    html = client.post(f"/{draft.pk}/workflow/submit/").content.decode()
    assert "页面已过期，操作没有执行" in html and "没有保存任何内容" in html
    assert 'class="topbar"' in html and "CSRF验证失败" not in html


def test_the_token_in_the_cookie_is_accepted_as_app_js_sends_it(draft, unit_clerk):
    client = client_for(unit_clerk, enforce_csrf_checks=True)
    client.get(f"/{draft.pk}/")  # sets the cookie
    token = client.cookies["csrftoken"].value
    client.post(f"/{draft.pk}/workflow/submit/", {"csrfmiddlewaretoken": token})
    assert Filing.objects.get(pk=draft.pk).status == Status.SUBMITTED
