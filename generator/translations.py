"""Translations as the build sees them after merging: per locale, per msgctxt.

Produced by :mod:`generator.emit.gettext` from the merged ``.po`` files and
consumed by the runtime and docs emitters, so all outputs agree with what
translators wrote.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Translated:
    """A translation of one unit: ``forms`` has one item, or one per plural form."""

    forms: tuple[str, ...]
    fuzzy: bool
    line: int

    @property
    def usable(self) -> bool:
        """True when the runtime and docs may show it: not fuzzy, every form filled."""
        return not self.fuzzy and bool(self.forms) and all(self.forms)


@dataclass(frozen=True, slots=True)
class LocaleTranslations:
    """One locale's translations, keyed by msgctxt."""

    locale: str
    path: str  # root-relative .po path
    nplurals: int
    plural_expr: str  # C expression of Plural-Forms, e.g. "(n != 1)"
    entries: Mapping[str, Translated] = field(default_factory=dict)
    # msgctxt -> the text of each usable one-form entry: what the docs and the
    # runtime ask for most, found with one dict lookup
    singular: Mapping[str, str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        singular = {c: e.forms[0] for c, e in self.entries.items() if len(e.forms) == 1 and e.usable}
        object.__setattr__(self, "singular", singular)

    def text(self, context: str) -> str | None:
        """The usable singular translation of a unit, or ``None`` (show English)."""
        found = self.singular.get(context)
        if found is not None:
            return found
        entry = self.entries.get(context)
        if entry is None or not entry.usable:
            return None
        return entry.forms[0]

    def forms(self, context: str) -> tuple[str, ...] | None:
        """The usable plural forms of a unit, or ``None`` (show English)."""
        entry = self.entries.get(context)
        if entry is None or not entry.usable or len(entry.forms) != self.nplurals:
            return None
        return entry.forms


Translations = Mapping[str, LocaleTranslations]  # locale -> translations


@dataclass(frozen=True, slots=True)
class GettextOptions:
    """What ``msgbook build`` was asked to do beyond the default merge."""

    prune_obsolete: bool = False
    keep_translations: frozenset[str] = frozenset()  # message ids whose English edit keeps translations
