"""Labelled documents in layouts the seeds do not show: exactly the listed findings.

Each tests/fixtures/review/<layout>__<case>.json holds an interchange document and, per
project, the (rule, indicator) pairs a reviewer reports; the notes say why.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from jixiao.interchange import from_dict
from jixiao.review import review_document
from tests.conftest import FIXTURES

CASES = sorted((FIXTURES / "review").glob("*.json"))


@pytest.mark.parametrize("path", CASES, ids=lambda p: p.stem)
def test_document_gets_exactly_the_labelled_findings(path: Path):
    case = json.loads(path.read_text(encoding="utf-8"))
    report = review_document(from_dict(case["document"]))
    for index in range(len(case["document"]["projects"])):
        expected = {(rule, row) for rule, row, *_ in case["expected"].get(str(index), [])}
        got = {(f.rule, f.indicator) for f in report.findings if f.project == index}
        assert got == expected, f"project {index}"


def test_there_are_labelled_documents_beyond_the_seeds():
    assert len(CASES) >= 3
