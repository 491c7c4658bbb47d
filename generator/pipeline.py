"""``build`` and ``check``: one code path computes every output and finding.

:func:`plan` loads the catalogue, merges translations in memory and renders
every output; ``build`` writes what differs, ``check`` reports what differs.
Neither prints.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from . import later
from .cache import clear_state, encode_finding, extra_key, fingerprint, input_paths, noop_findings, write_state
from .catalogue_io import read_valid_catalogue
from .checks.docs import check_docs
from .checks.files import leftover_files
from .checks.sources import check_sources
from .checks.translations import check_translations
from .diagnostics import Diagnostic, Location, MsgbookError, Severity, sort_diagnostics
from .emit.docs import render_docs
from .emit.gettext import GettextPlan, plan_gettext
from .emit.po_plan import LocaleTail
from .emit.runtime import render_runtime
from .model import Catalogue
from .outputs import Outputs, remove_files, stale, write_changed
from .project import Project
from .translations import GettextOptions, LocaleTranslations, Translations


@dataclass(slots=True)
class Plan:
    """Everything a build would write, and every finding on the way."""

    outputs: Outputs = field(default_factory=dict)
    byte_checked: set[str] = field(default_factory=set)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    locale_diagnostics: list[tuple[str, Diagnostic]] = field(default_factory=list)
    drift: list[Diagnostic] = field(default_factory=list)  # outputs out of date: build fixes, check reports
    blocked: bool = False  # an input could not be read or is invalid: write nothing


@dataclass(frozen=True, slots=True)
class BuildResult:
    written: list[str]
    diagnostics: list[Diagnostic]
    removed: list[str] = field(default_factory=list)  # generated files the catalogue no longer makes


def _merge(
    project: Project, options: GettextOptions, *, render: bool = False, return_translations: bool = True
) -> tuple[Catalogue | None, GettextPlan | None, list[Diagnostic]]:
    """Load and validate the catalogue, then merge every locale's .po with it in memory.

    The catalogue is ``None`` when it is invalid; the plan is ``None`` when
    there is no usable catalogue to merge with. With ``render``, each locale's
    runtime module and docs pages are rendered right after its merge (in the
    worker process that merged it), into ``generated``.
    """
    catalogue, found = read_valid_catalogue(project)
    diagnostics = list(found)
    if catalogue is None or any(d.severity is Severity.ERROR for d in diagnostics):
        return None, None, diagnostics  # never generate code or docs from an invalid catalogue
    unknown = sorted(options.keep_translations - {m.id for m in catalogue.messages})
    if unknown:
        raise MsgbookError(f"--keep-translations names no message {unknown[0]!r}")
    tail = _locale_files(project, catalogue) if render else None
    gettext = plan_gettext(project, catalogue, options, tail, return_translations)
    diagnostics.extend(gettext.diagnostics)
    return catalogue, gettext, diagnostics


def _locale_files(project: Project, catalogue: Catalogue) -> LocaleTail:
    """What a locale's translations make besides its .po and .mo: its runtime module and docs pages.

    The source locale (``translated`` is ``None``) makes the runtime module's
    package and the source-language pages.
    """

    def render(locale: str, translated: LocaleTranslations | None) -> Outputs:
        only = {} if translated is None else {locale: translated}
        return {
            **render_runtime(project, catalogue, only, locales=[locale]),
            **render_docs(project, catalogue, only, languages=[locale]),
        }

    return render


def plan(project: Project, options: GettextOptions | None = None, *, with_checks: bool = False) -> Plan:
    """Load and validate the catalogue, merge translations, compute all outputs."""
    result = Plan()
    catalogue, gettext, diagnostics = _merge(
        project, options or GettextOptions(), render=True, return_translations=with_checks
    )
    result.diagnostics.extend(diagnostics)
    if catalogue is None or gettext is None:
        result.blocked = True
        return result
    result.drift.extend(gettext.drift)
    result.outputs.update(gettext.outputs)
    result.byte_checked.update(gettext.byte_checked)
    if gettext.blocked:
        result.blocked = True
        return result
    result.outputs.update(gettext.generated)
    result.byte_checked.update(gettext.generated)
    if with_checks:
        for locale, translated in gettext.translations.items():
            for finding in check_translations(project, catalogue, {locale: translated}):
                result.locale_diagnostics.append((locale, finding))
        result.diagnostics.extend(check_sources(project, catalogue))
        result.diagnostics.extend(check_docs(project, catalogue))
    return result


@dataclass(frozen=True, slots=True)
class Inputs:
    """The catalogue with its merged translations, for readers such as the MkDocs plugin."""

    catalogue: Catalogue | None
    translations: Translations
    diagnostics: list[Diagnostic]


def load_inputs(project: Project) -> Inputs:
    with _then_write_caches():
        return _load_inputs(project)


def _load_inputs(project: Project) -> Inputs:
    """Load and validate the catalogue and merge translations in memory; writes nothing.

    ``catalogue`` is ``None`` when the catalogue or a .po cannot be used; the
    diagnostics say why.
    """
    catalogue, gettext, diagnostics = _merge(project, GettextOptions())
    if catalogue is None or gettext is None or gettext.blocked:
        return Inputs(None, {}, sort_diagnostics(diagnostics))
    return Inputs(catalogue, gettext.translations, sort_diagnostics(diagnostics))


def _finish(project: Project, result: Plan, extra: list[Diagnostic]) -> list[Diagnostic]:
    kept = []
    pairs = [(None, d) for d in [*result.diagnostics, *extra]] + list(result.locale_diagnostics)
    for locale, diagnostic in pairs:
        adjusted = project.apply_severity(diagnostic, locale)
        if adjusted is not None:
            kept.append(adjusted)
    return sort_diagnostics(kept)


@contextmanager
def _then_write_caches() -> Iterator[None]:
    """Write the caches a run queued once it is done (see :mod:`generator.later`)."""
    try:
        yield
    finally:
        later.flush()


def build(project: Project, options: GettextOptions | None = None) -> BuildResult:
    """Write every output whose bytes changed; nothing when an input is unusable.

    When no input, output, setting or option changed since the last complete
    build (by ``stat()``), nothing is parsed at all.
    """
    with _then_write_caches():
        return _build(project, options)


def _build(project: Project, options: GettextOptions | None) -> BuildResult:
    options = options or GettextOptions()
    remembered = noop_findings(project, options)
    if remembered is not None:
        return BuildResult([], remembered)
    result = plan(project, options)
    findings = _finish(project, result, [])
    if result.blocked:
        clear_state(project.root)
        return BuildResult([], findings)
    written = write_changed(project.root, result.outputs)
    removed = remove_files(project.root, leftover_files(project, project.catalogue, result.outputs))
    outputs = sorted(result.outputs)
    write_state(
        project.root,
        {
            "fingerprint": fingerprint(project.root, [*input_paths(project), *outputs], extra_key(project, options)),
            "outputs": outputs,
            "findings": [encode_finding(d) for d in findings],
        },
    )
    return BuildResult(written, findings, removed)


def check(project: Project) -> list[Diagnostic]:
    """Every finding, including outputs that differ from what ``build`` would write."""
    with _then_write_caches():
        result = plan(project, with_checks=True)
        extra = list(result.drift)
        if not result.blocked:
            extra.extend(stale(project.root, {p: result.outputs[p] for p in result.byte_checked}))
            extra.extend(_leftovers(project, result))
        return _finish(project, result, extra)


def _leftovers(project: Project, result: Plan) -> Iterator[Diagnostic]:
    for path in leftover_files(project, project.catalogue, result.outputs):
        yield Diagnostic(
            Location(path, 1, 1),
            Severity.ERROR,
            "stale-generated-file",
            "msgbook generated this file, but the catalogue no longer makes it (its group or locale is gone); "
            "`msgbook build` deletes it",
        )
