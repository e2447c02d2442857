"""Flat lists: one indicator a row, its project's fields repeated on every row.

Budget systems export targets as one list rather than a table per project:
项目编码 | 项目名称 | 实施单位 | 预算数 | 一级指标 | 二级指标 | 三级指标 | 指标值 … (jixiao's own
CSV export has this shape too). The header row names both project fields and indicator
columns; consecutive rows with the same project code and name are one project, and a
row whose project cells are empty (merged down in a workbook) belongs to the one above.
"""

from __future__ import annotations

from dataclasses import dataclass

from ... import vocabulary as vocab
from ...model import Document, Project
from ..grid import Grid, Row
from .cleaning import columns_of, is_blank
from .columns import Aligned
from .header import Header, plan_number
from .labels import month_of
from .levels import LevelState
from .project import build_project

# The header of a flat list is near the top: a title and a caption may come first.
_SEARCH_ROWS = 40
_YEAR_LABELS = frozenset({"年度", "年份", "预算年度"})
# The table kind as a column of its own (jixiao's CSV export: 绩效目标表, 绩效自评表, 部门整体).
_KIND_LABELS = frozenset({"表类型", "表格类型"})
_PROJECT_KEYS = ("code", "name")
_MIN_INDICATOR_KINDS = 3


@dataclass(frozen=True, slots=True)
class FlatColumns:
    """Grid column → project field, indicator column kind, or spending-plan month."""

    project: dict[int, str]
    indicator: dict[int, str]
    months: dict[int, int]


def find_flat_header(grid: Grid) -> tuple[int, FlatColumns] | None:
    """Return the index and columns of a flat list's header row, or None if there is none."""
    for index, row in enumerate(grid.rows[:_SEARCH_ROWS]):
        if len(row.cells) < _MIN_INDICATOR_KINDS + 1:
            continue
        if not any(vocab.header_field(c.text) in _PROJECT_KEYS for c in row.cells):
            continue
        columns = _flat_columns(row)
        if columns is not None:
            return index, columns
    return None


def _flat_columns(row: Row) -> FlatColumns | None:
    project: dict[int, str] = {}
    indicator: dict[int, str] = {}
    months: dict[int, int] = {}
    for column, cell in columns_of(row.cells):
        if is_blank(cell.text):
            continue
        if vocab.key(cell.text) in _YEAR_LABELS:
            project[column] = "year"
        elif vocab.key(cell.text) in _KIND_LABELS:
            project[column] = "kind"
        elif kind := vocab.column_kind(cell.text):
            indicator[column] = kind
        elif (field := vocab.header_field(cell.text)) and field != "ignored":
            project[column] = field
        elif month := month_of(cell.text):
            months[column] = month
    kinds = set(indicator.values())
    if not set(_PROJECT_KEYS) & set(project.values()):
        return None
    if len(kinds) < _MIN_INDICATOR_KINDS or "name" not in kinds:
        return None
    return FlatColumns(project, indicator, months)


def assemble_flat(grid: Grid, start: int, columns: FlatColumns, year: int | None) -> Document:
    """Given a Grid whose row ``start`` heads a flat list, return its Document."""
    document = Document(source=grid.source)
    kinds = frozenset(columns.indicator.values())
    explicit = "kind" in columns.project.values()
    project: Project | None = None
    state = LevelState(kinds)
    key: tuple[str, str] | None = None
    for row in grid.rows[start + 1 :]:
        texts = {column: cell.text for column, cell in columns_of(row.cells)}
        if all(is_blank(text) for text in texts.values()):
            continue
        row_key = _project_key(texts, columns)
        if project is None or (any(row_key) and row_key != key):
            if project is not None:
                _finish(project, state, document, explicit)
            project, key = _project(row, texts, columns, year), row_key
            state = LevelState(kinds)
        cells = {
            kind: texts[column]
            for column, kind in columns.indicator.items()
            if not is_blank(texts.get(column))
        }
        state.add_row(Aligned(cells, []), row.location)
    if project is not None:
        _finish(project, state, document, explicit)
    return document


def _project_key(texts: dict[int, str], columns: FlatColumns) -> tuple[str, str]:
    values = {field: "" for field in _PROJECT_KEYS}
    for column, field in columns.project.items():
        if field in values and not is_blank(texts.get(column)):
            values[field] = vocab.key(texts[column])
    return values["code"], values["name"]


def _project(row: Row, texts: dict[int, str], columns: FlatColumns, year: int | None) -> Project:
    header = Header()
    kind = None
    for column, field in columns.project.items():
        text = texts.get(column)
        if is_blank(text):
            continue
        if field == "kind":
            kind = vocab.title_kind(text) or ("department" if "部门整体" in text else None)
        else:
            header.add(field, text, row.location)
    for column, month in columns.months.items():
        header.plan[month] = plan_number(texts.get(column))
    if not any(n is not None for n in header.plan.values()):
        header.plan = {}
    project = build_project([], header, year)
    project.kind = kind or project.kind
    project.location = row.location
    return project


def _finish(project: Project, state: LevelState, document: Document, explicit: bool) -> None:
    project.indicators = state.finish()
    # Without a 表类型 column, filled 实际完成值 or 得分 cells make a 自评表 (a list may
    # carry those columns empty for targets).
    evaluated = any(i.actual is not None or i.score is not None for i in project.indicators)
    if project.kind == "target" and evaluated and not explicit:
        project.kind = "self_evaluation"
    document.warnings.extend(state.warnings)
    document.projects.append(project)
