"""The corpus index: what the JX6xx rules remember of every project under review.

A corpus review reads the documents once: ``CorpusIndex.add`` keeps a few compact features
per project (one hash per indicator row, the topic text, numeric targets grouped by
indicator name), so a province's 100,000 projects fit in memory and the documents
themselves need not stay loaded. Each corpus rule (rules/corpus.py) then reads the index.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..model import Document, Indicator, Location, Project
from .text import name_key, unit_key
from .view import COST, level2_kind

if TYPE_CHECKING:
    from ..config import Settings

_YEAR = re.compile(r"\d{4}年度?")
# Currency units a cost can be printed in, as multiples of 元 (JX603 compares in 元).
_CURRENCY = {"元": 1.0, "万元": 1e4, "亿元": 1e8, "千元": 1e3}


@dataclass(slots=True)
class IndexedProject:
    """What the corpus rules remember of one project."""

    document: int
    position: int
    name: str
    identity: tuple[str, ...]
    topic: tuple[str | None, ...]
    location: Location | None
    tokens: frozenset[int] | None
    indicators: int


# A numeric target as the index keeps it (a tuple: millions are made):
# (number, project reference, indicator position, value as printed, location).
Entry = tuple[float, int, int, str, Location | None]


class CorpusIndex:
    """Compact features of every project under review, collected one document at a time."""

    def __init__(self, placeholders: Iterable[str] = ("无",)) -> None:
        self.placeholders = frozenset(placeholders)
        self.sources: list[str] = []
        self.projects: list[IndexedProject] = []
        # (indicator name, unit) → numeric targets (JX602).
        self.targets: dict[tuple[str, str], list[Entry]] = {}
        # (indicator name, per-what unit) → unit costs in 元 (JX603).
        self.unit_costs: dict[tuple[str, str], list[Entry]] = {}

    def add(self, document: Document) -> None:
        """Remember the features of every project in ``document``."""
        number = len(self.sources)
        self.sources.append(document.source)
        for position, project in enumerate(document.projects):
            self._add_project(number, position, project)

    def _add_project(self, document: int, position: int, project: Project) -> None:
        ref = len(self.projects)
        tokens: set[int] = set()
        count = 0
        placeholders = self.placeholders
        for i, indicator in enumerate(project.indicators):
            name = name_key(indicator.name)
            target = indicator.target
            if not name or (name in placeholders and name_key(target.raw) in placeholders):
                continue
            count += 1
            # One token per row, name and value together: projects of one kind share many
            # names (服务对象满意度) but a pasted set also shares the values. hash() of a
            # tuple differs between processes, which is harmless: the join is exact, so
            # tokens only need to be equal within one run (and hash(95) == hash(95.0)).
            if target.number is None:
                tokens.add(hash((name, name_key(target.raw))))
                continue
            unit = unit_key(target.unit)
            tokens.add(hash((name, target.direction, target.number, unit)))
            self._add_target(ref, i, name, unit, indicator)
        self.projects.append(
            IndexedProject(
                document=document,
                position=position,
                name=project.name or project.code or f"第{position + 1}个项目",
                identity=_identity(project),
                topic=(project.name, project.purpose, *(project.goals or ())),
                location=project.location,
                tokens=frozenset(tokens) if tokens else None,
                indicators=count,
            )
        )

    def _add_target(self, ref: int, i: int, name: str, unit: str, indicator: Indicator) -> None:
        target = indicator.target
        entry = (float(target.number or 0), ref, i, target.raw or "", indicator.location)
        if (unit in _CURRENCY or "/" in unit) and level2_kind(indicator.level2) == COST:
            per = _per_unit(unit)
            if per is not None:
                entry = (entry[0] * _CURRENCY[per[0]], *entry[1:])
                _append(self.unit_costs, (name, per[1]), entry)
            # A total cost follows the project's size, not a standard: not compared.
            return
        _append(self.targets, (name, unit), entry)


def _append(groups: dict[tuple[str, str], list[Entry]], key: tuple[str, str], entry: Entry) -> None:
    # Not setdefault(key, []): that builds a new list for each of 2,000,000 rows.
    group = groups.get(key)
    if group is None:
        groups[key] = group = []
    group.append(entry)


def _identity(project: Project) -> tuple[str, ...]:
    """Return keys that mean "the same project" (its code; its unit and yearless name)."""
    keys = []
    if project.code:
        keys.append("code:" + name_key(project.code))
    name = name_key(_YEAR.sub("", project.name or ""))
    if name:
        keys.append(f"name:{name_key(project.unit_name)}:{name}")
    return tuple(keys)


def _per_unit(unit: str) -> tuple[str, str] | None:
    """Given a unit like 元/人 or 万元/台, return (currency, per-what), else None."""
    money, slash, per = unit.partition("/")
    if slash and per and money in _CURRENCY:
        return money, per
    return None


def build_index(documents: Iterable[Document], settings: Settings) -> CorpusIndex:
    """Given documents, return their corpus index (placeholder words from the settings)."""
    index = CorpusIndex(settings.vocabulary.placeholders or ("无",))
    for document in documents:
        index.add(document)
    return index
