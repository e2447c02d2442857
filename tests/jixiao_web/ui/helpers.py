"""Shared helpers of the UI tests: a logged-in client, the editor's form as posted."""

from __future__ import annotations

from django.test import Client

from jixiao_web.filings import store
from jixiao_web.filings.forms import GRID_FIELDS, header_initial, rows_from_project
from jixiao_web.filings.models import Filing


def client_for(user, **kwargs) -> Client:
    """Return a test client logged in as ``user``."""
    client = Client(**kwargs)
    client.force_login(user)
    return client


def editor_post(filing: Filing, **header) -> dict[str, list[str] | str]:
    """Return the editor's form for ``filing`` as the browser would post it unchanged.

    Keyword arguments replace header fields; the grid is under ``ind-<field>`` lists.
    """
    project = store.project_of(filing)
    data: dict[str, list[str] | str] = {
        name: "" if value is None else str(value) for name, value in header_initial(project).items()
    }
    data.update({name: str(value) for name, value in header.items()})
    rows = rows_from_project(project)
    for field in GRID_FIELDS:
        data[f"ind-{field}"] = [getattr(row, field) for row in rows]
    data["ind-extra"] = [row.extra_json for row in rows]
    data["version"] = str(filing.version)
    return data
