"""Helpers for the gettext tests: a small catalogue, builds, and a translator who edits .po files."""

from __future__ import annotations

import subprocess
from pathlib import Path
from textwrap import dedent

import polib
from conftest import Run, require_tool, run_cli

CATALOGUE = """
domain: demo
locales: [ja]
groups:
  auth:
    title: Authentication
    description: What `demo login` prints.
messages:
  saved:
    group: auth
    params:
      path: {type: str, example: "~/a.txt"}
    text: "Saved `{path}`."
    when: After a file is written.
    action: Nothing required.
  reset-note:
    text: Your local state was reset.
  rejected:
    group: auth
    params:
      mode: {choices: [oauth, anon]}
    variants:
      - if: {mode: oauth}
        text: "Rejected. Run `demo login --oauth`.\\n{@reset-note}"
      - text: "Rejected. {@reset-note}"
  jobs:
    params: {count: {type: int}}
    plural: count
    text:
      one: "Cancelled {count} job."
      other: "Cancelled {count} jobs."
"""


def po_file(root: Path, locale: str = "ja", domain: str = "demo", suffix: str = ".po") -> Path:
    return root / "locales" / locale / "LC_MESSAGES" / f"{domain}{suffix}"


def build(root: Path, *options: str) -> list[str]:
    """Run ``msgbook build``; return the files it wrote. Fails on any error finding."""
    result = run_cli("build", "--root", str(root), *options)
    assert result.err == "", result.err
    problems = [line for line in result.lines if ": error: " in line]
    assert problems == [], problems
    return [line.removeprefix("wrote ") for line in result.lines if line.startswith("wrote ")]


def check(root: Path) -> Run:
    return run_cli("check", "--root", str(root))


def entries(path: Path, obsolete: bool = False) -> dict[str | None, polib.POEntry]:
    """The entries of a .po by msgctxt (the obsolete ones when asked)."""
    return {e.msgctxt: e for e in polib.pofile(str(path)) if bool(e.obsolete) == obsolete}


def translate(path: Path, strings: dict[str, str | list[str]], *, unfuzzy: bool = True, comment: str = "") -> None:
    """Translate entries as a translator would, then let GNU msgcat rewrite the file as an editor does."""
    po = polib.pofile(str(path), wrapwidth=79)
    for entry in po:
        if entry.msgctxt in strings:
            value = strings[entry.msgctxt]
            if isinstance(value, list):
                entry.msgstr_plural = dict(enumerate(value))
            else:
                entry.msgstr = value
            if unfuzzy and entry.fuzzy:
                entry.flags.remove("fuzzy")
                entry.previous_msgctxt = entry.previous_msgid = entry.previous_msgid_plural = None
            if comment:
                entry.tcomment = comment
    po.save(str(path))
    msgcat(path, width=60)


def msgcat(path: Path, width: int = 60) -> None:
    """Re-wrap a .po with GNU msgcat, the way another editor would save it."""
    tool = require_tool("msgcat")
    subprocess.run([tool, f"--width={width}", "-o", str(path), str(path)], check=True)


def msgfmt_check(path: Path) -> None:
    """GNU ``msgfmt --check-format --check-header`` must accept the file."""
    tool = require_tool("msgfmt")
    done = subprocess.run(
        [tool, "--check-format", "--check-header", "-o", "/dev/null", str(path)], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(dedent(text).lstrip("\n"), encoding="utf-8")
