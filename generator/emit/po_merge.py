"""The merge policy, keyed on msgctxt (the message id): no translation is ever dropped.

Plain data in, plain data out; the files are read and written elsewhere.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from ..model import Catalogue
from ..translations import GettextOptions
from ..units import Unit
from .po_model import NO_PREVIOUS, Merged, PoEntry, PoHeader, Sourced, gettext_language, plural_rule


def merge_entries(
    templates: Sequence[tuple[Unit, PoEntry]], old: Sequence[PoEntry], nplurals: int, options: GettextOptions
) -> Merged:
    """Merge a locale's entries with the catalogue; no translation is ever dropped.

    Each unit takes the entry with its msgctxt, active or obsolete (a re-added
    message comes back). Failing that, or when that entry has no translation,
    it takes the entry of an id it was renamed from (``renamed_from``).
    Entries no unit takes become obsolete; untranslated ones are dropped, as
    msgmerge does, and ``prune_obsolete`` drops every obsolete entry.
    """
    active: dict[str, int] = {}
    retired: dict[str, int] = {}
    for index, entry in enumerate(old):
        if entry.context is not None:
            (retired if entry.obsolete else active).setdefault(entry.context, index)
    used: set[int] = set()

    def take(context: str) -> int | None:
        for table in (active, retired):
            index = table.get(context)
            if index is not None and index not in used:
                return index
        return None

    merged: list[Sourced] = []
    for unit, template in templates:
        source = take(unit.context)
        if source is None or not old[source].translated:
            renamed = _renamed_source(unit, take, old)
            source = renamed if renamed is not None else source
        entry, lossy = _merge_one(
            _for_locale(template, nplurals), old[source] if source is not None else None, unit, options
        )
        if source is not None and not lossy:
            used.add(source)
        merged.append((entry, source))
    obsolete: list[Sourced] = []
    if not options.prune_obsolete:
        for index, entry in enumerate(old):
            if index not in used and (entry.obsolete or entry.translated or entry.tcomment):
                obsolete.append((_obsoleted(entry), index))
        obsolete.sort(key=lambda pair: (pair[0].context or "", pair[0].msgid, pair[0].msgid_plural or ""))
    return Merged(merged, obsolete)


def _renamed_source(unit: Unit, take: _Take, old: Sequence[PoEntry]) -> int | None:
    """The translated entry of the same text under an id the message had before."""
    message = unit.message
    if message is None or not message.renamed_from:
        return None
    suffix = unit.context[len(message.id) :]
    for old_id in message.renamed_from:
        index = take(old_id + suffix)
        if index is not None and old[index].translated:
            return index
    return None


class _Take(Protocol):
    def __call__(self, context: str) -> int | None: ...


def _for_locale(template: PoEntry, nplurals: int) -> PoEntry:
    if template.msgid_plural is None or len(template.strings) == nplurals:
        return template
    return template._replace(strings=("",) * nplurals)


def _merge_one(template: PoEntry, source: PoEntry | None, unit: Unit, options: GettextOptions) -> tuple[PoEntry, bool]:
    """The catalogue's entry carrying the source's translation; True when some text did not fit.

    Changed English keeps the translation, marks it fuzzy and records the
    English it was made for (``#|``), unless the author said the change keeps
    translations. A fuzzy entry whose English is back to that recorded one is
    no longer fuzzy, nor is one with a recorded English whose message the
    author names (so the option works after a build has already marked it).
    """
    if source is None:
        return template, False
    strings, lossy = _carry(source, template)
    translated = any(strings)
    fuzzy = source.fuzzy and translated
    previous = source.previous if fuzzy else NO_PREVIOUS
    english = (template.msgid, template.msgid_plural)
    owner = unit.message.id if unit.message is not None else (unit.group.id if unit.group is not None else "")
    if fuzzy and previous[1] is not None and (previous[1], previous[2]) == english:
        fuzzy, previous = False, NO_PREVIOUS  # back to the English it was translated from
    elif fuzzy and previous[1] is not None and owner in options.keep_translations:
        fuzzy, previous = False, NO_PREVIOUS  # an earlier build marked the change the author now says keeps it
    elif translated and (source.msgid, source.msgid_plural) != english and owner not in options.keep_translations:
        if previous[1] is None:
            old_context = source.context if source.context != template.context else None
            previous = (old_context, source.msgid, source.msgid_plural)
        fuzzy = True
    kept = {f for f in source.flags if f != "fuzzy" and not f.endswith("-format")}
    flags = template.flags | kept | ({"fuzzy"} if fuzzy else set())
    entry = PoEntry(
        template.context,
        template.msgid,
        template.msgid_plural,
        strings,
        frozenset(flags),
        template.comment,
        source.tcomment,
        template.occurrences,
        previous,
    )
    return (source if entry == source else entry), lossy


def _carry(source: PoEntry, template: PoEntry) -> tuple[tuple[str, ...], bool]:
    """The source's forms in the template's shape (singular or plural), and whether text was left out."""
    if template.msgid_plural is None:
        return source.strings[:1], any(source.strings[1:])
    if not source.translated:
        return template.strings, False
    if source.msgid_plural is None:
        return source.strings[:1] + ("",) * (len(template.strings) - 1), False
    return source.strings, False  # a count that does not fit is reported, never cut


def _obsoleted(entry: PoEntry) -> PoEntry:
    if entry.obsolete:
        return entry
    return entry._replace(obsolete=True, comment="", occurrences=(), previous=NO_PREVIOUS)


def merge_header(old: PoHeader | None, catalogue: Catalogue, locale: str) -> PoHeader:
    """The locale's header: msgbook sets the language, charset and Plural-Forms; the rest is the translators'."""
    nplurals, expression = plural_rule(locale)
    fields = dict(old.fields) if old is not None else {}
    fields.setdefault("Project-Id-Version", catalogue.domain)
    fields["Language"] = gettext_language(locale)
    fields["MIME-Version"] = "1.0"
    fields["Content-Type"] = "text/plain; charset=UTF-8"
    fields["Content-Transfer-Encoding"] = "8bit"
    fields["Plural-Forms"] = f"nplurals={nplurals}; plural={expression};"
    if old is not None:
        comment = old.comment
    else:
        comment = (
            f"{gettext_language(locale)} translation of {catalogue.domain}.\n"
            f"msgbook keeps this file in sync with {catalogue.path}: translate the msgstr\n"
            "lines; when the English changes, your translation is kept and marked fuzzy."
        )
    return PoHeader(comment, tuple(sorted(fields.items())))
