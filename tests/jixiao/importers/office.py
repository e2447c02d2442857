"""Build small Word and Excel documents for the reader tests, from a project of the seeds'
expected JSON, in the common published layout: header rows with merged value cells, then
the indicator table with its level-1 and level-2 cells merged over their blocks.
"""

from __future__ import annotations

import io
from collections.abc import Callable

import docx
import openpyxl

INDICATOR_HEADER = ["一级指标", "二级指标", "三级指标", "指标值"]
COLUMNS = len(INDICATOR_HEADER)


def header_rows(project: dict) -> list[tuple[str, str]]:
    """Given a project, return its header fields as (label, value) rows."""
    return [
        ("项目名称", project["name"]),
        ("项目编码", project["code"] or ""),
        ("预算数", f"{project['budget_total']:.2f}"),
        ("年度目标", "\n".join(project["goals"] or [])),
    ]


def indicator_rows(project: dict) -> list[list[str]]:
    return [
        [ind["level1"], ind["level2"], ind["name"], ind["raw_value"] or ""]
        for ind in project["indicators"]
    ]


def blocks(rows: list[list[str]], column: int) -> list[tuple[int, int]]:
    """Given indicator rows, return (first, last) indexes of runs sharing the level cells."""

    def key(row: list[str]) -> tuple[str, ...]:
        return tuple(row[: column + 1])

    runs, start = [], 0
    for i in range(1, len(rows) + 1):
        if i == len(rows) or key(rows[i]) != key(rows[start]):
            runs.append((start, i - 1))
            start = i
    return runs


def project_docx(projects: list[dict], split_after: int | None = None) -> bytes:
    """Given projects, return a .docx with a title, a unit line and one table per project.

    With split_after, each indicator table is cut into two Word tables after that many
    indicator rows, the second repeating the header row (as people do by hand).
    """
    document = docx.Document()
    for project in projects:
        document.add_paragraph(f"{project['name']}绩效目标表")
        document.add_paragraph(f"{project['unit_code'] or ''}{project['unit_name'] or ''}")
        rows = indicator_rows(project)
        cut = len(rows) if split_after is None else split_after
        table = _docx_table(document, header_rows(project), rows[:cut])
        if cut < len(rows):
            document.add_paragraph("")
            _docx_table(document, [], rows[cut:])
        document.add_paragraph("")
        del table
    return _docx_bytes(document)


def _docx_table(document, header: list[tuple[str, str]], rows: list[list[str]]):
    table = document.add_table(rows=len(header) + 1 + len(rows), cols=COLUMNS)
    table.style = "Table Grid"
    for r, (label, value) in enumerate(header):
        table.cell(r, 0).text = label
        table.cell(r, 1).merge(table.cell(r, COLUMNS - 1)).text = value
    base = len(header) + 1
    for c, text in enumerate(INDICATOR_HEADER):
        table.cell(base - 1, c).text = text
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            table.cell(base + r, c).text = text
    for column in (0, 1):
        for first, last in blocks(rows, column):
            if last > first:
                text = rows[first][column]
                table.cell(base + first, column).merge(table.cell(base + last, column)).text = text
    return table


def _docx_bytes(document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def project_xlsx(projects: list[dict], number: Callable[[float], object] = float) -> bytes:
    """Given projects, return a .xlsx with one sheet per project, merged like the .docx.

    The budget goes in as a number (float noise included if number adds it) with the
    two-decimal format a finance office uses.
    """
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for index, project in enumerate(projects, start=1):
        _fill_sheet(workbook.create_sheet(f"项目{index}"), project, number)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _fill_sheet(sheet, project: dict, number: Callable[[float], object]) -> None:
    sheet.append([f"{project['name']}绩效目标表"])
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=COLUMNS)
    sheet.append([f"{project['unit_code'] or ''}{project['unit_name'] or ''}"])
    for label, value in header_rows(project):
        sheet.append([label, value])
        row = sheet.max_row
        sheet.merge_cells(start_row=row, start_column=2, end_row=row, end_column=COLUMNS)
        if label == "预算数":
            cell = sheet.cell(row, 2, number(project["budget_total"]))
            cell.number_format = "0.00"
    sheet.append(INDICATOR_HEADER)
    base = sheet.max_row + 1
    rows = indicator_rows(project)
    for row in rows:
        sheet.append(row)
    for column in (0, 1):
        for first, last in blocks(rows, column):
            if last > first:
                sheet.merge_cells(
                    start_row=base + first,
                    start_column=column + 1,
                    end_row=base + last,
                    end_column=column + 1,
                )


def indicator_fields(projects: list[dict]) -> list[list[tuple]]:
    """Given projects (JSON), return what the builders above put in each indicator row."""
    return [
        [(i["level1"], i["level2"], i["name"], i["raw_value"]) for i in p["indicators"]]
        for p in projects
    ]


def read_fields(document) -> list[list[tuple]]:
    """Given a read Document, return the same fields as indicator_fields."""
    return [
        [(i.level1, i.level2, i.name, i.target.raw) for i in p.indicators]
        for p in document.projects
    ]
