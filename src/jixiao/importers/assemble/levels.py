"""Turn aligned rows into indicators: fill merged level cells, join broken rows.

A level-1 or level-2 cell printed once for its block applies to the rows below it. A
standard level-2 name settles its level-1 parent (数量指标 is always under 产出指标),
which also places blocks whose level-1 text was printed mid-block. A row without a value
followed by a row without levels that has one is a row broken in two: they are joined.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from ... import vocabulary as vocab
from ...model import Indicator, Location, ReadWarning, Value
from ...values import parse_direction, parse_number, parse_value, value_from_columns
from .cleaning import clean
from .columns import Aligned

# A placeholder row (指标名称 无) stands for an empty block; it takes no more rows.
_PLACEHOLDER = "无"


@dataclass(slots=True)
class LevelState:
    """The level-1 and level-2 names in force, and the indicators built so far."""

    columns: frozenset[str]
    level1: str | None = None
    level2: str | None = None
    indicators: list[Indicator] = field(default_factory=list)
    warnings: list[ReadWarning] = field(default_factory=list)
    # Rows after a placeholder block, waiting for the level-2 name printed below them.
    waiting: list[Indicator] = field(default_factory=list)
    # Whether the last row's cells were out of place: only shifted rows are joined, so an
    # indicator printed without a value stays an indicator of its own.
    last_shifted: bool = False

    def add_row(self, aligned: Aligned, location: Location | None) -> None:
        """Given one aligned body row, update the levels and add or extend an indicator."""
        if len(aligned.cells) <= 2 and not aligned.skipped and _only_level_pieces(aligned.cells):
            return  # the wrapped end of a level name (服务对象满意度 / 指标), read above
        cells = _name_from_level2(aligned.cells)
        for note in aligned.notes:
            self.warn(note, location)
        for text in aligned.skipped:
            if vocab.key(text) in vocab.TABLE_LABELS or vocab.is_level_fragment(text):
                continue  # the block label or a piece of a wrapped level name, not content
            self.warn(f"无法归入任何列的文字“{text}”已忽略（疑为换页残留）", location)
        printed1, printed2 = _printed_levels(cells)
        self._set_levels(printed1, printed2, location)
        if not (cells.get("name") or cells.get("value")):
            return
        broken = aligned.shifted or self.last_shifted
        self.last_shifted = aligned.shifted
        if broken and self._joins_previous(cells, printed1 or printed2, location):
            return
        indicator = self._build(cells, location)
        if printed2 is None and self._in_placeholder_block():
            self.waiting.append(indicator)
        else:
            self.indicators.append(indicator)

    def finish(self) -> list[Indicator]:
        """Return the indicators, placing rows still waiting under the current level."""
        self._release(self.level1, self.level2)
        return self.indicators

    def warn(self, message: str, location: Location | None) -> None:
        self.warnings.append(ReadWarning(message, location))

    def _set_levels(self, level1: str | None, level2: str | None, where: Location | None) -> None:
        if level1 == "成本指标" and level2 in (None, "成本指标") and self.level1 != "成本指标":
            # The older template lists 成本指标 under 产出指标; a 成本指标 block without a
            # level-2 cell is that row shifted into the level-1 column.
            level1, level2 = None, "成本指标"
        if level2:
            parent = vocab.LEVEL2_PARENT.get(level2)
            if level2 == "成本指标":
                parent = "产出指标" if self.level1 in (None, "产出指标") else self.level1
            level1 = parent or level1 or self.level1
            if self.waiting and level2 != self.level2:
                self._release(level1, level2, where)
            self.level2 = level2
        elif level1 and level1 != self.level1:
            self.level2 = vocab.ONLY_CHILD.get(level1)
        self.level1 = level1 or self.level1

    def _release(
        self, level1: str | None, level2: str | None, where: Location | None = None
    ) -> None:
        for indicator in self.waiting:
            indicator.level1, indicator.level2 = level1, level2
            self.warn(
                f"指标“{indicator.name}”的二级指标单元格为空，按下方合并单元格归入{level2}", where
            )
        self.indicators.extend(self.waiting)
        self.waiting = []

    def _in_placeholder_block(self) -> bool:
        if self.waiting:
            return True
        last = self.indicators[-1] if self.indicators else None
        return bool(last and last.level2 == self.level2 and last.name == _PLACEHOLDER)

    def _joins_previous(
        self, cells: dict[str, str], has_levels: bool, where: Location | None
    ) -> bool:
        previous = self.indicators[-1] if self.indicators else None
        if has_levels and previous is not None and previous.level2 != self.level2:
            return False
        if previous is None or previous.target.raw or not cells.get("value"):
            return False
        if previous.location and where and previous.location.line == where.line:
            return False
        joined = clean((previous.name or "") + (cells.get("name") or ""))
        replacement = self._build({**cells, "name": joined}, previous.location)
        self.indicators[-1] = replacement
        self.warn(f"被拆成两行的指标已合并为“{joined}”", where)
        return True

    def _build(self, cells: dict[str, str], location: Location | None) -> Indicator:
        nature = clean(cells.get("nature")) or None
        direction_word = cells.get("direction")
        if nature and parse_direction(nature):
            direction_word, nature = direction_word or nature, None
        if direction_word and vocab.key(direction_word) in vocab.NATURES:
            # 正向 / 反向 under 指标方向 name the nature; no operator was printed.
            direction_word, nature = None, nature or clean(direction_word)
        raw = clean(cells.get("value"))
        has_columns = bool({"direction", "unit"} & self.columns) or direction_word
        unit = cells.get("unit") if has_columns else None
        target = Value(*_target(raw, direction_word or None, unit, bool(has_columns)))
        return Indicator(
            level1=self.level1,
            level2=self.level2,
            name=clean(cells.get("name")) or None,
            description=clean(cells.get("description")) or None,
            target=target,
            nature=nature,
            weight=parse_number(cells.get("weight")),
            basis=clean(cells.get("basis")) or None,
            actual=clean(cells.get("actual")) or None,
            score=parse_number(cells.get("score")),
            location=location,
        )


# Target texts repeat across tables (≥95百分比, 100%); the cache is bounded.
@lru_cache(maxsize=4096)
def _target(
    raw: str, direction_word: str | None, unit: str | None, columns: bool
) -> tuple[str | None, str | None, float | int | None, str | None]:
    """Given a 指标值 (and the 指标方向, 计量单位 cells), return the Value's fields."""
    value = value_from_columns(raw, direction_word, unit) if columns else parse_value(raw)
    return value.raw, value.direction, value.number, value.unit


def _name_from_level2(cells: dict[str, str]) -> dict[str, str]:
    """A row with a value but no name whose level-2 cell holds a synonym (服务对象满意度)
    printed the indicator name there: the level-2 cell was merged into the row above."""
    text2 = cells.get("level2")
    if cells.get("name") or not cells.get("value") or not text2:
        return cells
    canonical = vocab.level2_name(text2)
    if canonical is None or canonical == vocab.key(text2):
        return cells
    moved = {k: v for k, v in cells.items() if k != "level2"}
    moved["name"] = text2
    return moved


def _printed_levels(cells: dict[str, str]) -> tuple[str | None, str | None]:
    """Return the level names a row prints, reading a name in the wrong level column as
    the level it names (社会效益 in the level-1 column is a level-2 name)."""
    text1, text2 = _level_text(cells.get("level1")), _level_text(cells.get("level2"))
    level1 = vocab.level1_name(text1) if text1 else None
    level2 = vocab.level2_name(text2) if text2 else None
    if text1 and not level1:
        moved = vocab.level2_name(text1)
        if moved and not text2:
            level2 = moved
        elif not moved:
            level1 = vocab.custom_level_name(text1)
    if text2 and not level2:
        moved = vocab.level1_name(text2)
        if moved and not text1:
            level1 = moved
        elif not moved:
            level2 = vocab.custom_level_name(text2)
    return level1, level2


def _only_level_pieces(cells: dict[str, str]) -> bool:
    # Checked only for rows of one or two cells: a wrapped piece stands alone or beside one more.
    return bool(cells) and all(map(vocab.is_level_piece, cells.values()))


def _level_text(text: str | None) -> str | None:
    if not text or vocab.is_level_piece(text):
        return None  # the block label (绩效指标) or a piece of a wrapped level name
    return text
