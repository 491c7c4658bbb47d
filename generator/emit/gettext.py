"""Catalogue <-> gettext: the .pot, each locale's merged .po and its compiled .mo.

- ``locales/<domain>.pot`` comes from the catalogue alone and is compared byte
  for byte by ``check``.
- ``locales/<lang>/LC_MESSAGES/<domain>.po`` belongs to translators. Each run
  merges it with the catalogue in memory, keyed on msgctxt and never on English
  similarity, and it is judged by its entries: when they already agree with the
  catalogue the file is left exactly as it is, however an editor wrapped it.
  Otherwise entries that did not change keep their bytes and only the others are
  rendered, so a diff shows what changed.
- ``<domain>.mo`` is compiled from the merged entries with Babel's linear
  ``write_mo``; fuzzy and untranslated entries are left out.

Message texts and docs texts share one domain; the msgctxt grammar of
:mod:`generator.units` tells them apart. Entries are sorted by owner (groups,
then messages by id), so reordering the catalogue never moves an entry.

This module is the only importer of polib, which reads and writes every PO
text (wrap width ``project.wrap_width``). Babel's ``Catalog`` is only the
vehicle for ``write_mo``. polib is slow on large files, so what it read or
rendered is kept in the git-ignored ``.msgbook-cache/``, keyed on the bytes.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import io
import os
import pickle
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path
from typing import NamedTuple, Protocol, cast

import polib
from babel import UnknownLocaleError
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo

from ..cache import CACHE_DIR, fingerprint
from ..cldr import plural_forms
from ..diagnostics import Diagnostic, Location, Severity
from ..model import Catalogue, Message
from ..outputs import Outputs
from ..placeholders import Field, Ref, parse
from ..project import Project
from ..translations import GettextOptions, LocaleTranslations, Translated
from ..units import Unit, units

# python-brace-format is set on every message text with a brace in it, `{@id}`
# included. GNU msgfmt does not accept `{@id}` as a brace field, so it treats
# such a msgid as "not a format string" and skips the format check for that
# entry: `msgfmt --check-format` passes, and msgbook's own placeholder-mismatch
# check covers those entries. Where the English has only `{name}` fields (and
# `{{`), msgfmt checks the translation as well. The flag also makes Poedit and
# Weblate highlight the placeholders.
_BRACE_FLAGS = frozenset({"python-brace-format"})
_NO_PREVIOUS: tuple[str | None, str | None, str | None] = (None, None, None)
_RANK = {"title": 1, "description": 2, "when": 1, "action": 2}
_UTF8 = ("utf-8", "utf8")
_BOM = b"\xef\xbb\xbf"

# One PO line polib can read without misreading it: a comment, or an optional
# keyword (optionally after #~ or #|) and one complete string using only the
# escapes polib decodes. Anything else is reported before polib sees it, as
# polib silently accepts an unterminated string.
_STRING = r'"[^"\\\n]*(?:\\[\\"ntrvbf][^"\\\n]*)*"'
_KEYWORD = r"(?:msgctxt|msgid|msgid_plural|msgstr|msgstr\[[0-9]\])"
_LINE = rf"[ \t]*(?:(?:#~\|?[ \t]*|#\|[ \t]*)?(?:{_KEYWORD}[ \t]+)?{_STRING}|#(?![~|]).*|)[ \t\r]*"
_BAD_LINE = re.compile(rf"^(?!{_LINE}$).*$", re.MULTILINE)
_CHARSET = re.compile(rb"charset=([^\s\\\"]*)")
_NPLURALS = re.compile(r"nplurals\s*=\s*(\d+)")


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
    previous: tuple[str | None, str | None, str | None] = _NO_PREVIOUS  # "#|" msgctxt, msgid, msgid_plural
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

    def texts(self) -> tuple[str | None, list[str] | None]:
        """The file's own text of its header and of each entry, when they can be kept."""
        if not self.clean:
            return None, None
        return _entry_texts(self.data.decode("utf-8"), self.lines)


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
    obsolete: dict[str, list[str | None]] = field(default_factory=dict)  # locale -> msgctxt of each #~ entry


@contextmanager
def _gc_paused() -> Iterator[None]:
    """Pause the cyclic GC: reading and merging make many objects and no cycles."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


# --- paths and locales ---------------------------------------------------------------


def pot_path(project: Project, catalogue: Catalogue) -> str:
    """The root-relative path of the template."""
    return f"{project.locales_dir.rstrip('/')}/{catalogue.domain}.pot"


def po_path(project: Project, catalogue: Catalogue, locale: str, suffix: str = ".po") -> str:
    """The root-relative path of a locale's ``.po`` (or ``.mo``), in gettext's folder layout.

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


# --- the template: catalogue -> entries ------------------------------------------------


def _order(unit: Unit) -> tuple[int, str, int, str]:
    """Sort key: groups first, then messages by id; a message's texts, then its docs texts."""
    if unit.group is not None:
        return (0, unit.group.id, _RANK.get(unit.field or "", 3), "")
    owner = unit.message.id if unit.message is not None else unit.context
    if unit.field is not None:
        return (1, owner, _RANK.get(unit.field, 3), unit.field)
    return (1, owner, 0, unit.variant.key if unit.variant is not None else "")


def template_entries(catalogue: Catalogue, width: int) -> list[tuple[Unit, PoEntry]]:
    """Every translatable unit with its untranslated entry, in file order."""
    occurrences = tuple(catalogue.path.split())
    result = []
    for unit in sorted(units(catalogue), key=_order):
        texts = (unit.msgid,) if unit.msgid_plural is None else (unit.msgid, unit.msgid_plural)
        braces = unit.kind == "message" and any("{" in t or "}" in t for t in texts)
        entry = PoEntry(
            context=unit.context,
            msgid=unit.msgid,
            msgid_plural=unit.msgid_plural,
            strings=("",) * len(texts),
            flags=_BRACE_FLAGS if braces else frozenset(),
            comment="\n".join(line for note in _notes(unit, texts) for line in _wrap(note, width - 3)),
            occurrences=occurrences,
        )
        result.append((unit, entry))
    return result


def _notes(unit: Unit, texts: tuple[str, ...]) -> list[str]:
    """What a translator needs to know about a unit, one note per ``#.`` paragraph."""
    if unit.group is not None:
        return [f"Docs: the {unit.field} of the table of group {unit.group.id}"]
    message = unit.message
    if message is None:
        return []
    if unit.field is not None:
        column = "When it appears" if unit.field == "when" else "What to do"
        return [f"Docs: the '{column}' text of message {message.id}"]
    notes = [f"When: {message.when}"] if message.when else []
    notes.extend(_placeholder_notes(message, texts))
    if unit.variant is not None:
        condition = unit.variant.describe() if unit.variant.condition else "no other variant matches"
        notes.append(f"Variant: shown when {condition}")
    if message.comment:
        notes.append(message.comment)
    return notes


def _placeholder_notes(message: Message, texts: tuple[str, ...]) -> list[str]:
    segments = [segment for text in texts if "{" in text for segment in parse(text)[0]]
    names = {s.name for s in segments if isinstance(s, Field)}
    notes = []
    for param in message.params:
        if param.name not in names:
            continue
        note = f"{{{param.name}}}: " + (f"one of {', '.join(param.choices)}" if param.choices else param.type)
        if param.example is not None:
            note += f", e.g. {param.example}"
        if param.name == message.plural and len(texts) > 1:
            note += " (chooses the plural form)"
        if param.description:
            note += f"; {param.description}"
        notes.append(note)
    for ref in dict.fromkeys(s.message_id for s in segments if isinstance(s, Ref)):
        notes.append(f"{{@{ref}}}: inserts message {ref}; keep it as written")
    return notes


def _wrap(note: str, width: int) -> Iterator[str]:
    """Word-wrap a note so that polib, which wraps long comments itself, never re-wraps it.

    >>> list(_wrap("a bb  ccc\\ndddd", 6))
    ['a bb', 'ccc', 'dddd']
    """
    for paragraph in note.splitlines():
        paragraph = paragraph.strip()
        if len(paragraph) <= width or width <= 0:
            if paragraph:
                yield paragraph
            continue
        line = ""
        for word in paragraph.split():
            while len(word) > width:  # polib would break it at a hyphen
                if line:
                    yield line
                    line = ""
                yield word[:width]
                word = word[width:]
            if line and len(line) + 1 + len(word) > width:
                yield line
                line = word
            else:
                line = f"{line} {word}" if line else word
        if line:
            yield line


# --- reading a .po --------------------------------------------------------------------


class _Lines(str):
    """Text that polib splits at ``\\n`` only: ``str.splitlines`` would also split
    inside a string at characters such as U+2028 or U+001C."""

    __slots__ = ()

    def splitlines(self, keepends: bool = False) -> list[str]:
        return self.split("\n")


def read_po(data: bytes, path: str, locale: str, nplurals: int) -> tuple[PoRead | None, list[Diagnostic]]:
    """Read a ``.po`` for merging; ``None`` when it cannot be read safely (then nothing may overwrite it)."""
    found: list[Diagnostic] = []

    def report(rule: str, line: int, message: str, severity: Severity = Severity.ERROR) -> None:
        found.append(Diagnostic(Location(path, line, 1 if line else 0), severity, rule, message))

    clean, original = True, data
    if data.startswith(_BOM):
        report(
            "po-format", 1, "the file starts with a byte-order mark; msgbook writes UTF-8 without one", Severity.WARNING
        )
        data, clean = data[len(_BOM) :], False
    crlf = data.find(b"\r\n")
    if crlf >= 0:
        report("po-format", data.count(b"\n", 0, crlf) + 1, "CRLF line endings; msgbook writes LF", Severity.WARNING)
        clean = False
    blank = re.search(rb"\n[ \t\r]*\n", data)
    charset = _CHARSET.search(data, 0, blank.start() if blank else len(data))  # in the header entry only
    if charset is not None and charset.group(1).decode("ascii", "replace").lower() not in _UTF8:
        name = charset.group(1).decode("ascii", "replace")
        line = data.count(b"\n", 0, charset.start()) + 1
        report("po-header", line, f"charset {name} is not UTF-8; convert the file (msgconv --to-code=UTF-8)")
        return None, found
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        report("po-syntax", line, f"not UTF-8 text (byte 0x{data[error.start]:02x})")
        return None, found
    po = _parse(text, report)
    if po is None:
        return None, found
    header = _read_header(po, text, locale, nplurals, report)
    entries = [_from_polib(e) for e in po]
    lines = [e.linenum or 1 for e in po]
    _report_duplicates(entries, lines, report)
    if header is None or any(d.severity is Severity.ERROR for d in found):
        return None, found
    return PoRead(original, header, entries, lines, clean), found


def _parse(text: str, report: _Report) -> polib.POFile | None:
    bad = _BAD_LINE.search(text)
    if bad is not None:
        line = text.count("\n", 0, bad.start()) + 1
        shown = bad.group(0).strip()
        shown = shown if len(shown) <= 40 else shown[:37] + "..."
        if shown.lstrip("#~| ").startswith(("msg", '"')):
            report(
                "po-syntax",
                line,
                f"malformed string in {shown!r}: a quote is missing, or a quote or backslash is not escaped",
            )
        else:
            report(
                "po-syntax",
                line,
                f"unexpected {shown!r}: expected msgctxt, msgid, msgstr, a quoted string or a # comment",
            )
        return None
    try:
        po = polib.pofile(_Lines(text), encoding="utf-8")
    except (OSError, ValueError, IndexError, KeyError) as error:
        where = re.search(r"line (\d+)", str(error))
        line = int(where.group(1)) if where else 0
        report("po-syntax", line, "this line is out of place: an entry is msgctxt, msgid, msgid_plural, then msgstr")
        return None
    for entry in po:
        if entry.msgstr_plural and not entry.msgid_plural:
            report("po-syntax", entry.linenum or 1, "msgstr[n] in an entry without msgid_plural")
            return None
    return po


class _Report(Protocol):
    """The ``report`` callback of :func:`read_po`."""

    def __call__(self, rule: str, line: int, message: str, severity: Severity = ...) -> None: ...


def _read_header(po: polib.POFile, text: str, locale: str, nplurals: int, report: _Report) -> PoHeader | None:
    metadata: dict[str, str] = dict(po.metadata)
    if not metadata:
        report("po-header", 1, 'no header entry (msgid "" with Content-Type and Plural-Forms)')
        return None
    if "charset=" not in metadata.get("Content-Type", ""):
        report(
            "po-header",
            _line_of(text, '"Content-Type:'),
            "the header declares no charset; expected text/plain; charset=UTF-8",
        )
        return None
    forms = metadata.get("Plural-Forms")
    if forms is not None:
        declared = _NPLURALS.search(forms)
        if declared is None or int(declared.group(1)) != nplurals:
            said = f"nplurals={declared.group(1)}" if declared else "no nplurals"
            expected = f"nplurals={nplurals}; plural={plural_rule(locale)[1]};"
            report(
                "po-header",
                _line_of(text, '"Plural-Forms:'),
                f"Plural-Forms says {said}, but {locale} has {nplurals} (CLDR: {expected})",
            )
            return None
    return PoHeader(po.header, tuple(sorted(metadata.items())), "fuzzy" in (po.metadata_is_fuzzy or ()))


def _line_of(text: str, needle: str) -> int:
    at = text.find(needle)
    return text.count("\n", 0, at) + 1 if at >= 0 else 1


def _from_polib(e: polib.POEntry) -> PoEntry:
    plural = e.msgid_plural or None
    if plural is not None and e.msgstr_plural:
        count = max(e.msgstr_plural) + 1
        strings = tuple(e.msgstr_plural.get(i, "") for i in range(count))
    else:
        strings = (e.msgstr,)
    flags = frozenset(f.strip() for f in e.flags if f.strip())
    if e.obsolete:  # polib keeps neither #. nor #: nor #~| of an obsolete entry
        return PoEntry(e.msgctxt, e.msgid, plural, strings, flags, tcomment=e.tcomment, obsolete=True)
    return PoEntry(
        e.msgctxt,
        e.msgid,
        plural,
        strings,
        flags,
        e.comment,
        e.tcomment,
        tuple(f"{path}:{line}" if line else path for path, line in e.occurrences),
        (e.previous_msgctxt, e.previous_msgid, e.previous_msgid_plural),
    )


def _report_duplicates(entries: list[PoEntry], lines: list[int], report: _Report) -> None:
    first: dict[tuple[bool, str | None, str | None], int] = {}
    for entry, line in zip(entries, lines, strict=True):
        key = (entry.obsolete, entry.context, entry.msgid if entry.context is None else None)
        if key in first:
            what = f'msgctxt "{entry.context}"' if entry.context is not None else f'msgid "{entry.msgid[:40]}"'
            report("duplicate-entry", line, f"{what} appears twice (first at line {first[key]}); keep one entry")
        else:
            first[key] = line


def _entry_texts(text: str, starts: list[int]) -> tuple[str | None, list[str] | None]:
    """The header's and each entry's own text, from their first line to the next entry's."""
    lines = text.split("\n")
    bounds = [*starts, len(lines) + 1]
    if any(b <= a for a, b in pairwise(bounds)):
        return None, None
    header = _trimmed(lines[: bounds[0] - 1])
    if not any(line.startswith('msgid ""') for line in header):
        return None, None  # the header is not first: render it all
    texts = [_trimmed(lines[a - 1 : b - 1]) for a, b in pairwise(bounds)]
    return "\n".join(header) + "\n", ["\n".join(t) + "\n" for t in texts]


def _trimmed(chunk: list[str]) -> list[str]:
    """Drop trailing blank lines and comments, which belong to the next entry or to none."""
    end = len(chunk)
    while end and (
        not chunk[end - 1].strip() or (chunk[end - 1].startswith("#") and not chunk[end - 1].startswith("#~ "))
    ):
        end -= 1
    return chunk[:end]


# --- the merge, keyed on msgctxt ------------------------------------------------------

Sourced = tuple[PoEntry, int | None]  # a merged entry and the index of the entry it came from


@dataclass(slots=True)
class Merged:
    """A locale's entries after the merge: active ones in file order, then obsolete ones."""

    active: list[Sourced]
    obsolete: list[Sourced]


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
    no longer fuzzy.
    """
    if source is None:
        return template, False
    strings, lossy = _carry(source, template)
    translated = any(strings)
    fuzzy = source.fuzzy and translated
    previous = source.previous if fuzzy else _NO_PREVIOUS
    english = (template.msgid, template.msgid_plural)
    owner = unit.message.id if unit.message is not None else (unit.group.id if unit.group is not None else "")
    if fuzzy and previous[1] is not None and (previous[1], previous[2]) == english:
        fuzzy, previous = False, _NO_PREVIOUS  # back to the English it was translated from
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
    return entry._replace(obsolete=True, comment="", occurrences=(), previous=_NO_PREVIOUS)


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


def pot_header(catalogue: Catalogue) -> PoHeader:
    """The template's header: no creation date, so the same catalogue gives the same bytes."""
    fields = {
        "Project-Id-Version": catalogue.domain,
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
    }
    comment = (
        f"Translation template of {catalogue.domain}, generated by msgbook from {catalogue.path}.\n"
        "Do not edit: `msgbook build` regenerates it, and updates every locale's .po."
    )
    return PoHeader(comment, tuple(sorted(fields.items())))


# --- rendering ------------------------------------------------------------------------


def render_header(header: PoHeader, width: int) -> str:
    """The header comment and entry as polib writes them."""
    po = polib.POFile(wrapwidth=width)
    po.header = header.comment
    po.metadata = dict(header.fields)
    po.metadata_is_fuzzy = ["fuzzy"] if header.fuzzy else []
    return str(po)


def render_entry(entry: PoEntry, width: int) -> str:
    """One entry as polib writes it, ending with a newline."""
    others = sorted(entry.flags - {"fuzzy"})
    po_entry = polib.POEntry(
        msgctxt=entry.context,
        msgid=entry.msgid,
        msgid_plural=entry.msgid_plural or "",
        flags=["fuzzy", *others] if entry.fuzzy else others,
        comment=entry.comment,
        tcomment=entry.tcomment,
        occurrences=[(o, "") for o in entry.occurrences],
        previous_msgctxt=entry.previous[0],
        previous_msgid=entry.previous[1],
        previous_msgid_plural=entry.previous[2],
        obsolete=entry.obsolete,
    )
    if entry.msgid_plural is not None:
        po_entry.msgstr_plural = dict(enumerate(entry.strings))
    else:
        po_entry.msgstr = entry.strings[0]
    text: str = po_entry.__unicode__(width)
    return text


def assemble(header_text: str, pieces: Sequence[str]) -> tuple[str, list[int]]:
    """Join a header and entry texts with blank lines; also return each entry's first line.

    >>> assemble("h\\n", ["a\\nb\\n", "c\\n"])
    ('h\\n\\na\\nb\\n\\nc\\n', [3, 6])
    """
    starts = []
    line = header_text.count("\n") + 2
    for piece in pieces:
        starts.append(line)
        line += piece.count("\n") + 1
    return header_text + "".join("\n" + piece for piece in pieces), starts


def render_pot(catalogue: Catalogue, templates: Sequence[tuple[Unit, PoEntry]], width: int, memo: Memo) -> bytes:
    """The template file: every unit, untranslated, in file order."""
    pieces = [memoized(entry, width, memo) for _, entry in templates]
    text, _ = assemble(render_header(pot_header(catalogue), width), pieces)
    return text.encode("utf-8")


Memo = dict[PoEntry, str]  # rendered entry texts, shared by the files of one run (and cached)


def memoized(entry: PoEntry, width: int, memo: Memo) -> str:
    """``render_entry`` through the memo: an untranslated entry of a .po is often a .pot entry."""
    text = memo.get(entry)
    if text is None:
        text = memo[entry] = render_entry(entry, width)
    return text


@dataclass(slots=True)
class PoText:
    """A locale's file as it would be written, with the first line of each entry (active, then obsolete)."""

    data: bytes
    starts: list[int]
    kept: bool  # the file on disk, kept as it is


def render_po(read: PoRead | None, header: PoHeader, merged: Merged, width: int, memo: Memo) -> PoText:
    """The locale's file.

    When the entries on disk already equal the merged ones, the file stays
    byte for byte as it is; otherwise entries that did not change keep their
    text and only the others are rendered.
    """
    pairs = [*merged.active, *merged.obsolete]
    if read is not None and in_sync(read, header, pairs):
        return PoText(read.data, [read.lines[index] for _, index in pairs if index is not None], kept=True)
    old_header, old = read.texts() if read is not None else (None, None)
    texts = []
    for entry, index in pairs:
        if old is not None and read is not None and index is not None and read.entries[index] == entry:
            texts.append(old[index])
        else:
            texts.append(memoized(entry, width, memo))
    header_text = render_header(header, width)
    if old_header is not None and read is not None and read.header == header:
        header_text = old_header
    text, starts = assemble(header_text, texts)
    return PoText(text.encode("utf-8"), starts, kept=False)


def in_sync(read: PoRead, header: PoHeader, pairs: Sequence[Sourced]) -> bool:
    """True when the file on disk has exactly the merged header and entries, in any layout."""
    if read.header != header or len(pairs) != len(read.entries):
        return False
    seen = set()
    for entry, index in pairs:
        if index is None or index in seen or read.entries[index] != entry:
            return False
        seen.add(index)
    return True


def _drift(read: PoRead | None, header: PoHeader, merged: Merged, path: str, kept: bool) -> Diagnostic | None:
    """One ``stale-po`` finding when the .po on disk differs from the merge, by entries."""
    pairs = [*merged.active, *merged.obsolete]
    if read is None:
        return Diagnostic(
            Location(path), Severity.ERROR, "stale-po", "the .po is missing; run `msgbook build` to create it"
        )
    if kept:
        return None
    sources = {index for _, index in pairs if index is not None}
    new = sum(1 for _, index in merged.active if index is None)
    changed = [read.lines[i] for e, i in pairs if i is not None and read.entries[i] != e]
    dropped = [read.lines[i] for i in range(len(read.entries)) if i not in sources]
    parts = [
        f"{count} {what}"
        for count, what in ((new, "new"), (len(changed), "changed"), (len(dropped), "dropped"))
        if count
    ]
    if read.header != header:
        parts.append("header")
    lines = [*changed, *dropped] or ([1] if read.header != header else [0])
    message = f"entries differ from the catalogue ({', '.join(parts) or 'order'}); run `msgbook build`"
    line = min(lines)
    return Diagnostic(Location(path, line, 1 if line else 0), Severity.ERROR, "stale-po", message)


# --- .mo ------------------------------------------------------------------------------


class _MoCatalog(Catalog):
    """A Babel catalog that carries the .po header as it is, only to feed ``write_mo``.

    Babel's own header would hold the current time, and the .mo must be the
    same bytes on every build.
    """

    def __init__(self, header: list[tuple[str, str]]) -> None:
        super().__init__(charset="utf-8", fuzzy=False)
        self._header = header

    @property
    def mime_headers(self) -> list[tuple[str, str]]:
        return self._header

    @mime_headers.setter
    def mime_headers(self, value: Iterable[tuple[str, str]]) -> None:
        self._header = list(value)


def render_mo(header: PoHeader, entries: Iterable[PoEntry], nplurals: int) -> bytes:
    """The compiled catalogue: only usable translations (not fuzzy, every form filled)."""
    catalog = _MoCatalog(list(header.fields))
    usable = [
        e for e in entries if not e.fuzzy and all(e.strings) and (e.msgid_plural is None or len(e.strings) == nplurals)
    ]
    usable.sort(key=lambda e: (e.msgid, e.context or ""))  # write_mo's order, so its sort is linear
    for e in usable:
        if e.msgid_plural is None:
            catalog.add(e.msgid, e.strings[0], context=e.context)
        else:
            catalog.add((e.msgid, e.msgid_plural), e.strings, context=e.context)
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    return buffer.getvalue()


# --- the cache ----------------------------------------------------------------------
# polib needs about a second to read, and as long to write, 25,000 entries. So a
# .po whose bytes were read (or written) before, the .pot's entry texts and the
# .mo of a .po come from .msgbook-cache/ when they can; a missing, stale or
# unreadable cache only costs time. Keys hold msgbook's version and code.

_SCHEMA = "gettext-1"


class _Cache:
    """This module's files in ``.msgbook-cache/``, named by what they hold and by their key.

    Each .po keeps two: the file as read and the file a plan would write, so
    that ``check`` after a catalogue change does not push the first one out.
    """

    def __init__(self, root: Path) -> None:
        self.folder = root / CACHE_DIR
        self.stamp = fingerprint(root, (), _SCHEMA)

    def key(self, *parts: str | bytes) -> str:
        digest = hashlib.sha256(self.stamp.encode())
        for part in parts:
            digest.update(b"\0" + (part if isinstance(part, bytes) else part.encode("utf-8")))
        return digest.hexdigest()[:32]

    def load(self, kind: str, key: str) -> object | None:
        try:
            with (self.folder / f"{kind}-{key}.pickle").open("rb") as handle:
                value: object = pickle.load(handle)
        except Exception:  # noqa: BLE001 - any unreadable cache is just a miss
            return None
        return value

    def store(self, kind: str, key: str, value: object, keep: int = 1) -> None:
        """Write ``value`` and drop the oldest files of the same kind beyond ``keep``."""
        with contextlib.suppress(OSError):
            self.folder.mkdir(parents=True, exist_ok=True)
            ignore = self.folder / ".gitignore"
            if not ignore.exists():
                ignore.write_text("*\n", encoding="utf-8")
            target = self.folder / f"{kind}-{key}.pickle"
            tmp = self.folder / f".{target.name}.{os.getpid()}.tmp"
            tmp.write_bytes(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
            os.replace(tmp, target)
            others = [p for p in self.folder.glob(f"{kind}-*.pickle") if p != target]
            others.sort(key=lambda p: p.stat().st_mtime_ns, reverse=True)
            for old in others[keep - 1 :]:
                old.unlink(missing_ok=True)

    def memo(self, width: int) -> Memo:
        found = self.load("pot", self.key("pot", str(width)))
        return cast(Memo, found) if isinstance(found, dict) else {}

    def keep_memo(self, width: int, memo: Memo, templates: Sequence[tuple[Unit, PoEntry]], hits: int) -> None:
        if hits < len(templates):
            self.store("pot", self.key("pot", str(width)), {e: memo[e] for _, e in templates})

    def read(self, data: bytes, path: str, locale: str, nplurals: int) -> PoRead | None:
        found = self.load(f"po-{_slug(path)}", self.key("po", path, locale, str(nplurals), data))
        if not isinstance(found, tuple) or len(found) != 3:
            return None
        header, entries, lines = cast(tuple[PoHeader, list[PoEntry], list[int]], found)
        return PoRead(data, header, entries, lines, clean=True)

    def keep_read(self, read: PoRead, path: str, locale: str, nplurals: int) -> None:
        key = self.key("po", path, locale, str(nplurals), read.data)
        self.store(f"po-{_slug(path)}", key, (read.header, read.entries, read.lines), keep=2)

    def mo(self, po: bytes, path: str, nplurals: int, make: Callable[[], bytes]) -> bytes:
        kind, key = f"mo-{_slug(path)}", self.key("mo", path, str(nplurals), po)
        found = self.load(kind, key)
        if isinstance(found, bytes):
            return found
        data = make()
        self.store(kind, key, data, keep=2)
        return data


def _slug(path: str) -> str:
    return hashlib.sha256(path.encode("utf-8")).hexdigest()[:16]


def _rereadable(text: PoText, merged: Merged, width: int) -> bool:
    """True when polib would read the written file back as exactly the merged entries.

    polib re-wraps translator comments longer than the width and strips
    trailing blanks; a file with such comments is read again next time.
    """
    if text.kept:
        return False
    for entry, _ in (*merged.active, *merged.obsolete):
        lines = entry.tcomment.split("\n") if entry.tcomment else ()
        if any((width > 0 and len(line) + 2 > width) or line != line.rstrip() for line in lines):
            return False
    return True


# --- the plan -------------------------------------------------------------------------


def plan_gettext(project: Project, catalogue: Catalogue, options: GettextOptions) -> GettextPlan:
    """Merge every locale's .po with the catalogue in memory and render all gettext outputs.

    Nothing is written here but the cache. A .po that cannot be read safely
    sets ``blocked``, and ``build`` then writes nothing at all.
    """
    plan = GettextPlan()
    width = project.wrap_width
    cache = _Cache(project.root)
    with _gc_paused():
        templates = template_entries(catalogue, width)
        memo = cache.memo(width)
        hits = sum(1 for _, e in templates if e in memo)
        pot = pot_path(project, catalogue)
        plan.outputs[pot] = render_pot(catalogue, templates, width, memo)
        plan.byte_checked.add(pot)
        cache.keep_memo(width, memo, templates, hits)
        for locale in target_locales(catalogue):
            _plan_locale(project, catalogue, templates, locale, options, plan, cache, memo)
    return plan


def _plan_locale(
    project: Project,
    catalogue: Catalogue,
    templates: Sequence[tuple[Unit, PoEntry]],
    locale: str,
    options: GettextOptions,
    plan: GettextPlan,
    cache: _Cache,
    memo: Memo,
) -> None:
    path = po_path(project, catalogue, locale)
    nplurals, expression = plural_rule(locale)
    usable, read = _read_locale(project, path, locale, nplurals, plan, cache)
    if not usable:
        return
    header = merge_header(read.header if read is not None else None, catalogue, locale)
    merged = merge_entries(templates, read.entries if read is not None else [], nplurals, options)
    text = render_po(read, header, merged, project.wrap_width, memo)
    drift = _drift(read, header, merged, path, text.kept)
    if drift is not None:
        plan.diagnostics.append(drift)
    if _rereadable(text, merged, project.wrap_width):
        entries = [e for e, _ in (*merged.active, *merged.obsolete)]
        cache.keep_read(PoRead(text.data, header, entries, text.starts, clean=True), path, locale, nplurals)
    plan.outputs[path] = text.data
    active = [e for e, _ in merged.active]
    mo = po_path(project, catalogue, locale, ".mo")
    plan.outputs[mo] = cache.mo(text.data, mo, nplurals, lambda: render_mo(header, active, nplurals))
    lines = text.starts[: len(active)]
    found = {e.context or "": Translated(e.strings, e.fuzzy, line) for e, line in zip(active, lines, strict=True)}
    plan.translations[locale] = LocaleTranslations(locale, path, nplurals, expression, found)
    plan.obsolete[locale] = [e.context for e, _ in merged.obsolete]


def _read_locale(
    project: Project, path: str, locale: str, nplurals: int, plan: GettextPlan, cache: _Cache
) -> tuple[bool, PoRead | None]:
    """The locale's .po as read from disk (or the cache; ``None`` when missing), or False when it cannot be read."""
    try:
        data = project.path(path).read_bytes()
    except FileNotFoundError:
        return True, None
    except OSError as error:
        plan.diagnostics.append(
            Diagnostic(Location(path), Severity.ERROR, "po-syntax", f"cannot read: {error.strerror}")
        )
        plan.blocked = True
        return False, None
    if not data.strip():  # an empty file holds no translator's work: treat it as missing
        return True, None
    read = cache.read(data, path, locale, nplurals)
    if read is not None:
        return True, read
    read, found = read_po(data, path, locale, nplurals)
    plan.diagnostics.extend(found)
    if read is None:
        plan.blocked = True
        return False, None
    if not found and read.clean:
        cache.keep_read(read, path, locale, nplurals)
    return True, read
