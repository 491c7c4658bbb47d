"""Catalogue <-> gettext: the .pot, each locale's merged .po and its compiled .mo.

- ``locales/<domain>.pot`` comes from the catalogue alone and is compared byte
  for byte by ``check``.
- ``locales/<lang>/LC_MESSAGES/<domain>.po`` belongs to translators. Each run
  merges it with the catalogue in memory, keyed on msgctxt and never on English
  similarity (:mod:`generator.emit.po_merge`), and it is judged by its entries:
  when they already agree with the catalogue the file is left exactly as it is,
  however an editor wrapped it. Otherwise entries that did not change keep their
  bytes and only the others are rendered, so a diff shows what changed
  (:mod:`generator.emit.po_text`).
- ``<domain>.mo`` is compiled from the merged entries with Babel's linear
  ``write_mo``; fuzzy and untranslated entries are left out.

Message texts and docs texts share one domain; the msgctxt grammar of
:mod:`generator.units` tells them apart. Entries are sorted by owner (groups,
then messages by id), so reordering the catalogue never moves an entry
(:mod:`generator.emit.po_template`).

This module is the only importer of polib, which reads and writes every PO
text (wrap width ``project.wrap_width``). Babel's ``Catalog`` is only the
vehicle for ``write_mo``. polib is slow on large files, so what it read or
rendered is kept in the git-ignored ``.msgbook-cache/`` (:mod:`generator.emit.po_cache`),
and locales with large files are merged in worker processes (:mod:`generator.emit.po_workers`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Protocol

import polib

from ..diagnostics import Diagnostic, Location, Severity
from ..model import Catalogue
from ..project import Project
from ..translations import GettextOptions
from ..units import Unit
from .po_merge import merge_entries, merge_header
from .po_mo import render_mo
from .po_model import GettextPlan, LocalePlan, Merged, PoEntry, PoHeader, PoRead, plural_rule, po_path, pot_path
from .po_plan import LocaleTail, PoCodec, plan_gettext_with
from .po_template import pot_header, template_entries
from .po_text import Memo, PoText, assemble, layout_po

# The names other modules and tests use, wherever they are defined.
__all__ = [
    "GettextPlan", "LocalePlan", "Merged", "PoEntry", "PoHeader", "PoRead", "memoized", "merge_entries",
    "merge_header", "plan_gettext", "po_path", "pot_path", "read_po", "render_entry", "render_header",
    "render_mo", "render_po", "render_pot", "template_entries",
]  # fmt: skip

_UTF8 = ("utf-8", "utf8")
_BOM = b"\xef\xbb\xbf"

# One PO line polib can read without misreading it: a comment, or an optional
# keyword (optionally after #~ or #|) and one complete string using only the
# escapes polib decodes. Anything else is reported before polib sees it, as
# polib silently accepts an unterminated string.
_STRING = r'"[^"\\\n]*(?:\\[\\"ntrvbf][^"\\\n]*)*"'
_KEYWORD = r"(?:msgctxt|msgid|msgid_plural|msgstr|msgstr\[[0-9]\])"
_LINE = rf"[ \t]*(?:(?:#~\|?[ \t]*|#\|[ \t]*)?(?:{_KEYWORD}[ \t]+)?{_STRING}|#(?![~|]).*|)[ \t\r]*"
# Every good line at once (one regex call, not one per line); where it stops is the first bad line.
_GOOD_LINES = re.compile(rf"(?>{_LINE}\n)*+")
_GOOD_LAST_LINE = re.compile(_LINE)
_CHARSET = re.compile(rb"charset=([^\s\\\"]*)")
_NPLURALS = re.compile(r"nplurals\s*=\s*(\d+)")


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
    bad = _first_bad_line(text)
    if bad is not None:
        line = text.count("\n", 0, bad) + 1
        end = text.find("\n", bad)
        shown = text[bad : end if end >= 0 else len(text)].strip()
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


def _first_bad_line(text: str) -> int | None:
    """The offset of the first line polib could misread, or ``None`` when every line is good.

    >>> _first_bad_line('msgid "a"\\n"b"\\n'), _first_bad_line('msgid "a"\\nmsgid "b'), _first_bad_line("# c")
    (None, 10, None)
    """
    good = _GOOD_LINES.match(text)
    start = good.end() if good is not None else 0
    if start == len(text) or ("\n" not in text[start:] and _GOOD_LAST_LINE.fullmatch(text, start)):
        return None
    return start


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


def render_pot(catalogue: Catalogue, templates: Sequence[tuple[Unit, PoEntry]], width: int, memo: Memo) -> bytes:
    """The template file: every unit, untranslated, in file order."""
    pieces = [memoized(entry, width, memo) for _, entry in templates]
    text, _ = assemble(render_header(pot_header(catalogue), width), pieces)
    return text.encode("utf-8")


def memoized(entry: PoEntry, width: int, memo: Memo) -> str:
    """``render_entry`` through the memo: an untranslated entry of a .po is often a .pot entry."""
    text = memo.get(entry)
    if text is None:
        text = memo[entry] = render_entry(entry, width)
    return text


def render_po(read: PoRead | None, header: PoHeader, merged: Merged, width: int, memo: Memo) -> PoText:
    """The locale's file: kept as it is when its entries agree, else kept and rendered entries joined."""
    return layout_po(read, header, merged, lambda e: memoized(e, width, memo), lambda h: render_header(h, width))


def plan_gettext(
    project: Project,
    catalogue: Catalogue,
    options: GettextOptions,
    tail: LocaleTail | None = None,
    return_translations: bool = True,
) -> GettextPlan:
    """Merge every locale's .po with the catalogue in memory and render all gettext outputs.

    Nothing is written here but the cache. A .po that cannot be read safely
    sets ``blocked``, and ``build`` then writes nothing at all. ``tail`` and
    ``return_translations``: see :func:`generator.emit.po_plan.plan_gettext_with`.
    """
    codec = PoCodec(read_po, render_pot, render_po)
    return plan_gettext_with(project, catalogue, options, codec, tail, return_translations)
