"""Tell which reader a file needs, from its leading bytes and, failing that, its name.

To add a format, add a magic-byte test to ``MAGIC`` and/or a suffix to ``SUFFIXES``;
the name must be a key of ``importers.FORMATS``.
"""

from __future__ import annotations

from pathlib import PurePath

# (leading bytes, format). Checked in order; the first match wins.
MAGIC: list[tuple[bytes, str]] = []

SUFFIXES: dict[str, str] = {
    ".txt": "text",
    ".md": "text",
    ".markdown": "text",
    ".text": "text",
    ".csv": "text",
    ".tsv": "text",
}

DEFAULT = "text"


def sniff(data: bytes, name: str) -> str:
    """Given a file's bytes and name, return the format name of the reader to use."""
    for magic, fmt in MAGIC:
        if data.startswith(magic):
            return fmt
    return SUFFIXES.get(PurePath(name).suffix.lower(), DEFAULT)
