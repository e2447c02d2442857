"""The domain model's own behaviour: how places and warnings read, and what a Value is."""

from __future__ import annotations

import pytest

from jixiao.errors import ReadError
from jixiao.model import Location, ReadWarning, SpendingPlan, Value


@pytest.mark.parametrize(
    ("location", "text"),
    [
        (Location(line=12), "第12行"),
        (Location(page=3, line=40), "第3页 第40行"),
        (Location(sheet="项目1", cell="C7"), "工作表“项目1” 单元格C7"),
        (Location(), ""),
    ],
)
def test_a_location_reads_as_chinese_from_the_largest_part_down(location, text):
    assert str(location) == text


def test_a_warning_names_its_place_when_it_has_one():
    assert str(ReadWarning("指标行已拼接", Location(line=5))) == "第5行：指标行已拼接"
    assert str(ReadWarning("指标行已拼接")) == "指标行已拼接"
    assert str(ReadWarning("指标行已拼接", Location())) == "指标行已拼接"


def test_a_read_error_names_the_file_and_place():
    error = ReadError("表.xlsx", "无法读取", Location(sheet="Sheet1", cell="B2"))
    assert str(error) == "表.xlsx 工作表“Sheet1” 单元格B2：无法读取"
    assert str(ReadError("表.txt", "没有找到绩效目标表")) == "表.txt：没有找到绩效目标表"


def test_a_value_is_quantitative_only_with_a_number():
    assert Value("≥95%", ">=", 95, "%").is_quantitative
    assert not Value("有效提升").is_quantitative
    assert Value().is_empty and not Value("0").is_empty


def test_a_spending_plan_answers_by_month():
    plan = SpendingPlan({3: 25, 12: 100})
    assert (plan.get(3), plan.get(6), plan.get(12)) == (25, None, 100)
