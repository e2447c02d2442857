"""Upload safety: size caps, zip bombs, XML entity attacks, encryption, time budgets."""

from __future__ import annotations

import io
import threading
import time
import zipfile

import docx
import pytest
from lxml import etree

from jixiao.errors import ReadError
from jixiao.importers import docx as docx_reader
from jixiao.importers import read_bytes, safety
from jixiao.importers import xlsx as xlsx_reader
from tests.conftest import expected_for, seed_paths
from tests.jixiao.importers.office import project_docx, project_xlsx

PROJECTS = expected_for(seed_paths()[0])["projects"][:1]
LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
<!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">]>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
<w:body><w:p><w:r><w:t>&lol4;</w:t></w:r></w:p></w:body></w:document>"""
EXTERNAL = b"""<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>
<row r="1"><c r="A1" t="inlineStr"><is><t>&e;</t></is></c></row></sheetData></worksheet>"""


def _replace(data: bytes, part: str, content: bytes) -> bytes:
    """Given an Office file, return it with one part's content replaced."""
    source = zipfile.ZipFile(io.BytesIO(data))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            body = content if info.filename == part else source.read(info.filename)
            target.writestr(info.filename, body)
    return buffer.getvalue()


def test_an_upload_over_the_size_cap_is_refused():
    with pytest.raises(ReadError, match="文件过大"):
        safety.check_upload_size(b"x" * 11, "大.docx", safety.Limits(max_upload_bytes=10))


def test_an_archive_over_the_unpacked_cap_is_refused():
    data = project_docx(PROJECTS)
    with pytest.raises(ReadError, match="压缩炸弹"):
        safety.open_zip(data, "炸弹.docx", safety.Limits(max_unpacked_bytes=1000))


def test_an_entry_with_a_bomb_like_compression_ratio_is_refused():
    data = _replace(project_docx(PROJECTS), "word/media/zeros.bin", b"")
    bomb = io.BytesIO(data)
    with zipfile.ZipFile(bomb, "a", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/media/zeros.bin", b"\0" * (6 * safety.MIB))
    started = time.perf_counter()
    with pytest.raises(ReadError, match="压缩比异常"):
        docx_reader.to_grid(bomb.getvalue(), "炸弹.docx")
    assert time.perf_counter() - started < 1


def test_too_many_entries_are_refused():
    data = project_xlsx(PROJECTS)
    with pytest.raises(ReadError, match="文件过多"):
        safety.open_zip(data, "多.xlsx", safety.Limits(max_zip_entries=3))


def test_entries_flagged_encrypted_are_refused():
    data = bytearray(project_docx(PROJECTS))
    # zipfile cannot write encrypted entries: set the flag in the central directory.
    central = data.find(b"PK\x01\x02")
    data[central + 8] |= 0x1
    with pytest.raises(ReadError, match="加密"):
        safety.open_zip(bytes(data), "加密.docx")


def test_billion_laughs_in_a_word_document_fails_fast_and_safely():
    data = _replace(project_docx(PROJECTS), "word/document.xml", LAUGHS)
    started = time.perf_counter()
    with pytest.raises(ReadError, match="DTD"):
        read_bytes(data, "笑.docx")
    assert time.perf_counter() - started < 1


def test_external_entities_in_a_workbook_are_refused():
    data = project_xlsx(PROJECTS)
    data = _replace(data, "xl/worksheets/sheet1.xml", EXTERNAL)
    with pytest.raises(ReadError, match="DTD"):
        xlsx_reader.to_grid(data, "外部实体.xlsx")


def test_a_dtd_in_utf16_is_seen_too():
    with pytest.raises(ReadError, match="DTD"):
        safety.check_xml_prologue(LAUGHS.decode().encode("utf-16"), "笑.docx", "document.xml")


def test_python_docx_would_not_expand_entities_either():
    """The second line of defence: python-docx's own parser leaves entities unexpanded."""
    parser = docx.oxml.parser.oxml_parser
    root = etree.fromstring(LAUGHS, parser)
    assert len(etree.tostring(root)) < 10_000


def test_the_deadline_check_raises_once_spent():
    deadline = safety.Deadline("慢.pdf", seconds=0)
    time.sleep(0.01)
    with pytest.raises(ReadError, match="读取超时"):
        deadline.check()


def test_time_limit_interrupts_a_parser_that_hangs():
    started = time.perf_counter()
    with pytest.raises(ReadError, match="读取超时"), safety.time_limit(safety.Deadline("慢", 0.2)):
        while True:
            pass
    assert time.perf_counter() - started < 2


def test_time_limit_stays_out_of_the_way_off_the_main_thread():
    outcome = []

    def work():
        with safety.time_limit(safety.Deadline("线程", 0.01)):
            time.sleep(0.05)
        outcome.append("done")

    thread = threading.Thread(target=work)
    thread.start()
    thread.join()
    assert outcome == ["done"]
