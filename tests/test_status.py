"""``msgbook status``: coverage per locale, message texts and docs texts apart."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import polib
from conftest import run_cli
from gettext_helpers import CATALOGUE, build, po_file, translate

from generator.project import load_project
from generator.status import render_status, status


def test_counts_before_any_translation(make_project: Callable[..., Path]) -> None:
    root = make_project(CATALOGUE)
    report, findings = status(load_project(root))
    assert findings == []
    # messages: saved, reset-note, 2 variants of rejected, jobs; docs: 2 group texts, saved#when, saved#action
    assert report == [("ja", "messages", 0, 0, 5, 0), ("ja", "docs", 0, 0, 4, 0)]


def test_counts_translated_fuzzy_untranslated_and_obsolete(make_project: Callable[..., Path]) -> None:
    root = make_project(CATALOGUE)
    build(root)
    translate(
        po_file(root),
        {
            "saved": "`{path}` を保存しました。",
            "reset-note": "リセットしました。",
            "jobs": ["{count} 件"],
            "saved#when": "書き込んだあと。",
            "group:auth#title": "認証",
        },
    )
    catalogue = CATALOGUE.replace("Saved `{path}`.", "Wrote `{path}`.").replace("After a file", "After the file")
    (root / "messages/catalogue.yaml").write_text(catalogue.lstrip("\n"), encoding="utf-8")
    po = polib.pofile(str(po_file(root)))
    po.append(polib.POEntry(msgctxt="gone", msgid="Gone", msgstr="消えた", obsolete=True))
    po.append(polib.POEntry(msgctxt="gone#when", msgid="Then", msgstr="その時", obsolete=True))
    po.save()
    report, _ = status(load_project(root))
    assert report == [("ja", "messages", 2, 1, 2, 1), ("ja", "docs", 1, 1, 2, 1)]


def test_status_command_prints_a_table(make_project: Callable[..., Path]) -> None:
    root = make_project(CATALOGUE)
    build(root)
    translate(po_file(root), {"reset-note": "リセットしました。"})
    result = run_cli("status", "--root", str(root))
    assert result.code == 0
    assert result.out == (
        "locale  texts     translated  fuzzy  untranslated  obsolete    done\n"
        "ja      messages           1      0             4         0   20.0%\n"
        "ja      docs               0      0             4         0    0.0%\n"
    )


def test_unreadable_po_is_reported_and_has_no_row(make_project: Callable[..., Path]) -> None:
    root = make_project(CATALOGUE.replace("locales: [ja]", "locales: [ja, de]"), po={"ja": 'msgid "x"\nmsgstr "y\n'})
    result = run_cli("status", "--root", str(root))
    assert result.code == 1
    assert result.lines[0].startswith("locales/ja/LC_MESSAGES/demo.po:2:1: error: ")
    assert [line.split()[0] for line in result.lines[2:]] == ["de", "de"]


def test_complete_translation_shows_100_percent() -> None:
    assert render_status([("ja", "messages", 82, 0, 0, 0)]).splitlines()[1].endswith("100.0%")
    assert render_status([("ja", "docs", 1999, 1, 0, 0)]).splitlines()[1].endswith("99.9%")
    assert render_status([]) == "no locales to translate into (add some under `locales:` in the catalogue)\n"
