"""JX3xx beyond the docstring examples: units, polarity, measurability and exceptions."""

from __future__ import annotations

import pytest

from tests.jixiao.rules.helpers import codes, findings, found


def row(level1, level2, name, value, **more):
    return {
        "rows": [[level1, level2, name, value, more] if more else [level1, level2, name, value]]
    }


def test_cost_is_compared_with_the_budget_after_unit_conversion():
    assert "JX302" in codes(row("产出指标", "成本指标", "培训成本", "≤120000元"))
    assert "JX302" not in codes(row("产出指标", "成本指标", "培训成本", "≤100000元"))
    assert "JX302" in codes(row("产出指标", "成本指标", "培训成本", "≤0.01亿元"))


def test_unit_costs_are_not_compared_with_the_budget():
    assert "JX302" not in codes(row("产出指标", "成本指标", "人均培训成本", "≤500000元/人"))


def test_cost_lower_bound_message_names_the_values():
    (finding,) = [
        f
        for f in findings(row("产出指标", "成本指标", "专项服装活动经费", "≥9万元"))
        if f.rule == "JX301"
    ]
    assert "专项服装活动经费" in finding.message and "≥" in finding.message
    assert finding.indicator == 5 and finding.fix


def test_social_cost_may_be_qualitative():
    rows = {
        "indicators": [
            ["成本指标", "经济成本指标", "培训成本", "≤10万元"],
            ["成本指标", "社会成本指标", "对周边居民的影响", "无明显影响"],
            ["产出指标", "数量指标", "培训人数", "≥200人次"],
            ["产出指标", "质量指标", "培训合格率", "≥95%"],
            ["效益指标", "社会效益指标", "窗口办件差错率", "≤1%"],
            ["满意度指标", "服务对象满意度指标", "参训人员满意度", "≥90%"],
        ]
    }
    assert "JX303" not in codes(rows)


def test_growth_rates_may_exceed_100_percent():
    assert "JX304" not in codes(row("效益指标", "经济效益指标", "交易额增长率", "≥120%"))
    assert "JX304" in codes(row("效益指标", "经济效益指标", "资金使用率", ">100%"))


@pytest.mark.parametrize(
    "name, value",
    [
        ("设备故障率", "≥5%"),
        ("服装质量破损率", "≥98%"),
        ("资源消耗", "≥95%"),
        ("安全事故次数", ">1次"),
        ("验收合格率", "≤90%"),
        ("持续提高网络的稳定性", "≤95%"),
    ],
)
def test_direction_against_the_sense_of_the_name(name, value):
    assert "JX306" in codes(row("效益指标", "社会效益指标", name, value))


@pytest.mark.parametrize(
    "name, value",
    [
        ("故障排除及时率", "≥95%"),  # the head word (及时率) decides
        ("降低事故发生率", "≥10%"),  # a reduction, not a rate of accidents
        ("不合格率", "≤2%"),
        ("能耗降低率", "≥5%"),
        ("硬件平均无故障间隔天数", "≥30天"),
    ],
)
def test_direction_that_agrees_with_the_name(name, value):
    assert "JX306" not in codes(row("效益指标", "社会效益指标", name, value))


def test_satisfaction_rows_are_left_to_jx305():
    result = codes(row("效益指标", "社会效益指标", "网络运行的满意率", "≤100%"))
    assert "JX305" in result and "JX306" not in result


def test_rates_under_quantity_are_accepted_unless_the_name_counts():
    assert "JX307" not in codes(row("产出指标", "数量指标", "政务网运行覆盖率", "=100%"))
    assert "JX307" in codes(row("产出指标", "数量指标", "监测网站数", "≥60%"))


@pytest.mark.parametrize(
    "value, flagged",
    [
        ("正常", True),
        ("方便快捷", True),
        ("全部提供芯片公章", False),  # all-or-nothing: measurable
        ("最多跑一次", False),  # a count in Chinese numerals
        ("全县37个乡镇，321个村", False),
        ("好", False),  # a grade (101号 好/一般/差)
    ],
)
def test_qualitative_quality_values(value, flagged):
    assert ("JX308" in codes(row("产出指标", "质量指标", "服务质量", value))) is flagged


def test_vague_benefit_is_info_and_long_term_is_accepted():
    (finding,) = findings(row("效益指标", "社会效益指标", "办事效率", "有效提升"))
    assert finding.rule == "JX310" and finding.severity == "info"
    assert codes(row("效益指标", "可持续影响指标", "长效机制", "长期")) == set()


def test_timeliness_accepts_dates_durations_and_rates():
    for value in ("2025年底完成", "≤5个工作日", "≥95%", "7*24小时", "及时响应", "期末"):
        assert "JX311" not in codes(row("产出指标", "时效指标", "办理时限", value)), value


def test_nature_contradictions():
    assert "JX313" in codes(row("产出指标", "质量指标", "信息安全事故发生率", "=0%", nature="正向"))
    assert "JX313" in codes(row("产出指标", "质量指标", "运行率", "≥95%", nature="反向"))
    assert "JX313" not in codes(row("产出指标", "成本指标", "运维成本", "=8万元", nature="正向"))
    assert "JX313" not in codes(row("产出指标", "时效指标", "响应时间", "≤10分钟", nature="反向"))


def test_serial_date_message_gives_the_date():
    (finding,) = findings(row("产出指标", "时效指标", "完成时间", "44561"))
    assert finding.rule == "JX314" and "2021年12月31日" in finding.message


def test_quantity_without_unit_but_not_a_percentage_with_one():
    assert "JX315" in codes(row("产出指标", "数量指标", "培训人数", "≥200"))
    assert "JX315" not in codes(row("产出指标", "数量指标", "培训人数", "≥200人"))


@pytest.mark.parametrize(
    "name, value",
    [("提升投诉处理效率", "≥95%"), ("污水达标排放率", "≥95%"), ("消耗品采购数量", "≥20件")],
)
def test_sense_words_inside_a_positive_name_do_not_flip_it(name, value):
    assert "JX306" not in codes(row("产出指标", "质量指标", name, value))


@pytest.mark.parametrize("value", ["符合国家标准", "不低于上年", "通过验收"])
def test_standards_and_comparisons_are_measurable(value):
    assert "JX308" not in codes(row("产出指标", "质量指标", "工程质量", value))


def test_a_unit_in_the_name_counts_as_the_unit():
    assert "JX315" not in codes(row("产出指标", "数量指标", "培训人数（人次）", "≥200"))


def test_junk_characters_are_an_empty_value():
    assert codes(row("产出指标", "质量指标", "培训合格率", "--")) == {"JX309"}
    assert codes(row("产出指标", "时效指标", "完成时间", "/")) == {"JX309"}


def test_reverse_with_equals_is_a_contradiction_unless_the_target_is_zero():
    assert "JX313" in codes(row("产出指标", "成本指标", "出差单位成本", "=800元/人", nature="反向"))
    assert "JX313" not in codes(row("产出指标", "质量指标", "安全事故次数", "=0次", nature="反向"))


def test_overdue_rates_are_reverse_indicators():
    assert "JX306" in codes(row("产出指标", "时效指标", "超期办件率", "≥1%"))
    assert "JX306" not in codes(row("产出指标", "时效指标", "超期办件率", "≤1%"))


def test_a_negating_modifier_flips_the_head_but_an_object_does_not():
    assert "JX306" in codes(row("产出指标", "质量指标", "未完成率", "≥5%"))
    assert "JX306" not in codes(row("产出指标", "质量指标", "安全事故处理率", "≥95%"))


def test_cost_parts_must_not_add_up_to_more_than_the_budget():
    parts = [
        ["产出指标", "成本指标", "场地租赁费", "≤6万元"],
        ["产出指标", "成本指标", "讲师费", "≤5万元"],
    ]
    result = found({"rows": parts})
    assert ("JX302", None) in result and not {r for r in result if r[1] is not None}
    with_total = [["产出指标", "成本指标", "培训总成本", "≤10万元"], *parts]
    assert "JX302" not in codes({"rows": with_total})  # the parts break the total down


def test_text_where_the_unit_goes_is_not_a_unit():
    assert "JX315" in codes(row("产出指标", "时效指标", "工资发放及时性", "≥100按规定时间发放"))
    assert "JX315" not in codes(row("产出指标", "数量指标", "进驻人员数", "≥600人/工作日"))


def test_a_saving_is_a_floor():
    assert "JX306" in codes(row("效益指标", "经济效益指标", "为企业减少费用", "≤61万元"))
    assert "JX306" not in codes(row("效益指标", "经济效益指标", "节约采购成本", "≥5万元"))


def test_a_cost_percentage_is_not_also_a_direction_error():
    # Seed 003: 工资保险发放(缴纳)标准 ≥100% under 成本指标 — JX303 says it is no amount;
    # JX301's fix ("≤100%") would only make it read worse.
    result = codes(row("产出指标", "成本指标", "工资保险发放(缴纳)标准", "≥100%"))
    assert "JX303" in result and "JX301" not in result
    assert "JX301" in codes(row("产出指标", "成本指标", "软件设备使用成本", "≥10万元"))


def test_a_policy_floor_standard_per_unit_may_be_a_lower_bound():
    floor = row("产出指标", "成本指标", "小学生均公用经费标准", "≥720元/生·年")
    assert "JX301" not in codes(floor)
    # A per-unit cost that is no policy standard is still a cap.
    assert "JX301" in codes(row("产出指标", "成本指标", "人均培训成本", "≥720元/人"))
    # A total is a cap even when named a standard.
    assert "JX301" in codes(row("产出指标", "成本指标", "公用经费标准", "≥72万元"))


def test_a_numbered_grade_is_measurable():
    # 绿化养护质量等级 "二级以上": a level of the published maintenance standard.
    assert "JX308" not in codes(row("产出指标", "质量指标", "绿化养护质量等级", "二级以上"))
    assert "JX308" in codes(row("产出指标", "质量指标", "绿化养护质量", "较高水平"))


def test_writing_100_percent_as_at_least_is_milder_than_exceeding_it():
    def severity(value):
        (finding,) = [
            f
            for f in findings(row("产出指标", "质量指标", "培训合格率", value))
            if f.rule == "JX304"
        ]
        return str(finding.severity)

    assert severity("≥100%") == "warning"  # intent plain: wording
    assert severity("=120%") == "error"  # impossible


def test_a_milder_severity_follows_a_configured_one():
    from jixiao.config import read_pack, settings_from_layers
    from jixiao.review import Reviewer

    pack = read_pack("default")
    pack["rules"] = {"JX304": {"severity": "warning"}}
    reviewer = Reviewer(settings_from_layers([pack]))
    (finding,) = findings(row("产出指标", "质量指标", "培训合格率", "≥100%"), reviewer)
    assert (finding.rule, str(finding.severity)) == ("JX304", "info")
