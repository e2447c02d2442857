"""JX1xx beyond the docstring examples: layouts, regimes and the edge of each rule."""

from __future__ import annotations

from tests.jixiao.rules.helpers import codes, findings, found

REGIME_B = [
    ["成本指标", "经济成本指标", "培训成本", "≤10万元"],
    ["产出指标", "数量指标", "培训人数", "≥200人次"],
    ["产出指标", "质量指标", "培训合格率", "≥95%"],
    ["效益指标", "社会效益指标", "窗口办件差错率", "≤1%"],
]


def test_a_missing_code_is_not_flagged_when_the_layout_prints_none():
    snippet = {"projects": [{"code": None}, {"code": None, "name": "另一个项目"}]}
    assert "JX101" not in {f.rule for f in findings(snippet)}


def test_a_missing_code_is_flagged_when_other_tables_print_one():
    snippet = {"projects": [{"code": None}, {"name": "另一个项目"}]}
    assert ("JX101", 0) in {(f.rule, f.project) for f in findings(snippet)}


def test_budget_parts_may_leave_other_funds_empty():
    assert "JX103" not in codes({"budget_total": 10, "budget_fiscal": 10, "budget_other": None})
    assert "JX103" in codes({"budget_total": 10, "budget_fiscal": 6, "budget_other": None})


def test_a_self_evaluation_budget_may_hold_last_years_carry_over():
    # 全年预算数 150 = 当年财政拨款 130 + 上年结转资金 20 (+ 其他资金 0): the model keeps no
    # carry-over, so a shortfall is no defect of a self-evaluation table.
    carried = {"budget_total": 150, "budget_fiscal": 130, "budget_other": 0}
    assert "JX103" in codes(carried)
    assert "JX103" not in codes({**carried, "kind": "self_evaluation"})
    # Parts above the total are wrong in any table.
    over = {"budget_total": 150, "budget_fiscal": 160, "budget_other": 0}
    assert "JX103" in codes({**over, "kind": "self_evaluation"})


def test_form_label_followed_by_a_goal_is_not_a_placeholder():
    assert "JX104" not in codes({"goals": ["1.目标内容1保障专家评审工作顺利开展"]})
    assert "JX104" in codes({"goals": ["1.目标内容1", "2.目标内容2"]})
    assert "JX104" in codes({"goals": []})


def test_missing_plan_only_counts_where_the_document_fills_plans_in():
    alone = {"projects": [{"spending_plan": None}, {"name": "乙", "spending_plan": None}]}
    assert "JX105" not in {f.rule for f in findings(alone)}
    mixed = {"projects": [{"spending_plan": None}, {"name": "乙"}]}
    assert ("JX105", 0) in {(f.rule, f.project) for f in findings(mixed)}


def test_regime_b_needs_no_satisfaction_error_only_info():
    result = findings({"indicators": REGIME_B})
    satisfaction = [f for f in result if f.rule == "JX111"]
    assert len(satisfaction) == 1 and satisfaction[0].severity == "info"
    assert "JX112" not in {f.rule for f in result}  # 时效 and 成本 are not required in B


def test_regime_a_missing_satisfaction_is_an_error():
    rows = [r for r in REGIME_B if r[0] != "成本指标"]
    rows.append(["产出指标", "时效指标", "完成时间", "2025年10月底前"])
    rows.append(["产出指标", "成本指标", "培训成本", "≤10万元"])
    result = [f for f in findings({"indicators": rows}) if f.rule == "JX111"]
    assert [f.severity for f in result] == ["error"]


def test_no_indicators_at_all_is_one_error():
    assert found({"indicators": []}) >= {("JX111", None)}


def test_cost_as_its_own_first_level_is_not_misplaced():
    assert "JX113" not in codes(
        {"indicators": [*REGIME_B, ["满意度指标", "满意度指标", "满意度", "≥90%"]]}
    )


def test_misplaced_block_is_reported_once():
    rows = [
        ["满意度指标", "数量指标", "回访人数", "≥100人"],
        ["满意度指标", "数量指标", "回访次数", "≥2次"],
    ]
    assert [r for r in found({"rows": rows}) if r[0] == "JX113"] == [("JX113", 5)]


def test_a_count_and_a_cost_of_one_activity_are_not_duplicates():
    rows = [
        ["产出指标", "数量指标", "管道清洗", "每季度一次"],
        ["产出指标", "成本指标", "管道清洗", "≤10万元"],
    ]
    assert "JX114" not in codes({"rows": rows})


def test_satisfaction_reverse_row_is_allowed_under_satisfaction():
    rows = [["满意度指标", "服务对象满意度指标", "群众投诉率", "≤1%"]]
    assert codes({"rows": rows}) == set()


def test_goal_as_budget_amount():
    assert "JX106" in codes({"goals": ["1.完成培训4期。", "2.年度预算总金额3万元"]})
    assert "JX106" not in codes({"goals": ["1.用3万元完成培训4期，培训200人次。"]})


def test_deadline_after_the_budget_year_and_multi_year_targets():
    late = [["产出指标", "时效指标", "培训完成时间", "2026年6月底前"]]
    assert "JX118" in codes({"rows": late})
    period = [["产出指标", "数量指标", "培训人数", "十四五期间累计1000人次"]]
    assert "JX118" in codes({"rows": period})
    assert "JX118" not in codes({"rows": late, "kind": "self_evaluation", "year": 2025})


def test_layouts_without_level_columns_are_not_judged_on_categories():
    rows = [
        [None, None, "培训人数", "≥200人次"],
        [None, None, "培训合格率", "≥95%"],
    ]
    assert not {"JX111", "JX112", "JX113"} & codes({"indicators": rows})
    only_level1 = [
        ["产出指标", None, "培训人数", "≥200人次"],
        ["效益指标", None, "差错率", "≤1%"],
        ["满意度指标", None, "满意度", "≥90%"],
    ]
    assert not {"JX111", "JX112"} & codes({"indicators": only_level1})


def test_department_tables_follow_their_own_framework():
    # 部门整体 (Henan 2022 framework): 满意度 is a second level under 效益, no 项目编码.
    rows = [
        ["产出指标", "重点工作任务完成", "重点工作计划完成率", "=100%"],
        ["效益指标", "满意度", "服务对象满意度", "≥90%"],
        ["投入管理指标", "预算和财务管理", "预算执行率", "≥95%"],
    ]
    snippet = {"kind": "department", "code": None, "indicators": rows, "spending_plan": None}
    assert codes(snippet) == set()
