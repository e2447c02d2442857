"""The one error type the core raises for unusable input."""

from __future__ import annotations

from .model import Location


class ReadError(Exception):
    """A file that cannot be read as a document: says which file, where, and why (in Chinese).

    Importers raise only this; the CLI and the web application turn it into a message and
    a non-zero exit code or a form error, never a traceback.
    """

    def __init__(self, source: str, message: str, location: Location | None = None) -> None:
        self.source = source
        self.message = message
        self.location = location
        super().__init__(str(self))

    def __str__(self) -> str:
        where = f" {self.location}" if self.location and str(self.location) else ""
        return f"{self.source}{where}：{self.message}"
