"""Rows of a PDF table printed one line each, cells separated by spaces.

When no cell wraps, text extraction prints each table row on one line: "数量指标 设备数
≥5 台". Each space-separated word is then a cell or a piece of one (extraction also puts
spaces inside cells: "≥5 台"). The words are aligned to the header columns like the
cells of a ruled row, with one more move: a word may continue the cell before it in the
same column, at a small cost, so "≥5" + "台" is one value.

A line that yields no name and no value but only a level name sets the level; a short
line that yields nothing is the wrapped end of the row above. So is a line of a few short
pieces with no figure in them: the ends of cells cut by their column's width, which go
back to the longest text cells of the row above, in column order.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ... import vocabulary as vocab
from ...model import Location
from ...values import parse_value
from ..grid import Row
from .cleaning import clean, is_page_number
from .columns import Aligned, Column, Word, word_info

_CONTINUE = -0.5
_CONTINUE_LONG = -1.5
# The longest piece of a unit split from its number ("≥100 百分 比", "≥5 个工作日").
_UNIT_PIECE = 4
# Columns a word may continue (text and values); level, nature, direction and number
# columns hold one word.
_CONTINUABLE = frozenset({"name", "description", "basis", "remark", "value", "actual"})
_NEG = float("-inf")
_WIDE_GAP = re.compile(r"\s{2,}|\t")
_WORD = re.compile(r"\S+")
_LAID_OUT_WORD = re.compile(r"\S+(?: \S+)*")
# How far left of its column a wrapped end may start and still belong to it.
_COLUMN_SLACK = 2
_DIGIT = re.compile(r"\d")
# A table is printed one line per row when most of its lines hold this many words.
_ROW_WORDS = 2
_ROW_SHARE = 0.5
# A line of wrapped cell ends holds one piece, or a few short ones (a line of several
# longer words is a row of its own: name and value).
_TAIL_PIECES = 3
_TAIL_LENGTH = 4
# Punctuation no cell ends with: a cell ending so was cut by its column.
_JOINERS = ("、", "，", ",", "；", ";", "：", ":", "和", "及", "与")
# Cells a wrapped end may belong to (a value only when it is words, not a figure).
_WRAPPING = ("name", "description", "value", "basis", "remark")
_LABELS = vocab.TABLE_LABELS
# A unit that is only a magnitude was cut from its noun (万 of 万元, 万人次).
_MAGNITUDES = frozenset({"十", "百", "千", "万", "亿", "十万", "百万", "千万"})


def one_line_rows(body: list[Row]) -> bool:
    """Return True when most lines of a flowing table hold a whole row (several words).

    Lines that only carry the wrapped ends of cells do not count either way.
    """
    wide = counted = 0
    after_row = False  # the line above was a whole row, or the wrapped ends of one
    for row in body:
        words = _text(row).split()
        if not words:
            continue
        if after_row and _is_wrapped_tail(words):
            continue
        counted += 1
        after_row = len(words) >= _ROW_WORDS
        wide += after_row
    return bool(counted) and wide / counted >= _ROW_SHARE


def line_rows(body: list[Row], columns: list[Column]) -> Iterator[tuple[Aligned, Location | None]]:
    """Given the lines of a one-line-per-row table, yield each row aligned to the columns.

    A row is held back until the next line shows whether that line wraps one of its cells.
    """
    held: tuple[Aligned, Location | None] | None = None
    widths: dict[str, int] = {}  # the longest line of each column so far
    for row in body:
        text = _text(row)
        # 绩效指标 printed mid-table is the label of a merged column, not cell text.
        placed = [(clean(w), at) for w, at in _words_at(row, text)]
        placed = [(w, at) for w, at in placed if vocab.key(w) not in _LABELS]
        words = [w for w, _ in placed]
        if not words or is_page_number(text) or all(map(vocab.is_level_piece, words)):
            continue  # a footer, or the wrapped end of a level name (服务对象满意度 / 指标)
        previous = held[0] if held else None
        if previous is not None and _continues_laid_out(previous, placed, row.location):
            continue
        if previous is not None and _ends_cells(previous, placed, columns, widths, row):
            continue
        laid_out = _WIDE_GAP.search(text) is not None
        aligned = align_words(words, columns, [at for _, at in placed] if laid_out else None)
        _widen(widths, aligned.cells)
        cells = aligned.cells
        if previous is not None and _wraps(previous.cells, cells):
            _continue_cell(previous, cells, row.location)
        elif cells.get("name") or cells.get("value") or _is_level_only(cells):
            if held:
                yield held
            held = aligned, row.location
        elif previous is not None:
            _extend(previous, words)
        else:
            yield Aligned({}, words), row.location
    if held:
        yield held


def _wraps(above: dict[str, str], cells: dict[str, str]) -> bool:
    """Whether a line holding one cell is the wrapped end of that cell in the row above:
    a name shorter than the first line of the name above (which filled the column), or a
    short wordy piece under a value (每季度首月底 / 前)."""
    if not above.get("value") or len(cells) != 1:
        return False
    name, value = cells.get("name"), cells.get("value")
    if name:
        return len(name) < len(above.get("name") or "")
    return bool(value) and len(value) <= _UNIT_PIECE and not _DIGIT.search(value)


def _continue_cell(above: Aligned, cells: dict[str, str], where: Location | None) -> None:
    kind, text = next(iter(cells.items()))
    joined = above.cells[kind] + text
    line = f"第{where.line}行" if where and where.line else "下一行"
    above.notes.append(f"{line}的“{text}”是上一行单元格的续行，已合并为“{joined}”")
    above.cells[kind] = joined


def _words_at(row: Row, text: str) -> list[tuple[str, int]]:
    """Split a line into words, each with where it starts on the line; where extraction
    kept the layout (cells apart by two or more spaces), only those wide gaps separate
    cells, and single spaces stay inside."""
    indent = row.cells[0].indent if len(row.cells) == 1 else 0
    if not _WIDE_GAP.search(text):
        return [(m.group(), indent + m.start()) for m in _WORD.finditer(text)]
    words = []
    for match in _LAID_OUT_WORD.finditer(text):
        word, at = match.group(), indent + match.start()
        head, _, rest = word.partition(" ")
        if rest and (vocab.level1_name(head) or vocab.level2_name(head)):
            # A level name a single space from the cell after it (服务对象满意度指标 活动…)
            words.extend([(head, at), (rest, at + len(head) + 1)])
        else:
            words.append((word, at))
    return words


def _text(row: Row) -> str:
    return " ".join(t for t in row.texts if t).strip()


def _is_level_only(cells: dict[str, str]) -> bool:
    return bool(cells) and set(cells) <= {"level1", "level2"}


def _is_wrapped_tail(words: list[str]) -> bool:
    return len(words) <= _TAIL_PIECES and all(
        (len(words) == 1 or len(w) <= _TAIL_LENGTH)
        and not any(ch.isdigit() for ch in w)
        and not _is_level_word(w)
        for w in words
    )


def _is_level_word(word: str) -> bool:
    """A level name or a piece of one (社会效益指, 标), which no cell's wrapped end is."""
    return bool(vocab.level1_name(word) or vocab.level2_name(word) or vocab.is_level_fragment(word))


def _widen(widths: dict[str, int], cells: dict[str, str]) -> None:
    for kind, text in cells.items():
        if len(text) > widths.get(kind, 0):
            widths[kind] = len(text)


def _ends_cells(
    previous: Aligned,
    placed: list[tuple[str, int]],
    columns: list[Column],
    widths: dict[str, int],
    row: Row,
) -> bool:
    """Put a line of wrapped cell ends back into the row above; False if it is not one.

    Without a layout to go by, a line of a few longer pieces only ends cells that fill
    their column (as long as its longest line so far).
    """
    words = [word for word, _ in placed]
    if _is_wrapped_tail(words):
        return _put_back(previous, placed, columns, widths, row.location)
    if not previous.starts and _is_parallel_tail(words):
        return _put_back(previous, placed, columns, widths, row.location, full_only=True)
    return False


def _is_parallel_tail(words: list[str]) -> bool:
    """Whether a line of a few longer pieces is the ends of several cells wrapped side by
    side ("务完成情况 情况"): no figure, no level name, and not ending in a target worded
    as one (a row of its own: "营商环境 持续优化")."""
    return (
        1 < len(words) <= _TAIL_PIECES
        and not vocab.is_qualitative_target(words[-1])
        and not any(_DIGIT.search(w) for w in words)
        and not any(map(_is_level_word, words))
    )


def _put_back(
    previous: Aligned,
    placed: list[tuple[str, int]],
    columns: list[Column],
    widths: dict[str, int],
    where: Location | None,
    full_only: bool = False,
) -> bool:
    """Append each piece to the cell of the row above it stands under (layout text) or
    else to one of the longest text cells, in column order, noting the join; return
    False when that row has too few such cells (with ``full_only``, cells as long as
    the longest line of their column)."""
    pieces = [piece for piece, _ in placed]
    targets = _cells_above(previous, placed)
    if targets is None:
        targets = _likely_cut(previous, pieces, columns, widths, full_only)
    if targets is None:
        return False
    for kind, piece in zip(targets, pieces, strict=True):
        _continue_cell(previous, {kind: piece}, where)
    return True


def _continues_laid_out(
    previous: Aligned, placed: list[tuple[str, int]], where: Location | None
) -> bool:
    """In layout text, a line whose pieces all stand under text cells of the row above,
    and not under both its name and its value (as a row of its own would) unless the
    value piece ends a cut unit, continues those cells: "镇，321个" under the value
    全县37个乡, "成本" and "元" under 服务费支付总 and ≤28.75万."""
    targets = _cells_above(previous, placed)
    if targets is None:
        return False
    if {"name", "value"} <= set(targets):
        value = placed[targets.index("value")][0]
        if not _cuts_unit(previous.cells.get("value", ""), value):
            return False  # a row of its own, unless the value piece ends a cut unit (万 / 元)
    for kind, (piece, _) in zip(targets, placed, strict=True):
        _continue_cell(previous, {kind: piece}, where)
    return True


def _cells_above(previous: Aligned, placed: list[tuple[str, int]]) -> list[str] | None:
    """Given pieces with their positions, return the cell of the row above each starts
    under, when that row kept its layout and each piece falls under a text cell."""
    starts = previous.starts
    if not starts:
        return None
    by_start = sorted(starts.items(), key=lambda item: item[1])
    targets = []
    for _, at in placed:
        under = [kind for kind, start in by_start if start <= at + _COLUMN_SLACK]
        if not under or under[-1] not in _WRAPPING:
            return None
        if under[-1] in targets and targets[-1] != under[-1]:
            return None  # two pieces of one cell stand side by side, never apart
        targets.append(under[-1])
    return targets


def _likely_cut(
    previous: Aligned,
    pieces: list[str],
    columns: list[Column],
    widths: dict[str, int],
    full_only: bool = False,
) -> list[str] | None:
    """Return the cells of the row above the pieces most likely end, in column order."""
    cells = previous.cells
    order = [c.kind for c in columns]
    value = cells.get("value", "")
    if len(pieces) == 1 and _cuts_unit(value, pieces[0]):
        targets = ["value"]  # "≤28.75万" + "元", "2022年1月至12" + "月"
    else:
        qualitative = vocab.key(cells.get("nature")) == "定性"
        wrapping = [
            k for k in _WRAPPING if cells.get(k) and (qualitative or _may_wrap(k, cells[k]))
        ]
        if full_only:
            wrapping = [k for k in wrapping if len(cells[k]) >= widths.get(k, 0)]
        if len(wrapping) < len(pieces):
            return None
        likeliest = sorted(
            wrapping, key=lambda k: _cut_likelihood(cells[k], widths.get(k, 0)), reverse=True
        )
        targets = sorted(likeliest[: len(pieces)], key=order.index)
    return targets


def _cuts_unit(value: str, piece: str) -> bool:
    """Whether a one-piece line ends the value above: a unit cut after its magnitude
    (万 + 元), or a unit word under a value that ends in a bare figure (至12 + 月)."""
    if not value:
        return False
    if parse_value(value).unit in _MAGNITUDES:
        return True
    return value[-1].isdigit() and len(piece) <= _UNIT_PIECE and not _DIGIT.search(piece)


def _may_wrap(kind: str, text: str) -> bool:
    """A value wraps when it is words (方便快捷、…), not a figure with its unit."""
    return kind != "value" or text.endswith(_JOINERS) or parse_value(text).number is None


def _cut_likelihood(text: str, width: int) -> tuple[bool, float, int]:
    """A cell ending in 、 or 和 was certainly cut; else the one that fills its column
    most (the longest line seen in it), then the longest."""
    return text.endswith(_JOINERS), len(text) / max(width, len(text), 1), len(text)


def _extend(previous: Aligned, words: list[str]) -> None:
    """Add a wrapped line to the last text cell of the row above."""
    cells = previous.cells
    for kind in ("basis", "description", "name"):
        if kind in cells:
            cells[kind] = clean(cells[kind] + "".join(words))
            return
    previous.skipped.extend(words)


def align_words(
    words: list[str], columns: list[Column], offsets: list[int] | None = None
) -> Aligned:
    """Given the words of a line (and where each starts, for layout text), return the
    best assignment of words to columns."""
    infos = [word_info(w) for w in words]
    m, n = len(infos), len(columns)
    # at[i][j]: best score with word i placed in column j; upto[i][j]: best with words
    # 1..i handled using columns 1..j. Moves are kept for the trace back.
    at = [[_NEG] * (n + 1) for _ in range(m + 1)]
    upto = [[0.0] * (n + 1) for _ in range(m + 1)]
    at_move = [[0] * (n + 1) for _ in range(m + 1)]  # 1 new cell, 2 continues the cell before
    upto_move = [[0] * (n + 1) for _ in range(m + 1)]  # 0 column unused, 1 skipped, 2 placed
    for i in range(1, m + 1):
        upto[i][0] = upto[i - 1][0] + infos[i - 1].skip
        upto_move[i][0] = 1
        for j in range(1, n + 1):
            _step(i, j, infos[i - 1], columns[j - 1], at, upto, at_move, upto_move)
    return _trace(words, columns, at_move, upto_move, offsets)


def _step(
    i: int,
    j: int,
    info: Word,
    column: Column,
    at: list[list[float]],
    upto: list[list[float]],
    at_move: list[list[int]],
    upto_move: list[list[int]],
) -> None:
    fit = info.fit(column.kind)
    if fit is not None:
        at[i][j], at_move[i][j] = upto[i - 1][j - 1] + fit, 1
    if column.kind in _CONTINUABLE:
        cost = _continue_cost(info, column.kind)
        if at[i - 1][j] + cost > at[i][j]:
            at[i][j], at_move[i][j] = at[i - 1][j] + cost, 2
    options = ((upto[i][j - 1], 0), (upto[i - 1][j] + info.skip, 1), (at[i][j], 2))
    upto[i][j], upto_move[i][j] = max(options, key=lambda option: (option[0], option[1]))


def _continue_cost(info: Word, kind: str) -> float:
    """What joining a word to the cell before costs: a value takes only its unit's pieces."""
    if kind in ("value", "actual") and len(info.word) > _UNIT_PIECE:
        return _CONTINUE_LONG
    return _CONTINUE


def _trace(
    words: list[str],
    columns: list[Column],
    at_move: list[list[int]],
    upto_move: list[list[int]],
    offsets: list[int] | None,
) -> Aligned:
    placed: dict[str, list[str]] = {}
    starts: dict[str, int] = {}
    skipped: list[str] = []
    i, j, inside = len(words), len(columns), False
    while i > 0:
        if inside:
            placed.setdefault(columns[j - 1].kind, []).insert(0, words[i - 1])
            if offsets is not None:
                starts[columns[j - 1].kind] = offsets[i - 1]
            move = at_move[i][j]
            i -= 1
            if move == 1:
                j, inside = j - 1, False
            continue
        move = upto_move[i][j] if j > 0 else 1
        if move == 2:
            inside = True
        elif move == 1:
            skipped.insert(0, words[i - 1])
            i -= 1
        else:
            j -= 1
    cells = {kind: clean(" ".join(parts)) for kind, parts in placed.items()}
    if "unit" in cells and "value" not in cells:
        cells["value"] = cells.pop("unit")
        if "unit" in starts:
            starts["value"] = starts.pop("unit")
    return Aligned(cells, skipped, starts=starts)
