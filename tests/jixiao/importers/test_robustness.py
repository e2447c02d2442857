"""The importer on damaged input: random, truncated, shuffled and mutated seeds.

Whatever arrives, ``read_text`` and ``read_bytes`` return a Document (with warnings where
they had to guess) or raise ReadError; no other exception escapes and none takes long.
"""

from __future__ import annotations

import os
import time
from random import Random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jixiao import interchange
from jixiao.errors import ReadError
from jixiao.importers import read_bytes, read_text
from jixiao.model import Document, ReadWarning
from jixiao.values import squash
from tests.conftest import seed_paths

SEED_TEXTS = [path.read_text(encoding="utf-8") for path in seed_paths()]
SEED_DOCUMENTS = [read_text(text, "seed.txt") for text in SEED_TEXTS]
# Every example reads a whole document; keep the count bounded so the suite stays fast.
FAST = settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
SECONDS_PER_DOCUMENT = 3.0
TRIALS = int(os.environ.get("JIXIAO_DAMAGE_TRIALS", "3"))
NAMES = ["表.txt", "表.md", "表.csv", "表.docx", "表.xlsx", "表.xls", "表.pdf", "表.html", "表"]

seeds = st.sampled_from(SEED_TEXTS)
# The characters the seed layouts are built from, so random text looks like a table.
table_text = st.text(
    st.one_of(
        st.sampled_from(
            "\t\n |%≥≤年月元万项目名称编码一级指标二级三级指标值产出效益满意度数量质量"
        ),
        st.characters(codec="utf-8"),
    ),
    max_size=2000,
)


def read_safely(read, *args) -> Document | None:
    """Given a reader and its arguments, return its Document, or None if it raised ReadError."""
    started = time.perf_counter()
    try:
        document = read(*args)
    except ReadError as error:
        assert error.message and error.source is not None
        return None
    finally:
        assert time.perf_counter() - started < SECONDS_PER_DOCUMENT
    assert_well_formed(document)
    return document


def assert_well_formed(document: Document) -> None:
    assert isinstance(document, Document)
    assert all(isinstance(w, ReadWarning) and w.message for w in document.warnings)
    for project in document.projects:
        for indicator in project.indicators:
            target = indicator.target
            assert (target.number is None) == (target.direction is None)
    assert interchange.to_dict(interchange.loads(interchange.dumps(document))) == (
        interchange.to_dict(document)
    )


@FAST
@given(table_text)
def test_random_text_never_raises(text):
    read_safely(read_text, text, "random.txt")


@FAST
@given(st.binary(max_size=4000), st.sampled_from(NAMES))
def test_random_bytes_under_any_name_never_raise(data, name):
    read_safely(read_bytes, data, name)


@FAST
@given(seeds, st.floats(min_value=0, max_value=1))
def test_a_truncated_seed_never_raises(text, share):
    read_safely(read_text, text[: int(len(text) * share)], "truncated.txt")


@FAST
@given(seeds, st.randoms(use_true_random=False))
def test_a_seed_with_shuffled_lines_never_raises(text, random):
    lines = text.splitlines()
    random.shuffle(lines)
    read_safely(read_text, "\n".join(lines), "shuffled.txt")


@FAST
@given(seeds, st.randoms(use_true_random=False), st.integers(min_value=1, max_value=40))
def test_a_mutated_seed_never_raises(text, random, mutations):
    lines = text.splitlines()
    for _ in range(mutations):
        mutate(lines, random)
    read_safely(read_text, "\n".join(lines), "mutated.txt")


@FAST
@given(seeds, st.randoms(use_true_random=False), st.sampled_from(NAMES))
def test_a_seed_with_flipped_bytes_never_raises(text, random, name):
    data = bytearray(text.encode(random.choice(["utf-8", "gb18030", "utf-16"])))
    for _ in range(random.randint(1, 50)):
        data[random.randrange(len(data))] = random.randrange(256)
    read_safely(read_bytes, bytes(data), name)


# Deterministic rather than hypothesis: shrinking a failure here re-reads whole documents
# hundreds of times.
@pytest.mark.parametrize("trial", range(TRIALS))
@pytest.mark.parametrize("index", range(len(SEED_TEXTS)))
def test_lines_lost_in_extraction_never_drop_text_silently(index, trial):
    """Every value the intact seed yields, if still in the damaged text, is read or warned about."""
    chance = Random(f"{index}-{trial}")
    lines = SEED_TEXTS[index].splitlines()
    kept = [line for line in lines if chance.random() > 0.03]
    document = read_safely(read_text, "\n".join(kept), "damaged.txt")
    if document is None:
        return
    # Only whole cells still printed are checked: wrapped text is joined, "227" is in "227.00".
    cells = {squash(cell) for line in kept for cell in (line, *line.split("\t"))}
    said = "|".join(squash(text) for text in all_texts(document))
    still_there = [text for text in value_texts(SEED_DOCUMENTS[index]) if text in cells]
    assert [text for text in still_there if text not in said] == []


def value_texts(document: Document) -> list[str]:
    """Given a document, return the cell texts it read as values (names, codes, targets …)."""
    texts = []
    for project in document.projects:
        texts += [project.name, project.code, project.purpose]
        for row in project.indicators:
            texts += [row.name, row.description, row.target.raw, row.basis]
    return [squash(text) for text in texts if squash(text)]


def all_texts(document: Document) -> list[str]:
    """Given a document, return every text it holds, warnings included."""
    texts = [w.message for w in document.warnings]
    for project in document.projects:
        texts += [project.unit_name, project.department, *(project.goals or [])]
        texts += [row.level1 or "" for row in project.indicators]
        texts += [row.level2 or "" for row in project.indicators]
    return [text for text in texts if text] + value_texts(document)


def mutate(lines: list[str], random) -> None:
    """Apply one edit a bad extraction might make: drop, repeat, swap, split or garble a line."""
    if not lines:
        lines.append("")
        return
    index = random.randrange(len(lines))
    line = lines[index]
    edit = random.randrange(6)
    if edit == 0:
        del lines[index]
    elif edit == 1:
        lines.insert(index, line)
    elif edit == 2:
        other = random.randrange(len(lines))
        lines[index], lines[other] = lines[other], line
    elif edit == 3 and line:
        cut = random.randrange(len(line))
        lines[index : index + 1] = [line[:cut], line[cut:]]
    elif edit == 4:
        lines[index] = line.replace("\t", random.choice(["", "\t\t", " "]), 1)
    else:
        lines[index] = line + random.choice(
            ["\t", "≥", "%", "一级指标", "项目名称\t", "\x00", "　"]
        )
