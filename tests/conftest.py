"""Shared fixtures: the seed documents and their hand-checked expected JSON."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

REPO = Path(__file__).parents[1]
SHARED = Path(os.environ.get("JIXIAO_SHARED", REPO.parent / "shared"))
SEEDS = SHARED / "seeds"
EXPECTED = SHARED / "expected"
FIXTURES = Path(__file__).parent / "fixtures"


def seed_paths() -> list[Path]:
    return sorted(SEEDS.glob("*.txt"))


def expected_for(seed: Path) -> dict:
    return json.loads((EXPECTED / f"{seed.stem}.json").read_text(encoding="utf-8"))


@pytest.fixture(params=seed_paths(), ids=lambda p: p.stem[:3])
def seed(request) -> Path:
    return request.param
