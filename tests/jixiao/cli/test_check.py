"""``jixiao check`` through ``jixiao.cli.main``: findings as text, JSON and SARIF; exit codes."""

from __future__ import annotations

import copy
import json
import shutil
from pathlib import Path

import pytest

from jixiao.cli import main
from jixiao.rules import BY_CODE
from tests.conftest import EXPECTED, SEEDS, expected_for, seed_paths

SEED_003 = next(p for p in seed_paths() if p.name.startswith("003"))
EXPECTED_003 = EXPECTED / f"{SEED_003.stem}.json"
BOILERPLATE_003 = [0, 1, 3, 5, 6, 7, 9, 10]


def check(capsys, *args: str) -> tuple[int, str, str]:
    code = main(["check", *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def write_json(folder: Path, name: str, data: dict) -> Path:
    path = folder / name
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def test_it_prints_findings_grouped_by_project_with_file_line_and_fix(capsys):
    code, out, _ = check(capsys, str(SEED_003), "--select", "JX601")
    assert code == 0  # JX601 is a warning
    lines = out.splitlines()
    assert lines[0].startswith(f"{SEED_003}：12 个项目，8 条问题")
    headings = [line for line in lines if line.startswith("项目 ")]
    assert [h.split("“")[0] for h in headings] == [f"项目 {i + 1}" for i in BOILERPLATE_003]
    first = lines[lines.index(headings[0]) + 1]
    assert first.startswith(f"  {SEED_003}:")
    assert "  JX601  警告  本项目的绩效指标与项目" in first
    assert lines[lines.index(first) + 1].strip().startswith("修改建议：")
    subtotal = next(line for line in lines if line.startswith("  小计："))
    assert subtotal.startswith(
        "  小计：错误 0 条，警告 8 条，提示 0 条；得分最低：项目 1（96 分，优）"
    )
    assert lines[-1] == "共审核 1 个文件、12 个项目：错误 0 条，警告 8 条，提示 0 条。"


def test_json_output_has_the_documented_shape(capsys):
    code, out, _ = check(capsys, str(SEED_003), "--select", "JX601", "--format", "json")
    data = json.loads(out)
    assert code == 0
    [document] = data["documents"]
    assert document["source"] == str(SEED_003)
    assert [f["project"] for f in document["findings"]] == BOILERPLATE_003
    finding = document["findings"][0]
    assert {"rule", "severity", "project", "indicator", "line", "message", "fix"} <= set(finding)
    assert finding["rule"] == "JX601" and finding["severity"] == "warning"
    assert finding["indicator"] is None and isinstance(finding["line"], int)
    assert len(document["projects"]) == 12
    assert document["projects"][0] == {"project": 0, "score": 96, "grade": "优"}
    assert data["summary"]["by_severity"] == {"error": 0, "warning": 8, "info": 0}
    assert data["summary"]["by_rule"] == {"JX601": 8}


def test_sarif_output_is_sarif_2_1_0_with_rules_and_located_results(capsys):
    code, out, _ = check(capsys, str(SEED_003), "--select", "JX6", "--format", "sarif")
    log = json.loads(out)
    assert code == 0
    assert log["version"] == "2.1.0" and "sarif-2.1.0" in log["$schema"]
    [run] = log["runs"]
    rules = run["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == ["JX601", "JX602", "JX603"]
    assert all(r["helpUri"].endswith(f"{r['id']}.md") for r in rules)
    assert all(r["shortDescription"]["text"] for r in rules)
    result = run["results"][0]
    assert result["ruleId"] == "JX601" and result["level"] == "warning"
    assert rules[result["ruleIndex"]]["id"] == "JX601"
    location = result["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == SEED_003.as_posix()
    assert location["region"]["startLine"] >= 1
    assert result["message"]["text"]


def test_it_exits_1_when_an_error_level_finding_exists(capsys, tmp_path):
    data = copy.deepcopy(expected_for(SEED_003))
    data["projects"][0].update(budget_total=None, budget_fiscal=None)
    path = write_json(tmp_path, "no-budget.json", data)
    code, out, _ = check(capsys, str(path), "--select", "JX102")
    assert code == 1
    assert f"  {path}  JX102  错误  " in out  # expected JSON carries no line numbers


def test_select_and_ignore_take_code_prefixes(capsys):
    code, out, _ = check(capsys, str(SEED_003), "--select", "JX6", "--ignore", "JX601")
    assert "JX601" not in out and code == 0
    _, out, _ = check(capsys, str(SEED_003), "--select", "jx1,JX6", "--format", "json")
    rules = set(json.loads(out)["summary"]["by_rule"])
    assert "JX601" in rules and rules <= {r for r in BY_CODE if r.startswith(("JX1", "JX6"))}


def test_a_select_code_that_is_not_a_rule_prefix_is_refused(capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["check", str(SEED_003), "--select", "E501"])
    assert exit_.value.code == 2
    assert "不是规则代码前缀" in capsys.readouterr().err


def test_corpus_rules_run_across_all_inputs(capsys, tmp_path):
    data = expected_for(SEED_003)
    first = write_json(tmp_path, "a.json", {**data, "projects": data["projects"][:1]})
    second = write_json(tmp_path, "b.json", {**data, "projects": data["projects"][1:2]})
    _, out, _ = check(capsys, str(first), str(second), "--select", "JX601", "--format", "json")
    documents = json.loads(out)["documents"]
    assert [len(d["findings"]) for d in documents] == [1, 1]
    assert str(second) in documents[0]["findings"][0]["message"]


def test_a_folder_is_read_with_every_file_in_it(capsys, tmp_path):
    for seed in seed_paths()[:2]:
        shutil.copy(seed, tmp_path / seed.name)
    _, out, _ = check(capsys, str(tmp_path), "--select", "JX601", "--format", "json")
    assert [Path(d["source"]).name for d in json.loads(out)["documents"]] == [
        p.name for p in seed_paths()[:2]
    ]


def test_output_file_is_written_whole(capsys, tmp_path):
    target = tmp_path / "out" / "result.sarif"
    code, out, _ = check(capsys, str(SEED_003), "--format", "sarif", "-o", str(target))
    assert out == ""
    assert json.loads(target.read_text(encoding="utf-8"))["version"] == "2.1.0"
    assert code in (0, 1)


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        ("{not json", "不是有效的 JSON（第1行第2列：键名应使用双引号）"),
        ('{"projects": []}', "没有找到绩效目标表"),
        ('["a list"]', "不符合交换格式"),
    ],
)
def test_unusable_input_exits_2_with_a_message_naming_the_file(capsys, tmp_path, content, reason):
    path = tmp_path / "bad.json"
    path.write_text(content, encoding="utf-8")
    code, out, err = check(capsys, str(path), "--format", "json")
    assert code == 2
    assert "Traceback" not in err
    assert f"错误：{path}：" in err and reason in err
    assert json.loads(out)["summary"]["unreadable"][0]["source"] == str(path)


def test_a_missing_path_exits_2(capsys, tmp_path):
    code, out, err = check(capsys, str(tmp_path / "nowhere.txt"))
    assert code == 2
    assert err.startswith("错误：") and "找不到该文件或文件夹" in err
    assert "1 个文件无法审核" in out


def test_bad_configuration_exits_2_in_chinese(capsys, tmp_path):
    code, _, err = check(capsys, str(SEED_003), "--pack", "no-such-pack")
    assert code == 2 and "未知的规则包" in err
    config = tmp_path / "jixiao.toml"
    config.write_text("select = [", encoding="utf-8")
    code, _, err = check(capsys, str(SEED_003), "--config", str(config))
    assert code == 2 and "不是有效的 TOML" in err


def test_an_unknown_threshold_in_the_configuration_exits_2(capsys, tmp_path):
    config = tmp_path / "jixiao.toml"
    config.write_text("[rules.JX601]\nsimilarty = 0.9\n", encoding="utf-8")
    code, out, err = check(capsys, str(SEED_003), "--config", str(config))
    assert code == 2 and out == ""
    assert "JX601" in err and "similarty" in err and "Traceback" not in err


def test_config_file_thresholds_reach_the_corpus_rules(capsys, tmp_path):
    config = tmp_path / "jixiao.toml"
    config.write_text('select = ["JX601"]\n[rules.JX601]\nsimilarity = 0.99\n', encoding="utf-8")
    _, out, _ = check(capsys, str(EXPECTED_003), "--config", str(config), "--format", "json")
    flagged = [f["project"] for f in json.loads(out)["documents"][0]["findings"]]
    # At 0.99 only the projects whose nine rows are all equal to another's remain.
    assert flagged and set(flagged) < set(BOILERPLATE_003)


def test_every_seed_can_be_checked_without_a_traceback(capsys):
    code, out, err = check(capsys, str(SEEDS), "--format", "json")
    assert code in (0, 1)
    assert "Traceback" not in err
    documents = json.loads(out)["documents"]
    assert len(documents) == len(seed_paths())
    for document in documents:
        for finding in document["findings"]:
            assert finding["rule"] in BY_CODE
            assert finding["message"]


def test_a_bad_file_in_a_folder_does_not_stop_the_others(capsys, tmp_path):
    shutil.copy(SEED_003, tmp_path / SEED_003.name)
    (tmp_path / "损坏.docx").write_bytes(b"PK\x03\x04 not really a zip")
    code, out, err = check(capsys, str(tmp_path), "--select", "JX601", "--format", "json")
    data = json.loads(out)
    assert code == 2
    assert [Path(d["source"]).name for d in data["documents"]] == [SEED_003.name]
    assert len(data["documents"][0]["findings"]) == len(BOILERPLATE_003)
    assert "损坏.docx" in err and "Traceback" not in err
