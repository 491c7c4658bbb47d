"""Hard-coded catalogue texts and unused messages in the configured sources.

Only the files matched by ``[tool.msgbook] sources`` are read (none when it
is unset), never the runtime module, generated pages or tests. Python files
are scanned for copied texts and for the names of the runtime functions;
JavaScript and TypeScript files for copied texts only (they cannot call the
Python runtime).

A message counts as used when its runtime name occurs as a word in a Python
source (``m.note()``, ``from messages import note``, ``getattr(m, "note")``)
or another message includes it with ``{@id}``. With no Python source at all,
no message is reported as unused.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..diagnostics import Diagnostic, Location
from ..model import Catalogue
from ..placeholders import refs
from ..project import Project, runtime_path
from ..rules import RULES
from .files import LineIndex, is_generated_text, read_text, source_files
from .jsscan import JS_SUFFIXES, scan_js
from .pyscan import Found, PythonScanner
from .texts import CopyIndex, describe_copy, message_texts

_PY_SUFFIXES = (".py", ".pyi")


def runtime_module(project: Project) -> str:
    """The import name of the runtime module, as findings tell users to call it.

    >>> from pathlib import Path
    >>> runtime_module(Project(Path("."))), runtime_module(Project(Path("."), runtime="app/texts.py"))
    ('messages', 'texts')
    """
    path = runtime_path(project)
    return path.parent.name if path.name == "__init__.py" and path.parent.name else path.stem


def check_sources(project: Project, catalogue: Catalogue) -> list[Diagnostic]:
    """``hard-coded-text`` and ``unused-message`` findings."""
    if not project.sources:
        return []
    index = CopyIndex(catalogue, project.literal_min_words)
    python = PythonScanner(index, (message.name for message in catalogue.messages if message.runtime))
    module = runtime_module(project)
    used: set[str] = set()
    python_seen = False
    findings: list[Diagnostic] = []
    for relative in source_files(project):
        is_python = relative.endswith(_PY_SUFFIXES)
        if not is_python and not relative.endswith(JS_SUFFIXES):
            continue
        text = read_text(project.root, relative)
        if text is None or is_generated_text(text):
            continue
        if is_python:
            python_seen = True
            found, names = python.scan(text)
            used |= names
        else:
            found = _scan_js(text, index) if index else []
        findings.extend(_hard_coded(relative, item, module if is_python else None) for item in found)
    if python_seen:
        findings.extend(_unused(catalogue, used, module))
    return findings


def _scan_js(text: str, index: CopyIndex) -> list[Found]:
    found = []
    lines: LineIndex | None = None
    for literal in scan_js(text):
        copy = index.find(literal.parts)
        if copy is not None:
            lines = lines or LineIndex(text)
            found.append(Found(*lines.position(literal.offset), copy))
    return found


def _hard_coded(relative: str, found: Found, module: str | None) -> Diagnostic:
    rule = RULES["hard-coded-text"]
    return Diagnostic(
        Location(relative, found.line, found.col), rule.severity, rule.id, describe_copy(found.copy, module)
    )


def _unused(catalogue: Catalogue, used: set[str], module: str) -> Iterator[Diagnostic]:
    referenced = {
        ref
        for message in catalogue.messages
        for _, _, text in message_texts(message)
        if "{@" in text
        for ref in refs(text)
    }
    rule = RULES["unused-message"]
    for message in catalogue.messages:
        if message.runtime and message.name not in used and message.id not in referenced:
            yield Diagnostic(
                Location(catalogue.path, *message.pos),
                rule.severity,
                rule.id,
                f"message {message.id!r} is not used: no source uses {module}.{message.name} "
                f"and no message includes {{@{message.id}}}",
            )
