"""The CSV/TSV reader: a workbook saved as CSV reads as the workbook does."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import openpyxl
import pytest

from jixiao.errors import ReadError
from jixiao.importers import read_bytes
from jixiao.importers.numformat import format_value
from jixiao.interchange import to_dict
from tests.conftest import FIXTURES
from tests.jixiao.importers.test_fixtures import MIN_ACCURACY, _expected, compare

WORKBOOKS = sorted((FIXTURES / "xlsx").glob("*.xlsx"))


def saved_as_csv(path: Path, delimiter: str = ",") -> str:
    """Given a workbook, return its sheets as Excel's "save as CSV" writes them, one after
    another: the shown text of each cell, merged cells empty but the first."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    for sheet in openpyxl.load_workbook(path).worksheets:
        for row in sheet.iter_rows():
            writer.writerow(
                ["" if c.value is None else format_value(c.value, c.number_format) for c in row]
            )
        writer.writerow([])
    return out.getvalue()


@pytest.mark.parametrize("path", WORKBOOKS, ids=lambda p: p.stem)
@pytest.mark.parametrize(("delimiter", "suffix"), [(",", ".csv"), ("\t", ".tsv"), ("\t", ".csv")])
def test_a_workbook_saved_as_csv_reads_like_the_workbook(path, delimiter, suffix):
    data = saved_as_csv(path, delimiter).encode("utf-8-sig")
    actual = to_dict(read_bytes(data, path.stem + suffix))
    expected = _expected(path)
    expected["source"] = path.stem + suffix
    result = compare.score(expected, actual, verbose=True)
    assert result["accuracy"] >= MIN_ACCURACY, "\n".join(result["misses"][:20])


def test_quoted_cells_keep_commas_and_line_breaks_and_gbk_is_decoded():
    text = (
        "项目名称,档案数字化\n"
        '年度目标,"1.完成扫描，建库。\n2.提高利用率。"\n'
        "一级指标,二级指标,三级指标,指标值\n"
        '产出指标,数量指标,"扫描页数,含档案目录",≥10万页\n'
    )
    project = read_bytes(text.encode("gb18030"), "表.csv").projects[0]
    assert project.goals == ["1.完成扫描，建库。", "2.提高利用率。"]
    assert project.indicators[0].name == "扫描页数,含档案目录"
    assert project.indicators[0].location.line == 5  # the record's first line


def test_warnings_name_the_cell():
    text = "项目名称,档案数字化,,全县档案馆藏\n一级指标,二级指标,三级指标,指标值\n"
    document = read_bytes(text.encode(), "表.csv")
    assert [w.location.cell for w in document.warnings if "全县档案馆藏" in w.message] == ["D1"]


def test_a_field_too_large_for_csv_is_reported_with_its_line():
    text = "项目名称,档案\n" + '"' + "长" * 200_000 + '"\n'
    with pytest.raises(ReadError) as error:
        read_bytes(text.encode(), "表.csv")
    assert "第2行" in error.value.message and "表.csv" in str(error.value)


def test_a_column_of_last_years_figures_is_read_without_complaint():
    text = (
        "项目名称,档案数字化\n"
        "一级指标,二级指标,三级指标,上年目标值,指标值\n"
        "产出指标,数量指标,扫描页数,≥8万页,≥10万页\n"
    )
    document = read_bytes(text.encode(), "表.csv")
    assert document.projects[0].indicators[0].target.raw == "≥10万页"
    assert document.warnings == []
