"""Read documents into the interchange model.

Every input format is one module with ``to_grid(data: bytes, source: str) -> Grid``,
registered in ``FORMATS`` under the name ``detect.sniff`` returns for it. All of them
feed the one shared assembler (``assemble``). To add a format: write the module, add
one line to ``FORMATS`` and its magic bytes or suffix to ``detect``.
"""

from __future__ import annotations

import importlib
from pathlib import Path
from types import ModuleType

from ..errors import ReadError
from ..model import Document
from . import assemble as _assembler
from .detect import sniff
from .grid import Grid
from .text import text_to_grid

# format name → module path (imported on first use, so optional readers cost nothing).
FORMATS: dict[str, str] = {
    "text": "jixiao.importers.text",
    "csv": "jixiao.importers.csv",
    "docx": "jixiao.importers.docx",
    "xlsx": "jixiao.importers.xlsx",
    "xls": "jixiao.importers.xls",
    "pdf": "jixiao.importers.pdf",
    "html": "jixiao.importers.html",
}

__all__ = ["FORMATS", "read", "read_bytes", "read_grid", "read_text"]


def read(path: str | Path) -> Document:
    """Given a file path, return its Document; raise ReadError for unusable files."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as error:
        raise ReadError(path.name, f"无法打开文件（{error.strerror or error}）") from None
    return read_bytes(data, path.name)


def read_bytes(data: bytes, name: str) -> Document:
    """Given file bytes and the file name, return its Document."""
    if not data.strip():
        raise ReadError(name, "文件为空，未找到绩效目标表")
    module = _reader(sniff(data, name), name)
    return read_grid(module.to_grid(data, name))


def read_text(text: str, source: str) -> Document:
    """Given already-decoded text, return its Document."""
    return read_grid(text_to_grid(text, source))


def read_grid(grid: Grid) -> Document:
    """Given a Grid from any reader, return its Document; raise ReadError if it has no table."""
    document = _assembler.assemble(grid)
    if not document.projects:
        raise ReadError(grid.source, "未找到绩效目标表（没有“项目名称”“项目编码”或指标表头）")
    return document


def _reader(fmt: str, name: str) -> ModuleType:
    module_path = FORMATS.get(fmt)
    if module_path is None:
        raise ReadError(name, f"不支持的文件格式“{fmt}”")
    return importlib.import_module(module_path)
