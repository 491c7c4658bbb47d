"""Translation findings: untranslated, fuzzy, placeholder, code-span and plural-count problems.

Each finding points at the first line of its entry in the locale's ``.po``
(the file ``build`` would write, which is the file on disk once it is in
sync). Severities are the rules' defaults; the pipeline applies the
project's per-locale settings.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from functools import lru_cache

from ..diagnostics import Diagnostic, Location
from ..model import Catalogue
from ..placeholders import Field, Ref, Segment, parse
from ..project import Project
from ..rules import RULES
from ..translations import LocaleTranslations, Translations
from ..units import Unit, units

# A Markdown code span: a run of backticks, text, the same run (CommonMark).
_CODE_SPAN = re.compile(r"(?<!`)(`+)(?!`)(.+?)(?<!`)\1(?!`)", re.DOTALL)


def check_translations(project: Project, catalogue: Catalogue, translations: Translations) -> list[Diagnostic]:
    """Findings about each locale's merged translations, at their .po lines.

    Called once per locale by the pipeline, so per-locale severities apply.
    """
    found: list[Diagnostic] = []
    all_units = units(catalogue)
    for translated in translations.values():
        for unit in all_units:
            found.extend(_check_unit(unit, translated))
    return found


def _check_unit(unit: Unit, locale: LocaleTranslations) -> Iterator[Diagnostic]:
    entry = locale.entries.get(unit.context)
    where = Location(locale.path, entry.line, 1) if entry is not None and entry.line else Location(locale.path)
    name = f'"{unit.context}"'

    def finding(rule: str, message: str) -> Diagnostic:
        return Diagnostic(where, RULES[rule].severity, rule, message)

    if entry is None or not any(entry.forms):
        yield finding("untranslated-entry", f"{name} has no {locale.locale} translation")
        return
    if unit.msgid_plural is not None and len(entry.forms) != locale.nplurals:
        yield finding(
            "plural-forms-mismatch",
            f"{locale.locale} translation of {name} has {len(entry.forms)} plural forms, "
            f"but {locale.locale} has {locale.nplurals} (Plural-Forms: nplurals={locale.nplurals})",
        )
    if entry.fuzzy:
        yield finding(
            "fuzzy-entry",
            f"{locale.locale} translation of {name} is fuzzy, so English is shown; "
            "review it against the English and remove the fuzzy flag",
        )
        return  # the runtime shows English; its placeholders are checked once it is reviewed
    for index, text in enumerate(entry.forms):
        label = f"{locale.locale} translation of {name}" + (f" (msgstr[{index}])" if len(entry.forms) > 1 else "")
        if not text:
            yield finding("untranslated-entry", f"{label} is empty")
            continue
        english = _english_for(unit, index, locale.nplurals)
        if unit.kind == "message":
            yield from (finding("placeholder-mismatch", m) for m in _placeholder_problems(label, unit, english, text))
        problem = _code_span_problem(label, english, text)
        if problem is not None:
            yield finding("code-span-mismatch", problem)


def _english_for(unit: Unit, index: int, nplurals: int) -> str:
    """The English a form translates: msgid for the first of several forms, else msgid_plural."""
    if unit.msgid_plural is None or (index == 0 and nplurals > 1):
        return unit.msgid
    return unit.msgid_plural


def _placeholder_problems(label: str, unit: Unit, english: str, text: str) -> Iterator[str]:
    """Missing, extra or malformed ``{name}`` fields and ``{@id}`` references.

    A plural form may leave out the param that chooses the form ("one job"),
    and may use any placeholder of either English form.

    >>> list(_placeholder_problems("t", _unit("Saved {path}"), "Saved {path}", "{file} {x.y} saved"))
    ['t has {x.y}: attribute or index access is not allowed; use a plain name', 't lacks {path} and has {file}, which the English does not']
    """
    if "{" not in text and "}" not in text and "{" not in english:
        return  # the common case: nothing to compare
    segments, bad = parse(text)
    for item in bad:
        yield f"{label} has {item.source}: {item.reason}"
    required = set(_english_names(english))
    allowed = set(required)
    if unit.msgid_plural is not None:
        allowed |= _english_names(unit.msgid) | _english_names(unit.msgid_plural)
        if unit.message is not None and unit.message.plural:
            required.discard(f"{{{unit.message.plural}}}")
    got = _names(segments)
    parts = []
    if required - got:
        parts.append(f"lacks {', '.join(sorted(required - got))}")
    if got - allowed:
        parts.append(f"has {', '.join(sorted(got - allowed))}, which the English does not")
    if parts:
        yield f"{label} {' and '.join(parts)}"


@lru_cache(maxsize=1 << 16)
def _english_names(text: str) -> frozenset[str]:
    """The placeholders of an English text; each is checked once per locale, so remember them."""
    return _names(parse(text)[0])


def _names(segments: tuple[Segment, ...]) -> frozenset[str]:
    """The ``{name}`` fields and ``{@id}`` references among segments, as written."""
    names = set()
    for segment in segments:
        if isinstance(segment, Field):
            names.add(f"{{{segment.name}}}")
        elif isinstance(segment, Ref):
            names.add(f"{{@{segment.message_id}}}")
    return frozenset(names)


def _code_span_problem(label: str, english: str, text: str) -> str | None:
    """A message when the backtick spans differ from the English (as a multiset).

    >>> _code_span_problem("t", "Run `arkor login` now", "`arkor ログイン` を実行")
    't lacks `arkor login` and has `arkor ログイン`, which the English does not'
    >>> _code_span_problem("t", "Run `a` or `b`", "`b` か `a` を実行") is None
    True
    """
    if _spans(english) == _spans(text):
        return None
    want, got = Counter(_spans(english)), Counter(_spans(text))
    parts = []
    if want - got:
        parts.append("lacks " + ", ".join(f"`{s}`" for s in sorted((want - got).elements())))
    if got - want:
        parts.append(
            "has " + ", ".join(f"`{s}`" for s in sorted((got - want).elements())) + ", which the English does not"
        )
    return f"{label} {' and '.join(parts)}"


def _spans(text: str) -> list[str]:
    """The code spans of a text, sorted (a multiset to compare)."""
    if "`" not in text:
        return []
    return sorted(match.group(2) for match in _CODE_SPAN.finditer(text))


def _unit(text: str) -> Unit:
    """A message unit for doctests."""
    return Unit("m", text, None, "message", (1, 1))
