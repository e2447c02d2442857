"""Issue #2 acceptance: field accuracy ≥ 0.99 on every seed, scored by the shared compare.py."""

from __future__ import annotations

import importlib.util
from types import ModuleType

import pytest

from jixiao.importers import read
from jixiao.interchange import to_dict
from tests.conftest import SHARED, expected_for

THRESHOLD = 0.99
COMPARE_PATH = SHARED / "bench" / "compare.py"


def load_compare() -> ModuleType:
    """Import the shared scorer by path (it is a script, not a package)."""
    spec = importlib.util.spec_from_file_location("jixiao_bench_compare", COMPARE_PATH)
    assert spec and spec.loader, COMPARE_PATH
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def compare() -> ModuleType:
    if not COMPARE_PATH.exists():
        pytest.skip(f"shared scorer not found at {COMPARE_PATH}")
    return load_compare()


def test_each_seed_reads_with_field_accuracy_of_at_least_99_percent(seed, compare):
    result = compare.score(expected_for(seed), to_dict(read(seed)), verbose=True)
    misses = "\n".join(result["misses"][:30])
    assert result["accuracy"] >= THRESHOLD, f"{seed.name}: {result['accuracy']:.4f}\n{misses}"


def test_each_seed_finds_every_project_and_indicator(seed, compare):
    result = compare.score(expected_for(seed), to_dict(read(seed)))
    matched, total = result["projects"].split(" ")[0].split("/")
    assert matched == total and "(+0 extra)" in result["projects"]
    found, expected = result["indicators"].split(" ")[0].split("/")
    assert found == expected
