"""Every project page refuses outsiders: another unit or county can neither read nor change.

Walks all routes of ``filings/urls.py`` that take a project id, so a page added later is
covered without editing this test.
"""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import URLPattern, reverse

from jixiao_web.filings import urls as filing_urls
from jixiao_web.filings.models import Filing

ARGUMENTS = {"fmt": "xlsx", "step": "submit"}


def _project_routes() -> list[URLPattern]:
    return [p for p in filing_urls.urlpatterns if "pk" in p.pattern.converters]


def _url(route: URLPattern, pk: int) -> str:
    kwargs = {"pk": pk, **{k: v for k, v in ARGUMENTS.items() if k in route.pattern.converters}}
    return reverse(f"filings:{route.name}", kwargs=kwargs)


def _state(filing: Filing) -> tuple:
    filing.refresh_from_db()
    return (filing.status, filing.version, filing.data, filing.comments.count())


@pytest.mark.parametrize("route", _project_routes(), ids=lambda r: r.name)
@pytest.mark.parametrize("persona", ["other_county", "neighbour_clerk"])
def test_it_refuses_outsiders_on_every_project_page(route, persona, draft, request):
    client = Client()
    client.force_login(request.getfixturevalue(persona))
    before = _state(draft)
    url = _url(route, draft.pk)
    form = {"version": draft.version, "text": "x", "reason": "x", "name": "篡改"}
    assert client.get(url).status_code in (403, 404, 405)
    assert client.post(url, form).status_code in (403, 404, 405)
    assert _state(draft) == before


def test_it_leaves_other_units_out_of_the_list(draft, other_county, neighbour_clerk):
    for outsider in (other_county, neighbour_clerk):
        client = Client()
        client.force_login(outsider)
        page = client.get(reverse("filings:list")).content.decode()
        assert draft.name not in page


def test_it_sends_anonymous_visitors_to_the_login_page(draft):
    response = Client().get(reverse("filings:detail", kwargs={"pk": draft.pk}))
    assert response.status_code == 302
    assert reverse("login") in response["Location"]
