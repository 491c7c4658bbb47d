"""Read the project's catalogue file (with a cache of the parsed and validated result)."""

from __future__ import annotations

from .cache import load_parsed, store_parsed
from .diagnostics import Diagnostic, Location, MsgbookError
from .load import load_catalogue
from .model import Catalogue
from .project import Project
from .validate import validate


def _read_bytes(project: Project) -> bytes:
    path = project.path(project.catalogue)
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise MsgbookError(
            f"no catalogue at {project.catalogue} (set [tool.msgbook] catalogue, or pass --root)"
        ) from None
    except IsADirectoryError:
        raise MsgbookError("the catalogue is a folder, not a file", Location(project.catalogue)) from None
    except OSError as error:
        raise MsgbookError(f"cannot read the catalogue: {error.strerror}", Location(project.catalogue)) from None


def read_catalogue(project: Project) -> tuple[Catalogue | None, list[Diagnostic]]:
    """Load the project's catalogue (without the whole-model rules of :mod:`generator.validate`).

    Raises:
        MsgbookError: the catalogue does not exist or cannot be read.
    """
    return load_catalogue(_read_bytes(project), project.catalogue)


def read_valid_catalogue(project: Project) -> tuple[Catalogue | None, list[Diagnostic]]:
    """Load and validate the catalogue, reusing the cached result for the same bytes.

    Raises:
        MsgbookError: the catalogue does not exist or cannot be read, or a
            per-locale severity names a locale it does not list.
    """
    catalogue, diagnostics = _read_valid_catalogue(project)
    if catalogue is not None:
        project.check_severity_locales(catalogue.locales)
    return catalogue, diagnostics


def _read_valid_catalogue(project: Project) -> tuple[Catalogue | None, list[Diagnostic]]:
    data = _read_bytes(project)
    key = data + b"\0" + project.catalogue.encode()
    cached = load_parsed(project.root, key)
    if isinstance(cached, tuple) and len(cached) == 2:
        catalogue, diagnostics = cached
        if (catalogue is None or isinstance(catalogue, Catalogue)) and isinstance(diagnostics, list):
            return catalogue, diagnostics
    catalogue, diagnostics = load_catalogue(data, project.catalogue)
    if catalogue is not None:
        diagnostics = [*diagnostics, *validate(catalogue)]
    store_parsed(project.root, key, (catalogue, diagnostics))
    return catalogue, diagnostics
