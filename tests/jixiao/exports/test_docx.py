import io

import pytest
from docx import Document as open_word
from docx.oxml.ns import qn
from hypothesis import given, settings
from hypothesis import strategies as st

from jixiao.exports import EXPORTERS
from jixiao.exports.layout import project_table
from jixiao.model import Document, Indicator, Project, Value

from .documents import expected_document, expected_paths, self_evaluation


def _word(document: Document):
    return open_word(io.BytesIO(EXPORTERS["docx"].to_bytes(document)))


def _texts(row) -> list[str]:
    """Return the row's cell texts, one per grid column (merged cells repeat)."""
    return [cell.text for cell in row.cells]


@pytest.fixture(scope="module", params=expected_paths(), ids=lambda p: p.stem[:3])
def exported(request):
    document = expected_document(request.param)
    return document, _word(document)


def _rows(word, project: int) -> list:
    """Return the rows of a project's header table and indicator table, in order."""
    header, indicators = word.tables[2 * project : 2 * project + 2]
    return [*header.rows, *indicators.rows]


def test_each_project_is_a_header_table_then_an_indicator_table_whose_header_repeats(exported):
    document, word = exported
    assert len(word.tables) == 2 * len(document.projects)
    for indicators in word.tables[1::2]:
        first = indicators.rows[0]
        assert "三级指标" in _texts(first)
        assert first._tr.trPr.find(qn("w:tblHeader")) is not None
        assert all(r._tr.trPr.find(qn("w:tblHeader")) is None for r in indicators.rows[1:])


def test_it_writes_one_numbered_title_per_project(exported):
    document, word = exported
    titles = [p.text for p in word.paragraphs if "绩效目标表" in p.text]
    assert titles == [f"{n}.{t}" for n, t in _expected_titles(document)]


def _expected_titles(document):
    for number, project in enumerate(document.projects, start=1):
        name = project.name
        yield number, f"{name}绩效目标表" if name.endswith("项目") else f"{name}项目绩效目标表"


def test_every_indicator_is_a_row_and_level_blocks_are_merged(exported):
    document, word = exported
    for project, table in zip(document.projects, word.tables[1::2], strict=True):
        body = table.rows[1:]
        assert [_texts(r)[2] for r in body] == [i.name for i in project.indicators]
        assert [_texts(r)[0] for r in body] == [i.level1 for i in project.indicators]
        merges = [r._tr.tc_lst[0].vMerge for r in body]
        assert merges == list(_expected_merges([i.level1 for i in project.indicators]))


def _expected_merges(keys):
    """Yield the vMerge each row's first cell should carry for runs of equal keys."""
    for index, key in enumerate(keys):
        first = index == 0 or keys[index - 1] != key
        alone = first and (index + 1 == len(keys) or keys[index + 1] != key)
        yield None if alone else "restart" if first else "continue"


def test_pages_are_a4_and_runs_name_a_cjk_font(exported):
    _, word = exported
    for section in word.sections:
        size = sorted(round(side.mm) for side in (section.page_width, section.page_height))
        assert size == [210, 297]
    runs = [r for t in word.tables for c in t._cells for p in c.paragraphs for r in p.runs]
    runs += [r for p in word.paragraphs for r in p.runs]
    assert runs
    for run in runs:
        assert run._element.rPr.rFonts.get(qn("w:eastAsia")) in ("宋体", "黑体")


def test_wide_tables_are_printed_landscape(exported):
    document, word = exported
    landscape = [s.page_width > s.page_height for s in word.sections]
    assert landscape == [project_table(p).width > 7 for p in document.projects]


def test_the_unit_line_and_amount_unit_precede_the_table():
    document = expected_document(expected_paths()[0])
    paragraphs = [p.text for p in _word(document).paragraphs]
    project = document.projects[0]
    start = paragraphs.index(f"1.{project.name}绩效目标表")
    assert paragraphs[start + 1 : start + 4] == [
        f"（{project.year}年度）",
        f"{project.unit_code}{project.unit_name}",
        "单位：万元",
    ]


def test_amounts_print_with_two_decimals_where_that_loses_nothing():
    document = expected_document(expected_paths()[0])
    document.projects[0].budget_total = 2
    document.projects[0].budget_fiscal = 1.2345
    table = _word(document).tables[0]
    budget = next(_texts(r) for r in table.rows if _texts(r)[0] == "预算数")
    assert budget[1] == "2.00"
    assert "1.2345" in budget


def test_the_overview_comes_before_the_project_tables():
    word = _word(self_evaluation())
    texts = [p.text for p in word.paragraphs]
    assert texts[:7] == [
        "部门整体绩效目标",
        "一、总体绩效目标",
        "提升政务服务效能。",
        "二、分项绩效目标",
        "1.推进一网通办。",
        "2.建设智慧大厅。",
        "三、工作保障措施",
    ]
    assert texts.index("1.2024年业务培训项目绩效自评表") > texts.index("1.加强组织领导。")
    rows = _rows(word, 0)
    header = next(r for r in rows if "三级指标" in _texts(r))
    assert _texts(header)[-4:] == ["指标值", "分值", "实际完成值", "得分"]
    goals = next(r for r in rows if _texts(r)[0] == "年度目标")
    assert [p.text for p in goals.cells[1].paragraphs] == [
        "1.完成业务培训4场。",
        "2.提升政务服务人员业务能力。",
    ]


text = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=40)


@settings(max_examples=15, deadline=None)
@given(name=st.one_of(st.none(), text), cell=text)
def test_any_text_exports_to_a_document_that_opens(name, cell):
    indicator = Indicator(cell, cell, cell, cell, Value(cell), weight=1.5)
    project = Project(name=name, code=cell, goals=[cell, cell], indicators=[indicator] * 2)
    assert len(_word(Document("x", [project])).tables) == 2
