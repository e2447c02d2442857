import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from jixiao.exports import EXPORTERS
from jixiao.model import Document, Indicator, Project, Value

from .documents import expected_document, expected_paths, self_evaluation


def _workbook(document: Document):
    return load_workbook(io.BytesIO(EXPORTERS["xlsx"].to_bytes(document)))


def _rows(sheet) -> list[tuple]:
    return list(sheet.iter_rows(values_only=True))


def _row_of(sheet, text: str) -> int:
    for row in sheet.iter_rows():
        for cell in row:
            if cell.value == text:
                return cell.row
    raise AssertionError(f"{text} not on sheet {sheet.title}")


@pytest.fixture(scope="module", params=expected_paths(), ids=lambda p: p.stem[:3])
def exported(request):
    document = expected_document(request.param)
    return document, _workbook(document)


def test_it_writes_one_sheet_per_project_with_valid_unique_names(exported):
    document, workbook = exported
    assert len(workbook.worksheets) == len(document.projects)
    names = [sheet.title for sheet in workbook.worksheets]
    assert len({n.casefold() for n in names}) == len(names)
    assert all(len(n) <= 31 for n in names)


def test_it_prints_every_indicator_row_under_the_indicator_header(exported):
    document, workbook = exported
    for project, sheet in zip(document.projects, workbook.worksheets, strict=True):
        header = _row_of(sheet, "三级指标")
        names = [row[2] for row in _rows(sheet)[header:]]
        assert names == [i.name for i in project.indicators]


def test_it_merges_level_blocks_vertically(exported):
    document, workbook = exported
    project, sheet = document.projects[0], workbook.worksheets[0]
    top = _row_of(sheet, "三级指标") + 1
    merged_in_a = {
        (r.min_row, r.max_row) for r in sheet.merged_cells.ranges if r.min_col == r.max_col == 1
    }
    expected_runs = _runs([i.level1 for i in project.indicators])
    assert {(top + s, top + e - 1) for s, e in expected_runs if e - s > 1} <= merged_in_a
    for start, _ in expected_runs:
        assert sheet.cell(row=top + start, column=1).value == project.indicators[start].level1


def _runs(keys):
    runs, start = [], 0
    for index in range(1, len(keys) + 1):
        if index == len(keys) or keys[index] != keys[start]:
            runs.append((start, index))
            start = index
    return runs


def test_it_sets_up_the_page_for_a4_printing(exported):
    _, workbook = exported
    for sheet in workbook.worksheets:
        assert int(sheet.page_setup.paperSize) == 9  # A4
        assert sheet.page_setup.fitToWidth == 1
        assert sheet.sheet_properties.pageSetUpPr.fitToPage
        assert sheet.freeze_panes == "A4"
        header = _row_of(sheet, "三级指标")
        assert sheet.print_title_rows == f"${header}:${header}"
        assert sheet.column_dimensions["C"].width >= 20


def test_it_merges_the_title_and_borders_the_table(exported):
    _, workbook = exported
    sheet = workbook.worksheets[0]
    assert "项目绩效目标表" in sheet["A1"].value
    assert any(str(r).startswith("A1:") for r in sheet.merged_cells.ranges)
    header = _row_of(sheet, "一级指标")
    cell = sheet.cell(row=header + 1, column=3)
    assert cell.border.left.style == cell.border.bottom.style == "thin"
    assert cell.alignment.wrap_text


def test_it_keeps_the_header_fields():
    document = expected_document(expected_paths()[0])
    sheet = _workbook(document).worksheets[0]
    project = document.projects[0]
    rows = _rows(sheet)
    flat = [v for row in rows for v in row if v is not None]
    assert rows[2][0] == f"{project.unit_code}{project.unit_name}"
    assert rows[1][0] == f"（{project.year}年度）"
    for label, value in [("项目编码", project.code), ("预算数", project.budget_total)]:
        assert flat[flat.index(label) + 1] == value
    budget = sheet.cell(row=_row_of(sheet, "预算数"), column=2)
    assert budget.number_format == "0.00"
    plan_row = _row_of(sheet, "3月底")
    assert [c.value for c in sheet[plan_row + 1][1:5]] == [None, None, 100, None]


def test_it_uses_direction_and_unit_columns_when_values_need_them():
    document = expected_document(expected_paths()[4])
    sheet = _workbook(document).worksheets[0]
    header = _rows(sheet)[_row_of(sheet, "一级指标") - 1]
    assert header == (
        "一级指标",
        "二级指标",
        "三级指标",
        "指标性质",
        "指标方向",
        "目标值",
        "计量单位",
        "分值",
    )
    first = _rows(sheet)[_row_of(sheet, "一级指标")]
    assert first[3:] == ("正向", "大于等于", "10", "次", 6)


def test_it_writes_self_evaluation_columns_and_the_overview_sheet_first():
    workbook = _workbook(self_evaluation())
    overview, sheet = workbook.worksheets
    assert overview.title == "部门整体绩效目标"
    assert [row[0] for row in _rows(overview)] == [
        "部门整体绩效目标",
        "一、总体绩效目标",
        "提升政务服务效能。",
        "二、分项绩效目标",
        "1.推进一网通办。",
        "2.建设智慧大厅。",
        "三、工作保障措施",
        "1.加强组织领导。",
    ]
    header = _rows(sheet)[_row_of(sheet, "一级指标") - 1]
    assert header[-4:] == ("指标值", "分值", "实际完成值", "得分")
    budget = _row_of(sheet, "全年执行数")
    assert [c.value for c in sheet[budget][:4]] == [
        "项目资金（万元）",
        "全年预算数",
        "全年执行数",
        "执行率",
    ]
    assert [c.value for c in sheet[budget + 1][:4]] == ["年度资金总额", 12.5, 11.8, "94.4%"]
    assert [c.value for c in sheet[budget + 2][:4]] == ["其中：财政资金", 12.5, "—", "—"]
    assert _rows(sheet)[-1][0] == "总分"
    assert _rows(sheet)[-1][-1] == 88.5
    flat = [v for row in _rows(sheet) for v in row if v is not None]
    assert flat[flat.index("中期目标") + 1] == "建成常态化培训机制。"
    assert "绩效自评表" in sheet["A1"].value


def test_sheet_names_stay_unique_when_names_collide_after_truncation():
    long_name = "关于" + "某某" * 30 + "项目"
    projects = [Project(name=long_name + tail) for tail in ("甲", "乙", "甲")]
    projects += [Project(name="a/b[c]:d*e?"), Project(name=None)]
    names = [s.title for s in _workbook(Document("x", projects)).worksheets]
    assert len({n.casefold() for n in names}) == len(names) == 5
    assert all(len(n) <= 31 for n in names)
    assert names[3] == "4.a_b_c__d_e_"


text = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=40)


@settings(max_examples=20, deadline=None)
@given(names=st.lists(st.one_of(st.none(), text), min_size=1, max_size=4), cell=text)
def test_any_text_exports_to_a_workbook_that_opens(names, cell):
    indicator = Indicator(cell, cell, cell, cell, Value(cell), basis=cell)
    projects = [Project(name=n, code=cell, purpose=cell, indicators=[indicator]) for n in names]
    workbook = _workbook(Document("x", projects))
    assert len(workbook.worksheets) == len(names)
