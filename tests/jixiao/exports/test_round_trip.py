"""Import → export → import gives back the same document, for Excel and Word.

Provenance (``location``), ``warnings`` and ``source`` may differ; every spec field,
the department overview and the self-evaluation fields must not.
"""

import pytest

from jixiao import interchange
from jixiao.exports import export
from jixiao.importers import read, read_bytes
from jixiao.model import Document
from jixiao.values import squash
from tests.conftest import seed_paths

from .documents import expected_document, expected_paths, self_evaluation

FORMATS = ("xlsx", "docx")


def spec_fields(document: Document) -> dict:
    data = interchange.to_dict(document)
    del data["source"], data["warnings"]
    return _without_location(data)


def _without_location(value):
    if isinstance(value, list):
        return [_without_location(v) for v in value]
    if isinstance(value, dict):
        return {k: _without_location(v) for k, v in value.items() if k != "location"}
    return value


def _again(document: Document, fmt: str) -> Document:
    return read_bytes(export(document, fmt), f"导出.{fmt}")


@pytest.fixture(scope="module", params=seed_paths(), ids=lambda p: p.stem[:3])
def imported(request) -> Document:
    return read(request.param)


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_seed_comes_back_the_same(imported, fmt):
    assert spec_fields(_again(imported, fmt)) == spec_fields(imported)


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("path", expected_paths(), ids=lambda p: p.stem[:3])
def test_the_expected_document_comes_back_the_same(path, fmt):
    document = expected_document(path)
    # The hand-checked files keep a few spaces the importer removes as extraction debris
    # (", 实现"); compare.py ignores whitespace for the same reason.
    assert _squashed(spec_fields(_again(document, fmt))) == _squashed(spec_fields(document))


def _squashed(value):
    if isinstance(value, str):
        return squash(value)
    if isinstance(value, list):
        return [_squashed(v) for v in value]
    if isinstance(value, dict):
        return {k: _squashed(v) for k, v in value.items()}
    return value


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_self_evaluation_with_an_overview_comes_back_the_same(fmt):
    document = self_evaluation()
    assert spec_fields(_again(document, fmt)) == spec_fields(document)


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_twice_exported_file_reads_the_same_as_once(fmt):
    once = _again(expected_document(expected_paths()[1]), fmt)
    assert spec_fields(_again(once, fmt)) == spec_fields(once)
