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
