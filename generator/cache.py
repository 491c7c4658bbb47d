"""The git-ignored ``.msgbook-cache/`` folder: a parsed-catalogue cache and the no-op build fingerprint.

Both are pure speed-ups: a missing, stale or corrupt cache only costs time.
The fingerprint is made of ``stat()`` results (size, mtime, inode) of every
input and output, the settings and msgbook's version, so an unchanged project
rebuilds without parsing anything, and a hand-edited output still rebuilds.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import os
import pickle
from collections.abc import Iterable
from pathlib import Path

from ._version import __version__
from .diagnostics import Diagnostic, Location, Severity
from .later import defer
from .project import Project, generated_folders
from .translations import GettextOptions

CACHE_DIR = ".msgbook-cache"
_CODE = Path(__file__).resolve().parent
_STATE = "build-state.json"


def _cache_dir(root: Path) -> Path:
    return root / CACHE_DIR


def _write(path: Path, data: bytes) -> None:
    """Write a cache file atomically; failures are ignored (read-only checkouts)."""
    with contextlib.suppress(OSError):
        path.parent.mkdir(parents=True, exist_ok=True)
        ignore = path.parent / ".gitignore"
        if not ignore.exists():
            ignore.write_text("*\n", encoding="utf-8")
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        tmp.write_bytes(data)
        os.replace(tmp, path)


def load_parsed(root: Path, data: bytes) -> object | None:
    """The cached parse result for catalogue bytes, or ``None``."""
    path = _cache_dir(root) / f"catalogue-{_key(data)}.pickle"
    try:
        with path.open("rb") as handle:
            parsed: object = pickle.load(handle)
            return parsed
    except Exception:  # noqa: BLE001 - any unreadable cache is just a miss
        return None


def store_parsed(root: Path, data: bytes, parsed: object) -> None:
    """Remember the parse result of catalogue bytes (dropping older entries), once the build is done."""
    defer(_cache_dir(root), lambda: _store_parsed_now(root, data, parsed), len(data))


def _store_parsed_now(root: Path, data: bytes, parsed: object) -> None:
    folder = _cache_dir(root)
    with contextlib.suppress(OSError):
        for old in folder.glob("catalogue-*.pickle"):
            old.unlink()
    _write(folder / f"catalogue-{_key(data)}.pickle", pickle.dumps(parsed, protocol=pickle.HIGHEST_PROTOCOL))


def _key(data: bytes) -> str:
    return hashlib.sha256(_code_stamp().encode() + b"\0" + data).hexdigest()[:32]


@functools.cache
def _code_stamp() -> str:
    """msgbook's version and the stat of its own files, so a changed msgbook never reuses old results."""
    digest = hashlib.sha256(__version__.encode())
    for own in sorted(_CODE.rglob("*.py")) + sorted(_CODE.glob("templates/*")):
        with contextlib.suppress(OSError):
            st = own.stat()
            digest.update(f"{own.relative_to(_CODE)}\0{st.st_size}\0{st.st_mtime_ns}\n".encode())
    return digest.hexdigest()


def fingerprint(root: Path, paths: Iterable[str], extra: str) -> str:
    """A digest of the stat() of each path (missing ones included), msgbook's own files, and ``extra``."""
    digest = hashlib.sha256(f"{_code_stamp()}\0{extra}\0".encode())
    for relative in sorted(set(paths)):
        try:
            st = os.stat(root / relative)
            digest.update(f"{relative}\0{st.st_size}\0{st.st_mtime_ns}\0{st.st_ino}\n".encode())
        except OSError:
            digest.update(f"{relative}\0missing\n".encode())
    return digest.hexdigest()


def read_state(root: Path) -> dict[str, object] | None:
    """The state the last complete build left, or ``None``."""
    try:
        state = json.loads((_cache_dir(root) / _STATE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return state if isinstance(state, dict) else None


def write_state(root: Path, state: dict[str, object]) -> None:
    _write(_cache_dir(root) / _STATE, json.dumps(state, sort_keys=True).encode("utf-8"))


def clear_state(root: Path) -> None:
    with contextlib.suppress(OSError):
        (_cache_dir(root) / _STATE).unlink()


def input_paths(project: Project) -> list[str]:
    """Every file a build reads: settings, catalogue, and each .po/.pot under the locales folder.

    Also the folders it looks through for generated files the catalogue no
    longer makes, so that a file added there is noticed.
    """
    locales = project.path(project.locales_dir)
    found = [project.relative(p) for p in locales.glob("*/LC_MESSAGES/*.po")]
    found += [project.relative(p) for p in locales.glob("*.pot")]
    folders = [folder for folder, _ in generated_folders(project)]
    return ["pyproject.toml", project.catalogue, project.locales_dir, project.docs, *folders, *found]


def extra_key(project: Project, options: GettextOptions) -> str:
    return f"{project!r}\0{options.prune_obsolete}\0{sorted(options.keep_translations)}"


def noop_findings(project: Project, options: GettextOptions) -> list[Diagnostic] | None:
    """The last build's findings when nothing changed since it, else ``None``."""
    state = read_state(project.root)
    if state is None:
        return None
    outputs = state.get("outputs")
    findings = state.get("findings")
    if not isinstance(outputs, list) or not isinstance(findings, list):
        return None
    current = fingerprint(project.root, [*input_paths(project), *map(str, outputs)], extra_key(project, options))
    if current != state.get("fingerprint"):
        return None
    try:
        return [decode_finding(item) for item in findings]
    except (TypeError, ValueError, KeyError):
        return None


def encode_finding(d: Diagnostic) -> list[object]:
    return [d.location.path, d.location.line, d.location.col, str(d.severity), d.rule, d.message]


def decode_finding(item: object) -> Diagnostic:
    if not isinstance(item, list) or len(item) != 6:
        raise ValueError("bad finding")
    path, line, col, severity, rule, message = item
    return Diagnostic(Location(str(path), int(line), int(col)), Severity(severity), str(rule), str(message))
