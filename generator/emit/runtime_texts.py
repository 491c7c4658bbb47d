"""Compile each message, per locale, into the body of a generated function.

A locale's text for a unit is its usable translation, or the English one when
the translation is missing, fuzzy, or would not compile safely (a placeholder
that is not declared, a reference the English does not make). ``{@id}``
references become the referenced message's text in the same locale: inlined
when it has no parameters, else a call of its function.

Bodies are laid out here rather than by a Jinja macro: at 10,000 messages a
macro call per function costs about a second, most of the build budget. For
the same reason each distinct text is split and compiled once per render, and
what a message's functions share in every locale (its steps, conditions and
English texts) is worked out once.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import NamedTuple, cast

from ..cldr import is_known_locale, plural_forms
from ..model import Catalogue, Message, Text
from ..translations import LocaleTranslations
from ..units import message_context
from .runtime_code import Code, Part, body_source, comment, condition, plain_line, return_statement, text_lines
from .runtime_plural import PluralError, plural_to_python
from .runtime_scan import Piece, Ref, inserts, scan

RefCall = Callable[[Message], str]  # referenced message -> the call expression inserting it
_NONE: frozenset[str] = frozenset()


Body = tuple[str, bool]  # a function body as source (indented, no final newline), and whether it calls _source_plural


class _Text(NamedTuple):
    """One distinct text, compiled unless it references a message, and what it inserts."""

    body: str
    clean: bool  # nothing malformed
    fields: frozenset[str]
    refs: frozenset[str]
    lines: tuple[str, ...] | None  # None: a reference's text depends on the locale, its call on the module


class _Step(NamedTuple):
    """One text of a message as every locale lays it out, in catalogue order."""

    context: str  # its msgctxt
    english: tuple[str, ...]  # the English form(s), compiled when a module shows them
    plural: bool
    head: str  # the line before its return, unindented: "if <test>:" (then nested), a comment, or ""
    nested: bool


class _Facts(NamedTuple):
    """What every locale needs to know about a message, worked out once per render."""

    steps: tuple[_Step, ...]  # up to the first one without a test: later texts are never reached
    fields: frozenset[str]  # the parameters a text may insert (bools may not)
    refs: frozenset[str]  # the message ids its English texts reference


@dataclass(slots=True)
class Texts:
    """Per-render caches shared by every locale: compiled texts, message facts, included messages."""

    catalogue: Catalogue
    _texts: dict[str, _Text] = field(default_factory=dict)
    _facts: dict[str, _Facts] = field(default_factory=dict)
    _pieces: dict[str, tuple[Piece, ...]] = field(default_factory=dict)
    _included: tuple[Message, ...] | None = None

    def text(self, body: str) -> _Text:
        found = self._texts.get(body)
        if found is None:
            found = self._texts[body] = _compile(body)
        return found

    def pieces(self, body: str) -> tuple[Piece, ...]:
        found = self._pieces.get(body)
        if found is None:
            found = self._pieces[body] = scan(body).pieces
        return found

    def facts(self, message: Message) -> _Facts:
        found = self._facts.get(message.id)
        if found is None:
            found = self._facts[message.id] = self._work_out(message)
        return found

    def _work_out(self, message: Message) -> _Facts:
        steps = []
        if message.text is not None:  # most messages: one text, no condition
            text = message.text
            steps.append(_Step(message.id, _bodies(text), text.is_plural, "", False))
        last = len(message.variants) - 1
        for index, variant in enumerate(message.variants if message.text is None else ()):
            test = condition(variant.condition, message.params)
            head, nested = "", False
            if test is not None and index < last:
                head, nested = f"if {test}:", True
            elif test is not None:
                head = comment(variant.describe() + ": every other case is handled above")
            text = variant.text
            steps.append(_Step(message_context(message.id, variant.key), _bodies(text), text.is_plural, head, nested))
            if not nested:
                break
        fields = _NONE
        if message.params:
            kinds: dict[str, str] = {}
            for param in message.params:
                kinds.setdefault(param.name, param.type)
            fields = frozenset([name for name, kind in kinds.items() if kind != "bool"])
        refs = _NONE
        for text in (message.text,) if message.text is not None else (v.text for v in message.variants):
            for _, body in text.forms:
                if "{@" in body:  # a reference, or text that reads like one
                    refs = refs | self.text(body).refs
        return _Facts(tuple(steps), fields, refs)

    def english(self, step: _Step) -> tuple[_Text, ...]:
        """The English form(s) of a step, compiled."""
        return (self.text(step.english[0]),) if len(step.english) == 1 else tuple(map(self.text, step.english))

    def english_refs(self, message: Message) -> frozenset[str]:
        """Every message id the English texts of ``message`` reference."""
        return self.facts(message).refs

    def included(self) -> tuple[Message, ...]:
        """Messages with a function in the locale modules: runtime ones and what they reference."""
        if self._included is not None:
            return self._included
        wanted = {m.id for m in self.catalogue.messages if m.runtime}
        pending = list(wanted)
        while pending:
            message = self.catalogue.message(pending.pop())
            for ref in self.english_refs(message) if message is not None else ():
                if ref not in wanted:
                    wanted.add(ref)
                    pending.append(ref)
        self._included = tuple(m for m in self.catalogue.messages if m.id in wanted)
        return self._included


def _bodies(text: Text) -> tuple[str, ...]:
    """``text.all_texts``, without a generator for the one form of most texts."""
    forms = text.forms
    return (forms[0][1],) if len(forms) == 1 else tuple([body for _, body in forms])


def _compile(body: str) -> _Text:
    inserted = inserts(body)
    if inserted is not None and not inserted[1]:
        fields = inserted[0]
        line = plain_line(body, fields=bool(fields))
        if line is not None:  # most texts: nothing to escape, one line
            return _Text(body, True, fields, _NONE, (line,))
    scanned = scan(body)
    lines = None if scanned.refs else text_lines(cast(tuple[Part, ...], scanned.pieces))  # no Ref in them
    return _Text(body, scanned.clean, scanned.fields, scanned.refs, lines)


@dataclass(slots=True)
class LocaleTexts:
    """One locale's compiler: its translations (``None`` for the source) and plural rule."""

    shared: Texts
    locale: str
    translations: LocaleTranslations | None
    plural: str  # Python expression of n
    _constants: dict[str, str] = field(default_factory=dict)

    @property
    def is_source(self) -> bool:
        return self.translations is None

    def body(self, message: Message, ref_call: RefCall, indent: str) -> Body:
        """The statements of ``message`` in this locale: variants in catalogue order, the last one unconditioned."""
        facts = self.shared.facts(message)
        step = facts.steps[0] if len(facts.steps) == 1 else None
        if step is not None and not step.head and not step.plural:  # most messages: one text, one form
            chosen = self._translated(facts, step)
            text = chosen[0] if chosen is not None else self.shared.text(step.english[0])
            return return_statement(self._lines(text, ref_call), indent), False
        out: list[str] = []
        uses_source_plural = False
        for step in facts.steps:
            if step.head:
                out.append(f"{indent}{step.head}\n")
            inner = indent + "    " if step.nested else indent
            source, source_plural = self._forms(message, facts, step, ref_call, inner)
            out.append(source)
            uses_source_plural = uses_source_plural or source_plural
        return "".join(out).rstrip("\n"), uses_source_plural

    def _forms(self, message: Message, facts: _Facts, step: _Step, ref_call: RefCall, indent: str) -> tuple[str, bool]:
        """The return statement(s) of one text, and whether they use the source plural rule."""
        chosen = self._translated(facts, step) if self.translations is not None else None
        texts = chosen if chosen is not None else self.shared.english(step)
        if len(texts) == 1 or message.plural is None:
            return body_source(self._lines(texts[0], ref_call), indent), False
        function = "_source_plural" if chosen is None and not self.is_source else "_plural"
        selector = f"{function}({message.plural})"
        out = []
        if len(texts) > 2:  # compute the form once, then test it
            out.append(f"{indent}_form = {selector}\n")
            selector = "_form"
        last = len(texts) - 1
        for number, text in enumerate(texts):
            lines = self._lines(text, ref_call)
            if number < last:
                out.append(f"{indent}if {selector} == {number}:\n{body_source(lines, indent + '    ')}")
            else:
                out.append(body_source(lines, indent))
        return "".join(out), function == "_source_plural"

    def _lines(self, text: _Text, ref_call: RefCall) -> tuple[str, ...]:
        return text.lines if text.lines is not None else text_lines(self.parts(self.shared.pieces(text.body), ref_call))

    def _translated(self, facts: _Facts, step: _Step) -> tuple[_Text, ...] | None:
        """The usable translation of a step, if it uses only what the English may: no new fields or references."""
        if self.translations is None:
            return None
        if step.plural:
            forms = self.translations.forms(step.context)
            texts = tuple(map(self.shared.text, forms)) if forms is not None else ()
        else:
            single = self.translations.text(step.context)
            texts = (self.shared.text(single),) if single is not None else ()
        if not texts:
            return None
        for text in texts:
            if not (text.clean and text.fields <= facts.fields and text.refs <= facts.refs):
                return None
        return texts

    def parts(self, pieces: tuple[Piece, ...], ref_call: RefCall) -> list[Part]:
        """Literal pieces and inserted values of one text, references resolved."""
        result: list[Part] = []
        for piece in pieces:
            if not isinstance(piece, Ref):
                result.append(piece)
                continue
            target = self.shared.catalogue.message(piece.message_id)
            if target is None:
                continue  # validation reports it; the build never gets here
            result.append(self.constant(target) if not target.params else Code(ref_call(target)))
        return result

    def constant(self, message: Message) -> str:
        """The text of a message without parameters in this locale, references inlined."""
        cached = self._constants.get(message.id)
        if cached is None:
            parts = self.parts(self.shared.pieces(self._constant_text(message).body), lambda target: "")
            cached = self._constants[message.id] = "".join(part for part in parts if isinstance(part, str))
        return cached

    def constant_lines(self, message: Message) -> tuple[str, ...]:
        """The literal lines of :meth:`constant`."""
        text = self._constant_text(message)
        if text.lines is not None and not text.fields:  # no field, no reference: one literal, so its own lines
            return text.lines
        return text_lines([self.constant(message)])

    def _constant_text(self, message: Message) -> _Text:
        facts = self.shared.facts(message)
        step = facts.steps[0]
        return (self._translated(facts, step) or self.shared.english(step))[0]


def plural_expression(locale: str, translations: LocaleTranslations | None) -> str:
    """The Python plural-index expression of a locale: from its ``.po``, else from CLDR, else 0."""
    candidates = [translations.plural_expr] if translations is not None else []
    if is_known_locale(locale):
        candidates.append(plural_forms(locale)[1])
    for expression in candidates:
        try:
            return plural_to_python(expression)
        except PluralError:
            continue
    return "0"
