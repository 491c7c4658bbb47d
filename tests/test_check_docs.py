"""Docs quotes against the catalogue: code spans, what matches, what is stale."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import run_cli

from generator.checks.markdown import blank_fences, code_spans
from generator.checks.quotes import QuoteIndex
from generator.load import load_catalogue

CATALOGUE = """\
domain: demo
messages:
  note:
    text: "Note: anonymous accounts work on this machine only."
  issued:
    params:
      anonymous_id: {type: str, example: "<id>"}
      path: {type: str}
    text: "Anonymous id: {anonymous_id}. Keep `{path}` to stay signed in as the same identity."
  headline:
    text: Anonymous credentials were rejected as single-device.
  rejected:
    text: |-
      {@headline}
      Sign up for an account that supports multiple devices:

        demo login --oauth
  port:
    runtime: false
    params: {port: {type: int}}
    text: "Error: listen EADDRINUSE: address already in use 127.0.0.1:{port}"
"""


@pytest.fixture(scope="module")
def index() -> QuoteIndex:
    catalogue, diagnostics = load_catalogue(CATALOGUE.encode(), "messages/catalogue.yaml")
    assert catalogue is not None and diagnostics == []
    return QuoteIndex(catalogue)


@pytest.mark.parametrize(
    "quote",
    [
        "Note: anonymous accounts work on this machine only.",
        "Anonymous id: <id>. Keep `<path>` to stay signed in as the same identity.",
        "Anonymous id: 3f2a. Keep `~/.demo/credentials.json` to stay signed in as the same identity.",
        "Anonymous credentials were rejected as single-device. …",
        "Anonymous credentials were rejected as single-device. Sign up for an account that supports multiple devices: demo login --oauth",
        "Error: listen EADDRINUSE: address already in use 127.0.0.1:4000",
        "Anonymous id: <id>. Keep ...",
        "demo login --oauth",  # a command, not a quote of a message
        "completely unrelated words here",
    ],
)
def test_faithful_quotes_are_not_stale(index: QuoteIndex, quote: str) -> None:
    assert index.judge(quote) is None


@pytest.mark.parametrize(
    ("quote", "kind", "message"),
    [
        ("Note: anonymous accounts work on this device only.", "near", "note"),
        ("Anonymous credentials were rejected as single-device. Sign up for an account", "truncated", "rejected"),
        ("Anonymous id: <id>. Keep `<path>` to stay", "truncated", "issued"),
        ("Anonymous credentials were refused as single-device. …", "near", "headline"),
        ("Error: listen EADDRINUSE: address in use 127.0.0.1:4000", "near", "port"),
    ],
)
def test_drifted_quotes_are_stale(index: QuoteIndex, quote: str, kind: str, message: str) -> None:
    verdict = index.judge(quote)
    assert verdict is not None
    assert (verdict.kind, verdict.message.id) == (kind, message)


def test_code_spans_follow_commonmark() -> None:
    text = "a `one two` b ``with `tick` inside`` c `unclosed\n\nnext `x\ny` and ``` `` ```"
    assert [span.content for span in code_spans(text)] == ["one two", "with `tick` inside", "x y", "``"]


def test_fenced_blocks_are_not_prose() -> None:
    text = "a\n```md\n`Note: x y z`\n```\n~~~\n`b c d`\n~~~\n`e f g`"
    assert [span.content for span in code_spans(blank_fences(text))] == ["e f g"]


def test_stale_quote_in_readme_is_reported(make_project: Callable[..., Path]) -> None:
    root = make_project(
        CATALOGUE,
        pyproject='[tool.msgbook]\ndocs-sources = ["README*.md"]\n',
        files={"README.md": "# demo\n\nIt prints `Note: anonymous accounts work on this device only.`\n"},
    )
    result = run_cli("check", "--root", str(root), "--select", "stale-docs-quote")
    assert result.lines == [
        "README.md:3:11: error: docs quote differs from message 'note', which now reads: "
        "Note: anonymous accounts work on this machine only. [stale-docs-quote]"
    ]


def test_without_docs_sources_no_quote_is_read(make_project: Callable[..., Path]) -> None:
    root = make_project(CATALOGUE, files={"README.md": "`Note: anonymous accounts work on this device only.`\n"})
    assert run_cli("check", "--root", str(root), "--select", "stale-docs-quote").lines == []
