"""JX4xx beyond the docstring examples."""

from __future__ import annotations

from tests.jixiao.rules.helpers import codes, findings

NETWORK = {
    "name": "2025年政务外网网络设备采购经费",
    "code": "13082825P00818110002A",
    "purpose": "采购政务外网网络设备。",
    "goals": ["1.采购网络设备20台，保障政务外网稳定运行。"],
    "indicators": [
        ["产出指标", "数量指标", "网络设备采购数量", "≥20台"],
        ["产出指标", "质量指标", "设备验收合格率", "=100%"],
        ["产出指标", "时效指标", "设备安装完成时间", "2025年6月底前"],
        ["产出指标", "成本指标", "设备采购成本", "≤10万元"],
        ["效益指标", "社会效益指标", "外网故障中断次数", "≤2次"],
        ["满意度指标", "服务对象满意度指标", "使用单位满意度", "≥90%"],
    ],
}


def test_a_row_pasted_from_another_project_is_unrelated_only_where_it_is_foreign():
    pasted = ["产出指标", "数量指标", "网络设备采购数量", "≥20台"]
    snippet = {"projects": [{"rows": [pasted]}, NETWORK]}
    result = {(f.rule, f.project) for f in findings(snippet)}
    assert ("JX402", 0) in result
    assert ("JX402", 1) not in result  # the network project owns the row


def test_a_row_no_other_project_holds_is_not_judged():
    row = ["产出指标", "数量指标", "网络设备维护台数", "≥20台"]
    snippet = {"projects": [{"rows": [row]}, NETWORK]}
    assert "JX402" not in {f.rule for f in findings(snippet)}


def test_generic_words_do_not_make_a_row_look_pasted():
    # 工作顺利开展 shares only generic words (工作, 开展) and 顺利 with another goal.
    row = ["效益指标", "可持续影响指标", "工作顺利开展", "≥95%"]
    other = {"name": "政府采购评审费", "code": "X2", "goals": ["1.保障工作顺利开展"], "rows": [row]}
    assert "JX402" not in {f.rule for f in findings({"projects": [{"rows": [row]}, other]})}


def test_basis_is_only_expected_where_the_layout_has_the_column():
    assert "JX403" not in codes({})  # the base example has no basis anywhere


def test_routine_management_rows():
    assert "JX404" in codes({"rows": [["产出指标", "质量指标", "财务管理制度健全性", "健全"]]})
    assert "JX404" not in codes({"rows": [["产出指标", "质量指标", "培训合格率", "≥95%"]]})


def test_survey_rule_is_off_by_default():
    from jixiao.review import review_document
    from jixiao.rules.examples import build

    snippet = {
        "rows": [
            [
                "满意度指标",
                "服务对象满意度指标",
                "参训人员满意度",
                "≥90%",
                {"description": "提高满意度"},
            ]
        ]
    }
    assert "JX405" in codes(snippet)  # all rules on
    assert "JX405" not in {f.rule for f in review_document(build(snippet)).findings}


def test_name_length_threshold_comes_from_config():
    from jixiao.config import read_pack, settings_from_layers
    from jixiao.review import Reviewer

    pack = read_pack("default")
    pack["rules"] = {"JX406": {"max_length": 4}}
    reviewer = Reviewer(settings_from_layers([pack]))
    assert "JX406" in codes(
        {"rows": [["产出指标", "数量指标", "培训总人数", "≥200人次"]]}, reviewer
    )


def test_a_description_that_is_part_of_the_name_repeats_it():
    def described(text):
        return {
            "rows": [
                [
                    "产出指标",
                    "时效指标",
                    "网络安全建设正式运行时间",
                    "2025年6月底前",
                    {"description": text},
                ]
            ]
        }

    assert "JX401" in codes(described("正式运行时间"))
    assert "JX401" not in codes(described("系统上线并连续运行30天无重大故障的日期"))


def test_routine_words_are_an_output_of_a_project_about_them():
    row = ["产出指标", "质量指标", "档案完整率", "≥98%"]
    assert "JX404" in codes({"rows": [row]})
    assert "JX404" not in codes({"rows": [row], "name": "2025年馆藏档案数字化加工经费"})


def test_paying_out_a_subsidy_is_the_output_of_a_subsidy_project():
    row = ["产出指标", "时效指标", "资金拨付时间", "2025年9月底前"]
    assert "JX404" in codes({"rows": [row], "name": "2025年政务服务大厅运行经费"})
    assert "JX404" not in codes({"rows": [row], "name": "社区养老服务站运营补助"})
    # The indicator itself may say the money is a subsidy (农村危房改造).
    subsidy = ["产出指标", "时效指标", "补助资金拨付时间", "竣工验收后30日内"]
    assert "JX404" not in codes({"rows": [subsidy], "name": "农村危房改造"})
    # Funds reaching the unit stay routine even in a subsidy project.
    arrival = ["产出指标", "时效指标", "财政资金到位及时率", "=100%"]
    assert "JX404" in codes({"rows": [arrival], "name": "社区养老服务站运营补助"})
