"""The .xlsx reader: merged ranges, every sheet, numbers and dates as the sheet shows them."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl
import pytest

from jixiao.errors import ReadError
from jixiao.importers import read_bytes
from jixiao.importers.xlsx import to_grid
from tests.conftest import expected_for, seed_paths
from tests.jixiao.importers.office import indicator_fields, project_xlsx, read_fields

SEED_PROJECTS = [expected_for(path)["projects"] for path in seed_paths()]


def _bytes(workbook) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _sheet() -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "绩效目标表"
    sheet["A1"] = "项目支出绩效目标表"
    sheet.merge_cells("A1:D1")
    sheet["A3"] = "产出指标"
    sheet.merge_cells("A3:A5")
    for row in (3, 4, 5):
        sheet.cell(row, 2, f"名称{row}")
    sheet["C3"] = 28.750000001
    sheet["C3"].number_format = "0.00"
    sheet["C4"] = 0.955
    sheet["C4"].number_format = "0.0%"
    sheet["C5"] = dt.datetime(2025, 6, 30)  # noqa: DTZ001 (Excel dates are naive)
    sheet["C5"].number_format = 'yyyy"年"m"月"d"日"'
    sheet["D3"] = 1234.5
    sheet["D3"].number_format = "#,##0.00"
    sheet["D4"] = 3.3000000000000003
    workbook.create_sheet("第二张")["B2"] = "另一张表"
    return _bytes(workbook)


def test_a_merged_title_is_one_cell_spanning_its_columns():
    first = to_grid(_sheet(), "表.xlsx").rows[0]
    assert [(c.text, c.span) for c in first.cells] == [("项目支出绩效目标表", 4)]


def test_a_vertical_merge_repeats_its_text_marked_continued():
    rows = to_grid(_sheet(), "表.xlsx").rows[1:4]
    assert [(r.cells[0].text, r.cells[0].continued) for r in rows] == [
        ("产出指标", False),
        ("产出指标", True),
        ("产出指标", True),
    ]


def test_numbers_and_dates_read_as_the_sheet_shows_them():
    rows = to_grid(_sheet(), "表.xlsx").rows[1:4]
    assert rows[0].texts == ["产出指标", "名称3", "28.75", "1,234.50"]
    assert rows[1].texts == ["产出指标", "名称4", "95.5%", "3.3"]
    assert rows[2].texts == ["产出指标", "名称5", "2025年6月30日"]


def test_every_sheet_is_read_as_its_own_table_with_its_name():
    rows = to_grid(_sheet(), "表.xlsx").rows
    last = rows[-1]
    assert last.table == 2
    assert last.texts == ["", "另一张表"]
    assert str(last.cells[1].location) == "工作表“第二张” 单元格B2"


def test_empty_rows_are_left_out():
    rows = to_grid(_sheet(), "表.xlsx").rows
    assert all(any(row.texts) for row in rows)
    assert [row.location.line for row in rows[:2]] == [1, 3]


@pytest.mark.parametrize("projects", SEED_PROJECTS, ids=lambda p: p[0]["name"][:6])
def test_seed_projects_read_back_from_excel(projects):
    noisy = project_xlsx(projects, number=lambda amount: amount + 1e-9)
    document = read_bytes(noisy, "绩效目标表.xlsx")
    assert [p.code for p in document.projects] == [p["code"] for p in projects]
    assert [p.budget_total for p in document.projects] == [p["budget_total"] for p in projects]
    assert read_fields(document) == indicator_fields(projects)


def test_formula_cells_read_their_cached_value():
    workbook = openpyxl.Workbook()
    workbook.active["A1"] = "=1+1"
    grid = to_grid(_bytes(workbook), "公式.xlsx")
    # openpyxl stores no cached result: the cell shows nothing rather than the formula.
    assert grid.rows == []


def test_a_damaged_workbook_is_a_read_error_naming_the_file():
    data = _sheet()
    with pytest.raises(ReadError, match="坏"):
        to_grid(data[: len(data) // 2], "坏.xlsx")


# --- Hidden sheets, rows and columns ------------------------------------------------------


def _hidden_parts() -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "目标表"
    sheet["A1"] = "项目支出绩效目标表"
    sheet.merge_cells("A1:D1")
    for column, text in enumerate(["三级指标", "上年指标值", "指标值", "备注"], start=1):
        sheet.cell(2, column, text)
    for column, text in enumerate(["设备数", "≥3台", "≥5台"], start=1):
        sheet.cell(3, column, text)
    sheet["A4"] = "已作废的指标"
    sheet.column_dimensions["B"].hidden = True
    sheet.row_dimensions[4].hidden = True
    workbook.create_sheet("下拉选项")["A1"] = "产出指标"
    workbook["下拉选项"].sheet_state = "hidden"
    return _bytes(workbook)


def test_hidden_columns_and_rows_are_left_out_and_a_merge_spans_what_shows():
    rows = to_grid(_hidden_parts(), "表.xlsx").rows
    assert [(c.text, c.span) for c in rows[0].cells] == [("项目支出绩效目标表", 3)]
    assert [r.texts for r in rows[1:]] == [["三级指标", "指标值", "备注"], ["设备数", "≥5台"]]


def test_hidden_parts_that_held_text_are_named_in_the_notes():
    notes = [str(n) for n in to_grid(_hidden_parts(), "表.xlsx").notes]
    assert any("隐藏列 B" in n for n in notes)
    assert any("隐藏行 第4行" in n for n in notes)
    assert any("隐藏的工作表“下拉选项”" in n for n in notes)


# --- Self-evaluation budget matrix --------------------------------------------------------


def test_a_matrix_line_with_a_wide_label_and_empty_trailing_cells_keeps_its_columns():
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    rows = [
        ["项目名称", "设备购置"],
        ["项目资金", "资金来源", None, None, "年初预算数", "全年预算数", "全年执行数", "分值"],
        [None, "年度资金总额", None, None, 90, 100, 95, 10],
        [None, "其中：财政拨款", None, None, 80, 88, 85],
        ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"],
        ["产出指标", "数量指标", "设备数", "≥5台", "5台", 90, 90],
    ]
    for row in rows:
        sheet.append(row)
    for line in (2, 3, 4):
        sheet.merge_cells(f"B{line}:D{line}")
    sheet.merge_cells("A2:A4")
    project = read_bytes(_bytes(workbook), "自评表.xlsx").projects[0]
    assert (project.budget_total, project.budget_fiscal, project.budget_executed) == (100, 88, 95)


# --- Two-row indicator header -------------------------------------------------------------


def _two_row_header() -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["项目名称", "设备购置"])
    sheet.append(["绩效指标", None, None, "指标值", "绩效指标描述"])
    sheet.append(["一级指标", "二级指标", "三级指标"])
    sheet.append(["产出指标", "数量指标", "设备数", "≥5台", "购置设备的台数"])
    sheet.merge_cells("A2:C2")
    sheet.merge_cells("D2:D3")
    sheet.merge_cells("E2:E3")
    return _bytes(workbook)


def test_a_row_reaches_the_cells_merged_down_into_it_past_its_own_texts():
    rows = to_grid(_two_row_header(), "表.xlsx").rows
    assert [(c.text, c.continued) for c in rows[2].cells[3:]] == [
        ("指标值", True),
        ("绩效指标描述", True),
    ]


def test_a_two_row_indicator_header_reads_its_columns_without_warnings():
    document = read_bytes(_two_row_header(), "表.xlsx")
    (indicator,) = document.projects[0].indicators
    assert (indicator.name, indicator.target.raw, indicator.description) == (
        "设备数",
        "≥5台",
        "购置设备的台数",
    )
    assert not document.warnings
