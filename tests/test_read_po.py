"""A .po msgbook cannot read safely: a finding at its line, and build leaves every file alone."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import polib
import pytest
from conftest import run_cli
from gettext_helpers import CATALOGUE, build, check, po_file

from generator.emit.gettext import read_po

HEADER = """\
msgid ""
msgstr ""
"Language: ja\\n"
"Content-Type: text/plain; charset=UTF-8\\n"
"Plural-Forms: nplurals=1; plural=0;\\n"
"""

ENTRY = """\
msgctxt "reset-note"
msgid "Your local state was reset."
msgstr "リセットしました。"
"""

BROKEN = {
    "unterminated string": (HEADER + "\n" + ENTRY.replace('しました。"', "しました。"), 9, "po-syntax"),
    "unescaped quote": (HEADER + "\n" + ENTRY.replace("リセット", 'リ"セット'), 9, "po-syntax"),
    "unknown escape": (HEADER + "\n" + ENTRY.replace("リセット", "リ\\aセット"), 9, "po-syntax"),
    "keywords out of order": (HEADER + '\nmsgstr "x"\nmsgid "y"\n', 7, "po-syntax"),
    "stray text": (HEADER + "\nhello\n" + ENTRY, 7, "po-syntax"),
    "missing header": (ENTRY, 1, "po-header"),
    "no charset": (HEADER.replace("charset=UTF-8", "format=flowed") + "\n" + ENTRY, 4, "po-header"),
    "plural count of the language": (
        HEADER.replace("nplurals=1; plural=0;", "nplurals=2; plural=(n != 1);") + "\n" + ENTRY,
        5,
        "po-header",
    ),
    "duplicate entry": (HEADER + "\n" + ENTRY + "\n" + ENTRY, 11, "duplicate-entry"),
    "msgstr[n] without msgid_plural": (HEADER + '\nmsgctxt "a"\nmsgid "b"\nmsgstr[0] "c"\n', 7, "po-syntax"),
}


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_unreadable_po_is_reported_at_its_line_and_nothing_is_written(
    case: str, make_project: Callable[..., Path]
) -> None:
    text, line, rule = BROKEN[case]
    root = make_project(CATALOGUE, po={"ja": text})
    before = po_file(root).read_bytes()
    found = [x for x in check(root).lines if x.endswith(f"[{rule}]")]
    assert len(found) == 1, check(root).lines
    assert found[0].startswith(f"locales/ja/LC_MESSAGES/demo.po:{line}:1: error: ")
    result = run_cli("build", "--root", str(root))
    assert result.code == 1
    assert not any(x.startswith("wrote ") for x in result.lines)
    assert po_file(root).read_bytes() == before
    assert not (root / "locales" / "demo.pot").exists()


def test_wrong_charset_is_reported_and_the_file_left_alone(make_project: Callable[..., Path]) -> None:
    root = make_project(CATALOGUE)
    path = po_file(root)
    path.parent.mkdir(parents=True)
    latin = (
        HEADER.replace("UTF-8", "ISO-8859-1") + '\nmsgctxt "saved"\nmsgid "Saved `{path}`."\nmsgstr "Sauvé"\n'
    ).encode("latin-1")
    path.write_bytes(latin)
    lines = [x for x in check(root).lines if "[po-header]" in x]
    assert lines == [
        "locales/ja/LC_MESSAGES/demo.po:4:1: error: charset ISO-8859-1 is not UTF-8;"
        " convert the file (msgconv --to-code=UTF-8) [po-header]"
    ]
    build_result = run_cli("build", "--root", str(root))
    assert build_result.code == 1
    assert path.read_bytes() == latin


def test_bytes_that_are_not_utf8_are_a_syntax_error() -> None:
    data = (HEADER + "\n" + ENTRY).encode() + b'\nmsgctxt "x"\nmsgid "y"\nmsgstr "\xe9"\n'
    read, found = read_po(data, "ja.po", "ja", 1)
    assert read is None
    assert [(d.rule, d.location.line) for d in found] == [("po-syntax", 13)]


def _synced(make_project: Callable[..., Path]) -> Path:
    root = make_project(CATALOGUE)
    build(root)
    return root


@pytest.mark.parametrize(
    ("name", "change", "message"),
    [
        ("crlf", lambda data: data.replace(b"\n", b"\r\n"), "CRLF line endings; msgbook writes LF"),
        (
            "bom",
            lambda data: b"\xef\xbb\xbf" + data,
            "the file starts with a byte-order mark; msgbook writes UTF-8 without one",
        ),
    ],
)
def test_crlf_and_bom_are_warnings_and_an_in_sync_file_is_left_alone(
    name: str, change: Callable[[bytes], bytes], message: str, make_project: Callable[..., Path]
) -> None:
    root = _synced(make_project)
    path = po_file(root)
    path.write_bytes(change(path.read_bytes()))
    before = path.read_bytes()
    result = check(root)
    assert f"locales/ja/LC_MESSAGES/demo.po:1:1: warning: {message} [po-format]" in result.lines
    assert not any(x.endswith("[stale-po]") for x in result.lines)
    assert "locales/ja/LC_MESSAGES/demo.po" not in build(root)
    assert path.read_bytes() == before


def test_crlf_file_is_written_with_lf_when_entries_change(make_project: Callable[..., Path]) -> None:
    root = _synced(make_project)
    path = po_file(root)
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    (root / "messages/catalogue.yaml").write_text(
        CATALOGUE.replace("Nothing required.", "Nothing to do.").lstrip("\n"), encoding="utf-8"
    )
    build(root)
    assert b"\r\n" not in path.read_bytes()
    assert polib.pofile(str(path)).find("Nothing to do.", by="msgid") is not None


def test_wrong_number_of_plural_forms_in_an_entry_is_kept_and_reported(make_project: Callable[..., Path]) -> None:
    root = _synced(make_project)
    path = po_file(root)
    po = polib.pofile(str(path))
    po.find("Cancelled {count} job.", by="msgid").msgstr_plural = {0: "{count} 件", 1: "{count} 件たち"}
    po.save()
    before = path.read_bytes()
    lines = [x for x in check(root).lines if x.endswith("[plural-forms-mismatch]")]
    assert len(lines) == 1 and "has 2 plural forms, but ja has 1" in lines[0]
    assert "locales/ja/LC_MESSAGES/demo.po" not in build(root)
    assert path.read_bytes() == before


def test_fixed_file_builds_again(make_project: Callable[..., Path]) -> None:
    text, _, _ = BROKEN["unterminated string"]
    root = make_project(CATALOGUE, po={"ja": text})
    assert [x for x in check(root).lines if "[po-syntax]" in x]
    po_file(root).write_text(HEADER + "\n" + ENTRY, encoding="utf-8")
    build(root)
    assert (
        polib.pofile(str(po_file(root))).find("Your local state was reset.", by="msgid").msgstr == "リセットしました。"
    )


def test_empty_po_is_treated_as_missing(make_project: Callable[..., Path]) -> None:
    root = make_project(CATALOGUE, po={"ja": "\n"})
    assert "locales/ja/LC_MESSAGES/demo.po" in build(root)
