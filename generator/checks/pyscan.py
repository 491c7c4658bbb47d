"""Python string literals that copy a catalogue text, in two passes so a large tree scans fast.

The first pass is one regular expression over the file (comments, strings,
implicitly concatenated runs): it only decides whether the file may hold a
copy. Only such files are parsed with :mod:`ast`, which gives the exact
values (escapes, f-strings as ``JoinedStr``, concatenation) and positions.
Docstrings are not reported: they document code and are never printed, and a
function's docstring often quotes the message it prints.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from .texts import Copy, CopyIndex, normalise

_SQ3 = r"'''[^'\\]*(?:(?:\\.|'(?!''))[^'\\]*)*'''"
_DQ3 = r'"""[^"\\]*(?:(?:\\.|"(?!""))[^"\\]*)*"""'
_SQ = r"'[^'\\\n]*(?:\\.[^'\\\n]*)*'"
_DQ = r'"[^"\\\n]*(?:\\.[^"\\\n]*)*"'
_STR = f"(?:{_SQ3}|{_DQ3}|{_SQ}|{_DQ})"
# A literal with the literals Python joins to it (whitespace, comments or a backslash between them).
# Comments are not skipped, for speed: a quote in a comment pairs up within its line or not at all,
# so a comment yields at worst a few extra candidates (only an unpaired triple quote in a comment
# would hide the literals after it from this first pass).
_TOKENS = re.compile(rf"{_STR}(?:(?:\s|#[^\n]*|\\\n)*(?=[rRbBuUfF'\"])[rRbBuUfF]{{0,2}}{_STR})*", re.S)
_ONE = re.compile(_STR, re.S)
_FIELD = re.compile(r"\{\{|\}\}|\{[^{}]*\}")
_ESCAPE = re.compile(r"\\(?:\n|[\\'\"abfnrtv]|x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8})")
_SIMPLE = {"n": "\n", "t": "\t", "r": "\r", "a": "\a", "b": "\b", "f": "\f", "v": "\v", "\n": ""}
_ATTRIBUTE = re.compile(r"\.[ \t]*([A-Za-z_]\w*)")
_IMPORTED = re.compile(r"import[ \t]+(\([^)]*\)|[^\n]*)")  # what follows any "import": a superset, and fast
_IDENTIFIER = re.compile(r"[A-Za-z_]\w*")
_TRIPLE = ("'''", '"""')


@dataclass(frozen=True, slots=True)
class Found:
    """A literal copying a catalogue text, at a 1-based line and column."""

    line: int
    col: int
    copy: Copy


def _unescape(body: str) -> str:
    r"""Python's common escapes, enough to recognise a copy (the exact value comes from ``ast``).

    >>> _unescape(r"a\tb\u2014c\\d")
    'a\tb—c\\d'
    """
    if "\\" not in body:
        return body

    def one(match: re.Match[str]) -> str:
        code = match.group()[1:]
        if code[0] in "xuU":
            return chr(int(code[1:], 16))
        return _SIMPLE.get(code, code)

    return _ESCAPE.sub(one, body)


def _body(literal: str) -> str:
    return literal[3:-3] if literal[:3] in _TRIPLE else literal[1:-1]


def _bodies(run: str) -> list[str]:
    return [_body(match.group()) for match in _ONE.finditer(run)]


def _format_parts(body: str) -> tuple[str, ...]:
    """The constant parts of a body read as an f-string.

    >>> _format_parts("Saved {path} to {{x}}")
    ('Saved ', ' to {x}')
    """
    parts = [""]
    pos = 0
    for match in _FIELD.finditer(body):
        parts[-1] += body[pos : match.start()]
        token = match.group()
        if token in ("{{", "}}"):
            parts[-1] += token[0]
        else:
            parts.append("")
        pos = match.end()
    parts[-1] += body[pos:]
    return tuple(parts)


def _may_copy(tokens: list[str], index: CopyIndex) -> bool:
    """Whether a file may hold a copy: one set operation for plain literals, Python for the few odd ones.

    Plain literals are compared with their ends stripped; a copy that only
    differs in inner whitespace is left to the odd ones (line breaks, tabs,
    escapes, braces, joined literals) or missed.
    """
    if index.min_words > 1:  # a literal of several words has a space, or an escape such as \n
        tokens = [t for t in tokens if " " in t or "\\" in t]
    bodies = [t[3:-3] if t[:3] in _TRIPLE else t[1:-1] for t in tokens]
    if not index.plain_keys.isdisjoint(map(str.strip, bodies)):
        return True
    odd = [(t, b) for t, b in zip(tokens, bodies, strict=True) if "\\" in b or "{" in b or "\n" in b or t[0] in b]
    for token, body in odd:
        if token[0] in body:  # a quote inside: an escaped quote, or several literals joined
            guessed = _guess(_bodies(token), index)
        elif "{" not in body or "{{" in body or normalise(body.partition("{")[0]) in index.first_runs:
            guessed = _guess([body], index)
        else:
            continue
        if guessed is not None:
            return True
    return False


def _guess(bodies: list[str], index: CopyIndex) -> Copy | None:
    """What a literal (or a run of them, alone and joined) may copy, its value guessed from the source."""
    candidates = [*bodies, "".join(bodies)] if len(bodies) > 1 else bodies
    for body in candidates:
        for value in {body, _unescape(body)}:
            copy = index.find((value,))
            if copy is None and "{" in value:
                copy = index.find(_format_parts(value))
            if copy is not None:
                return copy
    return None


def _rough(text: str, index: CopyIndex) -> list[Found]:
    """Copies found by the first pass alone, for a file :mod:`ast` cannot parse."""
    found = []
    for match in _TOKENS.finditer(text):
        copy = _guess(_bodies(match.group()), index)
        if copy is not None:
            found.append(Found(*_position(text, match.start()), copy))
    return found


def _literals(tree: ast.Module) -> Iterator[tuple[ast.expr, tuple[str, ...]]]:
    """Every string constant and f-string with its constant parts, docstrings and f-string insides left out.

    One breadth-first walk: a parent is seen before its children, so it can mark which children to skip.
    """
    skip: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            first = node.body[0] if node.body else None
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant | ast.JoinedStr):
                skip.add(id(first.value))
        elif isinstance(node, ast.Constant):
            if isinstance(node.value, str) and id(node) not in skip:
                yield node, (node.value,)
        elif isinstance(node, ast.JoinedStr):
            parts = [""]
            for value in node.values:
                skip.add(id(value))
                if isinstance(value, ast.Constant) and isinstance(value.value, str):
                    parts[-1] += value.value
                else:
                    parts.append("")
                    if isinstance(value, ast.FormattedValue) and value.format_spec is not None:
                        skip.add(id(value.format_spec))
            if id(node) not in skip:
                yield node, tuple(parts)


def _exact(tree: ast.Module, lines: list[str], index: CopyIndex) -> list[Found]:
    found = []
    for node, parts in _literals(tree):
        copy = index.find(parts)
        if copy is not None:
            line = lines[node.lineno - 1] if node.lineno <= len(lines) else ""
            col = len(line.encode("utf-8")[: node.col_offset].decode("utf-8", errors="replace")) + 1
            found.append(Found(node.lineno, col, copy))
    return found


class PythonScanner:
    """Scans Python sources for copied texts and for the runtime names they use."""

    def __init__(self, index: CopyIndex, names: Iterable[str]) -> None:
        self.index = index
        self.quoted = frozenset(q + name + q for name in names for q in "'\"")

    def used_names(self, text: str, literals: list[str]) -> set[str]:
        """Names a source may use from the runtime module.

        Attribute names (``m.note``), names imported with ``from … import``
        (every identifier of a file with ``import *``), and names given as a
        string (``getattr(m, "note")``).
        """
        names = set(_ATTRIBUTE.findall(text))
        for clause in _IMPORTED.findall(text):
            if "*" in clause:
                return names | set(_IDENTIFIER.findall(text))
            names.update(_IDENTIFIER.findall(clause))
        names.update(quoted[1:-1] for quoted in self.quoted.intersection(literals))
        return names

    def scan(self, text: str) -> tuple[list[Found], set[str]]:
        """Literals that copy a catalogue text, and the names the source uses.

        >>> from generator.model import Catalogue, Message, Text
        >>> note = Message("note", (1, 1), text=Text((("", "Works on this machine only."),), (1, 1)))
        >>> scanner = PythonScanner(CopyIndex(Catalogue("c.yaml", "d", messages=(note,)), 3), ["note"])
        >>> found, names = scanner.scan('import m\\nprint( "Works on this machine only.", m.note())\\n')
        >>> [(f.line, f.col, f.copy.message.id) for f in found], sorted(names)
        ([(2, 8, 'note')], ['m', 'note'])
        """
        tokens: list[str] = _TOKENS.findall(text)
        names = self.used_names(text, tokens)
        if not self.index or not _may_copy(tokens, self.index):
            return [], names
        try:
            tree = ast.parse(text)
        except (SyntaxError, ValueError):  # not Python 3 after all: report what the first pass saw
            return _rough(text, self.index), names
        return _exact(tree, text.split("\n"), self.index), names


def _position(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1
