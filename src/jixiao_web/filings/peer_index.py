"""The peer index: what the corpus rules (JX6xx) remember of every filing in one scope.

Plain Python over the core's ``CorpusIndex`` (no Django here; ``peers.py`` fills it from
the database). Each filing is indexed once, on its own, into a ``Piece`` that keeps a
slot in the shared lists (its features, its target groups, an inverted index of its
indicator tokens) until it changes. Reviewing one filing then costs a small *local*
index, not a pass over the scope:

- the other filings keep their place (their slot) but without their indicator tokens,
  except those whose tokens can reach the JX601 similarity with the filing under review
  (counted through an inverted index of tokens), so the boilerplate join compares the
  filing with its few candidates only;
- only the target groups (JX602) and unit-cost groups (JX603) the filing has are
  copied, each with the filing's old entries replaced by its current ones.

The corpus rules then run unchanged on that index and their findings on the filing are
exactly those a pass over the whole scope would give it.

Every indexed project is named by a token (``⟦filing:12⟧``) instead of its name, so a
finding that names another filing says which one; ``present.py`` turns the token into
the name and a link, or into an anonymous phrase for a filing the reader may not see.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace

from jixiao.model import Document, Project
from jixiao.rules.corpus_index import CorpusIndex, Entry, IndexedProject

# (indicator name, unit) → entries, as CorpusIndex.targets / unit_costs hold them.
Groups = dict[tuple[str, str], list[Entry]]

TOKEN = "⟦filing:{}⟧"
TOKEN_PATTERN = re.compile(r"⟦filing:(\d+)⟧")
# What an empty slot holds: no tokens, no indicators, so no rule looks at it.
_EMPTY = IndexedProject(
    document=0, position=-1, name="", identity=(), topic=(), location=None, tokens=None,
    indicators=0,
)  # fmt: skip


def token(filing: int) -> str:
    """Return the placeholder a finding's message carries for filing ``filing``."""
    return TOKEN.format(filing)


@dataclass(slots=True)
class Piece:
    """One filing as the peer index keeps it: where it belongs and its corpus features."""

    filing: int
    version: int
    unit: int
    source: str
    project: Project
    indexed: IndexedProject
    targets: Groups
    unit_costs: Groups


def make_piece(
    filing: int,
    project: Project,
    placeholders: Iterable[str],
    *,
    version: int = 0,
    unit: int = 0,
    source: str = "",
) -> Piece:
    """Given a filing's project, return its piece (features with reference 0, name a token)."""
    index = CorpusIndex(placeholders)
    index.add(Document(source=source, projects=[project]))
    indexed = index.projects[0]
    indexed.name = token(filing)
    return Piece(filing, version, unit, source, project, indexed, index.targets, index.unit_costs)


class PeerIndex:
    """The pieces of one scope (finance bureau, year, table kind) laid out in slots.

    A filing keeps its slot while it changes; a dropped filing's slot stays empty, so a
    change costs the groups and postings of that one filing, not a new layout.
    """

    def __init__(self, similarity: float | None) -> None:
        # JX601's threshold from the configured rules; None when JX601 is not selected.
        self.similarity = similarity
        self.pieces: dict[int, Piece] = {}
        self.slots: dict[int, int] = {}
        self.order: list[int | None] = []  # the filing in each slot (None: empty)
        self._free: list[int] = []
        self._full: list[IndexedProject] = []
        self._silent: list[IndexedProject] = []
        self._targets: Groups = {}
        self._unit_costs: Groups = {}
        self._postings: dict[int, list[int]] = {}

    def put(self, piece: Piece) -> None:
        """Add a filing, or replace its previous piece."""
        self.drop(piece.filing)
        slot = self._free_slot()
        self.pieces[piece.filing], self.slots[piece.filing] = piece, slot
        piece.indexed.position = slot
        self.order[slot] = piece.filing
        self._full[slot] = piece.indexed
        self._silent[slot] = replace(piece.indexed, tokens=None)
        _extend(self._targets, piece.targets, slot)
        _extend(self._unit_costs, piece.unit_costs, slot)
        for t in piece.indexed.tokens or ():
            self._postings.setdefault(t, []).append(slot)

    def drop(self, filing: int) -> None:
        """Remove a filing (nothing when it is not indexed)."""
        piece = self.pieces.pop(filing, None)
        if piece is None:
            return
        slot = self.slots.pop(filing)
        self.order[slot] = None
        self._free.append(slot)
        self._full[slot] = self._silent[slot] = _EMPTY
        _remove(self._targets, piece.targets, slot)
        _remove(self._unit_costs, piece.unit_costs, slot)
        for t in piece.indexed.tokens or ():
            posting = self._postings[t]
            posting.remove(slot)
            if not posting:
                del self._postings[t]

    def _free_slot(self) -> int:
        if self._free:
            return self._free.pop()
        self.order.append(None)
        self._full.append(_EMPTY)
        self._silent.append(_EMPTY)
        return len(self.order) - 1

    def full_index(self) -> CorpusIndex:
        """Return a copy of the index of every filing (for a pass over all of them)."""
        index = CorpusIndex()
        index.sources = [""]
        index.projects = list(self._full)
        index.targets = {key: list(group) for key, group in self._targets.items()}
        index.unit_costs = {key: list(group) for key, group in self._unit_costs.items()}
        return index

    # --- one filing against the others ------------------------------------------------

    def local_index(self, piece: Piece) -> tuple[CorpusIndex, int]:
        """Given a filing's current piece, return the index its corpus review needs and its slot.

        The filing replaces its stored version (or, when new, takes the next slot).
        """
        slot = self.slots.get(piece.filing, len(self._silent))
        indexed = replace(piece.indexed, position=slot)
        projects = list(self._silent)
        if slot == len(projects):
            projects.append(indexed)
        projects[slot] = indexed
        for other in self._candidates(indexed.tokens, slot):
            projects[other] = self._full[other]
        index = CorpusIndex()
        index.sources = [piece.source]
        index.projects = projects
        index.targets = _local_groups(self._targets, piece.targets, slot)
        index.unit_costs = _local_groups(self._unit_costs, piece.unit_costs, slot)
        return index, slot

    def _candidates(self, tokens: frozenset[int] | None, slot: int) -> list[int]:
        """Return the slots whose token sets reach the JX601 similarity with ``tokens``."""
        if not tokens or self.similarity is None:
            return []
        shared: Counter[int] = Counter()
        for t in tokens:
            shared.update(self._postings.get(t, ()))
        found = []
        for other, common in shared.items():
            size = len(self._full[other].tokens or ())
            if other != slot and common / (len(tokens) + size - common) >= self.similarity:
                found.append(other)
        return found


def _extend(groups: Groups, own: Mapping[tuple[str, str], list[Entry]], slot: int) -> None:
    for key, entries in own.items():
        group = groups.get(key)
        if group is None:
            groups[key] = group = []
        group.extend(_at(entries, slot))


def _remove(groups: Groups, own: Mapping[tuple[str, str], list[Entry]], slot: int) -> None:
    for key in own:
        group = groups[key]
        group[:] = [e for e in group if e[1] != slot]
        if not group:
            del groups[key]


def _at(entries: Iterable[Entry], slot: int) -> list[Entry]:
    """Return the entries with their project reference set to ``slot``."""
    return [(e[0], slot, e[2], e[3], e[4]) for e in entries]


def _local_groups(groups: Groups, own: Mapping[tuple[str, str], list[Entry]], slot: int) -> Groups:
    """Return the groups the filing is in: the others' entries and the filing's current ones."""
    return {
        key: [e for e in groups.get(key, ()) if e[1] != slot] + _at(entries, slot)
        for key, entries in own.items()
    }
