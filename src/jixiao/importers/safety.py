"""Limits for reading untrusted uploads, and the checks that enforce them.

Uploads may come from anyone, so every binary reader goes through these checks before a
third-party parser sees the bytes: a size cap, a zip-bomb check for .docx/.xlsx archives
(entry count, unpacked size, compression ratio), a refusal of XML document type
declarations (the door to entity-expansion and external-entity attacks), a page cap for
PDF and a time budget per file. Each failure is a ReadError with a Chinese message that
names the file.

Second line of defence, checked by tests: python-docx and openpyxl parse with lxml and
``resolve_entities=False``; openpyxl's iterparse comes from defusedxml when it is
installed (it is a dependency).
"""

from __future__ import annotations

import io
import re
import signal
import threading
import time
import zipfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from ..errors import ReadError

MIB = 1024 * 1024


@dataclass(frozen=True, slots=True)
class Limits:
    """What one file may cost; the defaults suit a budget-table upload with room to spare."""

    max_upload_bytes: int = 50 * MIB
    max_unpacked_bytes: int = 300 * MIB
    max_zip_entries: int = 5000
    # Ratio is judged only for entries large enough to matter: small XML parts
    # legitimately compress 50-100 times.
    max_compression_ratio: int = 200
    ratio_floor_bytes: int = 4 * MIB
    max_pdf_pages: int = 500
    max_sheet_rows: int = 100_000
    seconds_per_file: float = 60.0


LIMITS = Limits()

XML_SUFFIXES = (".xml", ".rels", ".vml")
PROLOGUE_BYTES = 64 * 1024
ROOT_ELEMENT = re.compile(rb"<[A-Za-z_]")


def check_upload_size(data: bytes, source: str, limits: Limits | None = None) -> None:
    """Given a file's bytes, raise ReadError when they exceed the upload cap."""
    limits = limits or LIMITS
    if len(data) > limits.max_upload_bytes:
        size = len(data) / MIB
        cap = limits.max_upload_bytes / MIB
        raise ReadError(source, f"文件过大（{size:.1f} MB），上限为 {cap:.0f} MB")


def open_zip(data: bytes, source: str, limits: Limits | None = None) -> zipfile.ZipFile:
    """Given the bytes of a .docx/.xlsx, return the checked archive or raise ReadError.

    zipfile never inflates an entry beyond the size its central directory declares, so
    checking the declared sizes bounds the work every later reader can be made to do.
    """
    limits = limits or LIMITS
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (
        zipfile.BadZipFile,
        zipfile.LargeZipFile,
        NotImplementedError,
        OSError,
        ValueError,
        EOFError,
    ) as exc:
        raise ReadError(source, "文件已损坏或不完整，无法作为 Office 文档打开") from exc
    check_zip_entries(infos, source, limits)
    for info in infos:
        if info.filename.lower().endswith(XML_SUFFIXES):
            check_xml_prologue(read_prologue(archive, info, source), source, info.filename)
    return archive


def check_zip_entries(infos: list[zipfile.ZipInfo], source: str, limits: Limits) -> None:
    """Given an archive's entries, raise ReadError for encryption or a zip bomb."""
    if len(infos) > limits.max_zip_entries:
        raise ReadError(source, f"压缩包内文件过多（{len(infos)} 个），疑似恶意文件")
    if any(info.flag_bits & 0x1 for info in infos):
        raise ReadError(source, "文件已加密，请取消密码保护后重新上传")
    total = sum(info.file_size for info in infos)
    if total > limits.max_unpacked_bytes:
        raise ReadError(source, f"解压后内容过大（{total / MIB:.0f} MB），疑似压缩炸弹")
    for info in infos:
        if info.file_size > limits.ratio_floor_bytes:
            ratio = info.file_size / max(info.compress_size, 1)
            if ratio > limits.max_compression_ratio:
                raise ReadError(
                    source, f"“{info.filename}”压缩比异常（{ratio:.0f} 倍），疑似压缩炸弹"
                )


def read_prologue(archive: zipfile.ZipFile, info: zipfile.ZipInfo, source: str) -> bytes:
    """Given an archive entry, return its first bytes, or raise ReadError if they don't inflate."""
    try:
        with archive.open(info) as stream:
            prologue = stream.read(1024)
            # The root element almost always starts within the first line; only a long
            # comment or declaration makes it worth inflating more.
            while not ROOT_ELEMENT.search(prologue) and len(prologue) < PROLOGUE_BYTES:
                more = stream.read(4096)
                if not more:
                    break
                prologue += more
            return prologue
    except (
        zipfile.BadZipFile,
        zlib.error,
        OSError,
        ValueError,
        EOFError,
        NotImplementedError,
    ) as exc:
        raise ReadError(source, f"文件已损坏，无法解压“{info.filename}”") from exc
    except RuntimeError as exc:  # zipfile's word for an encrypted entry
        raise ReadError(source, "文件已加密，请取消密码保护后重新上传") from exc


def check_xml_prologue(prologue: bytes, source: str, part: str) -> None:
    """Given the start of an XML part, raise ReadError if it declares a DTD or entities.

    Office never writes a DTD, so refusing one costs nothing and shuts out entity
    expansion (billion laughs) and external entities whatever parser reads the part.
    """
    if prologue.startswith((b"\xff\xfe", b"\xfe\xff")):
        prologue = prologue.decode("utf-16", errors="replace").encode("utf-8")
    root = ROOT_ELEMENT.search(prologue)
    head = prologue[: root.start()] if root else prologue
    if b"<!doctype" in head.lower() or b"<!entity" in head.lower():
        raise ReadError(source, f"“{part}”含有文档类型声明（DTD），出于安全考虑拒绝读取")


class Deadline:
    """A time budget for reading one file, checked by readers between units of work."""

    def __init__(self, source: str, seconds: float | None = None) -> None:
        self.source = source
        self.seconds = LIMITS.seconds_per_file if seconds is None else seconds
        self.end = time.monotonic() + self.seconds

    def check(self) -> None:
        """Raise ReadError once the budget is spent."""
        if time.monotonic() > self.end:
            raise self.error()

    def error(self) -> ReadError:
        return ReadError(self.source, f"读取超时（超过 {self.seconds:.0f} 秒），文件可能异常")


class _Expired(BaseException):
    """Raised by the timer inside a parser; BaseException so parsers' `except Exception` miss it."""


@contextmanager
def time_limit(deadline: Deadline) -> Iterator[None]:
    """Within the block, interrupt a parser that overruns the deadline.

    A hard interrupt needs SIGALRM, which only the main thread of a Unix process can
    receive; elsewhere (a web worker thread) readers rely on cooperative Deadline.check()
    calls between pages, sheets and tables.
    """
    if not _can_use_alarm():
        yield
        return

    active = True

    def expire(signum, frame):
        if active:
            raise _Expired

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, max(deadline.seconds, 0.001))
    try:
        yield
    except _Expired:
        raise deadline.error() from None
    finally:
        active = False
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _can_use_alarm() -> bool:
    if not hasattr(signal, "setitimer"):
        return False
    if threading.current_thread() is not threading.main_thread():
        return False
    # Don't take over a timer someone else (pytest-timeout, a caller) already set.
    return signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
