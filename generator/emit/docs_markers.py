"""Where msgbook markers of hand-written pages go wrong: the kinds and their targets."""

from __future__ import annotations

import difflib

from ..model import Catalogue
from .markdown import (
    Marker,
)

MARKER_KINDS = ("group", "message")
_MARKER_FORMS = "<!-- msgbook:group ID --> or <!-- msgbook:message ID -->"


def marker_problem(marker: Marker, catalogue: Catalogue) -> str | None:
    """Why a marker cannot be expanded, or ``None``."""
    if not marker.kind or marker.kind not in MARKER_KINDS:
        return f"malformed msgbook marker {marker.source!r}; expected {_MARKER_FORMS}"
    if not marker.alone:
        return f"msgbook marker {marker.source!r} must stand alone on its line"
    known = [g.id for g in catalogue.groups] if marker.kind == "group" else [m.id for m in catalogue.messages]
    if marker.target in known:
        return None
    close = difflib.get_close_matches(marker.target, known, n=1)
    hint = f"; did you mean {close[0]!r}?" if close else ""
    return f"docs marker names unknown {marker.kind} {marker.target!r}{hint}"
