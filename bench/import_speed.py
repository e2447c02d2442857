#!/usr/bin/env python3
"""Import speed and memory: convert ≥10,000 tables through ``jixiao.importers.read``.

usage: python bench/import_speed.py [--quick] [--tables N] [--formats text,docx,...]
                                    [--check] [--profile]

For each format the seed documents (text) or the fixture files under
``tests/fixtures/{docx,xlsx,pdf}/`` are copied into a temporary folder as many times as
needed, then read one file at a time and written out as interchange JSON, the way
``jixiao convert DIR`` does. Each run happens in a fresh process pinned to one core, so
its peak resident memory (``VmHWM``) is its own. Running at two folder sizes, the
second ten times the first, shows whether memory grows with the number of files (it
must not: conversion streams).

Targets (issues #2 and #3): text ≥ 1,000 tables/s, docx and xlsx ≥ 200 tables/s,
pdf ≥ 20 pages/s, on one core. ``--check`` exits 1 when one is missed.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import math
import multiprocessing
import os
import pstats
import resource
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("JIXIAO_SHARED", REPO.parent / "shared"))
FIXTURES = REPO / "tests" / "fixtures"


@dataclass(frozen=True, slots=True)
class Format:
    name: str
    target: float  # per second, of `unit`
    unit: str  # "tables" or "pages"
    tables: int  # how many tables the full run converts
    quick_tables: int


FORMATS: dict[str, Format] = {
    "text": Format("text", 1000, "tables", 10_000, 500),
    "docx": Format("docx", 200, "tables", 2_000, 100),
    "xlsx": Format("xlsx", 200, "tables", 2_000, 100),
    "pdf": Format("pdf", 20, "pages", 300, 60),
}
# The second run is this many times the first, in files: memory must not follow.
SCALE = 10


@dataclass(slots=True)
class Run:
    files: int
    tables: int
    pages: int
    seconds: float  # CPU seconds in read(): fair on a shared, busy machine
    json_seconds: float  # CPU seconds writing the interchange JSON
    wall: float
    peak_rss_kib: int
    failures: int


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    exported = tempfile.TemporaryDirectory(prefix="jixiao-bench-exported-")
    sources = {name: source_files(name, Path(exported.name)) for name in args.formats}
    missed = []
    print(f"jixiao import benchmark — one core, Python {sys.version.split()[0]}")
    print("rates per CPU second spent in read(); +json adds writing the JSON, as convert does")
    loop = calibrate()
    print(f"machine: a 10M-step Python loop takes {loop:.2f} CPU s (idle recent core: ~0.4, est.)")
    print(
        f"{'format':6} {'files':>7} {'tables':>7} {'pages':>6} {'cpu s':>7} {'wall s':>7} "
        f"{'tables/s':>9} {'+json':>6} {'files/s':>8} {'pages/s':>8} {'peak RSS':>9}"
    )
    for name, files in sources.items():
        if not files:
            print(f"{name:6} (no fixture files under {FIXTURES / name} and no exporter; skipped)")
            continue
        if files[0].is_relative_to(exported.name):
            print(f"{name:6} (no fixtures: the seeds written by jixiao's own {name} exporter)")
        fmt = FORMATS[name]
        wanted = args.tables or (fmt.quick_tables if args.quick else fmt.tables)
        runs = measure(files, wanted)
        for run in runs:
            print_run(name, run)
        print_flatness(runs)
        if not meets_target(fmt, runs[-1]):
            missed.append(name)
    if args.profile:
        profile(sources.get("text") or source_files("text", Path(exported.name)))
    exported.cleanup()
    if missed:
        print(f"below target: {', '.join(missed)}")
    return 1 if (missed and args.check) else 0


def calibrate() -> float:
    """Return the CPU seconds of a fixed pure-Python loop, to compare machines and load."""
    started = time.process_time()
    total = 0
    for step in range(10_000_000):
        total += step
    return time.process_time() - started


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="a smoke run: a few hundred tables")
    parser.add_argument("--tables", type=int, help="tables per format in the large run")
    parser.add_argument(
        "--formats",
        type=lambda s: [f for f in s.split(",") if f],
        default=list(FORMATS),
        help="comma-separated: " + ",".join(FORMATS),
    )
    parser.add_argument("--check", action="store_true", help="exit 1 when a target is missed")
    parser.add_argument("--profile", action="store_true", help="print the text reader's hot spots")
    return parser.parse_args(argv)


def source_files(name: str, scratch: Path) -> list[Path]:
    """Given a format name, return the documents to repeat.

    Text repeats the seeds; other formats repeat their fixtures, or, until fixtures
    exist, the seeds as jixiao's own exporter writes them (into ``scratch``).
    """
    seeds = sorted((SHARED / "seeds").glob("*.txt"))
    if name == "text":
        return seeds
    fixtures = sorted(p for p in (FIXTURES / name).glob(f"*.{name}") if p.is_file())
    return fixtures or export_seeds(seeds, name, scratch)


def export_seeds(seeds: list[Path], name: str, scratch: Path) -> list[Path]:
    """Write each seed in format ``name`` with the exporters; [] if there is no exporter."""
    from jixiao.exports import EXPORTERS
    from jixiao.importers import read

    exporter = EXPORTERS.get(name)
    if exporter is None:
        return []
    paths = []
    for seed in seeds:
        path = scratch / f"{seed.stem}{exporter.suffix}"
        path.write_bytes(exporter.to_bytes(read(seed)))
        paths.append(path)
    return paths


# --- measuring ------------------------------------------------------------------------------


def measure(sources: list[Path], wanted_tables: int) -> list[Run]:
    """Given source files and a table count, time a small and a SCALE-times-larger run."""
    per_round = count_tables(sources)
    pages_per_round = sum(count_pages(p) for p in sources)
    rounds = max(1, math.ceil(wanted_tables / max(per_round, 1)))
    small = max(1, rounds // SCALE)
    with tempfile.TemporaryDirectory(prefix="jixiao-bench-") as folder:
        paths = copy_sources(sources, rounds, Path(folder))
        runs = [in_child(paths[: small * len(sources)]), in_child(paths)]
    for run, rounds_run in zip(runs, (small, rounds), strict=True):
        run.pages = pages_per_round * rounds_run
    return runs


def count_tables(sources: list[Path]) -> int:
    """Return how many tables one round of ``sources`` holds (read once, untimed)."""
    from jixiao.importers import read

    total = 0
    for path in sources:
        try:
            total += len(read(path).projects)
        except Exception as error:  # a broken fixture should not stop the benchmark
            print(f"  warning: {path.name} could not be read: {error}", file=sys.stderr)
    return total


def count_pages(path: Path) -> int:
    """Return the page count of a PDF (0 for other formats), read once and untimed."""
    if path.suffix.lower() != ".pdf":
        return 0
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        return len(pdf.pages)


def copy_sources(sources: list[Path], rounds: int, folder: Path) -> list[Path]:
    """Write ``rounds`` copies of every source into ``folder``; return their paths in order."""
    contents = [(p.suffix, p.read_bytes()) for p in sources]
    paths = []
    for round_ in range(rounds):
        sub = folder / f"{round_ // 1000:03d}"  # keep folders small, as real archives are
        sub.mkdir(exist_ok=True)
        for index, (suffix, data) in enumerate(contents):
            path = sub / f"{round_:05d}-{index}{suffix}"
            path.write_bytes(data)
            paths.append(path)
    return paths


def in_child(paths: list[Path]) -> Run:
    """Run ``convert_all`` in a fresh process so its peak memory is measured alone."""
    context = multiprocessing.get_context("spawn")
    with context.Pool(1) as pool:
        return pool.apply(convert_all, (paths,))


def convert_all(paths: list[Path]) -> Run:
    """Read each file and serialise it as ``jixiao convert`` would, one at a time."""
    from jixiao import interchange
    from jixiao.errors import ReadError
    from jixiao.importers import read

    pin_to_one_core()
    tables = failures = 0
    reading = writing = 0.0
    started = time.perf_counter()
    for path in paths:
        clock = time.process_time()
        try:
            document = read(path)
        except ReadError:
            failures += 1
            continue
        finally:
            reading += time.process_time() - clock
        tables += len(document.projects)
        clock = time.process_time()
        interchange.dumps(document)
        writing += time.process_time() - clock
    wall = time.perf_counter() - started
    return Run(len(paths), tables, 0, reading, writing, wall, peak_rss_kib(), failures)


def peak_rss_kib() -> int:
    """Return this process's peak resident memory in KiB.

    Linux's ``ru_maxrss`` survives exec, so a spawned child would report its parent's
    peak; ``VmHWM`` belongs to the process's own address space.
    """
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def pin_to_one_core() -> None:
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})


# --- reporting ------------------------------------------------------------------------------


def print_run(name: str, run: Run) -> None:
    per_second = lambda n: n / run.seconds if run.seconds else float("inf")  # noqa: E731
    pages = f"{run.pages:6d}" if run.pages else f"{'-':>6}"
    pages_rate = f"{per_second(run.pages):8.1f}" if run.pages else f"{'-':>8}"
    print(
        f"{name:6} {run.files:7d} {run.tables:7d} {pages} {run.seconds:7.2f} {run.wall:7.2f} "
        f"{per_second(run.tables):9.0f} {run.tables / (run.seconds + run.json_seconds):6.0f} "
        f"{per_second(run.files):8.0f} {pages_rate} "
        f"{run.peak_rss_kib / 1024:7.1f}MB"
        + (f"  ({run.failures} files failed)" if run.failures else "")
    )


def print_flatness(runs: list[Run]) -> None:
    small, large = runs[0], runs[-1]
    ratio = large.peak_rss_kib / max(small.peak_rss_kib, 1)
    verdict = "flat" if ratio < 1.25 else "GROWS with the number of files"
    print(
        f"       memory: {large.files} files {large.peak_rss_kib / 1024:.1f}MB vs "
        f"{small.files} files {small.peak_rss_kib / 1024:.1f}MB (×{ratio:.2f}) — {verdict}"
    )


def meets_target(fmt: Format, run: Run) -> bool:
    done = run.pages if fmt.unit == "pages" else run.tables
    rate = done / run.seconds if run.seconds else float("inf")
    ok = rate >= fmt.target
    print(
        f"       target: ≥{fmt.target:.0f} {fmt.unit}/s — {'met' if ok else 'MISSED'}"
        f" ({rate:.0f} {fmt.unit}/s)"
    )
    return ok


def profile(sources: list[Path]) -> None:
    """Print the functions where reading the text seeds spends its time."""
    from jixiao.importers import read

    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(20):
        for path in sources:
            read(path)
    profiler.disable()
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).sort_stats("tottime").print_stats(15)
    print("\nhot spots (text, by own time):")
    print("\n".join(out.getvalue().splitlines()[6:]))


if __name__ == "__main__":
    sys.exit(main())
