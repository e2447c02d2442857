"""Legacy Excel (.xls, BIFF) workbooks through xlrd: every sheet, merged ranges, formats.

xlrd needs ``formatting_info`` to report merged ranges and number formats, which is
also what shows a number the way the sheet does. Cells are collected into the same
Sheet structure as the .xlsx reader's, so both produce identical rows.
"""

from __future__ import annotations

import io
import warnings

import xlrd
from xlrd.biffh import XL_CELL_BLANK, XL_CELL_BOOLEAN, XL_CELL_DATE, XL_CELL_EMPTY, XL_CELL_ERROR

from ..errors import ReadError
from . import safety
from .grid import Grid
from .numformat import format_value
from .spreadsheet import Sheet, hidden_notes, hidden_sheet_note, sheet_rows

EMPTY = (XL_CELL_EMPTY, XL_CELL_BLANK)


def to_grid(data: bytes, source: str) -> Grid:
    """Given the bytes of a .xls file, return the rows of every worksheet in order."""
    safety.check_upload_size(data, source)
    deadline = safety.Deadline(source)
    grid = Grid(source=source)
    with warnings.catch_warnings(), safety.time_limit(deadline):
        warnings.simplefilter("ignore")
        book = _open(data, source)
        try:
            for table, sheet in enumerate(book.sheets(), start=1):
                if sheet.visibility:  # 1 hidden, 2 very hidden
                    grid.notes.append(hidden_sheet_note(sheet.name))
                    continue
                collected = _collect(book, sheet, source, deadline)
                grid.rows.extend(sheet_rows(collected, table))
                grid.notes.extend(hidden_notes(collected))
        except ReadError:
            raise
        except Exception as exc:  # a hostile file can break xlrd in many ways
            raise ReadError(source, "无法作为 Excel (.xls) 文件读取，文件可能已损坏") from exc
    return grid


def _open(data: bytes, source: str) -> xlrd.Book:
    try:
        return xlrd.open_workbook(
            file_contents=data, formatting_info=True, logfile=io.StringIO(), ragged_rows=True
        )
    except xlrd.XLRDError as exc:
        if "encrypted" in str(exc).lower():
            raise ReadError(source, "文件已加密，请取消密码保护后重新上传") from exc
        raise ReadError(source, "无法作为 Excel (.xls) 文件读取，文件可能已损坏") from exc
    except Exception as exc:
        raise ReadError(source, "无法作为 Excel (.xls) 文件读取，文件可能已损坏") from exc


def _collect(book: xlrd.Book, sheet, source: str, deadline: safety.Deadline) -> Sheet:
    """Given an xlrd sheet, return its displayed texts and merged ranges."""
    collected = Sheet(name=sheet.name, source=source)
    for row in range(sheet.nrows):
        for column, cell in enumerate(sheet.row(row)):
            if cell.ctype not in EMPTY:
                text = _display(book, cell).strip()
                if text:
                    collected.put(row + 1, column + 1, text)
        if row % 1000 == 999:
            deadline.check()
    collected.hidden_rows = {r + 1 for r, info in sheet.rowinfo_map.items() if info.hidden}
    for column, info in sheet.colinfo_map.items():
        if info.hidden:
            collected.hide_columns(column + 1, column + 1)
    collected.merges = [
        (first_row + 1, first_col + 1, end_row, end_col)
        for first_row, end_row, first_col, end_col in sheet.merged_cells
    ]
    return collected


def _display(book: xlrd.Book, cell) -> str:
    """Given an xlrd cell, return the text the sheet displays for it."""
    if cell.ctype == XL_CELL_ERROR:
        return xlrd.error_text_from_code.get(cell.value, "#ERROR")
    if cell.ctype == XL_CELL_BOOLEAN:
        return "TRUE" if cell.value else "FALSE"
    number_format = _number_format(book, cell.xf_index)
    if cell.ctype == XL_CELL_DATE:
        try:
            moment = xlrd.xldate.xldate_as_datetime(cell.value, book.datemode)
        except (xlrd.xldate.XLDateError, ValueError, OverflowError):
            return str(cell.value)
        return format_value(moment, number_format)
    return format_value(cell.value, number_format)


def _number_format(book: xlrd.Book, xf_index: int | None) -> str:
    if xf_index is None or not 0 <= xf_index < len(book.xf_list):
        return "General"
    found = book.format_map.get(book.xf_list[xf_index].format_key)
    return found.format_str if found is not None else "General"
