"""Saved web pages (预算公开 pages): tables with rowspan/colspan, and the text around them.

lxml's HTML parser reads the page (no network, no entity definitions: HTML has none
beyond the standard ones). The body is walked in document order: each block of text
becomes a one-cell row, each table row a row of cells, merged cells marked the way the
.docx reader marks Word's, and a table nested in a cell follows the row that holds it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

import lxml.html
from lxml import etree

from ..errors import ReadError
from ..model import Location
from . import safety
from .encoding import decode
from .grid import Cell, Grid, Row

SKIPPED = {"script", "style", "noscript", "head", "template", "iframe", "object", "select"}
BLOCKS = {
    "address", "article", "aside", "blockquote", "body", "caption", "center", "dd", "div",
    "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4",
    "h5", "h6", "header", "hr", "li", "main", "nav", "ol", "p", "pre", "section", "title",
    "ul",
}  # fmt: skip
CELLS = {"td", "th"}
SECTIONS = {"thead", "tbody", "tfoot"}
HIDDEN = re.compile(r"display\s*:\s*none", re.IGNORECASE)
SPACES = re.compile(r"[ \t\r\n\f\v\u00a0\u3000]+")
CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.IGNORECASE)
XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
MAX_SPAN = 1000


@dataclass(slots=True)
class _Walk:
    """State shared while walking one page: rows so far, table count, pending text."""

    rows: list[Row] = field(default_factory=list)
    tables: int = 0
    text: list[str] = field(default_factory=list)
    line: int | None = None


def to_grid(data: bytes, source: str) -> Grid:
    """Given the bytes of an HTML page, return its text blocks and table rows in reading order."""
    safety.check_upload_size(data, source)
    root = _parse(data, source)
    walk = _Walk()
    body = root.find("body")
    _walk(body if body is not None else root, walk)
    _flush(walk)
    return Grid(source=source, rows=walk.rows)


def _parse(data: bytes, source: str) -> etree._Element:
    """Given page bytes, return the parsed document, decoded by its declared charset."""
    text = XML_DECLARATION.sub("", _decode(data, source))
    parser = lxml.html.HTMLParser(
        no_network=True, remove_comments=True, remove_pis=True, huge_tree=False
    )
    try:
        return lxml.html.document_fromstring(text, parser=parser)
    except (etree.ParserError, ValueError) as exc:
        raise ReadError(source, "无法作为网页 (HTML) 读取，文件可能为空或已损坏") from exc


def _decode(data: bytes, source: str) -> str:
    """Given page bytes, return text: a byte-order mark, else the meta charset, else a guess."""
    declared = CHARSET.search(data[:4096])
    if declared and not data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        codec = declared.group(1).decode("ascii").lower()
        if codec in ("gb2312", "gbk", "gb_2312-80", "x-gbk"):
            codec = "gb18030"  # pages labelled GB2312 routinely use GBK characters
        try:
            return data.decode(codec)
        except (LookupError, UnicodeDecodeError):
            pass
    return decode(data, source)


def _walk(element: etree._Element, walk: _Walk) -> None:
    """Given an element, add its text blocks and tables to walk, in document order."""
    for child in element:
        tag = child.tag if isinstance(child.tag, str) else ""
        if tag in SKIPPED or HIDDEN.search(child.get("style", "")):
            _add_text(child.tail, walk, child)
            continue
        if tag == "table":
            _flush(walk)
            _add_caption(child, walk)
            walk.rows.extend(_table_rows(child, walk))
        elif tag == "br":
            _flush(walk)
        elif tag in BLOCKS:
            _flush(walk)
            _add_text(child.text, walk, child)
            _walk(child, walk)
            _flush(walk)
        else:
            _add_text(child.text, walk, child)
            _walk(child, walk)
        _add_text(child.tail, walk, child)


def _add_text(text: str | None, walk: _Walk, element: etree._Element) -> None:
    if text and text.strip():
        if not walk.text:
            walk.line = element.sourceline
        walk.text.append(text)


def _flush(walk: _Walk) -> None:
    """Turn the pending text into a one-cell row."""
    text = SPACES.sub(" ", "".join(walk.text)).strip()
    walk.text.clear()
    if text:
        location = Location(line=walk.line)
        walk.rows.append(Row([Cell(text, location)], location))


def _add_caption(table: etree._Element, walk: _Walk) -> None:
    """A table's caption (often its title) is a text block before its rows."""
    for caption in table.iterchildren("caption"):
        _add_text(caption.text_content(), walk, caption)
        _flush(walk)


def _table_rows(table: etree._Element, walk: _Walk) -> Iterator[Row]:
    """Given a table element, yield its rows, cells under a rowspan repeated as continued."""
    walk.tables += 1
    number = walk.tables
    above: dict[int, tuple[str, int, int]] = {}  # column → (text, span, rows still covered)
    for tr in _own_rows(table):
        cells, nested = _row_cells(tr, above)
        location = Location(line=tr.sourceline)
        yield Row(cells, location, table=number)
        for inner in nested:
            yield from _table_rows(inner, walk)


def _own_rows(table: etree._Element) -> Iterator[etree._Element]:
    """Given a table, yield its own tr elements (not those of tables nested in it)."""
    for child in table:
        if child.tag == "tr":
            yield child
        elif child.tag in SECTIONS:
            yield from (row for row in child if row.tag == "tr")


def _row_cells(
    tr: etree._Element, above: dict[int, tuple[str, int, int]]
) -> tuple[list[Cell], list[etree._Element]]:
    """Given a tr and the rowspans still open above it, return its cells and nested tables."""
    cells: list[Cell] = []
    nested: list[etree._Element] = []
    column = 0
    location = Location(line=tr.sourceline)
    for td in (child for child in tr if child.tag in CELLS):
        column = _continue_above(cells, above, column, location)
        span = _span(td, "colspan")
        rows = _span(td, "rowspan")
        text = cell_text(td, nested)
        cells.append(Cell(text, Location(line=td.sourceline), span))
        if rows > 1:
            above[column] = (text, span, rows - 1)
        column += span
    while any(start >= column for start in above):
        column = _continue_above(cells, above, min(c for c in above if c >= column), location)
    return cells, nested


def _continue_above(cells: list[Cell], above, column: int, location: Location) -> int:
    """Emit continued cells for rowspans covering column onwards; return the next free column."""
    while column in above:
        text, span, left = above[column]
        cells.append(Cell(text, location, span, continued=True))
        if left > 1:
            above[column] = (text, span, left - 1)
        else:
            del above[column]
        column += span
    return column


def _span(td: etree._Element, name: str) -> int:
    try:
        return min(max(int(td.get(name, "1").strip() or 1), 1), MAX_SPAN)
    except ValueError:
        return 1


def cell_text(td: etree._Element, nested: list[etree._Element]) -> str:
    """Given a td, return its text: HTML whitespace collapsed, <br> and blocks as line breaks.

    Tables nested in the cell are left out of the text and added to nested.
    """
    lines = (line.strip() for line in "".join(_cell_parts(td, nested)).split("\n"))
    return "\n".join(line for line in lines if line)


def _cell_parts(element: etree._Element, nested: list[etree._Element]) -> Iterator[str]:
    yield SPACES.sub(" ", element.text or "")
    for child in element:
        tag = child.tag if isinstance(child.tag, str) else ""
        if tag == "table":
            nested.append(child)
        elif tag not in SKIPPED:
            breaks = tag == "br" or tag in BLOCKS
            yield "\n" if breaks else ""
            yield from _cell_parts(child, nested)
            yield "\n" if breaks else ""
        yield SPACES.sub(" ", child.tail or "")
