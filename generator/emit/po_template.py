"""The template's entries: one untranslated entry per translatable unit of the catalogue, in file order."""

from __future__ import annotations

from collections.abc import Iterator

from ..model import Catalogue, Message
from ..placeholders import Field, Ref, parse
from ..units import Unit, units
from .po_model import BRACE_FLAGS, PoEntry, PoHeader

_RANK = {"title": 1, "description": 2, "when": 1, "action": 2}


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
            flags=BRACE_FLAGS if braces else frozenset(),
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
