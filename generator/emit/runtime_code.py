"""Python source fragments for the runtime module: literals, f-strings, docstrings, tests.

Catalogue and translation text enters generated code only through
:func:`repr`, character by character where a piece goes inside an f-string,
so no text can close a literal or reach an expression. Expressions
(parameter names, calls of other generated functions) come from the model,
never from text.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..model import Param, Scalar


@dataclass(frozen=True, slots=True)
class Code:
    """A Python expression to place inside an f-string replacement field."""

    source: str


Part = str | Code  # literal text, or an expression whose value is inserted


def py(value: Scalar | None) -> str:
    """A constant as Python source: the ``py`` filter of the templates.

    >>> print(py("it's"), py(True), py(None))
    "it's" True None
    """
    if value is None:
        return "None"
    return literal(value) if isinstance(value, str) else repr(value)


def _quote(text: str) -> str:
    """The quote a literal of ``text`` uses: double, unless only single ones avoid escapes (as ruff prefers)."""
    return "'" if '"' in text and "'" not in text else '"'


def _escaped(text: str, quote: str) -> str:
    r"""The body of a literal holding ``text`` between ``quote``\s, built from ``repr()``.

    ``repr()`` escapes character by character (backslashes, control and other
    unprintable characters) and, when the text holds both quotes, its own single
    quote; that escape is undone before ``quote`` is escaped.

    >>> print(_escaped('say "hi"\n', '"'), _escaped("日本 ✓", '"'), _escaped("it's \"x\"\t", "'"))
    say \"hi\"\n 日本 ✓ it\'s "x"\t
    """
    if text.isprintable() and "\\" not in text:
        return text.replace(quote, "\\" + quote) if quote in text else text
    body = repr(text)[1:-1]
    if "'" in text and '"' in text:  # repr() chose single quotes and escaped them
        body = body.replace("\\'", "'")
    return body.replace(quote, "\\" + quote) if quote in text else body


def literal(text: str) -> str:
    r"""A string literal for ``text``.

    >>> print(literal('a "b"'), literal("it's"), literal("both ' and \" \\ \n"))
    'a "b"' "it's" "both ' and \" \\ \n"
    """
    if '"' not in text and "\\" not in text and text.isprintable():  # most texts: nothing to escape
        return '"' + text + '"'
    quote = _quote(text)
    return quote + _escaped(text, quote) + quote


def tuple_literal(items: Sequence[str]) -> str:
    """A tuple of string literals.

    >>> tuple_literal(["en"]), tuple_literal(["en", "ja"])
    ('("en",)', '("en", "ja")')
    """
    inner = ", ".join(literal(item) for item in items)
    return f"({inner},)" if len(items) == 1 else f"({inner})"


def one_per_line(items: Sequence[str], indent: str, end: str = "") -> str:
    r"""Each item on a line of its own after ``indent``, followed by ``end`` and a newline.

    >>> one_per_line(["a", "b"], "    ", ",")
    '    a,\n    b,\n'
    """
    if not items:
        return ""
    return indent + (end + "\n" + indent).join(items) + end + "\n"


def dict_item(key: str, values: Sequence[str], width: int = 120) -> str:
    """A ``key: (values...),`` item of a dict display, one value a line when too long (as ruff formats it).

    >>> print(dict_item('"a"', ["1", "None"]))
        "a": (1, None),
    """
    line = f"    {key}: ({', '.join(values)}),"
    if len(line) <= width:
        return line
    inner = one_per_line(values, "        ", ",")
    return f"    {key}: (\n{inner}    ),"


def _fstring(parts: Sequence[Part]) -> str:
    strings = [part for part in parts if isinstance(part, str)]
    text = "".join(strings)
    if len(strings) == len(parts):
        return literal(text)
    quote = _quote(text)
    if text.isprintable() and "\\" not in text and quote not in text and "{" not in text and "}" not in text:
        body = [part if isinstance(part, str) else "{" + part.source + "}" for part in parts]  # nothing to escape
    else:
        body = [
            _escaped(part, quote).replace("{", "{{").replace("}", "}}")
            if isinstance(part, str)
            else "{" + part.source + "}"
            for part in parts
        ]
    return "f" + quote + "".join(body) + quote


def plain_line(text: str, *, fields: bool) -> str | None:
    r"""The one literal of ``text`` when it needs no escape, else ``None``: :func:`text_lines` made cheap.

    Every brace in ``text`` must be a ``{name}`` field (``fields`` says whether
    there is one), which an f-string writes the same way.

    >>> print(plain_line('Saved to "{path}".', fields=True), plain_line("a\nb", fields=False))
    f'Saved to "{path}".' None
    """
    if "\\" in text or not text.isprintable():  # a newline or another escape
        return None
    prefix = "f" if fields else ""
    if '"' not in text:
        return prefix + '"' + text + '"'
    if "'" not in text:
        return prefix + "'" + text + "'"
    return None  # both quotes: one would need a backslash


def text_lines(parts: Sequence[Part]) -> tuple[str, ...]:
    """One literal per line of the text, for implicit concatenation in parentheses.

    Literal pieces are merged, empty ones dropped; a line with an inserted
    value becomes an f-string.

    >>> text_lines(["Hello ", Code("name"), "!\\nBye"])
    ('f"Hello {name}!\\\\n"', '"Bye"')
    >>> text_lines([])
    ('""',)
    """
    for part in parts:
        if isinstance(part, str) and "\n" in part and "\n" in part[:-1]:
            break
    else:  # one line: a newline, if any, only ends a piece
        return (_fstring(parts),)
    lines: list[list[Part]] = [[]]
    for part in parts:
        if isinstance(part, Code) or "\n" not in part:
            _append(lines[-1], part)
            continue
        pieces = part.split("\n")
        for piece in pieces[:-1]:
            _append(lines[-1], piece + "\n")
            lines.append([])
        _append(lines[-1], pieces[-1])
    return tuple(_fstring(line) for line in lines if line) or ('""',)


def _append(line: list[Part], part: Part) -> None:
    if isinstance(part, str):
        if not part:
            return
        if line and isinstance(line[-1], str):
            line[-1] += part
            return
    line.append(part)


def return_statement(lines: Sequence[str], indent: str) -> str:
    """A ``return`` of a text: one line, or its lines in parentheses; no final newline."""
    if len(lines) == 1:
        return f"{indent}return {lines[0]}"
    inner = one_per_line(lines, indent + "    ")
    return f"{indent}return (\n{inner}{indent})"


def body_source(lines: Sequence[str], indent: str) -> str:
    """A ``return`` of a text: one line, or its lines in parentheses."""
    return return_statement(lines, indent) + "\n"


def assignment(name: str, lines: Sequence[str]) -> str:
    r"""``name = text``: one line, or its lines in parentheses.

    >>> print(assignment("note", ['"a\\n"', '"b"']))
    note = (
        "a\n"
        "b"
    )
    """
    if len(lines) == 1:
        return f"{name} = {lines[0]}"
    inner = one_per_line(lines, "    ")
    return f"{name} = (\n{inner})"


def docstring(text: str, indent: str = "") -> str:
    r'''A docstring literal: triple-quoted when the text reads the same that way, else ``repr()``.

    ``indent`` goes before its lines after the first (blank ones stay empty), as in
    the body of a function.

    >>> print(docstring("Hello."))
    """Hello."""
    >>> print(docstring('Hello.\n\nWhen: "always"'))
    """Hello.
    <BLANKLINE>
    When: "always"
    """
    >>> print(docstring("back\\slash"))
    'back\\slash'
    '''
    text = text.strip()
    safe = text.replace("\n", "").isprintable()
    if not safe or "\\" in text or '"""' in text or text.startswith('"'):
        return repr(text)
    if "\n" in text or text.endswith('"'):
        return '"""' + (indent_rest(text, indent) if indent else text) + "\n" + indent + '"""'
    return '"""' + text + '"""'


def indent_rest(text: str, indent: str) -> str:
    r"""``text`` with its lines after the first indented, blank ones left empty.

    This is Jinja's ``indent`` filter for text whose only line break is ``\n``
    and which does not end with one, such as a :func:`docstring`.

    >>> indent_rest("One.\n\nTwo.", "    ")
    'One.\n\n    Two.'
    """
    indented = text.replace("\n", "\n" + indent)
    blank = "\n" + indent + "\n"
    while blank in indented:  # each pass empties every other one of consecutive blank lines
        indented = indented.replace(blank, "\n\n")
    return indented


def comment(text: str) -> str:
    """A ``#`` comment holding ``text`` on one line, whatever it contains.

    >>> comment("a\\nb")
    '# a?b'
    """
    return "# " + "".join(char if char.isprintable() else "?" for char in text)


def annotation(param: Param) -> str:
    """The type of a parameter in a public function.

    >>> annotation(Param("d", "choice", (1, 1), ("oauth", "anon-only")))
    'Literal["oauth", "anon-only"]'
    """
    if param.type == "choice":
        return "Literal[" + ", ".join(literal(choice) for choice in param.choices) + "]"
    return param.type


def private_annotation(param: Param) -> str:
    """The type of a parameter in a locale module, which imports nothing."""
    return "str" if param.type == "choice" else param.type


def condition(tests: Sequence[tuple[str, Sequence[Scalar]]], params: Sequence[Param]) -> str | None:
    """A variant's condition as a Python test on the declared parameters (``None``: always).

    >>> ps = [Param("ci", "bool", (1, 1)), Param("d", "choice", (1, 1), ("a", "b", "c"))]
    >>> condition([("d", ["a"]), ("ci", [False])], ps)
    'd == "a" and not ci'
    >>> condition([("d", ["a", "b"]), ("ci", [True, False])], ps)
    'd in ("a", "b")'
    """
    kinds = {param.name: param.type for param in params}
    clauses = []
    for name, values in tests:
        if kinds.get(name) == "bool":
            wanted = set(values)
            if wanted == {True, False}:
                continue
            clauses.append(name if True in wanted else f"not {name}")
        elif len(values) == 1:
            clauses.append(f"{name} == {py(values[0])}")
        else:
            clauses.append(f"{name} in ({', '.join(py(v) for v in values)})")
    return " and ".join(clauses) or None


def default(param: Param) -> str:
    """The default of a parameter as Python source, or ``""`` when it has none."""
    if not param.has_default or param.default is None:
        return ""
    return py(param.default)
