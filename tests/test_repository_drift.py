"""The repository itself: a copy checks clean, and each way to drift is caught at the right place.

Every scenario starts from a fresh copy of the bundled project (catalogue,
.po files, runtime module, docs pages, example CLI), makes one change a
contributor could make, and runs ``msgbook check`` on the copy.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import REPO, run_cli

COPIED = ("pyproject.toml", "README.md", "messages", "locales", "site", "examples")
PO = "locales/ja/LC_MESSAGES/arkor.po"


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("repo")
    for name in COPIED:
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, root / name, ignore=shutil.ignore_patterns("__pycache__", "*.mo", ".msgbook-cache"))
        else:
            shutil.copy2(source, root / name)
    return root


@pytest.fixture
def repo(pristine: Path, tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    shutil.copytree(pristine, root)
    return root


def check(root: Path) -> list[str]:
    result = run_cli("check", "--root", str(root))
    assert result.err == ""
    return result.lines


def translation_findings(root: Path) -> list[str]:
    """Findings of a .po edit, less the compiled Japanese module and pages it makes stale (by design)."""
    found = check(root)
    stale = [line for line in found if line.endswith("[stale-generated-file]")]
    assert {line.split(":", 1)[0] for line in stale} <= {"messages/_ja.py"} | {
        line.split(":", 1)[0] for line in stale if line.startswith("site/docs/ja/")
    }
    return [line for line in found if line not in stale]


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} is not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def line_of(path: Path, needle: str) -> int:
    return next(n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if needle in line)


def test_the_untouched_repository_has_no_finding_at_all(repo: Path) -> None:
    assert check(repo) == []


def test_catalogue_edited_without_building(repo: Path) -> None:
    edit(repo / "messages/catalogue.yaml", "work on this machine only.", "work on this computer only.")
    rules = {line.rsplit("[", 1)[1] for line in check(repo)}
    assert {"stale-generated-file]", "stale-po]"} <= rules


@pytest.mark.parametrize(
    "output",
    [
        "messages/__init__.py",
        "messages/_ja.py",
        "messages/_meta.py",
        "locales/arkor.pot",
        "site/docs/ja/reference/auth-errors.md",
    ],
)
def test_hand_edited_generated_output(repo: Path, output: str) -> None:
    path = repo / output
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[9] = lines[9].rstrip("\n") + " (edited)\n"
    path.write_text("".join(lines), encoding="utf-8")
    assert check(repo) == [
        f"{output}:10:1: error: generated file differs from the catalogue from this line on;"
        " run `msgbook build` (edits here are overwritten) [stale-generated-file]"
    ]


def test_literal_pasted_into_the_example_cli(repo: Path) -> None:
    path = repo / "examples/arkor_cli/dev.py"
    path.write_text(
        path.read_text(encoding="utf-8") + '\nprint("Note: anonymous accounts work on this machine only.")\n'
    )
    line = len(path.read_text(encoding="utf-8").splitlines())
    assert check(repo) == [
        f"examples/arkor_cli/dev.py:{line}:7: error: hard-coded text of message 'anon-single-device-note';"
        " call messages.anon_single_device_note() [hard-coded-text]"
    ]


def test_translation_that_loses_a_placeholder(repo: Path) -> None:
    po = repo / PO
    edit(
        po,
        'サインインしたままにするには "\n"`{credentials_path}` を保持',
        'サインインしたままにするには "\n"認証情報ファイルを保持',
    )
    found = translation_findings(repo)
    lines = po.read_text(encoding="utf-8").splitlines()
    context = line_of(po, 'msgctxt "login-anon-keep-credentials-info"')
    entry = max(n for n in range(1, context) if not lines[n - 1].strip()) + 1  # entries start after a blank line
    placeholder = [line for line in found if line.endswith("[placeholder-mismatch]")]
    assert placeholder == [
        f'{PO}:{entry}:1: error: ja translation of "login-anon-keep-credentials-info" lacks {{credentials_path}}'
        " [placeholder-mismatch]"
    ]
    assert all(line.startswith(f"{PO}:{entry}:") for line in found)  # the backticked span is lost too


def test_translation_that_changes_a_command_in_backticks(repo: Path) -> None:
    po = repo / PO
    edit(po, "複数端末で使うには `arkor login --oauth`", "複数端末で使うには `arkor ログイン --oauth`")
    found = translation_findings(repo)
    assert len(found) == 1 and found[0].endswith("[code-span-mismatch]")
    assert ": error: " in found[0]


def test_untranslated_entry(repo: Path) -> None:
    edit(repo / PO, 'msgstr "注意: 匿名アカウントはこのマシーンでのみ動作します。"', 'msgstr ""')
    found = translation_findings(repo)
    assert len(found) == 1 and found[0].endswith("[untranslated-entry]")


def test_unknown_docs_marker(repo: Path) -> None:
    page = repo / "site/docs/en/authentication.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n<!-- msgbook:group auth-erors -->\n", encoding="utf-8")
    line = len(page.read_text(encoding="utf-8").splitlines())
    found = check(repo)
    assert len(found) == 1 and found[0].startswith(f"site/docs/en/authentication.md:{line}:")
    assert found[0].endswith("[unknown-marker]")


def test_docs_quote_of_an_old_wording(repo: Path) -> None:
    page = repo / "site/docs/en/authentication.md"
    page.write_text(
        page.read_text(encoding="utf-8") + "\nThe CLI prints `Note: anonymous accounts work on this device only.`\n",
        encoding="utf-8",
    )
    line = len(page.read_text(encoding="utf-8").splitlines())
    found = check(repo)
    assert len(found) == 1 and found[0].startswith(f"site/docs/en/authentication.md:{line}:")
    assert found[0].endswith("[stale-docs-quote]")
