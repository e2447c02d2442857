"""Excel (.xlsx) workbooks: every sheet, merged ranges, numbers as the sheet shows them.

openpyxl reads the workbook-level parts (shared strings, styles, the sheet list). The
sheets themselves are streamed with lxml: openpyxl's own sheet parsing builds Python
objects for every cell and ran at a tenth of the speed, which matters for a folder of
budget workbooks (see bench/import_speed.py). Sheet XML goes through the same safety
checks (no DTD, no entity resolution, no network) as everything else.
"""

from __future__ import annotations

import io
import warnings
from collections.abc import Iterator

from lxml import etree
from openpyxl.reader.excel import ExcelReader
from openpyxl.styles.numbers import BUILTIN_FORMATS, BUILTIN_FORMATS_MAX_SIZE
from openpyxl.styles.stylesheet import apply_stylesheet
from openpyxl.utils.cell import coordinate_to_tuple, range_boundaries
from openpyxl.utils.datetime import from_excel, from_ISO8601
from openpyxl.workbook import Workbook

from ..errors import ReadError
from . import safety
from .grid import Grid
from .numformat import format_value
from .spreadsheet import Sheet, hidden_notes, hidden_sheet_note, sheet_rows

WORKSHEET_TYPE = "/worksheet"
SHEET_TAGS = ("{*}c", "{*}row", "{*}mergeCell", "{*}col")
HIDDEN_STATES = ("hidden", "veryHidden")
TRUE = ("1", "true")
SAFE_XML = {"resolve_entities": False, "no_network": True, "load_dtd": False, "huge_tree": False}


def to_grid(data: bytes, source: str) -> Grid:
    """Given the bytes of a .xlsx file, return the rows of every worksheet in order."""
    safety.check_upload_size(data, source)
    safety.open_zip(data, source)
    deadline = safety.Deadline(source)
    grid = Grid(source=source)
    with warnings.catch_warnings(), safety.time_limit(deadline):
        warnings.simplefilter("ignore")  # openpyxl warns about features it drops
        try:
            for table, sheet in enumerate(_sheets(data, source, deadline, grid), start=1):
                grid.rows.extend(sheet_rows(sheet, table))
                grid.notes.extend(hidden_notes(sheet))
        except ReadError:
            raise
        except Exception as exc:  # a hostile file can break openpyxl or lxml in many ways
            raise ReadError(source, "无法作为 Excel (.xlsx) 文件读取，文件可能已损坏") from exc
    return grid


def _sheets(data: bytes, source: str, deadline: safety.Deadline, grid: Grid) -> Iterator[Sheet]:
    """Given .xlsx bytes, yield each visible worksheet's displayed texts and merged ranges;
    note the hidden ones in the grid."""
    reader = _open_workbook(data)
    book = _Book(reader)
    for info, rel in reader.parser.find_sheets():
        if WORKSHEET_TYPE not in rel.Type or rel.target not in reader.valid_files:
            continue
        if info.state in HIDDEN_STATES:
            grid.notes.append(hidden_sheet_note(info.name))
            continue
        sheet = Sheet(name=info.name, source=source)
        with reader.archive.open(rel.target) as stream:
            _read_sheet(stream, sheet, book, deadline)
        deadline.check()
        yield sheet


def _open_workbook(data: bytes) -> ExcelReader:
    """Given .xlsx bytes, return openpyxl's reader with the workbook-level parts loaded."""
    reader = ExcelReader(io.BytesIO(data), read_only=True, data_only=True)
    reader.read_manifest()
    reader.read_strings()
    reader.read_workbook()
    apply_stylesheet(reader.archive, reader.wb)
    return reader


def _read_sheet(stream, sheet: Sheet, book: _Book, deadline: safety.Deadline) -> None:
    """Stream one sheet's XML into sheet: formatted texts, then merged ranges."""
    events = etree.iterparse(stream, events=("end",), tag=SHEET_TAGS, **SAFE_XML)
    row_number = column = 0
    for _, element in events:
        namespace, _, name = element.tag.rpartition("}")
        if name == "c":
            row_number, column = _position(element, row_number, column)
            text = book.display(element, namespace + "}")
            if text:
                sheet.put(row_number, column, text)
        elif name == "row":
            # A row with cells already took its number from them.
            row_number = _int(element.get("r"), row_number + (column == 0))
            column = 0
            if element.get("hidden") in TRUE:
                sheet.hidden_rows.add(row_number)
            _forget(element)
            if row_number % 1000 == 0:
                deadline.check()
        elif name == "mergeCell" and element.get("ref"):
            sheet.merges.append(_bounds(element.get("ref")))
        elif name == "col" and element.get("hidden") in TRUE:
            sheet.hide_columns(_int(element.get("min"), 0), _int(element.get("max"), 0))


def _position(cell, row_number: int, column: int) -> tuple[int, int]:
    """Given a c element and the previous position, return the cell's (row, column).

    Writers may leave out the reference; the cell then follows the one before it.
    """
    reference = cell.get("r")
    if reference:
        return coordinate_to_tuple(reference)
    parent = cell.getparent()
    if parent is not None and column == 0:
        row_number = _int(parent.get("r"), row_number + 1)
    return row_number, column + 1


def _int(text: str | None, default: int) -> int:
    try:
        return int(text) if text else default
    except ValueError:
        return default


def _forget(row) -> None:
    """Free a parsed row and the rows before it, so memory stays flat on long sheets."""
    row.clear()
    while row.getprevious() is not None:
        del row.getparent()[0]


def _bounds(ref: str) -> tuple[int, int, int, int]:
    """Given a range reference like "A5:B20", return (first_row, first_col, last_row, last_col)."""
    first_col, first_row, last_col, last_row = range_boundaries(ref)
    return first_row, first_col, last_row or first_row, last_col or first_col


class _Book:
    """Workbook-wide lookups for turning a cell element into the text the sheet shows."""

    def __init__(self, reader: ExcelReader) -> None:
        workbook: Workbook = reader.wb
        self.strings = reader.shared_strings
        self.epoch = workbook.epoch
        self.dates = workbook._date_formats
        self.durations = workbook._timedelta_formats
        self.styles = workbook._cell_styles
        self.custom_formats = workbook._number_formats
        self.formats: dict[int, str] = {}

    def display(self, cell, namespace: str) -> str:
        """Given a c element and its "{namespace}", return its displayed text, stripped."""
        kind = cell.get("t", "n")
        if kind == "inlineStr":
            return "".join(cell.itertext(f"{namespace}t")).strip()
        value = cell.findtext(f"{namespace}v")
        if value is None or value == "":
            return ""
        if kind == "s":
            index = int(value)
            return str(self.strings[index]).strip() if 0 <= index < len(self.strings) else ""
        if kind == "b":
            return "TRUE" if value.strip() == "1" else "FALSE"
        style = _int(cell.get("s"), 0)
        if kind == "d":
            return format_value(from_ISO8601(value), self.number_format(style))
        if kind != "n":
            return value.strip()
        return self._number(float(value), style)

    def _number(self, number: float, style: int) -> str:
        if style in self.dates:
            try:
                moment = from_excel(number, self.epoch, timedelta=style in self.durations)
            except (OverflowError, ValueError):
                return "#VALUE!"
            return format_value(moment, self.number_format(style))
        return format_value(number, self.number_format(style))

    def number_format(self, style: int) -> str:
        """Given a cell style id, return its number format string."""
        if style not in self.formats:
            self.formats[style] = self._lookup(style)
        return self.formats[style]

    def _lookup(self, style: int) -> str:
        if not 0 <= style < len(self.styles):
            return "General"
        number_format = self.styles[style].numFmtId
        if number_format < BUILTIN_FORMATS_MAX_SIZE:
            return BUILTIN_FORMATS.get(number_format, "General")
        index = number_format - BUILTIN_FORMATS_MAX_SIZE
        custom = self.custom_formats
        return custom[index] if 0 <= index < len(custom) else "General"
