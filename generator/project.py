"""The project: ``--root`` plus ``[tool.msgbook]`` from ``pyproject.toml``.

Every setting has a default, so a folder with only ``messages/catalogue.yaml``
is a project. A bad setting raises :class:`MsgbookError` (exit 2).
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from .diagnostics import Diagnostic, Location, MsgbookError, Severity
from .rules import PER_LOCALE, RULES

_DEFAULTS: dict[str, object] = {
    "catalogue": "messages/catalogue.yaml",
    "locales": "locales",
    "runtime": "messages/__init__.py",
    "docs": "site/docs",
    "sources": [],
    "docs-sources": [],
    "literal-min-words": 3,
    "wrap-width": 79,
}
_SEVERITY_WORDS = {"error": Severity.ERROR, "warning": Severity.WARNING, "off": None}


@dataclass(frozen=True, slots=True)
class Project:
    """Where everything lives and how strict checks are."""

    root: Path
    catalogue: str = "messages/catalogue.yaml"
    locales_dir: str = "locales"
    runtime: str = "messages/__init__.py"
    docs: str = "site/docs"
    sources: tuple[str, ...] = ()
    docs_sources: tuple[str, ...] = ()
    literal_min_words: int = 3
    wrap_width: int = 79
    severity: Mapping[str, Severity | Mapping[str, Severity | None] | None] = field(default_factory=dict)

    def path(self, relative: str) -> Path:
        """An absolute path for a root-relative one."""
        return self.root / relative

    def relative(self, path: Path) -> str:
        """A root-relative path with ``/``, as diagnostics print it."""
        try:
            return path.resolve().relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return path.as_posix()

    def severity_of(self, rule_id: str, locale: str | None = None) -> Severity | None:
        """The configured severity of a rule (``None`` = off), per locale when set."""
        configured = self.severity.get(rule_id, RULES[rule_id].severity)
        if isinstance(configured, Mapping):
            if locale is not None and locale in configured:
                return configured[locale]
            return configured.get("*", RULES[rule_id].severity)
        return configured

    def check_severity_locales(self, locales: tuple[str, ...]) -> None:
        """Refuse a per-locale severity for a locale the catalogue does not list: a typo would go unnoticed."""
        for rule_id, configured in sorted(self.severity.items()):
            if not isinstance(configured, Mapping):
                continue
            for locale in sorted(set(configured) - {"*"} - set(locales)):
                listed = ", ".join(locales) or "none"
                raise MsgbookError(
                    f"severity of {rule_id!r} is set for locale {locale!r}, which the catalogue does not list "
                    f"(its locales: {listed})",
                    Location("pyproject.toml"),
                )

    def apply_severity(self, diagnostic: Diagnostic, locale: str | None = None) -> Diagnostic | None:
        """The finding with its configured severity, or ``None`` when the rule is off."""
        severity = self.severity_of(diagnostic.rule, locale)
        if severity is None:
            return None
        return diagnostic if severity is diagnostic.severity else diagnostic.with_severity(severity)


def load_project(root: str | Path = ".") -> Project:
    """Read ``[tool.msgbook]`` under ``root``; defaults when there is none.

    Raises:
        MsgbookError: the root is missing, ``pyproject.toml`` does not parse,
            or a setting is unknown or of the wrong type.
    """
    root_path = Path(root)
    if not root_path.is_dir():
        raise MsgbookError(f"project root {root_path} is not a folder")
    settings = _read_settings(root_path / "pyproject.toml")
    pyproject = Location("pyproject.toml")
    unknown = set(settings) - set(_DEFAULTS) - {"severity"}
    if unknown:
        raise MsgbookError(f"unknown setting {sorted(unknown)[0]!r} in [tool.msgbook]", pyproject)
    values = {**_DEFAULTS, **{k: v for k, v in settings.items() if k != "severity"}}
    for key, default in _DEFAULTS.items():
        expected = type(default)
        value = values[key]
        if not isinstance(value, expected) or isinstance(value, bool):
            raise MsgbookError(f"setting {key!r} must be a {expected.__name__}", pyproject)
        if isinstance(value, list) and not all(isinstance(v, str) for v in value):
            raise MsgbookError(f"setting {key!r} must be a list of strings", pyproject)
    return Project(
        root=root_path,
        catalogue=str(values["catalogue"]),
        locales_dir=str(values["locales"]),
        runtime=str(values["runtime"]),
        docs=str(values["docs"]),
        sources=tuple(_strings(values["sources"])),
        docs_sources=tuple(_strings(values["docs-sources"])),
        literal_min_words=_int(values["literal-min-words"]),
        wrap_width=_int(values["wrap-width"]),
        severity=_read_severity(settings.get("severity", {}), pyproject),
    )


def _strings(value: object) -> list[str]:
    return [str(v) for v in value] if isinstance(value, list) else []


def _int(value: object) -> int:
    return value if isinstance(value, int) else 0


def _read_settings(pyproject: Path) -> dict[str, object]:
    try:
        data = tomllib.loads(pyproject.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, UnicodeDecodeError) as error:
        raise MsgbookError(f"cannot read pyproject.toml: {error}") from None
    except tomllib.TOMLDecodeError as error:
        raise MsgbookError(f"pyproject.toml does not parse: {error}") from None
    tool = data.get("tool", {})
    settings = tool.get("msgbook", {}) if isinstance(tool, dict) else {}
    if not isinstance(settings, dict):
        raise MsgbookError("[tool.msgbook] must be a table", Location("pyproject.toml"))
    return settings


def _read_severity(table: object, where: Location) -> dict[str, Severity | Mapping[str, Severity | None] | None]:
    if not isinstance(table, dict):
        raise MsgbookError("[tool.msgbook.severity] must be a table", where)
    result: dict[str, Severity | Mapping[str, Severity | None] | None] = {}
    for rule_id, value in table.items():
        if rule_id not in RULES:
            raise MsgbookError(f"unknown rule id {rule_id!r} in [tool.msgbook.severity]", where)
        if isinstance(value, dict):
            if rule_id not in PER_LOCALE:
                raise MsgbookError(
                    f"severity of {rule_id!r} cannot be set per locale: its findings belong to no locale", where
                )
            result[rule_id] = {str(loc): _severity_word(rule_id, word, where) for loc, word in value.items()}
        else:
            result[rule_id] = _severity_word(rule_id, value, where)
    return result


def _severity_word(rule_id: str, word: object, where: Location) -> Severity | None:
    if not isinstance(word, str) or word not in _SEVERITY_WORDS:
        raise MsgbookError(f"severity of {rule_id!r} must be error, warning or off, not {word!r}", where)
    return _SEVERITY_WORDS[word]


def runtime_path(project: Project) -> PurePosixPath:
    """The runtime module's root-relative path, with ``/`` and without ``./``."""
    return PurePosixPath(project.runtime.replace("\\", "/"))


def docs_folder(project: Project) -> str:
    """The docs folder relative to the root, without ``./`` or slashes at the ends ("" for the root)."""
    docs = project.docs.replace("\\", "/").strip("/").removeprefix("./")
    return "" if docs == "." else docs


def generated_folders(project: Project, *, runtime: bool = True) -> list[tuple[str, str]]:
    """Where ``build`` writes generated files: (root-relative folder, file suffix), sorted.

    Each language's ``<docs>/<lang>/reference/`` that exists (a removed
    locale's too) for ``.md`` pages, and with ``runtime`` the runtime module's
    folder ("." for the root) for ``.py`` modules.
    """
    docs = docs_folder(project)
    base = project.root / docs if docs else project.root
    folders = set()
    if base.is_dir():
        for child in base.iterdir():
            if child.is_dir() and not child.name.startswith(".") and (child / "reference").is_dir():
                folders.add((f"{docs}/{child.name}/reference" if docs else f"{child.name}/reference", ".md"))
    if runtime:
        folders.add((runtime_path(project).parent.as_posix(), ".py"))
    return sorted(folders)
