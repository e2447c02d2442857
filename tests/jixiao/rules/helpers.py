"""Build a project from an example snippet and list what the engine reports on it."""

from __future__ import annotations

from jixiao.config import read_pack, settings_from_layers
from jixiao.review import Reviewer
from jixiao.rules.examples import build


def all_on():
    """Return the default settings with every rule selected (JX405 included)."""
    pack = read_pack("default")
    pack["ignore"] = []
    return settings_from_layers([pack])


REVIEWER = Reviewer(all_on())


def findings(snippet: dict, reviewer: Reviewer = REVIEWER):
    """Given an example snippet (jixiao.rules.examples), return the findings on it."""
    return reviewer.review_document(build(snippet)).findings


def found(snippet: dict, reviewer: Reviewer = REVIEWER) -> set[tuple[str, int | None]]:
    """Return the (rule, indicator) pairs reported on the snippet's first project."""
    return {(f.rule, f.indicator) for f in findings(snippet, reviewer) if f.project == 0}


def codes(snippet: dict, reviewer: Reviewer = REVIEWER) -> set[str]:
    return {rule for rule, _ in found(snippet, reviewer)}
