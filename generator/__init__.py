"""msgbook: one catalogue for a program's messages, their translations and their docs.

The public API mirrors the command line::

    from generator import load_project, build, check
    project = load_project(".")
    for finding in check(project):
        print(finding)
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ._version import __version__
from .project import load_project

if TYPE_CHECKING:
    from .pipeline import build, check

__all__ = ["__version__", "build", "check", "load_project"]


def __getattr__(name: str) -> object:
    # build and check pull in YAML, Babel, polib and Jinja; load them on first use
    # so `msgbook build` can answer a no-op from its fingerprint without them.
    if name in ("build", "check"):
        from . import pipeline

        return getattr(pipeline, name)
    raise AttributeError(f"module 'generator' has no attribute {name!r}")
