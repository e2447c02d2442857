"""Text keys the corpus rules compare: indicator names, values and a project's topic words.

Two projects are compared on what they printed, so the keys drop what extraction and
typing vary (spaces, punctuation, full-width letters, 百分比 for %) and keep the words.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ..model import Value

# Full-width ASCII to half-width, and punctuation deleted: （）“”、，。：；·/ and their ASCII twins.
_PUNCTUATION = "()（）[]【】<>《》“”\"'‘’、,，.。:：;；·•-—_/／\\|!！?？*＊ \t\r\n\u3000"
_TABLE = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}
_TABLE.update({ord(ch): None for ch in _PUNCTUATION})
# Units keep their slash: 元/人 is a rate, 元人 is not a unit.
_UNIT_TABLE = {**_TABLE, ord("/"): "/", ord("／"): "/"}

_UNIT_ALIASES = {"百分比": "%", "％": "%", "万": "万元", "元人民币": "元"}

# Not topic words: digits, years, template placeholders (目标内容1), anything not CJK.
_NOT_TOPIC = re.compile(r"目标内容\d*|\d+年度?|[^\u4e00-\u9fff]+")


def name_key(name: str | None) -> str:
    """Given an indicator or project name, return it without spaces, punctuation or width."""
    return (name or "").translate(_TABLE)


def unit_key(unit: str | None) -> str:
    """Given a unit as printed, return its comparable form (百分比 → %, 万 → 万元)."""
    unit = (unit or "").translate(_UNIT_TABLE)
    return _UNIT_ALIASES.get(unit, unit)


def value_key(value: Value) -> str:
    """Given a target value, return "≥95%"-like text that equal targets share."""
    if value.number is None:
        return name_key(value.raw)
    return f"{value.direction or '='}{value.number:g}{unit_key(value.unit)}"


def topic_bigrams(texts: Iterable[str | None], generic: re.Pattern[str]) -> frozenset[str]:
    """Given a project's name, purpose and goals, return the character bigrams of its topic.

    Generic words (项目, 经费, 保障 …) and non-Chinese text split the text into runs, so no
    bigram spans a removed word.
    """
    bigrams: set[str] = set()
    for text in texts:
        if not text:
            continue
        for run in _NOT_TOPIC.split(generic.sub(" ", text)):
            bigrams.update(run[i : i + 2] for i in range(len(run) - 1))
    return frozenset(bigrams)


def dice(a: frozenset[str], b: frozenset[str]) -> float:
    """Return the Dice similarity 2|a ∩ b| / (|a| + |b|) (0 when both are empty)."""
    total = len(a) + len(b)
    return 2 * len(a & b) / total if total else 0.0


def word_pattern(words: Iterable[str]) -> re.Pattern[str]:
    """Return a regex matching any of ``words`` (longest first), or nothing when empty."""
    ordered = sorted(set(words), key=len, reverse=True)
    return re.compile("|".join(re.escape(w) for w in ordered) or r"(?!)")
