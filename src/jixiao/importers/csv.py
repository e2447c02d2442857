"""CSV and TSV (a sheet saved as text by Excel, WPS or LibreOffice) → Grid.

One record is one row; quoted cells may hold commas and line breaks. The delimiter is
the one the file's first lines use most consistently (comma, tab, semicolon or the
full-width comma some Chinese tools write), so a file named .csv that is really
tab-separated still reads. Cells keep their column, so shifted merged cells line up as
they do from a workbook.
"""

from __future__ import annotations

import csv
import io

from openpyxl.utils.cell import get_column_letter

from ..errors import ReadError
from ..model import Location
from .encoding import decode
from .grid import Cell, Grid, Row

_DELIMITERS = ",\t;，"
# Lines read to choose the delimiter.
_SAMPLE_LINES = 50


def to_grid(data: bytes, source: str) -> Grid:
    """Given the bytes of a CSV or TSV file, return its Grid."""
    text = decode(data, source)
    delimiter = _delimiter(text)
    grid = Grid(source=source)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    line = 1  # where the record starts: a quoted cell may run over several lines
    try:
        for number, record in enumerate(reader, start=1):
            grid.rows.append(_row(record, line, number))
            line = reader.line_num + 1
    except csv.Error as error:
        raise ReadError(source, f"第{reader.line_num}行：CSV 格式有误（{error}）") from None
    return grid


def _row(record: list[str], line: int, record_number: int) -> Row:
    cells = [text.strip() for text in record]
    while cells and not cells[-1]:
        cells.pop()
    where = Location(line=line)
    located = [
        Cell(text, Location(line=line, cell=f"{get_column_letter(index + 1)}{record_number}"))
        for index, text in enumerate(cells)
    ]
    return Row(located, where)


def _delimiter(text: str) -> str:
    """Return the delimiter that splits the sample lines most often and most evenly."""
    sample = [line for line in text.splitlines()[:_SAMPLE_LINES] if line.strip()]
    best, best_score = ",", -1.0
    for delimiter in _DELIMITERS:
        counts = [line.count(delimiter) for line in sample]
        used = [count for count in counts if count]
        if not used:
            continue
        # Lines that use it, weighted by how often: a real delimiter splits most lines.
        score = len(used) / len(sample) * min(used)
        if score > best_score:
            best, best_score = delimiter, score
    return best
