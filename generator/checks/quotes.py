"""Docs quotes judged against the catalogue: a wording it has, or one it no longer has.

A quote matches a text when it is an instance of it: each placeholder may
show any value (its example, ``<name>``, a real value), ``{@id}`` references
are expanded, and whitespace (line breaks included) counts as one space. A
quote ending in ``…`` or ``...`` is a deliberate prefix. A quote that matches
nothing is *stale* when it is the beginning of a text without the ellipsis
(cut short, often a flattened multi-line message), or when it is close to a
text (:data:`NEAR`). Only texts sharing a run of three words with the quote are
compared, through an index from word trigrams to texts, so the work grows
with the number of quotes, not with quotes times messages.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Literal

from ..model import Catalogue, Message
from ..placeholders import Field, Ref, parse
from .texts import SPACE, message_texts, normalise

NEAR = 0.85
MIN_WORDS = 3
_MAX_CANDIDATES = 24
_MAX_DEPTH = 8
_TRIM = ".,;:!?'\"`()[]{}<>…*_|"
_ELLIPSES = ("…", "...")
_PLACEHOLDER = re.compile(r"\{[^{}]*\}")

Trigram = tuple[str, str, str]
Pieces = tuple[str | None, ...]


@dataclass(frozen=True, slots=True)
class _Form:
    message: Message
    pieces: Pieces  # whitespace collapsed, references expanded, None where a value goes
    shown: str  # as the docs show it: each value its example or <name>


@dataclass(frozen=True, slots=True)
class Verdict:
    """A stale quote: the text it was taken from and how it drifted."""

    message: Message
    kind: Literal["truncated", "near"]
    wording: str


def _tokens(text: str) -> list[str]:
    return [word for word in (w.strip(_TRIM).lower() for w in text.split()) if word]


def trigrams(text: str) -> frozenset[Trigram]:
    """Runs of three consecutive words, case and surrounding punctuation ignored.

    >>> sorted(trigrams("Run `arkor login` now."))
    [('arkor', 'login', 'now'), ('run', 'arkor', 'login')]
    """
    words = _tokens(text)
    return frozenset(zip(words, words[1:], words[2:], strict=False))


def skip_trigrams(text: str) -> frozenset[Trigram]:
    """Trigrams with one word left out of a run of four, for a quote whose values differ from the examples.

    >>> sorted(skip_trigrams("id: 1234. Keep it"))
    [('id', '1234', 'it'), ('id', 'keep', 'it')]
    """
    w = _tokens(text)
    return frozenset(
        (*pair, c) for a, b, c2, c in zip(w, w[1:], w[2:], w[3:], strict=False) for pair in ((a, b), (a, c2))
    )


def _expand(catalogue: Catalogue, message: Message, text: str, depth: int = 0) -> list[str | tuple[str]]:
    """A text's segments with references expanded: strings, and 1-tuples holding the shown value of a field."""
    out: list[str | tuple[str]] = []
    for segment in parse(text)[0]:
        if isinstance(segment, Field):
            param = message.param(segment.name)
            out.append((param.docs_value if param else f"<{segment.name}>",))
        elif isinstance(segment, Ref):
            target = catalogue.message(segment.message_id)
            if target is None or target.text is None or target.text.is_plural or depth >= _MAX_DEPTH:
                out.append((f"<{segment.message_id}>",))
            else:
                out.extend(_expand(catalogue, message, target.text.singular, depth + 1))
        else:
            out.append(segment.text)
    return out


def _pieces(segments: list[str | tuple[str]]) -> Pieces:
    merged: list[str | None] = []
    for segment in segments:
        if isinstance(segment, tuple):
            merged.append(None)
        elif merged and isinstance(merged[-1], str):
            merged[-1] += segment
        else:
            merged.append(segment)
    squashed = [None if p is None else SPACE.sub(" ", p) for p in merged]
    if squashed and squashed[0] is not None:
        squashed[0] = squashed[0].lstrip()
    if squashed and squashed[-1] is not None:
        squashed[-1] = squashed[-1].rstrip()
    return tuple(p for p in squashed if p != "")


def _starts(quote: str, piece: str, low: int) -> list[int]:
    found = []
    at = quote.find(piece, low)
    while at != -1:
        found.append(at)
        at = quote.find(piece, at + 1)
    return found


def matches(pieces: Pieces, quote: str, prefix: bool = False) -> bool:
    """Whether ``quote`` is an instance of the text (or, with ``prefix``, the beginning of one).

    >>> p = ("Failed to fetch /v1/me (", None, "). Token may be expired.")
    >>> matches(p, "Failed to fetch /v1/me (<status>). Token may be expired."), matches(p, "Failed to fetch /v1/me (401)")
    (True, False)
    >>> matches(p, "Failed to fetch /v1/me (401)", prefix=True), matches(p, "Failed to fetch /v2", prefix=True)
    (True, False)
    """
    states = {0}
    wild = False
    for piece in pieces:
        if piece is None:
            if prefix:
                return True  # the quote may end inside this value
            wild = True
            continue
        starts = _starts(quote, piece, min(states)) if wild else [j for j in states if quote.startswith(piece, j)]
        if prefix and _ends_inside(quote, piece, states, wild):
            return True
        states = {j + len(piece) for j in starts}
        wild = False
        if not states:
            return False
        if prefix and len(quote) in states:
            return True
    return wild or len(quote) in states


def _ends_inside(quote: str, piece: str, states: set[int], wild: bool) -> bool:
    """Whether the quote's rest, from a live position, is a beginning of ``piece``."""
    if wild:
        low = max(min(states), len(quote) - len(piece) + 1)
        return any(piece.startswith(quote[j:]) for j in range(low, len(quote)))
    return any(j < len(quote) and piece.startswith(quote[j:]) for j in states)


class QuoteIndex:
    """Every English text of the catalogue (docs-only ones too), indexed by word trigrams.

    The index holds the trigrams of each text's literal words (placeholders
    left out); a text is expanded and filled in only when a quote shares a
    trigram with it.
    """

    def __init__(self, catalogue: Catalogue) -> None:
        self.catalogue = catalogue
        self.texts: list[tuple[Message, str]] = []
        self.sizes: list[int] = []
        self.postings: dict[Trigram, list[int]] = {}
        self._forms: dict[int, _Form] = {}
        for message in catalogue.messages:
            for _, _, text in message_texts(message):
                grams = trigrams(_PLACEHOLDER.sub(" ", text) if "{" in text else text)
                for trigram in grams:
                    self.postings.setdefault(trigram, []).append(len(self.texts))
                self.texts.append((message, text))
                self.sizes.append(len(grams))

    def form(self, number: int) -> _Form:
        """The text expanded and filled in as the docs show it (computed once)."""
        form = self._forms.get(number)
        if form is None:
            message, text = self.texts[number]
            segments = _expand(self.catalogue, message, text)
            shown = normalise("".join(s if isinstance(s, str) else s[0] for s in segments))
            form = self._forms[number] = _Form(message, _pieces(segments), shown)
        return form

    def _candidates(self, quote: str) -> list[_Form]:
        mine = trigrams(quote) | skip_trigrams(quote)
        shared: Counter[int] = Counter()
        for trigram in mine:
            shared.update(self.postings.get(trigram, ()))

        def jaccard(item: tuple[int, int]) -> float:
            number, count = item
            return count / max(1, self.sizes[number] + len(mine) - count)

        shortlist = shared.most_common(_MAX_CANDIDATES * 4)  # by shared trigrams, then by overlap
        ranked = sorted(shortlist, key=jaccard, reverse=True)[:_MAX_CANDIDATES]
        return [self.form(number) for number, _ in ranked]

    def judge(self, raw: str) -> Verdict | None:
        """``None`` for a quote that matches a text or resembles none; else what it drifted from."""
        quote = normalise(raw.replace("\\|", "|"))
        if len(quote.split()) < MIN_WORDS:
            return None
        candidates = self._candidates(quote)
        if any(matches(form.pieces, quote) for form in candidates):
            return None
        stem = next((quote[: -len(e)].rstrip() for e in _ELLIPSES if quote.endswith(e)), None)
        if stem is not None:
            if any(matches(form.pieces, stem, prefix=True) for form in candidates):
                return None
            return _nearest(candidates, stem, prefix=True)
        cut = [form for form in candidates if matches(form.pieces, quote, prefix=True)]
        if cut:
            form = min(cut, key=lambda f: len(f.shown))
            return Verdict(form.message, "truncated", form.shown)
        return _nearest(candidates, quote, prefix=False)


def _nearest(candidates: list[_Form], quote: str, prefix: bool) -> Verdict | None:
    best: tuple[float, _Form] | None = None
    slack = max(3, len(quote) // 10)  # a prefix quote may have lost or gained a few characters
    for form in candidates:
        lengths = (len(quote) - slack, len(quote), len(quote) + slack) if prefix else (len(form.shown),)
        for length in lengths:
            matcher = SequenceMatcher(None, quote, form.shown[:length], autojunk=False)
            if matcher.real_quick_ratio() < NEAR or matcher.quick_ratio() < NEAR:
                continue
            ratio = matcher.ratio()
            if ratio >= NEAR and (best is None or ratio > best[0]):
                best = (ratio, form)
    return None if best is None else Verdict(best[1].message, "near", best[1].shown)


def describe_verdict(verdict: Verdict, limit: int = 200) -> str:
    """The finding text: the message and its current wording (shortened past ``limit`` characters)."""
    wording = verdict.wording if len(verdict.wording) <= limit else verdict.wording[: limit - 1].rstrip() + "…"
    if verdict.kind == "truncated":
        return (
            f"docs quote stops short of message {verdict.message.id!r} (mark a prefix with …), which reads: {wording}"
        )
    return f"docs quote differs from message {verdict.message.id!r}, which now reads: {wording}"
