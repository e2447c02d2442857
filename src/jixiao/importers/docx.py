"""Word (.docx) documents: tables with their merged cells, and the paragraphs around them.

python-docx opens and checks the package; the body is then walked at the XML level (the
layer python-docx itself builds on), because its proxy objects recompute merged cells on
every access and are too slow for a folder of budget documents. Reading order is the
body's order: paragraphs become one-cell rows, every table row a row of cells, and a
table nested in a cell follows the row that holds it.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import dataclass, field

import docx
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


@dataclass(slots=True)
class _Walk:
    """Counters shared while walking one document's body."""

    tables: int = 0
    paragraphs: int = 0
    rows: list[Row] = field(default_factory=list)


def to_grid(data: bytes, source: str) -> Grid:
    """Given the bytes of a .docx file, return its paragraphs and table rows in reading order."""
    body = _open_body(data, source)
    walk = _Walk()
    deadline = safety.Deadline(source)
    for row in _block_rows(body, walk):
        walk.rows.append(row)
        if len(walk.rows) % 500 == 0:
            deadline.check()
    return Grid(source=source, rows=walk.rows)


def _open_body(data: bytes, source: str) -> etree._Element:
    """Given .docx bytes, return the document body element, or raise ReadError."""
    safety.check_upload_size(data, source)
    safety.open_zip(data, source)
    try:
        document = docx.Document(io.BytesIO(data))
        return document.element.body
    except Exception as exc:  # a hostile file can break python-docx in many ways
        raise ReadError(source, "无法作为 Word (.docx) 文档读取，文件可能已损坏") from exc


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
        if node.tag == T:
            parts.append(node.text or "")
        elif node.tag == TAB:
            parts.append(" ")
        else:
            parts.append("\n")
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
    column = _int_property(tr, "trPr", "gridBefore", 0)
    cells: list[Cell] = []
    nested: list[etree._Element] = []
    for tc in _content(tr, (TC,)):
        span = max(_int_property(tc, "tcPr", "gridSpan", 1), 1)
        merge = _vertical_merge(tc)
        location = Location(cell=f"表格{table}第{row}行第{column + 1}列")
        if merge == "continue":
            cells.append(Cell(above.get(column, ""), location, span, continued=True))
        else:
            text = "\n".join(paragraph_text(p).strip() for p in _content(tc, (P,))).strip()
            cells.append(Cell(text, location, span))
            above[column] = text
        nested.extend(_content(tc, (TBL,)))
        column += span
    return cells, nested


def _int_property(element: etree._Element, properties: str, name: str, default: int) -> int:
    """Given a w:tr or w:tc, return the integer w:val of one of its properties."""
    node = element.find(f"{W}{properties}/{W}{name}")
    if node is None:
        return default
    try:
        return min(int(node.get(VAL, default)), 1000)
    except ValueError:
        return default


def _vertical_merge(tc: etree._Element) -> str | None:
    """Given a w:tc, return "restart", "continue" or None for its vertical merge."""
    node = tc.find(f"{W}tcPr/{W}vMerge")
    if node is None:
        return None
    return node.get(VAL) or "continue"
