"""The ``msgbook`` MkDocs plugin: thin glue over :mod:`generator.emit.docs`.

- ``on_config`` / ``on_pre_build`` load the catalogue and the merged
  translations (cached by file times, since mkdocs-static-i18n builds once per
  language) and stop the build with the diagnostics when they are unusable;
- ``on_page_markdown`` replaces ``<!-- msgbook:group ID -->`` and
  ``<!-- msgbook:message ID -->`` in the page's language (``page.file.locale``
  from mkdocs-static-i18n, else the source locale); an unknown marker stops
  the build with its page and line; generated reference pages are shown as
  the catalogue is now, even before ``msgbook build`` rewrote them;
- ``on_serve`` watches the catalogue, the locales folder and ``pyproject.toml``.

Everything the pages show is rendered by the engine-independent renderer.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from .checks.files import generated_from, leftover_files
from .diagnostics import MsgbookError, render_text
from .emit.docs import Shared, expand_markers, page_titles, render_docs
from .outputs import remove_files, write_changed
from .pipeline import Inputs, load_inputs
from .project import Project, load_project

log = get_plugin_logger(__name__)

Signature = tuple[tuple[str, int, int], ...]


class MsgbookConfig(Config):  # type: ignore[no-untyped-call]
    """The plugin's options in ``mkdocs.yml`` (``plugins: - msgbook: {...}``)."""

    root = c.Optional(c.Type(str))
    """The msgbook project (the folder holding ``pyproject.toml`` and the catalogue),
    relative to the folder of ``mkdocs.yml``. Default: the folder above it, as
    for ``site/mkdocs.yml``."""

    update_pages = c.Choice(("serve", "always", "never"), default="serve")
    """When to rewrite generated reference pages whose bytes differ from what
    ``msgbook build`` would write: during ``mkdocs serve`` (default, so new
    groups appear at once), on every build, or never. Pages are always
    *shown* as the catalogue is now."""


@dataclass(frozen=True, slots=True)
class _Loaded:
    signature: Signature
    inputs: Inputs
    pages: dict[str, bytes]
    titles: dict[str, str]
    shared: Shared  # what every page of the build renders alike, computed once


_CACHE: dict[Path, _Loaded] = {}  # per project root; survives static-i18n's per-language builds


class MsgbookPlugin(BasePlugin[MsgbookConfig]):  # type: ignore[no-untyped-call]
    """Expand msgbook markers into message tables, in each page's language."""

    def __init__(self) -> None:
        self.project: Project | None = None
        self.loaded: _Loaded | None = None
        self.command: str = "build"

    def on_startup(self, *, command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
        self.command = command

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        folder = Path(config.config_file_path or "mkdocs.yml").resolve().parent
        root = (folder / self.config.root).resolve() if self.config.root is not None else folder.parent
        try:
            self.project = load_project(root)
        except MsgbookError as error:
            raise PluginError(f"msgbook: {error}") from None
        self._load()
        return config

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        self._load()

    def on_page_markdown(self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        project, loaded = self._ready()
        catalogue = loaded.inputs.catalogue
        assert catalogue is not None
        lang = getattr(page.file, "locale", None) or catalogue.source_locale
        path = project.relative(Path(page.file.abs_src_path or page.file.src_path))
        if path in loaded.pages:  # a generated page: show it as the catalogue is now
            page.meta["title"] = _safe_title(loaded.titles[path])
            return loaded.pages[path].decode()
        if generated_from(markdown.partition("\n")[0], catalogue.path):  # fails `mkdocs build --strict`
            log.warning(
                "%s: generated from %s, which no longer makes it; `msgbook build` deletes it", path, catalogue.path
            )
        first_line = _first_line(page, markdown)
        expanded, problems = expand_markers(
            markdown, catalogue, loaded.inputs.translations, lang, path, first_line, loaded.shared
        )
        if problems:
            raise PluginError("\n".join(render_text(p) for p in problems))
        return expanded

    def on_serve(
        self, server: LiveReloadServer, /, *, config: MkDocsConfig, builder: Callable[..., Any]
    ) -> LiveReloadServer | None:
        project = self.project
        if project is not None:
            for relative in (project.catalogue, project.locales_dir, "pyproject.toml"):
                path = project.path(relative)
                if path.exists():
                    server.watch(str(path))
        return server

    def _ready(self) -> tuple[Project, _Loaded]:
        if self.project is None or self.loaded is None:
            raise PluginError("msgbook: the plugin was not configured (on_config did not run)")
        return self.project, self.loaded

    def _load(self) -> None:
        """Load the catalogue and translations unless nothing changed since the last load."""
        project = self.project
        assert project is not None
        root = project.root.resolve()
        signature = _signature(project)
        cached = _CACHE.get(root)
        if cached is not None and cached.signature == signature:
            self.loaded = cached
            return
        try:
            inputs = load_inputs(project)
        except MsgbookError as error:
            raise PluginError(f"msgbook: {error}") from None
        if inputs.catalogue is None:
            shown = "\n".join(render_text(d) for d in inputs.diagnostics)
            raise PluginError(f"msgbook: the catalogue or its translations cannot be used:\n{shown}")
        for finding in inputs.diagnostics:  # drift is for `msgbook check`; the pages can still be shown
            log.info(render_text(finding))
        pages = render_docs(project, inputs.catalogue, inputs.translations)
        titles = page_titles(project, inputs.catalogue, inputs.translations)
        self.loaded = _CACHE[root] = _Loaded(signature, inputs, pages, titles, Shared(inputs.catalogue))
        if self.config.update_pages == "always" or (self.config.update_pages == "serve" and self.command == "serve"):
            for written in write_changed(project.root, pages):
                log.info("wrote %s", written)
            leftovers = leftover_files(project, inputs.catalogue.path, pages, runtime=False)
            for removed in remove_files(project.root, leftovers):
                log.info("removed %s", removed)


def _signature(project: Project) -> Signature:
    """Size and modification time of every input, to notice edits."""
    paths = [project.path(project.catalogue), project.path("pyproject.toml")]
    locales = project.path(project.locales_dir)
    if locales.is_dir():
        paths.extend(sorted(p for p in locales.rglob("*.po*") if p.is_file()))
    found = []
    for path in paths:
        try:
            stat = path.stat()
        except OSError:
            continue
        found.append((str(path), stat.st_mtime_ns, stat.st_size))
    return tuple(found)


def _first_line(page: Page, markdown: str) -> int:
    """The line of the source file where ``markdown`` starts (MkDocs cuts off front matter)."""
    body = markdown.strip("\n")
    if not body:
        return 1
    try:
        source = page.file.content_string.replace("\r\n", "\n")
    except (OSError, ValueError, AssertionError):
        return 1
    index = source.find(body)
    if index < 0:
        return 1
    leading = len(markdown) - len(markdown.lstrip("\n"))
    return source.count("\n", 0, index) + 1 - leading


def _safe_title(title: str) -> str:
    """A title for templates that print it unescaped: no character can open a tag or an entity."""
    return title.replace("&", "＆").replace("<", "＜").replace(">", "＞").replace("\n", " ")
