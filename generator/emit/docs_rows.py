"""The printed forms of messages in one page language: texts, conditions, plural forms.

A message shows as the program prints it: placeholders as their ``example``,
``{@id}`` references expanded, ``{{`` as ``{``.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Mapping

from .. import placeholders
from ..cldr import plural_categories
from ..model import Catalogue, Message, Scalar, Text, format_value
from ..translations import LocaleTranslations, Translations
from ..units import message_context
from .docs_labels import LABELS, Labels
from .docs_shared import Condition, Constraints, Entry, Printed, Row, Shared, Split
from .markdown import (
    code_line,
    escape_text,
    md_cell,
    md_code,
    md_text,
)

_MAX_DEPTH = 32
_BRACES = re.compile(r"\{\{|\}\}|\{@([a-z][a-z0-9]*(?:-[a-z0-9]+)*)\}|\{([A-Za-z_][A-Za-z0-9_]*)\}")
# The same tokens but ``}}``, all starting with one "{": a text without ``}}`` is searched much faster
_OPENING = re.compile(r"\{(?:\{|@([a-z][a-z0-9]*(?:-[a-z0-9]+)*)\}|([A-Za-z_][A-Za-z0-9_]*)\})")
_MAX_SPLIT = 16  # rows per variant at most, when a referenced message has variants of its own


class Rows:
    """The texts and printed forms of one catalogue's messages in one page language."""

    def __init__(
        self, catalogue: Catalogue, lang: str, translations: Translations, shared: Shared | None = None
    ) -> None:
        self.catalogue = catalogue
        self.shared = shared or Shared(catalogue)
        self.lang = lang
        self.source = lang == catalogue.source_locale
        self.labels: Labels = LABELS.get(lang.replace("-", "_").split("_")[0], LABELS["en"])
        self.tr: LocaleTranslations | None = None if self.source else _pick(translations, lang)
        self._words: dict[int, str] = {}  # condition cells in the page language, by number
        self._plurals: dict[tuple[str, str], str] = {}  # "plural form ... of ..." words

    # -- texts -------------------------------------------------------------

    def docs_plain(self, context: str, english: str) -> str:
        """A docs text as plain text: translated when it can be, else English."""
        translated = None if self.source or self.tr is None else self.tr.text(context)
        return english if translated is None else translated

    def docs(self, context: str, english: str) -> tuple[str, str]:
        """A docs text as Markdown, and the untranslated mark when it shows English ("" otherwise)."""
        translated = None if self.source or self.tr is None else self.tr.text(context)
        if translated is None and not self.source:
            return self.prose(english), self.labels.mark
        return self.prose(english if translated is None else translated), ""

    def prose(self, text: str) -> str:
        """A docs text as Markdown, escaped once per build however many messages share it."""
        found = self.shared.prose.get(text)
        if found is None:
            found = self.shared.prose[text] = md_text(text)
        return found

    def docs_text(self, context: str, english: str) -> str:
        """A docs text as Markdown, with the untranslated mark after it when it shows English."""
        if self.source:
            return self.prose(english)
        translated = None if self.tr is None else self.tr.text(context)
        if translated is None:
            return self.prose(english) + " " + self.labels.mark
        return self.prose(translated)

    def rows(self, message: Message) -> list[Row]:
        """Every printed form of ``message``, in catalogue order."""
        return [
            Row(text, original, translated, words) for text, original, translated, words, _, _ in self._printed(message)
        ]

    def _printed(self, message: Message) -> list[Printed]:
        """The fields of :meth:`rows`, with the Markdown of the text and of the original, for the tables."""
        rows: list[Printed] = []
        source, words = self.source, self._words
        for entry in self._entries(message):
            forms = None if self.tr is None else self._translated_forms(entry.context, entry.plural)
            for split in entry.splits:
                number = split.words
                condition = "" if number is None else words.get(number) or self._condition_words(number)
                if forms is None and not entry.plural:  # English, one form: the common cases, kept short
                    rows.append((split.english[0][1], None, source, condition, split.markdown[0], ""))
                elif forms is None:
                    for (category, shown), markdown in zip(split.english, split.markdown, strict=True):
                        rows.append((shown, None, source, self._join(condition, message, category), markdown, ""))
                elif not entry.plural and len(forms) == 1:  # translated, one form
                    shown = self.expand(forms[0], self.values(message), split.constraints, True)
                    rows.append((shown, split.english[0][1], True, condition, md_code(shown), split.markdown[0]))
                else:
                    rows.extend(self._translated_rows(message, entry.plural, forms, split, condition))
        return rows

    def _simple(self, message: Message) -> str | None:
        """The printed text of a message with one text and no references (``None`` for the others)."""
        text = message.text
        if text is None or text.is_plural:
            return None
        body = text.forms[0][1]
        if "{" not in body and "}" not in body:
            return body
        return None if "{@" in body else self.expand(body, self.values(message), {}, False)

    def _entries(self, message: Message) -> list[Entry]:
        found = self.shared.entries.get(message.id)
        if found is not None:
            return found
        printed = self._simple(message)
        if printed is not None:
            entries = [Entry(message.id, False, [Split({}, None, [("", printed)], [self.literal(printed, True)])])]
            self.shared.entries[message.id] = entries
            return entries
        entries = []
        listed = (
            [(None, (), message.text)]
            if message.text is not None
            else [(v.key, v.condition, v.text) for v in message.variants]
        )
        earlier: list[Condition] = []
        values = self.values(message)
        has_variants = bool(message.variants)
        for key, condition, text in listed:
            base = {name: frozenset(vals) for name, vals in condition}
            splits: list[Split] = []
            for pins, shown in self._pins(message, text, base, earlier):
                constraints = {**base, **pins} if pins else base
                english = [(cat, self.expand(form, values, constraints, False)) for cat, form in text.forms]
                number = None
                if condition or shown or has_variants:
                    extra: Condition = ()
                    if shown:
                        named = dict(condition)
                        extra = tuple((n, tuple(sorted(v, key=str))) for n, v in constraints.items() if n not in named)
                    number = self.shared.number((condition, extra, has_variants))
                markdown = [self.literal(printed, True) for _, printed in english]
                splits.append(Split(constraints, number, english, markdown))
            entries.append(Entry(message_context(message.id, key), text.is_plural, splits))
            earlier.append(condition)
        self.shared.entries[message.id] = entries
        return entries

    def _translated_rows(
        self, message: Message, plural: bool, forms: tuple[str, ...], split: Split, words: str
    ) -> list[Printed]:
        english = split.english
        cats = plural_categories(self.lang) if plural else ("",)
        if len(cats) != len(forms):
            cats = tuple(str(i) for i in range(len(forms)))
        values = self.values(message)
        joined = None if len(english) == len(forms) else "\n".join(e for _, e in english)
        rows: list[Printed] = []
        for index, form in enumerate(forms):
            if joined is None:
                original, markdown = english[index][1], split.markdown[index]
            else:
                original, markdown = joined, self.literal(joined, True)
            shown = self.expand(form, values, split.constraints, True)
            rows.append((shown, original, True, self._join(words, message, cats[index]), md_code(shown), markdown))
        return rows

    def _pins(
        self, message: Message, text: Text, base: Constraints, earlier: list[Condition]
    ) -> list[tuple[Constraints, bool]]:
        """Extra conditions for params a referenced message chooses its variant by.

        Each comes with whether it splits the row (the texts differ); inputs an
        earlier variant takes are left out, since the first match wins.
        """
        if all("{@" not in form for _, form in text.forms):
            return [({}, False)]
        domains: list[tuple[str, tuple[Scalar, ...]]] = []
        for name in sorted(self._referenced_conditions(text.all_texts, 0)):
            param = message.param(name)
            choices: tuple[Scalar, ...] = (False, True) if param and param.type == "bool" else ()
            if param and param.type == "choice":
                choices = param.choices
            allowed = tuple(v for v in choices if name not in base or v in base[name])
            if len(allowed) > 1:
                domains.append((name, allowed))
        if not domains:
            return [({}, False)]
        pins: list[Constraints] = []
        for combo in itertools.islice(itertools.product(*(d for _, d in domains)), _MAX_SPLIT):
            pin = {name: frozenset([value]) for (name, _), value in zip(domains, combo, strict=True)}
            if not any(_covers(condition, {**base, **pin}) for condition in earlier):
                pins.append(pin)
        values = self.values(message)
        shown = {tuple(self.expand(f, values, {**base, **pin}, False) for _, f in text.forms) for pin in pins}
        if len(shown) > 1:
            return [(pin, True) for pin in pins]
        merged = {name: frozenset(v for pin in pins for v in pin[name]) for name, _ in domains}
        return [(merged if pins else {}, False)]

    def _referenced_conditions(self, bodies: tuple[str, ...], depth: int) -> set[str]:
        """Names of the params that messages referenced from ``bodies`` (transitively) choose variants by."""
        names: set[str] = set()
        for body in bodies:
            if "{@" not in body or depth >= _MAX_DEPTH:
                continue
            for ref in placeholders.refs(body):
                target = self.catalogue.message(ref)
                if target is None:
                    continue
                found = self.shared.referenced.get(ref)
                if found is None:
                    own = {name for variant in target.variants for name, _ in variant.condition}
                    texts = tuple(t for _, text in target.texts() for t in text.all_texts)
                    found = self.shared.referenced[ref] = frozenset(own | self._referenced_conditions(texts, depth + 1))
                names |= found
        return names

    def values(self, message: Message) -> dict[str, str]:
        """How the docs show each param of ``message``: its example or ``<name>``."""
        found = self.shared.values.get(message.id)
        if found is None:
            found = self.shared.values[message.id] = {p.name: p.docs_value for p in message.params}
        return found

    def expand(
        self, body: str, values: Mapping[str, str], constraints: Constraints, translated: bool, depth: int = 0
    ) -> str:
        """A text as printed: fields as examples, references expanded, ``{{`` as ``{``.

        The catalogue is valid here; in a translation, anything that is not a
        field or a reference stays as written.
        """
        if "{" not in body:
            if "}}" not in body:
                return body
        elif "}}" not in body:  # fields only, most often: filled without a regex
            parts = body.split("{")
            for index in range(1, len(parts)):
                name, closed, rest = parts[index].partition("}")
                if not closed or not name.isascii() or not name.isidentifier():
                    break
                value = values.get(name)
                parts[index] = (f"<{name}>" if value is None else value) + rest
            else:
                return "".join(parts)
        return self._expand_tokens(body, values, constraints, translated, depth)

    def _expand_tokens(
        self, body: str, values: Mapping[str, str], constraints: Constraints, translated: bool, depth: int
    ) -> str:
        """:meth:`expand` with references or doubled braces."""

        def replace(match: re.Match[str]) -> str:
            name = match.group(2)
            if name is not None:
                return values.get(name, f"<{name}>")
            if match.group(1) is not None:
                return self._reference(match.group(1), values, constraints, translated, depth)
            return match.group(0)[0]  # a doubled brace

        return (_BRACES if "}}" in body else _OPENING).sub(replace, body)

    def _reference(
        self, target_id: str, values: Mapping[str, str], constraints: Constraints, translated: bool, depth: int
    ) -> str:
        target = self.catalogue.message(target_id)
        if target is None or depth >= _MAX_DEPTH:
            return "{@" + target_id + "}"
        key, text = None, target.text
        if text is None:
            variant = next((v for v in target.variants if _compatible(v.condition, constraints)), target.variants[-1])
            key, text = variant.key, variant.text
        body = text.forms[-1][1]
        if translated and self.tr is not None:
            context = message_context(target.id, key)
            forms = self._translated_forms(context, text.is_plural)
            if forms is not None:
                body = forms[-1]
        merged = {**self.values(target), **values}
        return self.expand(body, merged, constraints, translated, depth + 1)

    def _translated_forms(self, context: str, plural: bool) -> tuple[str, ...] | None:
        if self.tr is None:
            return None
        if plural:
            return self.tr.forms(context)
        one = self.tr.text(context)
        return None if one is None else (one,)

    # -- words -------------------------------------------------------------

    def _condition_words(self, number: int) -> str:
        """Condition ``number`` of Shared.conditions in words of the page language."""
        found = self._words.get(number)
        if found is None:
            found = self._words[number] = self._words_for(*self.shared.conditions[number])
        return found

    def _words_for(self, condition: Condition, extra: Condition, has_variants: bool) -> str:
        labels = self.labels
        if condition:
            return labels.fill(labels.if_, conditions=self._clauses(condition + extra))
        if extra:
            template = labels.otherwise_if if has_variants else labels.if_
            return labels.fill(template, conditions=self._clauses(extra))
        return escape_text(labels.otherwise) if has_variants else ""

    def _clauses(self, condition: Condition) -> str:
        labels = self.labels
        parts = []
        for name, values in condition:
            shown = escape_text(labels.or_).join(code_line(format_value(v)) for v in values)
            parts.append(labels.fill(labels.is_, name=code_line(name), values=shown))
        return escape_text(labels.and_).join(parts)

    def _join(self, words: str, message: Message, category: str) -> str:
        """The condition of one form: ``words``, and the plural form it is (for ``category``)."""
        if not category or message.plural is None:
            return words
        key = (category, message.plural)
        plural = self._plurals.get(key)
        if plural is None:
            labels = self.labels
            plural = self._plurals[key] = labels.fill(
                labels.plural, form=code_line(category), name=code_line(message.plural)
            )
        if words and plural:
            return words + escape_text(self.labels.join) + plural
        return words or plural

    def literal(self, text: str, english: bool) -> str:
        """A message text as Markdown; English texts are escaped once for all pages."""
        if not english:
            return md_cell(text, literal=True)
        found = self.shared.literal.get(text)
        if found is None:
            found = self.shared.literal[text] = md_cell(text, literal=True)
        return found


def _pick(translations: Translations, lang: str) -> LocaleTranslations | None:
    """The translations of ``lang``, or of a locale with the same language (``ja`` for ``ja_JP``)."""
    if lang in translations:
        return translations[lang]
    base = lang.replace("-", "_").split("_")[0]
    return next((t for code, t in translations.items() if code.replace("-", "_").split("_")[0] == base), None)


def _covers(condition: Condition, constraints: Constraints) -> bool:
    """True when every input allowed by ``constraints`` matches ``condition``."""
    return all(name in constraints and constraints[name] <= set(values) for name, values in condition)


def _compatible(condition: Condition, constraints: Constraints) -> bool:
    """True when some input allowed by ``constraints`` matches ``condition``."""
    return all(name not in constraints or constraints[name] & set(values) for name, values in condition)
