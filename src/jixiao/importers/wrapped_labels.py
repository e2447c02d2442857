"""Mend labels that a narrow table column wrapped onto the next line of extracted text.

Text taken from a PDF line by line prints a label cell too narrow for its words as
"项目编 15060022200000035288" and then "码" at the start of the next line; a header row
as "绩效指 一级指标 … 指标性 指标方向" followed by "标 质". Each leading piece of the
second line is put back on the first line's word it completes, when that word is not
a known label and the two together are one (项目编 + 码 → 项目编码). A project code cut
the same way ("13082825P008184100", then "01M" alone on a line) is mended likewise.
Only the pieces at the start of a line are moved, in order, and only onto words of the
line just above.
"""

from __future__ import annotations

import re

from .. import vocabulary as vocab
from .grid import Cell, Grid, Row

# A cut-off piece is short; a longer leading word is text in its own right.
_PIECE = 6
# A project code long enough to have been cut, and the tail a cut leaves.
_CODE = re.compile(r"^[0-9A-Za-z]{12,}$")
_CODE_TAIL = re.compile(r"^[0-9A-Za-z]{1,4}$")
# Project codes run to about 22 characters; a longer join is a code and a number.
_CODE_LENGTH = 22
_BRACKETS = "(（"
_WORD = re.compile(r"\S+")
# The spaces layout text keeps between two cells (one space is inside a cell).
_GAP = 2


def mend(grid: Grid) -> None:
    """Put wrapped label pieces back, in place, across consecutive one-line rows."""
    rows = grid.rows
    emptied = []
    above: Row | None = None
    for index, below in enumerate(rows):
        if not below.cells:
            continue  # blank lines: a page break between a cell and its end, in layout text
        if above is not None and _is_line(above) and _is_line(below):
            _mend_pair(above.cells[0], below.cells[0])
            if not below.cells[0].text:
                emptied.append(index)
        above = below
    for index in reversed(emptied):
        del rows[index]


def _is_line(row: Row) -> bool:
    return len(row.cells) == 1 and bool(row.cells[0].text)


def _mend_pair(above: Cell, below: Cell) -> None:
    first = below.text.split(None, 1)[0]
    if len(first) > _PIECE:
        return  # most lines: a whole cell or sentence, nothing cut off
    words = above.text.split()
    pieces = below.text.split()
    if len(pieces) == 1 and _completes_title(above.text, pieces[0]):
        above.text += pieces[0]  # "3.2025年…运维费绩效" + "目标表"
        below.text = ""
        return
    if _code_and_name_tails(words, pieces):
        above.text, below.text = " ".join(words), ""
        return
    start = 0
    moved = 0
    for piece in pieces:
        target = _completed(words, start, piece, alone=len(pieces) == 1)
        if target is None:
            break
        words[target] += piece
        start = target + 1
        moved += 1
    if moved:
        _respace(above, words)
        _drop_leading(below, moved)


def _respace(cell: Cell, words: list[str]) -> None:
    """Replace the cell's words by ``words`` (some lengthened), keeping the places of
    layout text: a lengthened word takes its room from the gaps around it, leaving two
    spaces each side. Where there is no room the line is spaced anew (its cells then
    lose their places)."""
    line = " " * cell.indent + cell.text
    spans = [m.span() for m in _WORD.finditer(line)]
    for index in reversed(range(len(spans))):
        start, end = spans[index]
        grown = len(words[index]) - (end - start)
        if not grown:
            continue
        after = spans[index + 1][0] - end - _GAP if index + 1 < len(spans) else grown
        before = start - spans[index - 1][1] - _GAP if index else start
        if grown > max(after, 0) + max(before, 0):
            cell.text = " ".join(words)
            return
        shift = max(grown - max(after, 0), 0)
        line = line[: start - shift] + words[index] + line[end + grown - shift :]
    cell.text = line.strip()
    cell.indent = len(line) - len(line.lstrip())


def _drop_leading(cell: Cell, count: int) -> None:
    """Remove the first ``count`` words of a cell; the rest keep their places on the line."""
    matches = list(_WORD.finditer(cell.text))
    if count >= len(matches):
        cell.text = ""
        return
    start = matches[count].start()
    cell.text = cell.text[start:]
    cell.indent += start


def _completed(words: list[str], start: int, piece: str, *, alone: bool) -> int | None:
    """Return the index of the first word from ``start`` that ``piece`` completes.

    A code's tail must stand alone on its line: a line starting with a short number
    (2022 …) after a whole code is not a tail.
    """
    if len(piece) > _PIECE:
        return None
    for index in range(start, len(words)):
        word = words[index]
        if alone and _CODE.match(word) and _is_code_tail(word, piece):
            return index if index == _last_code(words) else None
        if _known(word + piece) and (not _known(word) or piece[:1] in _BRACKETS):
            return index  # 项目编 + 码, or 项目资金 + (万元)
    return None


def _code_and_name_tails(words: list[str], pieces: list[str]) -> bool:
    """Mend "项目编码 1308…100 项目名称 …及平" + "01D 台运维费": both cells side by side
    wrapped, the code's tail first, the name's after it."""
    code = _last_code(words)
    if not (
        len(pieces) == 2
        and code >= 0
        and _is_code_tail(words[code], pieces[0])
        and len(words) >= code + 3
        and vocab.header_field(words[-2]) == "name"
    ):
        return False
    words[code] += pieces[0]
    words[-1] += pieces[1]
    return True


def _is_code_tail(code: str, piece: str) -> bool:
    return bool(_CODE_TAIL.match(piece)) and len(code) + len(piece) <= _CODE_LENGTH


def _completes_title(line: str, piece: str) -> bool:
    return (
        len(piece) <= _PIECE
        and not vocab.title_kind(line)
        and vocab.title_kind(line + piece) is not None
        and vocab.title_kind(piece) is None
    )


def _last_code(words: list[str]) -> int:
    codes = [i for i, word in enumerate(words) if _CODE.match(word)]
    return codes[-1] if len(codes) == 1 else -1


def _known(word: str) -> bool:
    return bool(
        vocab.header_field(word)
        or vocab.column_kind(word)
        or vocab.level1_name(word)
        or vocab.level2_name(word)
        or vocab.key(word) in vocab.TABLE_LABELS
    )
