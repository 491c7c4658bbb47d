"""Catalogue + translations -> Markdown reference pages. No MkDocs import. (Stub.)"""

from __future__ import annotations

from ..model import Catalogue
from ..outputs import Outputs
from ..project import Project
from ..translations import Translations


def render_docs(project: Project, catalogue: Catalogue, translations: Translations) -> Outputs:
    """Generated docs pages (per language, under <docs>/<lang>/reference/), by root-relative path."""
    return {}
