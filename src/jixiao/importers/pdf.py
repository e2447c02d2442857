"""Text-based PDF: ruled tables first, the text around them in reading order.

PDFium parses each page (see pdf_page: pdfminer was too slow) and pdfplumber's table
finder finds the ruled tables (drawn cell borders) on it; their rows become
grid rows, merged cells marked the way the .docx reader marks them, and the text lines
outside the tables are placed between them by their height on the page. A page with no
ruled table goes through the text-flow reader of ``text``, as if it were extracted text.
A table that runs over a page break is joined back into one table, and a header row that
the page break repeated is dropped. A PDF with no text layer (a scan) needs OCR first.
"""

from __future__ import annotations

import re
import warnings
from dataclasses import dataclass, field

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_raw

from ..errors import ReadError
from ..model import Location
from . import safety
from .grid import Cell, Grid, Row
from .pdf_page import read_page
from .pdf_tables import PageTable, page_tables
from .text import text_to_grid

PAGE_NUMBER = re.compile(r"^[\s\-—–－第]*\d{1,4}[\s\-—–－页/共\d]*$")
DIGIT = re.compile(r"\d")


@dataclass(slots=True)
class _Page:
    """One page's rows in reading order, with the tables that start and end it."""

    rows: list[Row] = field(default_factory=list)
    first: PageTable | None = None
    last: PageTable | None = None
    tables: int = 0


def to_grid(data: bytes, source: str) -> Grid:
    """Given the bytes of a PDF file, return its tables and text rows in reading order."""
    safety.check_upload_size(data, source)
    deadline = safety.Deadline(source)
    with warnings.catch_warnings(), safety.time_limit(deadline):
        warnings.simplefilter("ignore")
        pages, chars = _read_pages(data, source, deadline)
    if chars == 0:
        raise ReadError(source, "PDF 中没有可提取的文字（可能是扫描件），需要先进行文字识别(OCR)")
    return Grid(source=source, rows=_join_pages(pages))


def _read_pages(data: bytes, source: str, deadline: safety.Deadline) -> tuple[list[_Page], int]:
    """Given PDF bytes, return every page's rows and the number of characters seen."""
    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if getattr(exc, "err_code", None) == pdfium_raw.FPDF_ERR_PASSWORD:
            raise ReadError(source, "PDF 已加密，请取消密码保护后重新上传") from exc
        raise ReadError(source, "无法作为 PDF 读取，文件可能已损坏或不完整") from exc
    try:
        _check_page_count(len(document), source)
        return _pages(document, source, deadline)
    except ReadError:
        raise
    except Exception as exc:  # a hostile file can break the parsers in many ways
        raise ReadError(source, "无法作为 PDF 读取，文件可能已损坏或不完整") from exc
    finally:
        document.close()


def _check_page_count(count: int, source: str) -> None:
    limit = safety.LIMITS.max_pdf_pages
    if count > limit:
        raise ReadError(source, f"PDF 页数过多（{count} 页），上限为 {limit} 页")


def _pages(document, source: str, deadline: safety.Deadline) -> tuple[list[_Page], int]:
    """Given an open PDF, return each page's rows and the number of characters seen."""
    pages: list[_Page] = []
    chars = 0
    next_table = 1
    for index in range(len(document)):
        page = read_page(document, index)
        chars += len(page.chars)
        result = _read_page(page, index + 1, source, next_table)
        next_table += result.tables
        pages.append(result)
        deadline.check()
    return pages, chars


def _read_page(page, number: int, source: str, first_table: int) -> _Page:
    """Given a page, return its rows: ruled tables and text lines by height."""
    tables = page_tables(page, number, first_table)
    if not tables:
        return _Page(rows=_flow_rows(page, number, source))
    placed = [(table.top, index, row) for index, table in enumerate(tables) for row in table.rows]
    placed += [(top, -1, row) for top, row in _outside_lines(page, tables, number)]
    placed.sort(key=lambda item: (item[0], item[1]))
    rows = [row for _, _, row in placed]
    first, last = _edge_table(rows, tables, 0), _edge_table(rows, tables, -1)
    return _Page(rows, first, last, tables=len(tables))


def _flow_rows(page, number: int, source: str) -> list[Row]:
    """Given a page without ruled tables, return its text read as flowing text."""
    text = page.extract_text() or ""
    rows = text_to_grid(text, source, page=number).rows
    for row in rows:
        for cell in (row.location, *(c.location for c in row.cells)):
            if cell is not None:
                cell.page = number
    return rows


def _outside_lines(page, tables: list[PageTable], number: int) -> list[tuple[float, Row]]:
    """Given a page and its tables, return the text lines outside them with their tops."""
    boxes = [table.bbox for table in tables]

    def outside(obj) -> bool:
        if obj.get("object_type") != "char":
            return False
        x = (obj["x0"] + obj["x1"]) / 2
        y = (obj["top"] + obj["bottom"]) / 2
        return not any(x0 <= x <= x1 and top <= y <= bottom for x0, top, x1, bottom in boxes)

    lines = page.filter(outside).extract_text_lines(return_chars=False)
    rows = []
    for line in lines:
        text = line["text"].strip()
        if text:
            location = Location(page=number)
            rows.append((line["top"], Row([Cell(text, location)], location)))
    return rows


def _edge_table(rows: list[Row], tables: list[PageTable], end: int) -> PageTable | None:
    """Given a page's rows, return the table at its start (end=0) or end (-1), if any.

    Page numbers and running headers do not count as text between a table and the edge.
    """
    ordered = rows if end == 0 else list(reversed(rows))
    for row in ordered:
        if row.table is None:
            if _is_page_furniture(row):
                continue
            return None
        return next(table for table in tables if table.id == row.table)
    return None


def _is_page_furniture(row: Row) -> bool:
    return len(row.cells) == 1 and bool(PAGE_NUMBER.match(row.cells[0].text))


def _join_pages(pages: list[_Page]) -> list[Row]:
    """Given the pages in order, return all rows with tables continued over page breaks joined."""
    rows: list[Row] = []
    previous: _Page | None = None
    for page in pages:
        if previous and previous.last and page.first and previous.last.continues_into(page.first):
            _drop_trailing_furniture(rows)
            page.first.id = previous.last.id
            page_rows = _continuation(page.rows, previous.last, page.first)
        else:
            page_rows = page.rows
        rows.extend(page_rows)
        previous = page
    return rows


def _drop_trailing_furniture(rows: list[Row]) -> None:
    while rows and rows[-1].table is None and _is_page_furniture(rows[-1]):
        rows.pop()


def _continuation(rows: list[Row], earlier: PageTable, table: PageTable) -> list[Row]:
    """Given a page's rows whose first table continues earlier, return them joined to it.

    Leading page furniture goes, and so does a first row that repeats a header row of
    the earlier part. A first row that only finishes the texts of the earlier part's
    last row (Word lets a row break across pages) is folded into that row, and cells
    merged down across the break take the text printed above the break.
    """
    old_id = table.rows[0].table if table.rows else None
    last = earlier.rows[-1] if earlier.rows else None
    kept: list[Row] = []
    for row in rows:
        if not kept and row.table is None and _is_page_furniture(row):
            continue
        if row.table == old_id:
            row.table = earlier.id
            if not kept and _repeats_header(row, earlier):
                continue
            full = earlier.last_row_full if last is earlier.rows[-1] else []
            if last is not None and not kept and _finishes(last, row, full):
                _fold(last, row, table.rows)
                kept.append(Row([], row.location))  # keeps "first row seen" simple
                continue
            if last is not None:
                _fill_continued(last, row, first=not kept)
            last = row
        kept.append(row)
    earlier.rows.extend(table.rows)
    return [row for row in kept if row.cells]


def _finishes(previous: Row, row: Row, full: list[bool] | None = None) -> bool:
    """Tell whether row holds only the rest of previous's texts, cut by a page break.

    full tells, per cell of previous, whether its last printed line reached the cell's
    right edge: text that goes on overleaf must, so when every text of row continues
    such a cell, row is a tail. Otherwise the pattern of empty cells decides.
    """
    if [c.span for c in previous.cells] != [c.span for c in row.cells]:
        return False
    columns = [i for i, cell in enumerate(row.cells) if not cell.continued]
    if any(row.cells[i].text and previous.cells[i].continued for i in columns):
        return False  # a new merged cell starts here: a new row, not the tail of one
    had = {i for i in columns if previous.cells[i].text}
    has = {i for i in columns if row.cells[i].text}
    if full and len(full) == len(row.cells) and has and all(full[i] for i in has):
        return True
    if not has or not has < had:
        return False
    if _is_labels(previous, columns) and not _is_labels(row, sorted(has)):
        return False  # figures under a header row start the data, they don't end the header
    # A new row under a merged cell the break cut off is empty only in its leading
    # (level) columns; a row's tail also leaves empty the cells whose text had ended.
    ended_after = any(i > min(has) for i in had - has)
    return ended_after or len(has) == 1


def _is_labels(row: Row, columns: list[int]) -> bool:
    """Tell whether the row's cells in columns are all filled, none with a figure."""
    texts = [row.cells[i].text for i in columns]
    return all(texts) and not any(DIGIT.search(text) for text in texts)


def _fold(previous: Row, row: Row, following: list[Row]) -> None:
    """Append row's texts to previous's, and repair cells below that repeat a cut text."""
    for index, (head, tail) in enumerate(zip(previous.cells, row.cells, strict=True)):
        if not tail.text or tail.continued:
            continue
        cut, whole = tail.text, f"{head.text}\n{tail.text}"
        head.text = whole
        for later in following:
            if later is not row and index < len(later.cells):
                cell = later.cells[index]
                if cell.continued and cell.text == cut:
                    cell.text = whole


def _fill_continued(previous: Row, row: Row, first: bool) -> None:
    """Give cells merged down across the page break the text printed above the break.

    On the first row after the break, empty leading cells (the level columns) are such
    cells even when the merge ends on that row and so shows no sign of it.
    """
    if [c.span for c in previous.cells] != [c.span for c in row.cells]:
        return
    leading = first
    for above, cell in zip(previous.cells, row.cells, strict=True):
        leading = leading and not cell.text
        if not cell.text and (cell.continued or leading) and above.text:
            cell.text = above.text
            cell.continued = True


def _repeats_header(row: Row, earlier: PageTable) -> bool:
    texts = row.texts
    if not any(texts) or any(DIGIT.search(text) for text in texts):
        return False
    return any(texts == before.texts for before in earlier.rows)
