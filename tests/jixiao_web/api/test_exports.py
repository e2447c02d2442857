"""Export endpoints: one project or the filtered list, in every exporter's format."""

from __future__ import annotations

import csv
import io

import openpyxl
import pytest

from jixiao_web.filings import actions
from tests.jixiao_web.conftest import api_client, seed_document


def test_it_exports_a_project_as_a_workbook(draft, unit_clerk):
    response = api_client(unit_clerk).get(f"/api/projects/{draft.pk}/export?format=xlsx")
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    cells = {str(c.value) for sheet in workbook for row in sheet.iter_rows() for c in row}
    assert draft.name in cells


@pytest.mark.parametrize("fmt", ["docx", "json", "csv"])
def test_it_exports_in_each_format(draft, unit_clerk, fmt):
    response = api_client(unit_clerk).get(f"/api/projects/{draft.pk}/export", {"format": fmt})
    assert response.status_code == 200
    assert len(response.content) > 100


def test_it_exports_the_filtered_list_as_csv(unit_clerk, tree):
    filings = actions.do_create_from_document(seed_document("002"), unit_clerk, tree.unit)
    assert len(filings) > 1
    actions.do_submit(filings[0], unit_clerk)
    response = api_client(unit_clerk).get("/api/export", {"format": "csv", "status": "draft"})
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    cells = {cell for row in rows for cell in row}
    assert filings[-1].name in cells
    assert filings[0].name not in cells
