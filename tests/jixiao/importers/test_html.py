"""The HTML reader on saved 预算公开 pages: rowspan/colspan, charsets, text around tables."""

from __future__ import annotations

import pytest

from jixiao.errors import ReadError
from jixiao.importers import read_bytes
from jixiao.importers.html import to_grid
from tests.conftest import expected_for, seed_paths
from tests.jixiao.importers.office import (
    INDICATOR_HEADER,
    blocks,
    header_rows,
    indicator_fields,
    indicator_rows,
    read_fields,
)

SEED_PROJECTS = [expected_for(path)["projects"] for path in seed_paths()]

PAGE = """<!DOCTYPE html><html><head><meta charset="gb2312"><title>预算公开</title>
<style>td { border: 1px }</style><script>var x = "<table>";</script></head><body>
<h2>1.2025年测试项目绩效目标表</h2><p>437001某某局&nbsp;&nbsp; 单位：万元</p>
<table border="1"><caption>项目支出绩效目标表</caption><tr><td>项目名称</td><td colspan="3">测试
    项目</td></tr>
<tr><td rowspan="3">产出指标</td><td>数量指标</td><td>名1</td><td>≥1套</td></tr>
<tr><td rowspan="2">质量指标</td><td>名2<br>续行</td><td>100%</td></tr>
<tr><td>名3</td><td><table><tr><td>内嵌</td></tr></table>95%</td></tr>
</table><div style="display:none">隐藏</div><div>说明：<b>以上</b>为草案</div></body></html>"""


def _grid():
    return to_grid(PAGE.encode("gbk"), "公开.html")


def test_text_blocks_and_table_rows_in_document_order():
    rows = _grid().rows
    assert rows[0].texts == ["1.2025年测试项目绩效目标表"]
    assert rows[1].texts == ["437001某某局 单位：万元"]
    assert rows[2].texts == ["项目支出绩效目标表"]
    assert rows[-1].texts == ["说明：以上为草案"]
    assert all("隐藏" not in text for row in rows for text in row.texts)
    assert all("var x" not in text for row in rows for text in row.texts)


def test_colspan_is_a_span_and_whitespace_is_collapsed():
    first = _grid().rows[3]
    assert [(c.text, c.span) for c in first.cells] == [("项目名称", 1), ("测试 项目", 3)]


def test_rowspan_repeats_the_cell_as_continued_in_the_right_column():
    rows = _grid().rows[4:7]
    assert [[(c.text, c.continued) for c in row.cells] for row in rows] == [
        [("产出指标", False), ("数量指标", False), ("名1", False), ("≥1套", False)],
        [("产出指标", True), ("质量指标", False), ("名2\n续行", False), ("100%", False)],
        [("产出指标", True), ("质量指标", True), ("名3", False), ("95%", False)],
    ]


def test_a_nested_table_follows_its_row():
    rows = _grid().rows
    assert rows[7].texts == ["内嵌"]
    assert rows[7].table == 2


def test_cells_name_their_source_line():
    assert _grid().rows[4].cells[0].location.line == 6


def _page(projects: list[dict]) -> str:
    parts = ["<html><head><meta charset='utf-8'></head><body>"]
    for project in projects:
        parts.append(f"<p>{project['name']}绩效目标表</p><table>")
        for label, value in header_rows(project):
            parts.append(f"<tr><td>{label}</td><td colspan='3'>{value}</td></tr>")
        parts.append("<tr>" + "".join(f"<th>{h}</th>" for h in INDICATOR_HEADER) + "</tr>")
        rows = indicator_rows(project)
        starts = {c: {first: last - first + 1 for first, last in blocks(rows, c)} for c in (0, 1)}
        for index, row in enumerate(rows):
            cells = []
            for column, text in enumerate(row):
                if column < 2 and index not in starts[column]:
                    continue
                span = starts[column][index] if column < 2 else 1
                cells.append(f"<td rowspan='{span}'>{text}</td>")
            parts.append("<tr>" + "".join(cells) + "</tr>")
        parts.append("</table>")
    return "".join(parts) + "</body></html>"


@pytest.mark.parametrize("projects", SEED_PROJECTS, ids=lambda p: p[0]["name"][:6])
def test_seed_projects_read_back_from_a_web_page(projects):
    document = read_bytes(_page(projects).encode("utf-8"), "预算公开.html")
    assert [p.code for p in document.projects] == [p["code"] for p in projects]
    assert read_fields(document) == indicator_fields(projects)


def test_a_page_without_a_table_is_a_read_error_naming_the_file():
    with pytest.raises(ReadError, match="空页面"):
        read_bytes(b"<html><body><p>\xe6\x97\xa0</p></body></html>", "空页面.html")
