"""Spreadsheet numbers shown as the sheet shows them, and sheets with hostile merges."""

from __future__ import annotations

import datetime as dt
import time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jixiao.importers.numformat import format_value, general
from jixiao.importers.spreadsheet import Sheet, sheet_rows
from jixiao.values import parse_number


@pytest.mark.parametrize(
    ("value", "number_format", "shown"),
    [
        (28.750000001, "0.00", "28.75"),
        (28.750000001, "General", "28.75"),
        (86, "0.00", "86.00"),
        (0.95, "0%", "95%"),
        (0.955, "0.0%", "95.5%"),
        (1234.5, "#,##0.00", "1,234.50"),
        (28.75, '0.00"万元"', "28.75万元"),
        (12.5, "0.##", "12.5"),
        (-5.5, "0.00;[Red]-0.00", "-5.50"),
        (3, "@", "3"),
        (1e-7, "General", "0.0000001"),
        (True, "General", "TRUE"),
        (None, "0.00", ""),
        ("≥95%", "General", "≥95%"),
        (dt.datetime(2025, 6, 30), 'yyyy"年"m"月"d"日"', "2025年6月30日"),  # noqa: DTZ001
        (dt.datetime(2025, 6, 30), 'yyyy"年"m"月"', "2025年6月"),  # noqa: DTZ001
        (dt.datetime(2025, 6, 30), "yyyy-mm-dd", "2025-06-30"),  # noqa: DTZ001
        (dt.datetime(2025, 6, 30), "yyyy-mm-dd h:mm:ss", "2025-06-30"),  # noqa: DTZ001
        (dt.datetime(2025, 6, 30, 9, 30), "yyyy-mm-dd h:mm", "2025-06-30 09:30"),  # noqa: DTZ001
    ],
)
def test_values_read_as_the_sheet_displays_them(value, number_format, shown):
    assert format_value(value, number_format) == shown


amounts = st.floats(min_value=-1e9, max_value=1e9, allow_nan=False)


@given(amounts)
def test_two_decimal_amounts_read_back_as_the_rounded_number(amount):
    shown = format_value(amount, "0.00")
    assert parse_number(shown) == pytest.approx(round(amount, 2), abs=0.006)


@given(amounts)
def test_general_drops_float_noise_but_keeps_the_value(amount):
    noisy = amount + amount * 1e-13
    assert parse_number(general(noisy)) == pytest.approx(amount, rel=1e-9, abs=1e-9)


@given(st.floats(allow_nan=True, allow_infinity=True), st.text(max_size=30))
def test_any_number_and_any_format_string_display_without_error(number, number_format):
    assert isinstance(format_value(number, number_format), str)


def test_a_merge_over_a_million_rows_costs_only_the_rows_with_text():
    sheet = Sheet(name="表", source="大.xlsx")
    sheet.put(1, 1, "产出指标")
    sheet.put(3, 2, "名称")
    sheet.merges = [(1, 1, 1_048_576, 16384)]
    started = time.perf_counter()
    rows = list(sheet_rows(sheet, 1))
    assert time.perf_counter() - started < 1
    assert [(r.cells[0].text, r.cells[0].continued, r.cells[0].span) for r in rows] == [
        ("产出指标", False, 16384),
        ("产出指标", True, 16384),
    ]
