"""Value normalisation (spec "Value normalisation"): generated values and every seed value."""

from __future__ import annotations

import math
import re
from decimal import Decimal

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from jixiao.values import (
    compose_raw,
    parse_direction,
    parse_number,
    parse_value,
    squash,
    value_from_columns,
)
from tests.conftest import SEEDS, expected_for, seed_paths

# The operator words and symbols of the spec, with full-width forms tables also print.
OPERATORS = {
    ">=": ["≥", ">=", "大于等于", "大于或等于", "不低于", "不少于", "不小于", "＞＝", "≧"],
    "<=": ["≤", "<=", "小于等于", "小于或等于", "不高于", "不超过", "不大于", "＜＝", "≦"],
    "=": ["=", "等于", "＝"],
    ">": [">", "大于", "＞", "高于"],
    "<": ["<", "小于", "＜", "低于"],
}
PERCENT_WORDS = ["%", "％", "百分比"]
UNITS = [
    "万元",
    "元",
    "次",
    "个",
    "个工作日",
    "万人次",
    "亿条",
    "元/年",
    "套",
    "人/天",
    "份",
    "小时",
]
QUALITATIVE = [
    "有效提升",
    "7*24小时",
    "2025年底完成",
    "全县37个乡镇，321个村",
    "365天*24小时",
    "便民、高效、快捷、规范",
    "基本形成",
    "2022年12月前",
    "每年2次",
    "8小时/工作日现场支持",
]

directions = st.sampled_from(sorted(OPERATORS))
plain_units = st.sampled_from(UNITS)
# Any short run of CJK characters is a unit as far as normalisation is concerned.
cjk_units = st.text(
    st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5), min_size=1, max_size=4
)
units = st.one_of(st.none(), plain_units, st.sampled_from(PERCENT_WORDS), cjk_units)
numbers = st.one_of(
    st.integers(min_value=0, max_value=10**9),
    st.decimals(min_value=0, max_value=10**7, places=2, allow_nan=False).map(float),
)


def with_commas(number: int) -> str:
    return f"{number:,}"


def expected_unit(unit: str | None) -> str | None:
    return "%" if unit in PERCENT_WORDS else unit


def is_date(number: float, unit: str | None) -> bool:
    """A four-digit year followed by 年 reads as a date (2025年底完成), not a quantity."""
    return bool(unit) and unit.startswith("年") and str(number).split(".")[0][:2] in ("19", "20")


def ends_in_direction_word(unit: str | None) -> bool:
    return bool(unit) and unit.endswith(("以上", "以下", "以内", "内"))


# --- generated values -------------------------------------------------------------------


@given(st.data(), directions, numbers, units)
def test_operator_number_unit_reads_back(data, direction, number, unit):
    if is_date(number, unit) or ends_in_direction_word(unit):
        return
    word = data.draw(st.sampled_from(OPERATORS[direction]))
    value = parse_value(f"{word}{_decimal_text(number)}{unit or ''}")
    assert (value.direction, value.number, value.unit) == (direction, number, expected_unit(unit))


@pytest.mark.parametrize(
    ("raw", "direction", "number", "unit"),
    [
        ("≥95%", ">=", 95, "%"),
        ("≤28.75万元", "<=", 28.75, "万元"),
        ("不低于3次", ">=", 3, "次"),
        ("14个工作日内", "<=", 14, "个工作日"),
        ("100百分比", "=", 100, "%"),
        ("大于等于90%", ">=", 90, "%"),
        ("≥95％", ">=", 95, "%"),
        ("＞80%", ">", 80, "%"),
        ("＜5个", "<", 5, "个"),
        ("300人以上", ">=", 300, "人"),
        ("3日以内", "<=", 3, "日"),
        ("1,234.5万元", "=", 1234.5, "万元"),
        ("≥ 9 5 %", ">=", 95, "%"),
        ("100", "=", 100, None),
        ("不超过10万元", "<=", 10, "万元"),
        ("≥10万元", ">=", 10, "万元"),  # the source's mistake is kept (spec)
        ("≥100按规定时间发放", ">=", 100, "按规定时间发放"),
        ("≥120万头（只）", ">=", 120, "万头(只)"),  # units are width-folded, like ％ and ／
        ("500人(次)", "=", 500, "人(次)"),
        ("≥90(分)", ">=", 90, "分"),  # a unit in brackets on its own loses them
        ("≥95（％）", ">=", 95, "%"),
    ],
)
def test_typical_cells_normalise_per_the_spec(raw, direction, number, unit):
    value = parse_value(raw)
    assert (value.direction, value.number, value.unit) == (direction, number, unit)
    assert value.raw == squash(raw)


@given(numbers, units, st.sampled_from(["以上", "以内", "内"]))
def test_trailing_direction_word_sets_direction_and_leaves_the_unit(number, unit, word):
    if is_date(number, unit) or ends_in_direction_word(unit) or (unit or "").endswith(("及", "以")):
        return
    value = parse_value(f"{_decimal_text(number)}{unit or ''}{word}")
    assert value.direction == (">=" if word == "以上" else "<=")
    assert (value.number, value.unit) == (number, expected_unit(unit))


@given(st.integers(min_value=1000, max_value=10**12), plain_units)
def test_thousands_separators_are_read_as_one_number(number, unit):
    value = parse_value(f"≥{with_commas(number)}{unit}")
    assert (value.direction, value.number, value.unit) == (">=", number, unit)


@given(directions, numbers, units)
def test_compose_raw_round_trips_through_parse_value(direction, number, unit):
    unit = expected_unit(unit)
    if is_date(number, unit) or ends_in_direction_word(unit):
        return
    value = parse_value(compose_raw(direction, number, unit))
    assert (value.direction, value.number, value.unit) == (direction, number, unit)


@given(st.floats(allow_nan=False, allow_infinity=False, min_value=0), directions)
def test_compose_raw_never_writes_exponents(number, direction):
    raw = compose_raw(direction, number, "万元")
    assert "e" not in raw.lower()
    assert parse_value(raw).number == pytest.approx(number, rel=1e-12)


@pytest.mark.parametrize("raw", QUALITATIVE)
def test_qualitative_text_keeps_its_raw_and_nothing_else(raw):
    value = parse_value(raw)
    assert (value.raw, value.direction, value.number, value.unit) == (raw, None, None, None)


@given(st.text(st.characters(blacklist_categories=("Nd", "No", "Cs")), min_size=1))
def test_text_without_digits_is_qualitative(text):
    value = parse_value(text)
    assert value.number is None and value.direction is None and value.unit is None
    assert value.raw == (squash(text) or None)


@given(st.text())
@example("9" * 400)
@example("1" + "0" * 400 + "%")
@example("≥1e5")
@example("١٢٣%")
def test_parse_value_never_raises_and_returns_a_consistent_value(text):
    value = parse_value(text)
    if value.number is None:
        assert value.direction is None and value.unit is None
    else:
        assert value.direction in OPERATORS
        assert math.isfinite(value.number)
    assert value.raw == (squash(text) or None)


@given(st.text(), st.one_of(st.none(), st.text()), st.one_of(st.none(), st.text()))
def test_other_entry_points_never_raise(text, direction_word, unit):
    value = value_from_columns(text, direction_word, unit)
    assert value.number is None or math.isfinite(value.number)
    number = parse_number(text)
    assert number is None or math.isfinite(number)
    assert parse_direction(direction_word) in (None, *OPERATORS)


@given(st.text())
def test_squash_removes_exactly_the_whitespace(text):
    assert squash(text) == re.sub(r"\s+", "", text)


# --- separate 指标方向 / 计量单位 columns ------------------------------------------------------

COLUMN_WORDS = {"大于等于": ">=", "小于等于": "<=", "等于": "=", "大于": ">", "小于": "<"}


@given(st.sampled_from(sorted(COLUMN_WORDS)), numbers, units)
def test_direction_and_unit_columns_set_direction_and_unit(word, number, unit):
    value = value_from_columns(_decimal_text(number), word, unit)
    assert (value.direction, value.number, value.unit) == (
        COLUMN_WORDS[word],
        number,
        expected_unit(unit),
    )


@given(directions, numbers, st.one_of(st.none(), plain_units))
def test_an_operator_in_the_value_cell_survives_a_unit_column(direction, number, unit):
    word = OPERATORS[direction][0]
    value = value_from_columns(f"{word}{_decimal_text(number)}", "", unit)
    assert (value.direction, value.number, value.unit) == (direction, number, unit)


@pytest.mark.parametrize(
    ("raw", "word", "unit", "expected"),
    [
        ("1年", "", "", ("=", 1, "年")),
        ("≥95", "", "%", (">=", 95, "%")),
        ("95%", "大于等于", "%", (">=", 95, "%")),
        ("≥95", "小于等于", "%", ("<=", 95, "%")),  # the column wins
        ("2次", "", "个", (None, None, None)),  # the units contradict each other
        ("每年2次", "", "", (None, None, None)),
        ("每季度一次", "", "", (None, None, None)),
        ("8小时/工作日现场支持", "", "", (None, None, None)),
        ("90", "", "%", ("=", 90, "%")),
        ("有效提高", "", "", (None, None, None)),
    ],
)
def test_columns_without_a_direction(raw, word, unit, expected):
    value = value_from_columns(raw, word, unit)
    assert (value.direction, value.number, value.unit) == expected


# --- every value of the hand-checked seeds -------------------------------------------------


def seed_values() -> list[tuple[str, str, dict, list[str] | None]]:
    """Given the seeds, return (seed, raw cell, expected indicator, its printed row) for each row.

    Seeds whose tables print 指标方向 and 计量单位 columns (004) need the row to normalise;
    the row is the tab-separated source line that holds the indicator's name.
    """
    cases = []
    for seed in seed_paths():
        lines = [line.split("\t") for line in seed.read_text(encoding="utf-8").splitlines()]
        has_columns = any("指标方向" in cells for cells in lines)
        for project in expected_for(seed)["projects"]:
            for indicator in project["indicators"]:
                row = _row_of(lines, indicator) if has_columns else None
                cases.append((seed.stem[:3], indicator["raw_value"], indicator, row))
    return cases


def _row_of(lines: list[list[str]], indicator: dict) -> list[str] | None:
    for cells in lines:
        squashed = [squash(c) for c in cells]
        if indicator["name"] in squashed and indicator["raw_value"] in squashed:
            return squashed
    return None


SEED_VALUES = seed_values()


def test_seed_values_are_all_collected():
    assert len(SEED_VALUES) > 400
    column_rows = [case for case in SEED_VALUES if case[0] == "004"]
    found = [case for case in column_rows if case[3] is not None]
    assert len(found) >= 0.95 * len(column_rows)


@pytest.mark.parametrize(
    ("seed", "raw", "indicator", "row"),
    [case for case in SEED_VALUES if case[3] is not None or case[0] != "004"],
    ids=[f"{c[0]}-{c[1]}" for c in SEED_VALUES if c[3] is not None or c[0] != "004"],
)
def test_seed_value_matches_the_expected_json(seed, raw, indicator, row):
    if row is None:
        value = parse_value(raw)
    else:
        index = row.index(raw)
        direction_word = row[index - 1] if index > 0 else None
        unit = row[index + 1] if index + 1 < len(row) else None
        value = value_from_columns(raw, direction_word, unit)
    expected = (indicator["direction"], indicator["value"], indicator["unit"])
    assert (value.direction, value.number, value.unit) == expected


def test_seed_folder_is_present():
    assert SEEDS.is_dir() and seed_paths()


def _decimal_text(number: float) -> str:
    """Write a number as a table would: no exponent, no trailing zeros."""
    text = format(Decimal(repr(number)), "f") if isinstance(number, float) else str(number)
    return text.rstrip("0").rstrip(".") if "." in text else text
