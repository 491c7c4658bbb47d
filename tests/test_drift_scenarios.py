"""One test per way code and docs drift from the catalogue, each caught with its rule, file and line.

Each scenario starts from a built, clean project, makes one change a
contributor could make, and runs ``msgbook check``.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import run_cli

MINE = "hard-coded-text,unused-message,unknown-marker,stale-docs-quote"

CATALOGUE = """
domain: demo
groups:
  auth-notes:
    title: Authentication notes
messages:
  anon-single-device-note:
    group: auth-notes
    text: "Note: anonymous accounts work on this machine only."
  anon-id-issued:
    group: auth-notes
    params:
      anonymous_id: {type: str, example: "<id>"}
    text: "Anonymous id: {anonymous_id}. Keep this id to stay signed in."
"""

PYPROJECT = """
[tool.msgbook]
sources = ["app/**/*.py", "web/**/*.ts"]
docs-sources = ["site/docs/**/*.md", "README.md"]
"""

APP = """
import messages as m


def login(anonymous_id: str) -> None:
    print(m.anon_id_issued(anonymous_id=anonymous_id))
    print(m.anon_single_device_note())
"""

WEB = """
export function login(id: string): void {
  console.log(issued(id));
}
"""

PAGE = """
# Signing in

<!-- msgbook:group auth-notes -->

After an anonymous login the program prints `Note: anonymous accounts work on this machine only.`
"""


@pytest.fixture
def project(make_project: Callable[..., Path]) -> Path:
    root = make_project(
        CATALOGUE,
        pyproject=PYPROJECT,
        files={"app/cli.py": APP, "web/cli.ts": WEB, "site/docs/en/auth.md": PAGE, "README.md": "# demo\n"},
    )
    run_cli("build", "--root", str(root))
    return root


def check(root: Path, select: str = MINE) -> list[str]:
    result = run_cli("check", "--root", str(root), "--select", select)
    assert result.err == ""
    return result.lines


def append(path: Path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def test_untouched_project_has_no_drift(project: Path) -> None:
    assert check(project) == []


def test_message_pasted_into_python_is_hard_coded(project: Path) -> None:
    append(
        project / "app" / "cli.py",
        '\n\ndef whoami() -> None:\n    print("Note: anonymous accounts work on this machine only.")\n',
    )
    assert check(project) == [
        "app/cli.py:10:11: error: hard-coded text of message 'anon-single-device-note'; "
        "call messages.anon_single_device_note() [hard-coded-text]"
    ]


def test_message_pasted_into_python_f_string_is_hard_coded(project: Path) -> None:
    append(project / "app" / "cli.py", '\nNOTE = f"Anonymous id: {ID}. Keep this id to stay signed in."\n')
    assert check(project, "hard-coded-text") == [
        "app/cli.py:8:8: error: hard-coded text of message 'anon-id-issued'; "
        "call messages.anon_id_issued() [hard-coded-text]"
    ]


def test_message_pasted_into_typescript_is_hard_coded(project: Path) -> None:
    append(
        project / "web" / "cli.ts",
        "const issued = (id: string) =>\n  `Anonymous id: ${id}. Keep this id to stay signed in.`;\n",
    )
    assert check(project) == [
        "web/cli.ts:5:3: error: hard-coded text of message 'anon-id-issued'; take it from the catalogue [hard-coded-text]"
    ]


def test_unknown_docs_marker_is_reported_at_its_line(project: Path) -> None:
    append(project / "site" / "docs" / "en" / "auth.md", "\n<!-- msgbook:message anon-single-device-notes -->\n")
    lines = check(project)
    assert len(lines) == 1
    assert lines[0].startswith("site/docs/en/auth.md:7:1: error: ")
    assert "'anon-single-device-notes'" in lines[0] and lines[0].endswith("[unknown-marker]")


def test_docs_quote_of_an_old_wording_is_stale(project: Path) -> None:
    catalogue = project / "messages" / "catalogue.yaml"
    catalogue.write_text(catalogue.read_text(encoding="utf-8").replace("this machine", "this device"), encoding="utf-8")
    run_cli("build", "--root", str(project))
    assert check(project) == [
        "site/docs/en/auth.md:5:45: error: docs quote differs from message 'anon-single-device-note', "
        "which now reads: Note: anonymous accounts work on this device only. [stale-docs-quote]"
    ]


def test_message_no_source_uses_is_unused(project: Path) -> None:
    (project / "app" / "cli.py").write_text(
        APP.replace("    print(m.anon_single_device_note())\n", ""), encoding="utf-8"
    )
    result = run_cli("check", "--root", str(project), "--select", MINE)
    assert result.lines == [
        "messages/catalogue.yaml:6:3: warning: message 'anon-single-device-note' is not used: no source uses "
        "messages.anon_single_device_note and no message includes {@anon-single-device-note} [unused-message]"
    ]
    assert result.code == 0  # a warning alone does not fail the check


def test_reference_counts_as_a_use(project: Path) -> None:
    (project / "app" / "cli.py").write_text(
        APP.replace("    print(m.anon_single_device_note())\n", ""), encoding="utf-8"
    )
    catalogue = project / "messages" / "catalogue.yaml"
    append(catalogue, '  anon-bundle:\n    text: "Welcome. {@anon-single-device-note}"\n')
    append(project / "app" / "cli.py", "    print(m.anon_bundle())\n")
    run_cli("build", "--root", str(project))
    assert check(project, "unused-message") == []


def test_no_sources_setting_means_no_source_scan(project: Path) -> None:
    (project / "pyproject.toml").write_text('[tool.msgbook]\ndocs-sources = ["README.md"]\n', encoding="utf-8")
    (project / "app" / "cli.py").write_text(
        'print("Note: anonymous accounts work on this machine only.")\n', encoding="utf-8"
    )
    assert check(project, "hard-coded-text,unused-message") == []
