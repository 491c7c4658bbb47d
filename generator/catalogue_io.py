"""Read the project's catalogue file (with a cache of the parsed result)."""

from __future__ import annotations

from .diagnostics import Diagnostic, Location, MsgbookError
from .load import load_catalogue
from .model import Catalogue
from .project import Project


def read_catalogue(project: Project) -> tuple[Catalogue | None, list[Diagnostic]]:
    """Load the project's catalogue; a missing or unreadable file cannot go on.

    Raises:
        MsgbookError: the catalogue does not exist or cannot be read.
    """
    path = project.path(project.catalogue)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise MsgbookError(
            f"no catalogue at {project.catalogue} (set [tool.msgbook] catalogue, or pass --root)"
        ) from None
    except IsADirectoryError:
        raise MsgbookError("the catalogue is a folder, not a file", Location(project.catalogue)) from None
    except OSError as error:
        raise MsgbookError(f"cannot read the catalogue: {error.strerror}", Location(project.catalogue)) from None
    return load_catalogue(data, project.catalogue)
