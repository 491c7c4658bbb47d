"""String literals of JavaScript and TypeScript sources, template literals included.

Not a parser: a scanner that knows enough of the lexical grammar to find
every ``'…'``, ``"…"`` and ``` `…${…}…` ``` literal (templates nest inside
substitutions), and to skip comments and regular expression literals. A
``/`` starts a regular expression where an expression may begin (after an
operator, an opening bracket, a keyword such as ``return``, or at the start).
JSX text between tags is not a string literal and is not read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_CODE = re.compile(
    r"//[^\n]*"
    r"|/\*.*?(?:\*/|\Z)"
    r"|'[^'\\\n]*(?:\\.[^'\\\n]*)*'"
    r'|"[^"\\\n]*(?:\\.[^"\\\n]*)*"'
    r"|[`{}/]",
    re.S,
)
_TEMPLATE_TEXT = re.compile(r"[^`\\$]*(?:(?:\\.|\$(?!\{))[^`\\$]*)*", re.S)
_REGEX = re.compile(r"/(?![*/])(?:[^/\\\[\n]|\\.|\[(?:[^\]\\\n]|\\.)*\])+/[A-Za-z]*")
_ESCAPE = re.compile(r"\\(?:u\{[0-9a-fA-F]+\}|u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|\r\n|.)", re.S)
_SIMPLE = {"n": "\n", "t": "\t", "r": "\r", "b": "\b", "f": "\f", "v": "\v", "0": "\0", "\n": "", "\r\n": "", "\r": ""}
_REGEX_AFTER_WORDS = frozenset(
    {
        "return",
        "typeof",
        "case",
        "do",
        "else",
        "in",
        "of",
        "new",
        "delete",
        "void",
        "throw",
        "instanceof",
        "yield",
        "await",
    }
)
_WORD_END = re.compile(r"[A-Za-z_$][\w$]*\Z")
JS_SUFFIXES = (".js", ".mjs", ".cjs", ".ts", ".mts", ".cts", ".tsx", ".jsx")


@dataclass(frozen=True, slots=True)
class JsLiteral:
    """A literal's start offset and its cooked constant parts (one part unless a template interpolates)."""

    offset: int
    parts: tuple[str, ...]


@dataclass(slots=True)
class _Template:
    offset: int
    parts: list[str] = field(default_factory=list)
    depth: int = 0  # open braces inside the current ${ } substitution
    in_text: bool = True


def cook(raw: str) -> str:
    r"""The value of a JavaScript string body: escapes decoded.

    >>> cook(r"it\'s \u2014 \u{1F600}\x41\n")
    "it's — 😀A\n"
    """
    if "\\" not in raw:
        return raw

    def one(match: re.Match[str]) -> str:
        code = match.group()[1:]
        if code.startswith("u{"):
            return chr(min(int(code[2:-1], 16), 0x10FFFF))
        if len(code) > 1 and code[0] in "ux":
            return chr(int(code[1:], 16))
        return _SIMPLE.get(code, code)

    return _ESCAPE.sub(one, raw)


def _regex_allowed(text: str, pos: int) -> bool:
    """Whether a ``/`` at ``pos`` starts a regular expression rather than a division."""
    i = pos
    while i > 0 and text[i - 1] in " \t\r\n":
        i -= 1
    if i == 0:
        return True
    before = text[i - 1]
    if before.isalnum() or before in "_$":
        word = _WORD_END.search(text, max(0, i - 20), i)
        return word is not None and word.group() in _REGEX_AFTER_WORDS
    return before not in ")]}'\"`"


def scan_js(text: str) -> list[JsLiteral]:
    """Every string and template literal, in source order of their end.

    >>> [lit.parts for lit in scan_js("const a = `Hi ${user.name}, ${`n=${n}`}!`; // 'no'\\nx = 'it\\\\'s' / 2")]
    [('n=', ''), ('Hi ', ', ', '!'), ("it's",)]
    """
    out: list[JsLiteral] = []
    stack: list[_Template] = []
    pos = 0
    while pos < len(text):
        if stack and stack[-1].in_text:
            pos = _template_text(text, pos, stack, out)
            continue
        match = _CODE.search(text, pos)
        if match is None:
            break
        token, pos = match.group(), match.end()
        if token[0] in "'\"":
            out.append(JsLiteral(match.start(), (cook(token[1:-1]),)))
        elif token == "`":
            stack.append(_Template(match.start()))
        elif token in "{}":
            _brace(token, stack)
        elif token == "/":
            regex = _REGEX.match(text, match.start()) if _regex_allowed(text, match.start()) else None
            pos = regex.end() if regex else pos
    return out


def _brace(token: str, stack: list[_Template]) -> None:
    if not stack:
        return
    top = stack[-1]
    if token == "{":
        top.depth += 1
    elif top.depth:
        top.depth -= 1
    else:  # the } closing a ${ substitution: back to the template's text
        top.in_text = True


def _template_text(text: str, pos: int, stack: list[_Template], out: list[JsLiteral]) -> int:
    top = stack[-1]
    match = _TEMPLATE_TEXT.match(text, pos)
    end = match.end() if match else pos
    chunk = cook(text[pos:end])
    if end >= len(text):  # unterminated: not a literal
        stack.pop()
        return len(text)
    top.parts.append(chunk)
    if text[end] == "`":
        stack.pop()
        out.append(JsLiteral(top.offset, tuple(top.parts)))
        return end + 1
    top.in_text = False  # "${"
    return end + 2
