"""Every text, Word, Excel, PDF and web-page fixture reads as its expected JSON.

The fixtures (tests/fixtures/{docx,xlsx,pdf,html}/, built by tests/fixtures/
make_fixtures.py, and the hand-written tests/fixtures/text/, which test_text.py also
holds to exact equality) carry tables in other offices' layouts; tests/fixtures/
expected/<same stem>.json is what each must produce. They are scored with the shared
field-accuracy metric (bench/compare.py) the acceptance criterion names.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import openpyxl
import pytest

from jixiao.importers import read
from jixiao.interchange import to_dict
from tests.conftest import FIXTURES, SHARED

FORMATS = ("text", "docx", "xlsx", "pdf", "html")
FIXTURE_FILES = sorted(p for fmt in FORMATS for p in (FIXTURES / fmt).glob("*.*"))
MIN_ACCURACY = 0.99


def _compare_module():
    spec = importlib.util.spec_from_file_location("compare", SHARED / "bench" / "compare.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


compare = _compare_module()


def _expected(path: Path) -> dict:
    return json.loads((FIXTURES / "expected" / f"{path.stem}.json").read_text("utf-8"))


@pytest.fixture(scope="module", params=FIXTURE_FILES, ids=lambda p: p.name)
def fixture_pair(request) -> tuple[dict, dict]:
    path = request.param
    return _expected(path), to_dict(read(path))


def test_there_is_a_fixture_of_every_format():
    assert {p.parent.name for p in FIXTURE_FILES} == set(FORMATS)


def test_each_fixture_reads_with_field_accuracy_of_at_least_99_percent(fixture_pair):
    expected, actual = fixture_pair
    result = compare.score(expected, actual, verbose=True)
    misses = "\n".join(result["misses"][:20])
    assert result["accuracy"] >= MIN_ACCURACY, f"{result['accuracy']:.4f}\n{misses}"


def test_each_fixture_keeps_its_source_name_and_department_overview(fixture_pair):
    expected, actual = fixture_pair
    assert actual["source"] == expected["source"]
    assert actual["department_overview"] == expected["department_overview"]


EVALUATION_FIELDS = ("kind", "budget_executed", "execution_rate", "total_score")


def test_each_fixture_reads_the_table_kind_and_self_evaluation_fields(fixture_pair):
    # compare.py scores the target-table fields; these are the other kinds' own fields.
    expected, actual = fixture_pair

    def evaluation(doc: dict) -> list:
        return [
            (
                [p[f] for f in EVALUATION_FIELDS],
                [(i["actual"], i["score"]) for i in p["indicators"]],
            )
            for p in doc["projects"]
        ]

    assert evaluation(actual) == evaluation(expected)


# The layouts some fixtures exist for; a rebuild that lost them would pass unnoticed.


def _fixture(fmt: str, word: str) -> Path:
    (path,) = [p for p in FIXTURE_FILES if p.parent.name == fmt and word in p.stem]
    return path


def test_the_turned_page_fixture_has_a_portrait_page_shown_turned():
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(_fixture("pdf", "横向页"))
    try:
        pages = [(page.get_rotation(), page.get_mediabox()) for page in document]
    finally:
        document.close()
    turned = [box for rotation, box in pages if rotation == 90]
    assert turned and all(box[3] > box[2] for box in turned)  # portrait paper
    assert any(rotation == 0 for rotation, _ in pages)


def test_the_long_row_fixture_breaks_an_indicator_row_over_a_page():
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(_fixture("pdf", "跨页行"))
    try:
        texts = [page.get_textpage().get_text_range() for page in document]
    finally:
        document.close()
    # The description's first and last numbered items print on different pages.
    first = [i for i, text in enumerate(texts) if "（1）对全县" in text]
    last = [i for i, text in enumerate(texts) if "（18）" in text]
    assert first and last and first[0] + 1 == last[0]


def test_the_stacked_workbook_fixture_hides_a_column_and_the_reader_says_so():
    path = _fixture("xlsx", "金额单位元")
    workbook = openpyxl.load_workbook(path)
    hidden = [k for k, d in workbook.active.column_dimensions.items() if d.hidden]
    assert hidden
    warnings = [w.message for w in read(path).warnings]
    assert any("隐藏列" in w and hidden[0] in w for w in warnings)
