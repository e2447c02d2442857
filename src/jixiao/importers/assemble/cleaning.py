"""Small text clean-ups shared by the assembler steps."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..grid import Cell

# Whitespace touching a non-ASCII character was put there by extraction (CJK text has no
# spaces); whitespace between two ASCII words is real.
# A space after ASCII punctuation (", 实现") was typed, and stays.
_SPACE_NEAR_WIDE = re.compile(r"(?<![,;:!?])\s+(?=[^\x00-\x7f])|(?<=[^\x00-\x7f])\s+")
_SPACES = re.compile(r"\s+")
_DASHES = re.compile(r"^[-—–_=~·.。、\s|*]+$")
# Page footers between rows: "11", "第 1 页", "- 3 -", "第1页 共5页".
_PAGE_NUMBER = re.compile(
    r"^(?:\d{1,3}|[-—]\s*\d{1,3}\s*[-—]|第\s*\d+\s*页(?:\s*[,，]?\s*共\s*\d+\s*页)?)$"
)
_BLANK_STARTS = frozenset("-—–_=~·.。、|*/无")
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)\s*年")


def clean(text: str | None) -> str:
    """Given cell text, return it without extraction spaces (kept between ASCII words)."""
    if not text:
        return ""
    if " " not in text and text.isprintable():
        return text  # no whitespace at all (isprintable is False for tabs and U+3000)
    return _SPACES.sub(" ", _SPACE_NEAR_WIDE.sub("", text)).strip()


def join_lines(parts: list[str]) -> str:
    """Given the lines of one wrapped cell, return the cell text."""
    return clean(" ".join(p for p in parts if p))


def is_blank(text: str | None) -> bool:
    """Return True for empty cells and cells holding only rules or dashes (--, —, /)."""
    if not text:
        return True
    if text[0] not in _BLANK_STARTS and not text[0].isspace():
        return False  # the common case, decided by the first character
    stripped = text.strip()
    return (
        not stripped or stripped in {"/", "-", "—", "——", "无数据"} or bool(_DASHES.match(stripped))
    )


# Titles print the year in Chinese numerals too: 二〇二五年度, 二○二五年 (○ for 〇).
_CHINESE_DIGITS = {c: str(i) for i, c in enumerate("〇一二三四五六七八九")} | {"○": "0", "零": "0"}
_CHINESE_YEAR = re.compile(r"二[〇○零]([〇○零一二三四五六七八九]{2})年")


def find_year(text: str) -> int | None:
    """Given a title line, return the first four-digit year printed with 年, else None."""
    match = _YEAR.search(text)
    if match:
        return int(match.group(1))
    chinese = _CHINESE_YEAR.search(text)
    if chinese:
        return 2000 + int("".join(_CHINESE_DIGITS[c] for c in chinese.group(1)))
    return None


def columns_of(cells: list[Cell]) -> Iterator[tuple[int, Cell]]:
    """Given a row's cells, yield each with its grid column (merged cells span several)."""
    column = 0
    for cell in cells:
        yield column, cell
        column += cell.span if cell.span > 1 else 1


def is_page_number(text: str) -> bool:
    """Return True for a page footer line ("11", "第 1 页", "- 3 -")."""
    return bool(_PAGE_NUMBER.match(text.strip()))
