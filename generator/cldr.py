"""CLDR plural categories and Plural-Forms, from Babel's data."""

from __future__ import annotations

from functools import cache

from babel import Locale, UnknownLocaleError
from babel.messages.plurals import get_plural


@cache
def plural_categories(locale: str) -> tuple[str, ...]:
    """The CLDR plural categories a language uses, ``other`` last.

    >>> plural_categories("en"), plural_categories("ja")
    (('one', 'other'), ('other',))
    """
    try:
        tags = Locale.parse(locale.replace("-", "_")).plural_form.tags
    except (UnknownLocaleError, ValueError):
        tags = frozenset({"one"})
    order = ("zero", "one", "two", "few", "many")
    return (*tuple(t for t in order if t in tags), "other")


@cache
def plural_forms(locale: str) -> tuple[int, str]:
    """(nplurals, C expression) of gettext's Plural-Forms for a language.

    >>> plural_forms("ja")
    (1, '0')
    """
    rule = get_plural(locale.replace("-", "_"))
    return rule.num_plurals, rule.plural_expr


def is_known_locale(locale: str) -> bool:
    """True when CLDR knows the locale code."""
    try:
        Locale.parse(locale.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return False
    return True
