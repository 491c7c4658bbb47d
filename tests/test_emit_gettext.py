"""The gettext files: .pot and .po bytes (golden files), GNU msgfmt, the .mo, determinism, any text.

Refresh the golden files with ``MSGBOOK_UPDATE_GOLDEN=1 pytest tests/test_emit_gettext.py``
and review the diff.
"""

from __future__ import annotations

import gettext
import io
import os
import random
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

import polib
import pytest
import yaml
from babel.messages.pofile import read_po as babel_read_po
from gettext_helpers import CATALOGUE, build, check, entries, msgfmt_check, po_file, translate
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.emit.gettext import Merged, PoEntry, memoized, read_po, render_po, template_entries
from generator.emit.gettext import merge_header as header_for
from generator.model import Catalogue, Message, Param, Text
from generator.project import load_project

GOLDEN = Path(__file__).parent / "golden" / "gettext"
UPDATE = bool(os.environ.get("MSGBOOK_UPDATE_GOLDEN"))


def check_golden(relative: str, data: bytes) -> None:
    path = GOLDEN / relative
    if UPDATE:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    assert path.exists(), f"no golden file {path}; run with MSGBOOK_UPDATE_GOLDEN=1"
    assert data == path.read_bytes(), f"{relative} differs from its golden file (MSGBOOK_UPDATE_GOLDEN=1 refreshes it)"


def test_new_project_matches_golden_files(make_project: Callable[..., Path]) -> None:
    root = make_project(CATALOGUE)
    written = build(root)
    assert {"locales/demo.pot", "locales/ja/LC_MESSAGES/demo.po", "locales/ja/LC_MESSAGES/demo.mo"} <= set(written)
    check_golden("new/demo.pot", (root / "locales/demo.pot").read_bytes())
    check_golden("new/ja.po", po_file(root).read_bytes())
    msgfmt_check(po_file(root))
    msgfmt_check(root / "locales/demo.pot")


def test_translated_and_updated_po_matches_golden_file(make_project: Callable[..., Path]) -> None:
    root = make_project(CATALOGUE)
    build(root)
    translate(
        po_file(root),
        {
            "saved": "`{path}` を保存しました。",
            "saved#when": "ファイルを書き込んだあと。",
            "jobs": ["{count} 件のジョブをキャンセルしました。"],
            "reset-note": "ローカルの状態をリセットしました。",
        },
        comment="checked by the reviewer",
    )
    catalogue = CATALOGUE.replace("Saved `{path}`.", "Wrote `{path}`.").replace(
        "  reset-note:\n    text: Your local state was reset.\n", ""
    )
    catalogue = catalogue.replace("{@reset-note}", "Try again.")
    (root / "messages" / "catalogue.yaml").write_text(catalogue.lstrip("\n"), encoding="utf-8")
    build(root)
    check_golden("updated/ja.po", po_file(root).read_bytes())
    msgfmt_check(po_file(root))


def test_mo_gives_the_translations_through_the_standard_library(make_project: Callable[..., Path]) -> None:
    root = make_project(CATALOGUE)
    build(root)
    translate(
        po_file(root),
        {
            "saved": "`{path}` を保存しました。",
            "jobs": ["{count} 件のジョブをキャンセルしました。"],
            "rejected|other": "拒否されました。{@reset-note}",
        },
    )
    po = polib.pofile(str(po_file(root)))
    po.find("拒否されました。{@reset-note}", by="msgstr").flags.append("fuzzy")
    po.save()
    build(root)
    with po_file(root, suffix=".mo").open("rb") as handle:
        translations = gettext.GNUTranslations(handle)
    assert translations.pgettext("saved", "Saved `{path}`.") == "`{path}` を保存しました。"
    assert translations.npgettext("jobs", "Cancelled {count} job.", "Cancelled {count} jobs.", 5) == (
        "{count} 件のジョブをキャンセルしました。"
    )
    assert translations.pgettext("rejected|other", "Rejected. {@reset-note}") == "Rejected. {@reset-note}"  # fuzzy
    assert translations.pgettext("reset-note", "Your local state was reset.") == "Your local state was reset."
    assert translations.info()["language"] == "ja"


def test_second_build_writes_nothing(make_project: Callable[..., Path]) -> None:
    root = make_project(CATALOGUE)
    assert build(root)
    assert build(root) == []
    shutil.rmtree(root / ".msgbook-cache")
    assert build(root) == []  # the same without any cache


def test_catalogue_order_does_not_change_the_files(make_project: Callable[..., Path]) -> None:
    data = yaml.safe_load(CATALOGUE)
    names = list(data["messages"])
    random.Random(3).shuffle(names)
    assert names != list(data["messages"])
    data["messages"] = {name: data["messages"][name] for name in names}
    one = make_project(CATALOGUE)
    two = make_project(yaml.safe_dump(data, sort_keys=False, allow_unicode=True))
    build(one)
    build(two)
    for relative in ("locales/demo.pot", "locales/ja/LC_MESSAGES/demo.po", "locales/ja/LC_MESSAGES/demo.mo"):
        assert (one / relative).read_bytes() == (two / relative).read_bytes(), relative


def test_brace_texts_are_flagged_and_docs_texts_are_not(make_project: Callable[..., Path]) -> None:
    root = make_project(CATALOGUE)
    build(root)
    found = entries(root / "locales/demo.pot")
    assert "python-brace-format" in found["saved"].flags
    assert "python-brace-format" in found["rejected|other"].flags  # {@id} only
    assert "python-brace-format" not in found["reset-note"].flags
    assert "python-brace-format" not in found["group:auth#description"].flags


def test_translator_comments_describe_the_text(make_project: Callable[..., Path]) -> None:
    root = make_project(CATALOGUE)
    build(root)
    found = entries(root / "locales/demo.pot")
    assert found["saved"].comment == "When: After a file is written.\n{path}: str, e.g. ~/a.txt"
    assert found["saved"].occurrences == [("messages/catalogue.yaml", "")]
    assert "Variant: shown when mode = oauth" in found["rejected|mode=oauth"].comment
    assert "{@reset-note}: inserts message reset-note" in found["rejected|mode=oauth"].comment
    assert found["jobs"].comment == "{count}: int (chooses the plural form)"
    assert found["saved#action"].comment == "Docs: the 'What to do' text of message saved"


def test_msgfmt_skips_entries_with_references_and_checks_the_others(make_project: Callable[..., Path]) -> None:
    """`{@id}` is no brace field for GNU msgfmt: such entries pass, msgbook checks them itself."""
    root = make_project(CATALOGUE)
    build(root)
    translate(po_file(root), {"rejected|other": "拒否されました。{@reset-note}", "saved": "`{path}` を保存しました。"})
    build(root)
    msgfmt_check(po_file(root))
    assert not any(line.endswith("[placeholder-mismatch]") for line in check(root).lines)


def test_wrap_width_setting_is_used(make_project: Callable[..., Path]) -> None:
    long = "word " * 30
    catalogue = f"domain: demo\nlocales: [ja]\nmessages:\n  long:\n    text: {long.strip()}\n"
    narrow = make_project(catalogue, pyproject="[tool.msgbook]\nwrap-width = 40\n")
    wide = make_project(catalogue)
    build(narrow)
    build(wide)
    narrow_lines = (narrow / "locales/demo.pot").read_text(encoding="utf-8").splitlines()
    wide_lines = (wide / "locales/demo.pot").read_text(encoding="utf-8").splitlines()
    assert max(len(line) for line in narrow_lines if line.startswith('"word')) <= 40
    assert 40 < max(len(line) for line in wide_lines if line.startswith('"word')) <= 79
    assert entries(narrow / "locales/demo.pot")["long"].msgid == long.strip()


def test_rewrapped_po_is_not_drift_and_is_left_alone(make_project: Callable[..., Path]) -> None:
    root = make_project(CATALOGUE)
    build(root)
    translate(po_file(root), {"saved": "`{path}` を保存しました。" * 4})  # msgcat re-wraps at 60 columns
    before = po_file(root).read_bytes()
    assert not any(line.endswith("[stale-po]") for line in check(root).lines)
    written = build(root)
    assert "locales/ja/LC_MESSAGES/demo.po" not in written
    assert po_file(root).read_bytes() == before


def test_new_locale_gets_language_and_cldr_plural_forms(make_project: Callable[..., Path]) -> None:
    root = make_project(CATALOGUE.replace("locales: [ja]", "locales: [ja, pt-BR, ar]"))
    build(root)
    brazil = polib.pofile(str(po_file(root, "pt_BR")))
    assert brazil.metadata["Language"] == "pt_BR"
    assert brazil.metadata["Plural-Forms"].startswith("nplurals=3;")
    arabic = polib.pofile(str(po_file(root, "ar")))
    assert arabic.metadata["Plural-Forms"].startswith("nplurals=6;")
    assert len(entries(po_file(root, "ar"))["jobs"].msgstr_plural) == 6
    assert not arabic.metadata_is_fuzzy
    for locale in ("ja", "pt_BR", "ar"):
        msgfmt_check(po_file(root, locale))


def test_translator_header_fields_are_kept(make_project: Callable[..., Path]) -> None:
    root = make_project(CATALOGUE)
    build(root)
    po = polib.pofile(str(po_file(root)))
    po.metadata.update(
        {
            "Last-Translator": "Hana <hana@example.com>",
            "PO-Revision-Date": "2026-01-02 03:04+0900",
            "X-Generator": "Poedit 3.4",
        }
    )
    po.metadata["Plural-Forms"] = "nplurals=1; plural=0"
    po.header = "Japanese messages.\nCopyright Hana."
    po.save()
    (root / "messages/catalogue.yaml").write_text(
        CATALOGUE.replace("Nothing required.", "Nothing to do.").lstrip("\n"), encoding="utf-8"
    )
    build(root)
    after = polib.pofile(str(po_file(root)))
    assert after.header == "Japanese messages.\nCopyright Hana."
    assert after.metadata["Last-Translator"] == "Hana <hana@example.com>"
    assert after.metadata["PO-Revision-Date"] == "2026-01-02 03:04+0900"
    assert after.metadata["X-Generator"] == "Poedit 3.4"
    assert after.metadata["Plural-Forms"] == "nplurals=1; plural=0;"
    assert "POT-Creation-Date" not in after.metadata


def test_pot_has_no_date_and_is_byte_checked(make_project: Callable[..., Path]) -> None:
    root = make_project(CATALOGUE)
    build(root)
    pot = root / "locales/demo.pot"
    assert "Creation-Date" not in pot.read_text(encoding="utf-8")
    pot.write_text(pot.read_text(encoding="utf-8").replace("Saved", "Stored"), encoding="utf-8")
    assert any(line.startswith("locales/demo.pot:") and "stale-generated-file" in line for line in check(root).lines)


# --- any text survives --------------------------------------------------------------

PIECES = ['"', "\\", "\n", "\t", "\r", "{{", "}}", "|", "`", "#~", "😀", "日本語", "\u2028", "\x1c", "\x85", " "]
TEXT = st.lists(
    st.one_of(st.sampled_from(PIECES), st.characters(blacklist_categories=("Cs", "Cc"), max_codepoint=0x2FFFF)),
    min_size=1,
    max_size=60,
).map("".join)


def _catalogue(texts: list[str]) -> Catalogue:
    messages = tuple(
        Message(f"m{i}", (i + 1, 1), text=Text((("", text),), (i + 1, 3)), comment=text, when=text)
        for i, text in enumerate(texts)
    )
    return Catalogue("messages/catalogue.yaml", "demo", locales=("ja",), messages=messages)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(TEXT, min_size=1, max_size=4), st.sampled_from([79, 30, 0]))
def test_any_text_survives_po_and_reads_back_with_polib_and_babel(texts: list[str], width: int) -> None:
    catalogue = _catalogue(texts)
    templates = template_entries(catalogue, width)
    translated = [(e._replace(strings=(e.msgid[::-1] or "x",), tcomment="note"), None) for _, e in templates]
    header = header_for(None, catalogue, "ja")
    text = render_po(None, header, Merged(translated, []), width, {})
    # polib (as msgbook reads it) gives back exactly the entries
    again, found = read_po(text.data, "ja.po", "ja", 1)
    assert found == []
    assert again is not None
    assert again.entries == [e for e, _ in translated]
    assert again.lines == text.starts
    # Babel reads the same texts
    catalog = babel_read_po(io.BytesIO(text.data))
    for entry, _ in translated:
        message = catalog.get(entry.msgid, context=entry.context)
        assert message is not None
        assert message.string == entry.strings[0]
    # polib, reading the file from disk as any tool would
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "ja.po"
        path.write_bytes(text.data)
        parsed = {e.msgctxt: e for e in polib.pofile(str(path))}
    for entry, _ in translated:
        assert (parsed[entry.context].msgid, parsed[entry.context].msgstr) == (entry.msgid, entry.strings[0])


def test_placeholder_notes_name_each_param(make_project: Callable[..., Path]) -> None:
    catalogue = Catalogue(
        "c.yaml",
        "demo",
        messages=(
            Message(
                "m",
                (1, 1),
                text=Text((("", "Copy {src} to {dst}"),), (1, 1)),
                params=(
                    Param("src", "str", (1, 1), example="a.txt", description="the source file"),
                    Param("dst", "choice", (1, 1), choices=("x", "y")),
                ),
            ),
        ),
    )
    ((_, entry),) = template_entries(catalogue, 79)
    assert entry.comment == "{src}: str, e.g. a.txt; the source file\n{dst}: one of x, y"
    assert memoized(entry, 79, {}).startswith("#. {src}: str")


def test_long_words_in_notes_never_get_rewrapped_by_polib() -> None:
    word = "very-long-hyphenated-identifier-" * 4
    catalogue = _catalogue([word])
    entry = template_entries(catalogue, 40)[0][1]
    assert all(len(line) <= 37 for line in entry.comment.splitlines())
    text = render_po(None, header_for(None, catalogue, "ja"), Merged([(entry, None)], []), 40, {})
    again, _ = read_po(text.data, "x.po", "ja", 1)
    assert again is not None and again.entries == [entry]


@pytest.mark.parametrize("width", [79, 0])
def test_entries_are_sorted_by_owner(width: int) -> None:
    catalogue = _catalogue(["b", "a"])
    order = [entry.context for _, entry in template_entries(catalogue, width)]
    assert order == ["m0", "m0#when", "m1", "m1#when"]


def test_po_entry_is_hashable_and_compares_by_value() -> None:
    one = PoEntry("a", "x", flags=frozenset({"fuzzy", "python-brace-format"}))
    two = PoEntry("a", "x", flags=frozenset({"python-brace-format", "fuzzy"}))
    assert one == two and hash(one) == hash(two) and one.fuzzy


def test_check_after_build_is_clean_for_gettext(make_project: Callable[..., Path]) -> None:
    root = make_project(CATALOGUE, pyproject='[tool.msgbook.severity]\nuntranslated-entry = "off"\n')
    build(root)
    lines = [line for line in check(root).lines if "locales/" in line]
    assert lines == []


def test_project_settings_change_the_locales_folder(make_project: Callable[..., Path]) -> None:
    root = make_project(CATALOGUE, pyproject='[tool.msgbook]\nlocales = "i18n"\n')
    written = build(root)
    assert "i18n/demo.pot" in written and "i18n/ja/LC_MESSAGES/demo.po" in written
    assert load_project(root).locales_dir == "i18n"
