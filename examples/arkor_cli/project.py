"""``arkor init``, ``build`` and ``start``: the project commands whose errors the docs explain."""

from __future__ import annotations

from pathlib import Path

import messages as m

from .auth import Session

TEMPLATES = ("triage", "alpaca", "chat")
DEFAULT_ENTRY = "src/arkor/index.ts"


def init(session: Session, *, template: str, git: bool, skip_git: bool) -> int:
    console = session.console
    if git and skip_git:
        return console.fail(m.init_git_flags_conflict(), m.meta.init_git_flags_conflict)
    if template not in TEMPLATES:
        text = m.init_unknown_template(template=template, templates=", ".join(TEMPLATES))
        return console.fail(text, m.meta.init_unknown_template)
    entry = Path.cwd() / DEFAULT_ENTRY
    entry.parent.mkdir(parents=True, exist_ok=True)
    entry.write_text("export const arkor = {};\n", encoding="utf-8")
    if git and "commit-signing" in session.cloud.failures:
        console.show(m.init_commit_signing_failed(), m.meta.init_commit_signing_failed)
    return 0


def build(session: Session, *, entry: str | None) -> int:
    path = Path(entry or DEFAULT_ENTRY)
    if not path.exists():
        text = m.build_entry_not_found(entry=str(path), default_entry=DEFAULT_ENTRY)
        return session.console.fail(text, m.meta.build_entry_not_found)
    return 0


def start(session: Session, *, entry: str | None) -> int:
    """Run the trainer: needs the entry, its export, and (with an account) the project state."""
    console = session.console
    path = Path(entry or DEFAULT_ENTRY)
    if not path.exists():
        text = m.runner_entry_not_found(path=str(path), default_entry=DEFAULT_ENTRY)
        return console.fail(text, m.meta.runner_entry_not_found)
    source = path.read_text(encoding="utf-8")
    if "arkor" not in source and "trainer" not in source:
        return console.fail(m.runner_missing_export(), m.meta.runner_missing_export)
    credentials = session.load()
    if credentials is not None:
        session.cloud.me(credentials["mode"])  # a dead-end answer goes up to the command's error handler
        if credentials["mode"] == "auth0" and not (Path.cwd() / ".arkor" / "state.json").exists():
            return console.fail(m.project_state_missing_oauth(), m.meta.project_state_missing_oauth)
    return 0
