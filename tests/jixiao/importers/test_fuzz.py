"""Every reader on thousands of corrupted files: only ReadError may escape, and fast.

A seeded mutation loop (reproducible: the failure message names the seed) damages small
real files the way uploads get damaged: flipped bytes, truncation, spliced chunks, and,
inside .docx/.xlsx archives, corrupted XML parts re-zipped with valid checksums so the
damage reaches the XML and table parsers instead of stopping at the zip layer.

The default run makes about 2,000 files in well under a minute; set JIXIAO_FUZZ_SCALE
(e.g. 20) for a longer run.
"""

from __future__ import annotations

import io
import os
import time
import zipfile
from collections.abc import Callable
from pathlib import Path
from random import Random

import pytest

from jixiao.errors import ReadError
from jixiao.importers import read_bytes
from jixiao.model import Document
from tests.conftest import expected_for, seed_paths
from tests.jixiao.importers.office import project_docx, project_xlsx

DATA = Path(__file__).parent / "data"
SCALE = float(os.environ.get("JIXIAO_FUZZ_SCALE", "1"))
SECONDS_PER_FILE = 5.0
PROJECT = expected_for(seed_paths()[0])["projects"][:1]
HTML = (
    "<html><head><meta charset='utf-8'></head><body><p>项目绩效目标表</p><table>"
    "<tr><td>项目名称</td><td colspan='2'>测试</td></tr>"
    "<tr><td rowspan='2'>产出指标</td><td>数量指标</td><td>≥1套</td></tr>"
    "<tr><td>质量指标</td><td>100%</td></tr></table></body></html>"
).encode()


def _originals() -> dict[str, tuple[str, bytes, int]]:
    """Format → (file name, bytes, number of mutants in the default run)."""
    return {
        "docx": ("表.docx", project_docx(PROJECT), 300),
        "xlsx": ("表.xlsx", project_xlsx(PROJECT), 500),
        "xls": ("表.xls", (DATA / "seed_001.xls").read_bytes(), 400),
        "pdf": ("表.pdf", (DATA / "small.pdf").read_bytes(), 250),
        "html": ("表.html", HTML, 600),
    }


ORIGINALS = _originals()


def flip_bytes(data: bytes, rng: Random) -> bytes:
    out = bytearray(data)
    for _ in range(rng.randint(1, 20)):
        out[rng.randrange(len(out))] = rng.randrange(256)
    return bytes(out)


def truncate(data: bytes, rng: Random) -> bytes:
    return data[: rng.randrange(len(data))]


def splice(data: bytes, rng: Random) -> bytes:
    """Copy a chunk of the file over another place (repeated structures, wrong offsets)."""
    start, length = rng.randrange(len(data)), rng.randint(1, 512)
    at = rng.randrange(len(data))
    return data[:at] + data[start : start + length] + data[at + rng.randint(0, length) :]


MARKUP = [b"<", b">", b"&", b"&amp", b'"', b"</w:tc>", b"<c r='ZZZ9999999'>", b"\x00", b"\xff"]


def corrupt_zip_entry(data: bytes, rng: Random) -> bytes:
    """Damage one XML part inside an Office archive and re-zip it with good checksums."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        parts = {info.filename: archive.read(info.filename) for info in archive.infolist()}
    except zipfile.BadZipFile:
        return flip_bytes(data, rng)
    xml = sorted(name for name in parts if name.endswith((".xml", ".rels")))
    name = rng.choice(xml)
    body = bytearray(parts[name])
    for _ in range(rng.randint(1, 8)):
        at = rng.randrange(len(body) + 1)
        if rng.random() < 0.5:
            body[at:at] = rng.choice(MARKUP)
        else:
            del body[at : at + rng.randint(1, 40)]
    parts[name] = bytes(body)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for part, content in parts.items():
            target.writestr(part, content)
    return buffer.getvalue()


Mutation = Callable[[bytes, Random], bytes]
MUTATIONS: list[Mutation] = [flip_bytes, truncate, splice]


def _mutations(fmt: str) -> list[Mutation]:
    if fmt in ("docx", "xlsx"):
        return [*MUTATIONS, corrupt_zip_entry, corrupt_zip_entry]
    return MUTATIONS


@pytest.mark.parametrize("fmt", sorted(ORIGINALS))
def test_corrupted_files_raise_only_read_error_and_never_hang(fmt):
    name, original, count = ORIGINALS[fmt]
    assert isinstance(read_bytes(original, name), Document)
    failures = []
    slowest = 0.0
    for seed in range(int(count * SCALE)):
        rng = Random(f"{fmt}-{seed}")
        mutation = rng.choice(_mutations(fmt))
        data = mutation(original, rng)
        started = time.perf_counter()
        try:
            read_bytes(data, name)
        except ReadError as error:
            assert error.source == name
        except Exception as error:  # collecting what escaped is the test
            failures.append(f"seed {fmt}-{seed} ({mutation.__name__}): {error!r}")
        slowest = max(slowest, time.perf_counter() - started)
    assert not failures, "\n".join(failures[:10])
    assert slowest < SECONDS_PER_FILE
