#!/usr/bin/env python3
"""Export speed: write the seed documents out in every format of ``jixiao.exports``.

usage: python bench/export_speed.py [--rounds N]

The seeds' expected documents (``../shared/expected/*.json``, 39 project tables) are
exported ``--rounds`` times per format; the figures are tables per CPU second and the
size of one export of all seeds, measured in this process on one core.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

from jixiao import interchange
from jixiao.exports import EXPORTERS
from jixiao.model import Document

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("JIXIAO_SHARED", REPO.parent / "shared"))


def seed_documents() -> list[Document]:
    paths = sorted((SHARED / "expected").glob("*.json"))
    return [interchange.loads(p.read_text(encoding="utf-8")) for p in paths]


def measure(documents: list[Document], fmt: str, rounds: int) -> tuple[float, int]:
    """Return tables per CPU second and the bytes one export of all documents takes."""
    exporter = EXPORTERS[fmt]
    size = sum(len(exporter.to_bytes(d)) for d in documents)  # also warms caches
    start = time.process_time()
    for _ in range(rounds):
        for document in documents:
            exporter.to_bytes(document)
    seconds = time.process_time() - start
    tables = rounds * sum(len(d.projects) for d in documents)
    return tables / seconds, size


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args(argv)
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    documents = seed_documents()
    tables = sum(len(d.projects) for d in documents)
    print(f"{len(documents)} documents, {tables} tables, {args.rounds} rounds, one core")
    print(f"{'format':<8}{'tables/s':>10}{'KB (all seeds)':>16}")
    for fmt in EXPORTERS:
        rate, size = measure(documents, fmt, args.rounds)
        print(f"{fmt:<8}{rate:>10.0f}{size / 1024:>16.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
