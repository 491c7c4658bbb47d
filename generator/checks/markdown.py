"""Inline code spans of a Markdown page: the quotes the docs check compares with the catalogue.

Fenced code blocks are blanked first (line breaks kept, so positions stay
right): a quote shown as an example in a fence is not one.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

_FENCE = re.compile(r"^[ \t]{0,3}(`{3,}|~{3,})")
_BACKTICKS = re.compile(r"`+")
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")


@dataclass(frozen=True, slots=True)
class Span:
    """An inline code span: where its opening backticks are, and its content."""

    offset: int
    content: str


def blank_fences(text: str) -> str:
    """The page with the contents of fenced code blocks replaced by spaces.

    >>> blank_fences("a\\n```md\\n`x y z`\\n```\\nb")
    'a\\n     \\n       \\n   \\nb'
    """
    out: list[str] = []
    fence = ""
    for line in text.split("\n"):
        opening = _FENCE.match(line)
        if fence:
            if (
                opening
                and opening.group(1)[0] == fence[0]
                and len(opening.group(1)) >= len(fence)
                and not line.strip(" \t`~")
            ):
                fence = ""
            out.append(" " * len(line))
        elif opening and not (opening.group(1)[0] == "`" and "`" in line[opening.end() :]):
            fence = opening.group(1)
            out.append(" " * len(line))
        else:
            out.append(line)
    return "\n".join(out)


def code_spans(text: str) -> Iterator[Span]:
    r"""Inline code spans as CommonMark reads them, within one paragraph.

    A single-backtick span whose content ends with ``\`` goes on to the next
    backtick: MDX authors escape backticks that way inside spans, and although
    CommonMark does not honour it, the quote they meant is the whole run.

    >>> [s.content for s in code_spans("Run `a b` or ``x `y` z``, or `Run \\`ls\\` now`.")]
    ['a b', 'x `y` z', 'Run `ls` now']
    """
    pos = 0
    while (opening := _BACKTICKS.search(text, pos)) is not None:
        ticks = opening.group()
        limit = _PARAGRAPH_BREAK.search(text, opening.end())
        end = limit.start() if limit else len(text)
        closing = _closing(text, opening.end(), end, len(ticks))
        if closing is None:
            pos = opening.end()
            continue
        content = text[opening.end() : closing].replace("\n", " ")
        if len(ticks) == 1:
            content = content.replace("\\`", "`")
        if content.startswith(" ") and content.endswith(" ") and content.strip():
            content = content[1:-1]
        yield Span(opening.start(), content)
        pos = closing + len(ticks)


def _closing(text: str, start: int, end: int, count: int) -> int | None:
    pos = start
    while (run := _BACKTICKS.search(text, pos, end)) is not None:
        escaped = count == 1 and text[run.start() - 1] == "\\"
        if len(run.group()) == count and not escaped:
            return run.start()
        pos = run.end()
    return None
