"""Finding copied texts in Python and JavaScript/TypeScript, and which files are read."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import run_cli

from generator.checks.files import expand_globs, glob_regex, is_test_path
from generator.checks.jsscan import scan_js
from generator.checks.pyscan import PythonScanner
from generator.checks.texts import CopyIndex
from generator.load import load_catalogue
from generator.model import Catalogue

CATALOGUE = """\
domain: demo
messages:
  note:
    text: "Note: anonymous accounts work on this machine only."
  issued:
    params: {anonymous_id: {type: str}, path: {type: str}}
    text: "Anonymous id: {anonymous_id}. Keep `{path}` to stay signed in."
  recovery:
    text: |-
      Anonymous credentials were rejected.
      Run `demo login --oauth` to sign up.
  short:
    text: Signed out.
  braces:
    text: "Use {{key: value}} pairs in the config file."
"""


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    loaded, diagnostics = load_catalogue(CATALOGUE.encode(), "messages/catalogue.yaml")
    assert loaded is not None and diagnostics == []
    return loaded


@pytest.fixture(scope="module")
def scanner(catalogue: Catalogue) -> PythonScanner:
    return PythonScanner(CopyIndex(catalogue, 3), [m.name for m in catalogue.messages])


def found_python(scanner: PythonScanner, source: str) -> list[tuple[int, int, str]]:
    found, _ = scanner.scan(source)
    return [(f.line, f.col, f.copy.message.id) for f in found]


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ('x = "Note: anonymous accounts work on this machine only."\n', [(1, 5, "note")]),
        ("x = 'Note: anonymous accounts work on this machine only.\\n'\n", [(1, 5, "note")]),
        ('x = ("Note: anonymous accounts "  # split\n     "work on this machine only.")\n', [(1, 6, "note")]),
        ('x = f"Anonymous id: {a}. Keep `{p!r}` to stay signed in."\n', [(1, 5, "issued")]),
        ('x = "Run `demo login --oauth` to sign up."\n', [(1, 5, "recovery")]),
        (
            'x = """Anonymous credentials were rejected.\nRun `demo login --oauth` to sign up."""\n',
            [(1, 5, "recovery")],
        ),
        ('x = "Use {key: value} pairs in the config file."\n', [(1, 5, "braces")]),
        ('x = "ü" + "Note: anonymous accounts work on this machine only."\n', [(1, 11, "note")]),
    ],
)
def test_python_copies_are_found_at_their_position(scanner: PythonScanner, source: str, expected: list[object]) -> None:
    assert found_python(scanner, source) == expected


@pytest.mark.parametrize(
    "source",
    [
        'def f():\n    """Note: anonymous accounts work on this machine only."""\n',
        'print("Signed out.")\n',  # shorter than literal-min-words
        "# print('Note: anonymous accounts work on this machine only.')\n",
        'x = "Note: anonymous accounts work on this machine"\n',  # not the whole text
        'x = f"Anonymous id: {a}. Keep {p} to stay signed in."\n',  # the backticks are missing
    ],
)
def test_python_non_copies_are_not_reported(scanner: PythonScanner, source: str) -> None:
    assert found_python(scanner, source) == []


def test_python_that_does_not_parse_is_still_scanned(scanner: PythonScanner) -> None:
    source = 'print "Note: anonymous accounts work on this machine only."\n'
    assert found_python(scanner, source) == [(1, 7, "note")]


def test_python_names_in_use(scanner: PythonScanner) -> None:
    source = 'import messages as m\nfrom messages import (note,\n    issued)\nm.short()\ngetattr(m, "braces")\n'
    _, names = scanner.scan(source)
    assert {"note", "issued", "short", "braces"} <= names


def parts(source: str) -> list[tuple[str, ...]]:
    return [literal.parts for literal in scan_js(source)]


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("a = 'x' + \"y\";", [("x",), ("y",)]),
        ("a = `t ${b + `in ${c}`} end`;", [("in ", ""), ("t ", " end")]),
        ("a = `${ {k: 'v'}.k }!`;", [("v",), ("", "!")]),
        ("// 'not'\n/* \"not\" */ b = 'yes';", [("yes",)]),
        ("x = /'not a string'/g.test(s); y = 'yes';", [("yes",)]),
        ("x = a / b / 'c'.length;", [("c",)]),
        ("return /it's/.test(s) ? 'yes' : 'no';", [("yes",), ("no",)]),
        ("s = 'it\\'s \\u2014 ok';", [("it's — ok",)]),
        ("s = `unterminated", []),
    ],
)
def test_js_scanner_reads_literals(source: str, expected: list[tuple[str, ...]]) -> None:
    assert parts(source) == expected


def test_typescript_template_copy_is_reported(make_project: Callable[..., Path]) -> None:
    root = make_project(
        CATALOGUE,
        pyproject='[tool.msgbook]\nsources = ["web/**/*.tsx"]\n',
        files={
            "web/app.tsx": "const t = (id: string, p: string) =>\n  `Anonymous id: ${id}. Keep \\`${p}\\` to stay signed in.`;\n"
        },
    )
    result = run_cli("check", "--root", str(root), "--select", "hard-coded-text")
    assert result.lines == [
        "web/app.tsx:2:3: error: hard-coded text of message 'issued'; take it from the catalogue [hard-coded-text]"
    ]


def test_globs_skip_hidden_and_dependency_folders(tmp_path: Path) -> None:
    for relative in ["src/a.py", "src/deep/b.py", ".venv/lib/c.py", "node_modules/x/d.py", "e.py"]:
        (tmp_path / relative).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / relative).write_text("", encoding="utf-8")
    assert expand_globs(tmp_path, ["**/*.py"], "sources") == ["e.py", "src/a.py", "src/deep/b.py"]
    assert expand_globs(tmp_path, ["src/*.py", "*.py"], "sources") == ["e.py", "src/a.py"]


def test_glob_outside_the_root_cannot_run(make_project: Callable[..., Path]) -> None:
    root = make_project(CATALOGUE, pyproject='[tool.msgbook]\nsources = ["../other/**/*.py"]\n')
    result = run_cli("check", "--root", str(root))
    assert result.code == 2
    assert "globs must be relative to the project root" in result.err


def test_glob_regex_and_test_paths() -> None:
    assert glob_regex("a/**").match("a/b/c.py")
    assert not glob_regex("a/*.py").match("a/b/c.py")
    assert is_test_path("pkg/tests/helpers.py") and not is_test_path("pkg/testing.py")


def test_generated_modules_are_not_scanned(make_project: Callable[..., Path]) -> None:
    root = make_project(
        CATALOGUE,
        pyproject='[tool.msgbook]\nsources = ["**/*.py"]\n',
        files={
            "messages/_ja.py": '# Generated by msgbook from messages/catalogue.yaml. Do not edit.\nX = "Signed out. Note: anonymous accounts work on this machine only."\nY = "Note: anonymous accounts work on this machine only."\n',
        },
    )
    result = run_cli("check", "--root", str(root), "--select", "hard-coded-text")
    assert result.lines == []
