"""Compile each message, per locale, into the body of a generated function.

A locale's text for a unit is its usable translation, or the English one when
the translation is missing, fuzzy, or would not compile safely (a placeholder
that is not declared, a reference the English does not make). ``{@id}``
references become the referenced message's text in the same locale: inlined
when it has no parameters, else a call of its function.

Bodies are laid out here rather than by a Jinja macro: at 10,000 messages a
macro call per function costs about a second, most of the build budget.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from .. import placeholders
from ..cldr import is_known_locale, plural_forms
from ..model import Catalogue, Message, Text
from ..translations import LocaleTranslations
from ..units import message_context
from .runtime_code import Code, Part, body_source, comment, condition, text_lines
from .runtime_plural import PluralError, plural_to_python

RefCall = Callable[[Message], str]  # referenced message -> the call expression inserting it


@dataclass(frozen=True, slots=True)
class Body:
    """A function body as source (indented, no final newline), and whether it calls ``_source_plural``."""

    source: str
    uses_source_plural: bool = False


@dataclass(slots=True)
class Texts:
    """Per-render caches shared by every locale: parsed texts, references, included messages."""

    catalogue: Catalogue
    _parsed: dict[str, placeholders.Parsed] = field(default_factory=dict)
    _refs: dict[str, frozenset[str]] = field(default_factory=dict)
    _lines: dict[str, tuple[str, ...]] = field(default_factory=dict)
    _included: tuple[Message, ...] | None = None

    def parse(self, text: str) -> placeholders.Parsed:
        found = self._parsed.get(text)
        if found is None:
            found = self._parsed[text] = placeholders.parse(text)
        return found

    def lines(self, body: str, compile_parts: Callable[[], list[Part]]) -> tuple[str, ...]:
        """The literal lines of a text, compiled once when it references no message.

        A reference's text depends on the locale and the module, so those are compiled each time.
        """
        found = self._lines.get(body)
        if found is None:
            found = text_lines(compile_parts())
            if "{@" not in body:
                self._lines[body] = found
        return found

    def english_refs(self, message: Message) -> frozenset[str]:
        """Every message id the English texts of ``message`` reference."""
        found = self._refs.get(message.id)
        if found is None:
            found = frozenset(
                seg.message_id
                for _, text in message.texts()
                for body in text.all_texts
                for seg in self.parse(body)[0]
                if isinstance(seg, placeholders.Ref)
            )
            self._refs[message.id] = found
        return found

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
        out: list[str] = []
        uses_source_plural = False
        texts = message.texts()
        for index, (key, text) in enumerate(texts):
            variant = message.variants[index] if key is not None else None
            test = condition(variant.condition, message.params) if variant is not None else None
            inner = indent
            if test is not None and index < len(texts) - 1:
                out.append(f"{indent}if {test}:\n")
                inner = indent + "    "
            elif test is not None and variant is not None:
                out.append(f"{indent}{comment(variant.describe() + ': every other case is handled above')}\n")
                test = None
            source, source_plural = self._forms(message, key, text, ref_call, inner)
            out.append(source)
            uses_source_plural = uses_source_plural or source_plural
            if test is None:
                break
        return Body("".join(out).rstrip("\n"), uses_source_plural)

    def _forms(self, message: Message, key: str | None, text: Text, ref_call: RefCall, indent: str) -> tuple[str, bool]:
        """The return statement(s) of one text, and whether they use the source plural rule."""
        chosen = self._translated(message, key, text)
        bodies = chosen if chosen is not None else text.all_texts
        if len(bodies) == 1 or message.plural is None:
            lines = self.shared.lines(bodies[0], lambda: self.parts(message, bodies[0], ref_call))
            return body_source(lines, indent), False
        function = "_source_plural" if chosen is None and not self.is_source else "_plural"
        selector = f"{function}({message.plural})"
        out = []
        if len(bodies) > 2:  # compute the form once, then test it
            out.append(f"{indent}_form = {selector}\n")
            selector = "_form"
        for number, body in enumerate(bodies):
            lines = self.shared.lines(body, lambda: self.parts(message, body, ref_call))  # noqa: B023 (called at once)
            if number < len(bodies) - 1:
                out.append(f"{indent}if {selector} == {number}:\n{body_source(lines, indent + '    ')}")
            else:
                out.append(body_source(lines, indent))
        return "".join(out), function == "_source_plural"

    def _translated(self, message: Message, key: str | None, text: Text) -> tuple[str, ...] | None:
        if self.translations is None:
            return None
        context = message_context(message.id, key)
        if text.is_plural:
            found = self.translations.forms(context)
        else:
            single = self.translations.text(context)
            found = (single,) if single is not None else None
        if found is None or not all(self._compiles(message, body) for body in found):
            return None
        return found

    def _compiles(self, message: Message, body: str) -> bool:
        """True when a translation uses only what the English may: no new fields, no new references."""
        segments, bad = self.shared.parse(body)
        if bad:
            return False
        for segment in segments:
            if isinstance(segment, placeholders.Field):
                param = message.param(segment.name)
                if param is None or param.type == "bool":
                    return False
            elif isinstance(segment, placeholders.Ref) and segment.message_id not in self.shared.english_refs(message):
                return False
        return True

    def parts(self, message: Message, body: str, ref_call: RefCall) -> list[Part]:
        """Literal pieces and inserted values of one text."""
        result: list[Part] = []
        for segment in self.shared.parse(body)[0]:
            if isinstance(segment, placeholders.Literal):
                result.append(segment.text)
            elif isinstance(segment, placeholders.Field):
                result.append(Code(segment.name))
            else:
                target = self.shared.catalogue.message(segment.message_id)
                if target is None:
                    continue  # validation reports it; the build never gets here
                result.append(self.constant(target) if not target.params else Code(ref_call(target)))
        return result

    def constant(self, message: Message) -> str:
        """The text of a message without parameters in this locale, references inlined."""
        cached = self._constants.get(message.id)
        if cached is None:
            key, text = message.texts()[0]
            bodies = self._translated(message, key, text) or text.all_texts
            parts = self.parts(message, bodies[0], lambda target: "")
            cached = self._constants[message.id] = "".join(part for part in parts if isinstance(part, str))
        return cached


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
