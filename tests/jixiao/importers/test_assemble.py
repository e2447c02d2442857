"""The shared assembler, through ``read_text``: small tables in the shapes extraction makes.

Tables are built inline (tabs between cells) so each case sits next to its assertion.
"""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from jixiao import vocabulary as vocab
from jixiao.importers import read_grid, read_text
from jixiao.importers.grid import Cell, Grid, Row
from jixiao.model import Document, Project

HEADER = [
    "项目名称\t社区医疗服务能力提升",
    "项目编码\t4401 0024 1000 0000 12",
    "年度目标\t1.完成设备采购。2.提高诊疗能力。",
]


def table(*rows: str, header: list[str] = HEADER, title: str | None = None) -> str:
    lines = [title] if title else []
    return "\n".join([*lines, *header, *rows])


def read_one(text: str) -> Project:
    document = read_text(text, "test.txt")
    assert len(document.projects) == 1
    return document.projects[0]


def messages(document: Document) -> str:
    return "\n".join(str(w) for w in document.warnings)


# --- Header ------------------------------------------------------------------------------


def test_header_fields_are_read_and_extraction_spaces_removed_from_codes():
    project = read_one(
        table("一级指标\t二级指标\t三级指标\t指标值", "产出指标\t数量指标\t设备数\t≥5台")
    )
    assert project.name == "社区医疗服务能力提升"
    assert project.code == "440100241000000012"
    assert project.goals == ["1.完成设备采购。", "2.提高诊疗能力。"]


def test_title_gives_the_year_and_kind_and_the_unit_line_gives_code_and_unit():
    text = "\n".join(
        [
            "3.2024年社区医疗服务能力提升项目绩效自评表",
            "440100 某区卫生健康局 单位：万元",
            *HEADER,
            "一级指标\t二级指标\t三级指标\t指标值",
            "产出指标\t数量指标\t设备数\t≥5台",
        ]
    )
    project = read_one(text)
    assert (project.year, project.kind) == (2024, "self_evaluation")
    assert (project.unit_code, project.unit_name) == ("440100", "某区卫生健康局")


def test_a_unit_code_label_and_a_year_leading_the_project_name_are_read():
    header = ["项目名称\t2025年档案数字化", "单位编码\t[101001]"]
    project = read_one(table("一级指标\t二级指标\t三级指标\t指标值", header=header))
    assert (project.year, project.unit_code) == (2025, "101001")


def test_amounts_in_yuan_are_converted_to_wan_yuan():
    header = [*HEADER, "资金总额（元）\t285,000.00", "其中：财政拨款（元）\t285,000.00"]
    project = read_one(table("一级指标\t二级指标\t三级指标\t指标值", header=header))
    assert (project.budget_total, project.budget_fiscal) == (28.5, 28.5)


def test_a_bracketed_unit_of_yuan_on_the_funds_label_converts_to_wan_yuan():
    header = [*HEADER, "项目资金（单位：元）\t年度资金总额\t1,200,000.00"]
    project = read_one(table("一级指标\t二级指标\t三级指标\t指标值", header=header))
    assert project.budget_total == 120


def test_an_amount_that_names_its_unit_is_read_in_that_unit():
    header = [*HEADER, "资金总额\t150.00万元", "其中：财政拨款\t1,200,000元"]
    project = read_one(table("一级指标\t二级指标\t三级指标\t指标值", header=header))
    assert (project.budget_total, project.budget_fiscal) == (150, 120)


def test_only_a_line_labelled_fiscal_gives_budget_fiscal():
    header = [*HEADER, "资金总额\t50", "其中：中央补助\t30", "其他资金\t20"]
    project = read_one(table("一级指标\t二级指标\t三级指标\t指标值", header=header))
    assert (project.budget_total, project.budget_fiscal, project.budget_other) == (50, None, 20)


def test_annual_amounts_are_read_where_medium_term_amounts_stand_beside_them():
    header = [
        *HEADER,
        "项目资金（万元）\t\t中期资金总额：\t3,600.00\t年度资金总额：\t1,200.00",
        "\t\t其中：财政拨款\t3,000.00\t其中：财政拨款\t1,000.00",
        "\t\t其他资金\t600.00\t其他资金\t200.00",
    ]
    project = read_one(table("一级指标\t二级指标\t三级指标\t指标值", header=header))
    assert (project.budget_total, project.budget_fiscal, project.budget_other) == (1200, 1000, 200)


def test_a_cell_a_converter_repeated_across_merged_columns_is_read_once():
    header = [
        "| 项目名称 | 城管平台运维 | 城管平台运维 | 城管平台运维 |",
        "| 年度目标 | 1.保障运行。2.结案。 | 1.保障运行。2.结案。 | 1.保障运行。2.结案。 |",
    ]
    document = read_text(
        table("| 一级指标 | 二级指标 | 三级指标 | 指标值 |", header=header), "t.md"
    )
    assert document.projects[0].goals == ["1.保障运行。", "2.结案。"]
    assert document.warnings == []


def test_a_label_a_converter_repeated_down_merged_rows_is_read_as_merged():
    header = [
        "| 项目名称 | 农机购置补贴 | | | | | |",
        "| 项目资金 | | 年初预算数 | 全年预算数 | 全年执行数 | 执行率 | 得分 |",
        "| 项目资金 | 年度资金总额 | 300 | 320 | 304 | 95% | 9.5 |",
        "| 项目资金 | 其中：财政拨款 | 300 | 300 | 288 | — | — |",
        "| 年度总体目标 | 预期目标 | 预期目标 | 实际完成情况 | 实际完成情况 | | |",
        "| 年度总体目标 | 补贴农机具。 | 补贴农机具。 | 补贴1260台套。 | 补贴1260台套。 | | |",
    ]
    project = read_one(table("| 一级指标 | 二级指标 | 三级指标 | 指标值 |", header=header))
    assert (project.budget_total, project.budget_fiscal, project.budget_executed) == (320, 300, 304)
    assert project.goals == ["补贴农机具。"]


def test_goals_numbered_as_target_1_target_2_are_split():
    header = ["项目名称\t测绘", "年度目标\t目标1：完成更新。目标2：建立机制。"]
    project = read_one(table("一级指标\t二级指标\t三级指标\t指标值", header=header))
    assert project.goals == ["目标1：完成更新。", "目标2：建立机制。"]


def test_goals_numbered_in_brackets_or_circles_are_split_but_not_a_goals_parts():
    def goals(text: str) -> list[str] | None:
        header = ["项目名称\t测绘", f"年度目标\t{text}"]
        return read_one(table("一级指标\t二级指标\t三级指标\t指标值", header=header)).goals

    assert goals("（一）完成更新；（二）建立机制。") == ["（一）完成更新；", "（二）建立机制。"]
    assert goals("①完成更新；②建立机制。") == ["①完成更新；", "②建立机制。"]
    assert goals("1.完成更新：（1）地形；（2）地籍。2.建立机制。") == [
        "1.完成更新：（1）地形；（2）地籍。",
        "2.建立机制。",
    ]


def test_a_department_wide_table_with_its_budget_under_column_labels_is_read():
    text = "\n".join(
        [
            "部门（单位）整体支出绩效目标申报表",
            "部门（单位）名称\t某县教育局",
            "部门职责\t统筹管理全县教育事业。",
            "年度部门整体支出预算（万元）\t资金总额\t财政拨款\t其他资金",
            "\t520.00\t490.00\t30.00",
            "年度绩效指标\t一级指标\t二级指标\t三级指标\t指标值",
            "\t产出指标\t数量指标\t保障学校数量\t86所",
        ]
    )
    project = read_one(text)
    assert (project.kind, project.unit_name, project.name) == ("department", "某县教育局", None)
    assert (project.budget_total, project.budget_fiscal, project.budget_other) == (520, 490, 30)


def test_spending_plan_numbers_are_read_under_their_month_headers():
    header = [*HEADER, "资金支出计划（%）\t3月底\t6月底\t10月底\t12月底", "\t25%\t\t75%\t100%"]
    project = read_one(table("一级指标\t二级指标\t三级指标\t指标值", header=header))
    assert project.spending_plan.by_month == {3: 25, 6: None, 10: 75, 12: 100}


def test_spending_plan_figures_printed_beside_their_months_are_read():
    header = [*HEADER, "资金支出计划\t3月底：25%\t6月底：50%\t10月底：75%\t12月底：100%"]
    project = read_one(table("一级指标\t二级指标\t三级指标\t指标值", header=header))
    assert project.spending_plan.by_month == {3: 25, 6: 50, 10: 75, 12: 100}


def test_a_header_text_without_its_label_is_reported_not_dropped():
    header = ["项目名称\t档案数字化\t全县档案馆藏"]
    document = read_text(table("一级指标\t二级指标\t三级指标\t指标值", header=header), "t.txt")
    assert "全县档案馆藏" in messages(document)


def test_prose_under_an_amount_label_belongs_to_the_purpose_label_merged_over_both():
    # 资金用途 printed after the budget lines, in the row of the 其他资金 label.
    header = [*HEADER, "预算规模及资金用途\t预算数\t4.53\t其他资金\t\t用于提升政务外网带宽至500M"]
    project = read_one(table("一级指标\t二级指标\t三级指标\t指标值", header=header))
    assert (project.budget_total, project.budget_other) == (4.53, None)
    assert project.purpose == "用于提升政务外网带宽至500M"


def test_prose_under_an_amount_label_with_no_purpose_label_is_reported():
    header = [*HEADER, "预算数\t4.53\t其他资金\t用于提升政务外网带宽"]
    document = read_text(table("一级指标\t二级指标\t三级指标\t指标值", header=header), "t.txt")
    assert document.projects[0].purpose is None
    assert "用于提升政务外网带宽" in messages(document)


def test_a_missing_name_label_takes_the_name_from_the_table_title():
    text = table(
        "一级指标\t二级指标\t三级指标\t指标值",
        "产出指标\t数量指标\t扫描页数\t≥10万页",
        header=["项目编码\tX1"],
        title="2.档案数字化项目绩效目标表",
    )
    document = read_text(text, "t.txt")
    assert document.projects[0].name == "档案数字化"
    assert "取自表格标题" in messages(document)


def test_self_evaluation_figures_printed_as_label_and_value_are_read():
    header = [*HEADER, "年度资金总额\t100\t全年执行数\t95\t执行率\t95%", "总分\t96.5"]
    project = read_one(table("一级指标\t二级指标\t三级指标\t指标值", header=header))
    assert (project.budget_executed, project.execution_rate, project.total_score) == (95, 95, 96.5)


def test_the_full_year_budget_printed_as_label_and_value_is_the_total():
    header = [*HEADER, "全年预算数\t120", "全年执行数\t114"]
    project = read_one(table("一级指标\t二级指标\t三级指标\t指标值", header=header))
    assert (project.budget_total, project.budget_executed) == (120, 114)


# --- Indicator columns and levels ----------------------------------------------------------


def test_merged_level_cells_apply_to_the_rows_below_and_level2_settles_level1():
    project = read_one(
        table(
            "一级指标\t二级指标\t三级指标\t指标值",
            "\t数量指标\t设备数\t≥5台",
            "\t\t培训人次\t≥200人次",
            "\t社会效益\t就医便利度\t明显提升",
            "满意度\t\t患者满意度\t≥90%",
        )
    )
    levels = [(i.level1, i.level2, i.name) for i in project.indicators]
    assert levels == [
        ("产出指标", "数量指标", "设备数"),
        ("产出指标", "数量指标", "培训人次"),
        ("效益指标", "社会效益指标", "就医便利度"),
        ("满意度指标", "服务对象满意度指标", "患者满意度"),
    ]


def test_cells_shifted_by_extraction_are_realigned_by_what_they_hold():
    project = read_one(
        table(
            "绩效指标\t一级指标\t二级指标\t三级指标\t指标性质\t指标方向\t目标值\t计量单位\t分值",
            "\t产出指标\t数量指标\t设备数\t正向\t大于等于\t5\t台\t10",
            "\t\t\t质量指标\t验收合格率\t正向\t等于\t100\t%\t10",
            "\t时效指标\t完成时间\t定性\t\t2024年6月前\t\t10",
            "\t\t社会效益\t就医便利度\t定性\t\t\t明显提升\t10",
        )
    )
    rows = [
        (i.level2, i.name, i.target.raw, i.target.direction, i.target.unit, i.nature, i.weight)
        for i in project.indicators
    ]
    assert rows == [
        ("数量指标", "设备数", "5", ">=", "台", "正向", 10),
        ("质量指标", "验收合格率", "100", "=", "%", "正向", 10),
        ("时效指标", "完成时间", "2024年6月前", None, None, "定性", 10),
        ("社会效益指标", "就医便利度", "明显提升", None, None, "定性", 10),
    ]


def test_a_row_number_column_is_read_and_left_out():
    project = read_one(
        table("序号\t一级指标\t二级指标\t三级指标\t指标值", "1\t产出指标\t数量指标\t设备数\t≥5台")
    )
    assert [(i.name, i.target.raw) for i in project.indicators] == [("设备数", "≥5台")]


def test_an_operator_in_the_nature_column_sets_the_direction_and_leaves_nature_empty():
    project = read_one(
        table(
            "一级指标\t二级指标\t三级指标\t指标性质\t指标值\t计量单位",
            "产出指标\t数量指标\t设备数\t≤\t5\t台",
        )
    )
    indicator = project.indicators[0]
    assert (indicator.target.direction, indicator.target.number, indicator.nature) == (
        "<=",
        5,
        None,
    )


def test_annual_values_are_taken_when_long_term_values_stand_beside_them():
    project = read_one(
        table(
            "一级指标\t二级指标\t三级指标\t中期指标值\t年度指标值",
            "产出指标\t数量指标\t设备数\t≥15台\t≥5台",
        )
    )
    assert project.indicators[0].target.raw == "≥5台"


def test_cost_as_a_level2_name_belongs_to_output_and_as_level1_keeps_its_own_block():
    project = read_one(
        table(
            "一级指标\t二级指标\t三级指标\t指标值",
            "产出指标\t成本指标\t设备购置成本\t≤80万元",
            "成本指标\t经济成本指标\t运维成本\t≤5万元",
        )
    )
    levels = [(i.level1, i.level2) for i in project.indicators]
    assert levels == [("产出指标", "成本指标"), ("成本指标", "经济成本指标")]


def test_a_row_broken_in_two_is_joined_and_the_join_reported_with_its_line():
    text = table(
        "一级指标\t二级指标\t三级指标\t指标值",
        "产出指标\t\t成本指标\t年度设备",
        "\t采购成本\t\t≤5万元",
    )
    document = read_text(text, "t.txt")
    indicators = document.projects[0].indicators
    assert [(i.level2, i.name, i.target.raw) for i in indicators] == [
        ("成本指标", "年度设备采购成本", "≤5万元")
    ]
    assert "第6行" in messages(document) and "合并" in messages(document)


def test_an_indicator_printed_without_a_value_is_not_joined_to_the_next():
    project = read_one(
        table(
            "一级指标\t二级指标\t三级指标\t指标值",
            "产出指标\t数量指标\t设备数\t",
            "\t\t培训人次\t≥200人次",
        )
    )
    assert [(i.name, i.target.raw) for i in project.indicators] == [
        ("设备数", None),
        ("培训人次", "≥200人次"),
    ]


def test_the_header_row_repeated_after_a_page_break_is_not_an_indicator():
    project = read_one(
        table(
            "一级指标\t二级指标\t三级指标\t指标值",
            "产出指标\t数量指标\t设备数\t≥5台",
            "一级指标\t二级指标\t三级指标\t指标值",
            "\t质量指标\t合格率\t100%",
        )
    )
    assert [i.name for i in project.indicators] == ["设备数", "合格率"]


def test_a_cell_that_fits_no_column_is_reported_with_its_line():
    document = read_text(
        table("一级指标\t二级指标\t三级指标\t指标值", "页脚文字\t数量指标\t设备数\t≥5台\t附注"),
        "t.txt",
    )
    assert [i.name for i in document.projects[0].indicators] == ["设备数"]
    assert "第5行" in messages(document) and "附注" in messages(document)


def test_a_header_that_lost_its_value_column_still_reads_the_values():
    document = read_text(
        table("一级指标\t二级指标\t三级指标", "产出指标\t数量指标\t设备数\t≥5台"), "t.txt"
    )
    assert document.projects[0].indicators[0].target.raw == "≥5台"
    assert "指标值" in messages(document)


def test_projects_and_indicators_record_their_lines():
    project = read_one(
        table("一级指标\t二级指标\t三级指标\t指标值", "产出指标\t数量指标\t设备数\t≥5台")
    )
    assert project.location.line == 1
    assert project.indicators[0].location.line == 5


def test_a_self_evaluation_total_row_gives_the_total_score():
    project = read_one(
        table(
            "一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分",
            "产出指标\t数量指标\t设备数\t≥5台\t6台\t50\t50",
            "总分\t\t\t\t\t100\t92.5",
        )
    )
    assert project.total_score == 92.5
    assert project.kind == "self_evaluation"  # no title says so: its columns do
    assert (project.indicators[0].actual, project.indicators[0].score) == ("6台", 50)


# --- Flowing PDF text --------------------------------------------------------------------

FLOWING = """项目名称 公共法律服务平台运维

一级指标 二级指标 三级指标 绩效指标描述 指标值 指标值确定依据

数量指标
法律咨询服
务人次

全年提供法律咨询服务人次 ≥5000 人次

年度工作计划

产出指标

质量指标
咨询回复准
确率

咨询回复准确率 ≥98% 行业标准
效益指标

社会效益指
标

群众法律意
识

群众法律意识 明显提升
"""


def test_a_flowing_table_is_rebuilt_around_its_values():
    document = read_text(FLOWING, "t.txt")
    rows = [
        (i.level1, i.level2, i.name, i.description, i.target.raw, i.basis)
        for i in document.projects[0].indicators
    ]
    assert rows == [
        (
            "产出指标",
            "数量指标",
            "法律咨询服务人次",
            "全年提供法律咨询服务人次",
            "≥5000人次",
            "年度工作计划",
        ),
        ("产出指标", "质量指标", "咨询回复准确率", "咨询回复准确率", "≥98%", "行业标准"),
        # No number to anchor it: a formulaic qualitative target ends the row.
        ("效益指标", "社会效益指标", "群众法律意识", "群众法律意识", "明显提升", None),
    ]


def test_a_flowing_row_without_basis_does_not_swallow_the_next_rows_name():
    text = "\n\n".join(
        [
            "项目名称 道路养护",
            "一级指标 二级指标 三级指标 绩效指标描述 指标值 指标值确定依据",
            "数量指标\n维修道路\n长度",
            "维修道路长度 ≥12 公里",
            "维修桥梁\n数量",
            "维修桥梁数量 ≥3 座",
            "《公路养护\n技术规范》",
        ]
    )
    indicators = read_text(text, "t.txt").projects[0].indicators
    rows = [(i.name, i.target.raw, i.basis) for i in indicators]
    assert rows == [
        ("维修道路长度", "≥12公里", None),
        ("维修桥梁数量", "≥3座", "《公路养护技术规范》"),
    ]


def test_flowing_lines_no_value_can_anchor_are_reported_not_lost():
    text = FLOWING.replace("群众法律意识 明显提升", "群众法律意识 见附件三")
    document = read_text(text, "t.txt")
    assert len(document.projects[0].indicators) == 2
    assert "见附件三" in messages(document)


ONE_LINE_ROWS = """项目名称 档案数字化 项目编码 X2024
资金支出计划（%） 3月底 6月底 10月底 12月底
25% 50% 75% 100%
绩效指标 一级指标 二级指标 三级指标 指标性质 指标方向 目标值 计量单位 分值 备注
产出指标 数量指标 扫描页数 正向 大于等于 10 万页 20
质量指标 图像合格率 正向 大于等于 98 % 20
时效指标 完成时间 定性 2024年11月底前 10
效益指标 社会效益指标 档案利用效率 定性 明显提升 30
满意度指标 服务对象满意度 查档群众满意度 正向 大于等于 95 % 20
第 2 页
"""


def test_a_pdf_table_printed_one_line_per_row_is_aligned_word_by_word():
    document = read_text(ONE_LINE_ROWS, "t.txt")
    project = document.projects[0]
    assert project.spending_plan.by_month == {3: 25, 6: 50, 10: 75, 12: 100}
    rows = [
        (i.level2, i.name, i.target.raw, i.target.direction, i.target.unit, i.nature, i.weight)
        for i in project.indicators
    ]
    assert rows == [
        ("数量指标", "扫描页数", "10", ">=", "万页", "正向", 20),
        ("质量指标", "图像合格率", "98", ">=", "%", "正向", 20),
        ("时效指标", "完成时间", "2024年11月底前", None, None, "定性", 10),
        ("社会效益指标", "档案利用效率", "明显提升", None, None, "定性", 30),
        ("服务对象满意度指标", "查档群众满意度", "95", ">=", "%", "正向", 20),
    ]
    assert document.warnings == []


WRAPPED_LINES = "\n".join(
    [
        "项目名称 数据资源管理业务费",
        "一级指标 二级指标 三级指标 指标值 绩效指标描述 指标值确定依据",
        "产出指标 数量指标 维护系统数量 ≥1套 运行、故障、更新等问 合同约定",
        "题的解决",
        "政务服务大厅便民、便企单位应进 100% 保障进驻 工作要求",
        "则进率",
        "绩效指标",
        "质量指标 工作人员服务 便民、高效、 服务规范 工作要求",
        "快捷",
        "效益指标 社会效益指标 对强化各部门业务协同、转变工作 效果显著 协同 工作要求",
        "方式、优化发展环境影响程度",
        "政务服务质量 明显提高 质量 工作要求",
        "总分 100 98.5",
    ]
)


def test_cell_ends_wrapped_onto_their_own_line_go_back_to_the_cell_they_were_cut_from():
    project = read_one(WRAPPED_LINES)
    rows = [(i.name, i.description, i.target.raw) for i in project.indicators]
    assert rows == [
        ("维护系统数量", "运行、故障、更新等问题的解决", "≥1套"),
        ("政务服务大厅便民、便企单位应进则进率", "保障进驻", "100%"),
        ("工作人员服务", "服务规范", "便民、高效、快捷"),
        ("对强化各部门业务协同、转变工作方式、优化发展环境影响程度", "协同", "效果显著"),
        ("政务服务质量", "质量", "明显提高"),
    ]
    assert project.total_score == 98.5


def test_wide_gaps_separate_cells_when_extraction_kept_the_layout():
    text = "\n".join(
        [
            "项目名称   档案数字化",
            "一级指标   二级指标   三级指标   绩效指标描述   指标值   指标值确定依据",
            "产出指标   数量指标   扫描 页数   扫描档案 页数   ≥10 万页   年度工作 计划",
        ]
    )
    indicator = read_text(text, "t.txt").projects[0].indicators[0]
    cells = (indicator.name, indicator.description, indicator.target.raw, indicator.basis)
    assert cells == ("扫描页数", "扫描档案页数", "≥10万页", "年度工作计划")


def test_a_row_holding_only_the_wrapped_end_of_a_level_name_is_not_an_indicator():
    project = read_one(
        table(
            "一级指标\t二级指标\t三级指标\t指标值",
            "满意度指标\t服务对象满意度\t群众满意度\t≥90%",
            "\t指标\t\t",
        )
    )
    assert [(i.level2, i.name) for i in project.indicators] == [
        ("服务对象满意度指标", "群众满意度")
    ]


def test_a_scoring_standard_column_is_read_not_reported_as_page_debris():
    text = table(
        "一级指标\t二级指标\t三级指标\t指标值\t评（扣）分标准\t分值",
        "产出指标\t数量指标\t建成示范村数量\t3个\t每少1个扣5分\t15",
    )
    document = read_text(text, "t.txt")
    assert document.projects[0].indicators[0].weight == 15
    assert document.warnings == []


LAYOUT_ROWS = """项目名称    社保经办
一级指标      二级指标        三级指标                    指标值
              数量指标        参保登记人数                ≥15.6万人
产出指标      质量指标        待遇领取人员领取资格        ≥4.2万人
                              认证人数
满意度指标    服务对象满意度  参保群众满意度              ≥90%
              指标
"""


def test_a_layout_line_holding_only_the_wrapped_end_of_a_name_joins_the_row_above():
    document = read_text(LAYOUT_ROWS, "t.txt")
    rows = [(i.level2, i.name, i.target.raw) for i in document.projects[0].indicators]
    assert rows == [
        ("数量指标", "参保登记人数", "≥15.6万人"),
        ("质量指标", "待遇领取人员领取资格认证人数", "≥4.2万人"),
        ("服务对象满意度指标", "参保群众满意度", "≥90%"),
    ]
    assert "第5行的“认证人数”是上一行单元格的续行" in messages(document)


# --- Department overview -------------------------------------------------------------------


def test_the_department_overview_before_the_tables_is_read_by_its_headings():
    text = "\n".join(
        [
            "部门整体绩效目标",
            "一、总体绩效目标",
            "提升全区公共法律服务水平，",
            "保障群众合法权益。",
            "二、分项绩效目标",
            "1、法律援助",
            "办结法律援助案件200件。",
            "2、人民调解",
            "三、工作保障措施",
            "（一）加强预算执行。",
            *HEADER,
            "一级指标\t二级指标\t三级指标\t指标值",
        ]
    )
    overview = read_text(text, "t.txt").department_overview
    assert overview.overall_goal == "提升全区公共法律服务水平，保障群众合法权益。"
    assert overview.sub_goals == ["1、法律援助办结法律援助案件200件。", "2、人民调解"]
    assert overview.measures == ["（一）加强预算执行。"]


# --- Vocabulary ----------------------------------------------------------------------------

spaces = st.text(alphabet=" \u3000\t", max_size=2)


@given(st.sampled_from(sorted(vocab.LEVEL2_PARENT)), st.booleans(), spaces)
def test_every_standard_level2_name_is_recognised_with_or_without_its_suffix(name, short, gap):
    printed = name.removesuffix("指标") if short else name
    printed = printed[:2] + gap + printed[2:]
    assert vocab.level2_name(printed) == name


@given(st.sampled_from(vocab.LEVEL1), st.booleans())
def test_every_standard_level1_name_is_recognised_with_or_without_its_suffix(name, short):
    assert vocab.level1_name(name.removesuffix("指标") if short else name) == name


def test_no_label_or_column_word_names_two_fields():
    for table in (vocab.HEADER_LABELS, vocab.INDICATOR_COLUMNS, vocab.BUDGET_COLUMNS):
        owners: dict[str, set[str]] = {}
        for field, words in table.items():
            for word in words:
                owners.setdefault(vocab.key(word), set()).add(field)
        assert {word: fields for word, fields in owners.items() if len(fields) > 1} == {}


# --- Tables under a heading, labelled unit lines, remark columns --------------------------

NO_NAME_HEADER = ["项目编码\t13052922P00584010723X", "年度目标\t1.保障网络畅通。"]
INDICATORS = ["一级指标\t二级指标\t三级指标\t指标值", "产出指标\t数量指标\t光纤条数\t≥3条"]


def test_a_table_without_a_name_takes_it_from_the_numbered_heading_above():
    for heading in (
        "一、光纤租赁和短信机费用",
        "（二）光纤租赁和短信机费用",
        "3.光纤租赁和短信机费用",
    ):
        text = "\n".join([heading, "单位：万元", *NO_NAME_HEADER, *INDICATORS])
        document = read_text(text, "test.txt")
        assert document.projects[0].name == "光纤租赁和短信机费用", heading
        assert "项目名称取自表格标题" in messages(document)


def test_a_label_line_or_a_plain_line_above_is_not_taken_for_the_heading():
    for line in ("项目负责人：张三", "一、单位：万元", "435001 巨鹿县行政审批局"):
        text = "\n".join([line, *NO_NAME_HEADER, *INDICATORS])
        assert read_one(text).name is None, line


def test_a_unit_line_may_carry_its_label_before_the_code():
    text = "\n".join(["预算单位：435001  巨鹿县行政审批局本级", *HEADER, *INDICATORS])
    project = read_one(text)
    assert (project.unit_code, project.unit_name) == ("435001", "巨鹿县行政审批局本级")


def test_a_unit_name_printed_after_its_code_gives_the_code():
    project = read_one(table(*INDICATORS, header=[*HEADER, "实施单位\t435001巨鹿县行政审批局"]))
    assert (project.unit_code, project.unit_name) == ("435001", "巨鹿县行政审批局")


def test_deviation_and_improvement_columns_are_remarks_not_indicators():
    document = read_text(
        table(
            "一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\t偏差原因分析\t改进措施",
            "产出指标\t数量指标\t设备数\t≥5台\t4台\t10\t8\t供货延迟\t加强督促",
        ),
        "test.txt",
    )
    (indicator,) = document.projects[0].indicators
    assert (indicator.name, indicator.actual, indicator.score) == ("设备数", "4台", 8)


def _ruled(table: int, *lines: str) -> list[Row]:
    return [Row([Cell(text) for text in line.split("\t")], table=table) for line in lines]


def test_each_ruled_table_under_a_heading_is_a_project_without_name_or_code():
    rows = []
    for table_id, heading in ((1, "一、业务费"), (2, "二、考勤考核奖")):
        rows.append(Row([Cell(heading)]))
        rows += _ruled(table_id, "实施单位\t霍山县数据资源管理局", "年度资金总额\t86", *INDICATORS)
    document = read_grid(Grid("t.docx", rows))
    assert [(p.name, len(p.indicators)) for p in document.projects] == [
        ("业务费", 1),
        ("考勤考核奖", 1),
    ]


def test_a_header_split_over_two_ruled_tables_stays_one_project():
    rows = [
        Row([Cell("一、业务费")]),
        *_ruled(1, "实施单位\t霍山县数据资源管理局"),
        *_ruled(2, "年度资金总额\t86", *INDICATORS),
    ]
    (project,) = read_grid(Grid("t.docx", rows)).projects
    assert (project.unit_name, project.budget_total) == ("霍山县数据资源管理局", 86)


# --- Flat lists: one indicator a row ---------------------------------------------------

FLAT_LIST = "\n".join(
    [
        "2024年项目支出绩效目标汇总表",
        "单位名称\t项目名称\t预算数\t一级指标\t二级指标\t三级指标\t指标值\t指标性质",
        "某区档案馆\t档案数字化\t28.5\t产出指标\t数量指标\t扫描页数\t≥10万页\t定量",
        "\t\t\t\t质量指标\t图像合格率\t≥98%\t定量",
        "\t\t\t效益指标\t社会效益指标\t档案利用效率\t明显提升\t定性",
        "某区档案馆\t档案修复\t6\t产出指标\t数量指标\t修复卷数\t≥200卷\t定量",
    ]
)


def test_a_flat_list_groups_rows_by_project_and_fills_blank_cells_from_above():
    document = read_text(FLAT_LIST, "t.txt")
    first, second = document.projects
    assert (first.name, first.unit_name, first.budget_total, first.year) == (
        "档案数字化",
        "某区档案馆",
        28.5,
        2024,
    )
    rows = [(i.level1, i.level2, i.name, i.target.raw, i.nature) for i in first.indicators]
    assert rows == [
        ("产出指标", "数量指标", "扫描页数", "≥10万页", "定量"),
        ("产出指标", "质量指标", "图像合格率", "≥98%", "定量"),
        ("效益指标", "社会效益指标", "档案利用效率", "明显提升", "定性"),
    ]
    assert [i.name for i in second.indicators] == ["修复卷数"]
    assert first.kind == second.kind == "target"


def test_a_flat_list_with_actual_values_filled_is_a_self_evaluation():
    text = "\n".join(
        [
            "项目名称\t三级指标\t年度指标值\t实际完成值\t得分",
            "档案数字化\t扫描页数\t≥10万页\t12万页\t10",
        ]
    )
    project = read_text(text, "t.txt").projects[0]
    assert project.kind == "self_evaluation"
    assert (project.indicators[0].actual, project.indicators[0].score) == ("12万页", 10)


def test_a_project_table_is_not_taken_for_a_flat_list():
    project = read_one(
        table("一级指标\t二级指标\t三级指标\t指标值", "产出指标\t数量指标\t设备数\t≥5台")
    )
    assert [i.name for i in project.indicators] == ["设备数"]


def test_a_two_level_table_headed_by_its_category_column_is_read():
    text = "\n".join(
        [
            "项目名称\t农村公路养护",
            "指标类别\t指标名称\t指标值",
            "产出指标\t养护里程\t≥120公里",
            "社会效益指标\t通行条件改善\t明显改善",
        ]
    )
    rows = [(i.level1, i.level2, i.name, i.target.raw) for i in read_one(text).indicators]
    assert rows == [
        ("产出指标", None, "养护里程", "≥120公里"),
        ("效益指标", "社会效益指标", "通行条件改善", "明显改善"),
    ]


def test_a_table_of_only_indicator_names_and_values_is_read():
    text = "项目名称\t农村公路养护\n指标名称\t指标值\n养护里程\t≥120公里\n群众满意度\t≥90%"
    assert [(i.name, i.target.raw) for i in read_one(text).indicators] == [
        ("养护里程", "≥120公里"),
        ("群众满意度", "≥90%"),
    ]


def test_the_unit_above_the_table_and_an_overall_goal_alone_are_read():
    text = "\n".join(
        [
            "2024年项目支出绩效目标表",
            "填报单位（盖章）：某县教育局",
            "项目名称（全称）\t义务教育营养改善计划",
            "总体目标\t保障学生营养餐供应。",
            "一级指标\t二级指标\t三级指标\t指标值",
            "产出指标\t数量指标\t受益学生人数\t不少于5000人",
        ]
    )
    project = read_one(text)
    assert project.unit_name == "某县教育局"
    assert (project.goals, project.long_term_goals) == (["保障学生营养餐供应。"], None)


def test_an_overall_goal_beside_annual_goals_stays_long_term():
    header = [*HEADER, "中期目标\t三年内全覆盖。"]
    project = read_one(table("一级指标\t二级指标\t三级指标\t指标值", header=header))
    assert project.long_term_goals == ["三年内全覆盖。"]
    assert project.goals == ["1.完成设备采购。", "2.提高诊疗能力。"]


def test_level_cells_with_outline_numbers_score_shares_or_both_levels_are_read():
    text = table(
        "一级指标\t二级指标\t三级指标\t指标值",
        "一、产出指标（50分）\t（一）数量指标\t设备数\t≥5台",
        "效益指标—社会效益\t\t诊疗能力\t明显提升",
        "效益指标（权重30%）\t可持续影响（10）\t长效机制\t建立",
        "3.满意度（10分）\t（三）服务对象满意度\t患者满意度\t≥90%",
    )
    document = read_text(text, "test.txt")
    rows = [(i.level1, i.level2, i.name) for i in document.projects[0].indicators]
    assert rows == [
        ("产出指标", "数量指标", "设备数"),
        ("效益指标", "社会效益指标", "诊疗能力"),
        ("效益指标", "可持续影响指标", "长效机制"),
        ("满意度指标", "服务对象满意度指标", "患者满意度"),
    ]
    assert not document.warnings


def test_more_header_wordings_are_read():
    header = [
        "项目名称\t乡村道路养护",
        "项目单位\t某县公路中心",
        "资金来源\t合计\t150",
        "\t其中财政资金\t120",
        "整体绩效目标\t完成养护。",
    ]
    document = read_text(table("一级指标\t二级指标\t三级指标\t指标值", header=header), "t.txt")
    project = document.projects[0]
    assert (project.unit_name, project.budget_total, project.budget_fiscal) == (
        "某县公路中心",
        150,
        120,
    )
    assert project.goals == ["完成养护。"]
    assert not document.warnings


def test_the_annual_budget_line_gives_the_total():
    header = ["项目名称\t乡村道路养护", "年度预算安排\t150", "上年结转\t20"]
    project = read_one(table("一级指标\t二级指标\t三级指标\t指标值", header=header))
    assert project.budget_total == 150


def test_more_indicator_column_wordings_are_read():
    document = read_text(
        table(
            "一级指标\t二级指标\t三级指标\t指标内容\t绩效指标值\t实际完成值\t未完成原因",
            "产出指标\t数量指标\t设备数\t采购设备\t≥5台\t4台\t资金未到位",
        ),
        "t.txt",
    )
    [indicator] = document.projects[0].indicators
    assert (indicator.name, indicator.description) == ("设备数", "采购设备")
    assert (indicator.target.raw, indicator.actual) == ("≥5台", "4台")
    assert not document.warnings


def test_the_implementing_unit_wins_over_the_unit_that_filled_the_form_in():
    header = ["填报单位：某县交通运输局", "项目名称\t乡村道路养护", "实施单位\t某县公路中心"]
    title = "2025年项目支出绩效目标表"
    document = read_text(
        table("一级指标\t二级指标\t三级指标\t指标值", header=header, title=title), "t.txt"
    )
    assert document.projects[0].unit_name == "某县公路中心"
    assert not document.warnings


def test_a_two_row_header_with_one_column_word_on_top_is_read():
    document = read_text(
        table(
            "绩效指标\t\t\t指标值",
            "一级指标\t二级指标\t三级指标\t",
            "产出指标\t数量指标\t设备数\t≥5台",
        ),
        "t.txt",
    )
    assert [i.target.raw for i in document.projects[0].indicators] == ["≥5台"]
    assert not document.warnings


def test_a_title_year_in_chinese_numerals_is_read():
    text = table("一级指标\t二级指标\t三级指标\t指标值", title="二〇二五年度项目支出绩效目标表")
    assert read_one(text).year == 2025


def test_a_direction_column_of_natures_or_headed_as_operator_is_read():
    def rows(direction_header: str, *body: str) -> list[tuple]:
        header = f"一级指标\t二级指标\t三级指标\t{direction_header}\t指标值\t计量单位"
        document = read_text(table(header, *body), "t.txt")
        assert not document.warnings
        return [(i.nature, i.target.direction) for i in document.projects[0].indicators]

    natures = rows(
        "指标方向",
        "产出指标\t数量指标\t里程\t正向\t120\t公里",
        "产出指标\t质量指标\t事故率\t反向\t5\t%",
    )
    assert natures == [("正向", "="), ("反向", "=")]
    assert rows("运算符号", "产出指标\t数量指标\t里程\t≥\t120\t公里") == [(None, ">=")]


def test_column_words_under_a_year_or_with_a_second_part_are_read():
    header = (
        "一级指标名称\t二级指标名称\t三级指标\t2025年指标值\t指标权重\t指标值确定依据及数据来源"
    )
    document = read_text(table(header, "产出指标\t数量指标\t设备数\t≥5台\t20\t采购计划"), "t.txt")
    [indicator] = document.projects[0].indicators
    assert (indicator.level2, indicator.target.raw, indicator.weight, indicator.basis) == (
        "数量指标",
        "≥5台",
        20,
        "采购计划",
    )
    assert not document.warnings


def test_budget_lines_dated_or_worded_by_level_of_government_are_read():
    header = [
        "项目名称\t乡村道路养护",
        "项目简介\t全县农村公路日常养护。",
        "2025年预算数\t150",
        "其中：本级财政资金\t100",
        "其中：中央资金\t50",
        "2025年度绩效目标\t完成养护。",
    ]
    document = read_text(table("一级指标\t二级指标\t三级指标\t指标值", header=header), "t.txt")
    project = document.projects[0]
    assert (project.budget_total, project.budget_fiscal) == (150, 100)
    assert (project.purpose, project.goals) == ("全县农村公路日常养护。", ["完成养护。"])
    assert not document.warnings


def test_a_two_level_table_headed_by_the_block_label_reads_its_levels():
    two_level = read_one(
        table(
            "绩效指标\t指标名称\t目标值", "产出指标\t养护里程\t≥120公里", "效益指标\t通行条件\t改善"
        )
    )
    assert [i.level1 for i in two_level.indicators] == ["产出指标", "效益指标"]
    repeated = read_one(table("绩效指标\t指标名称\t目标值", "绩效指标\t养护里程\t≥120公里"))
    assert [(i.level1, i.name) for i in repeated.indicators] == [(None, "养护里程")]


def test_a_satisfaction_level2_name_outside_the_standard_list_is_kept():
    document = read_text(
        table(
            "一级指标\t二级指标\t三级指标\t指标值",
            "满意度指标\t群众满意度\t≥95%",
            "满意度指标\t受益群众满意度\t村民满意度\t≥90%",
        ),
        "t.txt",
    )
    rows = [(i.level2, i.name) for i in document.projects[0].indicators]
    assert rows == [("服务对象满意度指标", "群众满意度"), ("受益群众满意度指标", "村民满意度")]


def test_a_department_budget_split_by_kind_of_spending_gives_its_total():
    text = "\n".join(
        [
            "2025年部门整体支出绩效目标表",
            "部门名称\t某县教育局",
            "年度预算资金（万元）\t合计\t1000\t基本支出\t600\t项目支出\t400",
            "一级指标\t二级指标\t三级指标\t指标值",
            "产出指标\t数量指标\t在校学生数\t≥5000人",
        ]
    )
    document = read_text(text, "t.txt")
    assert document.projects[0].budget_total == 1000
    assert not document.warnings


def test_a_numbered_goal_on_a_line_of_its_own_continues_the_goals_and_is_reported():
    header = ["项目名称\t测绘", "年度目标\t1.完成更新；", "2.建立机制。"]
    document = read_text(table("一级指标\t二级指标\t三级指标\t指标值", header=header), "t.txt")
    assert document.projects[0].goals == ["1.完成更新；", "2.建立机制。"]
    assert "第3行" in messages(document) and "2.建立机制。" in messages(document)
