"""The generated runtime modules: texts in every locale, variants, plurals, references, meta, safety.

Each test renders a small catalogue into ``tmp_path`` and imports the result
in a separate process whose environment holds only PATH.
"""

from __future__ import annotations

import ast
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import run_cli
from runtime_project import Entry, call_all, catalogue, run_python, translations, write_runtime

from generator.emit.runtime import render_runtime
from generator.project import Project

CATALOGUE = """
domain: demo
locales: [ja]
messages:
  note:
    text: "Note: this works on this machine only."
  saved:
    params: {path: {type: str}, count: {type: int}}
    text: 'Saved {count} files to "{path}" ({{not a field}}) \\ done.'
  reset-note:
    params: {path: {type: str}}
    text: "Delete `{path}` before resuming."
  rejected:
    code: token_rejected
    exit_code: 1
    level: error
    stream: stderr
    params:
      deployment: {choices: [oauth, anon-only, unknown]}
      ci: {type: bool, default: false}
      path: {type: str}
    variants:
      - if: {deployment: oauth, ci: false}
        text: "Rejected.\\n  demo login --oauth\\n{@reset-note}"
      - if: {deployment: [oauth, anon-only]}
        text: "Rejected.\\n  demo login --anonymous\\n{@note}"
      - text: "Rejected; deployment unknown."
    when: The cloud rejected the token.
    action: Run the command in the message.
  jobs:
    params: {count: {type: int}}
    plural: count
    text: {one: "Cancelled {count} job.", other: "Cancelled {count} jobs."}
"""

JA: dict[str, Entry] = {
    "note": "注意: このマシンでのみ動作します。",
    "saved": "{count} 個のファイルを「{path}」に保存しました。",
    "reset-note": "再開する前に `{path}` を削除してください。",
    "rejected|ci=false,deployment=oauth": "拒否されました。\n  demo login --oauth\n{@reset-note}",
    "rejected|deployment=oauth+anon-only": "拒否されました。\n  demo login --anonymous\n{@note}",
    "rejected#when": "クラウドがトークンを拒否しました。",
    "jobs": ("{count} 件のジョブを取り消しました。",),
}


@pytest.fixture
def root(tmp_path: Path) -> Path:
    write_runtime(tmp_path, catalogue(CATALOGUE), {"ja": translations(JA)})
    return tmp_path


def test_english_text_of_every_message_and_variant(root: Path) -> None:
    assert call_all(
        root,
        [
            "m.note()",
            "m.saved(path='~/x', count=2)",
            "m.rejected(deployment='oauth', path='.demo')",
            "m.rejected(deployment='oauth', ci=True, path='.demo')",
            "m.rejected(deployment='anon-only', path='.demo')",
            "m.rejected(deployment='unknown', path='.demo')",
        ],
    ) == [
        "Note: this works on this machine only.",
        'Saved 2 files to "~/x" ({not a field}) \\ done.',
        "Rejected.\n  demo login --oauth\nDelete `.demo` before resuming.",
        "Rejected.\n  demo login --anonymous\nNote: this works on this machine only.",
        "Rejected.\n  demo login --anonymous\nNote: this works on this machine only.",
        "Rejected; deployment unknown.",
    ]


def test_japanese_text_of_every_message_and_variant(root: Path) -> None:
    assert call_all(
        root,
        [
            "m.note()",
            "m.saved(path='~/x', count=2)",
            "m.rejected(deployment='oauth', path='.demo')",
            "m.rejected(deployment='anon-only', path='.demo')",
            "m.rejected(deployment='unknown', path='.demo')",
        ],
        {"LANG": "ja_JP.UTF-8"},
    ) == [
        "注意: このマシンでのみ動作します。",
        "2 個のファイルを「~/x」に保存しました。",
        "拒否されました。\n  demo login --oauth\n再開する前に `.demo` を削除してください。",
        "拒否されました。\n  demo login --anonymous\n注意: このマシンでのみ動作します。",
        "Rejected; deployment unknown.",  # untranslated variant: English
    ]


def test_missing_fuzzy_or_unsafe_translation_shows_english(tmp_path: Path) -> None:
    ja = translations(
        {
            "note": "注意",
            "reset-note": "`{path}` を削除",
            "saved": "{count} {path.__class__}",  # attribute access: never compiled
            "jobs": ("{count} {undeclared}",),  # a field the English does not declare
        },
        fuzzy=("reset-note",),
    )
    write_runtime(tmp_path, catalogue(CATALOGUE), {"ja": ja})
    assert call_all(
        tmp_path,
        ["m.note()", "m.reset_note(path='p')", "m.saved(path='p', count=1)", "m.jobs(count=1)"],
        {"LANG": "ja"},
    ) == ["注意", "Delete `p` before resuming.", 'Saved 1 files to "p" ({not a field}) \\ done.', "Cancelled 1 job."]


def test_values_are_inserted_as_they_are(root: Path) -> None:
    values = call_all(root, ["m.reset_note(path='{x.__class__} {0} {{}}')", "m.saved(path='%s', count=-1)"])
    assert values == [
        "Delete `{x.__class__} {0} {{}}` before resuming.",
        'Saved -1 files to "%s" ({not a field}) \\ done.',
    ]


def test_plural_form_follows_each_locale_rule(tmp_path: Path) -> None:
    pl = translations(
        {"jobs": ("{count} zadanie", "{count} zadania", "{count} zadań")},
        locale="pl",
        nplurals=3,
        plural="(n==1 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2)",
    )
    cat = catalogue(CATALOGUE.replace("locales: [ja]", "locales: [ja, pl]"))
    write_runtime(tmp_path, cat, {"ja": translations(JA), "pl": pl})
    counts = [0, 1, 2, 5, 12, 22, 101]
    calls = [f"m.jobs(count={n}, locale={loc!r})" for loc in ("en", "ja", "pl") for n in counts]
    assert call_all(tmp_path, calls) == [
        *(f"Cancelled {n} job{'' if n == 1 else 's'}." for n in counts),
        *(f"{n} 件のジョブを取り消しました。" for n in counts),
        "0 zadań",
        "1 zadanie",
        "2 zadania",
        "5 zadań",
        "12 zadań",
        "22 zadania",
        "101 zadań",
    ]


def test_untranslated_plural_uses_the_source_rule_in_another_locale(tmp_path: Path) -> None:
    pl = translations({}, locale="pl", nplurals=3, plural="(n==1 ? 0 : n%10>=2 && n%10<=4 ? 1 : 2)")
    write_runtime(tmp_path, catalogue(CATALOGUE.replace("locales: [ja]", "locales: [pl]")), {"pl": pl})
    assert call_all(tmp_path, ["m.jobs(count=1, locale='pl')", "m.jobs(count=3, locale='pl')"]) == [
        "Cancelled 1 job.",
        "Cancelled 3 jobs.",
    ]


def test_meta_and_explain(root: Path) -> None:
    assert call_all(
        root,
        [
            "[m.meta.rejected.code, m.meta.rejected.exit_code, m.meta.rejected.stream, m.meta.rejected.level]",
            "m.meta.note.exit_code",
            "[m.explain('token_rejected').when, m.explain('token_rejected').action]",
            "[m.explain('token_rejected', locale='ja').when, m.explain('token_rejected', locale='ja').action]",
            "m.explain('no_such_code')",
        ],
    ) == [
        ["token_rejected", 1, "stderr", "error"],
        None,
        ["The cloud rejected the token.", "Run the command in the message."],
        ["クラウドがトークンを拒否しました。", "Run the command in the message."],
        None,
    ]


def test_docs_only_message_included_by_a_runtime_one(tmp_path: Path) -> None:
    cat = catalogue("""
        domain: demo
        locales: [ja]
        messages:
          port-hint:
            runtime: false
            params: {port: {type: int}}
            text: "port {port} is busy"
          port-failed:
            params: {port: {type: int}}
            text: "Cannot listen: {@port-hint}."
        """)
    ja = translations({"port-failed": "待ち受けできません: {@port-hint}。", "port-hint": "ポート {port} は使用中"})
    outputs = write_runtime(tmp_path, cat, {"ja": ja})
    assert "def port_hint(" not in outputs["messages/__init__.py"].decode()
    assert call_all(tmp_path, ["m.port_failed(port=80)", "m.port_failed(port=80, locale='ja')"]) == [
        "Cannot listen: port 80 is busy.",
        "待ち受けできません: ポート 80 は使用中。",
    ]


def test_generated_source_is_valid_deterministic_and_marked(tmp_path: Path) -> None:
    cat = catalogue(CATALOGUE)
    first = render_runtime(Project(tmp_path), cat, {"ja": translations(JA)})
    reordered = translations(dict(reversed(list(JA.items()))))
    assert render_runtime(Project(tmp_path), cat, {"ja": reordered}) == first
    assert sorted(first) == ["messages/__init__.py", "messages/_ja.py", "messages/_meta.py"]
    for path, data in first.items():
        text = data.decode("utf-8")
        ast.parse(text, path)
        assert text.endswith("\n") and "\r" not in text and not text.endswith("\n\n")
        assert text.startswith("# Generated by msgbook from messages/catalogue.yaml")
    assert first["messages/_ja.py"].startswith(
        b"# Generated by msgbook from messages/catalogue.yaml and locales/ja/LC_MESSAGES/demo.po. Do not edit.\n"
    )


def test_generated_module_imports_only_the_standard_library(root: Path) -> None:
    for path in (root / "messages").glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                assert all(alias.name in ("contextvars", "importlib", "os") for alias in node.names)
            elif isinstance(node, ast.ImportFrom):
                assert node.module in ("__future__", "collections.abc", "types", "typing"), node.module


def test_runtime_module_outside_a_package(tmp_path: Path) -> None:
    write_runtime(tmp_path, catalogue(CATALOGUE), {"ja": translations(JA)}, runtime="app/texts.py")
    assert sorted(p.name for p in (tmp_path / "app").iterdir()) == ["_texts_ja.py", "_texts_meta.py", "texts.py"]
    code = "import texts; print(texts.note(locale='ja'), texts.meta.rejected.exit_code)"
    assert run_python(tmp_path / "app", code).split() == ["注意:", "このマシンでのみ動作します。", "1"]
    (tmp_path / "app" / "__init__.py").write_text("")
    code = "from app import texts; print(texts.note(locale='ja'), texts.explain('token_rejected', locale='ja').when)"
    assert run_python(tmp_path, code).split() == [
        "注意:",
        "このマシンでのみ動作します。",
        "クラウドがトークンを拒否しました。",
    ]


def test_docstring_shows_the_text_variants_and_when(root: Path) -> None:
    tree = ast.parse((root / "messages" / "__init__.py").read_text(encoding="utf-8"))
    docs = {node.name: ast.get_docstring(node) for node in tree.body if isinstance(node, ast.FunctionDef)}
    assert docs["note"] == "Note: this works on this machine only."
    assert docs["rejected"] == (
        "If deployment = oauth, ci = false:\n    Rejected.\n      demo login --oauth\n    {@reset-note}\n"
        "If deployment = oauth or anon-only:\n    Rejected.\n      demo login --anonymous\n    {@note}\n"
        "Otherwise:\n    Rejected; deployment unknown.\n\nWhen: The cloud rejected the token."
    )
    assert docs["jobs"] == "one: Cancelled {count} job.\nother: Cancelled {count} jobs."


DRIFT_CATALOGUE = """
domain: demo
locales: [ja]
messages:
  note:
    text: "Note: this works on this machine only."
"""

DRIFT_PO = """
msgid ""
msgstr ""
"Language: ja\\n"
"Content-Type: text/plain; charset=UTF-8\\n"
"Plural-Forms: nplurals=1; plural=0;\\n"

msgctxt "note"
msgid "Note: this works on this machine only."
msgstr "注意: このマシンでのみ動作します。"
"""


def _stale(root: Path) -> list[str]:
    result = run_cli("check", "--root", str(root))
    return [line for line in result.lines if line.endswith("[stale-generated-file]")]


def test_hand_edit_of_a_generated_module_is_stale(make_project: Callable[..., Path]) -> None:
    root = make_project(DRIFT_CATALOGUE, po={"ja": DRIFT_PO})
    run_cli("build", "--root", str(root))
    assert _stale(root) == []
    module = root / "messages" / "__init__.py"
    module.write_text(module.read_text(encoding="utf-8").replace("this machine only", "any machine"), encoding="utf-8")
    (root / "messages" / "_meta.py").unlink()
    stale = _stale(root)
    assert any(line.startswith("messages/__init__.py:") for line in stale), stale
    assert any(line.startswith("messages/_meta.py: error: generated file is missing") for line in stale), stale
    assert run_cli("check", "--root", str(root)).code == 1
    run_cli("build", "--root", str(root))
    assert _stale(root) == []


def test_po_edit_not_rebuilt_leaves_the_locale_module_stale(make_project: Callable[..., Path]) -> None:
    root = make_project(DRIFT_CATALOGUE, po={"ja": DRIFT_PO})
    run_cli("build", "--root", str(root))
    po = root / "locales" / "ja" / "LC_MESSAGES" / "demo.po"
    po.write_text(po.read_text(encoding="utf-8").replace("注意", "メモ"), encoding="utf-8")
    # the runtime module, and the reference index that lists this group-less message
    stale = ["messages/_ja.py", "site/docs/ja/reference/index.md"]
    assert [line.split(":")[0] for line in _stale(root)] == stale
    run_cli("build", "--root", str(root))
    assert call_all(root, ["m.note(locale='ja')"]) == ["メモ: このマシンでのみ動作します。"]


def test_catalogue_without_messages_still_imports(tmp_path: Path) -> None:
    write_runtime(tmp_path, catalogue("domain: demo\nlocales: [ja]\nmessages: {}\n"))
    assert call_all(tmp_path, ["m.get_locale()", "m.explain('x')", "m.LOCALES"], {"LANG": "ja"}) == [
        "ja",
        None,
        ["en", "ja"],
    ]


def test_docs_only_plural_message_included_by_a_runtime_one(tmp_path: Path) -> None:
    cat = catalogue("""
        domain: demo
        locales: [ja]
        messages:
          retries:
            runtime: false
            params: {count: {type: int}}
            plural: count
            text: {one: "after {count} retry", other: "after {count} retries"}
          gave-up:
            params: {count: {type: int}}
            text: "Gave up {@retries}."
        """)
    write_runtime(tmp_path, cat, {"ja": translations({"retries": ("{count} 回の再試行後",)})})
    assert call_all(tmp_path, ["m.gave_up(count=1)", "m.gave_up(count=2)", "m.gave_up(count=2, locale='ja')"]) == [
        "Gave up after 1 retry.",
        "Gave up after 2 retries.",
        "Gave up 2 回の再試行後.",
    ]
