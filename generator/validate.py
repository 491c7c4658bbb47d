"""Catalogue rules that need the whole model: ids, placeholders, references, variants.

Structural problems are found while loading (:mod:`generator.load`); these
checks run on what loaded and yield every finding, never stopping early.
"""

from __future__ import annotations

import difflib
import itertools
from collections.abc import Callable, Iterator

from . import placeholders
from .cldr import plural_categories
from .diagnostics import Diagnostic, Location, Severity
from .model import ID_PATTERN, Catalogue, Message, Param, Pos, Scalar, Text, is_reserved, runtime_name

_MAX_COMBINATIONS = 4096
_ErrorFactory = Callable[[Pos, str, str], Diagnostic]


def validate(catalogue: Catalogue) -> list[Diagnostic]:
    """Every catalogue-level finding for a loaded catalogue."""
    return list(_validate(catalogue))


def _validate(cat: Catalogue) -> Iterator[Diagnostic]:
    def error(at: Pos, rule: str, message: str) -> Diagnostic:
        return Diagnostic(Location(cat.path, *at), Severity.ERROR, rule, message)

    yield from _check_ids(cat, error)
    group_ids = {g.id for g in cat.groups}
    codes: dict[str, Message] = {}
    for message in cat.messages:
        if message.group is not None and message.group not in group_ids:
            yield error(
                message.position_of("group"), "unknown-group", f"group {message.group!r} is not declared under groups"
            )
        if message.code is not None:
            if message.code in codes:
                first = codes[message.code]
                yield error(
                    message.position_of("code"),
                    "duplicate-code",
                    f"error code {message.code!r} is also used by {first.id!r}",
                )
            else:
                codes[message.code] = message
        yield from _check_params(message, error)
        yield from _check_texts(cat, message, error)
        yield from _check_variants(message, error)
    yield from _check_cycles(cat, error)


def _check_ids(cat: Catalogue, error: _ErrorFactory) -> Iterator[Diagnostic]:
    names: dict[str, str] = {}
    for group in cat.groups:
        if not ID_PATTERN.match(group.id):
            yield error(group.pos, "invalid-id", f"group id {group.id!r} must be lowercase words joined by '-'")
    for message in cat.messages:
        name = runtime_name(message.id)
        if not ID_PATTERN.match(message.id):
            yield error(message.pos, "invalid-id", f"message id {message.id!r} must be lowercase words joined by '-'")
        elif is_reserved(name):
            yield error(
                message.pos,
                "reserved-name",
                f"message id {message.id!r} becomes {name}(), which is a Python keyword or reserved",
            )
        if name in names:
            yield error(
                message.pos, "id-collision", f"message id {message.id!r} becomes {name}(), like {names[name]!r}"
            )
        else:
            names[name] = message.id


def _check_params(message: Message, error: _ErrorFactory) -> Iterator[Diagnostic]:
    for param in message.params:
        if not param.name.isidentifier() or not param.name.isascii():
            yield error(param.pos, "invalid-id", f"param name {param.name!r} must be a Python identifier")
        elif is_reserved(param.name):
            yield error(param.pos, "reserved-name", f"param name {param.name!r} is a Python keyword or reserved")
    if message.plural is not None:
        plural = message.param(message.plural)
        if plural is None:
            yield error(
                message.position_of("plural"),
                "invalid-plural",
                f"plural param {message.plural!r} is not declared under params",
            )
        elif plural.type != "int":
            yield error(
                message.position_of("plural"),
                "invalid-plural",
                f"plural param {message.plural!r} must be of type int, not {plural.type}",
            )


def _check_texts(cat: Catalogue, message: Message, error: _ErrorFactory) -> Iterator[Diagnostic]:
    used: set[str] = {name for v in message.variants for name, _ in v.condition}
    if message.plural is not None:
        used.add(message.plural)
    declared = {p.name: p for p in message.params}
    for _, text in message.texts():
        yield from _check_plural_forms(cat, message, text, error)
        for body in text.all_texts:
            segments, bad = placeholders.parse(body)
            for problem in bad:
                yield error(text.pos, "malformed-placeholder", f"{problem.source} in {message.id!r}: {problem.reason}")
            for seg in segments:
                if isinstance(seg, placeholders.Field):
                    used.add(seg.name)
                    yield from _check_field(message, declared.get(seg.name), seg.name, text.pos, error)
                elif isinstance(seg, placeholders.Ref):
                    yield from _check_ref(cat, message, seg.message_id, declared, used, text.pos, error)
    for param in message.params:
        if param.name not in used:
            yield error(
                param.pos, "unused-param", f"param {param.name!r} of {message.id!r} is used by no text or condition"
            )


def _check_field(
    message: Message, param: Param | None, name: str, at: Pos, error: _ErrorFactory
) -> Iterator[Diagnostic]:
    if param is None:
        yield error(
            at, "undeclared-placeholder", f"placeholder {{{name}}} in {message.id!r} is not declared under params"
        )
    elif param.type == "bool":
        yield error(
            at,
            "malformed-placeholder",
            f"{{{name}}} in {message.id!r} is a bool; choose texts with variants instead of printing it",
        )


def _check_ref(
    cat: Catalogue,
    message: Message,
    ref_id: str,
    declared: dict[str, Param],
    used: set[str],
    at: Pos,
    error: _ErrorFactory,
) -> Iterator[Diagnostic]:
    target = cat.message(ref_id)
    if target is None:
        known = [m.id for m in cat.messages]
        close = difflib.get_close_matches(ref_id, known, n=1)
        hint = f" (did you mean {{@{close[0]}}}?)" if close else ""
        yield error(at, "unknown-reference", f"{{@{ref_id}}} in {message.id!r} names no message{hint}")
        return
    for param in target.params:
        used.add(param.name)
        mine = declared.get(param.name)
        if mine is None or mine.type != param.type or mine.choices != param.choices:
            yield error(
                at,
                "reference-params",
                f"{{@{ref_id}}} needs param {param.name!r} ({param.type}); declare it in {message.id!r} with the same type",
            )


def _check_plural_forms(cat: Catalogue, message: Message, text: Text, error: _ErrorFactory) -> Iterator[Diagnostic]:
    if not text.is_plural:
        return
    have = {category for category, _ in text.forms}
    need = set(plural_categories(cat.source_locale))
    missing = sorted(need - have)
    if missing:
        yield error(
            text.pos,
            "invalid-plural",
            f"{message.id!r} lacks the {', '.join(missing)} form(s) that {cat.source_locale} needs",
        )
    extra = sorted(have - need)
    if extra:
        yield error(
            text.pos,
            "invalid-plural",
            f"{message.id!r} has form(s) {', '.join(extra)} that {cat.source_locale} does not use",
        )


def _check_variants(message: Message, error: _ErrorFactory) -> Iterator[Diagnostic]:
    if not message.variants:
        return
    keys: set[str] = set()
    seen_conditions: list[dict[str, frozenset[Scalar]]] = []
    default_seen = False
    for variant in message.variants:
        if variant.key in keys:
            yield error(
                variant.pos, "duplicate-variant-key", f"{message.id!r} has two variants with key {variant.key!r}"
            )
        keys.add(variant.key)
        condition = {name: frozenset(values) for name, values in variant.condition}
        if default_seen or any(_covers(earlier, condition) for earlier in seen_conditions):
            yield error(
                variant.pos,
                "unreachable-variant",
                f"this variant of {message.id!r} ({variant.describe()}) never matches: an earlier one always wins",
            )
        if not variant.condition:
            default_seen = True
        seen_conditions.append(condition)
    if not default_seen:
        yield from _check_coverage(message, seen_conditions, error)


def _covers(earlier: dict[str, frozenset[Scalar]], later: dict[str, frozenset[Scalar]]) -> bool:
    """True when every input matching ``later`` also matches ``earlier``."""
    return all(name in later and later[name] <= values for name, values in earlier.items())


def _check_coverage(
    message: Message, conditions: list[dict[str, frozenset[Scalar]]], error: _ErrorFactory
) -> Iterator[Diagnostic]:
    names = sorted({name for c in conditions for name in c})
    domains: list[tuple[Scalar, ...]] = []
    for name in names:
        param = message.param(name)
        if param is None:
            return
        if param.type == "bool":
            domains.append((False, True))
        elif param.type == "choice":
            domains.append(param.choices)
        else:
            yield error(
                message.variants[-1].pos,
                "missing-default-variant",
                f"{message.id!r} has no default variant, and {param.type} param {name!r} has endless values; add a variant without if",
            )
            return
    total = 1
    for domain in domains:
        total *= len(domain)
    if total > _MAX_COMBINATIONS:
        yield error(
            message.variants[-1].pos,
            "missing-default-variant",
            f"{message.id!r} has no default variant; add one (too many combinations to prove coverage)",
        )
        return
    for combo in itertools.product(*domains):
        inputs = dict(zip(names, combo, strict=True))
        if not any(all(inputs[n] in vals for n, vals in c.items()) for c in conditions):
            shown = ", ".join(f"{n} = {_show(v)}" for n, v in inputs.items())
            yield error(
                message.variants[-1].pos,
                "missing-default-variant",
                f"no variant of {message.id!r} matches {shown}; add it or a variant without if",
            )
            return


def _show(value: Scalar) -> str:
    return ("true" if value else "false") if isinstance(value, bool) else str(value)


def _check_cycles(cat: Catalogue, error: _ErrorFactory) -> Iterator[Diagnostic]:
    graph = {
        m.id: sorted({r for _, t in m.texts() for body in t.all_texts for r in placeholders.refs(body)})
        for m in cat.messages
    }
    state: dict[str, int] = {}
    reported: set[frozenset[str]] = set()
    for start in graph:
        if state.get(start):
            continue
        stack: list[tuple[str, Iterator[str]]] = [(start, iter(graph[start]))]
        path = [start]
        state[start] = 1
        while stack:
            node, children = stack[-1]
            child = next(children, None)
            if child is None:
                state[node] = 2
                stack.pop()
                path.pop()
                continue
            if child not in graph:
                continue
            if state.get(child) == 1:
                cycle = path[path.index(child) :]
                key = frozenset(cycle)
                if key not in reported:
                    reported.add(key)
                    message = cat.message(child)
                    at = message.pos if message else (1, 1)
                    yield error(at, "reference-cycle", "references form a cycle: " + " -> ".join([*cycle, child]))
            elif not state.get(child):
                state[child] = 1
                stack.append((child, iter(graph[child])))
                path.append(child)
