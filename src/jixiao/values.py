"""Value normalisation: ``"≥95%"`` → ``Value(">=", 95, "%")``.

The rules are those of the interchange format (spec ``document-format.md``, "Value
normalisation"). The source's own mistakes are kept: a cost target written ``≥10万元``
stays ``>=``; finding it is the review engine's job.
"""

from __future__ import annotations

import math
import re
import unicodedata
from decimal import Decimal
from functools import lru_cache

from .model import Direction, Number, Value

# Longest words first so 大于等于 wins over 大于.
_OPERATORS: tuple[tuple[str, Direction], ...] = (
    ("大于或等于", ">="),
    ("小于或等于", "<="),
    ("大于等于", ">="),
    ("小于等于", "<="),
    ("不低于", ">="),
    ("不少于", ">="),
    ("不小于", ">="),
    ("至少", ">="),
    ("不高于", "<="),
    ("不超过", "<="),
    ("不大于", "<="),
    ("不多于", "<="),
    (">=", ">="),
    ("<=", "<="),
    ("≥", ">="),
    ("≧", ">="),
    ("≤", "<="),
    ("≦", "<="),
    ("等于", "="),
    ("大于", ">"),
    ("小于", "<"),
    ("高于", ">"),
    ("低于", "<"),
    ("=", "="),
    (">", ">"),
    ("<", "<"),
)

# Trailing words that carry the direction and are not part of the unit.
_SUFFIXES: tuple[tuple[str, Direction], ...] = (
    ("及以上", ">="),
    ("以上", ">="),
    ("及以下", "<="),
    ("以下", "<="),
    ("以内", "<="),
    ("内", "<="),
)

# 百分点 (percentage points) is a different quantity and stays as printed.
_UNIT_ALIASES = {"百分比": "%", "％": "%"}

_NUMBER = re.compile(r"[-+]?\d+(?:,\d{3})*(?:\.\d+)?|[-+]?\.\d+")
_DIGIT = re.compile(r"\d")
# A four-digit year followed by 年 is a date (2025年底完成), not a quantity of years.
_YEAR = re.compile(r"(19|20)\d\d$")


def squash(text: str | None) -> str:
    """Return ``text`` with all whitespace removed (extraction puts spaces inside words)."""
    # str.split() splits on exactly the characters \s matches, and is several times faster.
    return "".join(text.split()) if text else ""


def _nfkc(text: str) -> str:
    """NFKC-normalise (full-width ％＞１ → %>1); ASCII text is already normal."""
    return text if text.isascii() else unicodedata.normalize("NFKC", text)


_OPERATOR_WORDS: dict[str, Direction] = dict(_OPERATORS)


def parse_direction(word: str | None) -> Direction | None:
    """Read an operator word or symbol (大于等于, ≥, 不超过 …) as a direction, else None."""
    return _OPERATOR_WORDS.get(_nfkc(squash(word)))


# Importers call this for every cell they consider; the same few texts recur constantly.
@lru_cache(maxsize=4096)
def parse_number(text: str | None) -> Number | None:
    """Read a whole cell as one number (``"28.75"``, ``"1,234.00"``, ``"86.00万元"``), else None."""
    s = _nfkc(squash(text))
    match = _NUMBER.match(s)
    if not match or _DIGIT.search(s[match.end() :]):
        return None
    return _finite_number(match.group())


def to_number(text: str) -> Number:
    """Turn a numeric string into an int when it is whole, else a float."""
    number = float(text.replace(",", ""))
    return int(number) if number.is_integer() and abs(number) < 1e15 else number


def _finite_number(text: str) -> Number | None:
    """Like to_number, but None for digit strings too long to be a real quantity (inf)."""
    number = to_number(text)
    return number if math.isfinite(number) else None


# A unit printed in brackets on its own: ≥90(分), 计量单位 （个）.
_BRACKETED_UNIT = re.compile(r"^[(（]([^()（）]+)[)）]$")


def normalise_unit(unit: str | None) -> str | None:
    unit = squash(unit)
    if not unit:
        return None
    bracketed = _BRACKETED_UNIT.match(unit)
    if bracketed:
        unit = bracketed.group(1)
    return _UNIT_ALIASES.get(unit, unit)


def parse_value(raw: str | None) -> Value:
    """Normalise one 指标值 cell.

    Given the cell text, return its direction, number and unit, or a qualitative Value
    (all three None) when the text is not one number with a unit.
    """
    text = squash(raw)
    if not text:
        return Value()
    return Value(text, *_normalise(text))


# Value is mutable, so the cache holds its parts and each call builds a fresh one.
@lru_cache(maxsize=4096)
def _normalise(text: str) -> tuple[Direction | None, Number | None, str | None]:
    """Given squashed cell text, return (direction, number, unit), all None if qualitative."""
    qualitative = (None, None, None)
    direction, s = _split_operator(_nfkc(text))
    match = _NUMBER.match(s)
    if not match:
        return qualitative
    rest = s[match.end() :]
    if _DIGIT.search(rest) or (_YEAR.match(match.group()) and rest.startswith("年")):
        return qualitative
    rest, suffix_direction = _split_suffix(rest)
    number = _finite_number(match.group())
    if number is None or (rest and not _looks_like_unit(rest)):
        return qualitative
    return direction or suffix_direction or "=", number, normalise_unit(rest)


def value_from_columns(
    raw: str | None, direction_word: str | None = None, unit: str | None = None
) -> Value:
    """Normalise a row whose 指标方向 and 计量单位 sit in columns of their own.

    The columns win; a 目标值 printed with its own operator or unit (≥95 under a % column,
    1年 with no unit column) keeps them where the columns say nothing. A 目标值 that is
    not one number, or whose unit contradicts the unit column, is qualitative (每年2次,
    8小时/工作日现场支持).
    """
    text = squash(raw)
    if not text:
        return Value()
    column_direction = parse_direction(direction_word)
    column_unit = normalise_unit(unit)
    number = parse_number(text)
    if number is not None and _is_plain_number(text):
        return Value(text, column_direction or "=", number, column_unit)
    inline = parse_value(text)
    if inline.number is None or (column_unit and inline.unit not in (None, column_unit)):
        return Value(raw=text)
    if column_direction:
        inline.direction = column_direction
    inline.unit = column_unit or inline.unit
    return inline


def compose_raw(direction: str | None, number: Number | None, unit: str | None) -> str:
    """Write a value back as a table prints it: (">=", 95, "%") → ``"≥95%"``."""
    if number is None:
        return unit or ""
    symbol = {">=": "≥", "<=": "≤", "=": "", ">": ">", "<": "<"}.get(direction or "=", "")
    return f"{symbol}{format_number(number)}{unit or ''}"


def format_number(number: Number) -> str:
    """Write a number as a table prints it: ``95``, ``28.75``, never ``6.1e-05``."""
    if isinstance(number, float) and number.is_integer():
        number = int(number)
    if isinstance(number, int):
        return str(number)
    return format(Decimal(repr(number)), "f")


# One alternation in _OPERATORS order, so 大于等于 still wins over 大于.
_LEADING_OPERATOR = re.compile("|".join(re.escape(token) for token, _ in _OPERATORS))


def _split_operator(s: str) -> tuple[Direction | None, str]:
    match = _LEADING_OPERATOR.match(s)
    if match is None:
        return None, s
    return _OPERATOR_WORDS[match.group()], s[match.end() :]


def _split_suffix(rest: str) -> tuple[str, Direction | None]:
    for token, direction in _SUFFIXES:
        if rest.endswith(token):
            return rest[: -len(token)], direction
    return rest, None


def _is_plain_number(text: str) -> bool:
    s = _nfkc(text)
    match = _NUMBER.fullmatch(s)
    return match is not None


# A unit is short and has no clause punctuation; longer text after a number is a sentence
# (8小时/工作日现场支持), shorter text is kept as the unit (≥100按规定时间发放, per the spec).
_MAX_UNIT_LENGTH = 8
_CLAUSE = re.compile(r"[，,。；;：:、（）()]")


# A short note in brackets belongs to the unit: 万头（只）, 人（次）.
_UNIT_NOTE = re.compile(r"[（(][^（()）\d]{1,3}[)）]$")


def _looks_like_unit(rest: str) -> bool:
    if len(rest) > _MAX_UNIT_LENGTH:
        return False
    return not _CLAUSE.search(_UNIT_NOTE.sub("", rest) if rest[-1] in ")）" else rest)
