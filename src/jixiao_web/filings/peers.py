"""Which filings a filing is reviewed against, and their peer index, cached per scope.

A finance bureau reviews the targets of every unit below it ("谁审核预算，谁审核目标",
regulations.md §4.1) and asks whether a project's targets are "与其他同类专项或项目绩效
目标接近或雷同" and "与其他同类项目相比…是否合理" (§3.6, §4.3). So the peers of a filing
are the filings of the same year and table kind under the same finance bureau (its
nearest 财政部门 ancestor): the corpus rules JX601–JX603 compare it with all of them.
The per-project rules see the filings of its own unit that year as its document (JX402:
an indicator pasted from another of the unit's projects), with the layout facts of the
file it was imported from (codes, plans and basis columns are a property of a file).

Each process keeps the peer index of the scopes it has reviewed lately. A scope's
fingerprint (count, highest id and sum of versions of its filings: every action that
changes a filing bumps its version) is read on every review; when it moved, only the
filings whose version changed are read again.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass

from django.db.models import Count, Max, QuerySet, Sum

from jixiao.model import Document, Project
from jixiao_web.accounts.models import Organisation, OrgKind

from . import store
from .models import Filing
from .peer_index import PeerIndex, Piece, make_piece

# Scopes kept per process; each holds every filing of a bureau's year in memory.
MAX_SCOPES = 8
_LOAD_CHUNK = 500


@dataclass(frozen=True, slots=True)
class ScopeKey:
    """A finance bureau (its id and tree path), a year and a table kind."""

    bureau: int
    path: str
    year: int | None
    kind: str


@dataclass(slots=True)
class UnitContext:
    """What the per-project rules see around a filing: its unit's filings and its file's."""

    document: Document
    layout: Document
    position: int
    # Project name → the unit's filings of that name (to say which one a finding names).
    names: dict[str, list[int]]


def scope_key(filing: Filing) -> ScopeKey:
    """Return the scope whose filings are ``filing``'s peers."""
    bureau, path = _bureau(filing.organisation.path)
    return ScopeKey(bureau, path, filing.year, filing.kind)


def _bureau(path: str) -> tuple[int, str]:
    """Given an organisation path, return its nearest finance ancestor (else the root)."""
    ids = [int(part) for part in path.strip("/").split("/") if part]
    rows = Organisation.objects.filter(pk__in=ids, kind=OrgKind.FINANCE).values_list("pk", "path")
    if not rows:
        return ids[0], f"/{ids[0]}/"
    return max(rows, key=lambda row: len(row[1]))


def scope_filings(key: ScopeKey) -> QuerySet[Filing]:
    """Return the filings of a scope (not access-checked: the review sees them all)."""
    filings = Filing.objects.filter(organisation__path__startswith=key.path, kind=key.kind)
    if key.year is None:
        return filings.filter(year__isnull=True)
    return filings.filter(year=key.year)


class Scope:
    """One scope's peer index, its units, and the fingerprint it was read at."""

    def __init__(self, key: ScopeKey, placeholders: frozenset[str], similarity: float | None):
        self.key = key
        self.placeholders = placeholders
        self.index = PeerIndex(similarity)
        self.lock = threading.Lock()
        self._fingerprint: dict | None = None
        self._units: dict[int, list[int]] | None = None
        # The fingerprint the background review last covered, and the units it reviewed.
        self._reviewed: tuple[dict | None, frozenset[int]] = (None, frozenset())

    def refresh(self) -> None:
        """Read again the filings that changed since the index was last read (under ``lock``)."""
        filings = scope_filings(self.key)
        fingerprint = filings.aggregate(n=Count("pk"), top=Max("pk"), versions=Sum("version"))
        if fingerprint == self._fingerprint:
            return
        versions = dict(filings.values_list("pk", "version"))
        for gone in set(self.index.pieces) - set(versions):
            self.index.drop(gone)
        stale = [pk for pk, v in versions.items() if self._version(pk) != v]
        for start in range(0, len(stale), _LOAD_CHUNK):
            self._load(stale[start : start + _LOAD_CHUNK])
        self._fingerprint, self._units = fingerprint, None

    @property
    def fingerprint(self) -> dict | None:
        return self._fingerprint

    def reviewed(self, units: set[int]) -> bool:
        """Return whether a background review already covered this state and these units.

        A burst of edits enqueues one review each; the first that runs sees them all.
        """
        fingerprint, covered = self._reviewed
        return fingerprint == self._fingerprint and units <= covered

    def mark_reviewed(self, fingerprint: dict | None, units: set[int]) -> None:
        """Record that a background review covered ``units`` at ``fingerprint``."""
        before, covered = self._reviewed
        units = frozenset(units) | (covered if before == fingerprint else frozenset())
        self._reviewed = (fingerprint, units)

    def _version(self, pk: int) -> int | None:
        piece = self.index.pieces.get(pk)
        return piece.version if piece else None

    def _load(self, pks: list[int]) -> None:
        rows = Filing.objects.filter(pk__in=pks).values_list(
            "pk", "version", "organisation_id", "source", "content__data"
        )
        for pk, version, unit, source, data in rows:
            project = store.project_from_data(data or {})
            self.index.put(self.piece(pk, project, version=version, unit=unit, source=source))

    def piece(self, pk: int, project: Project, **where) -> Piece:
        return make_piece(pk, project, self.placeholders, **where)

    def unit_context(self, filing: Filing, project: Project) -> UnitContext:
        """Return the unit's filings (with ``project`` for ``filing``) as the review's context."""
        members = self._unit_members(filing.organisation_id, filing.pk)
        position = members.index(filing.pk)
        projects = [self._project(pk, filing.pk, project) for pk in members]
        pieces = self.index.pieces
        same_file = [
            p for pk, p in zip(members, projects, strict=True)
            if pk == filing.pk or pieces[pk].source == filing.source
        ]  # fmt: skip
        names: dict[str, list[int]] = {}
        for pk, p in zip(members, projects, strict=True):
            if p.name and pk != filing.pk:
                names.setdefault(p.name, []).append(pk)
        return UnitContext(
            document=Document(source=filing.source, projects=projects),
            layout=Document(source=filing.source, projects=same_file),
            position=position,
            names=names,
        )

    def _unit_members(self, unit: int, own: int) -> list[int]:
        if self._units is None:
            self._units = {}
            for pk in sorted(self.index.pieces):
                self._units.setdefault(self.index.pieces[pk].unit, []).append(pk)
        members = self._units.get(unit, [])
        return members if own in members else sorted([*members, own])

    def _project(self, pk: int, own: int, project: Project) -> Project:
        return project if pk == own else self.index.pieces[pk].project


_scopes: OrderedDict[ScopeKey, Scope] = OrderedDict()
_scopes_lock = threading.Lock()


def scope_for(key: ScopeKey, placeholders: frozenset[str], similarity: float | None) -> Scope:
    """Return this process's scope for ``key`` (created empty; call ``refresh`` under its lock)."""
    with _scopes_lock:
        scope = _scopes.get(key)
        if scope is None or (scope.placeholders, scope.index.similarity) != (
            placeholders,
            similarity,
        ):
            scope = _scopes[key] = Scope(key, placeholders, similarity)
        _scopes.move_to_end(key)
        while len(_scopes) > MAX_SCOPES:
            _scopes.popitem(last=False)
        return scope


def forget_all() -> None:
    """Drop every cached scope (tests; a changed rule configuration)."""
    with _scopes_lock:
        _scopes.clear()
