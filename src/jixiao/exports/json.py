"""Export a document as the interchange JSON (spec ``document-format.md``)."""

from __future__ import annotations

from typing import BinaryIO

from .. import interchange
from ..model import Document


def write(document: Document, out: BinaryIO) -> None:
    """Write ``document`` as UTF-8 interchange JSON to the binary stream ``out``."""
    out.write(interchange.dumps(document).encode("utf-8"))
    out.write(b"\n")
