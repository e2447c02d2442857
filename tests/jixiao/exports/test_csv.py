import csv
import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jixiao.exports import EXPORTERS
from jixiao.exports.csv import HEADER
from jixiao.model import Document, Indicator, Project, Value

from .documents import expected_document, expected_paths, self_evaluation


def _export(document: Document) -> bytes:
    return EXPORTERS["csv"].to_bytes(document)


def _records(document: Document) -> list[dict[str, str]]:
    text = _export(document).decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text, newline="")))


@pytest.mark.parametrize("path", expected_paths(), ids=lambda p: p.stem[:3])
def test_it_writes_one_row_per_indicator_with_its_project(path):
    document = expected_document(path)
    records = _records(document)
    indicators = [(p, i) for p in document.projects for i in p.indicators]
    assert len(records) == len(indicators)
    for record, (project, indicator) in zip(records, indicators, strict=True):
        assert record["项目编码"] == (project.code or "")
        assert record["项目名称"] == project.name
        assert record["三级指标"] == indicator.name
        assert record["指标值"] == indicator.target.raw
        assert record["数值"] == (
            "" if indicator.target.number is None else str(indicator.target.number)
        )


def test_the_file_starts_with_a_bom_and_a_chinese_header():
    data = _export(expected_document(expected_paths()[0]))
    assert data.startswith(b"\xef\xbb\xbf")
    header = data[3:].decode("utf-8").split("\r\n")[0].split(",")
    assert header == list(HEADER)
    assert header[:3] == ["项目编码", "项目名称", "年度"]


def test_it_writes_plans_directions_and_self_evaluation_fields():
    record = _records(self_evaluation())[1]
    assert [record[f"{m}月底"] for m in (3, 6, 10, 12)] == ["25", "50", "75", "100"]
    assert record["指标方向"] == "大于等于"
    assert record["计量单位"] == "%"
    assert (record["实际完成值"], record["得分"], record["分值"]) == ("97%", "18.5", "20")
    assert record["年度目标"] == "1.完成业务培训4场。\n2.提升政务服务人员业务能力。"
    assert (record["全年执行数"], record["执行率"], record["总分"]) == ("11.8", "94.4", "88.5")


def test_a_project_without_indicators_still_gets_a_row():
    records = _records(Document("x", [Project(name="甲"), Project(name="乙")]))
    assert [r["项目名称"] for r in records] == ["甲", "乙"]
    assert records[0]["三级指标"] == ""


def test_it_defuses_text_that_excel_would_run_as_a_formula():
    rows = [
        Indicator(name='=HYPERLINK("http://x","y")', target=Value("-5%", "=", -5, "%")),
        Indicator(name="@SUM(A1)", target=Value("+有效提升")),
    ]
    records = _records(Document("x", [Project(name="甲", indicators=rows)]))
    assert records[0]["三级指标"] == '\'=HYPERLINK("http://x","y")'
    assert records[0]["指标值"] == "-5%"  # a number, not a formula
    assert records[1]["三级指标"] == "'@SUM(A1)"
    assert records[1]["指标值"] == "'+有效提升"


# Any text, including commas, quotes and line breaks, except a leading formula character.
cell_text = st.text(
    st.characters(codec="utf-8", exclude_categories=("Cs", "Cc"), include_characters="\r\n\t"),
    max_size=30,
)
plain_text = cell_text.filter(lambda t: not t.startswith(("=", "+", "-", "@")))


@settings(max_examples=50, deadline=None)
@given(name=plain_text, level2=plain_text, raw=plain_text, weight=st.integers(0, 100))
def test_any_text_reads_back_from_the_csv_unchanged(name, level2, raw, weight):
    indicator = Indicator("产出指标", level2, name, target=Value(raw), weight=weight)
    document = Document("x", [Project(name=name, purpose=raw, indicators=[indicator])])
    (record,) = _records(document)
    assert (record["项目名称"], record["资金用途"]) == (name, raw)
    assert (record["二级指标"], record["三级指标"], record["指标值"]) == (level2, name, raw)
    assert record["分值"] == str(weight)
