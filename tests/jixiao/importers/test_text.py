"""The text reader: line layouts → Grid, encodings, errors, and the text fixtures.

Each file in tests/fixtures/text/ is a small table in a layout seen outside the seeds;
tests/fixtures/expected/<same stem>.json is its hand-written interchange JSON.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from jixiao.errors import ReadError
from jixiao.importers import read, read_bytes, read_text
from jixiao.importers.detect import sniff
from jixiao.importers.encoding import decode
from jixiao.importers.text import text_to_grid
from jixiao.interchange import to_dict
from tests.conftest import FIXTURES

TEXT_FIXTURES = sorted((FIXTURES / "text").glob("*.*"))
# Provenance and parse notes travel as extra keys; the expected files hold the spec keys.
EXTRA_KEYS = {"location", "warnings"}

SMALL_TABLE = "\n".join(
    [
        "项目名称\t档案数字化",
        "年度目标\t完成档案数字化扫描。",
        "一级指标\t二级指标\t三级指标\t指标值",
        "产出指标\t数量指标\t扫描页数\t≥10万页",
    ]
)


def without_extras(value):
    if isinstance(value, dict):
        return {k: without_extras(v) for k, v in value.items() if k not in EXTRA_KEYS}
    if isinstance(value, list):
        return [without_extras(v) for v in value]
    return value


@pytest.mark.parametrize("path", TEXT_FIXTURES, ids=lambda p: p.stem)
def test_each_text_fixture_reads_as_its_expected_json(path: Path):
    expected = json.loads((FIXTURES / "expected" / f"{path.stem}.json").read_text("utf-8"))
    assert without_extras(to_dict(read(path))) == expected


# --- Layouts -----------------------------------------------------------------------------


def test_markdown_rows_become_cells_and_separator_rows_hold_none():
    grid = text_to_grid("| 一级指标 | 二级指标 |\n|---|---|\n| 产出指标 | 数量指标 |", "t.md")
    assert [r.texts for r in grid.rows] == [["一级指标", "二级指标"], [], ["产出指标", "数量指标"]]


def test_tab_separated_rows_keep_empty_cells_in_place():
    grid = text_to_grid("\t\t质量指标\t合格率\t100%", "t.txt")
    assert grid.rows[0].texts == ["", "", "质量指标", "合格率", "100%"]


def test_one_cell_per_line_layout_joins_lines_until_a_blank_line():
    text = "\t项目编码\n\t131\n\t项目名称\n\t系统运维\n\n\t预算数\n\t28.75\n"
    grid = text_to_grid(text, "t.txt")
    rows = [r.texts for r in grid.rows if r.cells]
    assert rows == [["项目编码", "131", "项目名称", "系统运维"], ["预算数", "28.75"]]


def test_a_cell_of_several_paragraphs_stays_one_cell_in_the_one_cell_per_line_layout():
    text = "\t绩效目标\n\t1.完成设备采购。\n2.提高诊疗能力。\n\n\t一级指标\n\t二级指标\n"
    rows = [r.texts for r in text_to_grid(text, "t.txt").rows if r.cells]
    assert rows == [["绩效目标", "1.完成设备采购。\n2.提高诊疗能力。"], ["一级指标", "二级指标"]]


def test_a_quoted_cell_of_an_excel_tab_export_keeps_its_line_breaks_in_one_row():
    text = '产出指标\t"失能、半失能人员\n照护覆盖率"\t≥95%\n名称\t"智慧政务"系统\t高'
    grid = text_to_grid(text, "t.txt")
    assert [r.texts for r in grid.rows] == [
        ["产出指标", "失能、半失能人员\n照护覆盖率", "≥95%"],
        ["名称", '"智慧政务"系统', "高"],
    ]
    assert [r.location.line for r in grid.rows] == [1, 3]


def test_a_quote_mark_that_never_closes_does_not_swallow_the_rows_below():
    grid = text_to_grid('名称\t"数据\n产出指标\t数量指标', "t.txt")
    assert [r.texts for r in grid.rows] == [["名称", '"数据'], ["产出指标", "数量指标"]]


def test_rows_copied_from_a_web_page_split_at_pipes_and_keep_an_empty_first_cell():
    text = "项目名称 | 燃气整治 |\n | 其中：财政拨款 | 120.00 |\n一级指标 | 二级指标\n--- | ---"
    grid = text_to_grid(text, "t.txt")
    assert [r.texts for r in grid.rows] == [
        ["项目名称", "燃气整治"],
        ["", "其中：财政拨款", "120.00"],
        ["一级指标", "二级指标"],
        [],
    ]


def test_indented_markdown_rows_keep_their_cells_in_place():
    text = "\n".join(
        ["  | 项目名称 | 档案数字化 |", "  |---|---|", "  | 一级指标 | 二级指标 |"] * 2
    )
    grid = text_to_grid(text, "t.md")
    assert grid.rows[0].texts == ["项目名称", "档案数字化"]


def test_a_single_pipe_in_prose_does_not_make_a_row_of_cells():
    grid = text_to_grid("发布时间：2024-02-06 | 来源：某区", "t.txt")
    assert [r.texts for r in grid.rows] == [["发布时间：2024-02-06 | 来源：某区"]]


def test_rows_remember_their_line_and_the_page_given_by_form_feeds():
    grid = text_to_grid("第一页\n\f第二页", "t.txt", page=1)
    assert [(r.location.line, r.location.page) for r in grid.rows] == [(1, 1), (2, 2)]


def test_conversion_artifacts_are_removed_from_paragraphs():
    grid = text_to_grid("[bookmark: _Toc_1]1.系统运维费绩效目标表\n## 标题", "t.md")
    assert [r.texts for r in grid.rows] == [["1.系统运维费绩效目标表"], ["标题"]]


# --- Encodings ---------------------------------------------------------------------------


@pytest.mark.parametrize("codec", ["utf-8", "utf-8-sig", "utf-16", "gbk", "gb18030"])
def test_common_encodings_of_chinese_files_are_detected(codec: str):
    document = read_bytes(SMALL_TABLE.encode(codec), "表.txt")
    assert document.projects[0].name == "档案数字化"
    assert document.projects[0].indicators[0].target.raw == "≥10万页"


def test_bytes_no_encoding_fits_raise_a_chinese_error_naming_the_file():
    with pytest.raises(ReadError) as error:
        decode(bytes(range(256)) * 4, "乱码.txt")
    assert error.value.source == "乱码.txt"
    assert "编码" in error.value.message


def test_a_file_without_any_table_raises_a_chinese_error_naming_the_file():
    with pytest.raises(ReadError) as error:
        read_text("这是一份普通的工作总结，没有任何表格。", "总结.txt")
    assert "总结.txt" in str(error.value)
    assert "未找到绩效目标表" in error.value.message


@pytest.mark.parametrize("data", [b"", b"  \n\t\n"])
def test_an_empty_file_raises_a_chinese_error_naming_the_file(data: bytes):
    with pytest.raises(ReadError) as error:
        read_bytes(data, "空白.txt")
    assert (error.value.source, error.value.message) == ("空白.txt", "文件为空，未找到绩效目标表")


def test_a_missing_file_raises_read_error_not_os_error(tmp_path: Path):
    with pytest.raises(ReadError) as error:
        read(tmp_path / "不存在.txt")
    assert error.value.source == "不存在.txt"


@pytest.mark.parametrize("name", ["表.txt", "表.md", "表.TXT", "表"])
def test_text_names_and_unknown_names_go_to_the_text_reader(name: str):
    assert sniff(b"abc", name) == "text"


# --- One cell per line, no row marks (a Word table saved as text by LibreOffice or WPS) ---

CELL_LINES = "\n".join(
    [
        "1.档案数字化项目绩效目标表",
        "项目名称",
        "档案数字化",
        "资金支出计划（%）",
        "3月底",
        "6月底",
        "12月底",
        "",
        "",
        "60%",
        "",
        "绩效指标",
        "一级指标",
        "二级指标",
        "三级指标",
        "指标值",
        "",
        "产出指标",
        "数量指标",
        "扫描页数",
        "≥10万页",
        "",
        "",
        "",
        "建库条目",
        "≥5万条",
        "",
        "",
        "2.档案修复项目绩效目标表",
        "项目名称",
        "档案修复",
    ]
)


def test_cells_printed_one_per_line_are_regrouped_by_the_indicator_header():
    document = read_text(CELL_LINES, "t.txt")
    first, second = document.projects
    rows = [(i.level1, i.level2, i.name, i.target.raw) for i in first.indicators]
    assert rows == [
        ("产出指标", "数量指标", "扫描页数", "≥10万页"),
        ("产出指标", "数量指标", "建库条目", "≥5万条"),
    ]
    assert second.name == "档案修复"  # the blank lines after the table did not swallow it


def test_a_spending_plan_printed_one_cell_per_line_keeps_its_months():
    project = read_text(CELL_LINES, "t.txt").projects[0]
    assert project.spending_plan.by_month == {3: None, 6: 60, 12: None}


def test_a_form_feed_inside_a_line_ends_that_line():
    grid = text_to_grid("企业节省费用\f一级指标 二级指标\n\f", "t.txt", page=1)
    assert [(r.texts, r.location.page) for r in grid.rows] == [
        (["企业节省费用"], 1),
        (["一级指标 二级指标"], 2),
        ([], 3),
    ]


# --- Labels wrapped by a narrow column in text taken from a PDF line by line -------------


def test_label_pieces_wrapped_onto_the_next_line_are_put_back():
    text = "\n".join(
        [
            "项目编 15060022200000035288",
            "码",
            "项目名 党的建设工作经费",
            "称",
            "绩效指 一级指标 二级指标 三级指标 指标性 指标方向 目标值 计量单位",
            "标 质",
            "产出指标 数量指标 党建活动次数 正向 大于等于 10 次",
            "满意度指标 服务对象满意 办事群众满意度 正向 大于等于 90 %",
            "度",
        ]
    )
    project = read_text(text, "t.txt").projects[0]
    assert (project.code, project.name) == ("15060022200000035288", "党的建设工作经费")
    first, second = project.indicators
    assert (first.nature, first.target.direction, first.target.number) == ("正向", ">=", 10)
    assert second.level2 == "服务对象满意度指标"


def test_the_cut_tail_of_a_project_code_alone_on_a_line_is_put_back():
    text = "\n".join(
        [
            "项目编码 13082825P008184100 项目名称 系统运维费",
            "01M",
            "一级指标 二级指标 三级指标 指标值",
            "产出指标 数量指标 维护系统数量 ≥1套",
        ]
    )
    assert read_text(text, "t.txt").projects[0].code == "13082825P00818410001M"


def test_a_short_number_after_a_whole_code_is_not_taken_for_its_tail():
    text = "\n".join(
        [
            "项目编码 15060022200000035288 项目名称 系统运维费",
            "2022 年度",
            "一级指标 二级指标 三级指标 指标值",
            "产出指标 数量指标 维护系统数量 ≥1套",
        ]
    )
    assert read_text(text, "t.txt").projects[0].code == "15060022200000035288"


def test_a_title_wrapped_before_its_last_word_still_opens_a_table():
    text = "\n".join(
        [
            "1.系统运维费项目绩效目标表",
            "项目名称 系统运维费",
            "一级指标 二级指标 三级指标 指标值",
            "产出指标 数量指标 维护系统数量 ≥1套",
            "2.社会信用体系建设典型城市县级试点建设工作经费及平台运维费绩效",
            "目标表",
            "项目编码 13082825P008255100 项目名称 社会信用体系建设工作经费及平",
            "01D 台运维费",
            "一级指标 二级指标 三级指标 指标值",
            "产出指标 数量指标 服务事项数量 3项",
        ]
    )
    first, second = read_text(text, "t.txt").projects
    assert second.code == "13082825P00825510001D"
    assert second.name == "社会信用体系建设工作经费及平台运维费"
    assert [i.name for i in first.indicators] == ["维护系统数量"]


# --- Text pdfplumber extracted from a PDF table (tests/fixtures/text/*pdfplumber*) --------


def test_values_printed_side_by_side_and_wrapped_each_get_their_own_end():
    text = "\n".join(
        [
            "项目名称 业务费",
            "主管部门及代码 [010]某县数据 实施单位 某县数据资源管理",
            "资源管理局 局",
            "一级指标 二级指标 三级指标 指标值",
            "产出指标 数量指标 视频共享路数 ≥3000件",
        ]
    )
    document = read_text(text, "t.txt")
    project = document.projects[0]
    assert (project.department, project.unit_name) == ("某县数据资源管理局", "某县数据资源管理局")
    assert any("资源管理局 局" in w.message and w.location.line == 3 for w in document.warnings)


def test_the_unit_of_a_wrapped_budget_label_is_not_taken_for_the_amount():
    text = "\n".join(
        [
            "项目名称 党建经费",
            "投入目 资金总额 60.00",
            "标 财政拨款数 60.00",
            "(万元) 非财政拨款数 0.00",
            "一级指标 二级指标 三级指标 指标值",
            "产出指标 数量指标 党建活动次数 ≥10次",
        ]
    )
    project = read_text(text, "t.txt").projects[0]
    assert (project.budget_total, project.budget_fiscal, project.budget_other) == (60, 60, 0)


NINE_COLUMNS = "一级指标 二级指标 三级指标 指标性质 指标方向 目标值 计量单位 分值 备注"


def test_a_wrapped_end_goes_to_the_cell_that_fills_its_column_most():
    # The names run to 16 characters; the 定性 value to 9: the value was cut, not the name.
    text = "\n".join(
        [
            "项目名称 网络平台运维经费",
            NINE_COLUMNS,
            "产出指标 数量指标 提升全市网络空间和网络意识形态阵地 正向 大于等于 3 个 3",
            "时效指标 系统技术支持服务时间 定性 8小时/工作日现场 3",
            "支持",
        ]
    )
    document = read_text(text, "t.txt")
    indicator = document.projects[0].indicators[1]
    assert (indicator.name, indicator.target.raw) == (
        "系统技术支持服务时间",
        "8小时/工作日现场支持",
    )
    assert any("“支持”是上一行单元格的续行" in w.message for w in document.warnings)


def test_a_unit_word_below_a_value_ending_in_a_figure_ends_that_value():
    text = "\n".join(
        [
            "项目名称 一窗受理服务费",
            NINE_COLUMNS,
            "产出指标 时效指标 一窗受理服务工作时间 定性 2022年1月至12 5",
            "月",
        ]
    )
    indicator = read_text(text, "t.txt").projects[0].indicators[0]
    assert (indicator.name, indicator.target.raw) == ("一窗受理服务工作时间", "2022年1月至12月")


def test_a_space_typed_after_ascii_punctuation_stays_in_a_goal():
    text = "\n".join(
        [
            "项目名称 场所运维经费",
            "年度目标 通过实施办公楼栋维修, 实现整洁的工作环境。",
            "一级指标 二级指标 三级指标 指标值",
            "产出指标 数量指标 维修楼栋数 ≥1栋",
        ]
    )
    assert read_text(text, "t.txt").projects[0].goals == [
        "通过实施办公楼栋维修, 实现整洁的工作环境。"
    ]


def test_a_level_name_cut_by_a_page_break_of_layout_text_is_put_back():
    # pdfplumber's layout text pads each page with lines of spaces and a form feed.
    text = "\n".join(
        [
            "项目名称 采购经费",
            "一级指标 二级指标 三级指标 指标性质 指标方向 目标值 计量单位 分值",
            "满意度指标     服务对象满意    采购单位满意度     正向     等于     100     %     5",
            "                    ",
            "          \f          ",
            "                    ",
            "            度       使用人员满意度     正向     大于等于   90      %     5",
        ]
    )
    indicators = read_text(text, "t.txt").projects[0].indicators
    assert [(i.level2, i.name) for i in indicators] == [
        ("服务对象满意度指标", "采购单位满意度"),
        ("服务对象满意度指标", "使用人员满意度"),
    ]


def test_a_wrapped_end_in_layout_text_goes_to_the_cell_it_stands_under():
    # The name is the longer cell, but 方经济 stands under the value's column.
    text = "\n".join(
        [
            "项目名称 新办企业服务费",
            "   一级指标      二级指标        三级指标                 指标值",
            "   效益指标      社会效益指标    优化营商环境、减轻企业负担  增强企业活力,发展地",
            "                                                         方经济",
        ]
    )
    document = read_text(text, "t.txt")
    indicator = document.projects[0].indicators[0]
    assert (indicator.name, indicator.target.raw) == (
        "优化营商环境、减轻企业负担",
        "增强企业活力,发展地方经济",
    )
    assert any("“方经济”是上一行单元格的续行" in w.message for w in document.warnings)


SELF_EVALUATION = [
    "项目支出绩效自评表",
    "项目名称 光纤租赁和短信机费用",
    "年初预算数 全年预算数 全年执行数 分值 执行率 得分",
    "年度资金总额 6.00 6.00 5.70 10.0095% 9.50",
    "项目资金（万元） 其中：当年财政拨款 6.00 6.00 5.70— — —",
    "其他资金 — — — — — —",
    "预期目标 实际完成情况",
    "年度总体目标",
    "1.目标内容1 已按计划完成年度目标。",
    "一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分 偏差原因分析及改进措施",
    "成本指标 24小时自助服务大厅建设费用 ≥15万元 15万元 13 13",
]


def test_a_budget_matrix_in_flowing_text_is_read_and_glued_figures_are_split():
    document = read_text("\n".join(SELF_EVALUATION), "t.txt")
    project = document.projects[0]
    assert (project.budget_total, project.budget_fiscal, project.budget_executed) == (6, 6, 5.7)
    assert project.execution_rate == 95
    assert any("10.0095%" in w.message and w.location.line == 4 for w in document.warnings)


def test_a_goal_printed_beside_its_achievement_is_read_and_the_achievement_reported():
    document = read_text("\n".join(SELF_EVALUATION), "t.txt")
    assert document.projects[0].goals == ["1.目标内容1"]
    assert any("已按计划完成年度目标。" in w.message for w in document.warnings)


def test_a_name_starting_with_a_figure_is_not_taken_for_a_value():
    indicator = read_text("\n".join(SELF_EVALUATION), "t.txt").projects[0].indicators[0]
    assert (indicator.name, indicator.target.raw, indicator.actual) == (
        "24小时自助服务大厅建设费用",
        "≥15万元",
        "15万元",
    )


def test_a_level_name_a_single_space_from_the_name_in_layout_text_is_split_off():
    text = "\n".join(
        [
            "项目名称 光纤租赁和短信机费用",
            "   一级指标        二级指标      三级指标                 年度指标值",
            "   满意度指标       服务对象满意度指标 活动参与者满意率       ≥90%",
        ]
    )
    indicator = read_text(text, "t.txt").projects[0].indicators[0]
    assert (indicator.level2, indicator.name) == ("服务对象满意度指标", "活动参与者满意率")


def test_a_layout_line_under_the_cells_of_the_row_above_continues_them():
    # 镇，321个 holds a figure, so only its place says it is the value's second line.
    text = "\n".join(
        [
            "项目名称 平台运维费",
            "   一级指标     二级指标    三级指标           指标值      绩效指标描述",
            "   产出指标     数量指标    维护系统的数量        全县37个乡   确保平台正常运行",
            "                                       镇，321个",
            "                                       村",
            "                质量指标    保证系统正常运行       100%      平台可用性及数据准确",
            "                                                性",
        ]
    )
    indicators = read_text(text, "t.txt").projects[0].indicators
    assert [(i.name, i.target.raw, i.description) for i in indicators] == [
        ("维护系统的数量", "全县37个乡镇，321个村", "确保平台正常运行"),
        ("保证系统正常运行", "100%", "平台可用性及数据准确性"),
    ]


def test_a_spending_plan_in_layout_text_puts_each_figure_under_its_month():
    # The wrapped label (资金支出计 / 划（%）) is mended without moving the months.
    text = "\n".join(
        [
            "       项目名称     平台运维费",
            "       资金支出计    3月底     6月底     10月底   12月底",
            "       划（%）                     100%",
            "       一级指标     二级指标    三级指标           指标值",
            "       产出指标     数量指标    维护系统的数量        ≥1套",
        ]
    )
    plan = read_text(text, "t.txt").projects[0].spending_plan
    assert plan.by_month == {3: None, 6: None, 10: 100, 12: None}


def test_mending_a_wrapped_label_keeps_the_places_of_the_cells_after_it():
    grid = text_to_grid(
        "       资金支出计    3月底     6月底\n       划（%）     25%     50%", "t.txt"
    )
    first, second = (row.cells[0] for row in grid.rows)
    assert first.indent + first.text.index("3月底") == 16
    assert (second.text, second.indent + second.text.index("50%")) == ("25%     50%", 24)


def test_a_level_piece_put_back_takes_room_from_the_gaps_on_both_sides():
    # 服务对象满意 + 度指标 is longer than the gap after it; 比 must stay under the value.
    text = "\n".join(
        [
            "项目名称 工资保险",
            "       一级指标      二级指标      三级指标       指标值确定依据    指标值",
            "       满意度指标     服务对象满意    满意度           年度工作计划      ≥100百分",
            "                 度指标                                          比",
        ]
    )
    indicator = read_text(text, "t.txt").projects[0].indicators[0]
    assert (indicator.level2, indicator.target.raw, indicator.basis) == (
        "服务对象满意度指标",
        "≥100百分比",
        "年度工作计划",
    )


def test_layout_lines_under_a_cut_unit_and_a_long_cell_continue_the_row_above():
    text = "\n".join(
        [
            "项目名称 系统运维费",
            "       一级指标    二级指标    三级指标      指标值确定依据       指标值",
            "       产出指标    成本指标    服务费支付总    《信息安全技       ≤28.75万",
            "                       成本          术  网络安全等       元",
            "       效益指标    社会效益指   提升办事效率    经验标准          有效提升",
        ]
    )
    indicators = read_text(text, "t.txt").projects[0].indicators
    assert [(i.name, i.basis, i.target.raw) for i in indicators] == [
        ("服务费支付总成本", "《信息安全技术网络安全等", "≤28.75万元"),
        ("提升办事效率", "经验标准", "有效提升"),
    ]


def test_plain_text_ends_of_cells_wrapped_side_by_side_go_back_to_the_full_cells():
    text = "\n".join(
        [
            "项目名称 网络建设及设备费",
            "一级指标 二级指标 三级指标 绩效指标描述 指标值确定依据 指标值",
            "产出指标 数量指标 综合事务保障率 保障日常事务高效运转 年度工作计划 ≥95百分比",
            "质量指标 网络数据平台建设任 网络数据平台建设任务完成 年度工作计划 ≥95百分比",
            "务完成情况 情况",
            "效益指标 社会效益指标 群众满意率 满足大厅办事群众需求 年度工作计划 ≥95百分比",
            "营商环境建设 营商环境持续改善 年度工作计划 持续优化",
        ]
    )
    document = read_text(text, "t.txt")
    assert [(i.name, i.description) for i in document.projects[0].indicators] == [
        ("综合事务保障率", "保障日常事务高效运转"),
        ("网络数据平台建设任务完成情况", "网络数据平台建设任务完成情况"),
        ("群众满意率", "满足大厅办事群众需求"),
        ("营商环境建设", "营商环境持续改善"),
    ]
    assert any("“务完成情况”是上一行单元格的续行" in w.message for w in document.warnings)
