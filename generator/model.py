"""The catalogue as frozen data: groups, messages, params, variants, texts.

Nothing here reads files or knows YAML; :mod:`generator.load` builds these
objects and keeps every position as a ``(line, col)`` pair, 1-based.
"""

from __future__ import annotations

import keyword
import re
from dataclasses import dataclass, field
from typing import Literal

Pos = tuple[int, int]
Scalar = str | int | float | bool
ParamType = Literal["str", "int", "float", "bool", "choice"]
Level = Literal["info", "warn", "error", "success", "prompt", "progress"]
Stream = Literal["stdout", "stderr", "tty", "http", "browser"]
DocField = Literal["when", "action"]

PARAM_TYPES: tuple[ParamType, ...] = ("str", "int", "float", "bool", "choice")
LEVELS: tuple[Level, ...] = ("info", "warn", "error", "success", "prompt", "progress")
STREAMS: tuple[Stream, ...] = ("stdout", "stderr", "tty", "http", "browser")
PLURAL_CATEGORIES = ("zero", "one", "two", "few", "many", "other")
DEFAULT_COLUMNS = ("message", "when", "action", "exit_code")
COLUMNS = ("message", "when", "action", "exit_code", "code", "level", "stream", "commands")
RESERVED_NAMES = frozenset({"set_locale", "get_locale", "locale_scope", "explain", "meta", "locale"})
ID_PATTERN = re.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*\Z")


def runtime_name(message_id: str) -> str:
    """The Python name of a message id.

    >>> runtime_name("anon-id-issued")
    'anon_id_issued'
    """
    return message_id.replace("-", "_")


def is_reserved(name: str) -> bool:
    """True when ``name`` cannot be a generated function or parameter name.

    >>> is_reserved("class"), is_reserved("meta"), is_reserved("note")
    (True, True, False)
    """
    return keyword.iskeyword(name) or name in RESERVED_NAMES or name.startswith("_")


def format_value(value: Scalar) -> str:
    """A condition value as it appears in a variant key.

    >>> format_value(False), format_value("oauth"), format_value(3)
    ('false', 'oauth', '3')
    """
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


@dataclass(frozen=True, slots=True)
class Param:
    """A declared placeholder or condition input of a message."""

    name: str
    type: ParamType
    pos: Pos
    choices: tuple[str, ...] = ()
    default: Scalar | None = None
    has_default: bool = False
    example: str | None = None
    description: str | None = None

    @property
    def docs_value(self) -> str:
        """How the docs show this value: its example, or ``<name>``."""
        return self.example if self.example is not None else f"<{self.name}>"


@dataclass(frozen=True, slots=True)
class Text:
    """A text in the source language: one form, or CLDR plural forms.

    ``forms`` is ``(("", text),)`` for a plain text and ``(("one", ...),
    ("other", ...))`` for a plural one, in CLDR order.
    """

    forms: tuple[tuple[str, str], ...]
    pos: Pos

    @property
    def is_plural(self) -> bool:
        return self.forms[0][0] != ""

    @property
    def singular(self) -> str:
        """The gettext msgid: the plain text, or the ``one`` form (else the first)."""
        for category, text in self.forms:
            if category in ("", "one"):
                return text
        return self.forms[0][1]

    @property
    def plural(self) -> str | None:
        """The gettext msgid_plural: the ``other`` form of a plural text."""
        if not self.is_plural:
            return None
        return dict(self.forms).get("other", self.forms[-1][1])

    @property
    def all_texts(self) -> tuple[str, ...]:
        return tuple(text for _, text in self.forms)


@dataclass(frozen=True, slots=True)
class Variant:
    """One conditional text of a message; an empty condition matches always."""

    key: str
    condition: tuple[tuple[str, tuple[Scalar, ...]], ...]
    text: Text
    pos: Pos

    def describe(self) -> str:
        """The condition in words, for docs and translator comments.

        >>> Variant("k", (("ci", (True,)), ("deployment", ("oauth", "unknown"))), Text((("", "x"),), (1, 1)), (1, 1)).describe()
        'ci = true, deployment = oauth or unknown'
        """
        if not self.condition:
            return "otherwise"
        parts = []
        for name, values in self.condition:
            parts.append(f"{name} = " + " or ".join(format_value(v) for v in values))
        return ", ".join(parts)


def derive_variant_key(condition: tuple[tuple[str, tuple[Scalar, ...]], ...]) -> str:
    """The stable key of a variant from its condition, names sorted.

    >>> derive_variant_key((("deployment", ("oauth",)), ("ci", (False,))))
    'ci=false,deployment=oauth'
    >>> derive_variant_key(())
    'other'
    """
    if not condition:
        return "other"
    return ",".join(f"{name}=" + "+".join(format_value(v) for v in values) for name, values in sorted(condition))


@dataclass(frozen=True, slots=True)
class Message:
    """One user-facing text with everything the docs and the runtime need."""

    id: str
    pos: Pos
    text: Text | None = None
    variants: tuple[Variant, ...] = ()
    params: tuple[Param, ...] = ()
    plural: str | None = None
    group: str | None = None
    when: str | None = None
    action: str | None = None
    comment: str | None = None
    level: Level | None = None
    stream: Stream | None = None
    code: str | None = None
    exit_code: int | None = None
    commands: tuple[str, ...] = ()
    runtime: bool = True
    renamed_from: tuple[str, ...] = ()
    field_pos: tuple[tuple[str, Pos], ...] = ()

    @property
    def name(self) -> str:
        return runtime_name(self.id)

    def param(self, name: str) -> Param | None:
        for param in self.params:
            if param.name == name:
                return param
        return None

    def position_of(self, key: str) -> Pos:
        """Where the value of ``key`` starts, or the message itself."""
        return dict(self.field_pos).get(key, self.pos)

    def texts(self) -> tuple[tuple[str | None, Text], ...]:
        """Every text with its variant key (``None`` for a message without variants)."""
        if self.text is not None:
            return ((None, self.text),)
        return tuple((v.key, v.text) for v in self.variants)


@dataclass(frozen=True, slots=True)
class Group:
    """A docs table: its title, description and columns."""

    id: str
    pos: Pos
    title: str
    description: str | None = None
    columns: tuple[str, ...] = DEFAULT_COLUMNS


@dataclass(frozen=True, slots=True)
class Catalogue:
    """The whole catalogue, in file order."""

    path: str
    domain: str
    source_locale: str = "en"
    locales: tuple[str, ...] = ()
    groups: tuple[Group, ...] = ()
    messages: tuple[Message, ...] = ()
    _index: dict[str, Message] = field(default_factory=dict, compare=False, repr=False)
    _by_group: dict[str | None, tuple[Message, ...]] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        self._index.update((m.id, m) for m in self.messages)
        members: dict[str | None, list[Message]] = {}
        for message in self.messages:
            members.setdefault(message.group, []).append(message)
        self._by_group.update((group, tuple(items)) for group, items in members.items())

    def message(self, message_id: str) -> Message | None:
        return self._index.get(message_id)

    def group(self, group_id: str) -> Group | None:
        return next((group for group in self.groups if group.id == group_id), None)

    def group_messages(self, group_id: str | None) -> tuple[Message, ...]:
        """The messages of a group (``None``: of no group), in catalogue order."""
        return self._by_group.get(group_id, ())
