"""Spreadsheet cell values shown the way the sheet shows them.

A budget cell stored as 28.750000001 with format ``0.00`` reads 28.75 on screen, and
that is what the reader of the table saw and what the importer must see. This covers the
formats budget tables use (General, fixed decimals, thousands separators, percentages,
literal text such as ``0.00"万元"``, Chinese and ISO dates); anything else falls back to
General.
"""

from __future__ import annotations

import datetime as dt
import math
import re

QUOTED = re.compile(r'"([^"]*)"')
BRACKETS = re.compile(r"\[[^\]]*\]")
NUMERIC_PART = re.compile(r"[#0?,.]*[#0?][#0?,.]*")
DATE_CODES = re.compile(r"[ymdhs]", re.IGNORECASE)


def format_value(value: object, number_format: str | None) -> str:
    """Given a cell's value and its number format, return the text the sheet displays."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return format_date(value, number_format or "")
    if isinstance(value, dt.timedelta):
        return str(value)
    if isinstance(value, int | float):
        return format_number(value, number_format or "General")
    return str(value)


def format_number(value: float, number_format: str) -> str:
    """Given a number and an Excel number format, return it as displayed."""
    if not math.isfinite(value):
        return general(value)
    section = number_format.split(";")[0]
    plain = BRACKETS.sub("", QUOTED.sub("", section)).replace("\\", "")
    if section.lower() in ("general", "@", "") or "e+" in plain.lower() or "/" in plain:
        return general(value)
    numeric = NUMERIC_PART.search(plain)
    if not numeric:
        return general(value)
    value = value * 100 ** plain.count("%")
    shown = _apply_pattern(value, numeric.group())
    return _with_literals(section, shown)


def general(value: float) -> str:
    """Given a number, return it as Excel's General format shows it (no float noise)."""
    if isinstance(value, int):
        return str(value)
    if not math.isfinite(value):
        return str(value)
    if value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    text = f"{value:.10g}"
    if "e" in text:
        text = f"{value:.10f}".rstrip("0").rstrip(".")
    return text


def _apply_pattern(value: float, pattern: str) -> str:
    """Given a number and the digit pattern of a format (``#,##0.00``), format the number."""
    integer, _, fraction = pattern.partition(".")
    fixed = fraction.count("0")
    optional = fraction.count("#") + fraction.count("?")
    text = f"{value:,.{fixed + optional}f}" if "," in integer else f"{value:.{fixed + optional}f}"
    if optional:
        whole, _, decimals = text.partition(".")
        decimals = decimals[:fixed] + decimals[fixed:].rstrip("0")
        text = f"{whole}.{decimals}" if decimals else whole
    if integer.strip(",") and set(integer.strip(",")) <= {"#"} and text.startswith(("0.", "-0.")):
        text = text.replace("0.", ".", 1)
    return text


def _with_literals(section: str, shown: str) -> str:
    """Given a format section and the formatted number, put the section's literal text around it."""
    out = []
    placed = False
    for token in re.finditer(r'"[^"]*"|\\.|\[[^\]]*\]|[_*].|[#0?,.]+|.', section):
        text = token.group()
        if text.startswith('"'):
            out.append(text[1:-1])
        elif text.startswith("\\"):
            out.append(text[1:])
        elif text.startswith(("[", "_", "*")):
            continue
        elif re.fullmatch(r"[#0?,.]+", text):
            if not placed and re.search(r"[#0?]", text):
                out.append(shown)
                placed = True
        else:
            out.append(text)
    return "".join(out) if placed else shown


def format_date(value: dt.date | dt.time, number_format: str) -> str:
    """Given a date or time, return it in the sheet's style: 2025年6月30日 or 2025-06-30."""
    codes = DATE_CODES.findall(BRACKETS.sub("", QUOTED.sub("", number_format)).lower())
    if isinstance(value, dt.time):
        return value.strftime("%H:%M:%S" if "s" in codes else "%H:%M")
    chinese = "年" in number_format
    has_day = "d" in codes or not codes
    # A date typed into a cell is stored at midnight; its 0:00 is no part of the target
    # (and squashed into the date it reads 2025-06-3000:00).
    has_time = isinstance(value, dt.datetime) and "h" in codes and value.time() != dt.time()
    if chinese:
        text = f"{value.year}年{value.month}月" + (f"{value.day}日" if has_day else "")
    else:
        text = value.strftime("%Y-%m-%d" if has_day else "%Y-%m")
    if has_time:
        text += value.strftime(" %H:%M")
    return text
