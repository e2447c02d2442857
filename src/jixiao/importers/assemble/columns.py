"""Map indicator-table cells to columns by header words, and re-align shifted rows.

Text exports of merged cells shift cells left or right (a level-1 cell printed only on
the first row of its block, a level-2 name in the level-1 column). Each row's non-empty
cells are therefore aligned to the header columns by what they hold: a level name fits
a level column, 大于等于 fits 指标方向, a number fits 分值. A small dynamic programme finds
the order-preserving assignment with the best total fit; the printed position only
breaks ties. Cells that fit nowhere are skipped and reported.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from ... import vocabulary as vocab
from ...values import parse_direction as _parse_direction
from ...values import parse_number, parse_value
from ..grid import Row
from .cleaning import clean, columns_of, is_blank

_VALUE_START = re.compile(
    r"^(?:[≥≤<>=＞＜≧≦]|大于|小于|不低于|不少于|不高于|不超过|等于)?\s*[-+]?\d"
)
_HAS_DIGIT = re.compile(r"\d")
_PUNCT = re.compile(r"[，,。；;：:、（）()《》“”\"]")

_IMPOSSIBLE = None
_POSITION_BONUS = 0.3
_SKIP_FRAGMENT = -0.2
_SKIP_TEXT = -3.0


@dataclass(frozen=True, slots=True)
class Column:
    kind: str
    index: int


@dataclass(slots=True)
class Aligned:
    """One row after alignment: column kind → cell text, plus cells that fit nowhere."""

    cells: dict[str, str]
    skipped: list[str]
    # True when cells had to be moved from the columns they were printed in.
    shifted: bool = False
    # What the reader guessed while building the row (a wrapped line joined), to report.
    notes: list[str] = field(default_factory=list)
    # Where each cell starts on its line, when the line kept its layout (lines.py).
    starts: dict[str, int] = field(default_factory=dict)


def read_columns(row: Row) -> list[Column]:
    """Given the header row of an indicator table, return its data columns in order."""
    columns: list[Column] = []
    names: set[str] = set()
    for index, cell in columns_of(row.cells):
        kind = vocab.column_kind(cell.text)
        if kind == "name":
            word = vocab.key(cell.text)
            if names and word not in names:
                kind = "description"  # 三级指标 | 指标内容: the second describes the first
            names.add(word)
        if kind:
            columns.append(Column(kind, index))
    return _block_label_as_level(row, columns)


def _block_label_as_level(row: Row, columns: list[Column]) -> list[Column]:
    """绩效指标 | 指标名称 | 指标值 with no level column: the 绩效指标 column holds the
    level names (产出指标, 效益指标) of a two-level table."""
    kinds = {c.kind for c in columns}
    if kinds & {"level1", "level2"} or "name" not in kinds:
        return columns
    first_name = min(c.index for c in columns if c.kind == "name")
    for index, cell in columns_of(row.cells):
        if index < first_name and vocab.key(cell.text) in vocab.TABLE_LABELS:
            return sorted([*columns, Column("level1", index)], key=lambda c: c.index)
    return columns


# Every indicator table has these; a header that lacks one lost it in extraction.
_REQUIRED = (("name", ("level2", "level1")), ("value", ("description", "name", "level2")))


def missing_columns(columns: list[Column]) -> list[str]:
    """Return the required column kinds (三级指标, 指标值) the header does not name."""
    kinds = {c.kind for c in columns}
    return [kind for kind, _ in _REQUIRED if kind not in kinds]


def complete_columns(columns: list[Column]) -> list[Column]:
    """Given header columns, return them with missing required ones put in standard order.

    The added column has no printed position, so only content can fill it.
    """
    columns = list(columns)
    for kind, after in _REQUIRED:
        if any(c.kind == kind for c in columns):
            continue
        anchors = [
            i for kind_before in after for i, c in enumerate(columns) if c.kind == kind_before
        ]
        position = anchors[0] + 1 if anchors else 0
        columns.insert(position, Column(kind, -1))
    return columns


_TOTAL_LABEL_LENGTH = 6


def total_score(row: Row, columns: list[Column]) -> float | int | None:
    """Given a body row, return the table's total score if the row is its 总分 line."""
    first = ""
    for cell in row.cells:
        if cell.text:
            first = cell.text
            break
    if len(first) > _TOTAL_LABEL_LENGTH or vocab.key(first) not in vocab.TOTAL_SCORE_LABELS:
        return None
    texts = [(i, c.text) for i, c in columns_of(row.cells) if not is_blank(c.text)]
    by_index = dict(texts)
    for column in columns:
        if column.kind == "score" and column.index in by_index:
            return parse_number(by_index[column.index])
    numbers = [parse_number(t) for _, t in texts[1:]]
    numbers = [n for n in numbers if n is not None]
    return numbers[-1] if numbers else None


@dataclass(slots=True)
class Word:
    """What a cell text is, independent of where it stands: its level names and fits."""

    text: str
    word: str
    level1: str | None
    level2: str | None
    skip: float = 0.0
    # Fit per column kind, filled on first use (None: cannot go there).
    fits: dict[str, float | None] = field(default_factory=dict)

    def fit(self, kind: str) -> float | None:
        fits = self.fits
        if kind not in fits:
            fits[kind] = _FITS[kind](self)
        return fits[kind]


# Cell texts repeat across rows and tables (level names, units, 年度工作计划); the cache
# is bounded so memory stays flat.
@lru_cache(maxsize=4096)
def word_info(raw: str) -> Word:
    text = clean(raw)
    word = vocab.key(text)
    info = Word(text, word, vocab.level1_name(word), vocab.level2_name(word))
    info.skip = _skip(info)
    return info


@dataclass(slots=True)
class _Cell:
    info: Word
    index: int

    @property
    def text(self) -> str:
        return self.info.text

    def fit(self, kind: str) -> float | None:
        return self.info.fit(kind)


def align(row: Row, columns: list[Column]) -> Aligned:
    """Given a body row and the header columns, return the row's cells by column kind."""
    cells = [_Cell(word_info(c.text), i) for i, c in columns_of(row.cells) if not is_blank(c.text)]
    return align_cells(cells, columns)


def align_cells(cells: list[_Cell], columns: list[Column]) -> Aligned:
    """Given a row's cells and the columns, return the best order-preserving assignment."""
    placed = _in_place(cells, columns)
    if placed is not None:
        return _finish(placed, [])
    move = _best_moves(cells, columns)
    return _trace(cells, columns, move)


# A cell this good a fit for the column it is printed in needs no re-alignment.
_SURE_FIT = 1.0


def _in_place(cells: list[_Cell], columns: list[Column]) -> dict[str, str] | None:
    """Return the row as printed when every cell fits the column it sits in, else None."""
    by_index = _by_index(tuple(columns))
    placed: dict[str, str] = {}
    for cell in cells:
        column = by_index.get(cell.index)
        fit = cell.fit(column.kind) if column else None
        if fit is None or fit < _SURE_FIT:
            return None
        placed[column.kind] = cell.text
    return placed


@lru_cache(maxsize=64)
def _by_index(columns: tuple[Column, ...]) -> dict[int, Column]:
    return {c.index: c for c in columns}


def _best_moves(cells: list[_Cell], columns: list[Column]) -> list[list[int]]:
    m, n = len(cells), len(columns)
    # best[i][j]: best score placing the first i cells within the first j columns;
    # move: 0 column left unused, 1 cell skipped, 2 cell placed in the column.
    best = [[0.0] * (n + 1) for _ in range(m + 1)]
    move = [[0] * (n + 1) for _ in range(m + 1)]
    for i in range(1, m + 1):
        best[i][0] = best[i - 1][0] + cells[i - 1].info.skip
        move[i][0] = 1
    for i in range(1, m + 1):
        cell, above, row = cells[i - 1], best[i - 1], best[i]
        for j in range(1, n + 1):
            score, step = row[j - 1], 0
            skipped = above[j] + cell.info.skip
            if skipped >= score:
                score, step = skipped, 1
            fit = _fit(cell, columns[j - 1])
            if fit is not _IMPOSSIBLE and above[j - 1] + fit >= score:
                score, step = above[j - 1] + fit, 2
            row[j], move[i][j] = score, step
    return move


def _trace(cells: list[_Cell], columns: list[Column], move: list[list[int]]) -> Aligned:
    placed: dict[str, str] = {}
    skipped: list[str] = []
    i, j = len(cells), len(columns)
    while i > 0:
        step = move[i][j] if j > 0 else 1
        if step == 2:
            placed.setdefault(columns[j - 1].kind, cells[i - 1].text)
            i, j = i - 1, j - 1
        elif step == 1:
            skipped.append(cells[i - 1].text)
            i -= 1
        else:
            j -= 1
    skipped.reverse()
    return _finish(placed, skipped, shifted=True)


def _finish(placed: dict[str, str], skipped: list[str], shifted: bool = False) -> Aligned:
    if "unit" in placed and "value" not in placed:
        # A unit needs a number: a lone word under 计量单位 is the value printed one
        # column to the right (365天*24小时, 长期).
        placed["value"] = placed.pop("unit")
    return Aligned(placed, skipped, shifted)


def _skip(cell: Word) -> float:
    if cell.word in vocab.TABLE_LABELS or vocab.is_level_fragment(cell.text):
        return _SKIP_FRAGMENT
    return _SKIP_TEXT


def _fit(cell: _Cell, column: Column) -> float | None:
    score = cell.fit(column.kind)
    if score is _IMPOSSIBLE:
        return score
    return score + (_POSITION_BONUS if cell.index == column.index else 0.0)


@lru_cache(maxsize=1024)
def parse_direction(word: str) -> str | None:
    return _parse_direction(word)


def _is_vocab(cell: Word) -> bool:
    return bool(cell.level1 or cell.level2 or cell.word in vocab.NATURES)


def _is_valuelike(cell: Word) -> bool:
    """A figure, with its operator and unit; a name that starts with a figure
    (24小时自助服务大厅建设费用) reads as no number at all."""
    match = _VALUE_START.match(cell.word)
    if match is None:
        return False
    return match.end() > 1 or parse_value(cell.word).number is not None


def _fit_level1(cell: Word) -> float | None:
    if cell.level1:
        return 4.0 if cell.level2 else 6.0
    return _custom_level(cell)


def _fit_level2(cell: Word) -> float | None:
    if cell.level2:
        return 4.0 if cell.level1 else 6.0
    return _custom_level(cell)


def _custom_level(cell: Word) -> float | None:
    if vocab.is_level_fragment(cell.text):
        return 0.5
    short = len(cell.word) <= 10 and not _HAS_DIGIT.search(cell.word)
    if short and cell.word.endswith("指标"):
        return 3.0
    if short and cell.word.endswith("满意度"):
        # 受益群众满意度 as a level-2 name; as an indicator name it fits 三级指标 better
        return 1.5
    return _IMPOSSIBLE


def _fit_name(cell: Word) -> float | None:
    if cell.word in vocab.LEVEL1 or cell.word in vocab.NATURES or parse_direction(cell.word):
        return _IMPOSSIBLE
    if cell.level1 or cell.level2 or cell.word in vocab.TABLE_LABELS:
        return 0.5  # 服务对象满意度 is a level-2 synonym and a common indicator name
    if _is_valuelike(cell):
        return 0.3
    return 1.0 if cell.word.endswith("指标") else 2.0


def _fit_text(cell: Word) -> float | None:
    if cell.word in vocab.NATURES or parse_direction(cell.word):
        return _IMPOSSIBLE
    return 0.3 if cell.level1 or cell.level2 else 1.0


def _fit_value(cell: Word) -> float | None:
    if _is_vocab(cell):
        return _IMPOSSIBLE
    return 4.0 if _is_valuelike(cell) else 1.2


def _fit_actual(cell: Word) -> float | None:
    if _is_vocab(cell):
        return _IMPOSSIBLE
    return 2.5 if _is_valuelike(cell) else 1.0


def _fit_long_value(cell: Word) -> float | None:
    if _is_vocab(cell):
        return _IMPOSSIBLE
    return 2.0 if _is_valuelike(cell) else 1.0


def _fit_nature(cell: Word) -> float | None:
    if cell.word in vocab.NATURES:
        return 5.0
    return 4.0 if parse_direction(cell.word) else _IMPOSSIBLE


def _fit_direction(cell: Word) -> float | None:
    if cell.word in vocab.NATURES:
        return 4.0  # 指标方向 printed as 正向 / 反向: the nature, read as such in levels.py
    return 5.0 if parse_direction(cell.word) else _IMPOSSIBLE


def _fit_unit(cell: Word) -> float | None:
    word = cell.word
    if not word or len(word) > 6 or _HAS_DIGIT.search(word) or _PUNCT.search(word):
        return _IMPOSSIBLE
    if _is_vocab(cell) or parse_direction(word):
        return _IMPOSSIBLE
    # Units are short (次, 万元, 工作日, 次/月); a longer word is more likely a
    # qualitative value printed one column off.
    return 2.5 if len(word) <= 3 or "/" in word or word in vocab.UNITS else 0.8


def _fit_number(cell: Word) -> float | None:
    return 3.0 if parse_number(cell.word) is not None else _IMPOSSIBLE


_FITS = {
    "level1": _fit_level1,
    "level2": _fit_level2,
    "name": _fit_name,
    "description": _fit_text,
    "basis": _fit_text,
    "remark": _fit_text,
    "value": _fit_value,
    "long_value": _fit_long_value,
    "actual": _fit_actual,
    "nature": _fit_nature,
    "direction": _fit_direction,
    "unit": _fit_unit,
    "index": _fit_number,
    "weight": _fit_number,
    "score": _fit_number,
}
