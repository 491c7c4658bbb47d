"""msgbook: one catalogue for a program's messages, their translations and their docs.

The public API mirrors the command line::

    from generator import load_project, build, check
    project = load_project(".")
    for finding in check(project):
        print(finding)
"""

from __future__ import annotations

__version__ = "0.1.0"

from .pipeline import build, check
from .project import load_project

__all__ = ["__version__", "build", "check", "load_project"]
