""".mo files: compiled with Babel's linear ``write_mo`` from the merged entries."""

from __future__ import annotations

import io
from collections.abc import Iterable

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo

from .po_model import PoEntry, PoHeader


class _MoCatalog(Catalog):
    """A Babel catalog that carries the .po header as it is, only to feed ``write_mo``.

    Babel's own header would hold the current time, and the .mo must be the
    same bytes on every build.
    """

    def __init__(self, header: list[tuple[str, str]]) -> None:
        super().__init__(charset="utf-8", fuzzy=False)
        self._header = header

    @property
    def mime_headers(self) -> list[tuple[str, str]]:
        return self._header

    @mime_headers.setter
    def mime_headers(self, value: Iterable[tuple[str, str]]) -> None:
        self._header = list(value)


def render_mo(header: PoHeader, entries: Iterable[PoEntry], nplurals: int) -> bytes:
    """The compiled catalogue: only usable translations (not fuzzy, every form filled)."""
    catalog = _MoCatalog(list(header.fields))
    usable = [
        e for e in entries if not e.fuzzy and all(e.strings) and (e.msgid_plural is None or len(e.strings) == nplurals)
    ]
    usable.sort(key=lambda e: (e.msgid, e.context or ""))  # write_mo's order, so its sort is linear
    for e in usable:
        if e.msgid_plural is None:
            catalog.add(e.msgid, e.strings[0], context=e.context)
        else:
            catalog.add((e.msgid, e.msgid_plural), e.strings, context=e.context)
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    return buffer.getvalue()
