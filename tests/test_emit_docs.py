"""The docs renderer: generated pages (golden files), markers, and the cell escaper.

Refresh the golden pages with ``MSGBOOK_UPDATE_GOLDEN=1 pytest tests/test_emit_docs.py``
and review the diff.
"""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path
from textwrap import dedent
from typing import Any

import markdown
import pytest
from html_text import read_page
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.emit.docs import Language, expand_markers, page_titles, render_docs, render_group, render_message
from generator.emit.markdown import code_spans, find_markers, md_cell, md_code, md_table, md_text
from generator.load import load_catalogue
from generator.model import Catalogue
from generator.project import Project
from generator.translations import LocaleTranslations, Translated
from generator.validate import validate

REPO = Path(__file__).resolve().parent.parent
GOLDEN = Path(__file__).parent / "golden" / "docs"
UPDATE = bool(os.environ.get("MSGBOOK_UPDATE_GOLDEN"))

CATALOGUE = """
domain: demo
locales: [ja]
groups:
  errors:
    title: Errors
    description: What `demo` prints when it fails.
    columns: [message, when, action, code, exit_code]
  notes:
    title: Notes
    columns: [message, when, action, level, stream, commands]
  empty:
    title: Nothing yet
messages:
  reset-note:
    group: notes
    level: info
    stream: stderr
    commands: [demo login, demo dev]
    text: "Delete `.demo/state.json` (or run `demo init`)."
    when: Appended to the recovery messages.
  token-rejected:
    group: errors
    code: token_rejected
    exit_code: 1
    params:
      deployment: {choices: [oauth, anon-only, unknown]}
      ci: {type: bool, default: false}
    variants:
      - if: {deployment: oauth, ci: false}
        text: |-
          The token was rejected.
          Sign in again:

            demo login --oauth

          {@reset-note}
      - if: {deployment: [anon-only, unknown]}
        text: "The token was rejected; run `demo login` | or ``demo reset``."
      - text: The token was rejected.
    when: The server refused the token (`401`).
    action: Run the command in the message.
  jobs-cancelled:
    group: notes
    params:
      count: {type: int, example: "3"}
      id: {type: str, example: "<id>"}
    plural: count
    text:
      one: "Cancelled {count} job of {id}."
      other: "Cancelled {count} jobs of {id}."
    when: "After `demo cancel <id>` & friends: *all* {{jobs}} | <script>alert(1)</script>"
  port-in-use:
    runtime: false
    group: errors
    params: {port: {type: int, example: "4000"}}
    text: "Error: listen EADDRINUSE: address already in use 127.0.0.1:{port} {{literal}}"
    when: "  #!python :::x  "
"""


def _ja(entries: dict[str, str | tuple[str, bool]]) -> LocaleTranslations:
    def entry(value: str | tuple[str, bool]) -> Translated:
        text, fuzzy = (value, False) if isinstance(value, str) else value
        return Translated((text,), fuzzy, 1)

    return LocaleTranslations("ja", "locales/ja/LC_MESSAGES/demo.po", 1, "0", {k: entry(v) for k, v in entries.items()})


JA = _ja(
    {
        "group:errors#title": "エラー",
        "group:notes#title": "お知らせ",
        "group:notes#description": "",
        "reset-note": "`.demo/state.json` を削除してください（または `demo init` を実行）。",
        "reset-note#when": "復旧メッセージの末尾に付きます。",
        "token-rejected|ci=false,deployment=oauth": "トークンが拒否されました。\n再度サインインしてください：\n\n  demo login --oauth\n\n{@reset-note}",
        "token-rejected|deployment=anon-only+unknown": ("トークンが拒否されました。`demo login` を実行", True),
        "token-rejected#when": "サーバーがトークンを拒否しました（`401`）。",
        "jobs-cancelled": "{id} のジョブを {count} 件キャンセルしました。",
    }
)


def load(text: str) -> Catalogue:
    catalogue, diagnostics = load_catalogue(dedent(text).lstrip().encode(), "messages/catalogue.yaml")
    assert catalogue is not None, diagnostics
    assert diagnostics == [] and validate(catalogue) == []
    return catalogue


def check_golden(relative: str, data: bytes) -> None:
    path = GOLDEN / relative
    if UPDATE:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    assert path.exists(), f"no golden file {path}; run with MSGBOOK_UPDATE_GOLDEN=1"
    assert data.decode() == path.read_text(encoding="utf-8")


# -- generated pages -------------------------------------------------------------


def test_generated_pages_match_golden_files() -> None:
    outputs = render_docs(Project(Path(".")), load(CATALOGUE), {"ja": JA})
    expected = {
        f"site/docs/{lang}/reference/{name}.md"
        for lang in ("en", "ja")
        for name in ("index", "rules", "errors", "notes", "empty")
    }
    assert set(outputs) == expected
    for path, data in sorted(outputs.items()):
        check_golden(path.removeprefix("site/docs/"), data)


def test_each_page_starts_with_a_do_not_edit_comment() -> None:
    outputs = render_docs(Project(Path(".")), load(CATALOGUE), {"ja": JA})
    for path, data in outputs.items():
        first = data.decode().split("\n", 1)[0]
        assert first.startswith("<!-- Generated by msgbook from messages/catalogue.yaml"), path
        assert "Do not edit" in first
        if "/ja/" in path:
            assert "locales/ja/LC_MESSAGES/demo.po" in first


def test_rendering_is_deterministic_and_independent_of_translation_order() -> None:
    catalogue = load(CATALOGUE)
    reordered = _ja(dict(reversed([(k, v.forms[0]) for k, v in JA.entries.items() if not v.fuzzy])))
    one = render_docs(Project(Path(".")), catalogue, {"ja": JA})
    two = render_docs(Project(Path(".")), catalogue, {"ja": JA})
    assert one == two
    assert (
        one["site/docs/en/reference/errors.md"]
        == render_docs(Project(Path(".")), catalogue, {"ja": reordered})["site/docs/en/reference/errors.md"]
    )


def test_page_titles_are_plain_text_in_each_language() -> None:
    titles = page_titles(Project(Path(".")), load(CATALOGUE), {"ja": JA})
    assert titles["site/docs/en/reference/errors.md"] == "Errors"
    assert titles["site/docs/ja/reference/errors.md"] == "エラー"
    assert titles["site/docs/ja/reference/empty.md"] == "Nothing yet"
    assert titles["site/docs/ja/reference/index.md"] == "メッセージリファレンス"


def test_page_titles_drop_code_span_backticks() -> None:
    catalogue = load("""
        domain: d
        groups:
          dev: {title: "Starting `app dev`"}
        messages:
          a: {group: dev, text: A}
    """)
    assert page_titles(Project(Path(".")), catalogue, {})["site/docs/en/reference/dev.md"] == "Starting app dev"


def test_one_text_messages_render_the_same_on_the_short_path() -> None:
    catalogue = load(CATALOGUE)
    for lang in ("en", "ja"):
        language = Language(catalogue, lang, {"ja": JA})
        short = [plain for plain in language._describe(catalogue.messages) if plain.english is not None]
        assert short
        for plain in short:
            columns = language.columns(catalogue.group(plain.message.group or "") or catalogue.groups[0])
            assert language._body([plain], columns) == language._message_rows(plain, columns)


def test_messages_in_no_group_are_listed_on_the_index_page() -> None:
    catalogue = load("""
        domain: d
        locales: [ja]
        groups: {g: {title: G, columns: [message]}}
        messages:
          grouped: {group: g, text: In a group.}
          loose: {text: "In no group, {n} times.", params: {n: {type: int, example: "2"}}, when: Sometimes., exit_code: 3}
    """)
    ja = _ja({"loose": "グループなし、{n} 回。"})
    outputs = render_docs(Project(Path(".")), catalogue, {"ja": ja})
    en = outputs["site/docs/en/reference/index.md"].decode()
    assert "\n## Other messages\n" in en
    assert table_rows(en.split("## Other messages")[1]) == [["In no group, 2 times.", "Sometimes.", "", "3"]]
    assert '<a id="loose"></a>' in en
    japanese = outputs["site/docs/ja/reference/index.md"].decode().split("## その他のメッセージ")[1]
    assert table_rows(japanese) == [["グループなし、2 回。", "In no group, 2 times.", "Sometimes. 未翻訳", "", "3"]]
    assert "loose" not in outputs["site/docs/en/reference/g.md"].decode()


def test_a_catalogue_without_groups_lists_every_message_on_the_index_page() -> None:
    catalogue = load("""
        domain: d
        messages:
          first: {text: First.}
          second: {text: Second.}
    """)
    index = render_docs(Project(Path(".")), catalogue, {})["site/docs/en/reference/index.md"].decode()
    assert "| Group |" not in index  # no table of groups without groups
    assert [row[0] for row in table_rows(index)] == ["First.", "Second."]


def test_the_index_page_has_no_other_messages_when_every_message_has_a_group() -> None:
    outputs = render_docs(Project(Path(".")), load(CATALOGUE), {"ja": JA})
    assert b"##" not in outputs["site/docs/en/reference/index.md"]
    assert b"##" not in outputs["site/docs/ja/reference/index.md"]


def test_group_ids_index_and_rules_do_not_overwrite_the_fixed_pages() -> None:
    catalogue = load("""
        domain: d
        groups:
          index: {title: Index group}
        messages:
          a: {group: index, text: A}
    """)
    outputs = render_docs(Project(Path(".")), catalogue, {})
    assert "site/docs/en/reference/group-index.md" in outputs
    assert b"# Message reference" in outputs["site/docs/en/reference/index.md"]


# -- what the tables say --------------------------------------------------------------


def html(markdown_text: str) -> str:
    return markdown.markdown(markdown_text, **site_markdown())


def table_rows(markdown_text: str) -> list[list[str]]:
    return read_page(html(markdown_text)).rows


def test_variants_are_rows_with_their_condition_in_words() -> None:
    rows = table_rows(render_group(load(CATALOGUE), {}, "errors", "en"))
    assert [row[0] for row in rows[:3]] == [
        "The token was rejected.\nSign in again:\n\n  demo login --oauth\n\nDelete `.demo/state.json` (or run `demo init`).",
        "The token was rejected; run `demo login` | or ``demo reset``.",
        "The token was rejected.",
    ]
    assert rows[0][1] == "The server refused the token (401).\nIf deployment is oauth and ci is false"
    assert rows[1][1] == "If deployment is anon-only or unknown"
    assert rows[2][1] == "Otherwise"
    assert rows[0][2:] == ["Run the command in the message.", "token_rejected", "1"]
    assert rows[1][2:] == ["", "", ""]


def test_placeholders_show_their_example_and_literal_braces_stay_single() -> None:
    rows = table_rows(render_group(load(CATALOGUE), {}, "errors", "en"))
    assert rows[3][0] == "Error: listen EADDRINUSE: address already in use 127.0.0.1:4000 {literal}"
    notes = table_rows(render_group(load(CATALOGUE), {}, "notes", "en"))
    assert [row[0] for row in notes[1:]] == ["Cancelled 3 job of <id>.", "Cancelled 3 jobs of <id>."]
    assert (
        notes[1][1]
        == "After demo cancel <id> & friends: *all* {{jobs}} | <script>alert(1)</script>\nplural form one of count"
    )


def test_error_codes_and_message_ids_are_anchors() -> None:
    table = render_group(load(CATALOGUE), {}, "errors", "en")
    assert '<a id="token-rejected"></a><a id="token_rejected"></a>' in table
    assert '<a id="token_rejected"></a>' in html(table)


def test_japanese_table_shows_translation_with_english_original_and_marks_the_rest() -> None:
    rows = table_rows(render_group(load(CATALOGUE), {"ja": JA}, "errors", "ja"))
    first = rows[0]
    assert first[0] == (
        "トークンが拒否されました。\n再度サインインしてください：\n\n  demo login --oauth\n\n"
        "`.demo/state.json` を削除してください（または `demo init` を実行）。"
    )
    assert first[1].startswith("The token was rejected.\nSign in again:")
    assert first[2] == "サーバーがトークンを拒否しました（401）。\ndeployment が oauth、ci が false の場合"
    assert first[3] == "Run the command in the message. 未翻訳"
    # a fuzzy translation is not shown: the program prints English
    assert rows[1][0] == "The token was rejected; run `demo login` | or ``demo reset``."
    assert rows[1][1] == "未翻訳"
    headers = read_page(html(render_group(load(CATALOGUE), {"ja": JA}, "errors", "ja"))).headers
    assert headers == [["メッセージ", "英語の原文", "発生条件", "対処方法", "エラーコード", "終了コード"]]


def test_japanese_plural_has_one_row_per_japanese_form() -> None:
    rows = table_rows(render_group(load(CATALOGUE), {"ja": JA}, "notes", "ja"))
    assert rows[1][0] == "<id> のジョブを 3 件キャンセルしました。"
    assert rows[1][1] == "Cancelled 3 job of <id>.\nCancelled 3 jobs of <id>."
    assert len(rows) == 2


def test_a_locale_without_translations_shows_english_everywhere_with_marks() -> None:
    rows = table_rows(render_group(load(CATALOGUE), {}, "errors", "ja"))
    assert rows[0][0].startswith("The token was rejected.")
    assert rows[0][1] == "未翻訳"


def test_reference_expands_the_variant_matching_the_referrers_condition() -> None:
    catalogue = load("""
        domain: d
        groups: {g: {title: G}}
        messages:
          tail:
            params: {ci: {type: bool}}
            variants:
              - {if: {ci: true}, text: "in CI"}
              - {text: "locally"}
          head:
            group: g
            params: {ci: {type: bool}}
            variants:
              - {if: {ci: true}, text: "Failed {@tail}"}
              - {text: "Failed {@tail}"}
    """)
    rows = table_rows(render_group(catalogue, {}, "g", "en"))
    assert [row[0] for row in rows] == ["Failed in CI", "Failed locally"]
    assert [row[1] for row in rows] == ["If ci is true", "Otherwise"]


def test_a_referenced_variant_the_referrer_leaves_open_splits_the_row() -> None:
    catalogue = load("""
        domain: d
        groups: {g: {title: G}}
        messages:
          tail:
            params: {ci: {type: bool}}
            variants:
              - {if: {ci: true}, text: "in CI"}
              - {text: "locally"}
          head:
            group: g
            params: {ci: {type: bool}, mode: {choices: [a, b]}}
            variants:
              - {if: {mode: a}, text: "A failed {@tail}"}
              - {text: "B failed"}
    """)
    rows = table_rows(render_group(catalogue, {}, "g", "en"))
    assert [row[0] for row in rows] == ["A failed locally", "A failed in CI", "B failed"]
    assert [row[1] for row in rows] == ["If mode is a and ci is false", "If mode is a and ci is true", "Otherwise"]


def test_message_block_shows_text_as_code_block_then_when_and_action() -> None:
    block = render_message(load(CATALOGUE), {"ja": JA}, "reset-note", "ja")
    page = read_page(html(block))
    assert page.blocks == ["`.demo/state.json` を削除してください（または `demo init` を実行）。"]
    text = html(block)
    assert "英語の原文" in text and "発生条件" in text and "復旧メッセージの末尾に付きます。" in text


# -- markers -----------------------------------------------------------------------


def test_markers_expand_in_the_page_language_keeping_indentation() -> None:
    page = "# Errors\n\n!!! note\n\n    <!-- msgbook:message reset-note -->\n\n<!-- msgbook:group errors -->\n"
    expanded, problems = expand_markers(page, load(CATALOGUE), {"ja": JA}, "ja", "site/docs/ja/x.md")
    assert problems == []
    check_golden("pages/ja-embedded.md", expanded.encode())
    rendered = read_page(html(expanded))
    assert rendered.blocks[0].startswith("`.demo/state.json` を削除")
    assert rendered.headers[0][0] == "メッセージ"


def test_markers_in_fences_and_code_spans_are_examples_not_markers() -> None:
    page = "```md\n<!-- msgbook:group nope -->\n```\n\nWrite `<!-- msgbook:group ID -->` alone on a line.\n"
    assert find_markers(page) == []
    assert expand_markers(page, load(CATALOGUE), {}, "en", "p.md") == (page, [])


def test_unknown_markers_are_reported_with_page_and_line() -> None:
    page = "# A\n\n<!-- msgbook:group erors -->\n\n<!-- msgbook:message nope -->\n<!-- msgbook:table x -->\n"
    page += "Inline <!-- msgbook:group errors --> here.\n"
    _, problems = expand_markers(page, load(CATALOGUE), {}, "en", "site/docs/en/a.md", first_line=4)
    assert [(str(p.location), p.rule) for p in problems] == [
        ("site/docs/en/a.md:6:1", "unknown-marker"),
        ("site/docs/en/a.md:8:1", "unknown-marker"),
        ("site/docs/en/a.md:9:1", "unknown-marker"),
        ("site/docs/en/a.md:10:1", "unknown-marker"),
    ]
    assert problems[0].message == "docs marker names unknown group 'erors'; did you mean 'errors'?"
    assert "malformed" in problems[2].message
    assert "alone on its line" in problems[3].message


# -- the escaper --------------------------------------------------------------------

NASTY = [
    "`",
    "``",
    "a `b` c",
    "ends with `",
    "|",
    "a | b",
    "`a | b`",
    "<id>",
    "<script>alert(1)</script>",
    "&amp; &#124; &",
    "{{ jinja }}",
    "{% raw %}",
    "#!python print(1)",
    ":::python x",
    "--8<-- 'x'",
    "<!-- c -->",
    "-->",
    "*em* _u_ ~~s~~ ==m== ^^c^^ (c) -->",
    ":smile:",
    "https://example.com www.example.com",
    "{: .cls}",
    "\\`",
    "a\\",
    "\\|",
    " lead",
    "trail ",
    "\u3000全角\u3000",
    "\t tab",
    "\n",
    "",
    "line1\nline2",
    "# heading",
    "1. list",
    "> quote",
    "[link](x) ![img](y)",
]

_ALPHABET = st.one_of(
    st.sampled_from(list("`|<>&{}%#!:*_~^=+-[]()\\\"' \n\t.;/@$")),
    st.characters(codec="utf-8", exclude_categories=["Cs", "Cc"]),
)
_FRAGMENT = st.one_of(st.sampled_from(NASTY), st.text(_ALPHABET, max_size=12))
TEXTS = st.lists(_FRAGMENT, max_size=6).map("".join)


@cache
def site_markdown() -> dict[str, Any]:
    """The Markdown extensions and their settings of site/mkdocs.yml."""
    from mkdocs.config import load_config

    config = load_config(config_file=str(REPO / "site" / "mkdocs.yml"))
    return {"extensions": config.markdown_extensions, "extension_configs": config.mdx_configs}


def shown(text: str, literal: bool) -> str:
    """What a reader should see: the text itself, or prose with code spans as code."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if literal:
        return "\n".join(lines)
    return "\n".join("".join(piece for _, piece in code_spans(line)) for line in lines)


def cell_round_trip(text: str, literal: bool) -> list[list[str]]:
    cell = md_cell(text, literal=literal)
    assert "\n" not in cell
    return table_rows(md_table(["A", "B", "C"], [["left", cell, "right"]]))


@pytest.mark.parametrize("literal", [True, False], ids=["message", "prose"])
@pytest.mark.parametrize("text", NASTY)
def test_md_cell_shows_nasty_text_exactly(text: str, literal: bool) -> None:
    assert cell_round_trip(text, literal) == [["left", shown(text, literal), "right"]]


@settings(max_examples=300, deadline=None)
@given(text=TEXTS, literal=st.booleans())
def test_md_cell_never_breaks_a_row_and_shows_text_exactly(text: str, literal: bool) -> None:
    assert cell_round_trip(text, literal) == [["left", shown(text, literal), "right"]]


@settings(max_examples=100, deadline=None)
@given(text=st.text(max_size=30))
def test_md_cell_keeps_the_row_even_with_control_characters(text: str) -> None:
    for literal in (True, False):
        rows = cell_round_trip(text, literal)
        assert len(rows) == 1 and len(rows[0]) == 3
        assert rows[0][0] == "left" and rows[0][2] == "right"


def test_message_and_prose_escaping_examples() -> None:
    assert md_code("a\n\n  b") == "`a`<br /><code></code><br /><code>&#32;&#32;b</code>"
    assert md_text("Run `a | b` & *x*") == "Run `a | b` &#38; &#42;x&#42;"
    assert md_text(" x ") == "&#32;x&#32;"
