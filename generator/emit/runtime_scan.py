"""Split a text into the pieces the runtime compiles: literal text, inserted fields, references.

:func:`generator.placeholders.parse` is the reference grammar and reports
what is malformed; the runtime only needs what a text inserts and its pieces,
once per distinct text and locale (tens of thousands per build). Most texts
hold no braces, or only ``{name}`` fields and ``{@id}`` references: those are
read with one regular expression. Any other brace (``{{``, ``}}``, a lone or
malformed one) goes through ``parse`` itself, so both always agree.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from .. import placeholders
from .runtime_code import Code

# what placeholders.parse accepts between braces: a field name, or "@" and a message id
_PLACEHOLDER = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*|@[a-z][a-z0-9]*(?:-[a-z0-9]+)*)\}")
_NONE: frozenset[str] = frozenset()


class Ref(NamedTuple):
    """A ``{@id}`` reference: the referenced message's text goes here."""

    message_id: str


Piece = str | Code | Ref  # literal text, an inserted field, a reference


Inserts = tuple[frozenset[str], frozenset[str]]  # the fields and the message ids a text inserts
_NOTHING: Inserts = (_NONE, _NONE)


class Scan(NamedTuple):
    """A text split into pieces (no empty literal, no two literals in a row), and what it inserts."""

    pieces: tuple[Piece, ...]
    clean: bool  # nothing malformed: every brace is a field, a reference, or doubled
    fields: frozenset[str]
    refs: frozenset[str]


def inserts(text: str) -> Inserts | None:
    """What ``text`` inserts when every brace in it is a field or a reference, which an f-string writes the same way.

    ``None`` for any other brace: :func:`scan` tells.

    >>> inserts("Saved {count} files. {@note}")
    (frozenset({'count'}), frozenset({'note'}))
    >>> inserts("{{literal}}") is None
    True
    """
    if "{" not in text and "}" not in text:
        return _NOTHING
    names = _PLACEHOLDER.findall(text)
    if text.count("{") != len(names) or text.count("}") != len(names):  # a brace outside every placeholder
        return None
    if "{@" not in text:
        return frozenset(names), _NONE
    return frozenset(n for n in names if n[0] != "@"), frozenset(n[1:] for n in names if n[0] == "@")


def scan(text: str) -> Scan:
    """The pieces of ``text``, as :func:`placeholders.parse` splits it.

    >>> scan('Saved {count} files to "{path}". {@note}').pieces
    ('Saved ', Code(source='count'), ' files to "', Code(source='path'), '". ', Ref(message_id='note'))
    >>> scan("{{literal}} {x.y}").pieces, scan("{x.y}").clean
    (('{literal} {x.y}',), False)
    """
    if "{" not in text and "}" not in text:
        return Scan((text,) if text else (), True, _NONE, _NONE)
    split = _PLACEHOLDER.split(text)  # literal, placeholder, literal, ..., literal
    for literal in split[::2]:
        if "{" in literal or "}" in literal:
            return _parsed(text)
    pieces: list[Piece] = []
    fields: set[str] = set()
    refs: set[str] = set()
    for index, piece in enumerate(split):
        if not index % 2:
            if piece:
                pieces.append(piece)
        elif piece[0] == "@":
            refs.add(piece[1:])
            pieces.append(Ref(piece[1:]))
        else:
            fields.add(piece)
            pieces.append(Code(piece))
    return Scan(tuple(pieces), True, frozenset(fields), frozenset(refs))


def _parsed(text: str) -> Scan:
    segments, bad = placeholders.parse(text)
    pieces: list[Piece] = []
    for segment in segments:
        if isinstance(segment, placeholders.Literal):
            if segment.text and pieces and isinstance(pieces[-1], str):
                pieces[-1] += segment.text
            elif segment.text:
                pieces.append(segment.text)
        elif isinstance(segment, placeholders.Field):
            pieces.append(Code(segment.name))
        else:
            pieces.append(Ref(segment.message_id))
    fields = frozenset(piece.source for piece in pieces if isinstance(piece, Code))
    refs = frozenset(piece.message_id for piece in pieces if isinstance(piece, Ref))
    return Scan(tuple(pieces), not bad, fields, refs)
