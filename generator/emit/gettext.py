"""Catalogue <-> gettext: .pot/.po rendering, the keyed merge, .mo compiling.

The only module that imports polib (PO reading and writing) and Babel's
``write_mo``. (Placeholder stub: filled in by the translations work.)
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..diagnostics import Diagnostic
from ..model import Catalogue
from ..outputs import Outputs
from ..project import Project
from ..translations import GettextOptions, LocaleTranslations


@dataclass(slots=True)
class GettextPlan:
    """What the gettext side would write, the merged translations, and its findings.

    ``byte_checked`` lists the outputs ``check`` compares byte for byte; the
    ``.po`` files are judged by their entries instead (see ``stale-po``), and
    ``.mo`` files are build output that ``check`` ignores.
    """

    outputs: Outputs = field(default_factory=dict)
    byte_checked: set[str] = field(default_factory=set)
    translations: dict[str, LocaleTranslations] = field(default_factory=dict)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    blocked: bool = False  # a .po could not be read: build must not overwrite it


def plan_gettext(project: Project, catalogue: Catalogue, options: GettextOptions) -> GettextPlan:
    """Merge every locale's .po with the catalogue in memory and render all gettext outputs."""
    return GettextPlan()
