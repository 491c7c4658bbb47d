"""Hard-coded catalogue texts and unused messages in the configured sources. (Stub.)"""

from __future__ import annotations

from ..diagnostics import Diagnostic
from ..model import Catalogue
from ..project import Project


def check_sources(project: Project, catalogue: Catalogue) -> list[Diagnostic]:
    """``hard-coded-text`` and ``unused-message`` findings."""
    return []
