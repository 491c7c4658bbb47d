"""Markdown that shows catalogue text exactly as written, in table cells and blocks.

Catalogue and translation texts are data: nothing in them may become markup.
Every table cell goes through :func:`md_cell`; message texts are literal (one
code span per line), docs texts are prose whose only markup is `` `code` ``.

The rules target Python-Markdown with pymdown-extensions (MkDocs, ProperDocs
and Zensical all use it) and avoid its differences from CommonMark:

- a code span's fence is the shortest run of backticks that does not occur in
  the line, padded with a space when the line starts or ends with a backtick;
- lines that Python-Markdown would alter inside a code span (empty, leading or
  trailing whitespace, a leading ``#!`` or ``:::`` that inlinehilite would eat,
  tabs and control characters) become ``<code>`` with character references;
- outside code, every ASCII punctuation character becomes a numeric character
  reference, so no inline extension (emphasis, emoji, smart symbols, attribute
  lists, raw HTML, links) ever sees one;
- lines are joined with ``<br />``, so a cell stays on its table row.
"""

from __future__ import annotations

import re
import string
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

BR = "<br />"

_CONTROL = "".join(chr(c) for c in [*range(0x00, 0x09), *range(0x0B, 0x20), *range(0x7F, 0xA0)])
# Text outside code: ASCII punctuation and tabs as references; control characters,
# which HTML cannot show, as U+FFFD. (A regex with a lookup is several times faster
# than str.translate with multi-character replacements.)
_TEXT_ENTITIES: dict[str, str] = {c: f"&#{ord(c)};" for c in string.punctuation + "\t"}
_TEXT_ENTITIES.update({c: "&#65533;" for c in _CONTROL})
_TEXT_CHARS = re.compile("[" + re.escape("".join(_TEXT_ENTITIES)) + "]")
# The <code> fallback: the same, plus spaces, so none is stripped or collapsed.
_CODE_ENTITIES: dict[str, str] = {**_TEXT_ENTITIES, " ": "&#32;"}
_CODE_CHARS = re.compile("[" + re.escape("".join(_CODE_ENTITIES)) + "]")
# Inside a code span Python-Markdown expands tabs, and HTML cannot show control characters
# (none of them is printable, so a printable line needs no search).
_UNSAFE_IN_SPAN = re.compile(f"[\t{re.escape(_CONTROL)}]")
_BACKTICKS = re.compile(r"`+")
# A code span opens at a run of backticks that no backtick precedes; the pattern starts with the
# run's first backtick, so that the regex engine only stops at backticks.
_CODE_SPAN = re.compile(r"`(?<!``)(`*)(?!`)(.+?)(?<!`)`\1(?!`)")
_SNIPPET = re.compile(r"^[ \t]*;*-+8<-+")


def escape_text(text: str) -> str:
    """Text outside code: ASCII punctuation as character references.

    >>> escape_text("a <b> & *c*")
    'a &#60;b&#62; &#38; &#42;c&#42;'
    """
    return _TEXT_CHARS.sub(_text_entity, text)


def _text_entity(match: re.Match[str]) -> str:
    return _TEXT_ENTITIES[match.group()]


def _code_entity(match: re.Match[str]) -> str:
    return _CODE_ENTITIES[match.group()]


def _edge_spaces(escaped: str, original: str, lead: bool = True, trail: bool = True) -> str:
    """Encode leading and trailing whitespace, which table cells strip.

    >>> _edge_spaces(" a ", " a ")
    '&#32;a&#32;'
    """
    if not original or not ((lead and original[0].isspace()) or (trail and original[-1].isspace())):
        return escaped
    core = escaped
    head = tail = ""
    if lead:
        core = core.lstrip()
        head = "".join(f"&#{ord(c)};" for c in escaped[: len(escaped) - len(core)])
    if trail:
        stripped = core.rstrip()
        tail = "".join(f"&#{ord(c)};" for c in core[len(stripped) :])
        core = stripped
    return head + core + tail


def code_line(line: str) -> str:
    """One line of literal text as inline code that renders to exactly ``line``.

    >>> code_line("arkor login --oauth")
    '`arkor login --oauth`'
    >>> code_line("run `arkor dev`")
    '`` run `arkor dev` ``'
    >>> code_line("  indented")
    '<code>&#32;&#32;indented</code>'
    """
    if not line.isprintable() and _UNSAFE_IN_SPAN.search(line) is not None:
        return _code_element(line)  # Python-Markdown expands tabs; HTML cannot show control characters
    return _printable_code(line)


def _code_element(line: str) -> str:
    return "<code>" + _CODE_CHARS.sub(_code_entity, line) + "</code>"


def _printable_code(line: str) -> str:
    """:func:`code_line` of a line without tabs or control characters."""
    if not line or line[0].isspace() or line[-1].isspace() or line.startswith(("#!", ":::")):
        # Python-Markdown strips a code span's edge whitespace; inlinehilite eats a leading shebang
        return _code_element(line)
    if "`" not in line:
        return f"`{line}`"
    if "``" not in line:  # lone backticks only: a double fence
        return f"`` {line} ``" if line[0] == "`" or line[-1] == "`" else f"``{line}``"
    runs = {len(run) for run in _BACKTICKS.findall(line)}
    size = next(n for n in range(1, len(runs) + 2) if n not in runs)
    fence = "`" * size
    pad = " " if line[0] == "`" or line[-1] == "`" else ""
    return fence + pad + line + pad + fence


def _lines(text: str) -> list[str]:
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def md_code(text: str) -> str:
    """Literal text (a message) on one Markdown line: a code span per line.

    >>> md_code("Sign up:\\n\\n  arkor login")
    '`Sign up:`<br /><code></code><br /><code>&#32;&#32;arkor&#32;login</code>'
    """
    if text.isprintable():  # one line, without tabs or control characters: most often
        return _printable_code(text)
    if "\n" not in text and "\r" not in text:
        return code_line(text)
    return BR.join(map(code_line, _lines(text)))


def code_spans(line: str) -> list[tuple[bool, str]]:
    """Split one line of prose into text and code, pairing backticks as CommonMark does.

    An opening run of backticks closes at the next run of the same length;
    one space is stripped from each side of code that has both.

    >>> code_spans("Run `arkor login` now, or ``a ` b``.")
    [(False, 'Run '), (True, 'arkor login'), (False, ' now, or '), (True, 'a ` b'), (False, '.')]
    >>> code_spans("a ` lone")
    [(False, 'a ` lone')]
    """
    if "`" not in line:
        return [(False, line)] if line else []
    pieces = _CODE_SPAN.split(line)
    parts: list[tuple[bool, str]] = []
    for index in range(0, len(pieces) - 1, 3):
        if pieces[index]:
            parts.append((False, pieces[index]))
        parts.append((True, _span_code(pieces[index + 2])))
    if pieces[-1]:
        parts.append((False, pieces[-1]))
    return parts


def _edge(text: str, escaped: str, lead: bool, trail: bool) -> str:
    if text and ((lead and text[0].isspace()) or (trail and text[-1].isspace())):
        return _edge_spaces(escaped, text, lead, trail)
    return escaped


def prose_line(line: str) -> str:
    """One line of prose: code spans kept as code, everything else inert text.

    >>> prose_line("Run `a | b` & *x* ``")
    'Run `a | b` &#38; &#42;x&#42; &#96;&#96;'
    """
    if line and (line[0].isspace() or line[-1].isspace()):
        parts = code_spans(line)
        last = len(parts) - 1
        return "".join(
            code_line(piece) if is_code else _edge(piece, escape_text(piece), index == 0, index == last)
            for index, (is_code, piece) in enumerate(parts)
        )
    if "`" not in line:
        return _TEXT_CHARS.sub(_text_entity, line)
    pieces = _CODE_SPAN.split(line)  # text, then (fence, code, text) for each code span
    for index in range(0, len(pieces) - 1, 3):
        pieces[index] = _TEXT_CHARS.sub(_text_entity, pieces[index])
        pieces[index + 1] = ""
        pieces[index + 2] = code_line(_span_code(pieces[index + 2]))
    pieces[-1] = _TEXT_CHARS.sub(_text_entity, pieces[-1])
    return "".join(pieces)


def _span_code(code: str) -> str:
    """The code of a code span: one space is stripped from each side of code that has both."""
    if len(code) >= 2 and code[0] == " " and code[-1] == " " and code.strip(" "):
        return code[1:-1]
    return code


def prose_fragment(text: str) -> str:
    """Part of a line of prose (no edge handling), for filling templates.

    >>> prose_fragment("run `msgbook build` (again)")
    'run `msgbook build` &#40;again&#41;'
    """
    return "".join(code_line(piece) if is_code else escape_text(piece) for is_code, piece in code_spans(text))


def md_text(text: str) -> str:
    """Prose (a ``when`` or ``action`` text) on one Markdown line.

    >>> md_text("Run `arkor login`.\\nThen *retry* | {{x}}")
    'Run `arkor login`&#46;<br />Then &#42;retry&#42; &#124; &#123;&#123;x&#125;&#125;'
    """
    if "\n" not in text and "\r" not in text:
        return prose_line(text)
    return BR.join(map(prose_line, _lines(text)))


def md_cell(text: str, *, literal: bool = False) -> str:
    """A table cell for catalogue text: literal (a message) or prose (docs text).

    The result is one line, holds no unescaped ``|`` outside code, and renders
    to ``text`` with its newlines as line breaks.

    >>> md_cell("a | b")
    'a &#124; b'
    >>> md_cell("a | b", literal=True)
    '`a | b`'
    """
    return md_code(text) if literal else md_text(text)


def md_table(header: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    """A pipe table from cells already made safe with :func:`md_cell`.

    >>> print(md_table(["A", "B"], [["`x`", "1"]]), end="")
    | A | B |
    | --- | --- |
    | `x` | 1 |
    """
    return "\n".join(md_table_lines(header, rows)) + "\n"


def md_table_lines(header: Sequence[str], rows: Iterable[Sequence[str]]) -> list[str]:
    """:func:`md_table` without its last newline, in pieces to join with newlines (the body is one piece)."""
    lines = ["| " + " | ".join(header) + " |", "|" + " --- |" * len(header)]
    cells = list(rows)
    if cells:
        body = " |\n| ".join(map(" | ".join, cells))
        lines.append(f"| {body} |")  # one copy of the body, where two additions make two
    return lines


def fence_safe(text: str) -> bool:
    """True when a fenced code block shows ``text`` exactly.

    Python-Markdown expands tabs everywhere, HTML cannot show control
    characters, and pymdownx.snippets would replace a ``--8<--`` line.
    """
    return not _UNSAFE_IN_SPAN.search(text) and not any(_SNIPPET.match(line) for line in _lines(text))


def md_fence(text: str, info: str = "text") -> str:
    """A fenced code block longer than any backtick run in ``text``.

    >>> print(md_fence("a ``` b"), end="")
    ````text
    a ``` b
    ````
    """
    longest = max((len(m.group(0)) for m in _BACKTICKS.finditer(text)), default=0)
    fence = "`" * max(3, longest + 1)
    return f"{fence}{info}\n" + "\n".join(_lines(text)) + f"\n{fence}\n"


def html_comment(text: str) -> str:
    """An HTML comment that ``text`` cannot end early.

    >>> html_comment("a --> b")
    '<!-- a - -> b -->'
    """
    return "<!-- " + text.replace("--", "- -") + " -->"


_ANCHOR_ID = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.-]*")


def anchor(name: str) -> str:
    """An empty ``<a id>`` that links can target; nothing for an unsafe id.

    >>> anchor("anonymous_token_single_device"), anchor("x y")
    ('<a id="anonymous_token_single_device"></a>', '')
    """
    return f'<a id="{name}"></a>' if _ANCHOR_ID.fullmatch(name) else ""


# -- markers in hand-written pages ---------------------------------------------------

_MARKER_LINE = re.compile(r"([ \t]*)(<!--\s*msgbook:(.*?)-->)[ \t]*\Z")
_MARKER_ANYWHERE = re.compile(r"<!--\s*msgbook\b.*?(?:-->|\Z)")
_FENCE = re.compile(r"[ \t]*(`{3,}|~{3,})")


@dataclass(frozen=True, slots=True)
class Marker:
    """A ``<!-- msgbook:KIND ID -->`` comment of a page (1-based line).

    ``kind`` and ``target`` are empty when it is malformed; ``alone`` is false
    for a marker that shares its line with other text (it cannot be expanded).
    """

    line: int
    source: str
    kind: str
    target: str
    indent: str
    alone: bool = True


def _marker(number: int, source: str, inner: str, indent: str, alone: bool) -> Marker:
    words = inner.split()
    if len(words) != 2:
        return Marker(number, source, "", "", indent, alone)
    return Marker(number, source, words[0], words[1], indent, alone)


def find_markers(markdown: str) -> list[Marker]:
    """Every msgbook marker outside fenced code blocks and code spans.

    >>> find_markers("# A\\n\\n  <!-- msgbook:group auth-errors -->\\n```\\n<!-- msgbook:group x -->\\n```")
    [Marker(line=3, source='<!-- msgbook:group auth-errors -->', kind='group', target='auth-errors', indent='  ', alone=True)]
    """
    found = []
    fence: str | None = None
    for number, line in enumerate(markdown.split("\n"), start=1):
        if fence is not None:
            stripped = line.strip()
            if stripped.startswith(fence) and stripped == fence[0] * len(stripped):
                fence = None
            continue
        opening = _FENCE.match(line)
        if opening:
            fence = opening.group(1)
            continue
        if "msgbook" not in line or "<!--" not in line:
            continue
        match = _MARKER_LINE.match(line)
        if match:
            found.append(_marker(number, match.group(2), match.group(3), match.group(1), True))
            continue
        for is_code, piece in code_spans(line):
            for other in [] if is_code else _MARKER_ANYWHERE.finditer(piece):
                inner = other.group(0).removesuffix("-->").split(":", 1)
                found.append(_marker(number, other.group(0), inner[1] if len(inner) == 2 else "", "", False))
    return found
