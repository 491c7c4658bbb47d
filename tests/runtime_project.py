"""Generate a runtime package from a catalogue text and run Python against it in a clean process."""

from __future__ import annotations

import gettext
import itertools
import json
import os
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path
from textwrap import dedent

from generator import placeholders
from generator.diagnostics import Severity
from generator.emit.runtime import render_runtime
from generator.load import load_catalogue
from generator.model import Catalogue, Message, Text
from generator.project import Project
from generator.translations import LocaleTranslations, Translated
from generator.validate import validate

Entry = str | tuple[str, ...]


def catalogue(text: str) -> Catalogue:
    """A valid catalogue from YAML text (dedented); fails the test on any error."""
    loaded, diagnostics = load_catalogue(dedent(text).lstrip("\n").encode(), "messages/catalogue.yaml")
    assert loaded is not None, diagnostics
    errors = [d for d in [*diagnostics, *validate(loaded)] if d.severity is Severity.ERROR]
    assert errors == [], [str(d) for d in errors]
    return loaded


def translations(
    entries: Mapping[str, Entry],
    *,
    locale: str = "ja",
    fuzzy: tuple[str, ...] = (),
    nplurals: int = 1,
    plural: str = "0",
    domain: str = "demo",
) -> LocaleTranslations:
    """One locale's translations by msgctxt; a tuple is the plural forms."""
    translated = {
        context: Translated(value if isinstance(value, tuple) else (value,), context in fuzzy, 1)
        for context, value in entries.items()
    }
    return LocaleTranslations(locale, f"locales/{locale}/LC_MESSAGES/{domain}.po", nplurals, plural, translated)


def write_runtime(
    root: Path,
    cat: Catalogue,
    locales: Mapping[str, LocaleTranslations] | None = None,
    runtime: str = "messages/__init__.py",
) -> dict[str, bytes]:
    """Render the runtime modules into ``root`` and return them."""
    outputs = render_runtime(Project(root, runtime=runtime), cat, dict(locales or {}))
    for relative, data in outputs.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    return outputs


def run_python(root: Path, code: str, env: Mapping[str, str] | None = None) -> str:
    """Run ``code`` in ``root`` with an environment of only PATH (plus ``env``); its stdout."""
    clean = {"PATH": os.environ.get("PATH", ""), **(env or {})}
    result = subprocess.run(
        [sys.executable, "-c", dedent(code)],
        cwd=root,
        env=clean,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def call_all(root: Path, calls: list[str], env: Mapping[str, str] | None = None, setup: str = "") -> list[object]:
    """Evaluate each expression (``m`` is the runtime module) in one clean process; their values."""
    code = "import json\nimport messages as m\n" + setup + "\nprint(json.dumps([" + ", ".join(calls) + "]))\n"
    return list(json.loads(run_python(root, code, env)))


def _variant_text(message: Message, args: Mapping[str, object]) -> tuple[str | None, Text]:
    for key, text in message.texts():
        variant = next((v for v in message.variants if v.key == key), None)
        if variant is None or all(args[name] in values for name, values in variant.condition):
            return key, text
    raise AssertionError(f"no variant of {message.id} matches {args}")


def expected_text(
    cat: Catalogue, locale: LocaleTranslations | None, message: Message, args: Mapping[str, object]
) -> str:
    """What a call should return, worked out independently of the generated code (a test oracle)."""
    key, text = _variant_text(message, args)
    bodies = text.all_texts
    plural_rule = "n != 1"
    if locale is not None:
        context = message.id if key is None else f"{message.id}|{key}"
        found = locale.forms(context) if text.is_plural else (locale.text(context),)
        if found is not None and all(f is not None and _declared_only(message, f) for f in found):
            bodies, plural_rule = tuple(f for f in found if f is not None), locale.plural_expr
    body = bodies[0]
    if text.is_plural and message.plural is not None and len(bodies) > 1:
        index = gettext.c2py(plural_rule)(int(str(args[message.plural])))
        body = bodies[min(index, len(bodies) - 1)]
    out = []
    for segment in placeholders.parse(body)[0]:
        if isinstance(segment, placeholders.Literal):
            out.append(segment.text)
        elif isinstance(segment, placeholders.Field):
            out.append(str(args[segment.name]))
        else:
            target = cat.message(segment.message_id)
            assert target is not None
            out.append(expected_text(cat, locale, target, {p.name: args[p.name] for p in target.params}))
    return "".join(out)


def _declared_only(message: Message, body: str) -> bool:
    segments, bad = placeholders.parse(body)
    english = {r for _, t in message.texts() for b in t.all_texts for r in placeholders.refs(b)}
    names = {p.name for p in message.params if p.type != "bool"}
    return not bad and all(
        (not isinstance(s, placeholders.Field) or s.name in names)
        and (not isinstance(s, placeholders.Ref) or s.message_id in english)
        for s in segments
    )


def sample_calls(message: Message) -> list[dict[str, object]]:
    """Arguments reaching every variant (and several plural forms) of a message."""
    base: dict[str, object] = {}
    domains: dict[str, tuple[object, ...]] = {}
    for param in message.params:
        if param.type == "choice":
            domains[param.name] = param.choices
        elif param.type == "bool":
            domains[param.name] = (False, True)
        base[param.name] = param.default if param.has_default else _sample_value(param.type, param.example, param.name)
    conditioned = sorted({name for v in message.variants for name, _ in v.condition})
    combos = [
        dict(zip(conditioned, values, strict=True)) for values in itertools.product(*(domains[n] for n in conditioned))
    ]
    calls = []
    for key, _ in message.texts():
        for combo in combos:
            args = {**base, **combo}
            if _variant_text(message, args)[0] == key:
                calls.append(args)
                break
    if message.plural is not None:
        calls += [{**args, message.plural: n} for args in list(calls) for n in (0, 1, 2, 5, 11, 22)]
    return calls


def _sample_value(kind: str, example: str | None, name: str) -> object:
    if kind in ("int", "float"):
        return 3
    return example or f"<{name}>"
