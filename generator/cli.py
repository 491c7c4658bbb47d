"""The ``msgbook`` command: arguments, printing and exit codes, and nothing else.

Exit codes: 0 no error (warnings alone are 0); 1 at least one error finding;
2 cannot run (bad arguments, missing catalogue or settings, internal error).
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import json
import sys
from collections.abc import Sequence
from typing import NoReturn, TextIO

from ._version import __version__
from .cache import noop_findings
from .diagnostics import Diagnostic, MsgbookError, Severity, render_text
from .project import load_project
from .rules import RULES
from .translations import GettextOptions

_EPILOG = """exit codes: 0 no error (warnings alone are 0), 1 at least one error finding,
2 msgbook cannot run (bad arguments, missing catalogue or settings).
Findings print as  path:line:col: error|warning: text [rule-id]"""


class _Parser(argparse.ArgumentParser):
    """argparse that exits 2 with one line, as every other failure to run does."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"msgbook: {message} (see msgbook --help)\n")


def _parser() -> argparse.ArgumentParser:
    root_help = "the project folder, holding pyproject.toml and the catalogue (default: the current folder)"
    parser = _Parser(
        prog="msgbook",
        description="Keep a program's messages, their translations and their docs in one catalogue.",
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"msgbook {__version__}")
    parser.add_argument("--root", default=".", metavar="DIR", help=root_help)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    commands.required = True

    def command(name: str, summary: str, description: str) -> argparse.ArgumentParser:
        sub = commands.add_parser(
            name,
            help=summary,
            description=description,
            epilog=_EPILOG,
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        sub.add_argument("--root", default=argparse.SUPPRESS, metavar="DIR", help=root_help)
        return sub

    build_parser = command(
        "build",
        "write the .pot/.po/.mo files, the runtime module and the docs pages",
        "Sync the .pot and every locale's .po with the catalogue (keeping every translation),\n"
        "compile the .mo files, and write the runtime module and the generated docs pages.\n"
        "Only files whose bytes change are written; each one written is printed. Generated\n"
        "files the catalogue no longer makes (a removed group's pages, a removed locale's\n"
        "module) are deleted, and printed as removed.",
    )
    build_parser.add_argument(
        "--prune-obsolete", action="store_true", help="drop obsolete (#~) entries from the .po files"
    )
    build_parser.add_argument(
        "--keep-translations",
        action="append",
        default=[],
        metavar="ID",
        help="the English of message ID changed only in form (a typo fix): keep its translations without marking them fuzzy; repeatable",
    )
    check_parser = command(
        "check",
        "report every drift between catalogue, translations, code and docs; writes only its cache",
        "Validate the catalogue and report every generated file that is stale, every\n"
        "untranslated or fuzzy entry, broken placeholders, hard-coded texts in the sources,\n"
        "unused messages, unknown docs markers and stale docs quotes.",
    )
    check_parser.add_argument(
        "--format", choices=("text", "json", "github"), default="text", help="how to print findings (default: text)"
    )
    check_parser.add_argument(
        "--select",
        action="append",
        default=[],
        metavar="RULE",
        help="report only these rule ids (repeatable, or comma-separated)",
    )
    check_parser.add_argument(
        "--ignore",
        action="append",
        default=[],
        metavar="RULE",
        help="do not report these rule ids (repeatable, or comma-separated)",
    )
    command(
        "status",
        "show translation coverage per locale",
        "Count translated, fuzzy, untranslated and obsolete entries per locale,\nfor runtime texts and docs texts separately.",
    )
    return parser


def main(argv: Sequence[str] | None = None, stdout: TextIO | None = None, stderr: TextIO | None = None) -> int:
    """Run msgbook with ``argv``; return the exit code."""
    out = stdout if stdout is not None else sys.stdout
    err = stderr if stderr is not None else sys.stderr
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            args = _parser().parse_args(argv)
    except SystemExit as stop:
        return stop.code if isinstance(stop.code, int) else 2
    try:
        return _run(args, out)
    except MsgbookError as error:
        print(f"msgbook: {error}", file=err)
        return 2
    except KeyboardInterrupt:
        print("msgbook: interrupted", file=err)
        return 130
    except Exception as error:  # noqa: BLE001 - the promise is: never a traceback
        print(f"msgbook: internal error ({type(error).__name__}: {error}); please report this as a bug", file=err)
        return 2


def _run(args: argparse.Namespace, out: TextIO) -> int:
    project = load_project(args.root)
    if args.command == "build":
        options = GettextOptions(args.prune_obsolete, frozenset(args.keep_translations))
        remembered = noop_findings(project, options)  # nothing changed: skip loading the heavy modules
        if remembered is not None:
            _print_findings(remembered, "text", out)
            return _exit_code(remembered)
        from .pipeline import build

        result = build(project, options)
        for path in result.written:
            print(f"wrote {path}", file=out)
        for path in result.removed:
            print(f"removed {path}", file=out)
        _print_findings(result.diagnostics, "text", out)
        return _exit_code(result.diagnostics)
    if args.command == "check":
        from .pipeline import check

        select, ignore = _rule_list(args.select), _rule_list(args.ignore)
        findings = [d for d in check(project) if (not select or d.rule in select) and d.rule not in ignore]
        _print_findings(findings, args.format, out)
        return _exit_code(findings)
    from .status import render_status, status

    report, diagnostics = status(project)
    _print_findings(diagnostics, "text", out)
    print(render_status(report), file=out, end="")
    return _exit_code(diagnostics)


def _rule_list(values: list[str]) -> set[str]:
    rules = {part.strip() for value in values for part in value.split(",") if part.strip()}
    unknown = sorted(rules - set(RULES))
    if unknown:
        raise MsgbookError(f"unknown rule id {unknown[0]!r} (see the rules reference)")
    return rules


def _exit_code(diagnostics: list[Diagnostic]) -> int:
    return 1 if any(d.severity is Severity.ERROR for d in diagnostics) else 0


def _print_findings(diagnostics: list[Diagnostic], fmt: str, out: TextIO) -> None:
    if fmt == "json":
        records = [
            {
                "path": d.location.path,
                "line": d.location.line or None,
                "col": d.location.col or None,
                "severity": str(d.severity),
                "rule": d.rule,
                "message": d.message,
            }
            for d in diagnostics
        ]
        print(json.dumps(records, ensure_ascii=False, indent=2), file=out)
        return
    for d in diagnostics:
        if fmt == "github":
            kind = "error" if d.severity is Severity.ERROR else "warning"
            where = f"file={d.location.path}"
            if d.location.line:
                where += f",line={d.location.line},col={max(d.location.col, 1)}"
            text = d.message.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
            print(f"::{kind} {where},title={d.rule}::{text}", file=out)
        else:
            print(render_text(d), file=out)


def main_entry() -> NoReturn:
    """Console-script entry point (and ``python -m generator``).

    Every command is one short run that frees what it makes by reference
    counting, so the cyclic garbage collector is off for the whole process:
    on a large catalogue its passes over millions of live objects cost a
    tenth of a build and find nothing to free.
    """
    gc.disable()
    sys.exit(main())
