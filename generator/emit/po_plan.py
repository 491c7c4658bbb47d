"""The gettext plan: the template, then each locale read, merged, laid out and compiled.

PO text is read and rendered by polib in :mod:`generator.emit.gettext`, which
hands its functions in as a :class:`PoCodec`; everything here works on plain data.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from ..diagnostics import Diagnostic, Location, Severity
from ..gcpause import paused_gc
from ..model import Catalogue
from ..outputs import Outputs
from ..project import Project
from ..translations import GettextOptions, LocaleTranslations, Translated
from ..units import Unit
from .po_cache import PoCache
from .po_merge import merge_entries, merge_header
from .po_mo import render_mo
from .po_model import (
    GettextPlan,
    LocalePlan,
    Merged,
    PoEntry,
    PoHeader,
    PoRead,
    plural_rule,
    po_path,
    pot_path,
    target_locales,
)
from .po_template import template_entries
from .po_text import Memo, PoText, drift, rereadable
from .po_workers import forked, worth_forking

# A locale's generated files from its translations (``None`` for the source locale, which has none)
LocaleTail = Callable[[str, LocaleTranslations | None], Outputs]


@dataclass(frozen=True, slots=True)
class PoCodec:
    """How PO text is read and rendered (polib, in :mod:`generator.emit.gettext`)."""

    read_po: Callable[[bytes, str, str, int], tuple[PoRead | None, list[Diagnostic]]]
    render_pot: Callable[[Catalogue, Sequence[tuple[Unit, PoEntry]], int, Memo], bytes]
    render_po: Callable[[PoRead | None, PoHeader, Merged, int, Memo], PoText]


@dataclass(slots=True)
class _Job:
    """What every locale's merge reads; forked workers inherit it instead of receiving it pickled."""

    project: Project
    catalogue: Catalogue
    templates: Sequence[tuple[Unit, PoEntry]]
    options: GettextOptions
    codec: PoCodec
    cache: PoCache
    memo: Memo
    tail: LocaleTail | None = None
    return_translations: bool = True

    def locale(self, locale: str) -> LocalePlan:
        return _plan_locale(self, locale)


def plan_gettext_with(
    project: Project,
    catalogue: Catalogue,
    options: GettextOptions,
    codec: PoCodec,
    tail: LocaleTail | None = None,
    return_translations: bool = True,
) -> GettextPlan:
    """Merge every locale's .po with the catalogue in memory and render all gettext outputs.

    Nothing is written here but the cache. A .po that cannot be read safely
    sets ``blocked``, and ``build`` then writes nothing at all. Locales with a
    large .po are merged in worker processes while this one renders the
    template; ``tail`` renders the rest of a locale's files (runtime module,
    docs pages) right after its merge, in the same process, into
    ``generated``, and the source locale's files here while the workers run.
    Without ``return_translations`` the merged translations are not sent back
    from the workers (``translations`` stays empty).
    """
    plan = GettextPlan()
    width = project.wrap_width
    cache = PoCache(project.root)
    with paused_gc():
        templates = template_entries(catalogue, width)
        job = _Job(project, catalogue, templates, options, codec, cache, cache.memo(width), tail, return_translations)
        hits = sum(1 for _, e in templates if e in job.memo)
        locales = target_locales(catalogue)
        with forked(job.locale, worth_forking(_work_sizes(job, locales))) as pending:
            pot = pot_path(project, catalogue)
            plan.outputs[pot] = codec.render_pot(catalogue, templates, width, job.memo)
            plan.byte_checked.add(pot)
            cache.keep_memo(width, job.memo, templates, hits)
            if tail is not None:  # the source locale's files, here while the workers merge
                plan.generated.update(tail(catalogue.source_locale, None))
            for locale in locales:
                _add_locale(plan, locale, pending.result(locale))
    return plan


def _work_sizes(job: _Job, locales: Sequence[str]) -> dict[str, int]:
    """The size of each locale's .po, as a measure of the locale's work (missing ones left out).

    Without a tail, only files polib must read (not in the cache) count: a
    cached read and a merge take less time than sending the result back.
    """
    sizes = {}
    for locale in locales:
        path = po_path(job.project, job.catalogue, locale)
        try:
            data = job.project.path(path).read_bytes()
        except OSError:
            continue
        if job.tail is not None or not job.cache.has_read(data, path, locale, plural_rule(locale)[0]):
            sizes[locale] = len(data)
    return sizes


def _add_locale(plan: GettextPlan, locale: str, part: LocalePlan) -> None:
    plan.outputs.update(part.outputs)
    plan.generated.update(part.generated)
    plan.diagnostics.extend(part.diagnostics)
    plan.drift.extend(part.drift)
    plan.blocked = plan.blocked or part.blocked
    if part.translations is not None:
        plan.translations[locale] = part.translations
        plan.obsolete[locale] = part.obsolete


def _plan_locale(job: _Job, locale: str) -> LocalePlan:
    project, catalogue, cache = job.project, job.catalogue, job.cache
    part = LocalePlan()
    path = po_path(project, catalogue, locale)
    nplurals, expression = plural_rule(locale)
    usable, read = _read_locale(job, path, locale, nplurals, part)
    if not usable:
        return part
    header = merge_header(read.header if read is not None else None, catalogue, locale)
    merged = merge_entries(job.templates, read.entries if read is not None else [], nplurals, job.options)
    text = job.codec.render_po(read, header, merged, project.wrap_width, job.memo)
    stale = drift(read, header, merged, path, text.kept)
    if stale is not None:
        part.drift.append(stale)
    if rereadable(text, merged, project.wrap_width):
        entries = [e for e, _ in (*merged.active, *merged.obsolete)]
        cache.keep_read(PoRead(text.data, header, entries, text.starts, clean=True), path, locale, nplurals)
    part.outputs[path] = text.data
    active = [e for e, _ in merged.active]
    mo = po_path(project, catalogue, locale, ".mo")
    part.outputs[mo] = cache.mo(text.data, mo, nplurals, lambda: render_mo(header, active, nplurals))
    lines = text.starts[: len(active)]
    found = {e.context or "": Translated(e.strings, e.fuzzy, line) for e, line in zip(active, lines, strict=True)}
    translations = LocaleTranslations(locale, path, nplurals, expression, found)
    if job.tail is not None:
        part.generated = job.tail(locale, translations)
    part.translations = translations if job.return_translations else None
    part.obsolete = [e.context for e, _ in merged.obsolete]
    return part


def _read_locale(job: _Job, path: str, locale: str, nplurals: int, part: LocalePlan) -> tuple[bool, PoRead | None]:
    """The locale's .po as read from disk (or the cache; ``None`` when missing), or False when it cannot be read."""
    project, cache = job.project, job.cache
    try:
        data = project.path(path).read_bytes()
    except FileNotFoundError:
        return True, None
    except OSError as error:
        part.diagnostics.append(
            Diagnostic(Location(path), Severity.ERROR, "po-syntax", f"cannot read: {error.strerror}")
        )
        part.blocked = True
        return False, None
    if not data.strip():  # an empty file holds no translator's work: treat it as missing
        return True, None
    read = cache.read(data, path, locale, nplurals)
    if read is not None:
        return True, read
    read, found = job.codec.read_po(data, path, locale, nplurals)
    part.diagnostics.extend(found)
    if read is None:
        part.blocked = True
        return False, None
    if not found and read.clean:
        cache.keep_read(read, path, locale, nplurals)
    return True, read
