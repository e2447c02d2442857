"""The legacy .xls reader, on a workbook LibreOffice saved as Excel 97-2003."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from jixiao.errors import ReadError
from jixiao.importers import read, read_bytes
from jixiao.importers.xls import to_grid
from tests.conftest import EXPECTED
from tests.jixiao.importers.office import indicator_fields, read_fields

DATA = Path(__file__).parent / "data"
XLS = DATA / "seed_001.xls"
PROJECTS = json.loads((EXPECTED / "001_6cc3e34a6695b742.json").read_text(encoding="utf-8"))[
    "projects"
]


def test_every_project_sheet_reads_back():
    document = read(XLS)
    assert [p.code for p in document.projects] == [p["code"] for p in PROJECTS]
    assert [p.budget_total for p in document.projects] == [p["budget_total"] for p in PROJECTS]
    assert read_fields(document) == indicator_fields(PROJECTS)


def test_merged_ranges_become_spans_and_continued_cells():
    rows = to_grid(XLS.read_bytes(), XLS.name).rows
    title = rows[0]
    assert len(title.cells) == 1 and title.cells[0].span == 4
    continued = [row.cells[0] for row in rows if row.cells and row.cells[0].continued]
    assert continued and all(cell.text.endswith("指标") for cell in continued)


def test_budget_shows_the_sheet_format():
    rows = to_grid(XLS.read_bytes(), XLS.name).rows
    budget = next(row for row in rows if row.texts[0] == "预算数")
    assert budget.texts[1] == f"{PROJECTS[0]['budget_total']:.2f}"


def test_the_format_comes_from_the_content_not_the_name():
    document = read_bytes(XLS.read_bytes(), "绩效目标表.bin")
    assert len(document.projects) == len(PROJECTS)


@pytest.mark.parametrize("cut", [0.1, 0.5, 0.9])
def test_a_truncated_workbook_is_a_read_error(cut):
    data = XLS.read_bytes()
    with pytest.raises(ReadError, match="截断"):
        to_grid(data[: int(len(data) * cut)], "截断.xls")
