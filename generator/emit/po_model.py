"""The plain data of msgbook's gettext side: entries, headers, merge results, and where files live.

Nothing here reads or writes PO text; :mod:`generator.emit.gettext` does that
with polib.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple

from babel import UnknownLocaleError

from ..cldr import plural_forms
from ..diagnostics import Diagnostic
from ..model import Catalogue
from ..outputs import Outputs
from ..project import Project
from ..translations import LocaleTranslations, Translated

# python-brace-format is set on every message text with a brace in it, `{@id}`
# included. GNU msgfmt does not accept `{@id}` as a brace field, so it treats
# such a msgid as "not a format string" and skips the format check for that
# entry: `msgfmt --check-format` passes, and msgbook's own placeholder-mismatch
# check covers those entries. Where the English has only `{name}` fields (and
# `{{`), msgfmt checks the translation as well. The flag also makes Poedit and
# Weblate highlight the placeholders.
BRACE_FLAGS = frozenset({"python-brace-format"})
NO_PREVIOUS: tuple[str | None, str | None, str | None] = (None, None, None)


class PoEntry(NamedTuple):
    """One .po entry as msgbook merges, compares and writes it.

    Two entries are equal when a translator would see the same entry, whatever
    the wrapping or flag order of the file they came from. ``strings`` holds
    ``msgstr``, or ``msgstr[0]``, ``msgstr[1]``… of a plural entry. A tuple,
    because tens of thousands of them are built, compared and cached per run.
    """

    context: str | None
    msgid: str
    msgid_plural: str | None = None
    strings: tuple[str, ...] = ("",)
    flags: frozenset[str] = frozenset()
    comment: str = ""  # "#." lines, written by msgbook for translators
    tcomment: str = ""  # "#" lines, the translator's own
    occurrences: tuple[str, ...] = ()
    previous: tuple[str | None, str | None, str | None] = NO_PREVIOUS  # "#|" msgctxt, msgid, msgid_plural
    obsolete: bool = False

    @property
    def fuzzy(self) -> bool:
        return "fuzzy" in self.flags

    @property
    def translated(self) -> bool:
        """True when any form has text (fuzzy or not)."""
        return any(self.strings)


@dataclass(frozen=True, slots=True)
class PoHeader:
    """The header entry: its comment and its fields, sorted by name (polib orders them on output)."""

    comment: str
    fields: tuple[tuple[str, str], ...]
    fuzzy: bool = False


@dataclass(slots=True)
class PoRead:
    """A .po as read from disk: entries in file order, with their first lines."""

    data: bytes
    header: PoHeader
    entries: list[PoEntry]
    lines: list[int]
    clean: bool  # no BOM, no CRLF: the text of an entry can be kept as it is


Sourced = tuple[PoEntry, int | None]  # a merged entry and the index of the entry it came from


@dataclass(slots=True)
class Merged:
    """A locale's entries after the merge: active ones in file order, then obsolete ones."""

    active: list[Sourced]
    obsolete: list[Sourced]


@dataclass(slots=True)
class GettextPlan:
    """What the gettext side would write, the merged translations, and its findings.

    ``byte_checked`` lists the outputs ``check`` compares byte for byte; the
    ``.po`` files are judged by their entries instead (see ``stale-po``), and
    ``.mo`` files are build output that ``check`` ignores.
    """

    outputs: Outputs = field(default_factory=dict)
    byte_checked: set[str] = field(default_factory=set)
    generated: Outputs = field(default_factory=dict)  # each locale's runtime module and docs pages, if asked for
    translations: dict[str, LocaleTranslations] = field(default_factory=dict)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    blocked: bool = False  # a .po could not be read: build must not overwrite it
    obsolete: dict[str, list[str | None]] = field(default_factory=dict)  # locale -> msgctxt of each #~ entry
    drift: list[Diagnostic] = field(default_factory=list)  # stale-po: what build fixes and check reports


@dataclass(slots=True)
class LocalePlan:
    """One locale's share of a :class:`GettextPlan`, which a worker process sends back whole."""

    outputs: Outputs = field(default_factory=dict)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    blocked: bool = False
    translations: LocaleTranslations | None = None
    obsolete: list[str | None] = field(default_factory=list)
    drift: list[Diagnostic] = field(default_factory=list)
    generated: Outputs = field(default_factory=dict)

    def __reduce__(self) -> tuple[object, tuple[object, ...]]:
        """Pickle the translations as plain columns: tens of thousands of dataclasses pickle slowly."""
        if self.translations is None:
            return _locale_plan, (
                self.outputs, self.diagnostics, self.blocked, None, self.obsolete, self.drift, self.generated
            )  # fmt: skip
        t = self.translations
        columns = (
            list(t.entries),
            [e.forms for e in t.entries.values()],
            [e.fuzzy for e in t.entries.values()],
            [e.line for e in t.entries.values()],
        )
        shared = (t.locale, t.path, t.nplurals, t.plural_expr, columns)
        return _locale_plan, (
            self.outputs, self.diagnostics, self.blocked, shared, self.obsolete, self.drift, self.generated
        )  # fmt: skip


def _locale_plan(
    outputs: Outputs,
    diagnostics: list[Diagnostic],
    blocked: bool,
    shared: tuple[str, str, int, str, tuple[list[str], list[tuple[str, ...]], list[bool], list[int]]] | None,
    obsolete: list[str | None],
    drift: list[Diagnostic],
    generated: Outputs,
) -> LocalePlan:
    if shared is None:
        return LocalePlan(outputs, diagnostics, blocked, None, obsolete, drift, generated)
    locale, path, nplurals, expression, (contexts, forms, fuzzy, lines) = shared
    entries = {c: Translated(f, z, n) for c, f, z, n in zip(contexts, forms, fuzzy, lines, strict=True)}
    translations = LocaleTranslations(locale, path, nplurals, expression, entries)
    return LocalePlan(outputs, diagnostics, blocked, translations, obsolete, drift, generated)


# --- paths and locales ---------------------------------------------------------------


def pot_path(project: Project, catalogue: Catalogue) -> str:
    """The root-relative path of the template."""
    return f"{project.locales_dir.rstrip('/')}/{catalogue.domain}.pot"


def po_path(project: Project, catalogue: Catalogue, locale: str, suffix: str = ".po") -> str:
    """The root-relative path of a locale's ``.po`` (or ``.mo``), in gettext's folder layout.

    >>> from pathlib import Path
    >>> po_path(Project(Path(".")), Catalogue("c.yaml", "app"), "pt-BR")
    'locales/pt_BR/LC_MESSAGES/app.po'
    """
    return f"{project.locales_dir.rstrip('/')}/{gettext_language(locale)}/LC_MESSAGES/{catalogue.domain}{suffix}"


def gettext_language(locale: str) -> str:
    """A locale code as gettext spells it (``pt-BR`` -> ``pt_BR``)."""
    return locale.replace("-", "_")


def target_locales(catalogue: Catalogue) -> list[str]:
    """The locales that get a ``.po``: every catalogue locale but the source one."""
    return [loc for loc in dict.fromkeys(catalogue.locales) if loc != catalogue.source_locale]


def plural_rule(locale: str) -> tuple[int, str]:
    """(nplurals, expression) from CLDR; an unknown language gets the English rule."""
    try:
        return plural_forms(locale)
    except (UnknownLocaleError, ValueError):
        return 2, "(n != 1)"
