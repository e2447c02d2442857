"""Small helpers the rule families share: value display, measurability, units of money."""

from __future__ import annotations

import re

from ..model import Number, Value
from ..values import compose_raw, format_number

DIRECTION_SIGN = {">=": "≥", "<=": "≤", "=": "=", ">": ">", "<": "<"}

# 元 → 万元 factors; a unit with "/" (元/人) is a unit cost, not a total.
MONEY_IN_WAN = {"元": 1e-4, "千元": 0.1, "万元": 1.0, "万": 1.0, "亿元": 1e4, "亿": 1e4}

_DIGITS = re.compile(r"\d")
# A Chinese numeral with a measure word (一次, 两个, 三天) quantifies as much as a digit;
# so does a numbered grade (二级以上, 三星级, 一等): a level on a published scale.
_CHINESE_COUNT = re.compile(
    r"[一二两三四五六七八九十百千]+[次个项件天日年月人家枚台套名场批周级星等]"
)


def shown(value: Value) -> str:
    """Return the value as a table prints it ("≥95%"), or “（空）” when empty.

    Quantitative values are composed from direction, number and unit, so a 目标值 of
    "100" whose unit sits in its own column still reads "=100%".
    """
    if value.number is not None:
        return compose_raw(value.direction, value.number, value.unit)
    return value.raw or "（空）"


def sign(direction: str | None) -> str:
    return DIRECTION_SIGN.get(direction or "", direction or "")


def money_in_wan(number: Number | None, unit: str | None) -> float | None:
    """Given an amount and its unit, return it in 万元, or None if the unit is not money."""
    if number is None or not unit:
        return None
    factor = MONEY_IN_WAN.get(unit)
    return None if factor is None else number * factor


def has_quantity(text: str) -> bool:
    """Return whether a text states a number (digits or a Chinese numeral with a measure word)."""
    return bool(_DIGITS.search(text) or _CHINESE_COUNT.search(text))


def wan(number: float) -> str:
    """Format an amount in 万元 with at most four decimals."""
    return format_number(round(number, 4)) + "万元"


def close(a: float, b: float, tolerance: float) -> bool:
    """Return whether a and b differ by at most ``tolerance`` (absolute)."""
    return abs(a - b) <= tolerance
