"""The runtime emitter's shortcuts give what the general code gives, for any text.

``scan`` and ``inserts`` read texts without the full placeholder parser, ``literal`` escapes
through one ``repr()``, and ``plain_line`` skips ``text_lines`` for texts that
need no escape, ``indent_rest`` stands in for Jinja's ``indent`` filter; each is
compared with the slow path it stands in for.
"""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from jinja2.filters import do_indent

from generator import placeholders
from generator.emit.runtime_code import Code, _escaped, docstring, indent_rest, literal, plain_line, text_lines
from generator.emit.runtime_scan import Piece, Ref, inserts, scan

_TRICKY = st.sampled_from(
    [
        *("{", "}", "{{", "}}", "{name}", "{n2}", "{_x}", "{@note}", "{@a-b2}", "{@Bad}", "{x.y}", "{0}", "{}"),
        *('"', "'", '"""', "\\", "\\n", "\n", "\r", "\t", "\x00", "\x7f", "\x85", "\u2028", "\ud7ff", "日本語", "🎉"),
    ]
)
TEXT = st.lists(st.one_of(st.text(max_size=6), _TRICKY), max_size=10).map("".join)
PLAIN = st.lists(st.sampled_from(["a b", "日本", "{name}", "{@note}", '"', "'", "\\", "\n", "{{"]), max_size=8).map(
    "".join
)


def _reference_pieces(text: str) -> tuple[list[Piece], bool]:
    """The pieces as placeholders.parse gives them: literals merged, empty ones dropped."""
    segments, bad = placeholders.parse(text)
    pieces: list[Piece] = []
    for segment in segments:
        if isinstance(segment, placeholders.Literal):
            if pieces and isinstance(pieces[-1], str):
                pieces[-1] += segment.text
            else:
                pieces.append(segment.text)
        elif isinstance(segment, placeholders.Field):
            pieces.append(Code(segment.name))
        else:
            pieces.append(Ref(segment.message_id))
    return [piece for piece in pieces if piece != ""], not bad


def _reference_escaped(text: str, quote: str) -> str:
    """The body of a literal built character by character."""
    return "".join("\\" + char if char == quote else repr(char)[1:-1] for char in text)


@given(TEXT)
def test_scan_splits_as_the_placeholder_parser_does(text: str) -> None:
    scanned = scan(text)
    pieces, clean = _reference_pieces(text)
    assert list(scanned.pieces) == pieces
    assert scanned.clean == clean
    assert scanned.fields == {piece.source for piece in pieces if isinstance(piece, Code)}
    assert scanned.refs == {piece.message_id for piece in pieces if isinstance(piece, Ref)}


@given(TEXT, st.sampled_from(['"', "'"]))
def test_escaped_matches_a_character_by_character_repr(text: str, quote: str) -> None:
    assert _escaped(text, quote) == _reference_escaped(text, quote)
    assert eval(literal(text)) == text


@given(st.one_of(TEXT, PLAIN))
def test_inserts_agrees_with_the_placeholder_parser(text: str) -> None:
    inserted = inserts(text)
    if inserted is None:  # a brace that is not a field or a reference: the parser tells
        return
    pieces, clean = _reference_pieces(text)
    assert clean
    assert inserted == (
        {piece.source for piece in pieces if isinstance(piece, Code)},
        {piece.message_id for piece in pieces if isinstance(piece, Ref)},
    )


@given(st.one_of(TEXT, PLAIN))
def test_plain_line_is_what_text_lines_gives(text: str) -> None:
    inserted = inserts(text)
    if inserted is None or inserted[1]:
        return
    line = plain_line(text, fields=bool(inserted[0]))
    if line is not None:
        assert (line,) == text_lines([piece for piece in scan(text).pieces if not isinstance(piece, Ref)])


@given(TEXT)
def test_indent_rest_indents_a_docstring_as_the_jinja_filter_does(text: str) -> None:
    literal = docstring(text)
    assert indent_rest(literal, "    ") == do_indent(literal, 4) == docstring(text, "    ")
