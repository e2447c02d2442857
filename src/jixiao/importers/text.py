"""Text (.txt, .md, text extracted from Word or PDF) → Grid.

Five line shapes are recognised, line by line, so one file may mix them:

- markdown table rows (``| a | b |``); separator rows (``|---|``) are skipped;
- rows copied from a web page with cells apart by " | " and no outer pipes
  (``a | b | c``, `` | b | c`` when the first cell is empty);
- tab-separated rows (``a<TAB>b<TAB>c``), cells kept in place, empty ones included; a
  cell in double quotes may hold line breaks (Excel's "Text (Tab delimited)" export);
- one cell per line: runs of lines that each start with one tab form a row, a blank
  line ends it (Word's "text only" export of a table); a line without the tab inside
  such a run is a further paragraph of the cell above;
- anything else is a paragraph: a row of one cell. Blank lines become empty rows, which
  the assembler uses as block boundaries in flowing (PDF) text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..model import Location
from .cell_lines import regroup
from .encoding import decode
from .grid import Cell, Grid, Row
from .wrapped_labels import mend

_MD_SEPARATOR = re.compile(r"^\|?[\s:|-]*-[\s:|-]*\|?$")
_ARTIFACT = re.compile(r"\[bookmark:[^\]]*\]|^#{1,6}\s+")
# A share of single-tab lines above this marks the one-cell-per-line layout.
_CELL_PER_LINE_SHARE = 0.6
# Rows with " | " and no leading pipe that mark a file copied from a web page.
_BARE_PIPE_ROWS = 3
# The most lines one quoted cell of a tab-separated row may run over.
_QUOTED_LINES = 30


def to_grid(data: bytes, source: str) -> Grid:
    """Given the bytes of a text file, return its Grid."""
    return text_to_grid(decode(data, source), source)


def text_to_grid(text: str, source: str, page: int | None = None) -> Grid:
    """Given text (a whole file, or one page from a PDF reader), return its Grid.

    A form feed starts a new page when ``page`` is given.
    """
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    cell_per_line = _is_cell_per_line(lines)
    bare_pipes = "|" in text and _has_bare_pipe_rows(lines)
    grid = Grid(source=source)
    pending: list[Cell] = []
    quoted = '"' in text and not cell_per_line
    numbered = _logical_lines(lines) if quoted else enumerate(lines, start=1)
    for number, line in numbered:
        if "\f" not in line:
            _add_line(grid, pending, line, Location(number, page), cell_per_line, bare_pipes)
            continue
        # A form feed ends the line before it too: text run together across a page
        # break is two lines, the second on the next page.
        parts = line.split("\f")
        for index, part in enumerate(parts):
            if index and page is not None:
                page += 1
            if part.strip() or (index == len(parts) - 1 and not "".join(parts).strip()):
                where = Location(number, page)
                _add_line(grid, pending, part, where, cell_per_line, bare_pipes)
    _flush(grid, pending)
    if not cell_per_line:
        regroup(grid)
        mend(grid)
    return grid


def _add_line(
    grid: Grid,
    pending: list[Cell],
    line: str,
    where: Location,
    cell_per_line: bool,
    bare_pipes: bool,
) -> None:
    if cell_per_line and line[:1] == "\t" and line.find("\t", 1) < 0:
        pending.append(Cell(line[1:].strip(), where))
        return
    if pending and line.strip() and "\t" not in line:
        # A cell of several paragraphs: its later paragraphs lose the leading tab.
        pending[-1].text = f"{pending[-1].text}\n{line.strip()}".strip()
        return
    _flush(grid, pending)
    grid.rows.append(_line_row(line, where, bare_pipes))


def _logical_lines(lines: list[str]) -> Iterator[tuple[int, str]]:
    """Yield (first line number, line), joining a tab-separated row whose quoted cell
    ("…<newline>…") runs over several lines back into one line."""
    number, count = 0, len(lines)
    while number < count:
        line = lines[number]
        quoted = '"' in line and "\t" in line
        end = _quoted_row_end(lines, number) if quoted else number
        yield number + 1, "\n".join(lines[number : end + 1]) if end > number else line
        number = end + 1


def _quoted_row_end(lines: list[str], start: int) -> int:
    """Return the last line of the row starting at ``start`` (itself unless a quoted
    cell opened on it closes on a later line, within a few lines)."""
    quotes = lines[start].count('"')
    if quotes % 2 == 0 or not _opens_quoted_cell(lines[start]):
        return start
    for end in range(start + 1, min(start + _QUOTED_LINES, len(lines))):
        quotes += lines[end].count('"')
        if quotes % 2 == 0:
            return end
    return start  # never closed: a stray quote mark, not a quoted cell


def _opens_quoted_cell(line: str) -> bool:
    return any(cell.lstrip().startswith('"') for cell in line.split("\t"))


def _flush(grid: Grid, pending: list[Cell]) -> None:
    if pending:
        grid.rows.append(Row(list(pending), pending[0].location))
        pending.clear()


def _line_row(line: str, where: Location, bare_pipes: bool = False) -> Row:
    stripped = line.strip()
    if not stripped:
        return Row([], where)
    if stripped[0] == "|" and stripped[-1] == "|" and len(stripped) > 1 and not bare_pipes:
        if _MD_SEPARATOR.match(stripped):
            return Row([], where)
        return _row(stripped[1:-1].split("|"), where)
    if "\t" in line:
        cells = line.split("\t")
        return _row([_unquote(cell) for cell in cells] if "\n" in line else cells, where)
    if bare_pipes and "|" in stripped:
        if _MD_SEPARATOR.match(stripped):
            return Row([], where)
        # No outer pipes: a leading "|" stands after an empty first cell.
        return _row(line.split("|"), where)
    if "[" in stripped or stripped[0] == "#":
        stripped = _ARTIFACT.sub("", stripped).strip()
        return Row([Cell(stripped, where)] if stripped else [], where)
    indent = len(line) - len(line.lstrip()) if line[0].isspace() else 0
    return Row([Cell(stripped, where, indent=indent)], where)


def _row(texts: list[str], where: Location) -> Row:
    cells = [t.strip() for t in texts]
    while cells and not cells[-1]:
        cells.pop()  # trailing empty cells carry no position worth keeping
    return Row([Cell(t, where) for t in cells], where)


def _unquote(cell: str) -> str:
    """Given a tab-separated cell, return it without the quotes Excel puts around a cell
    that holds line breaks (doubled quotes inside stand for one)."""
    text = cell.strip()
    if len(text) > 1 and text[0] == '"' and text[-1] == '"' and "\n" in text:
        return text[1:-1].replace('""', '"')
    return cell


def _has_bare_pipe_rows(lines: list[str]) -> bool:
    """Return True when rows separate cells by " | " without markdown's outer pipes."""
    bare = 0
    for line in lines:
        if " | " in line and not line.lstrip().startswith("|") and "\t" not in line:
            bare += 1
            if bare >= _BARE_PIPE_ROWS:
                return True
    return False


def _is_single_cell_line(line: str) -> bool:
    return line.startswith("\t") and "\t" not in line[1:]


def _is_cell_per_line(lines: list[str]) -> bool:
    tabbed = [line for line in lines if "\t" in line]
    if not tabbed:
        return False
    single = sum(1 for line in tabbed if _is_single_cell_line(line))
    return single / len(tabbed) >= _CELL_PER_LINE_SHARE
