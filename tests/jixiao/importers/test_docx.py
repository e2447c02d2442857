"""The .docx reader: merged cells, nested tables, paragraphs in order, whole documents."""

from __future__ import annotations

import io
import zipfile

import docx
import pytest

from jixiao.errors import ReadError
from jixiao.importers import read_bytes
from jixiao.importers.docx import to_grid
from tests.conftest import expected_for, seed_paths
from tests.jixiao.importers.office import (
    INDICATOR_HEADER,
    header_rows,
    indicator_fields,
    indicator_rows,
    project_docx,
    read_fields,
)

SEED_PROJECTS = [expected_for(path)["projects"] for path in seed_paths()]


def _bytes(document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _grid_table() -> bytes:
    document = docx.Document()
    document.add_paragraph("1.2025年测试项目绩效目标表")
    table = document.add_table(rows=4, cols=3)
    for r in range(4):
        for c in range(3):
            table.cell(r, c).text = f"r{r}c{c}"
    table.cell(1, 0).merge(table.cell(3, 0))
    table.cell(0, 1).merge(table.cell(0, 2))
    table.cell(3, 2).add_table(rows=1, cols=2).cell(0, 0).text = "内嵌"
    document.add_paragraph("单位：万元")
    return _bytes(document)


def test_paragraphs_and_table_rows_come_in_document_order():
    grid = to_grid(_grid_table(), "表.docx")
    assert grid.rows[0].texts == ["1.2025年测试项目绩效目标表"]
    assert grid.rows[0].table is None
    assert [row.table for row in grid.rows[1:5]] == [1, 1, 1, 1]
    assert grid.rows[-1].texts == ["单位：万元"]


def test_horizontal_merge_is_one_cell_with_its_span():
    first = to_grid(_grid_table(), "表.docx").rows[1]
    assert [(c.text, c.span) for c in first.cells] == [("r0c0", 1), ("r0c1\nr0c2", 2)]


def test_vertical_merge_repeats_the_text_and_marks_continuation():
    rows = to_grid(_grid_table(), "表.docx").rows[2:5]
    column = [(row.cells[0].text, row.cells[0].continued) for row in rows]
    merged = "r1c0\nr2c0\nr3c0"
    assert column == [(merged, False), (merged, True), (merged, True)]


def test_nested_table_follows_the_row_that_holds_it():
    rows = to_grid(_grid_table(), "表.docx").rows
    nested = rows[5]
    assert nested.texts == ["内嵌", ""]
    assert nested.table == 2
    assert rows[4].cells[2].text == "r3c2"


def test_cells_know_their_table_row_and_column():
    cell = to_grid(_grid_table(), "表.docx").rows[2].cells[1]
    assert str(cell.location) == "单元格表格1第2行第2列"


@pytest.mark.parametrize("projects", SEED_PROJECTS, ids=lambda p: p[0]["name"][:6])
def test_seed_projects_read_back_from_word(projects):
    document = read_bytes(project_docx(projects), "绩效目标表.docx")
    assert [p.code for p in document.projects] == [p["code"] for p in projects]
    assert [p.budget_total for p in document.projects] == [p["budget_total"] for p in projects]
    assert read_fields(document) == indicator_fields(projects)


def test_a_table_cut_into_two_word_tables_is_one_project():
    projects = SEED_PROJECTS[3][:1]
    document = read_bytes(project_docx(projects, split_after=4), "分开的表.docx")
    assert len(document.projects) == 1
    assert read_fields(document) == indicator_fields(projects)


def test_gbk_looking_file_name_is_kept_as_the_source():
    name = "河北省·围场县 2025年 绩效目标表（公开版）.docx"
    document = read_bytes(project_docx(SEED_PROJECTS[0][:1]), name)
    assert document.source == name


def test_a_workbook_renamed_to_docx_is_not_read_as_word():
    with pytest.raises(ReadError, match="表\\.docx"):
        to_grid(b"PK\x03\x04 not really a zip", "表.docx")


def test_a_zip_without_a_word_document_is_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "你好")
    with pytest.raises(ReadError, match="Word"):
        to_grid(buffer.getvalue(), "表.docx")


def test_text_in_a_drawing_is_read_once_not_with_its_fallback_copy():
    body = (
        '<w:p><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><w:txbxContent>'
        "<w:p><w:r><w:t>文本框</w:t></w:r></w:p></w:txbxContent></w:drawing></mc:Choice>"
        "<mc:Fallback><w:pict><w:txbxContent><w:p><w:r><w:t>文本框</w:t></w:r></w:p>"
        "</w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>"
    )
    data = _with_body(body)
    assert [row.texts for row in to_grid(data, "图.docx").rows] == [["文本框"]]


def test_tabs_breaks_and_content_controls_are_read():
    body = (
        "<w:sdt><w:sdtContent><w:p><w:r><w:t>项目</w:t><w:tab/><w:t>名称</w:t><w:br/>"
        "<w:t>续</w:t></w:r><w:del><w:r><w:delText>删去</w:delText></w:r></w:del></w:p>"
        "</w:sdtContent></w:sdt>"
    )
    assert to_grid(_with_body(body), "控件.docx").rows[0].texts == ["项目 名称\n续"]


def _with_body(body: str) -> bytes:
    """Given WordprocessingML body content, return a .docx whose body holds it."""
    data = project_docx(SEED_PROJECTS[0][:1])
    source = zipfile.ZipFile(io.BytesIO(data))
    xml = source.read("word/document.xml").decode()
    head = xml[: xml.index("<w:body>") + len("<w:body>")]
    if "xmlns:mc=" not in head:
        head = head.replace(
            "<w:document ",
            '<w:document xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" ',
        )
    document = head + body + "</w:body></w:document>"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as target:
        for info in source.infolist():
            content = document.encode() if info.filename == "word/document.xml" else None
            target.writestr(info.filename, content or source.read(info.filename))
    return buffer.getvalue()


def test_an_indicator_table_nested_in_the_project_table_reads_as_its_indicators():
    projects = SEED_PROJECTS[0][:2]
    document = docx.Document()
    for project in projects:
        header = header_rows(project)
        outer = document.add_table(rows=len(header) + 1, cols=2)
        for r, (label, value) in enumerate(header):
            outer.cell(r, 0).text, outer.cell(r, 1).text = label, value
        outer.cell(len(header), 0).text = "绩效指标"
        rows = [INDICATOR_HEADER, *indicator_rows(project)]
        inner = outer.cell(len(header), 1).add_table(rows=len(rows), cols=len(INDICATOR_HEADER))
        for r, row in enumerate(rows):
            for c, text in enumerate(row):
                inner.cell(r, c).text = text
    read_back = read_bytes(_bytes(document), "嵌套表格.docx")
    assert read_fields(read_back) == indicator_fields(projects)
