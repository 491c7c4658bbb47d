"""Loading: bad input always gives a diagnostic with its line, never a traceback or a hang."""

from __future__ import annotations

import time
from pathlib import Path

import yaml
from conftest import run_cli, write_project
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.load import load_catalogue
from generator.validate import validate


def _load(text: str | bytes) -> tuple[object, list[str]]:
    data = text.encode("utf-8") if isinstance(text, str) else text
    catalogue, diagnostics = load_catalogue(data, "messages/catalogue.yaml")
    return catalogue, [f"{d.location}: {d.rule}" for d in diagnostics]


def test_empty_file_is_reported_not_crashed() -> None:
    catalogue, found = _load("")
    assert catalogue is None
    assert found == ["messages/catalogue.yaml:1:1: missing-key"]


def test_list_instead_of_mapping() -> None:
    _, found = _load("- a\n- b\n")
    assert found == ["messages/catalogue.yaml:1:1: wrong-type"]


def test_tab_indentation_points_at_the_tab() -> None:
    _, found = _load("domain: d\nmessages:\n  a:\n\ttext: x\n")
    assert found == ["messages/catalogue.yaml:4:1: yaml-syntax"]


def test_not_yaml_at_all() -> None:
    _, found = _load("domain: [unclosed\nmessages: {}\n")
    assert len(found) == 1 and found[0].endswith("yaml-syntax")


def test_non_utf8_names_the_line_of_the_bad_byte() -> None:
    _, found = _load(b"domain: d\nmessages:\n  a:\n    text: caf\xe9\n")
    assert found == ["messages/catalogue.yaml:4:14: yaml-syntax"]


def test_binary_garbage() -> None:
    _, found = _load(bytes(range(256)) * 4)
    assert len(found) == 1 and found[0].endswith("yaml-syntax")


def test_alias_bomb_is_refused_quickly() -> None:
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 10):
        refs = ",".join([f"*a{i - 1}"] * 9)
        lines.append(f"a{i}: &a{i} [{refs}]")
    anchors = "x:\n" + "\n".join("  " + line for line in lines) + "\n"
    bomb = anchors + "domain: d\nlocales: *a9\nmessages:\n  note:\n    text: Hi.\n    commands: *a9\n"
    start = time.perf_counter()
    _, found = _load(bomb)
    assert time.perf_counter() - start < 2
    assert found  # the unknown key x, and the nested lists where text was expected
    assert all("yaml-syntax" not in f for f in found)


def test_byte_order_mark_is_accepted() -> None:
    catalogue, found = _load("\ufeffdomain: d\nmessages:\n  a:\n    text: Hi.\n")
    assert catalogue is not None and found == []


def test_every_problem_is_reported_in_one_run_sorted(make_project: object) -> None:
    root = write_project(
        Path(str(make_project.__call__())),  # type: ignore[attr-defined]
        """
        domain: d
        messages:
          b-note:
            text: "Saved {path}"
          a-note:
            text: Hi.
            wehn: x
        """,
    )
    result = run_cli("check", "--root", str(root))
    assert result.code == 1
    assert [line.rsplit("[", 1)[1] for line in result.lines] == ["undeclared-placeholder]", "unknown-key]"]


def test_positions_of_nested_values_are_exact() -> None:
    text = 'domain: d\nmessages:\n  note:\n    params:\n      n: {type: int}\n    text: "x"\n    exit_code: 999\n'
    _, found = _load(text)
    assert found == ["messages/catalogue.yaml:7:16: exit-code-range"]


def test_large_catalogue_loads_in_linear_time() -> None:
    def catalogue(n: int) -> bytes:
        body = "".join(
            f'  m{i}-x:\n    params:\n      path: {{type: str, example: "~/p"}}\n'
            f'    text: "Saved `{{path}}` number {i} with quotes \\" and more words"\n    when: When it happens.\n'
            for i in range(n)
        )
        return f"domain: d\nlocales: [ja]\nmessages:\n{body}".encode()

    def timed(n: int) -> float:
        data = catalogue(n)
        best = float("inf")
        for _ in range(3):
            start = time.perf_counter()
            cat, diags = load_catalogue(data, "c.yaml")
            assert cat is not None and diags == []
            validate(cat)
            best = min(best, time.perf_counter() - start)
        return best

    small, large = timed(1000), timed(8000)
    assert large < small * 8 * 2.5  # linear, with room for noise


@settings(max_examples=200, deadline=None)
@given(text=st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=60))
def test_any_text_loads_back_unchanged(text: str) -> None:
    """Quotes, backslashes, newlines, braces, |, backticks, emoji, Japanese: all survive."""
    escaped = text.replace("{", "{{").replace("}", "}}")
    doc = yaml.safe_dump(
        {"domain": "d", "messages": {"note": {"text": escaped}}}, allow_unicode=True, default_style='"'
    )
    catalogue, diagnostics = load_catalogue(doc.encode("utf-8"), "c.yaml")
    assert diagnostics == []
    assert catalogue is not None
    assert validate(catalogue) == []
    message = catalogue.message("note")
    assert message is not None and message.text is not None
    assert message.text.singular == escaped
