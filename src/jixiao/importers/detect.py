"""Tell which reader a file needs, from its content and, failing that, its name.

Office files are recognised inside their container: an OOXML zip holds word/ (.docx) or
xl/ (.xlsx); an OLE2 compound file is a legacy .xls, an old .doc (refused with a hint to
save as .docx) or an encrypted Office file. Then %PDF, then HTML by its first tag.
To add a format, add a magic-byte test to ``MAGIC`` and/or a suffix to ``SUFFIXES``;
the name must be a key of ``importers.FORMATS``.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import PurePath

from ..errors import ReadError

ZIP = b"PK\x03\x04"
OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
HTML_START = re.compile(
    rb"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|table)\b", re.I | re.S
)

# (leading bytes, format). Checked in order; the first match wins.
MAGIC: list[tuple[bytes, str]] = []

SUFFIXES: dict[str, str] = {
    ".docx": "docx",
    ".xlsx": "xlsx",
    ".xlsm": "xlsx",
    ".xls": "xls",
    ".pdf": "pdf",
    ".html": "html",
    ".htm": "html",
    ".txt": "text",
    ".md": "text",
    ".markdown": "text",
    ".text": "text",
    ".csv": "csv",
    ".tsv": "csv",
}

DEFAULT = "text"


def sniff(data: bytes, name: str) -> str:
    """Given a file's bytes and name, return the format name of the reader to use.

    Raise ReadError for a file whose content shows it cannot be read (an old .doc, an
    encrypted Office file, a zip that is no Office document).
    """
    found = sniff_content(data, name)
    if found:
        return found
    for magic, fmt in MAGIC:
        if data.startswith(magic):
            return fmt
    return SUFFIXES.get(PurePath(name).suffix.lower(), DEFAULT)


def sniff_content(data: bytes, name: str) -> str | None:
    """Given a file's bytes, return the format its content shows, or None if it shows none."""
    if data.startswith(ZIP):
        return _zip_format(data, name)
    if data.startswith(OLE2):
        return _ole_format(data, name)
    if b"%PDF-" in data[:1024]:
        return "pdf"
    if data.lstrip().startswith(b"{\\rtf"):
        raise ReadError(name, "不支持 RTF 格式，请在 Word 中另存为 .docx 后重新上传")
    if HTML_START.match(_without_bom(data[:4096])):
        return "html"
    return None


def _zip_format(data: bytes, name: str) -> str | None:
    """Given zip bytes, tell .docx from .xlsx by the parts inside."""
    try:
        names = zipfile.ZipFile(io.BytesIO(data)).namelist()
    except (
        zipfile.BadZipFile,
        zipfile.LargeZipFile,
        NotImplementedError,
        OSError,
        ValueError,
        EOFError,
    ):
        return SUFFIXES.get(PurePath(name).suffix.lower(), "docx")  # its reader reports the damage
    if "word/document.xml" in names or any(n.startswith("word/") for n in names):
        return "docx"
    if any(n.startswith("xl/") for n in names):
        return "xlsx"
    if "mimetype" in names:
        raise ReadError(name, "不支持 OpenDocument（WPS/LibreOffice）格式，请另存为 .docx 或 .xlsx")
    raise ReadError(name, "压缩文件中没有 Word 文档或 Excel 工作簿，无法读取")


def _ole_format(data: bytes, name: str) -> str:
    """Given an OLE2 compound file, return "xls" or raise ReadError for what can't be read."""
    if "EncryptedPackage".encode("utf-16-le") in data:
        raise ReadError(name, "文件已加密，请取消密码保护后重新上传")
    if "WordDocument".encode("utf-16-le") in data:
        raise ReadError(name, "不支持旧版 Word (.doc) 格式，请在 Word 中另存为 .docx 后重新上传")
    if "Workbook".encode("utf-16-le") in data or "Book".encode("utf-16-le") in data:
        return "xls"
    if PurePath(name).suffix.lower() == ".doc":
        raise ReadError(name, "不支持旧版 Word (.doc) 格式，请在 Word 中另存为 .docx 后重新上传")
    return "xls"  # the .xls reader reports anything else as damaged


def _without_bom(data: bytes) -> bytes:
    for bom in (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff"):
        if data.startswith(bom):
            return data[len(bom) :].replace(b"\x00", b"") if bom != b"\xef\xbb\xbf" else data[3:]
    return data
