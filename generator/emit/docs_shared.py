"""What the docs pages of one build share across page languages: each message's rows and English Markdown.

Made once, by the first page language that needs them, and reused by every
other: the MkDocs plugin keeps one :class:`Shared` for all the pages it expands.
There is one :class:`Plain` per message and an :class:`Entry` and a :class:`Split`
per text, so they are slotted dataclasses, not frozen: those take longer to make.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import NamedTuple

from ..model import Catalogue, Group, Message, Scalar

Constraints = Mapping[str, frozenset[Scalar]]
Condition = tuple[tuple[str, tuple[Scalar, ...]], ...]
# The table of the messages in no group, on the index page: its id is empty, as no group's is
OTHER = Group("", (0, 0), "")
META_COLUMNS = ("exit_code", "code", "commands", "level", "stream")  # cells alike in every page language


class Row(NamedTuple):
    """One printed form of a message: a variant, a plural form, or the only text."""

    text: str  # as the page's reader sees it printed
    original: str | None  # the English beside it on a translated page
    translated: bool  # False: the program prints English here (not translated yet)
    condition: str  # Markdown: when this form is printed, "" for a plain message


# the fields of a Row, then its text and its original as Markdown ("" without an original)
Printed = tuple[str, str | None, bool, str, str, str]
_Form = tuple[str, str]  # (plural category or "", text as printed)
Words = tuple[Condition, Condition, bool]  # a row's condition, the inputs it pins, whether the message has variants


@dataclass(slots=True)
class Split:
    """The rows of one text for the inputs ``constraints`` allows: one per English form."""

    constraints: Constraints
    words: int | None  # the number of its condition in Shared.conditions, None when it shows none
    english: list[_Form]
    markdown: list[str]  # each English form as Markdown


@dataclass(slots=True)
class Entry:
    """One text of a message (the only one, or a variant's) and its rows."""

    context: str  # msgctxt of the text
    plural: bool
    splits: list[Split]


@dataclass(slots=True)
class Plain:
    """What the table rows of a message show alike in every page language."""

    message: Message
    anchors: str
    english: str | None  # a one-text message: its English text as Markdown; None for the others
    cells: dict[str, str]  # by column: the English message, ``when`` and ``action`` cells, the language-free ones
    docs: tuple[tuple[str, str], ...]  # (column, msgctxt) of its ``when`` and ``action`` texts


class Shared:
    """What every page language of one catalogue computes alike: row splits, English texts, table cells."""

    def __init__(self, catalogue: Catalogue) -> None:
        # the language-free cells of the columns some table shows
        tables = [*catalogue.groups, OTHER] if catalogue.group_messages(None) else catalogue.groups
        self.meta_columns = tuple(c for c in META_COLUMNS if any(c in g.columns for g in tables))
        self.entries: dict[str, list[Entry]] = {}
        self.referenced: dict[str, frozenset[str]] = {}
        self.values: dict[str, dict[str, str]] = {}
        self.literal: dict[str, str] = {}  # English text -> its Markdown, shown on every page
        self.cells: dict[str, Plain] = {}
        self.tables: dict[str, list[Plain]] = {}  # group id -> the cells of its messages
        self.prose: dict[str, str] = {}  # docs text -> its Markdown; many messages share a text
        self.conditions: list[Words] = []  # the conditions rows show, numbered by their index
        self._numbers: dict[Words, int] = {}

    def number(self, condition: Words) -> int:
        """The number of a row condition in :attr:`conditions`."""
        found = self._numbers.get(condition)
        if found is None:
            found = self._numbers[condition] = len(self.conditions)
            self.conditions.append(condition)
        return found
