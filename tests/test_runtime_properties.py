"""Properties of the runtime emitter: any text survives, and plural rules match gettext's."""

from __future__ import annotations

import ast
import gettext
import importlib
import itertools
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from runtime_project import translations

from generator.emit.runtime import render_runtime
from generator.emit.runtime_plural import plural_to_python
from generator.model import Catalogue, Message, Param, Text
from generator.project import Project

_packages = itertools.count()

# literal text: anything but lone braces, with the characters that break naive code generation
_CHARS = st.characters(exclude_categories=["Cs"], exclude_characters="{}")
_TRICKY = st.sampled_from(
    ['"', "'", '"""', "\\", "\\n", "\n", "\r", "\t", "\x00", "\u2028", "日本語", "🎉", "{{", "}}"]
)
_PIECE = st.one_of(st.text(_CHARS, max_size=8), _TRICKY, st.just("{value}"))
TEXT = st.lists(_PIECE, max_size=8)


def _expected(pieces: list[str], value: str) -> str:
    """What the text prints: ``{value}`` replaced, ``{{`` and ``}}`` unescaped."""
    return "".join(value if p == "{value}" else p.replace("{{", "{").replace("}}", "}") for p in pieces)


@pytest.fixture(scope="module")
def packages(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One folder for every package a test generates; pytest removes it with its other temporary folders."""
    return tmp_path_factory.mktemp("runtime-packages")


def _load(root: Path, cat: Catalogue, ja_text: str | None) -> object:
    """Render ``cat`` into a fresh package under ``root`` on sys.path and import it."""
    package = f"generated_{next(_packages)}"
    entries = {"msg": ja_text} if ja_text is not None else {}
    outputs = render_runtime(Project(root, runtime=f"{package}/__init__.py"), cat, {"ja": translations(entries)})
    for relative, data in outputs.items():
        ast.parse(data.decode("utf-8"))  # valid Python whatever the text
        (root / relative).parent.mkdir(parents=True, exist_ok=True)
        (root / relative).write_bytes(data)
    sys.path.insert(0, str(root))
    try:
        return importlib.import_module(package)
    finally:
        sys.path.remove(str(root))


def _catalogue(text: str, when: str) -> Catalogue:
    message = Message(
        "msg",
        (1, 1),
        text=Text((("", text),), (1, 1)),
        params=(Param("value", "str", (1, 1)),),
        when=when or None,
        code="the_code",
    )
    return Catalogue("messages/catalogue.yaml", "demo", "en", ("ja",), (), (message,))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(english=TEXT, japanese=TEXT, value=st.text(max_size=6), when=st.text(max_size=20))
def test_any_text_survives_catalogue_to_code_to_call(
    packages: Path, english: list[str], japanese: list[str], value: str, when: str
) -> None:
    module = _load(packages, _catalogue("".join(english), when), "".join(japanese))
    call = module.msg  # type: ignore[attr-defined]
    assert call(value=value) == _expected(english, value)
    shown = japanese if "".join(japanese) else english  # an empty translation is a missing one
    assert call(value=value, locale="ja") == _expected(shown, value)
    assert module.meta.msg.when == (when or None)  # type: ignore[attr-defined]
    assert module.explain("the_code", locale="ja").when == (when or None)  # type: ignore[attr-defined]
    cat, ja = _catalogue("".join(english), when), translations({"msg": "".join(japanese)})
    assert render_runtime(Project(Path(".")), cat, {"ja": ja}) == render_runtime(Project(Path(".")), cat, {"ja": ja})


def _c_expression() -> st.SearchStrategy[str]:
    """Plural expressions shaped like real ones: numbers combined, compared, then tested.

    (Python's ``gettext.c2py`` departs from C on odd shapes such as ``n && n`` or
    ``!n < 1``; real rules never use them.)
    """
    leaf = st.one_of(st.just("n"), st.integers(0, 120).map(str))

    def numbers(inner: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
        return st.tuples(inner, st.sampled_from(["+", "*", "%", "-"]), inner).map(lambda t: f"({t[0]} {t[1]} {t[2]})")

    number = st.recursive(leaf, numbers, max_leaves=4)
    comparison = st.tuples(number, st.sampled_from(["==", "!=", "<", ">", "<=", ">="]), number).map(" ".join)

    def tests(inner: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
        return st.one_of(
            st.tuples(inner, st.sampled_from(["&&", "||"]), inner).map(" ".join),
            st.tuples(inner, st.sampled_from(["&&", "||"]), inner).map(lambda t: f"({' '.join(t)})"),
            inner.map(lambda e: f"!({e})"),
        )

    test = st.recursive(comparison, tests, max_leaves=4)
    ternary = st.tuples(test, number, number).map(lambda t: f"{t[0]} ? {t[1]} : {t[2]}")
    nested = st.tuples(test, number, ternary).map(lambda t: f"{t[0]} ? {t[1]} : {t[2]}")
    return st.one_of(number, test, ternary, nested)


@settings(max_examples=200, deadline=None)
@given(expression=_c_expression())
def test_plural_expression_means_what_gettext_means(expression: str) -> None:
    try:
        expected = gettext.c2py(expression)
    except (ValueError, SyntaxError, RecursionError):
        return  # gettext refuses it too
    python = plural_to_python(expression)
    compiled = eval(compile(f"lambda n: {python}", "<plural>", "eval"))  # the generated code does the same
    for n in (0, 1, 2, 3, 5, 11, 12, 21, 22, 100, 101, 111, 1000):
        try:
            want = expected(n)
        except ZeroDivisionError:
            continue
        assert int(compiled(n)) == want, (expression, python, n)


def test_real_plural_rules_match_gettext() -> None:
    rules = [
        "(n != 1)",
        "0",
        "(n > 1)",
        "n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2",
        "(n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? 3 : n%100>=11 ? 4 : 5)",
        "n==1 ? 0 : n==2 ? 1 : (n>10 && n%10==0) ? 2 : 3",
    ]
    for rule in rules:
        compiled = eval(compile(f"lambda n: {plural_to_python(rule)}", "<plural>", "eval"))
        assert [int(compiled(n)) for n in range(200)] == [gettext.c2py(rule)(n) for n in range(200)], rule
