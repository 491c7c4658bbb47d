"""The command line: exit codes, --root anywhere, help, and one line instead of a traceback."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO, run_cli, write_project

import generator
from generator import pipeline
from generator.rules import PER_LOCALE

GOOD = """
domain: demo
messages:
  saved:
    params:
      path: {type: str, example: "~/a.txt"}
    text: "Saved {path}."
"""


def test_version() -> None:
    result = run_cli("--version")
    assert result.code == 0
    assert result.out.strip() == f"msgbook {generator.__version__}"


@pytest.mark.parametrize("command", ["build", "check", "status"])
def test_each_subcommand_has_help(command: str) -> None:
    result = run_cli(command, "--help")
    assert result.code == 0
    assert "--root" in result.out and "exit codes" in result.out


def test_root_before_or_after_the_subcommand(tmp_path: Path) -> None:
    root = write_project(tmp_path / "p", GOOD)
    assert run_cli("--root", str(root), "check").err == ""
    assert run_cli("check", "--root", str(root)).err == ""


def test_bad_arguments_exit_2_with_one_line() -> None:
    result = run_cli("frobnicate")
    assert result.code == 2
    assert len(result.err.strip().splitlines()) == 1


def test_missing_catalogue_exits_2(tmp_path: Path) -> None:
    result = run_cli("check", "--root", str(tmp_path))
    assert result.code == 2
    assert result.err.startswith("msgbook: no catalogue at messages/catalogue.yaml")
    assert "Traceback" not in result.err


def test_catalogue_errors_exit_1_and_print_path_line_col(tmp_path: Path) -> None:
    root = write_project(tmp_path / "p", "domain: d\nmessages:\n  a:\n    text: '{x}'\n")
    result = run_cli("check", "--root", str(root))
    assert result.code == 1
    assert result.lines == [
        "messages/catalogue.yaml:4:11: error: placeholder {x} in 'a' is not declared under params [undeclared-placeholder]"
    ]


def test_unknown_rule_in_severity_settings_exits_2(tmp_path: Path) -> None:
    root = write_project(tmp_path / "p", GOOD, pyproject='[tool.msgbook.severity]\nno-such-rule = "off"\n')
    result = run_cli("check", "--root", str(root))
    assert result.code == 2
    assert "unknown rule id 'no-such-rule'" in result.err


def test_per_locale_severity_for_a_rule_without_locales_exits_2(tmp_path: Path) -> None:
    pyproject = '[tool.msgbook.severity]\nunknown-marker = { ja = "warning" }\n'
    root = write_project(tmp_path / "p", GOOD, pyproject=pyproject)
    result = run_cli("check", "--root", str(root))
    assert result.code == 2
    assert result.err == (
        "msgbook: pyproject.toml: severity of 'unknown-marker' cannot be set per locale: "
        "its findings belong to no locale\n"
    )


@pytest.mark.parametrize("command", ["build", "check", "status"])
def test_per_locale_severity_for_a_locale_the_catalogue_lacks_exits_2(tmp_path: Path, command: str) -> None:
    """``jp`` for ``ja`` would otherwise leave ja's findings at their default without a word."""
    pyproject = '[tool.msgbook.severity]\nuntranslated-entry = { jp = "warning", "*" = "error" }\n'
    root = write_project(tmp_path / "p", GOOD + "locales: [ja]\n", pyproject=pyproject)
    result = run_cli(command, "--root", str(root))
    assert result.code == 2
    assert result.err == (
        "msgbook: pyproject.toml: severity of 'untranslated-entry' is set for locale 'jp', "
        "which the catalogue does not list (its locales: ja)\n"
    )
    assert not (root / "locales").exists()  # nothing was written


def test_per_locale_rules_are_the_ones_the_translation_checks_report() -> None:
    source = (Path(__file__).parent.parent / "generator" / "checks" / "translations.py").read_text(encoding="utf-8")
    assert set(re.findall(r'finding\(\s*"([a-z-]+)"', source)) == PER_LOCALE


def test_unknown_setting_exits_2(tmp_path: Path) -> None:
    root = write_project(tmp_path / "p", GOOD, pyproject='[tool.msgbook]\ncatalog = "x.yaml"\n')
    result = run_cli("check", "--root", str(root))
    assert result.code == 2
    assert "unknown setting 'catalog'" in result.err


def test_severity_override_turns_an_error_into_a_warning(tmp_path: Path) -> None:
    catalogue = "domain: d\nmessages:\n  a:\n    params: {p: {type: str}}\n    text: Hi.\n"
    root = write_project(tmp_path / "p", catalogue, pyproject='[tool.msgbook.severity]\nunused-param = "warning"\n')
    result = run_cli("check", "--root", str(root), "--select", "unused-param")
    assert result.code == 0
    assert result.lines == [
        "messages/catalogue.yaml:4:14: warning: param 'p' of 'a' is used by no text or condition [unused-param]"
    ]


def test_severity_off_hides_the_rule(tmp_path: Path) -> None:
    catalogue = "domain: d\nmessages:\n  a:\n    params: {p: {type: str}}\n    text: Hi.\n"
    root = write_project(tmp_path / "p", catalogue, pyproject='[tool.msgbook.severity]\nunused-param = "off"\n')
    assert "unused-param" not in run_cli("check", "--root", str(root)).out


def test_select_with_an_unknown_rule_exits_2(tmp_path: Path) -> None:
    root = write_project(tmp_path / "p", GOOD)
    assert run_cli("check", "--root", str(root), "--select", "nope").code == 2


def test_json_and_github_formats(tmp_path: Path) -> None:
    root = write_project(tmp_path / "p", "domain: d\nmessages:\n  a:\n    text: '{x}'\n")
    as_json = run_cli("check", "--root", str(root), "--format", "json", "--select", "undeclared-placeholder")
    assert '"rule": "undeclared-placeholder"' in as_json.out and '"line": 4' in as_json.out
    github = run_cli("check", "--root", str(root), "--format", "github", "--select", "undeclared-placeholder")
    assert github.lines[0].startswith(
        "::error file=messages/catalogue.yaml,line=4,col=11,title=undeclared-placeholder::"
    )


def test_internal_error_is_one_line_without_traceback(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = write_project(tmp_path / "p", GOOD)

    def boom(*args: object, **kwargs: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(pipeline, "check", boom)
    result = run_cli("check", "--root", str(root))
    assert result.code == 2
    assert result.err == "msgbook: internal error (RuntimeError: boom); please report this as a bug\n"


def test_console_script_and_module_agree(tmp_path: Path) -> None:
    root = write_project(tmp_path / "p", "domain: d\nmessages:\n  a:\n    text: '{x}'\n")
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    module = subprocess.run(
        [sys.executable, "-m", "generator", "check", "--root", str(root)], capture_output=True, text=True, env=env
    )
    script = Path(sys.executable).with_name("msgbook")
    assert module.returncode == 1
    if script.exists():
        console = subprocess.run([str(script), "check", "--root", str(root)], capture_output=True, text=True, env=env)
        assert (console.returncode, console.stdout) == (module.returncode, module.stdout)


def test_keep_translations_with_an_unknown_id_exits_2(tmp_path: Path) -> None:
    root = write_project(tmp_path / "p", GOOD)
    result = run_cli("build", "--root", str(root), "--keep-translations", "no-such-message")
    assert result.code == 2
    assert result.err == "msgbook: --keep-translations names no message 'no-such-message'\n"
    assert not (root / "messages" / "__init__.py").exists()
