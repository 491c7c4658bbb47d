"""The command line: options, the language, one command, then the errors every command shares.

As in the arkor CLI, a dead-end anonymous credential error is turned into its
recovery message (chosen by deployment and CI) wherever it happens, and a
deprecation seen during the run is reported when the command ends.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

import messages as m

from . import auth, dev, project
from .auth import Session
from .cloud import FAILURES, SDK_VERSION, UPGRADE_COMMAND, CloudApiError, Deployment, FakeCloud
from .console import Console

DEAD_ENDS = ("anonymous_token_single_device", "anonymous_account_not_found")


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="arkor")
    top.add_argument("--lang", metavar="|".join(m.LOCALES))  # default: LANGUAGE, LC_ALL, LC_MESSAGES, LANG
    top.add_argument("--home", type=Path, default=Path(tempfile.gettempdir()) / "arkor-cli-demo")
    top.add_argument("--deployment", choices=("oauth", "anon-only", "unknown"), default="oauth")
    top.add_argument("--fail", action="append", choices=FAILURES, default=[])
    top.add_argument("--deprecated", action="store_true")
    top.add_argument("--sunset", metavar="DATE")
    top.add_argument("--ci", action="store_true", default=bool(os.environ.get("CI")))
    top.add_argument("--answer", action="append", default=[], metavar="ANSWER")
    top.add_argument("--tty", action="store_true")
    commands = top.add_subparsers(dest="command", required=True)
    login = commands.add_parser("login")
    login.add_argument("--oauth", action="store_true")
    login.add_argument("--anonymous", action="store_true")
    commands.add_parser("logout").add_argument("--yes", action="store_true")
    commands.add_parser("whoami")
    dev_command = commands.add_parser("dev")
    dev_command.add_argument("--request", action="append", default=[], metavar="HOST/PATH")
    dev_command.add_argument("--no-auto-anonymous", action="store_true")
    init = commands.add_parser("init")
    init.add_argument("--template", default="triage")
    init.add_argument("--git", action="store_true")
    init.add_argument("--skip-git", action="store_true")
    commands.add_parser("build").add_argument("entry", nargs="?")
    commands.add_parser("start").add_argument("entry", nargs="?")
    commands.add_parser("explain").add_argument("code")
    return top


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    if args.lang:
        m.set_locale(args.lang)
    deployment: Deployment = args.deployment
    cloud = FakeCloud(deployment, frozenset(args.fail), args.deprecated or bool(args.sunset), args.sunset)
    console = Console(answers=list(args.answer), ci=args.ci)
    session = Session(console, cloud, args.home)
    try:
        return run(session, args)
    except CloudApiError as error:
        return report(session, error)
    finally:
        if cloud.deprecation_seen:
            warn_deprecated(console, cloud)


def run(session: Session, args: argparse.Namespace) -> int:
    command: str = args.command
    if command == "login":
        return auth.login(session, oauth=args.oauth, anonymous=args.anonymous)
    if command == "logout":
        return auth.logout(session, yes=args.yes)
    if command == "whoami":
        return auth.whoami(session, stderr_is_tty=args.tty or (sys.stdout.isatty() and sys.stderr.isatty()))
    if command == "dev":
        return dev.dev(session, requests=args.request, auto_anonymous=not args.no_auto_anonymous)
    if command == "init":
        return project.init(session, template=args.template, git=args.git, skip_git=args.skip_git)
    if command == "build":
        return project.build(session, entry=args.entry)
    if command == "start":
        return project.start(session, entry=args.entry)
    return explain(session.console, args.code)


def report(session: Session, error: CloudApiError) -> int:
    """A cloud error any command can meet, as the arkor CLI prints it."""
    console, cloud = session.console, session.cloud
    if error.code in DEAD_ENDS:
        probed = cloud.probe_oauth()
        deployment: Deployment = "oauth" if probed else "anon-only" if probed is False else "unknown"
        if error.code == "anonymous_token_single_device":
            text = m.anon_single_device_rejected(deployment=deployment, ci=console.ci)
            return console.fail(text, m.meta.anon_single_device_rejected)
        text = m.anon_account_not_found(deployment=deployment, ci=console.ci)
        return console.fail(text, m.meta.anon_account_not_found)
    if error.status == 426:
        return console.fail(m.sdk_upgrade_required(upgrade_command=UPGRADE_COMMAND), m.meta.sdk_upgrade_required)
    if not error.body:
        return console.fail(m.cloud_api_error_fallback(status=error.status), m.meta.cloud_api_error_fallback)
    print(_server_error(error.body), file=console.err)  # the server's own words
    return 1


def _server_error(body: str) -> str:
    try:
        parsed = json.loads(body)
    except ValueError:
        return body
    return str(parsed.get("error", body)) if isinstance(parsed, dict) else body


def warn_deprecated(console: Console, cloud: FakeCloud) -> None:
    text = m.deprecation_warning(
        deprecation_message=m.deprecation_default_message(sdk_version=SDK_VERSION),
        sdk_version=SDK_VERSION,
        has_sunset=cloud.sunset is not None,
        sunset=cloud.sunset or "",
        upgrade_command=UPGRADE_COMMAND,
    )
    console.show(text, m.meta.deprecation_warning)


def explain(console: Console, code: str) -> int:
    """``arkor explain CODE``: when the error appears and what to do, in the current language."""
    found = m.explain(code)
    if found is None:
        return 2
    for text in (found.when, found.action):
        if text:
            print(text, file=console.out)
    return 0
