"""Text other tools extracted from our PDF fixtures, read no worse than measured.

tests/fixtures/extracted/ holds what pdfplumber (extract_text, plain) and pypdfium2
(get_text_range) make of the PDFs in tests/fixtures/pdf/, where the text cannot be
read exactly: plain text lets several wrapped cells run side by side with nothing to
tell their columns apart (and a spending plan's figures lose their months), pypdfium2
prints text objects in drawing order, and one layout text keeps a space inside a
cell that the reader takes for an extraction gap. The extractions that do read
exactly are text fixtures (tests/fixtures/text/*pdfplumber*). Each file here must
keep at least the field accuracy it reaches today, so a regression shows; raise a
floor when a change lifts it.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from jixiao.importers import read
from jixiao.interchange import to_dict
from tests.conftest import FIXTURES
from tests.jixiao.importers.test_fixtures import compare

EXTRACTED = sorted((FIXTURES / "extracted").glob("*.txt"))
# Field accuracy (bench/compare.py) each extraction reached when it was added.
FLOORS = {
    "target__pdfplumber-layout-rows-across-pages-spaced-basis": 1.0,
    "target__pdfplumber-plain-wrapped-values-side-by-side": 0.978,
    "department__pdfplumber-plain-spending-plan-lost-months": 0.827,
    "target__pdfplumber-plain-landscape-parallel-wrapped-cells": 0.825,
    "target__pdfplumber-plain-rows-across-pages": 0.511,
    "target__pdfium-text-range-wrapped-values-side-by-side": 0.778,
    "target__pdfium-text-range-nine-columns": 0.044,
    "target__pdfium-text-range-landscape": 0.566,
    "target__pdfium-text-range-rows-across-pages": 0.127,
    "department__pdfium-text-range-spending-plan": 0.501,
    "self-eval__pdfium-text-range-budget-matrix": 0.420,
}


def test_every_extraction_has_a_floor():
    assert {p.stem for p in EXTRACTED} == set(FLOORS)


@pytest.mark.parametrize("path", EXTRACTED, ids=lambda p: p.stem)
def test_each_extraction_reads_at_least_as_well_as_measured(path: Path):
    expected = json.loads((FIXTURES / "expected" / f"{path.stem}.json").read_text("utf-8"))
    result = compare.score(expected, to_dict(read(path)), verbose=True)
    misses = "\n".join(result["misses"][:20])
    assert result["accuracy"] >= FLOORS[path.stem], f"{result['accuracy']:.4f}\n{misses}"
