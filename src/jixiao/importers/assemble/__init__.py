"""Grid → Document: the one assembler every input format feeds.

The pipeline, in the order the functions run:

1. ``split_tables``: find each project table (preamble, header rows, indicator rows);
2. ``read_header``: the header labels and their texts (cells or flowing PDF text);
3. ``build_project``: those texts as typed project fields (year, unit, budget in 万元 …);
4. ``read_columns`` + ``align``: each indicator row's cells mapped to the header columns,
   re-aligned where extraction shifted them (``flow_rows`` first rebuilds the rows of
   a flowing PDF table);
5. ``LevelState``: merged level cells filled in, broken rows joined, indicators built.

Anything guessed is reported as a warning with its line; nothing is dropped silently.
"""

from __future__ import annotations

from collections.abc import Iterator

from ...model import Document, Location, Project, ReadWarning
from ..grid import Grid, Row
from .cleaning import find_year
from .columns import (
    Aligned,
    Column,
    align,
    complete_columns,
    missing_columns,
    read_columns,
    total_score,
)
from .flat import assemble_flat, find_flat_header
from .flow import flow_columns, flow_rows, flow_total_score
from .header import read_header
from .levels import LevelState
from .overview import read_overview
from .project import build_project, name_from_title
from .tables import Table, split_tables

__all__ = ["assemble"]

_COLUMN_NAMES = {"name": "三级指标", "value": "指标值"}
# Rows at the top of a document searched for its title year.
_TITLE_ROWS = 6
_TITLE_LENGTH = 60


def assemble(grid: Grid) -> Document:
    """Given a Grid, return the Document with every project table it holds."""
    _strip_cells(grid)
    if flat := find_flat_header(grid):
        start, columns = flat
        return assemble_flat(grid, start, columns, _document_year(grid.rows[:start]))
    tables, leading = split_tables(grid)
    document = Document(source=grid.source)
    document.warnings.extend(grid.notes)
    year = _document_year(leading)
    for table in tables:
        project = _assemble_table(table, year, document.warnings)
        if project is not None:
            document.projects.append(project)
    document.department_overview = read_overview(leading)
    return document


def _assemble_table(table: Table, year: int | None, warnings: list[ReadWarning]) -> Project | None:
    project = _read_project(table, year, warnings)
    if table.columns is None:
        if not (project.name or project.code):
            return None
        label = project.name or project.code
        warnings.append(
            ReadWarning(f"项目“{label}”没有找到绩效指标表，仅读取了表头信息", project.location)
        )
        return project
    columns = _read_columns(table.columns, table.flow, warnings)
    if project.kind == "target" and {"actual", "score"} & {c.kind for c in columns}:
        project.kind = "self_evaluation"  # 实际完成值 and 得分 columns make a 自评表
    state = LevelState(frozenset(c.kind for c in columns))
    for aligned, location in _aligned_rows(table, columns, state, project):
        state.add_row(aligned, location)
    project.indicators = state.finish()
    warnings.extend(state.warnings)
    for row in table.strays:
        text = " ".join(t for t in row.texts if t)
        warnings.append(
            ReadWarning(f"表格中间的段落“{text}”不属于任何单元格，已忽略", row.location)
        )
    return project


def _read_project(table: Table, year: int | None, warnings: list[ReadWarning]) -> Project:
    """Given a table, return its project with the header fields, reporting guesses."""
    header = read_header(table.header, table.flow, table.preamble)
    project = build_project(table.preamble, header, year)
    project.location = _first_location(table.header)
    if not project.name and project.kind != "department":
        project.name = name_from_title(table.preamble)
        if project.name:
            message = f"未找到“项目名称”，项目名称取自表格标题“{project.name}”"
            warnings.append(ReadWarning(message, project.location))
    warnings.extend(ReadWarning(message, location) for message, location in header.notes)
    for text, location in header.unplaced:
        warnings.append(ReadWarning(f"表头中的文字“{text}”没有对应的栏目名称，未能读取", location))
    return project


def _read_columns(row: Row, flow: bool, warnings: list[ReadWarning]) -> list[Column]:
    """Given the indicator header row, return its columns with any missing ones added."""
    columns = flow_columns(row) if flow else read_columns(row)
    for kind in missing_columns(columns):
        message = f"指标表头缺少“{_COLUMN_NAMES[kind]}”列，已按标准列序补上"
        warnings.append(ReadWarning(message, row.location))
    return complete_columns(columns)


def _aligned_rows(
    table: Table, columns: list[Column], state: LevelState, project: Project
) -> Iterator[tuple[Aligned, Location | None]]:
    """Yield the body rows aligned to the columns; a 总分 row sets the total score."""
    if table.flow:
        body = []
        for row in table.body:
            total = flow_total_score(row)
            if total is None:
                body.append(row)
            else:
                project.total_score = total
        yield from flow_rows(body, columns, state)
        return
    for row in table.body:
        total = total_score(row, columns)
        if total is not None:
            project.total_score = total
        else:
            yield align(row, columns), row.location


def _strip_cells(grid: Grid) -> None:
    """Strip every cell once, so later steps can test cells for text by truthiness."""
    for row in grid.rows:
        for cell in row.cells:
            if cell.text and (cell.text[0].isspace() or cell.text[-1].isspace()):
                cell.text = cell.text.strip()


def _first_location(rows: list[Row]) -> Location | None:
    for row in rows:
        if row.location:
            return row.location
    return None


def _document_year(leading: list[Row]) -> int | None:
    for row in leading[:_TITLE_ROWS]:
        for text in row.texts:
            if len(text) <= _TITLE_LENGTH and (year := find_year(text)):
                return year
    return None
