"""The PDF reader on PDFs LibreOffice made from Word (see data/make_data.py)."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pypdfium2 as pdfium
import pytest

from jixiao.errors import ReadError
from jixiao.importers import read, read_bytes
from jixiao.importers.grid import Cell, Row
from jixiao.importers.pdf import _finishes, to_grid
from jixiao.importers.pdf_tables import PageTable, _ends_full, _row_cells
from tests.jixiao.importers.office import indicator_fields, read_fields

DATA = Path(__file__).parent / "data"
SPLIT = DATA / "split_table.pdf"
PROJECT = json.loads((DATA / "split_table.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def grid():
    return to_grid(SPLIT.read_bytes(), SPLIT.name)


def test_text_outside_tables_comes_before_them_in_reading_order(grid):
    assert grid.rows[0].table is None
    assert grid.rows[0].texts == [f"{PROJECT['name']}绩效目标表"]
    assert grid.rows[1].texts == [f"{PROJECT['unit_code']}{PROJECT['unit_name']}"]


def test_the_table_over_the_page_break_is_one_table(grid):
    pages = {row.location.page for row in grid.rows if row.table == 2}
    assert pages == {1, 2}
    assert [row.table for row in grid.rows if row.table] == sorted(
        row.table for row in grid.rows if row.table
    )


def test_the_header_row_repeated_on_the_new_page_is_dropped(grid):
    headers = [row for row in grid.rows if row.texts[:2] == ["一级指标", "二级指标"]]
    assert len(headers) == 1


def test_merged_level_cells_are_continued_even_across_the_page_break(grid):
    rows = [row for row in grid.rows if row.table == 2][1:]
    assert all(row.cells[0].text for row in rows)
    assert sum(row.cells[0].continued for row in rows) == len(rows) - len(
        {
            (i, ind["level1"])
            for i, ind in enumerate(PROJECT["indicators"])
            if i == 0 or PROJECT["indicators"][i - 1]["level1"] != ind["level1"]
        }
    )


A, B = (0, 0, 100, 20), (100, 0, 300, 20)
C, D, E = (0, 20, 100, 60), (100, 20, 200, 40), (200, 20, 300, 40)
F, G = (100, 40, 200, 60), (200, 40, 300, 60)
BOXES = [A, B, C, D, E, F, G]
TEXTS = {A: "项目名称", B: "跨两列", C: "产出指标", D: "d", E: "e", F: "f", G: "g"}
LEFTS = [0, 100, 200]


def _cells(slots, below, texts=TEXTS):
    cells, _ = _row_cells(slots, LEFTS, BOXES, texts, 1, below)
    return [(c.text, c.span, c.continued) for c in cells]


def test_a_slot_covered_from_the_left_widens_that_cell():
    assert _cells([A, B, None], below=20) == [("项目名称", 1, False), ("跨两列", 2, False)]


def test_a_slot_covered_from_above_repeats_the_text_as_continued():
    assert _cells([C, D, E], below=40)[0] == ("产出指标", 1, False)
    assert _cells([None, F, G], below=60) == [
        ("产出指标", 1, True),
        ("f", 1, False),
        ("g", 1, False),
    ]


def test_an_empty_cell_merged_down_is_the_cut_off_part_of_a_merge():
    texts = {**TEXTS, C: ""}
    assert _cells([C, D, E], below=40, texts=texts)[0] == ("", 1, True)


def test_the_whole_project_reads_back():
    document = read(SPLIT)
    assert len(document.projects) == 1
    assert document.projects[0].code == PROJECT["code"]
    assert read_fields(document) == indicator_fields([PROJECT])


def test_a_scan_needs_ocr():
    with pytest.raises(ReadError, match=r"OCR"):
        read(DATA / "scan.pdf")


def test_an_encrypted_pdf_says_so():
    with pytest.raises(ReadError, match="加密"):
        read(DATA / "encrypted.pdf")


@pytest.mark.parametrize("cut", [0.05, 0.5, 0.95])
def test_a_truncated_pdf_is_a_read_error_or_reads_what_is_left(cut):
    data = SPLIT.read_bytes()
    try:
        read_bytes(data[: int(len(data) * cut)], "截断.pdf")
    except ReadError as error:
        assert error.source == "截断.pdf"


def test_too_many_pages_are_refused(monkeypatch):
    from jixiao.importers import safety

    monkeypatch.setattr(safety, "LIMITS", safety.Limits(max_pdf_pages=1))
    with pytest.raises(ReadError, match="页数过多"):
        to_grid(SPLIT.read_bytes(), SPLIT.name)


def test_tables_continue_only_at_the_same_column_lines():
    table = PageTable(1, (0, 0, 300, 100), [0.0, 100.0, 200.0, 300.0])
    assert table.continues_into(PageTable(2, (0, 0, 300, 50), [0.5, 100.0, 199.0, 300.0]))
    assert not table.continues_into(PageTable(2, (0, 0, 300, 50), [0.0, 150.0, 300.0]))
    assert not table.continues_into(PageTable(2, (0, 0, 300, 50), [0.0, 120.0, 200.0, 300.0]))


def _row(cells: str) -> Row:
    """Cells separated by "|"; a leading "^" marks a cell continued from the row above."""
    return Row([Cell(t.lstrip("^"), continued=t.startswith("^")) for t in cells.split("|")])


@pytest.mark.parametrize(
    ("before", "after", "folds"),
    [
        # The page cut the name and the basis; the value was complete above the break.
        ("^产出指标|数量指标|持续改进加强|≥95%|调查", "^||设备更新||问卷", True),
        # Only the long basis text ran over.
        ("^产出指标|数量指标|网络设备|100%|《通知》关于", "^||||升级改造", True),
        # A new row whose merged level cell the break cut off: empty only in front.
        ("效益指标|社会效益|提升效率|有效提升|经验", "|可持续影响|形成模式|基本形成|要求", False),
        # A new merged level cell starts under a merge that ended: a new row.
        ("^产出指标|成本指标|维修|50|预算", "效益指标|经济效益|降低成本|有效降低|", False),
        # Figures under the header row start the data.
        ("一级指标|二级指标|三级指标|指标值|依据", "产出指标|数量指标|覆盖率|100%|", False),
    ],
)
def test_a_row_cut_by_the_page_break_is_told_from_a_new_row(before, after, folds):
    assert _finishes(_row(before), _row(after)) is folds


def _chars(line_top: float, x0: float, count: int) -> list[dict]:
    """count 10-point characters from x0 on the line at line_top."""
    return [
        {"x0": x0 + 10 * i, "x1": x0 + 10 * (i + 1), "top": line_top, "bottom": line_top + 10}
        for i in range(count)
    ]


def test_a_last_line_that_reaches_the_right_edge_may_go_on():
    box = (0, 0, 104, 40)  # 2 points of padding, room for 10 characters a line
    wrapped = _chars(2, 2, 10) + _chars(14, 2, 10)
    assert _ends_full(box, wrapped)
    assert not _ends_full(box, _chars(2, 2, 10) + _chars(14, 2, 4))
    assert not _ends_full(box, [])
    assert not _ends_full(None, wrapped)


def test_a_row_whose_every_text_goes_on_is_folded_whatever_its_empty_cells():
    before, after = _row("^产出指标|满意度|服务对|≥98百|工作要"), _row("^|指标|象满意度|分比|求")
    assert not _finishes(before, after)
    assert _finishes(before, after, full=[False, True, True, True, True])
    assert not _finishes(before, after, full=[False, True, False, True, True])


# --- Turned pages -------------------------------------------------------------------------


def _turned(source: Path, turn: int, rotate: bool) -> bytes:
    """Return the source's first page drawn turned anticlockwise by ``turn`` degrees on
    paper to match, shown upright by /Rotate when ``rotate`` (else left on its side)."""
    original = pdfium.PdfDocument(source.read_bytes())
    width, height = original[0].get_size()
    matrices = {
        90: ((0, 1, -1, 0, height, 0), (height, width)),
        180: ((-1, 0, 0, -1, width, height), (width, height)),
        270: ((0, -1, 1, 0, 0, width), (height, width)),
    }
    matrix, paper = matrices[turn]
    turned = pdfium.PdfDocument.new()
    page = turned.new_page(*paper)
    content = original.page_as_xobject(0, turned).as_pageobject()
    content.transform(pdfium.PdfMatrix(*matrix))
    page.insert_obj(content)
    page.gen_content()
    if rotate:
        page.set_rotation(turn)
    buffer = io.BytesIO()
    turned.save(buffer)
    original.close()
    return buffer.getvalue()


def _only_first(source: Path) -> bytes:
    original = pdfium.PdfDocument(source.read_bytes())
    single = pdfium.PdfDocument.new()
    single.import_pages(original, [0])
    buffer = io.BytesIO()
    single.save(buffer)
    original.close()
    return buffer.getvalue()


@pytest.mark.parametrize("rotate", [True, False], ids=["shown-upright", "left-on-its-side"])
@pytest.mark.parametrize("turn", [90, 180, 270])
def test_a_page_drawn_turned_reads_as_the_upright_page(turn, rotate):
    upright = to_grid(_only_first(SPLIT), "a.pdf").rows
    turned = to_grid(_turned(SPLIT, turn, rotate), "a.pdf").rows
    assert [r.texts for r in turned] == [r.texts for r in upright]
    assert len(upright) > 5 and any(r.table for r in upright)
