"""Split a catalogue text into literal pieces, ``{name}`` fields and ``{@id}`` references.

The syntax is Python's brace format restricted to bare names: ``{{`` and
``}}`` are literal braces; conversions, format specs, attribute and index
access are rejected, so a text can never reach into an object.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

_TOKEN = re.compile(r"\{\{|\}\}|\{([^{}]*)\}|[{}]")
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")
_REF = re.compile(r"@([a-z][a-z0-9]*(?:-[a-z0-9]+)*)\Z")


@dataclass(frozen=True, slots=True)
class Literal:
    text: str


@dataclass(frozen=True, slots=True)
class Field:
    name: str
    offset: int


@dataclass(frozen=True, slots=True)
class Ref:
    message_id: str
    offset: int


@dataclass(frozen=True, slots=True)
class Bad:
    """A brace construct that is not allowed, with why."""

    source: str
    offset: int
    reason: str


Segment = Literal | Field | Ref
Parsed = tuple[tuple[Segment, ...], tuple[Bad, ...]]


@functools.lru_cache(maxsize=1 << 16)
def parse(text: str) -> Parsed:
    """Split ``text`` into segments, and list what is malformed.

    >>> parse("a {b} {{c}} {@d-e}")[0]
    (Literal(text='a '), Field(name='b', offset=2), Literal(text=' {c} '), Ref(message_id='d-e', offset=12))
    >>> parse("{x.y}")[1][0].reason
    'attribute or index access is not allowed; use a plain name'
    """
    segments: list[Segment] = []
    bad: list[Bad] = []
    buf: list[str] = []
    pos = 0
    for match in _TOKEN.finditer(text):
        buf.append(text[pos : match.start()])
        pos = match.end()
        token = match.group(0)
        if token in ("{{", "}}"):
            buf.append(token[0])
            continue
        inner = match.group(1)
        if inner is None:
            bad.append(Bad(token, match.start(), f"single '{token}'; write '{token * 2}' for a literal brace"))
            buf.append(token)
            continue
        if buf:
            segments.append(Literal("".join(buf)))
            buf = []
        if _NAME.match(inner):
            segments.append(Field(inner, match.start()))
        elif ref := _REF.match(inner):
            segments.append(Ref(ref.group(1), match.start()))
        else:
            bad.append(Bad(token, match.start(), _why_bad(inner)))
            segments.append(Literal(token))
    buf.append(text[pos:])
    rest = "".join(buf)
    if rest:
        segments.append(Literal(rest))
    return _merge_literals(segments), tuple(bad)


def _merge_literals(segments: list[Segment]) -> tuple[Segment, ...]:
    merged: list[Segment] = []
    for seg in segments:
        if isinstance(seg, Literal) and merged and isinstance(merged[-1], Literal):
            merged[-1] = Literal(merged[-1].text + seg.text)
        else:
            merged.append(seg)
    return tuple(merged)


def _why_bad(inner: str) -> str:
    if inner == "" or inner.isdigit():
        return "positional fields are not allowed; use a declared name"
    if "!" in inner or ":" in inner:
        return "conversions and format specs are not allowed; use a plain name"
    if "." in inner or "[" in inner:
        return "attribute or index access is not allowed; use a plain name"
    if inner.startswith("@"):
        return "a reference names a message id: lowercase words joined by '-'"
    return "not a placeholder name"


def fields(text: str) -> list[str]:
    """Placeholder names in order of appearance (repeats kept)."""
    return [s.name for s in parse(text)[0] if isinstance(s, Field)]


def refs(text: str) -> list[str]:
    """Referenced message ids in order of appearance."""
    return [s.message_id for s in parse(text)[0] if isinstance(s, Ref)]


def literal_text(segments: tuple[Segment, ...]) -> str:
    """The literal parts joined, for display; fields and refs become nothing."""
    return "".join(s.text for s in segments if isinstance(s, Literal))
