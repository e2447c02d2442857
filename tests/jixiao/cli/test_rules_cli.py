"""``jixiao rules`` lists the catalogue and prints one rule's page; docs/rules stays generated."""

from __future__ import annotations

import pytest

from jixiao.cli import main
from jixiao.rules import BY_CODE, RULES
from jixiao.rules.docs import (
    DOCS_DIR,
    REFERENCES,
    THRESHOLD_NOTES,
    rule_markdown,
    stale_pages,
    unwrap,
    write_pages,
)


def rules(capsys, *args: str) -> tuple[int, str, str]:
    code = main(["rules", *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_it_lists_every_rule_with_severity_and_title(capsys):
    code, out, _ = rules(capsys)
    assert code == 0
    lines = out.splitlines()
    assert [line.split()[0] for line in lines] == [rule.code for rule in RULES]
    for line, rule in zip(lines, RULES, strict=True):
        assert line == f"{rule.code}  {rule.severity.label}  {rule.title}"


def test_a_prefix_lists_only_that_family(capsys):
    _, out, _ = rules(capsys, "jx6")
    assert [line.split()[0] for line in out.splitlines()] == ["JX601", "JX602", "JX603"]


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_a_code_prints_the_rule_page_with_a_bad_and_a_good_example(capsys, rule):
    code, out, _ = rules(capsys, rule.code)
    assert code == 0
    assert out == rule_markdown(rule)
    assert out.startswith(f"# {rule.code} {rule.title}\n")
    assert "## 反例" in out and "## 正例" in out  # the bad and the good example
    assert rule.rationale in out


def test_an_unknown_code_exits_2_in_chinese(capsys):
    code, out, err = rules(capsys, "JX999")
    assert code == 2 and out == ""
    assert "没有代码为“JX999”的规则" in err


def test_committed_rule_docs_are_up_to_date():
    stale = stale_pages(DOCS_DIR, RULES)
    assert stale == [], f"docs/rules is out of date ({stale}): run `make docs` and commit it"


def test_writing_pages_removes_pages_of_retired_rules(tmp_path):
    (tmp_path / "JX999.md").write_text("retired", encoding="utf-8")
    changed = write_pages(tmp_path, RULES)
    assert "JX999.md" in changed and not (tmp_path / "JX999.md").exists()
    assert stale_pages(tmp_path, RULES) == []
    assert (tmp_path / "README.md").read_text(encoding="utf-8").count("](JX") == len(RULES)


def test_unwrap_joins_chinese_lines_without_a_space_and_keeps_code_blocks():
    body = (
        '成本指标是成本的控\n制上限（regulations.md\n§3.4）。\n\n```json\n{"a": 1,\n "b": 2}\n```'
    )
    assert unwrap(body) == (
        '成本指标是成本的控制上限（regulations.md §3.4）。\n\n```json\n{"a": 1,\n "b": 2}\n```'
    )


def test_a_page_names_the_documents_its_short_names_cite(capsys):
    _, out, _ = rules(capsys, "JX501")  # cites 10号 only
    assert f"- 10号：{REFERENCES['10号']}" in out
    assert "101号：" not in out and "88号：" not in out
    assert "## 引用文件" not in rule_markdown(BY_CODE["JX115"])  # cites no document


@pytest.mark.parametrize("rule", [r for r in RULES if r.thresholds], ids=lambda r: r.code)
def test_every_threshold_is_explained(rule):
    for key in rule.thresholds:
        assert THRESHOLD_NOTES.get(f"{rule.code}.{key}") or THRESHOLD_NOTES.get(key), key
