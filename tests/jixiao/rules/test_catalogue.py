"""Every rule: a valid unique code, the four doc sections, an Example that fires exactly
its own code and a 正例 (use instead) that is silent (style.md guideline 7)."""

from __future__ import annotations

import re

import pytest

from jixiao.config import read_pack, settings_from_layers
from jixiao.review import Reviewer
from jixiao.rules import BY_CODE, CODE_PATTERN, DOC_SECTIONS, RULES, Rule
from jixiao.rules.base import (
    EXAMPLE,
    FINDS,
    USE_INSTEAD,
    WHY,
    parse_sections,
    validate_registry,
)
from jixiao.rules.examples import BASE, build, snippet_of
from tests.conftest import SHARED


def _all_on():
    """Return the default settings with every rule on (JX405 included)."""
    pack = read_pack("default")
    pack["ignore"] = []
    return settings_from_layers([pack])


REVIEWER = Reviewer(_all_on())
SNIPPET_RULES = [rule for rule in RULES if "```" in rule.doc_sections().get(EXAMPLE, "")]


def _codes_found(snippet: dict) -> set[str]:
    document = build(snippet)
    return {finding.rule for finding in REVIEWER.review_document(document).findings}


def test_every_code_is_valid_and_unique():
    codes = [rule.code for rule in RULES]
    assert all(CODE_PATTERN.match(code) for code in codes)
    assert len(codes) == len(set(codes))


def test_registry_rejects_a_bad_or_repeated_code():
    class Bad(Rule):
        code = "JX01"
        severity = RULES[0].severity

    with pytest.raises(ValueError, match="invalid code"):
        validate_registry([Bad])
    with pytest.raises(ValueError, match="used twice"):
        validate_registry([RULES[0], RULES[0]])


def test_every_catalogue_code_is_implemented():
    text = (SHARED / "spec" / "review-rules.md").read_text(encoding="utf-8")
    catalogue = set(re.findall(r"^\| (JX\d{3}) \|", text, re.MULTILINE))
    assert len(catalogue) >= 30
    assert catalogue <= set(BY_CODE)


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_rule_is_documented(rule: type[Rule]):
    sections = rule.doc_sections()
    assert list(sections)[: len(DOC_SECTIONS)] == list(DOC_SECTIONS)
    assert all(sections[name].strip() for name in DOC_SECTIONS)
    assert rule.title and rule.rationale
    assert "regulations.md §" in rule.rationale


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_rule_is_explained_in_chinese(rule: type[Rule]):
    # Users read Simplified Chinese: the prose sections are Chinese, not English with terms.
    for name in (FINDS, WHY):
        text = rule.doc_sections()[name]
        han = len(re.findall(r"[\u4e00-\u9fff]", text))
        latin = len(re.findall(r"[A-Za-z]", re.sub(r"regulations\.md|JX\d{3}|\[\w+\]", "", text)))
        assert han > 3 * latin, f"{rule.code} {name} reads as English: {text[:60]}"
    assert re.search(r"[\u4e00-\u9fff]", rule.title + rule.rationale)


def test_base_example_project_is_clean():
    assert _codes_found({}) == set()
    assert BASE["indicators"]


@pytest.mark.parametrize("rule", SNIPPET_RULES, ids=lambda r: r.code)
def test_example_fires_exactly_its_code(rule: type[Rule]):
    assert _codes_found(snippet_of(rule.doc_sections()[EXAMPLE])) == {rule.code}


@pytest.mark.parametrize("rule", SNIPPET_RULES, ids=lambda r: r.code)
def test_use_instead_is_silent(rule: type[Rule]):
    assert _codes_found(snippet_of(rule.doc_sections()[USE_INSTEAD])) == set()


def test_every_per_project_rule_has_runnable_examples():
    per_project = {rule.code for rule in RULES if rule.scope == "project"}
    assert per_project <= {rule.code for rule in SNIPPET_RULES}


def test_sections_parse_from_markdown_headings():
    doc = "Title.\n\n    ## Why\n    Because.\n\n    ## Example\n    x\n"
    assert parse_sections(doc) == {"Why": "Because.", "Example": "x"}
