"""Export a document as a Word file in the published 预算公开 layout.

The department overview (总体绩效目标, 分项绩效目标, 工作保障措施) comes first, then one
table per project under a numbered title ("1.xxx项目绩效目标表") with the unit line and
"单位：万元" as paragraphs above it. Pages are A4 (landscape for wide tables); every run
names a CJK font through ``w:eastAsia`` so Word and WPS do not fall back to a Latin one.
No font is embedded or downloaded.
"""

from __future__ import annotations

from copy import deepcopy
from functools import cache
from typing import BinaryIO

from docx import Document as new_word_document
from docx.document import Document as WordDocument
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.oxml.table import CT_Tc
from docx.oxml.text.paragraph import CT_P
from docx.shared import Cm, Length, Mm, Pt
from docx.table import Table
from docx.text.paragraph import Paragraph

from ..model import DepartmentOverview, Document
from .layout import AMOUNT_UNIT, ProjectTable, Span, project_table, shows_cents
from .overview import OVERVIEW_TITLE, SECTION_NUMBERS, overview_sections

BODY_FONT = "宋体"
TITLE_FONT = "黑体"
_MARGIN = Mm(20)
# Characters of column width (layout units) per centimetre of printed table.
_UNITS_PER_CM = 5.2
_CELL_HALF_POINTS = 18  # 9 pt table text


def write(document: Document, out: BinaryIO) -> None:
    """Write ``document`` as a .docx file to the binary stream ``out``."""
    word = new_word_document()
    _set_default_font(word)
    _set_a4(word, landscape=False)
    if document.department_overview is not None:
        _write_overview(word, document.department_overview)
    for number, project in enumerate(document.projects, start=1):
        table = project_table(project)
        if number > 1 or document.department_overview is not None:
            _new_page(word, landscape=table.width > 7)
        elif table.width > 7:
            _set_a4(word, landscape=True)
        _write_project(word, number, table)
    word.save(out)


# --- page and fonts --------------------------------------------------------------------


def _set_default_font(word: WordDocument) -> None:
    style = word.styles["Normal"]
    style.font.name = BODY_FONT
    style.font.size = Pt(10.5)
    _east_asian_font(style.element.get_or_add_rPr(), BODY_FONT)


def _east_asian_font(rpr, name: str) -> None:
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attribute in ("w:ascii", "w:hAnsi", "w:eastAsia"):
        fonts.set(qn(attribute), name)


def _set_a4(word: WordDocument, *, landscape: bool) -> None:
    section = word.sections[-1]
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    long, short = Mm(297), Mm(210)
    section.page_width, section.page_height = (long, short) if landscape else (short, long)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, _MARGIN)


def _new_page(word: WordDocument, *, landscape: bool) -> None:
    word.add_section(WD_SECTION.NEW_PAGE)
    _set_a4(word, landscape=landscape)


def _text_width_cm(word: WordDocument) -> float:
    section = word.sections[-1]
    return (section.page_width - section.left_margin - section.right_margin) / Cm(1)


def _paragraph(word, text, *, size=10.5, bold=False, font=BODY_FONT, align=None) -> Paragraph:
    paragraph = word.add_paragraph()
    _run(paragraph, text, size=size, bold=bold, font=font)
    if align is not None:
        paragraph.alignment = align
    return paragraph


def _run(paragraph: Paragraph, text: str, *, size=10.5, bold=False, font=BODY_FONT) -> None:
    run = paragraph.add_run(text)
    run.font.size = Pt(size)
    run.font.bold = bold
    run.font.name = font
    _east_asian_font(run._element.get_or_add_rPr(), font)


# --- department overview ---------------------------------------------------------------


def _write_overview(word: WordDocument, overview: DepartmentOverview) -> None:
    _paragraph(word, OVERVIEW_TITLE, size=16, font=TITLE_FONT, align=WD_ALIGN_PARAGRAPH.CENTER)
    for index, (heading, texts) in enumerate(overview_sections(overview)):
        _paragraph(word, f"{SECTION_NUMBERS[index]}、{heading}", size=12, font=TITLE_FONT)
        for text in texts:
            paragraph = _paragraph(word, text)
            paragraph.paragraph_format.first_line_indent = Pt(21)


# --- project tables --------------------------------------------------------------------


def _write_project(word: WordDocument, number: int, layout: ProjectTable) -> None:
    _paragraph(
        word, f"{number}.{layout.title}", size=14, font=TITLE_FONT, align=WD_ALIGN_PARAGRAPH.CENTER
    )
    if layout.subtitle:
        _paragraph(word, layout.subtitle, align=WD_ALIGN_PARAGRAPH.CENTER)
    if layout.unit_line:
        _paragraph(word, layout.unit_line)
    _paragraph(word, AMOUNT_UNIT, align=WD_ALIGN_PARAGRAPH.RIGHT)
    widths = _column_widths(layout, _text_width_cm(word))
    split = layout.indicator_header
    if 0 < split < layout.height:
        # Word repeats only a table's top rows on each page, so the indicator block is a
        # table of its own, joined to the header block by a paragraph too small to see.
        _write_rows(_new_table(word, widths), layout, widths, range(split))
        _joint(word)
        indicators = _new_table(word, widths)
        _write_rows(indicators, layout, widths, range(split, layout.height))
        indicators.rows[0]._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))
    else:
        _write_rows(_new_table(word, widths), layout, widths, range(layout.height))


def _new_table(word: WordDocument, widths: list[Length]) -> Table:
    table = word.add_table(rows=0, cols=len(widths))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
    return table


def _joint(word: WordDocument) -> None:
    """Add the 1-point paragraph that keeps Word from merging two adjacent tables."""
    paragraph = word.add_paragraph()
    paragraph.paragraph_format.space_before = paragraph.paragraph_format.space_after = Pt(0)
    paragraph.paragraph_format.line_spacing = Pt(1)
    paragraph.paragraph_format.keep_with_next = True
    _run(paragraph, "", size=1)


def _column_widths(layout: ProjectTable, available_cm: float) -> list[Length]:
    units = [column.width for column in layout.columns]
    scale = min(1 / _UNITS_PER_CM, available_cm / sum(units))
    return [Cm(unit * scale) for unit in units]


def _write_rows(table: Table, layout: ProjectTable, widths: list[Length], rows: range) -> None:
    """Build the layout's ``rows`` cell by cell, merging as the layout says.

    The ``w:tc`` elements are written directly: python-docx's ``Table.cell`` and
    ``merge`` rescan the whole table on every call, which is quadratic in its size.
    """
    covering = _covering(layout)
    for row in rows:
        tr = table._tbl.add_tr()
        # Stop Word from breaking a row across pages (a split row reads as two rows).
        tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
        col = 0
        while col < layout.width:
            span = covering.get((row, col))
            cols = span.cols if span else 1
            tc = tr.add_tc()
            tc.width = Length(sum(widths[col : col + cols]))
            if span is not None:
                _merge(tc, span, row)
                if row == span.row:
                    _fill(tc, span)
            col += cols


def _covering(layout: ProjectTable) -> dict[tuple[int, int], Span]:
    """Map the first grid column of each row a span covers to that span."""
    covering = {}
    for span in layout.spans:
        for row in range(span.row, span.row + span.rows):
            covering[(row, span.col)] = span
    return covering


def _merge(tc, span: Span, row: int) -> None:
    if span.cols > 1:
        tc.grid_span = span.cols
    if span.rows > 1:
        tc.vMerge = "restart" if row == span.row else "continue"


def _fill(tc: CT_Tc, span: Span) -> None:
    """Write the span's text into the cell, one paragraph per line, centred vertically."""
    text = "" if span.value is None else _format(span.value, span.amount)
    bold = span.role in ("label", "header")
    align = "left" if span.role == "value" and span.cols > 1 else "center"
    for empty in tc.p_lst:
        tc.remove(empty)
    for line in text.split("\n"):
        paragraph = deepcopy(_cell_paragraph(bold, align))
        paragraph.find(qn("w:r")).find(qn("w:t")).text = line
        tc.append(paragraph)
    tc.get_or_add_tcPr().vAlign_val = WD_CELL_VERTICAL_ALIGNMENT.CENTER


@cache
def _cell_paragraph(bold: bool, align: str) -> CT_P:
    """Return a template cell paragraph with one formatted run.

    Copying a template is several times faster than python-docx's per-property setters,
    which matters for documents with hundreds of indicator rows.
    """
    fonts = " ".join(f'w:{a}="{BODY_FONT}"' for a in ("ascii", "hAnsi", "eastAsia"))
    return parse_xml(
        f'<w:p {nsdecls("w")}><w:pPr><w:jc w:val="{align}"/></w:pPr>'
        f"<w:r><w:rPr><w:rFonts {fonts}/>{'<w:b/>' if bold else ''}"
        f'<w:sz w:val="{_CELL_HALF_POINTS}"/><w:szCs w:val="{_CELL_HALF_POINTS}"/></w:rPr>'
        '<w:t xml:space="preserve"></w:t></w:r></w:p>'
    )


def _format(value: object, amount: bool) -> str:
    if amount and shows_cents(value):
        return f"{value:.2f}"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
