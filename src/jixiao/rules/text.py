"""Text keys the corpus rules compare: indicator names, values and a project's topic words.

Two projects are compared on what they printed, so the keys drop what extraction and
typing vary (spaces, punctuation, full-width letters, 百分比 for %) and keep the words.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

from ..model import Value

# Punctuation and spaces that typing and extraction vary; deleted from names. A regex, not
# str.translate: translate is several times slower on non-Latin text.
_PUNCTUATION = re.compile(r"[()（）\[\]【】<>《》“”\"'‘’、,，.。:：;；·•\-—_/\\|!?*\s]")
_UNIT_PUNCTUATION = re.compile(r"[()（）\[\]【】<>《》“”\"'‘’、,，.。:：;；·•\-—_\\|!?*\s]")
_FULL_WIDTH = re.compile(r"[\uff01-\uff5e\u3000]")

_UNIT_ALIASES = {"百分比": "%", "％": "%", "万": "万元", "元人民币": "元"}

# Not topic words: digits, years, template placeholders (目标内容1), anything not CJK.
_NOT_TOPIC = re.compile(r"目标内容\d*|\d+年度?|[^\u4e00-\u9fff]+")


@lru_cache(maxsize=1 << 16)
def name_key(name: str | None) -> str:
    """Given an indicator or project name, return it without spaces, punctuation or width."""
    return _PUNCTUATION.sub("", _half_width(name or ""))


@lru_cache(maxsize=1 << 12)
def unit_key(unit: str | None) -> str:
    """Given a unit as printed, return its comparable form (百分比 → %, 元／人 → 元/人)."""
    unit = _UNIT_PUNCTUATION.sub("", _half_width(unit or ""))
    return _UNIT_ALIASES.get(unit, unit)


def _half_width(text: str) -> str:
    # Full-width letters and digits (ＡＢ１２) are rare; normalise only when present.
    return unicodedata.normalize("NFKC", text) if _FULL_WIDTH.search(text) else text


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
