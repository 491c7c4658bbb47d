"""Catalogue + translations -> the runtime module, one module per locale, and the metadata module.

The runtime module (``project.runtime``, by default ``messages/__init__.py``)
holds one typed function per runtime message with the source text inline, the
locale helpers, ``meta`` and ``explain()``. Beside it, each locale (the source
one included) gets a module holding its compiled functions (``messages/_ja.py``),
and ``messages/_meta.py`` holds every message's metadata; both are imported on
first use, so importing the runtime module stays as cheap as loading a ``.mo``.
Every decision is made here and in :mod:`.runtime_texts`; the templates in
``generator/templates/runtime*.jinja`` lay the modules out.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from functools import cache
from pathlib import PurePosixPath
from typing import NamedTuple

import jinja2

from ..gcpause import paused_gc
from ..model import Catalogue, Message, Param
from ..outputs import Outputs
from ..project import Project, runtime_path
from ..translations import Translations
from ..units import docs_context
from . import runtime_code as code
from .runtime_texts import LocaleTexts, RefCall, Texts, plural_expression

_MAX_LINE = 110
_REGENERATE = "`msgbook build` regenerates this file; `msgbook check` fails when it is stale."


@dataclass(frozen=True, slots=True)
class Layout:
    """Where the modules go: the runtime module and the names of its siblings."""

    runtime: PurePosixPath
    package: bool  # the runtime module is a package's __init__.py

    @property
    def name(self) -> str:
        """The runtime module's own name, as the docstrings of its siblings mention it."""
        return self.runtime.parent.name if self.package else self.runtime.stem

    def sibling(self, suffix: str) -> str:
        """The module name of a sibling: ``_ja`` in a package, ``_texts_ja`` beside ``texts.py``."""
        safe = "".join(c if c.isalnum() else "_" for c in suffix)
        return f"_{safe}" if self.package else f"_{self.runtime.stem}_{safe}"

    def path(self, module: str) -> str:
        return (self.runtime.parent / f"{module}.py").as_posix()


@dataclass(frozen=True, slots=True)
class LocaleView:
    code: str  # as the catalogue spells it
    key: str  # normalized: lowercase, "_" for "-"
    module: str | None  # None for the source locale, whose texts are inline


class FunctionView(NamedTuple):
    """A function of the runtime module; the template unpacks it, so the order of the fields matters."""

    name: str
    signature: str  # the def statement, on one line or more
    doc: str  # docstring literal, its lines after the first indented as the function body needs
    body: str  # the statements, indented
    member: str = ""  # how a locale's texts hold it: a str, or the call with the parameters in order
    args: str = ""  # the call of the locale's function, "" when the locale holds a str


_MAIN_DOC = """The messages of {domain}: one typed function per message, returning its text.

Application code calls these functions instead of holding user-facing literals;
each docstring shows the source text. The locale of a call is, first that applies:
the ``locale=`` argument, the innermost ``locale_scope()`` (per thread and asyncio
task), ``set_locale()`` (process-wide), the environment (LANGUAGE, LC_ALL,
LC_MESSAGES, LANG) and the source locale, {source}. A locale's texts are
imported on its first use; a missing translation shows the source text."""


@dataclass(frozen=True, slots=True)
class MainView:
    header: tuple[str, ...]
    doc: str  # the module docstring literal
    package: bool
    source: LocaleView
    locales: tuple[LocaleView, ...]
    locale_codes: str  # LOCALES as Python source
    meta_module: str
    plural: str | None
    functions: tuple[FunctionView, ...]
    private: tuple[FunctionView, ...]  # docs-only messages that runtime ones include
    names: tuple[str, ...]  # every message's name, for meta's declared attributes


@dataclass(frozen=True, slots=True)
class LocaleModuleView:
    header: tuple[str, ...]
    doc: str
    plural: str | None
    source_plural: str | None
    functions: tuple[tuple[str, str], ...]  # (def statement, body); a str has no def, its body assigns it
    explain: tuple[str, ...]  # dict items "code: (when, action)," as Python source


@dataclass(frozen=True, slots=True)
class MetaModuleView:
    header: tuple[str, ...]
    doc: str
    records: tuple[str, ...]  # dict items "name: (fields...)," as Python source
    codes: tuple[tuple[str, str], ...]  # (code literal, name literal)


def render_runtime(
    project: Project, catalogue: Catalogue, translations: Translations, locales: Collection[str] | None = None
) -> Outputs:
    """The runtime module and its per-locale and metadata modules, as bytes by root-relative path.

    ``locales`` limits the output to those locales' modules; the runtime and
    metadata modules belong to the source locale. Each locale's module depends
    only on its own translations, so locales can be rendered apart.
    """
    with paused_gc():  # hundreds of thousands of small objects, no cycles: collecting would only walk them
        return _render_runtime(project, catalogue, translations, locales)


def _render_runtime(
    project: Project, catalogue: Catalogue, translations: Translations, wanted: Collection[str] | None
) -> Outputs:
    runtime = runtime_path(project)
    layout = Layout(runtime, runtime.name == "__init__.py")
    locales = _locales(catalogue, layout)
    shared = Texts(catalogue)
    source = LocaleTexts(shared, catalogue.source_locale, None, plural_expression(catalogue.source_locale, None))
    outputs = {}
    if wanted is None or catalogue.source_locale in wanted:
        outputs[runtime.as_posix()] = _render("runtime.py.jinja", _main_view(catalogue, source, locales, layout))
        meta = _meta_view(catalogue, _header([catalogue.path]), layout)
        outputs[layout.path(layout.sibling("meta"))] = _render("runtime_meta.py.jinja", meta)
    signatures: dict[str, str] = {}
    for locale in locales[1:]:
        assert locale.module is not None
        if wanted is not None and locale.code not in wanted:
            continue
        translated = translations.get(locale.code)
        texts = LocaleTexts(shared, locale.code, translated, plural_expression(locale.code, translated))
        header = _header([catalogue.path] + ([translated.path] if translated is not None else []))
        view = _locale_view(catalogue, texts, source, header, layout, signatures)
        outputs[layout.path(locale.module)] = _render("runtime_locale.py.jinja", view)
    return outputs


def _locales(catalogue: Catalogue, layout: Layout) -> tuple[LocaleView, ...]:
    source = catalogue.source_locale
    views = {source.replace("-", "_").lower(): LocaleView(source, source.replace("-", "_").lower(), None)}
    for locale in catalogue.locales:
        key = locale.replace("-", "_").lower()
        if key not in views and key != "meta":
            views[key] = LocaleView(locale, key, layout.sibling(key))
    return tuple(views.values())


def _header(inputs: list[str]) -> tuple[str, ...]:
    names = " and ".join("".join(c if c.isprintable() else "?" for c in path) for path in inputs)
    return (f"Generated by msgbook from {names}. Do not edit.", _REGENERATE)


def _main_view(catalogue: Catalogue, source: LocaleTexts, locales: tuple[LocaleView, ...], layout: Layout) -> MainView:
    def ref_call(target: Message) -> str:
        if target.runtime:  # the caller may have chosen the source locale with locale=: keep it
            keywords = "".join(f"{p.name}={p.name}, " for p in target.params)
            return f"{target.name}({keywords}locale=_SOURCE.locale)"
        return f"_{target.name}({', '.join(p.name for p in target.params)})"

    included = source.shared.included()
    return MainView(
        header=_header([catalogue.path]),
        doc=code.docstring(_MAIN_DOC.format(domain=catalogue.domain, source=catalogue.source_locale)),
        package=layout.package,
        source=locales[0],
        locales=locales,
        locale_codes=code.tuple_literal([locale.code for locale in locales]),
        meta_module=layout.sibling("meta"),
        plural=source.plural if any(m.plural for m in included) else None,
        functions=tuple(_public_function(m, source, ref_call) for m in included if m.runtime),
        # a docs-only message that runtime ones include: inlined unless it has parameters
        private=tuple(_private_function(m, source, ref_call) for m in included if not m.runtime and m.params),
        names=tuple(m.name for m in catalogue.messages),
    )


def _public_function(message: Message, source: LocaleTexts, ref_call: RefCall) -> FunctionView:
    name = message.name
    if not message.params:
        signature = _signature(name, ["locale: str | None = None"])
        member, args = "str", ""
    else:
        params = [_public_param(p) for p in message.params]
        signature = _signature(name, [*params, "locale: str | None = None"], keyword_only=True)
        member = f"Callable[[{', '.join([code.private_annotation(p) for p in message.params])}], str]"
        args = f"({', '.join([p.name for p in message.params])})"
    return FunctionView(
        name,
        signature,
        code.docstring(_doc(message), "    "),
        source.body(message, ref_call, " " * 8)[0],
        member,
        args,
    )


def _private_function(message: Message, source: LocaleTexts, ref_call: RefCall) -> FunctionView:
    name = f"_{message.name}"
    params = [f"{p.name}: {code.annotation(p)}" for p in message.params]
    doc = code.docstring(f"The source text of {message.id}, which only other messages include.")
    return FunctionView(name, _signature(name, params), doc, source.body(message, ref_call, " " * 4)[0])


def _locale_view(
    catalogue: Catalogue,
    texts: LocaleTexts,
    source: LocaleTexts,
    header: tuple[str, ...],
    layout: Layout,
    signatures: dict[str, str],
) -> LocaleModuleView:
    def ref_call(target: Message) -> str:
        return f"{target.name}({', '.join(p.name for p in target.params)})"

    included = texts.shared.included()
    functions = []
    uses_source_plural = False
    for message in included:
        name = message.name
        if not message.params:  # a str: reading it is cheaper than calling a function
            functions.append(("", code.assignment(name, texts.constant_lines(message))))
            continue
        signature = signatures.get(name)
        if signature is None:  # the same in every locale
            params = [f"{p.name}: {code.private_annotation(p)}" for p in message.params]
            signature = signatures[name] = _signature(name, params)
        body, source_plural = texts.body(message, ref_call, "    ")
        functions.append((signature, body))
        uses_source_plural = uses_source_plural or source_plural
    explain = []
    for message in catalogue.messages:
        if message.code is not None:
            when, action = _docs_text(texts, message, "when"), _docs_text(texts, message, "action")
            explain.append(code.dict_item(code.literal(message.code), [when, action]))
    return LocaleModuleView(
        header=header,
        doc=code.docstring(
            f"The {texts.locale} texts of the `{layout.name}` module, imported on first use of {texts.locale}."
        ),
        plural=texts.plural if any(m.plural for m in included) else None,
        source_plural=source.plural if uses_source_plural else None,
        functions=tuple(functions),
        explain=tuple(explain),
    )


def _meta_view(catalogue: Catalogue, header: tuple[str, ...], layout: Layout) -> MetaModuleView:
    records = []
    codes = []
    py = code.py
    for m in catalogue.messages:
        name = code.literal(m.name)
        values = [py(m.id), py(m.code), py(m.exit_code), py(m.stream), py(m.level), py(m.when), py(m.action)]
        records.append(code.dict_item(name, values))
        if m.code is not None:
            codes.append((values[1], name))
    doc = f"What the catalogue says about each message besides its text, for `{layout.name}.meta` and `explain()`."
    return MetaModuleView(header, code.docstring(doc), tuple(records), tuple(codes))


def _docs_text(texts: LocaleTexts, message: Message, field: str) -> str:
    english: str | None = getattr(message, field)
    if english is None:
        return "None"
    translated = texts.translations.text(docs_context(message.id, field)) if texts.translations is not None else None
    return code.literal(translated or english)


def _public_param(param: Param) -> str:
    default = code.default(param)
    return f"{param.name}: {code.annotation(param)}" + (f" = {default}" if default else "")


def _signature(name: str, params: list[str], *, keyword_only: bool = False) -> str:
    """The ``def`` statement, wrapped as ruff format wraps it.

    A message's parameters are keyword-only. A message without any takes ``locale``
    positionally too: CPython fills a missing keyword-only default by a dict lookup,
    which would make the cheapest call of all (a constant text) about a third slower.
    """
    items = (["*"] if keyword_only and params else []) + params
    one_line = f"def {name}({', '.join(items)}) -> str:"
    if len(one_line) <= _MAX_LINE:
        return one_line
    inner = "    " + ", ".join(items)
    if len(inner) <= _MAX_LINE:
        return f"def {name}(\n{inner}\n) -> str:"
    return f"def {name}(\n{code.one_per_line(items, '    ', ',')}) -> str:"


def _doc(message: Message) -> str:
    """The English text, every variant with its condition, and when it appears."""
    if message.text is not None:  # most messages: no variants
        pairs = message.text.forms
        if len(pairs) == 1 and not pairs[0][0]:
            doc = pairs[0][1]
        else:
            doc = "\n".join([f"{category}: {body}" if category else body for category, body in pairs])
        return f"{doc}\n\nWhen: {message.when}" if message.when else doc
    lines: list[str] = []
    for index, (key, text) in enumerate(message.texts()):
        forms = [f"{category}: {body}" if category else body for category, body in text.forms]
        if key is None:
            lines.extend(forms)
            continue
        variant = message.variants[index]
        lines.append("Otherwise:" if not variant.condition else f"If {variant.describe()}:")
        lines.extend("    " + line if line else "" for form in forms for line in form.split("\n"))
    if message.when:
        lines.extend(["", f"When: {message.when}"])
    return "\n".join(lines)


@cache
def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("generator", "templates"),
        undefined=jinja2.StrictUndefined,
        autoescape=False,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["py"] = code.py
    return env


def _render(template: str, view: MainView | LocaleModuleView | MetaModuleView) -> bytes:
    return _environment().get_template(template).render(view=view).encode("utf-8")
