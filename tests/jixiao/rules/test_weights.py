"""JX5xx beyond the docstring examples: execution rate, regime B split, placeholders."""

from __future__ import annotations

from tests.jixiao.rules.helpers import codes

WEIGHTED = [
    ["产出指标", "数量指标", "培训人数", "≥200人次", {"weight": 20}],
    ["产出指标", "质量指标", "培训合格率", "≥95%", {"weight": 10}],
    ["产出指标", "时效指标", "培训完成时间", "2025年10月底前", {"weight": 10}],
    ["产出指标", "成本指标", "培训成本", "≤10万元", {"weight": 10}],
    ["效益指标", "社会效益指标", "窗口办件差错率", "≤1%", {"weight": 30}],
    ["满意度指标", "服务对象满意度指标", "参训人员满意度", "≥90%", {"weight": 10}],
]


def test_standard_weights_are_silent():
    assert codes({"indicators": WEIGHTED}) == set()


def test_execution_rate_row_makes_the_total_100():
    execution = ["产出指标", "时效指标", "预算执行率", "=100%", {"weight": 10}]
    assert "JX501" not in codes({"indicators": [*WEIGHTED, execution]})
    short = [
        *WEIGHTED[:-1],
        ["满意度指标", "服务对象满意度指标", "参训人员满意度", "≥90%", {"weight": 5}],
        execution,
    ]
    assert "JX501" in codes({"indicators": short})


def test_placeholder_rows_with_zero_weight_are_not_jx503():
    placeholder = ["效益指标", "生态效益指标", "无", "无", {"weight": 0}]
    assert codes({"indicators": [*WEIGHTED, placeholder]}) == {"JX115"}


def test_regime_b_split():
    rows = [
        ["成本指标", "经济成本指标", "培训成本", "≤10万元", {"weight": 20}],
        ["产出指标", "数量指标", "培训人数", "≥200人次", {"weight": 20}],
        ["产出指标", "质量指标", "培训合格率", "≥95%", {"weight": 20}],
        ["效益指标", "社会效益指标", "窗口办件差错率", "≤1%", {"weight": 20}],
        ["满意度指标", "服务对象满意度指标", "参训人员满意度", "≥90%", {"weight": 10}],
    ]
    assert "JX502" not in codes({"indicators": rows})


def test_no_weights_no_weight_findings():
    assert not {"JX501", "JX502", "JX503"} & codes({})


def test_a_target_table_may_give_its_indicators_the_whole_100():
    # 权重(%) layouts (Chongqing, Guangdong): no 预算执行率 row, indicators share 100.
    whole = [
        *WEIGHTED[:-1],
        ["满意度指标", "服务对象满意度指标", "参训人员满意度", "≥90%", {"weight": 20}],
    ]
    assert "JX501" not in codes({"indicators": whole})
    # A self-evaluation scores 执行率 apart: its indicators share 90.
    assert "JX501" in codes({"indicators": whole, "kind": "self_evaluation"})
    # A total that is neither 90 nor 100 is wrong in any table.
    odd = [
        *WEIGHTED[:-1],
        ["满意度指标", "服务对象满意度指标", "参训人员满意度", "≥90%", {"weight": 15}],
    ]
    assert "JX501" in codes({"indicators": odd})


def split(output, benefit, satisfaction):
    return {
        "indicators": [
            ["产出指标", "数量指标", "培训人数", "≥200人次", {"weight": output}],
            ["效益指标", "社会效益指标", "窗口办件差错率", "≤1%", {"weight": benefit}],
            [
                "满意度指标",
                "服务对象满意度指标",
                "参训人员满意度",
                "≥90%",
                {"weight": satisfaction},
            ],
        ]
    }


def test_a_small_adjustment_of_the_split_is_allowed():
    # 10号: "一级指标权重可做适当调整" — seed 002's self-evaluation uses 52/26/12.
    assert "JX502" not in codes(split(52, 26, 12))
    assert "JX502" not in codes(split(45, 35, 10))
    assert "JX502" in codes(split(60, 20, 10))
    assert "JX502" in codes(split(40, 20, 30))
