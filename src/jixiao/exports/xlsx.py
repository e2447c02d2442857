"""Export a document as an Excel workbook in the standard 项目支出绩效目标表 layout.

One sheet per project (merged header cells and level blocks, thin borders, wrapped text,
A4 portrait fitted to the page width, frozen title rows, the indicator header repeated on
every printed page), preceded by a 部门整体绩效目标 sheet when the document has one.
"""

from __future__ import annotations

import re
from copy import copy
from typing import BinaryIO

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from ..model import DepartmentOverview, Document, Project
from .layout import AMOUNT_UNIT, ProjectTable, Span, printable, project_table, shows_cents
from .overview import OVERVIEW_TITLE, SECTION_NUMBERS, overview_sections

FONT_NAME = "宋体"
SHEET_NAME_LIMIT = 31
_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
_THIN = Side(style="thin")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_FONTS = {
    "title": Font(name=FONT_NAME, size=16, bold=True),
    "label": Font(name=FONT_NAME, size=10, bold=True),
    "header": Font(name=FONT_NAME, size=10, bold=True),
    "value": Font(name=FONT_NAME, size=10),
    "body": Font(name=FONT_NAME, size=10),
}
_CENTRE = Alignment(horizontal="center", vertical="center", wrap_text=True)
_LEFT = Alignment(horizontal="left", vertical="center", wrap_text=True)
# Lines above the table: title, year, unit line.
_PREAMBLE_ROWS = 3
_LINE_HEIGHT = 14  # points per wrapped line at 10 pt
_OVERVIEW_CHARS = 45  # CJK characters per line of the overview column


def write(document: Document, out: BinaryIO) -> None:
    """Write ``document`` as an .xlsx workbook to the binary stream ``out``."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    names: set[str] = set()
    if document.department_overview is not None:
        _write_overview(workbook, document.department_overview, names)
    for number, project in enumerate(document.projects, start=1):
        sheet = workbook.create_sheet(sheet_name(number, project, names))
        write_project(sheet, project_table(project))
    if not workbook.worksheets:
        workbook.create_sheet("绩效目标表")
    workbook.save(out)


def sheet_name(number: int, project: Project, taken: set[str]) -> str:
    """Return a unique, valid sheet name (≤ 31 characters) for the project, and take it."""
    base = _SHEET_FORBIDDEN.sub("_", printable(f"{number}.{project.name or '项目'}"))
    # Excel rejects a name that starts or ends with an apostrophe.
    base = base.strip("'") or str(number)
    name = base[:SHEET_NAME_LIMIT]
    counter = 2
    while name.casefold() in taken:
        tail = f"({counter})"
        name = base[: SHEET_NAME_LIMIT - len(tail)] + tail
        counter += 1
    taken.add(name.casefold())
    return name


def write_project(sheet: Worksheet, table: ProjectTable) -> None:
    """Draw one project table on an empty sheet."""
    _write_preamble(sheet, table)
    styles = _CellStyles()
    for span in table.spans:
        _write_span(sheet, span, _PREAMBLE_ROWS + 1, styles)
    for index, column in enumerate(table.columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = column.width
    _set_row_heights(sheet, table)
    _set_page(sheet, table)


def _write_preamble(sheet: Worksheet, table: ProjectTable) -> None:
    width = table.width
    _merged_line(sheet, 1, table.title, _FONTS["title"], width)
    if table.subtitle:
        _merged_line(sheet, 2, table.subtitle, _FONTS["value"], width)
    if table.unit_line:
        _merged_line(sheet, 3, table.unit_line, _FONTS["value"], width - 1, _LEFT)
    unit = sheet.cell(row=3, column=width, value=AMOUNT_UNIT)
    unit.font = _FONTS["value"]
    unit.alignment = Alignment(horizontal="right", vertical="center")
    sheet.row_dimensions[1].height = 30


def _merged_line(sheet, row, text, font, width, alignment=_CENTRE) -> None:
    cell = sheet.cell(row=row, column=1, value=text)
    cell.font = font
    cell.alignment = alignment
    if width > 1:
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=width)


class _CellStyles:
    """Style cells by copying a finished style, per workbook.

    Setting font, border and alignment one by one makes openpyxl hash each style object
    for every cell; copying the cell's style array of an already styled cell (a common
    openpyxl idiom) is several times faster on tables with hundreds of rows.
    """

    def __init__(self) -> None:
        self._done: dict[tuple[str, bool, bool], object] = {}

    def apply(self, cell, span: Span) -> None:
        wide = span.role == "value" and span.cols > 1
        cents = span.amount and shows_cents(span.value)
        key = (span.role, wide, cents)
        if key in self._done:
            cell._style = copy(self._done[key])
            return
        cell.font, cell.border = _FONTS[span.role], _BORDER
        cell.alignment = _LEFT if wide else _CENTRE
        if cents:
            cell.number_format = "0.00"
        self._done[key] = copy(cell._style)


def _write_span(sheet: Worksheet, span: Span, first_row: int, styles: _CellStyles) -> None:
    row, col = first_row + span.row, 1 + span.col
    styles.apply(sheet.cell(row=row, column=col, value=span.value), span)
    if span.rows > 1 or span.cols > 1:
        # openpyxl draws the top-left cell's border round the whole merged range.
        end_row, end_col = row + span.rows - 1, col + span.cols - 1
        sheet.merge_cells(start_row=row, start_column=col, end_row=end_row, end_column=end_col)


def _set_row_heights(sheet: Worksheet, table: ProjectTable) -> None:
    """Give rows with long text enough height: Excel does not grow merged rows itself."""
    widths = [column.width for column in table.columns]
    lines: dict[int, int] = {}
    for span in table.spans:
        if not isinstance(span.value, str) or span.rows > 1:
            continue
        chars = sum(widths[span.col : span.col + span.cols]) / 2  # a CJK character is 2 units
        needed = sum(-(-len(part) // max(1, int(chars))) for part in span.value.split("\n"))
        lines[span.row] = max(lines.get(span.row, 1), needed)
    for row, count in lines.items():
        if count > 1:
            sheet.row_dimensions[_PREAMBLE_ROWS + 1 + row].height = count * _LINE_HEIGHT + 4


def _set_page(sheet: Worksheet, table: ProjectTable) -> None:
    setup = sheet.page_setup
    setup.paperSize = sheet.PAPERSIZE_A4
    setup.orientation = "landscape" if table.width > 7 else "portrait"
    setup.fitToWidth = 1
    setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_options.horizontalCentered = True
    sheet.page_margins.left = sheet.page_margins.right = 0.5
    sheet.freeze_panes = sheet.cell(row=_PREAMBLE_ROWS + 1, column=1)
    header = _PREAMBLE_ROWS + 1 + table.indicator_header
    sheet.print_title_rows = f"{header}:{header}"


def _write_overview(workbook: Workbook, overview: DepartmentOverview, names: set[str]) -> None:
    """Write the overview as a sheet of paragraphs, one cell per heading or paragraph."""
    sheet = workbook.create_sheet(OVERVIEW_TITLE)
    names.add(OVERVIEW_TITLE.casefold())
    lines = [(OVERVIEW_TITLE, _FONTS["title"], _CENTRE)]
    for index, (heading, texts) in enumerate(overview_sections(overview)):
        lines.append((f"{SECTION_NUMBERS[index]}、{heading}", _FONTS["label"], _LEFT))
        lines.extend((text, _FONTS["value"], _LEFT) for text in texts)
    for row, (text, font, alignment) in enumerate(lines, start=1):
        cell = sheet.cell(row=row, column=1, value=text)
        cell.font, cell.alignment = font, alignment
        wrapped = -(-len(text) // _OVERVIEW_CHARS)
        if wrapped > 1:
            sheet.row_dimensions[row].height = wrapped * _LINE_HEIGHT + 4
    sheet.column_dimensions["A"].width = _OVERVIEW_CHARS * 2
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
