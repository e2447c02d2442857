"""A one-line progress bar for long folder conversions, drawn only on a terminal.

Hand-written rather than a dependency: the core keeps to the standard library plus the
document libraries, and a bar that redraws one line needs nothing more.
"""

from __future__ import annotations

import shutil
import time
from typing import TextIO

_BAR_WIDTH = 24
# Redraw at most this often; redrawing per file would cost more than reading small files.
_REDRAW_SECONDS = 0.1


class Progress:
    """Given a total and a stream, draw ``[#####     ] 12/40 name`` on one line while work runs.

    Does nothing unless the stream is a terminal, so logs and pipes stay clean.
    """

    def __init__(self, total: int, stream: TextIO) -> None:
        self.total = total
        self.stream = stream
        self.enabled = _is_terminal(stream)
        self.done = 0
        self._drawn_at = 0.0

    def advance(self, label: str) -> None:
        """Count one item as done and redraw the bar with ``label`` (the file just read)."""
        self.done += 1
        now = time.monotonic()
        if self.enabled and (now - self._drawn_at >= _REDRAW_SECONDS or self.done == self.total):
            self._drawn_at = now
            self._draw(label)

    def clear(self) -> None:
        """Erase the bar so a message can be printed on a clean line."""
        if self.enabled:
            self.stream.write("\r\033[K")
            self.stream.flush()

    def _draw(self, label: str) -> None:
        filled = _BAR_WIDTH * self.done // max(self.total, 1)
        bar = "#" * filled + " " * (_BAR_WIDTH - filled)
        line = f"[{bar}] {self.done}/{self.total} {label}"
        columns = shutil.get_terminal_size((80, 24)).columns
        self.stream.write("\r\033[K" + _fit(line, columns - 1))
        self.stream.flush()


def _fit(line: str, width: int) -> str:
    """Cut ``line`` to ``width`` display columns (CJK characters take two)."""
    used = 0
    for index, char in enumerate(line):
        used += 2 if ord(char) > 0x2E80 else 1
        if used > width:
            return line[:index]
    return line


def _is_terminal(stream: TextIO) -> bool:
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())
