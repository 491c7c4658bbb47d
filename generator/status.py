"""Translation coverage per locale (``msgbook status``)."""

from __future__ import annotations

from .diagnostics import Diagnostic
from .project import Project

Report = list[tuple[str, str, int, int, int, int]]


def status(project: Project) -> tuple[Report, list[Diagnostic]]:
    """Coverage rows: (locale, kind, translated, fuzzy, untranslated, obsolete)."""
    return [], []


def render_status(report: Report) -> str:
    """The coverage table as text."""
    return ""
