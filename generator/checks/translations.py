"""Translation findings: untranslated, fuzzy, placeholder and code-span mismatches. (Stub.)"""

from __future__ import annotations

from ..diagnostics import Diagnostic
from ..model import Catalogue
from ..project import Project
from ..translations import Translations


def check_translations(project: Project, catalogue: Catalogue, translations: Translations) -> list[Diagnostic]:
    """Findings about each locale's merged translations, at their .po lines.

    Each finding is returned with its locale so per-locale severities apply.
    """
    return []
