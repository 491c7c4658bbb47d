"""Translate a gettext ``Plural-Forms`` C expression into Python source, at build time.

The generated modules then choose a plural form with plain Python (no
``gettext.c2py`` and no ``eval`` at run time). Only the grammar GNU gettext
accepts is translated: ``n``, decimal numbers, ``! * / % + - < > <= >= == !=
&& || ?:`` and parentheses. The output is built from tokens, never copied
from the input, so a ``.po`` header cannot inject code.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_TOKEN = re.compile(r"\s*(?:(\d+)|(n)|(&&|\|\||<=|>=|==|!=|[-+*/%<>!?:()]))")
_MAX_LENGTH = 1000
_MAX_DEPTH = 50
_BINARY = (
    ("||",),
    ("&&",),
    ("==", "!="),
    ("<", ">", "<=", ">="),
    ("+", "-"),
    ("*", "/", "%"),
)
_PYTHON_OP = {"/": "//", "&&": "and", "||": "or"}


class PluralError(ValueError):
    """The expression is not a gettext plural expression."""


# Python precedence, lowest first: ternary, or, and, not, comparison, + -, * // %, atom.
_TERNARY, _OR, _AND, _NOT, _COMPARE, _ADD, _MUL, _ATOM = range(8)
_PRECEDENCE = {"||": _OR, "&&": _AND, "+": _ADD, "-": _ADD, "*": _MUL, "/": _MUL, "%": _MUL}


@dataclass(frozen=True, slots=True)
class _Node:
    source: str
    precedence: int

    @property
    def boolean(self) -> bool:
        """Python evaluates it to a bool (a comparison, not, and, or)."""
        return _OR <= self.precedence <= _COMPARE

    def wrapped(self, below: int) -> str:
        """The source, parenthesized when its precedence is lower than ``below``."""
        return f"({self.source})" if self.precedence < below else self.source


def plural_to_python(expression: str) -> str:
    """A Python expression of ``n`` equal to the C expression, as gettext evaluates it.

    >>> plural_to_python("(n != 1)")
    'n != 1'
    >>> plural_to_python("0")
    '0'
    >>> plural_to_python("n==1 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2")
    '0 if n == 1 else 1 if n % 10 >= 2 and n % 10 <= 4 and (n % 100 < 10 or n % 100 >= 20) else 2'
    >>> plural_to_python("!(n % 10) && n / 2")
    'not n % 10 and n // 2 != 0'
    """
    if len(expression) > _MAX_LENGTH:
        raise PluralError("plural expression is too long")
    parser = _Parser(_tokens(expression))
    node = parser.ternary(0)
    if parser.peek() is not None:
        raise PluralError(f"unexpected {parser.peek()!r} in plural expression")
    return node.source


def _tokens(expression: str) -> list[str]:
    tokens = []
    pos = 0
    text = expression.rstrip().rstrip(";").rstrip()
    while pos < len(text):
        match = _TOKEN.match(text, pos)
        if match is None:
            raise PluralError(f"unexpected {text[pos:].strip()[:10]!r} in plural expression")
        tokens.append(match.group(match.lastindex or 0))
        pos = match.end()
    return tokens


class _Parser:
    def __init__(self, tokens: list[str]) -> None:
        self.tokens = tokens
        self.pos = 0

    def peek(self) -> str | None:
        return self.tokens[self.pos] if self.pos < len(self.tokens) else None

    def take(self) -> str:
        token = self.peek()
        if token is None:
            raise PluralError("plural expression ends too early")
        self.pos += 1
        return token

    def ternary(self, depth: int) -> _Node:
        if depth > _MAX_DEPTH:
            raise PluralError("plural expression is nested too deeply")
        test = self.binary(0, depth)
        if self.peek() != "?":
            return test
        self.take()
        then = self.ternary(depth + 1)
        if self.take() != ":":
            raise PluralError("'?' without ':' in plural expression")
        other = self.ternary(depth + 1)
        source = f"{then.wrapped(_OR)} if {test.wrapped(_OR)} else {other.wrapped(_TERNARY)}"
        return _Node(source, _TERNARY)

    def binary(self, level: int, depth: int) -> _Node:
        if level == len(_BINARY):
            return self.unary(depth)
        left = self.binary(level + 1, depth)
        while self.peek() in _BINARY[level]:
            op = self.take()
            right = self.binary(level + 1, depth)
            left = _combine(op, left, right)
        return left

    def unary(self, depth: int) -> _Node:
        token = self.take()
        if token == "!":
            operand = self.unary(depth + 1)
            return _Node(f"not {operand.wrapped(_NOT)}", _NOT)
        if token == "(":
            inner = self.ternary(depth + 1)
            if self.take() != ")":
                raise PluralError("unbalanced parentheses in plural expression")
            return inner
        if token == "n":
            return _Node("n", _ATOM)
        if token.isdigit():
            return _Node(str(int(token)), _ATOM)
        raise PluralError(f"unexpected {token!r} in plural expression")


def _combine(op: str, left: _Node, right: _Node) -> _Node:
    if op in ("&&", "||"):
        # C's && and || yield 0 or 1; Python's yield an operand, so numbers are tested against 0.
        level = _PRECEDENCE[op]
        return _Node(f"{_truth(left).wrapped(level)} {_PYTHON_OP[op]} {_truth(right).wrapped(level)}", level)
    if op in _PRECEDENCE:
        level = _PRECEDENCE[op]
        # left-associative: an equal-precedence right operand keeps its parentheses
        return _Node(f"{left.wrapped(level)} {_PYTHON_OP.get(op, op)} {right.wrapped(level + 1)}", level)
    # comparisons never chain in C, so an operand that is a comparison keeps its parentheses
    return _Node(f"{left.wrapped(_COMPARE + 1)} {op} {right.wrapped(_COMPARE + 1)}", _COMPARE)


def _truth(node: _Node) -> _Node:
    return node if node.boolean else _Node(f"{node.wrapped(_COMPARE + 1)} != 0", _COMPARE)
