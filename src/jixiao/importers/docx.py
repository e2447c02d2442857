"""Word (.docx) documents: tables with their merged cells, and the paragraphs around them.

The main document part is found through the package relationships and its WordprocessingML
walked with lxml, the layer python-docx builds on. Opening the package through python-docx
itself cost 60% of the reading time (it parses every part into custom element classes),
which matters for a folder of budget documents. Reading order is the body's order:
paragraphs become one-cell rows, every table row a row of cells, and a table nested in a
cell follows the row that holds it.
"""

from __future__ import annotations

import posixpath
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field

from lxml import etree

from ..errors import ReadError
from ..model import Location
from . import safety
from .grid import Cell, Grid, Row

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
P, TBL, TR, TC = f"{W}p", f"{W}tbl", f"{W}tr", f"{W}tc"
T, TAB, BR, CR = f"{W}t", f"{W}tab", f"{W}br", f"{W}cr"
# Elements that only wrap content (content controls, custom XML, tracked insertions).
WRAPPERS = {f"{W}sdt", f"{W}sdtContent", f"{W}customXml", f"{W}ins", f"{W}smartTag"}
VAL = f"{W}val"
TR_PR, TC_PR = f"{W}trPr", f"{W}tcPr"
GRID_BEFORE, GRID_SPAN, V_MERGE = f"{W}gridBefore", f"{W}gridSpan", f"{W}vMerge"
BODY = f"{W}body"
FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
PACKAGE_RELATIONSHIPS = "_rels/.rels"
# What a damaged archive raises while an entry is read (RuntimeError: an encrypted entry).
ARCHIVE_ERRORS = (
    zipfile.BadZipFile,
    zlib.error,
    EOFError,
    OSError,
    NotImplementedError,
    RuntimeError,
)
OFFICE_DOCUMENT = "/officeDocument"
PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)


@dataclass(slots=True)
class _Walk:
    """Counters shared while walking one document's body."""

    tables: int = 0
    paragraphs: int = 0
    rows: list[Row] = field(default_factory=list)


def to_grid(data: bytes, source: str) -> Grid:
    """Given the bytes of a .docx file, return its paragraphs and table rows in reading order."""
    deadline = safety.Deadline(source)
    walk = _Walk()
    with safety.time_limit(deadline):
        body = _open_body(data, source)
        for row in _block_rows(body, walk):
            walk.rows.append(row)
            if len(walk.rows) % 500 == 0:
                deadline.check()
    return Grid(source=source, rows=walk.rows)


def _open_body(data: bytes, source: str) -> etree._Element:
    """Given .docx bytes, return the document body element, or raise ReadError."""
    safety.check_upload_size(data, source)
    archive = safety.open_zip(data, source)
    try:
        root = etree.fromstring(archive.read(_main_part(archive)), PARSER)
    except (*ARCHIVE_ERRORS, KeyError, ValueError, etree.XMLSyntaxError) as exc:
        raise ReadError(source, "无法作为 Word (.docx) 文档读取，文件可能已损坏") from exc
    # Drawings carry their text twice (mc:Choice and an older-Word mc:Fallback copy).
    etree.strip_elements(root, FALLBACK, with_tail=False)
    body = root.find(BODY)
    if body is None:
        raise ReadError(source, "不是 Word (.docx) 文档：找不到正文")
    return body


def _main_part(archive: zipfile.ZipFile) -> str:
    """Given a .docx archive, return the path of its main document part."""
    relationships = etree.fromstring(archive.read(PACKAGE_RELATIONSHIPS), PARSER)
    for relationship in relationships:
        if relationship.get("Type", "").endswith(OFFICE_DOCUMENT):
            target = relationship.get("Target", "")
            return posixpath.normpath(target.lstrip("/"))
    raise KeyError("officeDocument")


def _block_rows(parent: etree._Element, walk: _Walk) -> Iterator[Row]:
    """Given a body or cell element, yield rows for its paragraphs and tables in order."""
    for child in _content(parent, (P, TBL)):
        if child.tag == P:
            walk.paragraphs += 1
            text = paragraph_text(child).strip()
            if text:
                location = Location(line=walk.paragraphs)
                yield Row([Cell(text, location)], location)
        else:
            yield from _table_rows(child, walk)


def _content(parent: etree._Element, tags: tuple[str, ...]) -> Iterator[etree._Element]:
    """Given an element, yield its children with the given tags, looking through wrappers."""
    for child in parent:
        if child.tag in tags:
            yield child
        elif child.tag in WRAPPERS:
            yield from _content(child, tags)


def paragraph_text(paragraph: etree._Element) -> str:
    """Given a w:p element, return its visible text (tabs as spaces, breaks as newlines)."""
    parts = []
    for node in paragraph.iter(T, TAB, BR, CR):
        tag = node.tag
        if tag == T:
            parts.append(node.text or "")
        else:
            parts.append(" " if tag == TAB else "\n")
    return "".join(parts)


def _table_rows(table: etree._Element, walk: _Walk) -> Iterator[Row]:
    """Given a w:tbl element, yield one Row per table row, nested tables after their row."""
    walk.tables += 1
    number = walk.tables
    above: dict[int, str] = {}  # grid column → text of the merge-starting cell
    for index, tr in enumerate(_content(table, (TR,)), start=1):
        cells, nested = _row_cells(tr, above, number, index)
        location = Location(cell=f"表格{number}第{index}行")
        yield Row(cells, location, table=number)
        for inner in nested:
            yield from _table_rows(inner, walk)


def _row_cells(
    tr: etree._Element, above: dict[int, str], table: int, row: int
) -> tuple[list[Cell], list[etree._Element]]:
    """Given a w:tr, return its cells and the tables nested in them.

    A cell continuing a vertical merge repeats the text of the cell where the merge
    started and is marked continued; a horizontally merged cell carries its span.
    """
    column, _ = _properties(tr.find(TR_PR), GRID_BEFORE, 0)
    cells: list[Cell] = []
    nested: list[etree._Element] = []
    for tc in _content(tr, (TC,)):
        span, merge, paragraphs = _cell_parts(tc, nested)
        location = Location(cell=f"表格{table}第{row}行第{column + 1}列")
        if merge == "continue":
            cells.append(Cell(above.get(column, ""), location, span, continued=True))
        else:
            text = "\n".join(paragraph_text(p).strip() for p in paragraphs).strip()
            cells.append(Cell(text, location, span))
            above[column] = text
        column += span
    return cells, nested


def _cell_parts(
    tc: etree._Element, nested: list[etree._Element]
) -> tuple[int, str | None, list[etree._Element]]:
    """Given a w:tc, return its span, vertical merge and paragraphs; add its tables to nested.

    One pass over the children: separate lookups for each were the reader's biggest cost.
    """
    span, merge, paragraphs = 1, None, []
    for child in tc:
        tag = child.tag
        if tag == P:
            paragraphs.append(child)
        elif tag == TC_PR:
            span, merge = _properties(child, GRID_SPAN, 1)
        elif tag == TBL:
            nested.append(child)
        elif tag in WRAPPERS:
            paragraphs.extend(_content(child, (P,)))
            nested.extend(_content(child, (TBL,)))
    return max(span, 1), merge, paragraphs


def _properties(
    properties: etree._Element | None, name: str, default: int
) -> tuple[int, str | None]:
    """Given a w:trPr or w:tcPr, return the integer value of one property and the vMerge.

    The vertical merge is "restart", "continue" or None. (Direct child loops: lxml's
    path lookups were the reader's biggest cost.)
    """
    number, merge = default, None
    if properties is None:
        return number, merge
    for child in properties:
        if child.tag == name:
            number = _int(child.get(VAL), default)
        elif child.tag == V_MERGE:
            merge = child.get(VAL) or "continue"
    return number, merge


def _int(text: str | None, default: int) -> int:
    try:
        return min(int(text), 1000) if text else default
    except ValueError:
        return default
