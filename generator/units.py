"""The translatable units of a catalogue and their gettext contexts.

msgctxt grammar (public):

- ``anon-id-issued``: a message text;
- ``single-device-rejected|ci=false,deployment=oauth``: one variant;
- ``single-device-rejected#when`` / ``#action``: a docs text of a message;
- ``group:auth-errors#title`` / ``#description``: a docs text of a group.

A plural text is one unit whose ``msgid`` is the ``one`` form and whose
``msgid_plural`` is the ``other`` form.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from .model import Catalogue, Group, Message, Pos, Variant

UnitKind = Literal["message", "docs"]


def message_context(message_id: str, variant_key: str | None = None) -> str:
    """The msgctxt of a message text or one of its variants.

    >>> message_context("a-b"), message_context("a-b", "ci=true")
    ('a-b', 'a-b|ci=true')
    """
    return message_id if variant_key is None else f"{message_id}|{variant_key}"


def docs_context(message_id: str, field: str) -> str:
    """The msgctxt of a message's docs text (``when`` or ``action``).

    >>> docs_context("a-b", "when")
    'a-b#when'
    """
    return f"{message_id}#{field}"


def group_context(group_id: str, field: str) -> str:
    """The msgctxt of a group's docs text (``title`` or ``description``).

    >>> group_context("auth-errors", "title")
    'group:auth-errors#title'
    """
    return f"group:{group_id}#{field}"


@dataclass(frozen=True, slots=True)
class Unit:
    """One gettext entry's worth of source text."""

    context: str
    msgid: str
    msgid_plural: str | None
    kind: UnitKind
    pos: Pos
    message: Message | None = None
    variant: Variant | None = None
    group: Group | None = None
    field: str | None = None


def units(catalogue: Catalogue) -> list[Unit]:
    """Every translatable unit, in catalogue order: groups first, then messages."""
    result: list[Unit] = []
    for group in catalogue.groups:
        result.append(
            Unit(group_context(group.id, "title"), group.title, None, "docs", group.pos, group=group, field="title")
        )
        if group.description:
            result.append(
                Unit(
                    group_context(group.id, "description"),
                    group.description,
                    None,
                    "docs",
                    group.pos,
                    group=group,
                    field="description",
                )
            )
    for message in catalogue.messages:
        if message.text is not None:
            text = message.text
            result.append(
                Unit(message_context(message.id), text.singular, text.plural, "message", text.pos, message=message)
            )
        for variant in message.variants:
            text = variant.text
            result.append(
                Unit(
                    message_context(message.id, variant.key),
                    text.singular,
                    text.plural,
                    "message",
                    text.pos,
                    message=message,
                    variant=variant,
                )
            )
        for field in ("when", "action"):
            value = getattr(message, field)
            if value:
                result.append(
                    Unit(
                        docs_context(message.id, field),
                        value,
                        None,
                        "docs",
                        message.position_of(field),
                        message=message,
                        field=field,
                    )
                )
    return result
