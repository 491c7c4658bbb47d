"""Translation findings: each at its .po line, with per-locale severities."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from gettext_helpers import CATALOGUE, build, check, po_file, translate

from generator.checks.translations import check_translations
from generator.model import Catalogue, Message, Text
from generator.project import Project
from generator.translations import LocaleTranslations, Translated


def _findings(text: str, *forms: str, fuzzy: bool = False, plural: bool = False, nplurals: int = 1) -> list[str]:
    """The rule and message of each finding for one message and its translation."""
    texts = (("one", text), ("other", text.replace("file", "files"))) if plural else (("", text),)
    message = Message("m", (1, 1), text=Text(texts, (1, 1)), plural="n" if plural else None)
    catalogue = Catalogue("c.yaml", "demo", locales=("ja",), messages=(message,))
    entries = {"m": Translated(forms, fuzzy, 7)}
    translations = {"ja": LocaleTranslations("ja", "locales/ja/LC_MESSAGES/demo.po", nplurals, "0", entries)}
    found = check_translations(Project(Path(".")), catalogue, translations)
    assert all(str(d.location) == "locales/ja/LC_MESSAGES/demo.po:7:1" for d in found)
    return [f"{d.rule}: {d.message}" for d in found]


def test_missing_and_renamed_placeholders() -> None:
    assert _findings("Saved {path} to {dir}", "{file} を保存しました") == [
        'placeholder-mismatch: ja translation of "m" lacks {dir}, {path} and has {file}, which the English does not'
    ]


def test_placeholders_may_move_and_repeat() -> None:
    assert _findings("Copy {src} to {dst}", "{dst} へ {src} をコピー ({src})") == []


def test_attribute_index_positional_and_conversion_fields_are_reported() -> None:
    found = _findings("Saved {path}", "{path.__class__} {path[0]} {0} {path!r} {path}")
    assert found == [
        'placeholder-mismatch: ja translation of "m" has {path.__class__}: attribute or index access is not allowed; use a plain name',
        'placeholder-mismatch: ja translation of "m" has {path[0]}: attribute or index access is not allowed; use a plain name',
        'placeholder-mismatch: ja translation of "m" has {0}: positional fields are not allowed; use a declared name',
        'placeholder-mismatch: ja translation of "m" has {path!r}: conversions and format specs are not allowed; use a plain name',
    ]


def test_references_must_be_kept() -> None:
    assert _findings("Failed. {@reset-note}", "失敗しました。") == [
        'placeholder-mismatch: ja translation of "m" lacks {@reset-note}'
    ]
    assert _findings("Failed.", "失敗しました。{@other}") == [
        'placeholder-mismatch: ja translation of "m" has {@other}, which the English does not'
    ]


def test_escaped_braces_are_not_placeholders() -> None:
    assert _findings("Use {{braces}} in {path}", "{path} では {{波括弧}} を使う") == []
    assert _findings("Use {{braces}}", "{ を使う")[0].startswith('placeholder-mismatch: ja translation of "m" has {:')


def test_code_spans_must_be_kept_as_a_multiset() -> None:
    assert _findings("Run `demo login` or `demo reset`", "`demo reset` か `demo login` を実行") == []
    assert _findings("Run `demo login`", "`demo ログイン` を実行") == [
        'code-span-mismatch: ja translation of "m" lacks `demo login` and has `demo ログイン`, which the English does not'
    ]
    assert _findings("Run `a` and `a`", "`a` を実行") == ['code-span-mismatch: ja translation of "m" lacks `a`']


def test_untranslated_and_fuzzy_entries() -> None:
    assert _findings("Saved", "") == ['untranslated-entry: "m" has no ja translation']
    assert _findings("Saved {path}", "保存", fuzzy=True) == [
        'fuzzy-entry: ja translation of "m" is fuzzy, so English is shown; review it against the English and remove the fuzzy flag'
    ]


def test_plural_forms() -> None:
    assert _findings("{n} file", "{n} 個のファイル", plural=True) == []
    assert _findings("One file", "ファイル", plural=True) == []  # the form-choosing param may be left out
    assert _findings("{n} file", "{n} 個", "{n} 個たち", plural=True) == [
        'plural-forms-mismatch: ja translation of "m" has 2 plural forms, but ja has 1 (Plural-Forms: nplurals=1)'
    ]
    assert _findings("{n} file", "{n} 個", "", plural=True, nplurals=2) == [
        'untranslated-entry: ja translation of "m" (msgstr[1]) is empty'
    ]
    assert _findings("{n} file in {dir}", "{n} 個", "{n} 個 {dir}", plural=True, nplurals=2) == [
        'placeholder-mismatch: ja translation of "m" (msgstr[0]) lacks {dir}'
    ]


def test_findings_point_at_the_entry_and_follow_locale_severity(make_project: Callable[..., Path]) -> None:
    pyproject = '[tool.msgbook.severity]\nuntranslated-entry = { ja = "warning" }\nunused-message = "off"\n'
    root = make_project(CATALOGUE, pyproject=pyproject)
    build(root)
    translate(po_file(root), {"saved": "{file} を保存しました。", "saved#when": "書き込んだあと。"})
    lines = po_file(root).read_text(encoding="utf-8").split("\n")
    at = lines.index('msgctxt "saved"')
    start = next(i for i in range(at, 0, -1) if not lines[i - 1]) + 1
    result = check(root)
    assert (
        f'locales/ja/LC_MESSAGES/demo.po:{start}:1: error: ja translation of "saved" lacks {{path}} and has '
        "{file}, which the English does not [placeholder-mismatch]"
    ) in result.lines
    untranslated = [x for x in result.lines if x.endswith("[untranslated-entry]")]
    assert untranslated and all(": warning: " in x for x in untranslated)


def test_docs_texts_are_checked_for_code_spans_but_not_placeholders(make_project: Callable[..., Path]) -> None:
    root = make_project(CATALOGUE)
    build(root)
    translate(po_file(root), {"group:auth#description": "`demo ログイン` が表示するもの。{x}"})
    result = check(root)
    assert any("group:auth#description" in x and x.endswith("[code-span-mismatch]") for x in result.lines)
    assert not any("group:auth#description" in x and x.endswith("[placeholder-mismatch]") for x in result.lines)
