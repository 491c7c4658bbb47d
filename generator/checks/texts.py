"""Catalogue texts as literal pieces, and an index that finds a copied text in one dict lookup.

A text is a list of pieces: literal strings, and ``None`` where a
``{placeholder}`` (or a ``{@reference}`` that is not expanded) goes. Both the
catalogue and a scanned literal are reduced to the same *skeleton* (the literal
runs between placeholders, whitespace collapsed), so finding a copy never
compares texts pair by pair.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from ..model import Catalogue, Message
from ..placeholders import Field, Literal, Ref, Segment, parse

Pieces = tuple[str | None, ...]
SPACE = re.compile(r"\s+")
_MAX_DEPTH = 8


def normalise(text: str) -> str:
    """Collapse runs of whitespace to one space and strip the ends.

    >>> normalise("  Note:\\n  anonymous   only. ")
    'Note: anonymous only.'
    """
    return SPACE.sub(" ", text).strip()


def word_count(text: str) -> int:
    return len(text.split())


def skeleton(parts: tuple[str, ...]) -> tuple[str, ...]:
    """The constant parts of a formatted string, whitespace collapsed, outer ends stripped.

    >>> skeleton(("Saved ", "  to\\n", "."))
    ('Saved ', ' to ', '.')
    """
    out = [SPACE.sub(" ", p) for p in parts]
    out[0] = out[0].lstrip()
    out[-1] = out[-1].rstrip()
    return tuple(out)


def runs(pieces: Pieces) -> tuple[str, ...]:
    """The literal runs between placeholders (empty where two placeholders meet).

    >>> runs(("a ", None, None, " b"))
    ('a ', '', ' b')
    """
    out = [""]
    for piece in pieces:
        if piece is None:
            out.append("")
        else:
            out[-1] += piece
    return tuple(out)


def segments(text: str) -> tuple[Segment, ...]:
    """:func:`~generator.placeholders.parse` with a fast path for a text without braces."""
    if "{" not in text and "}" not in text:
        return (Literal(text),) if text else ()
    return parse(text)[0]


def text_pieces(text: str) -> Pieces:
    """A catalogue text as pieces, every ``{name}`` and ``{@id}`` a placeholder.

    >>> text_pieces("Saved {path}{{x}} {@note}")
    ('Saved ', None, '{x} ', None)
    """
    return tuple(s.text if isinstance(s, Literal) else None for s in segments(text))


def expanded_pieces(catalogue: Catalogue, text: str, depth: int = 0) -> Pieces:
    """Pieces with each ``{@id}`` of a single-text message replaced by that text's pieces."""
    out: list[str | None] = []
    for segment in segments(text):
        if isinstance(segment, Field):
            out.append(None)
        elif isinstance(segment, Ref):
            target = catalogue.message(segment.message_id)
            forms = _single_text(target)
            if forms is None or depth >= _MAX_DEPTH:
                out.append(None)
            else:
                out.extend(expanded_pieces(catalogue, forms, depth + 1))
        else:
            out.append(segment.text)
    return tuple(out)


def _single_text(message: Message | None) -> str | None:
    if message is None or message.text is None or message.text.is_plural:
        return None
    return message.text.singular


def message_texts(message: Message) -> Iterator[tuple[str | None, str | None, str]]:
    """Every English text of a message with its variant key and plural category (``None`` where not used)."""
    for key, text in message.texts():
        for category, form in text.forms:
            yield key, category or None, form


def text_label(variant: str | None, category: str | None) -> str:
    """How a finding names one text of a message.

    >>> text_label("ci=false", "other"), text_label(None, None)
    ('variant ci=false, plural other', '')
    """
    words = ([f"variant {variant}"] if variant else []) + ([f"plural {category}"] if category else [])
    return ", ".join(words)


@dataclass(frozen=True, slots=True)
class Copy:
    """Which catalogue text a literal copies."""

    message: Message
    variant: str | None
    category: str | None
    whole: bool  # the whole text, not one of its parts or lines


class CopyIndex:
    """Catalogue texts of runtime messages by skeleton: one dict lookup per scanned literal.

    A literal copies a text when it equals the whole text (references
    expanded), one literal part or line of it with at least ``min_words``
    words, or, as a formatted string, the text's literal runs in order.
    """

    def __init__(self, catalogue: Catalogue, min_words: int) -> None:
        self.min_words = min_words = max(1, min_words)  # an empty string copies nothing
        self.whole: dict[str, Copy] = {}
        self.parts: dict[str, Copy] = {}
        self.skeletons: dict[tuple[str, ...], Copy] = {}
        self.first_runs: set[str] = set()  # normalised first run of each skeleton, for a quick rejection
        for message in catalogue.messages:
            if not message.runtime:
                continue
            for variant, category, text in message_texts(message):
                if "{" in text or "}" in text or "\n" in text:
                    self._add(catalogue, Copy(message, variant, category, True), text)
                else:  # the common case, kept fast: a one-line text without placeholders
                    key = " ".join(text.split())
                    if key.count(" ") + 1 >= min_words and key not in self.whole:
                        self.whole[key] = Copy(message, variant, category, True)
        self.plain_keys = frozenset(self.whole) | frozenset(self.parts)

    def _add(self, catalogue: Catalogue, whole: Copy, text: str) -> None:
        own = text_pieces(text)
        expanded = expanded_pieces(catalogue, text) if "{@" in text else own
        if None not in expanded:
            self._put(self.whole, normalise("".join(p for p in expanded if p is not None)), whole)
        literal_runs = runs(own)
        if len(literal_runs) > 1 and word_count(" ".join(literal_runs)) >= self.min_words:
            self.skeletons.setdefault(skeleton(literal_runs), whole)
            self.first_runs.add(normalise(literal_runs[0]))
        part = Copy(whole.message, whole.variant, whole.category, False)
        for run in literal_runs:
            for line in run.split("\n"):
                self._put(self.parts, normalise(line), part)

    def _put(self, table: dict[str, Copy], key: str, copy: Copy) -> None:
        if word_count(key) >= self.min_words:
            table.setdefault(key, copy)

    def find(self, parts: tuple[str, ...]) -> Copy | None:
        """The text a literal copies: ``parts`` are its constant parts around each interpolation."""
        if len(parts) == 1:
            key = normalise(parts[0])
            return self.whole.get(key) or self.parts.get(key)
        return self.skeletons.get(skeleton(parts))

    def __bool__(self) -> bool:
        return bool(self.whole or self.parts or self.skeletons)


def describe_copy(copy: Copy, module: str | None) -> str:
    """The finding text for a hard-coded copy; ``module`` is the runtime to call, ``None`` outside Python.

    >>> from generator.model import Message
    >>> describe_copy(Copy(Message("anon-note", (1, 1)), None, None, True), "messages")
    "hard-coded text of message 'anon-note'; call messages.anon_note()"
    >>> describe_copy(Copy(Message("anon-note", (1, 1)), "ci=true", None, False), None)
    "hard-coded part of the text of message 'anon-note' (variant ci=true); take it from the catalogue"
    """
    what = "text" if copy.whole else "part of the text"
    label = text_label(copy.variant, copy.category)
    variant = f" ({label})" if label else ""
    fix = f"call {module}.{copy.message.name}()" if module else "take it from the catalogue"
    return f"hard-coded {what} of message {copy.message.id!r}{variant}; {fix}"
