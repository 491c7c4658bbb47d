"""Catalogue + translations -> Markdown: reference pages, group tables, single messages.

Pure and engine-independent: no MkDocs import, no file reads. ``msgbook
build`` writes the reference pages as files any Markdown engine can read; the
MkDocs plugin calls :func:`expand_markers` on hand-written pages.

A message shows as the program prints it: placeholders as their ``example``,
``{@id}`` references expanded, ``{{`` as ``{``. On a translated page the
message is the translation (the English original beside it) and docs texts
come from the ``.po``; anything untranslated shows English with a mark.
"""

from __future__ import annotations

import difflib
import functools
import itertools
import posixpath
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import NamedTuple

from .. import placeholders
from ..cldr import plural_categories
from ..diagnostics import Diagnostic, Location, Severity
from ..gcpause import paused_gc
from ..model import Catalogue, Group, Message, Scalar, Text, format_value
from ..outputs import Outputs
from ..project import Project
from ..rules import RULES
from ..translations import LocaleTranslations, Translations
from ..units import docs_context, group_context, message_context
from .markdown import (
    BR,
    Marker,
    anchor,
    code_line,
    code_spans,
    escape_text,
    fence_safe,
    find_markers,
    html_comment,
    md_cell,
    md_code,
    md_fence,
    md_table,
    md_text,
    prose_fragment,
)

Constraints = Mapping[str, frozenset[Scalar]]
Condition = tuple[tuple[str, tuple[Scalar, ...]], ...]
_MAX_DEPTH = 32
_BRACES = re.compile(r"\{\{|\}\}|\{@([a-z][a-z0-9]*(?:-[a-z0-9]+)*)\}|\{([A-Za-z_][A-Za-z0-9_]*)\}")
_MAX_SPLIT = 16  # rows per variant at most, when a referenced message has variants of its own

_UNTRANSLATED = '<span class="msgbook-untranslated" title="{title}">{label}</span>'
_FILL = re.compile(r"\{(\w+)\}")


@dataclass(frozen=True, slots=True)
class Labels:
    """The words a page language adds around catalogue texts (templates take ``{name}`` fields)."""

    columns: Mapping[str, str]
    mark: str  # the "not translated yet" badge, raw HTML
    colon: str
    otherwise: str
    otherwise_if: str
    or_: str
    and_: str
    is_: str
    if_: str
    plural: str
    join: str
    empty: str
    index_title: str
    index_intro: str
    index_columns: tuple[str, str, str]
    see_rules: str
    rules_title: str
    rules_intro: str
    rules_columns: tuple[str, str, str, str]
    rule_summary: str
    rule_meta: str
    bad: str
    good: str

    def column(self, name: str) -> str:
        return self.columns.get(name, name)

    def fill(self, template: str, **markdown: str) -> str:
        """A template as Markdown: its own words escaped, ``{name}`` fields given as Markdown."""
        pieces = _template(template)
        return "".join(markdown[piece] if index % 2 else piece for index, piece in enumerate(pieces))


@functools.cache
def _template(template: str) -> tuple[str, ...]:
    """A label template split at its ``{name}`` fields, its own words already escaped."""
    pieces = _FILL.split(template)
    return tuple(piece if index % 2 else prose_fragment(piece) for index, piece in enumerate(pieces))


LABELS: dict[str, Labels] = {
    "en": Labels(
        columns={
            "message": "Message",
            "original": "English original",
            "when": "When it appears",
            "action": "What to do",
            "exit_code": "Exit code",
            "code": "Error code",
            "level": "Level",
            "stream": "Output",
            "commands": "Commands",
        },
        mark=_UNTRANSLATED.format(title="shown in English until it is translated", label="not translated yet"),
        colon=": ",
        otherwise="Otherwise",
        otherwise_if="Otherwise, if {conditions}",
        or_=" or ",
        and_=" and ",
        is_="{name} is {values}",
        if_="If {conditions}",
        plural="plural form {form} of {name}",
        join="; ",
        empty="This group has no messages yet.",
        index_title="Message reference",
        index_intro="Every message of {domain}, by group: what it says, when it appears and what to do.",
        index_columns=("Group", "Description", "Messages"),
        see_rules="The rules of `msgbook check` are listed in {rules}.",
        rules_title="Check rules",
        rules_intro="`msgbook check` prints each finding as `path:line:col: severity: text [rule-id]`. "
        "Change the severity of a rule, for all locales or per locale, under `[tool.msgbook.severity]` "
        "in `pyproject.toml`.",
        rules_columns=("Rule", "Family", "Default", "Summary"),
        rule_summary="{summary}.",
        rule_meta="Default: {severity}. Family: {family}.",
        bad="Reported",
        good="Fixed",
    ),
    "ja": Labels(
        columns={
            "message": "メッセージ",
            "original": "英語の原文",
            "when": "発生条件",
            "action": "対処方法",
            "exit_code": "終了コード",
            "code": "エラーコード",
            "level": "レベル",
            "stream": "出力先",
            "commands": "コマンド",
        },
        mark=_UNTRANSLATED.format(title="翻訳されるまで英語で表示されます", label="未翻訳"),
        colon="：",
        otherwise="上記以外の場合",
        otherwise_if="上記以外で {conditions} の場合",
        or_=" または ",
        and_="、",
        is_="{name} が {values}",
        if_="{conditions} の場合",
        plural="{name} の複数形 {form}",
        join="、",
        empty="このグループにはまだメッセージがありません。",
        index_title="メッセージリファレンス",
        index_intro="{domain} のすべてのメッセージを、グループごとに、内容・発生条件・対処方法とともに掲載しています。",
        index_columns=("グループ", "説明", "メッセージ数"),
        see_rules="`msgbook check` のルールは{rules}にあります。",
        rules_title="チェックルール",
        rules_intro="`msgbook check` は検出結果を `path:line:col: severity: text [rule-id]` の形式で出力します。"
        "ルールの重大度は `pyproject.toml` の `[tool.msgbook.severity]` で、ルールごと・ロケールごとに変更できます。"
        "各ルールの説明は英語のみです。",
        rules_columns=("ルール", "分類", "既定", "概要"),
        rule_summary="{summary}。",
        rule_meta="既定：{severity}。分類：{family}。",
        bad="検出される例",
        good="修正後",
    ),
}


class Row(NamedTuple):
    """One printed form of a message: a variant, a plural form, or the only text."""

    text: str  # as the page's reader sees it printed
    original: str | None  # the English beside it on a translated page
    translated: bool  # False: the program prints English here (not translated yet)
    condition: str  # Markdown: when this form is printed, "" for a plain message


_Form = tuple[str, str]  # (plural category or "", text as printed)
_Split = tuple[Constraints, bool, list[_Form]]  # constraints, whether they show as words, English forms
_Entry = tuple[str | None, Condition, Text, list[_Split]]  # variant key, its condition, its text, its rows
_Plain = tuple[str, str, dict[str, str]]  # English text as Markdown, anchors, language-free cells


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
        self.plain: dict[str, _Plain | None] = {}


class Language:
    """Renders one catalogue in one page language."""

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
            return md_text(english), self.labels.mark
        return md_text(english if translated is None else translated), ""

    def docs_text(self, context: str, english: str) -> str:
        """A docs text as Markdown, with the untranslated mark after it when it shows English."""
        text, mark = self.docs(context, english)
        return f"{text} {mark}" if mark else text

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

    # -- tables and blocks ----------------------------------------------------

    def columns(self, group: Group) -> list[str]:
        columns = list(group.columns)
        if not self.source and "message" in columns:
            columns.insert(columns.index("message") + 1, "original")
        return columns

    def group_table(self, group: Group) -> str:
        """The group's messages as a table with the group's columns."""
        messages = self.shared.by_group.get(group.id, [])
        if not messages:
            return escape_text(self.labels.empty) + "\n"
        columns = self.columns(group)
        header = [escape_text(self.labels.column(c)) for c in columns]
        body: list[list[str]] = []
        for message in messages:
            plain = self._plain(message)
            if plain is None:
                body.extend(self.message_cells(message, columns))
            else:
                body.append(self._plain_cells(message, columns, plain))
        return md_table(header, body)

    def _plain(self, message: Message) -> _Plain | None:
        """The parts of a one-text message that every language shows alike (``None`` for the others)."""
        shared = self.shared
        if message.id in shared.plain:
            return shared.plain[message.id]
        entries = self._entries(message)
        plain = None
        if len(entries) == 1 and len(entries[0][3]) == 1 and not message.variants and not entries[0][2].is_plural:
            english = entries[0][3][0][2][0][1]
            meta = {c: self._meta_cell(message, c) for c in ("exit_code", "code", "commands", "level", "stream")}
            plain = (self.literal(english, True), self._anchors(message), meta)
        shared.plain[message.id] = plain
        return plain

    def _plain_cells(self, message: Message, columns: list[str], plain: _Plain) -> list[str]:
        """The one row of a one-text message: the common case, kept short."""
        english_md, anchors, meta = plain
        text, original = english_md, self.labels.mark
        if self.source:
            original = ""
        elif self.tr is not None:
            entry = self.tr.entries.get(message.id)
            if entry is not None and entry.usable and len(entry.forms) == 1:
                text = md_code(self.expand(entry.forms[0], self.values(message), {}, True))
                original = english_md
        cells = []
        for column in columns:
            if column == "message":
                cells.append(anchors + text)
            elif column == "original":
                cells.append(original)
            elif column == "when" or column == "action":
                english_doc = message.when if column == "when" else message.action
                cells.append(self.docs_text(docs_context(message.id, column), english_doc) if english_doc else "")
            else:
                cells.append(meta[column])
        return cells

    def message_cells(self, message: Message, columns: list[str]) -> list[list[str]]:
        """Table rows of one message: one per variant or plural form, metadata on the first."""
        when = ""
        if message.when and "when" in columns:
            when = self.docs_text(docs_context(message.id, "when"), message.when)
        result = []
        inline_condition = "when" not in columns
        for index, row in enumerate(self.rows(message)):
            first = index == 0
            condition = f"<em>{row.condition}</em>" if row.condition else ""
            cells = []
            for column in columns:
                if column == "message":
                    lead = self._anchors(message) if first else ""
                    if condition and inline_condition:
                        lead += condition + BR
                    cells.append(lead + self.literal(row.text, row.original is None))
                elif column == "original":
                    cells.append(self.literal(row.original, True) if row.original is not None else self.labels.mark)
                elif column == "when":
                    cells.append((when + BR + condition if condition else when) if first and when else condition)
                else:
                    cells.append(self._meta_cell(message, column) if first else "")
            result.append(cells)
        return result

    def _anchors(self, message: Message) -> str:
        found = self.shared.anchors.get(message.id)
        if found is None:
            names = [message.id] + ([message.code] if message.code and message.code != message.id else [])
            found = self.shared.anchors[message.id] = "".join(anchor(name) for name in names)
        return found

    def _meta_cell(self, message: Message, column: str) -> str:
        if column == "action":
            return self.docs_text(docs_context(message.id, "action"), message.action) if message.action else ""
        if column == "exit_code":
            return "" if message.exit_code is None else str(message.exit_code)
        if column == "code":
            return code_line(message.code) if message.code else ""
        if column == "commands":
            return ", ".join(code_line(command) for command in message.commands)
        value = message.level if column == "level" else message.stream
        return escape_text(value) if value else ""

    def message_block(self, message: Message) -> str:
        """One message for a hand-written page: its text as a code block, then when and what to do."""
        labels = self.labels
        parts = []
        for row in self.rows(message):
            if row.condition:
                parts.append(f"<em>{row.condition}</em>")
            parts.append((md_fence(row.text) if fence_safe(row.text) else md_code(row.text) + "\n").rstrip("\n"))
            if row.original is not None:
                parts.append(escape_text(labels.column("original")) + labels.colon + md_code(row.original))
            elif not row.translated:
                parts.append(labels.mark)
        for field, label in (("when", labels.column("when")), ("action", labels.column("action"))):
            english = getattr(message, field)
            if english:
                text = self.docs_text(docs_context(message.id, field), english)
                parts.append(f"<strong>{escape_text(label)}</strong>{labels.colon}{text}")
        return "\n\n".join(parts) + "\n"

    # -- pages ---------------------------------------------------------------

    def group_page(self, group: Group) -> str:
        title, mark = self.docs(group_context(group.id, "title"), group.title)
        parts = [f"# {title}", *([mark] if mark else [])]
        if group.description:
            parts.append(self.docs_text(group_context(group.id, "description"), group.description))
        parts.append(self.group_table(group).rstrip("\n"))
        return "\n\n".join(parts) + "\n"

    def index_page(self, pages: Mapping[str, str]) -> str:
        labels = self.labels
        header = [escape_text(h) for h in labels.index_columns]
        rows = []
        for group in self.catalogue.groups:
            title, mark = self.docs(group_context(group.id, "title"), group.title)
            description = (
                self.docs_text(group_context(group.id, "description"), group.description) if group.description else ""
            )
            count = len(self.shared.by_group.get(group.id, []))
            rows.append([f"[{title}]({pages[group.id]}){' ' + mark if mark else ''}", description, str(count)])
        intro = labels.fill(labels.index_intro, domain=code_line(self.catalogue.domain))
        rules = f"[{escape_text(labels.rules_title)}](rules.md)"
        return f"# {escape_text(labels.index_title)}\n\n{intro}\n\n{md_table(header, rows)}\n{labels.fill(labels.see_rules, rules=rules)}\n"

    def rules_page(self) -> str:
        labels = self.labels
        header = [escape_text(h) for h in labels.rules_columns]
        rows = [
            [f"[{code_line(r.id)}](#{r.id})", escape_text(r.family), escape_text(str(r.severity)), md_text(r.summary)]
            for r in RULES.values()
        ]
        parts = [
            f"# {escape_text(labels.rules_title)}",
            labels.fill(labels.rules_intro),
            md_table(header, rows).rstrip("\n"),
        ]
        for rule in RULES.values():
            parts.append(f"## {code_line(rule.id)}")
            summary = labels.fill(labels.rule_summary, summary=md_text(rule.summary))
            meta = labels.fill(
                labels.rule_meta, severity=escape_text(str(rule.severity)), family=escape_text(rule.family)
            )
            parts.append(f"{summary} <em>{meta}</em>")
            parts.append(md_text(rule.why))
            for label, example in ((labels.bad, rule.bad), (labels.good, rule.good)):
                block = md_fence(example).rstrip("\n") if fence_safe(example) else md_code(example)
                parts.append(f"{escape_text(label)}{labels.colon}\n\n{block}")
        return "\n\n".join(parts) + "\n"


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


# -- files ------------------------------------------------------------------------


def reference_paths(catalogue: Catalogue) -> dict[str, str]:
    """The page file name of each group under ``reference/`` (``index`` and ``rules`` are taken)."""
    return {g.id: (f"group-{g.id}.md" if g.id in ("index", "rules") else f"{g.id}.md") for g in catalogue.groups}


def render_docs(project: Project, catalogue: Catalogue, translations: Translations) -> Outputs:
    """Generated docs pages (per language, under <docs>/<lang>/reference/), by root-relative path."""
    with paused_gc():
        return _render_docs(project, catalogue, translations)


def _render_docs(project: Project, catalogue: Catalogue, translations: Translations) -> Outputs:
    outputs: Outputs = {}
    pages = reference_paths(catalogue)
    shared = Shared(catalogue)
    for lang in (catalogue.source_locale, *catalogue.locales):
        language = Language(catalogue, lang, translations, shared)
        sources = [catalogue.path] + ([language.tr.path] if language.tr is not None else [])
        notice = html_comment(
            f"Generated by msgbook from {' and '.join(sources)}. Do not edit: change those files and "
            "run `msgbook build`; `msgbook check` reports edits made here."
        )
        folder = posixpath.join(project.docs, lang, "reference")
        bodies = {"index.md": language.index_page(pages), "rules.md": language.rules_page()}
        bodies.update({pages[g.id]: language.group_page(g) for g in catalogue.groups})
        for name, body in bodies.items():
            outputs[posixpath.join(folder, name)] = f"{notice}\n\n{body}".encode()
    return outputs


def page_titles(project: Project, catalogue: Catalogue, translations: Translations) -> dict[str, str]:
    """The plain-text title of each generated page (code spans without backticks), by its path."""
    titles = {}
    pages = reference_paths(catalogue)
    for lang in (catalogue.source_locale, *catalogue.locales):
        language = Language(catalogue, lang, translations)
        folder = posixpath.join(project.docs, lang, "reference")
        titles[posixpath.join(folder, "index.md")] = language.labels.index_title
        titles[posixpath.join(folder, "rules.md")] = language.labels.rules_title
        for group in catalogue.groups:
            title = language.docs_plain(group_context(group.id, "title"), group.title)
            titles[posixpath.join(folder, pages[group.id])] = "".join(piece for _, piece in code_spans(title))
    return titles


def render_group(catalogue: Catalogue, translations: Translations, group_id: str, lang: str) -> str:
    """One group's table in ``lang``, as Markdown (for other engines and snippets)."""
    group = catalogue.group(group_id)
    if group is None:
        raise KeyError(group_id)
    return Language(catalogue, lang, translations).group_table(group)


def render_message(catalogue: Catalogue, translations: Translations, message_id: str, lang: str) -> str:
    """One message as a block of Markdown in ``lang``."""
    message = catalogue.message(message_id)
    if message is None:
        raise KeyError(message_id)
    return Language(catalogue, lang, translations).message_block(message)


# -- markers ------------------------------------------------------------------------


MARKER_KINDS = ("group", "message")
_MARKER_FORMS = "<!-- msgbook:group ID --> or <!-- msgbook:message ID -->"


def marker_problem(marker: Marker, catalogue: Catalogue) -> str | None:
    """Why a marker cannot be expanded, or ``None``."""
    if not marker.kind or marker.kind not in MARKER_KINDS:
        return f"malformed msgbook marker {marker.source!r}; expected {_MARKER_FORMS}"
    if not marker.alone:
        return f"msgbook marker {marker.source!r} must stand alone on its line"
    known = [g.id for g in catalogue.groups] if marker.kind == "group" else [m.id for m in catalogue.messages]
    if marker.target in known:
        return None
    close = difflib.get_close_matches(marker.target, known, n=1)
    hint = f"; did you mean {close[0]!r}?" if close else ""
    return f"docs marker names unknown {marker.kind} {marker.target!r}{hint}"


def expand_markers(
    markdown: str,
    catalogue: Catalogue,
    translations: Translations,
    lang: str,
    page: str,
    first_line: int = 1,
    shared: Shared | None = None,
) -> tuple[str, list[Diagnostic]]:
    """Replace each marker with its table or message in ``lang``.

    Markers that cannot be expanded stay as they are and come back as
    ``unknown-marker`` findings at ``page`` (lines counted from ``first_line``).
    Pass the same ``shared`` for every page of a build to compute each message once.
    """
    markers = find_markers(markdown)
    if not markers:
        return markdown, []
    language = Language(catalogue, lang, translations, shared)
    lines = markdown.split("\n")
    problems = []
    for marker in reversed(markers):
        problem = marker_problem(marker, catalogue)
        if problem is not None:
            where = Location(page, marker.line + first_line - 1, len(marker.indent) + 1)
            problems.append(Diagnostic(where, Severity.ERROR, "unknown-marker", problem))
            continue
        if marker.kind == "group":
            group = catalogue.group(marker.target)
            assert group is not None
            block = language.group_table(group)
        else:
            message = catalogue.message(marker.target)
            assert message is not None
            block = language.message_block(message)
        replacement = ["", *[(marker.indent + line) if line else "" for line in block.rstrip("\n").split("\n")], ""]
        lines[marker.line - 1 : marker.line] = replacement
    return "\n".join(lines), sorted(problems, key=Diagnostic.sort_key)
