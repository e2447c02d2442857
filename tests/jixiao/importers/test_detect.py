"""Format detection from content: the file name is only the last resort."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from jixiao.errors import ReadError
from jixiao.importers.detect import OLE2, sniff
from tests.conftest import expected_for, seed_paths
from tests.jixiao.importers.office import project_docx, project_xlsx

PROJECTS = expected_for(seed_paths()[0])["projects"][:1]
DATA = Path(__file__).parent / "data"


def _zip(**parts: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, text in parts.items():
            archive.writestr(name.replace("__", "/"), text)
    return buffer.getvalue()


@pytest.mark.parametrize("name", ["表.docx", "表.pdf", "表.txt", "表"])
def test_word_is_recognised_whatever_its_name(name):
    assert sniff(project_docx(PROJECTS), name) == "docx"


@pytest.mark.parametrize("name", ["表.xlsx", "表.docx", "表.xls"])
def test_excel_is_recognised_whatever_its_name(name):
    assert sniff(project_xlsx(PROJECTS), name) == "xlsx"


def test_pdf_legacy_excel_and_html_by_their_content():
    assert sniff((DATA / "split_table.pdf").read_bytes(), "表.docx") == "pdf"
    assert sniff(b"\r\n%PDF-1.7\n...", "表") == "pdf"
    assert sniff((DATA / "seed_001.xls").read_bytes(), "表.xlsx") == "xls"
    page = "\ufeff<!-- saved -->\n<!DOCTYPE html><html><body><table></table></body></html>"
    assert sniff(page.encode("utf-8"), "表.txt") == "html"
    assert sniff("<table><tr><td>项目名称</td></tr></table>".encode("gbk"), "表") == "html"


def test_text_falls_back_to_the_name_and_then_to_text():
    assert sniff("项目名称\t业务费".encode("gbk"), "表.md") == "text"
    assert sniff("项目名称\t业务费".encode(), "表.bin") == "text"
    assert sniff("项目名称,业务费".encode(), "表.CSV") == "csv"
    assert sniff("项目名称\t业务费".encode(), "表.tsv") == "csv"


def test_a_damaged_zip_goes_to_the_reader_its_name_names():
    assert sniff(b"PK\x03\x04garbage", "表.xlsx") == "xlsx"
    assert sniff(b"PK\x03\x04garbage", "表") == "docx"


def test_an_old_word_document_asks_to_be_saved_as_docx():
    data = OLE2 + b"\x00" * 100 + "WordDocument".encode("utf-16-le")
    with pytest.raises(ReadError, match=r"另存为 \.docx") as error:
        sniff(data, "旧文档.doc")
    assert error.value.source == "旧文档.doc"


def test_an_encrypted_office_file_says_so():
    data = OLE2 + b"\x00" * 100 + "EncryptedPackage".encode("utf-16-le")
    with pytest.raises(ReadError, match="加密"):
        sniff(data, "加密.xlsx")


def test_opendocument_and_stray_zips_and_rtf_are_refused_clearly():
    with pytest.raises(ReadError, match="OpenDocument"):
        sniff(_zip(mimetype="application/vnd.oasis.opendocument.text"), "表.odt")
    with pytest.raises(ReadError, match="没有 Word 文档或 Excel 工作簿"):
        sniff(_zip(readme__txt="hi"), "表.zip")
    with pytest.raises(ReadError, match="RTF"):
        sniff(b"{\\rtf1\\ansi ...}", "表.doc")
