"""The merge keyed on msgctxt: a translator's year, then each rule of the merge on its own."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import polib
from gettext_helpers import CATALOGUE, build, check, entries, msgfmt_check, po_file, translate

from generator.emit.gettext import PoEntry, merge_entries, template_entries
from generator.model import Catalogue, Message, Text, Variant
from generator.translations import GettextOptions


def _translations(root: Path) -> set[str]:
    """Every non-empty translation in every .po of the project, active or obsolete."""
    found = set()
    for path in (root / "locales").glob("*/LC_MESSAGES/*.po"):
        for entry in polib.pofile(str(path)):
            found.update(s for s in [entry.msgstr, *entry.msgstr_plural.values()] if s)
    return found


def _set_catalogue(root: Path, text: str) -> None:
    (root / "messages" / "catalogue.yaml").write_text(text.lstrip("\n"), encoding="utf-8")


def _step(root: Path, *options: str) -> set[str]:
    """Build, then check the promises: nothing lost, msgfmt accepts, a second build writes nothing."""
    before = _translations(root)
    build(root, *options)
    after = _translations(root)
    assert before <= after, f"lost: {before - after}"
    for path in (root / "locales").glob("*/LC_MESSAGES/*.po"):
        msgfmt_check(path)
    assert build(root, *options) == []
    return after


def test_translators_year(make_project: Callable[..., Path]) -> None:
    root = make_project(CATALOGUE)
    po = po_file(root)
    kept = _step(root)

    # spring: the translator translates some texts in an editor that re-wraps the file
    translate(
        po,
        {
            "saved": "`{path}` を保存しました。",
            "reset-note": "ローカルの状態をリセットしました。",
            "jobs": ["{count} 件のジョブをキャンセルしました。"],
            "rejected|other": "拒否されました。{@reset-note}",
        },
    )
    edited = po.read_bytes()
    kept = _step(root)
    assert po.read_bytes() == edited, "an in-sync .po is left as the editor wrote it"
    assert len(kept) == 4

    # summer: the English of one message changes
    _set_catalogue(root, CATALOGUE.replace("Saved `{path}`.", "Wrote `{path}`."))
    kept = _step(root)
    saved = entries(po)["saved"]
    assert saved.fuzzy and saved.previous_msgid == "Saved `{path}`." and saved.msgstr == "`{path}` を保存しました。"
    assert [e.msgctxt for e in polib.pofile(str(po)) if e.fuzzy] == ["saved"]
    translate(po, {"saved": "`{path}` を書き込みました。"})
    kept = _step(root)
    assert not entries(po)["saved"].fuzzy and entries(po)["saved"].previous_msgid is None

    # autumn: a message is deleted, then comes back
    without = CATALOGUE.replace("  reset-note:\n    text: Your local state was reset.\n", "")
    without = without.replace("{@reset-note}", "Try again.").replace("Saved `{path}`.", "Wrote `{path}`.")
    _set_catalogue(root, without)
    kept = _step(root)
    assert entries(po, obsolete=True)["reset-note"].msgstr == "ローカルの状態をリセットしました。"
    assert entries(po)["rejected|other"].fuzzy  # its English lost the reference
    _set_catalogue(root, CATALOGUE.replace("Saved `{path}`.", "Wrote `{path}`."))
    kept = _step(root)
    back = entries(po)["reset-note"]
    assert back.msgstr == "ローカルの状態をリセットしました。" and not back.fuzzy
    assert "reset-note" not in entries(po, obsolete=True)
    assert not entries(po)["rejected|other"].fuzzy  # the English is what was translated again

    # winter: a message is renamed, and a locale is added
    renamed = CATALOGUE.replace("Saved `{path}`.", "Wrote `{path}`.").replace(
        "  jobs:\n", "  jobs-cancelled:\n    renamed_from: jobs\n"
    )
    _set_catalogue(root, renamed)
    kept = _step(root)
    moved = entries(po)["jobs-cancelled"]
    assert moved.msgstr_plural == {0: "{count} 件のジョブをキャンセルしました。"} and not moved.fuzzy
    assert "jobs" not in entries(po) and "jobs" not in entries(po, obsolete=True)
    ja_before = po.read_bytes()
    _set_catalogue(root, renamed.replace("locales: [ja]", "locales: [ja, de]"))
    kept = _step(root)
    assert po.read_bytes() == ja_before
    assert entries(po_file(root, "de"))["jobs-cancelled"].msgstr_plural == {0: "", 1: ""}

    # and at the end of the year, the obsolete entries are pruned on request
    _set_catalogue(root, without.replace("locales: [ja]", "locales: [ja, de]"))
    kept = _step(root)
    assert entries(po, obsolete=True)
    build(root, "--prune-obsolete")
    assert entries(po, obsolete=True) == {}
    msgfmt_check(po)


def test_keep_translations_option_keeps_a_typo_fix_unfuzzied(make_project: Callable[..., Path]) -> None:
    root = make_project(CATALOGUE)
    build(root)
    translate(po_file(root), {"saved": "`{path}` を保存しました。", "saved#when": "書き込んだあと。"})
    _set_catalogue(root, CATALOGUE.replace("Saved `{path}`.", "Saved `{path}`!").replace("is written", "is writen"))
    build(root, "--keep-translations", "saved")
    found = entries(po_file(root))
    assert not found["saved"].fuzzy and found["saved"].previous_msgid is None
    assert not found["saved#when"].fuzzy  # the docs texts of the message too


def test_keep_translations_also_clears_what_an_earlier_build_marked(make_project: Callable[..., Path]) -> None:
    """A teammate's plain build may run between the typo fix and the build that names it."""
    root = make_project(CATALOGUE)
    build(root)
    translate(po_file(root), {"saved": "`{path}` を保存しました。", "saved#when": "書き込んだあと。"})
    _set_catalogue(root, CATALOGUE.replace("Saved `{path}`.", "Saved `{path}`!"))
    build(root)
    assert entries(po_file(root))["saved"].fuzzy
    build(root, "--keep-translations", "saved")
    found = entries(po_file(root))
    assert not found["saved"].fuzzy and found["saved"].previous_msgid is None
    assert found["saved"].msgstr == "`{path}` を保存しました。"
    msgfmt_check(po_file(root))


def test_keep_translations_leaves_a_fuzzy_flag_a_translator_set(make_project: Callable[..., Path]) -> None:
    root = make_project(CATALOGUE)
    build(root)
    translate(po_file(root), {"saved": "`{path}` を保存しました。"})
    po = polib.pofile(str(po_file(root)))
    next(e for e in po if e.msgctxt == "saved").flags.append("fuzzy")  # "please review", with no #| English
    po.save()
    build(root, "--keep-translations", "saved")
    assert entries(po_file(root))["saved"].fuzzy


def test_check_reports_stale_po_until_build(make_project: Callable[..., Path]) -> None:
    root = make_project(CATALOGUE)
    build(root)
    _set_catalogue(root, CATALOGUE.replace("Nothing required.", "Nothing to do."))
    lines = [line for line in check(root).lines if line.endswith("[stale-po]")]
    text = po_file(root).read_text(encoding="utf-8").split("\n")
    first = text.index("#. Docs: the 'What to do' text of message saved") + 1
    assert lines == [
        f"locales/ja/LC_MESSAGES/demo.po:{first}:1: error: entries differ from the catalogue (1 changed);"
        " run `msgbook build` [stale-po]"
    ]
    build(root)
    assert not any(line.endswith("[stale-po]") for line in check(root).lines)


def test_missing_po_is_stale_and_build_creates_it(make_project: Callable[..., Path]) -> None:
    root = make_project(CATALOGUE)
    lines = [line for line in check(root).lines if line.endswith("[stale-po]")]
    assert lines == [
        "locales/ja/LC_MESSAGES/demo.po: error: the .po is missing; run `msgbook build` to create it [stale-po]"
    ]


def test_unchanged_entries_keep_their_bytes_when_others_change(make_project: Callable[..., Path]) -> None:
    root = make_project(CATALOGUE)
    build(root)
    translate(po_file(root), {"saved#when": "ファイルを書き込んだあと、" * 6})  # msgcat wraps it at 60 columns
    block = po_file(root).read_text(encoding="utf-8").split("\n\n")
    wrapped = next(b for b in block if 'msgctxt "saved#when"' in b)
    _set_catalogue(root, CATALOGUE.replace("Nothing required.", "Nothing to do."))
    build(root)
    assert wrapped in po_file(root).read_text(encoding="utf-8").split("\n\n")


# --- the rules of the merge, one by one ----------------------------------------------


def _message(message_id: str, text: str, **fields: object) -> Message:
    return Message(message_id, (1, 1), text=Text((("", text),), (1, 1)), **fields)  # type: ignore[arg-type]


def _merge(
    messages: tuple[Message, ...], old: list[PoEntry], nplurals: int = 1, options: GettextOptions | None = None
) -> tuple[dict[str | None, PoEntry], dict[str | None, PoEntry]]:
    catalogue = Catalogue("c.yaml", "demo", locales=("ja",), messages=messages)
    merged = merge_entries(template_entries(catalogue, 79), old, nplurals, options or GettextOptions())
    return {e.context: e for e, _ in merged.active}, {e.context: e for e, _ in merged.obsolete}


def test_changed_english_marks_entry_fuzzy_and_keeps_previous() -> None:
    active, _ = _merge((_message("a", "New"),), [PoEntry("a", "Old", strings=("古い",))])
    assert active["a"].strings == ("古い",) and active["a"].fuzzy
    assert active["a"].previous == (None, "Old", None)


def test_second_change_keeps_the_english_the_translation_was_made_for() -> None:
    fuzzy = PoEntry("a", "Middle", strings=("古い",), flags=frozenset({"fuzzy"}), previous=(None, "Old", None))
    active, _ = _merge((_message("a", "New"),), [fuzzy])
    assert active["a"].previous == (None, "Old", None) and active["a"].fuzzy


def test_english_changed_back_is_no_longer_fuzzy() -> None:
    fuzzy = PoEntry("a", "Middle", strings=("古い",), flags=frozenset({"fuzzy"}), previous=(None, "Old", None))
    active, _ = _merge((_message("a", "Old"),), [fuzzy])
    assert not active["a"].fuzzy and active["a"].previous == (None, None, None)


def test_untranslated_entry_with_changed_english_is_not_fuzzy() -> None:
    active, _ = _merge((_message("a", "New"),), [PoEntry("a", "Old")])
    assert not active["a"].fuzzy and active["a"].previous == (None, None, None)


def test_english_similarity_never_moves_a_translation() -> None:
    """Babel's fuzzy matching would hand `open-dir` the translation of the old `open` text."""
    old = [PoEntry("open", "Could not open the file", strings=("ファイルを開けません",))]
    messages = (_message("open", "Could not open the file: denied"), _message("open-dir", "Could not open the folder"))
    active, obsolete = _merge(messages, old)
    assert active["open-dir"].strings == ("",)
    assert active["open"].strings == ("ファイルを開けません",) and active["open"].fuzzy
    assert obsolete == {}


def test_removed_entry_becomes_obsolete_and_comes_back_translated() -> None:
    old = [PoEntry("a", "A", strings=("エー",), comment="note", occurrences=("c.yaml",), tcomment="mine")]
    _, obsolete = _merge((_message("b", "B"),), old)
    assert obsolete["a"] == PoEntry("a", "A", strings=("エー",), tcomment="mine", obsolete=True)
    active, obsolete = _merge((_message("a", "A"),), list(obsolete.values()))
    assert active["a"].strings == ("エー",) and not active["a"].fuzzy and active["a"].tcomment == "mine"
    assert obsolete == {}


def test_readded_message_with_new_english_comes_back_fuzzy() -> None:
    active, _ = _merge((_message("a", "A2"),), [PoEntry("a", "A", strings=("エー",), obsolete=True)])
    assert active["a"].fuzzy and active["a"].previous == (None, "A", None)


def test_untranslated_removed_entry_is_dropped_and_prune_drops_all_obsolete() -> None:
    old = [PoEntry("a", "A"), PoEntry("b", "B", strings=("ビー",)), PoEntry("c", "C", strings=("シー",), obsolete=True)]
    _, obsolete = _merge((), old)
    assert sorted(obsolete) == ["b", "c"]
    _, obsolete = _merge((), old, options=GettextOptions(prune_obsolete=True))
    assert obsolete == {}


def test_renamed_message_keeps_the_translations_of_each_text() -> None:
    variants = (
        Variant("ci=true", (("ci", (True,)),), Text((("", "In CI"),), (1, 1)), (1, 1)),
        Variant("other", (), Text((("", "Elsewhere"),), (1, 1)), (1, 1)),
    )
    new = Message("new-name", (1, 1), variants=variants, when="Always.", renamed_from=("older", "old-name"))
    old = [
        PoEntry("old-name|ci=true", "In CI", strings=("CI で",)),
        PoEntry("old-name|other", "Somewhere else", strings=("ほかで",)),
        PoEntry("old-name#when", "Always.", strings=("いつも。",), obsolete=True),
    ]
    active, obsolete = _merge((new,), old)
    assert active["new-name|ci=true"].strings == ("CI で",) and not active["new-name|ci=true"].fuzzy
    assert active["new-name|other"].fuzzy
    assert active["new-name|other"].previous == ("old-name|other", "Somewhere else", None)
    assert active["new-name#when"].strings == ("いつも。",)
    assert obsolete == {}


def test_rename_after_a_build_without_renamed_from_still_recovers() -> None:
    old = [PoEntry("new", "Text"), PoEntry("old", "Text", strings=("テキスト",), obsolete=True)]
    active, obsolete = _merge((_message("new", "Text", renamed_from=("old",)),), old)
    assert active["new"].strings == ("テキスト",)
    assert obsolete == {}


def test_singular_becoming_plural_keeps_the_text_in_the_first_form() -> None:
    plural = Message("n", (1, 1), text=Text((("one", "{n} file"), ("other", "{n} files")), (1, 1)), plural="n")
    active, _ = _merge((plural,), [PoEntry("n", "A file", strings=("ファイル",))], nplurals=2)
    assert active["n"].strings == ("ファイル", "") and active["n"].fuzzy
    assert active["n"].previous == (None, "A file", None)


def test_plural_becoming_singular_keeps_the_other_forms_obsolete() -> None:
    old = [PoEntry("n", "{n} file", "{n} files", strings=("1 つ", "たくさん"))]
    active, obsolete = _merge((_message("n", "Some files"),), old, nplurals=2)
    assert active["n"].strings == ("1 つ",) and active["n"].fuzzy
    assert obsolete["n"].strings == ("1 つ", "たくさん")


def test_plural_form_count_that_does_not_fit_is_kept_for_the_check() -> None:
    plural = Message("n", (1, 1), text=Text((("one", "{n} file"), ("other", "{n} files")), (1, 1)), plural="n")
    old = [PoEntry("n", "{n} file", "{n} files", strings=("a", "b"))]
    active, _ = _merge((plural,), old, nplurals=1)
    assert active["n"].strings == ("a", "b") and not active["n"].fuzzy


def test_entry_without_msgctxt_is_kept_obsolete() -> None:
    _, obsolete = _merge((_message("a", "A"),), [PoEntry(None, "Stray", strings=("迷子",))])
    assert obsolete[None].strings == ("迷子",)


def test_translator_flags_are_kept_and_format_flags_follow_the_english() -> None:
    old = [PoEntry("a", "Saved", strings=("保存",), flags=frozenset({"no-wrap", "python-format"}))]
    active, _ = _merge((_message("a", "Saved {path}"),), old)
    assert active["a"].flags == frozenset({"no-wrap", "python-brace-format", "fuzzy"})


def test_unchanged_entry_is_the_very_same_entry() -> None:
    template = template_entries(Catalogue("c.yaml", "d", messages=(_message("a", "A"),)), 79)[0][1]
    old = template._replace(strings=("エー",))
    active, _ = _merge((_message("a", "A"),), [old])
    assert active["a"] is old
