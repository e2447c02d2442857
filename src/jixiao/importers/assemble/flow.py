"""Rebuild the rows of an indicator table printed as flowing text (PDF extraction)."""

from __future__ import annotations

from collections.abc import Iterator

from ...model import Location
from ..grid import Cell, Row
from .cleaning import clean
from .columns import Aligned, Column, read_columns
from .levels import LevelState


def flow_columns(header: Row) -> list[Column]:
    """Given the one-cell header line of a flowing table, return its columns."""
    words = clean(header.cells[0].text if header.cells else "").split()
    return read_columns(Row([Cell(w) for w in words], header.location))


def flow_rows(
    body: list[Row], columns: list[Column], state: LevelState
) -> Iterator[tuple[Aligned, Location | None]]:
    """Given the lines of a flowing table, yield its rows aligned to the columns."""
    return iter(())
