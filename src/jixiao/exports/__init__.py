"""Exporters: a document out as JSON, Excel, Word or flat CSV.

``EXPORTERS`` maps a format name to its :class:`Exporter`; the CLI (``jixiao convert
--to``) and the web application pick from it. Each exporter writes to a binary stream,
so a large workbook can go straight to a file or an HTTP response.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass
from typing import BinaryIO

from ..model import Document
from . import csv, docx, json, xlsx


@dataclass(frozen=True, slots=True)
class Exporter:
    name: str
    suffix: str
    media_type: str
    label: str  # what the user sees: "Excel 表格"
    write: Callable[[Document, BinaryIO], None]

    def to_bytes(self, document: Document) -> bytes:
        """Return the exported file's bytes."""
        out = io.BytesIO()
        self.write(document, out)
        return out.getvalue()


EXPORTERS: dict[str, Exporter] = {
    exporter.name: exporter
    for exporter in (
        Exporter("json", ".json", "application/json", "JSON 交换格式", json.write),
        Exporter(
            "xlsx",
            ".xlsx",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "Excel 表格",
            xlsx.write,
        ),
        Exporter(
            "docx",
            ".docx",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "Word 文档",
            docx.write,
        ),
        Exporter("csv", ".csv", "text/csv; charset=utf-8", "CSV 明细（每行一个指标）", csv.write),
    )
}


def export(document: Document, fmt: str) -> bytes:
    """Given a document and a format name from ``EXPORTERS``, return the file's bytes.

    An unknown format raises ``KeyError`` naming the formats there are.
    """
    try:
        exporter = EXPORTERS[fmt]
    except KeyError:
        raise KeyError(f"未知的导出格式“{fmt}”，可选：{'、'.join(EXPORTERS)}") from None
    return exporter.to_bytes(document)


__all__ = ["EXPORTERS", "Exporter", "export"]
