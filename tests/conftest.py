"""Shared fixtures: small temporary projects and a way to run the CLI in-process."""

from __future__ import annotations

import io
import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from textwrap import dedent

import pytest

from generator.cli import main

REPO = Path(__file__).resolve().parent.parent


@dataclass
class Run:
    code: int
    out: str
    err: str

    @property
    def lines(self) -> list[str]:
        return self.out.splitlines()


def run_cli(*args: str) -> Run:
    """Run ``msgbook`` in-process and capture its output."""
    out, err = io.StringIO(), io.StringIO()
    code = main(list(args), stdout=out, stderr=err)
    return Run(code, out.getvalue(), err.getvalue())


def write_project(
    root: Path,
    catalogue: str | None = None,
    *,
    po: dict[str, str] | None = None,
    pyproject: str | None = None,
    files: dict[str, str] | None = None,
) -> Path:
    """Write a small project: catalogue text (dedented), .po texts by locale, other files."""
    root.mkdir(parents=True, exist_ok=True)
    if catalogue is not None:
        path = root / "messages" / "catalogue.yaml"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(dedent(catalogue).lstrip("\n"), encoding="utf-8")
    for locale, text in (po or {}).items():
        path = root / "locales" / locale / "LC_MESSAGES"
        path.mkdir(parents=True, exist_ok=True)
        domain = "messages"
        if catalogue is not None:
            for line in dedent(catalogue).splitlines():
                if line.startswith("domain:"):
                    domain = line.split(":", 1)[1].strip()
        (path / f"{domain}.po").write_text(dedent(text).lstrip("\n"), encoding="utf-8")
    if pyproject is not None:
        (root / "pyproject.toml").write_text(dedent(pyproject).lstrip("\n"), encoding="utf-8")
    for relative, text in (files or {}).items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(dedent(text).lstrip("\n"), encoding="utf-8")
    return root


@pytest.fixture
def make_project(tmp_path: Path) -> Callable[..., Path]:
    """``make_project(catalogue=..., po={"ja": ...}, pyproject=..., files={...})`` -> root."""
    counter = iter(range(1000))

    def make(catalogue: str | None = None, **kwargs: object) -> Path:
        return write_project(tmp_path / f"project{next(counter)}", catalogue, **kwargs)  # type: ignore[arg-type]

    return make


def require_tool(name: str) -> str:
    """The path of an external tool; skip without it, but fail when CI is set."""
    found = shutil.which(name)
    if found:
        return found
    message = f"{name} is not installed (Debian package: see .ci/run)"
    if os.environ.get("CI"):
        pytest.fail(f"{message}; CI must install it")
    pytest.skip(message)
