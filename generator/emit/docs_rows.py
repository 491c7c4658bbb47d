"""The printed forms of messages in one page language: texts, conditions, plural forms.

A message shows as the program prints it: placeholders as their ``example``,
``{@id}`` references expanded, ``{{`` as ``{``.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Mapping
from typing import NamedTuple

from .. import placeholders
from ..cldr import plural_categories
from ..model import Catalogue, Message, Scalar, Text, format_value
from ..translations import LocaleTranslations, Translations
from ..units import message_context
from .docs_labels import LABELS, Labels
from .markdown import (
    code_line,
    escape_text,
    md_cell,
    md_text,
)

Constraints = Mapping[str, frozenset[Scalar]]
Condition = tuple[tuple[str, tuple[Scalar, ...]], ...]
_MAX_DEPTH = 32
_BRACES = re.compile(r"\{\{|\}\}|\{@([a-z][a-z0-9]*(?:-[a-z0-9]+)*)\}|\{([A-Za-z_][A-Za-z0-9_]*)\}")
_MAX_SPLIT = 16  # rows per variant at most, when a referenced message has variants of its own

META_COLUMNS = ("exit_code", "code", "commands", "level", "stream")  # cells alike in every page language


class Row(NamedTuple):
    """One printed form of a message: a variant, a plural form, or the only text."""

    text: str  # as the page's reader sees it printed
    original: str | None  # the English beside it on a translated page
    translated: bool  # False: the program prints English here (not translated yet)
    condition: str  # Markdown: when this form is printed, "" for a plain message


_Form = tuple[str, str]  # (plural category or "", text as printed)
_Split = tuple[Constraints, bool, list[_Form]]  # constraints, whether they show as words, English forms
_Entry = tuple[str | None, Condition, Text, list[_Split]]  # variant key, its condition, its text, its rows
Plain = tuple[str, str, dict[str, str]]  # English text as Markdown, anchors, language-free cells


class Shared:
    """What every page language of one catalogue computes alike: groups, row splits, English texts."""

    def __init__(self, catalogue: Catalogue) -> None:
        self.by_group: dict[str, list[Message]] = {}
        for message in catalogue.messages:
            if message.group is not None:
                self.by_group.setdefault(message.group, []).append(message)
        self.entries: dict[str, list[_Entry]] = {}
        self.referenced: dict[str, frozenset[str]] = {}
        self.values: dict[str, dict[str, str]] = {}
        self.literal: dict[str, str] = {}  # English text -> its Markdown, shown on every page
        self.anchors: dict[str, str] = {}
        self.plain: dict[str, Plain | None] = {}
        self.prose: dict[str, str] = {}
        self.meta: dict[str, dict[str, str]] = {}  # docs text -> its Markdown; many messages share a text


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
        self._words: dict[tuple[Condition, tuple[tuple[str, tuple[Scalar, ...]], ...], bool], str] = {}

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
        rows: list[Row] = []
        has_variants = bool(message.variants)
        for key, condition, text, splits in self._entries(message):
            forms = None
            if self.tr is not None and not self.source:
                forms = self._translated_forms(message_context(message.id, key), text.is_plural)
            for constraints, shown, english in splits:
                words = ""
                if condition or shown or has_variants:
                    pins = {n: v for n, v in constraints.items() if n not in dict(condition)} if shown else {}
                    words = self._condition_words(condition, pins, has_variants)
                if forms is None and not text.is_plural:  # the common case, kept short
                    rows.append(Row(english[0][1], None, self.source, words))
                else:
                    rows.extend(self._form_rows(message, text, forms, constraints, words, english))
        return rows

    def _entries(self, message: Message) -> list[_Entry]:
        found = self.shared.entries.get(message.id)
        if found is not None:
            return found
        text = message.text
        if text is not None and not text.is_plural and "{@" not in text.forms[0][1]:
            printed = self.expand(text.forms[0][1], self.values(message), {}, False)
            entries = self.shared.entries[message.id] = [(None, (), text, [({}, False, [("", printed)])])]
            return entries
        entries = []
        listed = (
            [(None, (), message.text)]
            if message.text is not None
            else [(v.key, v.condition, v.text) for v in message.variants]
        )
        earlier: list[Condition] = []
        values = self.values(message)
        for key, condition, text in listed:
            base = {name: frozenset(vals) for name, vals in condition}
            splits: list[_Split] = []
            for pins, split in self._pins(message, text, base, earlier):
                constraints = {**base, **pins}
                english = [(cat, self.expand(form, values, constraints, False)) for cat, form in text.forms]
                splits.append((constraints, split, english))
            entries.append((key, condition, text, splits))
            earlier.append(condition)
        self.shared.entries[message.id] = entries
        return entries

    def _form_rows(
        self,
        message: Message,
        text: Text,
        forms: tuple[str, ...] | None,
        constraints: Constraints,
        words: str,
        english: list[_Form],
    ) -> list[Row]:
        if forms is None:
            return [
                Row(shown, None, self.source, self._join(words, self._plural_words(message, cat)))
                for cat, shown in english
            ]
        cats = plural_categories(self.lang) if text.is_plural else ("",)
        if len(cats) != len(forms):
            cats = tuple(str(i) for i in range(len(forms)))
        values = self.values(message)
        rows = []
        for index, form in enumerate(forms):
            original = english[index][1] if len(english) == len(forms) else "\n".join(e for _, e in english)
            shown = self.expand(form, values, constraints, True)
            rows.append(Row(shown, original, True, self._join(words, self._plural_words(message, cats[index]))))
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
        if "{" not in body and "}" not in body:
            return body

        def replace(match: re.Match[str]) -> str:
            token = match.group(0)
            if token == "{{" or token == "}}":
                return token[0]
            if match.group(1) is not None:
                return self._reference(match.group(1), values, constraints, translated, depth)
            return values.get(match.group(2), f"<{match.group(2)}>")

        return _BRACES.sub(replace, body)

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

    def _condition_words(self, condition: Condition, pins: Constraints, has_variants: bool) -> str:
        if not condition and not pins:
            return escape_text(self.labels.otherwise) if has_variants else ""
        extra = tuple((name, tuple(sorted(values, key=str))) for name, values in pins.items())
        key = (condition, extra, has_variants)
        found = self._words.get(key)
        if found is None:
            found = self._words[key] = self._words_for(condition, extra, has_variants)
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

    def _plural_words(self, message: Message, category: str) -> str:
        if not category or message.plural is None:
            return ""
        return self.labels.fill(self.labels.plural, form=code_line(category), name=code_line(message.plural))

    def _join(self, words: str, plural: str) -> str:
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
