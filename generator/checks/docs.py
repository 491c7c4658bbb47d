"""Docs markers naming unknown groups or messages, and stale quotes in prose. (Stub.)"""

from __future__ import annotations

from ..diagnostics import Diagnostic
from ..model import Catalogue
from ..project import Project


def check_docs(project: Project, catalogue: Catalogue) -> list[Diagnostic]:
    """``unknown-marker`` and ``stale-docs-quote`` findings."""
    return []
