"""Imports point down only, and the leaf modules import nothing from msgbook."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "generator"

# module -> layer; a module may import only from layers below or equal to its own,
# except where listed. cli is the top; model/diagnostics the bottom.
LAYERS = {
    "_version": 0,
    "model": 0,
    "diagnostics": 0,
    "placeholders": 0,
    "gcpause": 0,
    "later": 0,
    "rules": 1,
    "cldr": 1,
    "units": 1,
    "translations": 1,
    "project": 2,
    "outputs": 2,
    "load": 2,
    "validate": 3,
    "catalogue_io": 3,
    "cache": 3,
    "emit": 4,
    "checks": 4,
    "status": 5,
    "pipeline": 5,
    "mkdocs_plugin": 6,
    "cli": 6,
    "__init__": 7,
    "__main__": 7,
}


def _layer(module: str) -> int:
    top = module.split(".")[0]
    return LAYERS[top]


def _imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    relative = path.relative_to(PACKAGE).with_suffix("")
    package_parts = list(relative.parts[:-1])
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level > 0:
            base = package_parts[: len(package_parts) - (node.level - 1)]
            target = [*base, *(node.module.split(".") if node.module else [])]
            if target:
                found.append(".".join(target))
            else:
                found.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("generator."):
            found.append(node.module.removeprefix("generator."))
    return found


def test_imports_point_down_only() -> None:
    problems = []
    for path in sorted(PACKAGE.rglob("*.py")):
        module = ".".join(path.relative_to(PACKAGE).with_suffix("").parts)
        own = _layer(module)
        for target in _imports(path):
            if target.split(".")[0] == module.split(".")[0]:
                continue  # within one package (emit/, checks/)
            if _layer(target) > own:
                problems.append(f"{module} imports {target}")
    assert problems == []


def test_leaf_modules_import_nothing_from_msgbook() -> None:
    for leaf in ("model.py", "diagnostics.py", "placeholders.py"):
        assert _imports(PACKAGE / leaf) == [], leaf


def test_only_emit_gettext_imports_polib() -> None:
    users = [
        p.relative_to(PACKAGE).as_posix()
        for p in PACKAGE.rglob("*.py")
        if "import polib" in p.read_text(encoding="utf-8")
    ]
    assert users in ([], ["emit/gettext.py"])
