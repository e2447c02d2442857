"""One PDF page as pdfplumber's table and text algorithms see it, parsed by PDFium.

pdfplumber parses pages with pdfminer, in pure Python: on budget tables that was 70% of
the reading time and kept the reader under 20 pages per second. PDFium (pypdfium2,
which pdfplumber itself depends on) parses the same page in a tenth of the time. This
module gives pdfplumber's own algorithms (TableFinder, extract_text, text lines) what
they read from a page: characters with their boxes and the ruling edges of paths, in
pdfplumber's coordinates (points from the top-left corner).
"""

from __future__ import annotations

import ctypes
from collections.abc import Callable, Iterator

import pypdfium2 as pdfium
import pypdfium2.raw as raw
from pdfplumber.table import Table, TableFinder
from pdfplumber.utils import extract_text
from pdfplumber.utils.text import chars_to_textmap

# Segments closer than this to horizontal or vertical (points) are ruling lines.
STRAIGHT = 0.5
MAX_FORM_DEPTH = 8
# Share of the font size above the baseline (pdfminer's box for CJK fonts is about this).
ASCENT = 0.88
Matrix = tuple[float, float, float, float, float, float]
IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


class Page:
    """The parts of a pdfplumber Page that TableFinder and text extraction use."""

    def __init__(self, chars: list[dict], edges: list[dict], width: float, height: float):
        self.chars = chars
        self.edges = edges
        self.width = width
        self.height = height
        self.bbox = (0.0, 0.0, width, height)

    def find_tables(self) -> list[Table]:
        return TableFinder(self, {}).tables

    def extract_text(self) -> str:
        return extract_text(self.chars) if self.chars else ""

    def filter(self, keep: Callable[[dict], bool]) -> Page:
        return Page([c for c in self.chars if keep(c)], self.edges, self.width, self.height)

    def extract_text_lines(self, return_chars: bool = False) -> list[dict]:
        if not self.chars:
            return []
        return chars_to_textmap(self.chars).extract_text_lines(return_chars=return_chars)

    def close(self) -> None:
        """Nothing to free: the PDFium page is closed once read."""


def read_page(document: pdfium.PdfDocument, index: int) -> Page:
    """Given an open document and a page index, return the page's characters and edges."""
    page = document[index]
    try:
        width, height = page.get_size()
        text = page.get_textpage()
        try:
            chars = list(_chars(text, height))
        finally:
            text.close()
        edges = list(_page_edges(page, height))
    finally:
        page.close()
    return Page(chars, edges, width, height)


def _chars(text: pdfium.PdfTextPage, height: float) -> Iterator[dict]:
    """Given a text page, yield its characters as pdfplumber char dicts."""
    handle = text.raw
    box = raw.FS_RECTF()
    x, y = ctypes.c_double(), ctypes.c_double()
    high = None  # a UTF-16 high surrogate waiting for its pair
    for index in range(raw.FPDFText_CountChars(handle)):
        if raw.FPDFText_IsGenerated(handle, index) == 1:
            continue
        code = raw.FPDFText_GetUnicode(handle, index)
        if 0xD800 <= code < 0xDC00:
            high = code
            continue
        if 0xDC00 <= code < 0xE000:
            if high is None:
                continue
            code = 0x10000 + ((high - 0xD800) << 10) + (code - 0xDC00)
        high = None
        if code < 0x20 or code > 0x10FFFF or not raw.FPDFText_GetLooseCharBox(handle, index, box):
            continue
        raw.FPDFText_GetCharOrigin(handle, index, x, y)
        size = raw.FPDFText_GetFontSize(handle, index) or (box.top - box.bottom)
        yield _char(chr(code), box.left, box.right, height - y.value - ASCENT * size, size)


def _char(text: str, left: float, right: float, top: float, size: float) -> dict:
    """Return a pdfplumber char dict. Its height is the font size from the baseline, as
    pdfminer gives it: glyph boxes differ per glyph and would scatter a line's characters.
    """
    x0, x1 = min(left, right), max(left, right)
    return {
        "object_type": "char",
        "text": text,
        "x0": x0,
        "x1": x1,
        "top": top,
        "bottom": top + size,
        "doctop": top,
        "width": x1 - x0,
        "height": size,
        "upright": True,
        "size": size,
        "fontname": "",
        "matrix": (1, 0, 0, 1, x0, 0),
    }


def _page_edges(page: pdfium.PdfPage, height: float) -> Iterator[dict]:
    """Given a page, yield the horizontal and vertical edges drawn by its paths."""
    handle = page.raw
    objects = [raw.FPDFPage_GetObject(handle, i) for i in range(raw.FPDFPage_CountObjects(handle))]
    yield from _object_edges(objects, IDENTITY, height, depth=0)


def _object_edges(objects, outer: Matrix, height: float, depth: int) -> Iterator[dict]:
    for obj in objects:
        kind = raw.FPDFPageObj_GetType(obj)
        if kind not in (raw.FPDF_PAGEOBJ_PATH, raw.FPDF_PAGEOBJ_FORM):
            continue
        matrix = _compose(_matrix(obj), outer)
        if kind == raw.FPDF_PAGEOBJ_PATH:
            yield from _path_edges(obj, matrix, height)
        elif depth < MAX_FORM_DEPTH:
            count = raw.FPDFFormObj_CountObjects(obj)
            children = [raw.FPDFFormObj_GetObject(obj, i) for i in range(max(count, 0))]
            yield from _object_edges(children, matrix, height, depth + 1)


def _matrix(obj) -> Matrix:
    m = raw.FS_MATRIX()
    if not raw.FPDFPageObj_GetMatrix(obj, m):
        return IDENTITY
    return (m.a, m.b, m.c, m.d, m.e, m.f)


def _compose(inner: Matrix, outer: Matrix) -> Matrix:
    """Given an object's matrix and its container's, return the object-to-page matrix."""
    a, b, c, d, e, f = inner
    A, B, C, D, E, F = outer
    return (
        a * A + b * C,
        a * B + b * D,
        c * A + d * C,
        c * B + d * D,
        e * A + f * C + E,
        e * B + f * D + F,
    )


def _path_edges(path, matrix: Matrix, height: float) -> Iterator[dict]:
    """Given a path object, yield an edge for each straight horizontal or vertical segment."""
    x, y = ctypes.c_float(), ctypes.c_float()
    start = previous = None
    for index in range(raw.FPDFPath_CountSegments(path)):
        segment = raw.FPDFPath_GetPathSegment(path, index)
        if not raw.FPDFPathSegment_GetPoint(segment, x, y):
            continue
        point = _apply(matrix, x.value, y.value, height)
        kind = raw.FPDFPathSegment_GetType(segment)
        if kind == raw.FPDF_SEGMENT_MOVETO:
            start = point
        elif kind == raw.FPDF_SEGMENT_LINETO and previous is not None:
            yield from _edge(previous, point)
        if raw.FPDFPathSegment_GetClose(segment) and start is not None:
            yield from _edge(point, start)
        previous = point


def _apply(matrix: Matrix, x: float, y: float, height: float) -> tuple[float, float]:
    a, b, c, d, e, f = matrix
    return (a * x + c * y + e, height - (b * x + d * y + f))


def _edge(p: tuple[float, float], q: tuple[float, float]) -> Iterator[dict]:
    (x0, y0), (x1, y1) = p, q
    if abs(y0 - y1) <= STRAIGHT and abs(x0 - x1) > STRAIGHT:
        left, right = sorted((x0, x1))
        yield {
            "object_type": "line",
            "orientation": "h",
            "x0": left,
            "x1": right,
            "top": y0,
            "bottom": y0,
            "width": right - left,
            "height": 0.0,
        }
    elif abs(x0 - x1) <= STRAIGHT and abs(y0 - y1) > STRAIGHT:
        top, bottom = sorted((y0, y1))
        yield {
            "object_type": "line",
            "orientation": "v",
            "x0": x0,
            "x1": x0,
            "top": top,
            "bottom": bottom,
            "width": 0.0,
            "height": bottom - top,
        }
