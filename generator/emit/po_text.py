"""A locale's .po as text: kept when it already agrees, otherwise joined from kept and rendered entries.

The entry texts themselves come from polib through the ``render`` callbacks
:mod:`generator.emit.gettext` passes in.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import pairwise

from ..diagnostics import Diagnostic, Location, Severity
from .po_model import Merged, PoEntry, PoHeader, PoRead, Sourced

Memo = dict[PoEntry, str]  # rendered entry texts, shared by the files of one run (and cached)


def assemble(header_text: str, pieces: Sequence[str]) -> tuple[str, list[int]]:
    """Join a header and entry texts with blank lines; also return each entry's first line.

    >>> assemble("h\\n", ["a\\nb\\n", "c\\n"])
    ('h\\n\\na\\nb\\n\\nc\\n', [3, 6])
    """
    starts = []
    line = header_text.count("\n") + 2
    for piece in pieces:
        starts.append(line)
        line += piece.count("\n") + 1
    return header_text + "".join("\n" + piece for piece in pieces), starts


@dataclass(slots=True)
class PoText:
    """A locale's file as it would be written, with the first line of each entry (active, then obsolete)."""

    data: bytes
    starts: list[int]
    kept: bool  # the file on disk, kept as it is


def layout_po(
    read: PoRead | None,
    header: PoHeader,
    merged: Merged,
    render_entry: Callable[[PoEntry], str],
    render_header: Callable[[PoHeader], str],
) -> PoText:
    """The locale's file.

    When the entries on disk already equal the merged ones, the file stays
    byte for byte as it is; otherwise entries that did not change keep their
    text and only the others are rendered.
    """
    pairs = [*merged.active, *merged.obsolete]
    if read is not None and in_sync(read, header, pairs):
        return PoText(read.data, [read.lines[index] for _, index in pairs if index is not None], kept=True)
    old_header, old = entry_texts(read) if read is not None else (None, None)
    texts = []
    for entry, index in pairs:
        if old is not None and read is not None and index is not None and read.entries[index] == entry:
            texts.append(old[index])
        else:
            texts.append(render_entry(entry))
    if old_header is not None and read is not None and read.header == header:
        header_text = old_header
    else:
        header_text = render_header(header)
    text, starts = assemble(header_text, texts)
    return PoText(text.encode("utf-8"), starts, kept=False)


def in_sync(read: PoRead, header: PoHeader, pairs: Sequence[Sourced]) -> bool:
    """True when the file on disk has exactly the merged header and entries, in any layout."""
    if read.header != header or len(pairs) != len(read.entries):
        return False
    seen = set()
    for entry, index in pairs:
        if index is None or index in seen or read.entries[index] != entry:
            return False
        seen.add(index)
    return True


def drift(read: PoRead | None, header: PoHeader, merged: Merged, path: str, kept: bool) -> Diagnostic | None:
    """One ``stale-po`` finding when the .po on disk differs from the merge, by entries."""
    pairs = [*merged.active, *merged.obsolete]
    if read is None:
        return Diagnostic(
            Location(path), Severity.ERROR, "stale-po", "the .po is missing; run `msgbook build` to create it"
        )
    if kept:
        return None
    sources = {index for _, index in pairs if index is not None}
    new = sum(1 for _, index in merged.active if index is None)
    changed = [read.lines[i] for e, i in pairs if i is not None and read.entries[i] != e]
    dropped = [read.lines[i] for i in range(len(read.entries)) if i not in sources]
    parts = [
        f"{count} {what}"
        for count, what in ((new, "new"), (len(changed), "changed"), (len(dropped), "dropped"))
        if count
    ]
    if read.header != header:
        parts.append("header")
    lines = [*changed, *dropped] or ([1] if read.header != header else [0])
    message = f"entries differ from the catalogue ({', '.join(parts) or 'order'}); run `msgbook build`"
    line = min(lines)
    return Diagnostic(Location(path, line, 1 if line else 0), Severity.ERROR, "stale-po", message)


def rereadable(text: PoText, merged: Merged, width: int) -> bool:
    """True when polib would read the written file back as exactly the merged entries.

    polib re-wraps translator comments longer than the width and strips
    trailing blanks; a file with such comments is read again next time.
    """
    if text.kept:
        return False
    for entry, _ in (*merged.active, *merged.obsolete):
        lines = entry.tcomment.split("\n") if entry.tcomment else ()
        if any((width > 0 and len(line) + 2 > width) or line != line.rstrip() for line in lines):
            return False
    return True


def entry_texts(read: PoRead) -> tuple[str | None, list[str] | None]:
    """The file's own text of its header and of each entry, when they can be kept as they are."""
    if not read.clean:
        return None, None
    return _split_texts(read.data.decode("utf-8"), read.lines)


def _split_texts(text: str, starts: list[int]) -> tuple[str | None, list[str] | None]:
    """The header's and each entry's own text, from their first line to the next entry's."""
    lines = text.split("\n")
    bounds = [*starts, len(lines) + 1]
    if any(b <= a for a, b in pairwise(bounds)):
        return None, None
    header = _trimmed(lines[: bounds[0] - 1])
    if not any(line.startswith('msgid ""') for line in header):
        return None, None  # the header is not first: render it all
    texts = [_trimmed(lines[a - 1 : b - 1]) for a, b in pairwise(bounds)]
    return "\n".join(header) + "\n", ["\n".join(t) + "\n" for t in texts]


def _trimmed(chunk: list[str]) -> list[str]:
    """Drop trailing blank lines and comments, which belong to the next entry or to none."""
    end = len(chunk)
    while end and (
        not chunk[end - 1].strip() or (chunk[end - 1].startswith("#") and not chunk[end - 1].startswith("#~ "))
    ):
        end -= 1
    return chunk[:end]
