"""The gettext side's files in the git-ignored ``.msgbook-cache/``.

polib needs about a second to read, and as long to write, 25,000 entries. So a
.po whose bytes were read (or written) before, the .pot's entry texts and the
.mo of a .po come from the cache when they can; a missing, stale or unreadable
cache only costs time. Keys hold msgbook's version and code. Writes happen
after the build has answered (:mod:`generator.later`).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import cast

from ..cache import CACHE_DIR, fingerprint
from ..later import defer
from ..units import Unit
from .po_model import PoEntry, PoHeader, PoRead
from .po_text import Memo

_SCHEMA = "gettext-2"


class PoCache:
    """The gettext files in ``.msgbook-cache/``, named by what they hold and by their key.

    Each .po keeps two: the file as read and the file a plan would write, so
    that ``check`` after a catalogue change does not push the first one out.
    """

    def __init__(self, root: Path) -> None:
        self.folder = root / CACHE_DIR
        self.stamp = fingerprint(root, (), _SCHEMA)

    def key(self, *parts: str | bytes) -> str:
        digest = hashlib.sha256(self.stamp.encode())
        for part in parts:
            digest.update(b"\0" + (part if isinstance(part, bytes) else part.encode("utf-8")))
        return digest.hexdigest()[:32]

    def load(self, kind: str, key: str) -> object | None:
        try:
            with (self.folder / f"{kind}-{key}.pickle").open("rb") as handle:
                value: object = pickle.load(handle)
        except Exception:  # noqa: BLE001 - any unreadable cache is just a miss
            return None
        return value

    def store(self, kind: str, key: str, value: object, size: int, keep: int = 1) -> None:
        """Write ``value`` (standing for ``size`` bytes of input) once the build is done, see :mod:`generator.later`."""
        defer(self.folder, lambda: self._store_now(kind, key, value, keep), size)

    def _store_now(self, kind: str, key: str, value: object, keep: int) -> None:
        """Write ``value`` and drop the oldest files of the same kind beyond ``keep``."""
        with contextlib.suppress(OSError):
            self.folder.mkdir(parents=True, exist_ok=True)
            ignore = self.folder / ".gitignore"
            if not ignore.exists():
                ignore.write_text("*\n", encoding="utf-8")
            target = self.folder / f"{kind}-{key}.pickle"
            tmp = self.folder / f".{target.name}.{os.getpid()}.tmp"
            tmp.write_bytes(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
            os.replace(tmp, target)
            others = [p for p in self.folder.glob(f"{kind}-*.pickle") if p != target]
            others.sort(key=lambda p: p.stat().st_mtime_ns, reverse=True)
            for old in others[keep - 1 :]:
                old.unlink(missing_ok=True)

    def memo(self, width: int) -> Memo:
        found = self.load("pot", self.key("pot", str(width)))
        return cast(Memo, found) if isinstance(found, dict) else {}

    def keep_memo(self, width: int, memo: Memo, templates: Sequence[tuple[Unit, PoEntry]], hits: int) -> None:
        if hits < len(templates):
            kept = {e: memo[e] for _, e in templates}
            self.store("pot", self.key("pot", str(width)), kept, sum(map(len, kept.values())))

    def has_read(self, data: bytes, path: str, locale: str, nplurals: int) -> bool:
        """True when :meth:`read` would likely find these bytes (a cheap look before the real load)."""
        key = self.key("po", path, locale, str(nplurals), data)
        return (self.folder / f"po-{_slug(path)}-{key}.pickle").exists()

    def read(self, data: bytes, path: str, locale: str, nplurals: int) -> PoRead | None:
        found = self.load(f"po-{_slug(path)}", self.key("po", path, locale, str(nplurals), data))
        if not isinstance(found, tuple) or len(found) != 3:
            return None
        header, entries, lines = cast(tuple[PoHeader, list[PoEntry], list[int]], found)
        return PoRead(data, header, entries, lines, clean=True)

    def keep_read(self, read: PoRead, path: str, locale: str, nplurals: int) -> None:
        key = self.key("po", path, locale, str(nplurals), read.data)
        self.store(f"po-{_slug(path)}", key, (read.header, read.entries, read.lines), len(read.data), keep=2)

    def mo(self, po: bytes, path: str, nplurals: int, make: Callable[[], bytes]) -> bytes:
        kind, key = f"mo-{_slug(path)}", self.key("mo", path, str(nplurals), po)
        found = self.load(kind, key)
        if isinstance(found, bytes):
            return found
        data = make()
        self.store(kind, key, data, len(data), keep=2)
        return data


def _slug(path: str) -> str:
    return hashlib.sha256(path.encode("utf-8")).hexdigest()[:16]
