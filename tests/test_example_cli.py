"""The example CLI under examples/arkor_cli: its flows in English and Japanese, exit codes from the catalogue.

It runs as ``python -m examples.arkor_cli`` from the repository root in a
process whose environment holds only PATH and the locale under test.
"""

from __future__ import annotations

import importlib
import importlib.util
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from generator.cli import main as msgbook
from generator.pipeline import load_inputs
from generator.placeholders import refs
from generator.project import load_project

REPO = Path(__file__).resolve().parent.parent
Arkor = Callable[..., subprocess.CompletedProcess[str]]


@pytest.fixture(scope="module")
def m() -> ModuleType:
    """The repository's generated messages module, for the expected texts.

    Loaded under its own name: another test may have imported some other ``messages``.
    """
    package = REPO / "messages"
    spec = importlib.util.spec_from_file_location(
        "repository_messages", package / "__init__.py", submodule_search_locations=[str(package)]
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def arkor(tmp_path: Path) -> Arkor:
    def run(*args: str, env: dict[str, str] | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
        clean = {"PATH": os.environ.get("PATH", ""), "PYTHONPATH": str(REPO), **(env or {})}
        command = [sys.executable, "-m", "examples.arkor_cli", "--home", str(tmp_path / "home"), *args]
        return subprocess.run(
            command, cwd=cwd or REPO, env=clean, capture_output=True, text=True, encoding="utf-8", check=False
        )

    return run


@pytest.mark.parametrize(("env", "lang"), [({}, "en"), ({"LANG": "ja_JP.UTF-8"}, "ja"), ({"LANG": "C"}, "en")])
def test_anonymous_login_prints_the_single_device_note(arkor: Arkor, m: Any, env: dict[str, str], lang: str) -> None:
    result = arkor("login", "--anonymous", env=env)
    assert result.returncode == m.meta.login_anon_success.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == m.login_anon_spinner_start(locale=lang)
    assert m.anon_single_device_note(locale=lang) in lines
    assert m.anon_persistence_nudge(locale=lang) not in lines  # the deployment was not asked about OAuth
    assert lines[-1] == m.login_anon_success(org_slug="anon-7f3a91", locale=lang)


def test_lang_option_beats_the_environment(arkor: Arkor, m: Any) -> None:
    result = arkor("--lang", "ja", "--deployment", "oauth", "login", env={"LANG": "en_US.UTF-8"})
    assert m.anon_persistence_nudge(locale="ja") in result.stdout.splitlines()
    assert m.anon_single_device_note_with_oauth(locale="ja") in result.stdout.splitlines()
    english = arkor("--lang", "en", "whoami", env={"LANG": "ja_JP.UTF-8"})
    assert m.whoami_orgs(org_slugs="anon-7f3a91, team-arkor", locale="en") in english.stdout


@pytest.mark.parametrize("lang", ["en", "ja"])
@pytest.mark.parametrize("code", ["single-device", "account-not-found"])
@pytest.mark.parametrize("deployment", ["oauth", "anon-only", "unknown"])
@pytest.mark.parametrize("ci", [False, True])
def test_dead_end_errors_by_deployment_and_ci(
    arkor: Arkor, m: Any, lang: str, code: str, deployment: str, ci: bool
) -> None:
    arkor("login", "--anonymous")
    env = {"LANG": "ja_JP.UTF-8" if lang == "ja" else "C", **({"CI": "1"} if ci else {})}
    result = arkor("--deployment", deployment, "--fail", code, "whoami", env=env)
    function, meta = {
        "single-device": (m.anon_single_device_rejected, m.meta.anon_single_device_rejected),
        "account-not-found": (m.anon_account_not_found, m.meta.anon_account_not_found),
    }[code]
    assert result.returncode == meta.exit_code == 1
    assert result.stderr == function(deployment=deployment, ci=ci, locale=lang) + "\n"
    assert result.stdout == ""


def test_explain_in_both_languages(arkor: Arkor, m: Any) -> None:
    for lang, env in (("en", {}), ("ja", {"LANG": "ja_JP.UTF-8"})):
        found = m.explain("anonymous_token_single_device", locale=lang)
        result = arkor("explain", "anonymous_token_single_device", env=env)
        assert result.stdout == f"{found.when}\n{found.action}\n"
    assert arkor("explain", "no_such_code").returncode == 2


SCENARIOS = [
    (["login", "--oauth", "--anonymous"], 1),
    (["--deployment", "anon-only", "login", "--oauth"], 1),
    (["--ci", "login", "--oauth"], 1),
    (["--deployment", "anon-only", "login"], 0),
    (["--fail", "config-http", "login"], 1),
    (["--answer", "cancel", "login"], 1),
    (["--answer", "oauth", "login"], 0),
    (["--fail", "loopback-bind", "login", "--oauth"], 1),
    (["--fail", "callback-error", "login", "--oauth"], 1),
    (["--fail", "callback-missing", "login", "--oauth"], 1),
    (["--fail", "state-mismatch", "login", "--oauth"], 1),
    (["--fail", "token-exchange", "login", "--oauth"], 1),
    (["--fail", "no-refresh-token", "login", "--oauth"], 1),
    (["--fail", "anon-rejected", "login", "--anonymous"], 1),
    (["logout"], 0),
    (["whoami"], 0),
    (["--fail", "anon-unreachable", "--fail", "studio-token", "dev"], 0),
    (["--fail", "anon-rejected", "dev"], 1),
    (["--deployment", "unknown", "dev", "--request", "evil.example/api/x", "--request", "evil.example/"], 0),
    (["dev", "--no-auto-anonymous", "--request", "localhost/api/x"], 0),
    (["init", "--git", "--skip-git"], 1),
    (["init", "--template", "nope"], 1),
    (["build", "missing.ts"], 1),
    (["start", "missing.ts"], 1),
]


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_every_flow_runs_with_the_catalogue_exit_code(arkor: Arkor, lang: str) -> None:
    env = {"LANG": "ja_JP.UTF-8"} if lang == "ja" else {}
    for args, expected in SCENARIOS:
        result = arkor(*args, env=env)
        assert (result.returncode, "Traceback" in result.stderr) == (expected, False), (args, result.stderr)
        assert result.stdout or result.stderr, args


def test_logged_in_flows(arkor: Arkor, m: Any, tmp_path: Path) -> None:
    work = tmp_path / "work"
    work.mkdir()
    assert arkor("--answer", "oauth", "login", cwd=work).returncode == 0
    result = arkor("--lang", "ja", "--fail", "commit-signing", "init", "--git", cwd=work)
    assert result.stdout == m.init_commit_signing_failed(locale="ja") + "\n"
    result = arkor("start", cwd=work)
    assert (result.returncode, result.stderr) == (1, m.project_state_missing_oauth() + "\n")
    result = arkor("--deprecated", "--sunset", "2027-01-01", "whoami", cwd=work)
    assert result.stdout.splitlines()[-1] == m.deprecation_warning(
        deprecation_message=m.deprecation_default_message(sdk_version="0.3.0"),
        sdk_version="0.3.0",
        has_sunset=True,
        sunset="2027-01-01",
        upgrade_command="pnpm add -g arkor@latest",
    )
    assert (
        arkor("--fail", "upgrade", "whoami").stderr
        == m.sdk_upgrade_required(upgrade_command="pnpm add -g arkor@latest") + "\n"
    )
    assert arkor("--fail", "server-error", "whoami").stderr == m.cloud_api_error_fallback(status=500) + "\n"
    assert arkor("--answer", "no", "logout").stdout.splitlines()[-1] == m.logout_aborted()
    result = arkor("--lang", "ja", "dev", "--request", "localhost/api/jobs?token=stale", cwd=work)
    assert m.studio_invalid_token(locale="ja") in result.stdout


def test_repository_passes_its_own_source_checks(capsys: pytest.CaptureFixture[str]) -> None:
    code = msgbook(["check", "--root", str(REPO)])
    out = capsys.readouterr().out
    assert "[hard-coded-text]" not in out and "[unused-message]" not in out, out
    assert code == 0, out


def test_scenarios_print_every_runtime_message(
    m: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Run every scenario in-process and record which message functions were called."""
    monkeypatch.syspath_prepend(str(REPO))
    monkeypatch.setitem(sys.modules, "messages", m)
    for name in [name for name in sys.modules if name.startswith("examples")]:
        monkeypatch.delitem(sys.modules, name)
    cli = importlib.import_module("examples.arkor_cli.cli")
    called: set[str] = set()
    catalogue = load_inputs(load_project(REPO)).catalogue
    assert catalogue is not None
    included = {
        ref
        for message in catalogue.messages
        for _, text in message.texts()
        for body in text.all_texts
        for ref in refs(body)
    }
    for message in catalogue.messages:
        if message.runtime:
            original = getattr(m, message.name)
            monkeypatch.setattr(m, message.name, _recording(original, message.name, called))
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("CI", raising=False)
    home = ["--home", str(tmp_path / "home")]
    runs = [args for args, _ in SCENARIOS] + [
        ["login", "--anonymous"],
        ["--tty", "whoami"],
        ["--deployment", "oauth", "login"],
        ["--deployment", "anon-only", "--fail", "single-device", "whoami"],
        ["--deployment", "unknown", "--fail", "account-not-found", "whoami"],
        ["--fail", "upgrade", "whoami"],
        ["--fail", "server-error", "whoami"],
        ["--deprecated", "--sunset", "2027-01-01", "whoami"],
        ["dev", "--request", "localhost/api/x", "--request", "localhost/api/x?token=studio-t0k3n"],
        ["--answer", "no", "logout"],
        ["--answer", "yes", "logout"],
        ["logout", "--yes"],
        ["dev", "--no-auto-anonymous", "--request", "localhost/api/x?token=studio-none"],
        ["--answer", "oauth", "login"],
        ["--fail", "commit-signing", "init", "--git"],
        ["start"],
        ["build"],
    ]
    (tmp_path / "empty.ts").write_text("")
    runs += [["start", "empty.ts"]]
    for args in runs:
        cli.main([*home, *args])
    capsys.readouterr()
    missing = sorted(m.name for m in catalogue.messages if m.runtime and m.name not in called and m.id not in included)
    assert missing == [], missing


def _recording(function: Callable[..., str], name: str, called: set[str]) -> Callable[..., str]:
    def record(**kwargs: Any) -> str:
        called.add(name)
        return function(**kwargs)

    return record
