"""Settings: select/ignore by prefix, packs, file layers, thresholds, bad input."""

from __future__ import annotations

from pathlib import Path

import pytest

from jixiao.config import (
    ConfigError,
    Settings,
    available_packs,
    default_settings,
    find_config,
    load_settings,
)
from jixiao.rules import RULES
from jixiao.rules.base import Severity


def selected(settings: Settings) -> set[str]:
    return {rule.code for rule in settings.instantiate(RULES)}


def test_most_specific_prefix_wins():
    settings = Settings(select=("JX3",), ignore=("JX30",))
    assert not settings.is_selected("JX301")
    assert settings.is_selected("JX310")
    assert not settings.is_selected("JX101")
    again = Settings(select=("JX3", "JX305"), ignore=("JX30",))
    assert again.is_selected("JX305") and not again.is_selected("JX304")


def test_an_equally_specific_select_wins_so_a_flag_can_enable_an_ignored_rule():
    assert Settings(select=("JX", "JX405"), ignore=("JX405",)).is_selected("JX405")
    assert "JX405" in selected(load_settings(select=["JX405"]))


def test_defaults_select_everything_but_the_survey_rule():
    codes = selected(default_settings())
    assert "JX405" not in codes
    assert {rule.code for rule in RULES} - codes == {"JX405"}


def test_cli_flags_override_the_file_and_the_file_the_pack(tmp_path: Path):
    config = tmp_path / "jixiao.toml"
    config.write_text(
        'pack = "central-101"\nignore = ["JX4"]\n[rules.JX305]\nseverity = "info"\n',
        encoding="utf-8",
    )
    settings = load_settings(config)
    assert settings.regime == "B"  # from the pack
    assert settings.severities["JX305"] == Severity.INFO  # from the file
    assert "JX401" not in selected(settings)
    flagged = load_settings(config, select=["JX401"], ignore=[])
    assert selected(flagged) == {"JX401"}


def test_extend_select_adds_to_the_lower_layers(tmp_path: Path):
    settings = load_settings(extend_select=["JX405"])
    assert "JX405" in selected(settings)


def test_pyproject_tool_table_is_found_walking_up(tmp_path: Path):
    (tmp_path / "pyproject.toml").write_text('[tool.jixiao]\nignore = ["JX310"]\n', "utf-8")
    nested = tmp_path / "a" / "b"
    nested.mkdir(parents=True)
    assert find_config(nested) == tmp_path / "pyproject.toml"
    assert "JX310" not in selected(load_settings(search_from=nested))


def test_a_pyproject_without_the_table_is_skipped(tmp_path: Path):
    (tmp_path / "pyproject.toml").write_text("[project]\nname = 'x'\n", "utf-8")
    assert find_config(tmp_path) is None


def test_thresholds_override_rule_defaults():
    settings = load_settings(pack="central-101")
    rules = {rule.code: rule for rule in settings.instantiate(RULES)}
    assert rules["JX112"].thresholds["require_time"] is False
    assert rules["JX112"].thresholds["require_cost"] is True  # untouched default


def test_scoring_and_grades_come_from_the_layers(tmp_path: Path):
    config = tmp_path / "jixiao.toml"
    config.write_text(
        "[scoring]\ndeductions = { error = 20 }\n"
        'grades = { "好" = 95, "较好" = 85, "一般" = 60, "差" = 0 }\n',
        encoding="utf-8",
    )
    settings = load_settings(config)
    assert settings.deductions[Severity.ERROR] == 20
    assert settings.deductions[Severity.WARNING] == 4
    assert settings.grade(90) == "较好"


@pytest.mark.parametrize(
    "text, message",
    [
        ("select = [", "TOML"),
        ('[rules.JX301]\nseverity = "fatal"\n', "severity"),
        ('regime = "C"\n', "regime"),
        ('pack = "atlantis"\n', "规则包"),
    ],
)
def test_bad_configuration_is_a_clear_chinese_error(tmp_path: Path, text: str, message: str):
    config = tmp_path / "jixiao.toml"
    config.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError, match=message):
        load_settings(config)


def test_an_unknown_threshold_is_an_error(tmp_path: Path):
    config = tmp_path / "jixiao.toml"
    config.write_text("[rules.JX301]\nlimit = 3\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="JX301"):
        load_settings(config).instantiate(RULES)


def test_packs_are_listed_and_each_loads():
    packs = available_packs()
    assert {"default", "central-101", "henan-2022"} <= set(packs)
    for pack in packs:
        assert selected(load_settings(pack=pack))


def test_vocabulary_is_data_and_a_pack_can_extend_it(tmp_path: Path):
    config = tmp_path / "jixiao.toml"
    config.write_text('[vocabulary]\nnegative = ["漏水率"]\n', encoding="utf-8")
    settings = load_settings(config)
    assert settings.vocabulary.polarity("管网漏水率") == "negative"
    assert settings.vocabulary.polarity("设备故障率") == "negative"  # the defaults stay
    assert default_settings().vocabulary.polarity("管网漏水率") is None


def test_the_documented_example_configuration_loads(tmp_path: Path):
    doc = (Path(__file__).parents[2] / "docs" / "configuration.md").read_text(encoding="utf-8")
    example = doc.split("```toml\n", 1)[1].split("```", 1)[0]
    config = tmp_path / "jixiao.toml"
    config.write_text(example, encoding="utf-8")
    settings = load_settings(config)
    codes = selected(settings)
    assert "JX405" in codes and "JX310" not in codes and "JX401" not in codes
    assert settings.regime == "B" and settings.severities["JX305"] == Severity.INFO
