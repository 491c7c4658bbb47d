"""Translation coverage per locale (``msgbook status``), message texts and docs texts apart.

Counts come from the same in-memory merge as ``build``, so a message added to
the catalogue shows as untranslated before anyone runs ``build``.
"""

from __future__ import annotations

from .catalogue_io import read_valid_catalogue
from .diagnostics import Diagnostic, Severity, sort_diagnostics
from .emit.gettext import plan_gettext
from .project import Project
from .translations import GettextOptions
from .units import units

Report = list[tuple[str, str, int, int, int, int]]
_READ_RULES = frozenset({"po-syntax", "po-header", "po-format", "duplicate-entry"})
_KINDS = (("message", "messages"), ("docs", "docs"))


def status(project: Project) -> tuple[Report, list[Diagnostic]]:
    """Coverage rows: (locale, kind, translated, fuzzy, untranslated, obsolete).

    ``kind`` is ``messages`` (texts the program prints) or ``docs`` (``when``,
    ``action`` and group texts). The findings are the catalogue's and those of
    .po files that cannot be read; a locale whose .po cannot be read has no row.
    """
    catalogue, found = read_valid_catalogue(project)
    if catalogue is None or any(d.severity is Severity.ERROR for d in found):
        return [], _configured(project, found)
    plan = plan_gettext(project, catalogue, GettextOptions())
    found = [*found, *(d for d in plan.diagnostics if d.rule in _READ_RULES)]
    report: Report = []
    all_units = units(catalogue)
    for locale, translations in plan.translations.items():
        obsolete = plan.obsolete.get(locale, [])
        for kind, label in _KINDS:
            counts = [0, 0, 0]  # translated, fuzzy, untranslated
            for unit in all_units:
                if unit.kind != kind:
                    continue
                entry = translations.entries.get(unit.context)
                counts[0 if entry is not None and entry.usable else 1 if entry is not None and entry.fuzzy else 2] += 1
            retired = sum(1 for context in obsolete if _kind_of(context) == kind)
            report.append((locale, label, counts[0], counts[1], counts[2], retired))
    return report, _configured(project, found)


def _kind_of(context: str | None) -> str:
    """Whether an obsolete entry's msgctxt names a docs text (``id#when``, ``group:x#title``).

    >>> _kind_of("a-b#when"), _kind_of("a-b|ci=true"), _kind_of(None)
    ('docs', 'message', 'message')
    """
    return "docs" if context is not None and "#" in context else "message"


def _configured(project: Project, found: list[Diagnostic]) -> list[Diagnostic]:
    kept = [d for d in (project.apply_severity(d) for d in found) if d is not None]
    return sort_diagnostics(kept)


def render_status(report: Report) -> str:
    """The coverage table as text; ``done`` is translated / all texts, rounded down.

    >>> print(render_status([("ja", "messages", 3, 0, 1, 2)]), end="")
    locale  texts     translated  fuzzy  untranslated  obsolete    done
    ja      messages           3      0             1         2   75.0%
    """
    if not report:
        return "no locales to translate into (add some under `locales:` in the catalogue)\n"
    width = max(6, *(len(row[0]) for row in report))
    lines = [f"{'locale':<{width}}  {'texts':<8}  translated  fuzzy  untranslated  obsolete  {'done':>6}"]
    for locale, kind, translated, fuzzy, untranslated, obsolete in report:
        total = translated + fuzzy + untranslated
        done = f"{_percent(translated, total)}%"
        lines.append(
            f"{locale:<{width}}  {kind:<8}  {translated:>10}  {fuzzy:>5}  {untranslated:>12}  {obsolete:>8}  {done:>6}"
        )
    return "\n".join(lines) + "\n"


def _percent(part: int, total: int) -> str:
    """A percentage with one decimal, rounded down so that 100.0 means complete.

    >>> _percent(1999, 2000), _percent(0, 0), _percent(1, 3)
    ('99.9', '100.0', '33.3')
    """
    if total == 0:
        return "100.0"
    tenths = part * 1000 // total
    return f"{tenths // 10}.{tenths % 10}"
