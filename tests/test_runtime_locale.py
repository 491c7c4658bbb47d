"""Which locale a generated function speaks: argument, scope, process, environment, source.

Every case runs in a fresh process whose environment holds only PATH and the
variables under test, so the host's locale never leaks in.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from runtime_project import call_all, catalogue, run_python, translations, write_runtime

CATALOGUE = """
domain: demo
locales: [ja, pt-BR]
messages:
  hello:
    params: {name: {type: str}}
    text: "Hello, {name}."
"""

HELLO = {"en": "Hello, A.", "ja": "こんにちは、A。", "pt-BR": "Olá, A."}


@pytest.fixture(scope="module")
def root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("runtime")
    write_runtime(
        path,
        catalogue(CATALOGUE),
        {
            "ja": translations({"hello": "こんにちは、{name}。"}),
            "pt-BR": translations({"hello": "Olá, {name}."}, locale="pt-BR", nplurals=2, plural="(n > 1)"),
        },
    )
    return path


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({}, "en"),
        ({"LANG": "ja_JP.UTF-8"}, "ja"),
        ({"LANG": "ja_JP"}, "ja"),
        ({"LANG": "ja-JP"}, "ja"),
        ({"LANG": "ja"}, "ja"),
        ({"LANG": "ja_JP.UTF-8@modifier"}, "ja"),
        ({"LANG": "pt_BR.UTF-8"}, "pt-BR"),
        ({"LANG": "pt_PT.UTF-8"}, "en"),  # another Portuguese is not pt-BR
        ({"LANGUAGE": "fr:ja", "LANG": "pt_BR"}, "ja"),  # the first variable set wins, its list in order
        ({"LANGUAGE": "fr", "LANG": "ja_JP"}, "en"),  # ... and an unknown list means the source locale
        ({"LANGUAGE": "", "LANG": "ja_JP"}, "ja"),  # an empty variable is not set
        ({"LC_ALL": "ja_JP.UTF-8", "LANG": "pt_BR"}, "ja"),
        ({"LC_MESSAGES": "ja_JP.UTF-8", "LANG": "pt_BR"}, "ja"),
        ({"LC_ALL": "C", "LANG": "ja_JP"}, "en"),
        ({"LANG": "C.UTF-8"}, "en"),
        ({"LANG": "POSIX"}, "en"),
        ({"LANGUAGE": "fr:C:ja"}, "en"),  # C ends the list
        ({"LANG": "xx_YY"}, "en"),
    ],
)
def test_environment_chooses_the_locale(root: Path, env: dict[str, str], expected: str) -> None:
    assert call_all(root, ["m.get_locale()", "m.hello(name='A')"], env) == [expected, HELLO[expected]]


def test_argument_beats_scope_beats_process_beats_environment(root: Path) -> None:
    setup = """
values = []
m.set_locale("pt_BR")
with m.locale_scope("ja"):
    values += [m.hello(name="A", locale="en"), m.hello(name="A"), m.get_locale()]
    with m.locale_scope("pt-BR") as inner:
        values += [inner, m.hello(name="A")]
    values.append(m.hello(name="A"))
values += [m.hello(name="A"), m.get_locale()]
m.set_locale(None)
values += [m.hello(name="A"), m.get_locale()]
"""
    assert call_all(root, ["values"], {"LANG": "ja_JP.UTF-8"}, setup) == [
        [
            "Hello, A.",
            "こんにちは、A。",
            "ja",
            "pt-BR",
            "Olá, A.",
            "こんにちは、A。",
            "Olá, A.",
            "pt-BR",
            "こんにちは、A。",
            "ja",
        ]
    ]


def test_set_locale_none_reads_the_environment_again(root: Path) -> None:
    setup = """
import os
before = m.hello(name="A")
os.environ["LANGUAGE"] = "ja"
still = m.hello(name="A")
m.set_locale(None)
"""
    assert call_all(root, ["before", "still", "m.hello(name='A')"], {}, setup) == [
        "Hello, A.",
        "Hello, A.",
        "こんにちは、A。",
    ]


@pytest.mark.parametrize("value", ["ja", "ja_JP", "ja-JP", "ja_JP.UTF-8", "JA", "fr:ja"])
def test_locale_argument_accepts_the_usual_spellings(root: Path, value: str) -> None:
    assert call_all(root, [f"m.hello(name='A', locale={value!r})"]) == [HELLO["ja"]]


@pytest.mark.parametrize("value", ["fr", "", "C", "en_US"])
def test_unknown_or_source_locale_argument_means_english(root: Path, value: str) -> None:
    assert call_all(root, [f"m.hello(name='A', locale={value!r})"], {"LANG": "ja_JP.UTF-8"}) == [HELLO["en"]]


def test_scopes_do_not_leak_between_threads(root: Path) -> None:
    setup = """
import threading
seen = {}
ready = threading.Barrier(2)
def work(name, locale):
    with m.locale_scope(locale):
        ready.wait()
        seen[name] = [m.hello(name="A"), m.get_locale()]
        ready.wait()
threads = [threading.Thread(target=work, args=("a", "ja")), threading.Thread(target=work, args=("b", "pt-BR"))]
for t in threads: t.start()
for t in threads: t.join()
"""
    assert call_all(root, ["seen['a']", "seen['b']", "m.hello(name='A')"], {}, setup) == [
        [HELLO["ja"], "ja"],
        [HELLO["pt-BR"], "pt-BR"],
        HELLO["en"],
    ]


def test_scopes_do_not_leak_between_asyncio_tasks(root: Path) -> None:
    setup = """
import asyncio
async def task(locale, delay):
    with m.locale_scope(locale):
        await asyncio.sleep(delay)
        first = m.hello(name="A")
        await asyncio.sleep(0.01)
        return [first, m.hello(name="A")]
async def main():
    return await asyncio.gather(task("ja", 0.01), task("pt-BR", 0), task("en", 0.005))
results = asyncio.run(main())
"""
    assert call_all(root, ["results", "m.get_locale()"], {"LANG": "ja"}, setup) == [
        [[HELLO["ja"]] * 2, [HELLO["pt-BR"]] * 2, [HELLO["en"]] * 2],
        "ja",
    ]


def test_a_locale_is_imported_on_first_use_only(root: Path) -> None:
    code = """
import sys
import messages as m
print(sorted(name for name in sys.modules if name.startswith("messages")))
m.hello(name="A")
m.meta.hello
print(sorted(name for name in sys.modules if name.startswith("messages")))
m.hello(name="A", locale="ja")
print(sorted(name for name in sys.modules if name.startswith("messages")))
"""
    assert run_python(root, code, {"LANG": "ja"}).splitlines() == [
        "['messages']",
        "['messages', 'messages._ja', 'messages._meta']",
        "['messages', 'messages._ja', 'messages._meta']",
    ]
    assert run_python(root, code).splitlines() == [
        "['messages']",
        "['messages', 'messages._meta']",
        "['messages', 'messages._ja', 'messages._meta']",
    ]
