"""One PDF page as pdfplumber's table and text algorithms see it, parsed by PDFium.

pdfplumber parses pages with pdfminer, in pure Python: on budget tables that was 70% of
the reading time and kept the reader under 20 pages per second. PDFium (pypdfium2,
which pdfplumber itself depends on) parses the same page in a tenth of the time. This
module gives pdfplumber's own algorithms (TableFinder, extract_text, text lines) what
they read from a page: characters with their boxes and the ruling edges of paths, in
pdfplumber's coordinates (points from the top-left corner).

A page may be turned: a landscape table printed on portrait paper, drawn on its side and
shown upright by the page's /Rotate, or scanned sideways. PDFium gives positions in the
unturned page space, so every position goes through the page's View, which turns the page
until its text runs left to right. The text decides, not /Rotate: it is what is read.
"""

from __future__ import annotations

import ctypes
import math
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass

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
# Characters sampled to find which way a page's text runs.
ANGLE_SAMPLE = 400


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


@dataclass(frozen=True, slots=True)
class View:
    """The page as read: turned clockwise by ``turn`` degrees (0, 90, 180 or 270).

    width and height are the unturned page's; ``point`` maps a point of the PDF page
    space (origin bottom-left) to the turned page, origin top-left, y down.
    """

    turn: int
    width: float
    height: float

    @property
    def size(self) -> tuple[float, float]:
        sideways = self.turn in (90, 270)
        return (self.height, self.width) if sideways else (self.width, self.height)

    def point(self, x: float, y: float) -> tuple[float, float]:
        if self.turn == 90:
            return y, x
        if self.turn == 180:
            return self.width - x, y
        if self.turn == 270:
            return self.height - y, self.width - x
        return x, self.height - y


def read_page(document: pdfium.PdfDocument, index: int) -> Page:
    """Given an open document and a page index, return the page's characters and edges."""
    page = document[index]
    try:
        width, height = page.get_size()
        rotation = page.get_rotation()
        if rotation in (90, 270):
            width, height = height, width  # get_size gives the page as /Rotate shows it
        text = page.get_textpage()
        try:
            view = View(text_turn(text.raw, rotation), width, height)
            chars = list(_chars(text, view))
        finally:
            text.close()
        edges = list(_page_edges(page, view))
    finally:
        page.close()
    return Page(chars, edges, *view.size)


def text_turn(handle, rotation: int) -> int:
    """Given a text page, return the clockwise turn (degrees) that sets its text upright.

    Most characters' angle decides; a page without text keeps its /Rotate. PDFium
    measures the angle clockwise, so text drawn a quarter turn anticlockwise (3π/2)
    needs the page turned a quarter clockwise.
    """
    turns: Counter[int] = Counter()
    for index in range(min(raw.FPDFText_CountChars(handle), ANGLE_SAMPLE)):
        angle = raw.FPDFText_GetCharAngle(handle, index)
        if angle >= 0 and not raw.FPDFText_IsGenerated(handle, index):
            turns[(4 - round(math.degrees(angle) / 90)) % 4 * 90] += 1
    return turns.most_common(1)[0][0] if turns else rotation % 360


def _chars(text: pdfium.PdfTextPage, view: View) -> Iterator[dict]:
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
        size = raw.FPDFText_GetFontSize(handle, index) or abs(box.top - box.bottom)
        left, _ = view.point(box.left, box.bottom)
        right, _ = view.point(box.right, box.top)
        _, baseline = view.point(x.value, y.value)
        yield _char(chr(code), left, right, baseline - ASCENT * size, size)


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


def _page_edges(page: pdfium.PdfPage, view: View) -> Iterator[dict]:
    """Given a page, yield the horizontal and vertical edges drawn by its paths."""
    handle = page.raw
    objects = [raw.FPDFPage_GetObject(handle, i) for i in range(raw.FPDFPage_CountObjects(handle))]
    yield from _object_edges(objects, IDENTITY, view, depth=0)


def _object_edges(objects, outer: Matrix, view: View, depth: int) -> Iterator[dict]:
    for obj in objects:
        kind = raw.FPDFPageObj_GetType(obj)
        if kind not in (raw.FPDF_PAGEOBJ_PATH, raw.FPDF_PAGEOBJ_FORM):
            continue
        matrix = _compose(_matrix(obj), outer)
        if kind == raw.FPDF_PAGEOBJ_PATH:
            yield from _path_edges(obj, matrix, view)
        elif depth < MAX_FORM_DEPTH:
            count = raw.FPDFFormObj_CountObjects(obj)
            children = [raw.FPDFFormObj_GetObject(obj, i) for i in range(max(count, 0))]
            yield from _object_edges(children, matrix, view, depth + 1)


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


def _path_edges(path, matrix: Matrix, view: View) -> Iterator[dict]:
    """Given a path object, yield an edge for each straight horizontal or vertical segment."""
    x, y = ctypes.c_float(), ctypes.c_float()
    start = previous = None
    for index in range(raw.FPDFPath_CountSegments(path)):
        segment = raw.FPDFPath_GetPathSegment(path, index)
        if not raw.FPDFPathSegment_GetPoint(segment, x, y):
            continue
        point = _apply(matrix, x.value, y.value, view)
        kind = raw.FPDFPathSegment_GetType(segment)
        if kind == raw.FPDF_SEGMENT_MOVETO:
            start = point
        elif kind == raw.FPDF_SEGMENT_LINETO and previous is not None:
            yield from _edge(previous, point)
        if raw.FPDFPathSegment_GetClose(segment) and start is not None:
            yield from _edge(point, start)
        previous = point


def _apply(matrix: Matrix, x: float, y: float, view: View) -> tuple[float, float]:
    a, b, c, d, e, f = matrix
    return view.point(a * x + c * y + e, b * x + d * y + f)


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
