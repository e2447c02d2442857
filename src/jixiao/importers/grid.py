"""The Grid: what every input format is reduced to before the shared assembler reads it.

A Grid is the document as a sequence of rows in reading order. A table row is a Row of
several cells; a paragraph, title or unit line outside a table is a Row of one cell.
Each cell keeps where it came from, so warnings and review findings can name the line,
page or cell.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..model import Location, ReadWarning


@dataclass(slots=True)
class Cell:
    text: str
    location: Location | None = None
    # Columns this cell covers when the source merged it horizontally (docx gridSpan,
    # xlsx merged ranges); text formats leave it at 1.
    span: int = 1
    # True when the source merged this cell vertically with the one above (docx vMerge,
    # xlsx merged ranges): its text repeats the cell above and may be empty.
    continued: bool = False
    # Characters of blank before the text on its line: text extracted with its layout
    # kept (pdfplumber layout=True) marks columns by position; other formats leave 0.
    indent: int = 0


@dataclass(slots=True)
class Row:
    cells: list[Cell] = field(default_factory=list)
    location: Location | None = None
    # Identifies the source table (docx/xlsx/pdf ruled tables) so the assembler knows
    # which rows were one physical table; None for free text.
    table: int | None = None

    @property
    def texts(self) -> list[str]:
        return [c.text for c in self.cells]


@dataclass(slots=True)
class Grid:
    source: str
    rows: list[Row] = field(default_factory=list)
    # What a reader left out on purpose (hidden sheets, rows, columns), to be reported.
    notes: list[ReadWarning] = field(default_factory=list)
