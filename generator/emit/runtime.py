"""Catalogue + translations -> the generated runtime module(s). (Stub.)"""

from __future__ import annotations

from ..model import Catalogue
from ..outputs import Outputs
from ..project import Project
from ..translations import Translations


def render_runtime(project: Project, catalogue: Catalogue, translations: Translations) -> Outputs:
    """The runtime module and its per-locale modules, as bytes by root-relative path."""
    return {}
