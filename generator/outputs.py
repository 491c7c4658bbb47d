"""Generated files: compute them as bytes, write only what changed, atomically.

``build`` and ``check`` share :func:`stale`, so they can never disagree about
what is out of date.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path

from .diagnostics import Diagnostic, Location, Severity

Outputs = dict[str, bytes]  # root-relative path -> exact bytes


def write_atomic(path: Path, data: bytes, *, durable: bool = True) -> None:
    """Replace ``path`` with ``data`` through a temporary file and a rename.

    A reader, or a build killed half-way, sees the old file or the new one,
    never a mix. ``durable`` also flushes the data to disk before the rename,
    so that the file survives a power cut as well.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            if durable:
                handle.flush()
                os.fsync(handle.fileno())
        if path.exists():
            os.chmod(tmp, path.stat().st_mode & 0o777)
        else:
            os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def write_changed(root: Path, outputs: Mapping[str, bytes]) -> list[str]:
    """Write each output whose bytes differ on disk; return the paths written, sorted.

    Every file is replaced atomically. Only ``.po`` files, which hold
    translators' work, are also flushed to disk one by one: everything else is
    made again from them and the catalogue by the next build, and a flush per
    file would cost more than the rest of writing hundreds of docs pages.
    """
    written = []
    for relative in sorted(outputs):
        path = root / relative
        data = outputs[relative]
        try:
            if path.read_bytes() == data:
                continue
        except OSError:
            pass
        write_atomic(path, data, durable=relative.endswith(".po"))
        written.append(relative)
    return written


def remove_files(root: Path, paths: Iterable[str]) -> list[str]:
    """Delete each of ``paths`` (root-relative) and the folders that leaves empty; return those deleted.

    Folders are removed up to two levels above a file (a removed locale's
    ``<lang>/reference/``), and only when empty: never the root.
    """
    removed = []
    for relative in paths:
        path = root / relative
        try:
            path.unlink()
        except FileNotFoundError:
            continue
        removed.append(relative)
        for folder in (path.parent, path.parent.parent):
            if folder == root or root not in folder.parents:
                break
            try:
                folder.rmdir()
            except OSError:
                break  # not empty: neither is the one above it
    return removed


def first_difference(old: bytes, new: bytes) -> int:
    """The 1-based line where two versions of a file first differ.

    >>> first_difference(b"a\\nb\\nc\\n", b"a\\nB\\nc\\n")
    2
    """
    old_lines, new_lines = old.split(b"\n"), new.split(b"\n")
    for number, (a, b) in enumerate(zip(old_lines, new_lines, strict=False), start=1):
        if a != b:
            return number
    return min(len(old_lines), len(new_lines)) + (0 if len(old_lines) == len(new_lines) else 1)


def stale(root: Path, outputs: Mapping[str, bytes]) -> Iterator[Diagnostic]:
    """One ``stale-generated-file`` finding per output that differs on disk."""
    for relative in sorted(outputs):
        try:
            current = (root / relative).read_bytes()
        except FileNotFoundError:
            yield Diagnostic(
                Location(relative),
                Severity.ERROR,
                "stale-generated-file",
                "generated file is missing; run `msgbook build`",
            )
            continue
        except OSError as error:
            yield Diagnostic(
                Location(relative),
                Severity.ERROR,
                "stale-generated-file",
                f"cannot read generated file: {error.strerror}",
            )
            continue
        if current != outputs[relative]:
            line = first_difference(current, outputs[relative])
            yield Diagnostic(
                Location(relative, line, 1),
                Severity.ERROR,
                "stale-generated-file",
                "generated file differs from the catalogue from this line on; run `msgbook build` (edits here are overwritten)",
            )
