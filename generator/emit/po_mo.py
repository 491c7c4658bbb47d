""".mo files: compiled with Babel's linear ``write_mo`` from the merged entries."""

from __future__ import annotations

import io
from collections.abc import Iterable, Iterator

from babel.messages.catalog import Catalog, Message
from babel.messages.mofile import write_mo

from .po_model import PoEntry, PoHeader


class _MoMessage(Message):
    """A usable translation as ``write_mo`` reads it, without ``Message``'s flag detection.

    ``Message()`` looks for printf- and brace-format placeholders in every
    text, which ``write_mo`` never uses; that was most of the cost of a .mo.
    Messages arrive sorted, and compare by their position.
    """

    def __init__(
        self, id: str | tuple[str, str], string: str | tuple[str, ...], context: str | None, rank: int
    ) -> None:
        self.id = id
        self.string = string
        self.context = context
        self.flags = set()
        self.rank = rank

    def __lt__(self, other: object) -> bool:
        return isinstance(other, _MoMessage) and self.rank < other.rank


class _MoCatalog(Catalog):
    """A Babel catalog that hands ``write_mo`` the .po header as it is and the usable translations.

    Babel's own header would hold the current time, and the .mo must be the
    same bytes on every build.
    """

    def __init__(self, header: Iterable[tuple[str, str]], messages: list[_MoMessage]) -> None:
        super().__init__(charset="utf-8", fuzzy=False)
        self._header_text = "\n".join(f"{name}: {value}" for name, value in header)
        self._mo_messages = messages

    def __iter__(self) -> Iterator[Message]:
        yield _MoMessage("", self._header_text, None, -1)
        yield from self._mo_messages


def render_mo(header: PoHeader, entries: Iterable[PoEntry], nplurals: int) -> bytes:
    """The compiled catalogue: only usable translations (not fuzzy, every form filled)."""
    usable = [
        e for e in entries if not e.fuzzy and all(e.strings) and (e.msgid_plural is None or len(e.strings) == nplurals)
    ]
    usable.sort(key=lambda e: (e.msgid, e.context or ""))  # write_mo's own order: Babel sorts by (msgid, context)
    messages = [
        _MoMessage(e.msgid if e.msgid_plural is None else (e.msgid, e.msgid_plural),
                   e.strings[0] if e.msgid_plural is None else e.strings, e.context, rank)
        for rank, e in enumerate(usable)
    ]  # fmt: skip
    buffer = io.BytesIO()
    write_mo(buffer, _MoCatalog(header.fields, messages), use_fuzzy=False)
    return buffer.getvalue()
