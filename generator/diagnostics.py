"""Findings and the errors that stop a run.

A :class:`Diagnostic` is one finding with its place; ``render_text`` prints it
the way compilers do, so editors and CI annotate the right line.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Severity(StrEnum):
    """How a finding counts: errors fail the run, warnings do not."""

    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True, order=True)
class Location:
    """A place in a file: path relative to the project root with ``/``, 1-based line and column.

    ``line`` 0 means the finding concerns the whole file.
    """

    path: str
    line: int = 0
    col: int = 0

    def __str__(self) -> str:
        """Render as ``path:line:col`` or just ``path``.

        >>> str(Location("a.yaml", 3, 7)), str(Location("a.po"))
        ('a.yaml:3:7', 'a.po')
        """
        if self.line <= 0:
            return self.path
        return f"{self.path}:{self.line}:{max(self.col, 1)}"


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One finding: where, how bad, which rule, and what is wrong."""

    location: Location
    severity: Severity
    rule: str
    message: str

    def sort_key(self) -> tuple[str, int, int, str, str]:
        loc = self.location
        return (loc.path, loc.line, loc.col, self.rule, self.message)

    def with_severity(self, severity: Severity) -> Diagnostic:
        return Diagnostic(self.location, severity, self.rule, self.message)


def render_text(diagnostic: Diagnostic) -> str:
    """Format one finding as ``path:line:col: severity: text [rule]``.

    >>> render_text(Diagnostic(Location("m.yaml", 2, 5), Severity.ERROR, "unknown-key", "no key x"))
    'm.yaml:2:5: error: no key x [unknown-key]'
    """
    return f"{diagnostic.location}: {diagnostic.severity}: {diagnostic.message} [{diagnostic.rule}]"


def sort_diagnostics(diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    """Sort by path, line, column and rule, dropping exact repeats."""
    return sorted(set(diagnostics), key=Diagnostic.sort_key)


class MsgbookError(Exception):
    """msgbook cannot go on: a missing catalogue, bad settings, an unreadable file.

    ``str()`` starts with the location when there is one, like a compiler error.
    """

    def __init__(self, message: str, location: Location | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.location = location

    def __str__(self) -> str:
        if self.location is None:
            return self.message
        return f"{self.location}: {self.message}"
