"""A second build writes nothing, and decides so without parsing; a hand edit is still rebuilt."""

from __future__ import annotations

import os
from pathlib import Path

from conftest import run_cli, write_project

from generator import pipeline

CATALOGUE = """
domain: demo
locales: [ja]
messages:
  saved:
    params:
      path: {type: str, example: "~/a.txt"}
    text: "Saved `{path}`."
    when: After a file is written.
"""


def _stats(root: Path) -> dict[str, tuple[int, int]]:
    found = {}
    for path in sorted(root.rglob("*")):
        if path.is_file() and ".msgbook-cache" not in path.parts:
            st = path.stat()
            found[path.relative_to(root).as_posix()] = (st.st_mtime_ns, st.st_ino)
    return found


def test_second_build_writes_no_file(tmp_path: Path) -> None:
    root = write_project(tmp_path / "p", CATALOGUE)
    first = run_cli("build", "--root", str(root))
    assert first.code == 0 and "wrote locales/ja/LC_MESSAGES/demo.po" in first.lines
    before = _stats(root)
    second = run_cli("build", "--root", str(root))
    assert (second.code, second.out) == (0, "")
    assert _stats(root) == before


def test_noop_is_decided_without_planning(tmp_path: Path, monkeypatch: object) -> None:
    root = write_project(tmp_path / "p", CATALOGUE)
    assert run_cli("build", "--root", str(root)).code == 0

    def must_not_run(*args: object, **kwargs: object) -> None:
        raise AssertionError("a no-op build parsed the project")

    monkeypatch.setattr(pipeline, "plan", must_not_run)  # type: ignore[attr-defined]
    assert run_cli("build", "--root", str(root)).out == ""


def test_hand_edited_output_is_rebuilt(tmp_path: Path) -> None:
    root = write_project(tmp_path / "p", CATALOGUE)
    assert run_cli("build", "--root", str(root)).code == 0
    runtime = root / "messages" / "__init__.py"
    original = runtime.read_bytes()
    runtime.write_bytes(original.replace(b"Saved", b"Stored"))
    assert run_cli("check", "--root", str(root)).code == 1
    result = run_cli("build", "--root", str(root))
    assert result.lines == ["wrote messages/__init__.py"]
    assert runtime.read_bytes() == original


def test_catalogue_edit_is_rebuilt_even_within_the_same_second(tmp_path: Path) -> None:
    root = write_project(tmp_path / "p", CATALOGUE)
    assert run_cli("build", "--root", str(root)).code == 0
    catalogue = root / "messages" / "catalogue.yaml"
    stat = catalogue.stat()
    catalogue.write_text(CATALOGUE.replace("Saved", "Stored"), encoding="utf-8")
    os.utime(catalogue, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # same mtime: size and inode still differ
    result = run_cli("build", "--root", str(root))
    assert "wrote messages/__init__.py" in result.lines


def test_a_failed_build_is_not_remembered_as_done(tmp_path: Path) -> None:
    root = write_project(tmp_path / "p", CATALOGUE)
    assert run_cli("build", "--root", str(root)).code == 0
    po = root / "locales/ja/LC_MESSAGES/demo.po"
    po.write_text(po.read_text(encoding="utf-8") + '\nmsgid "broken\n', encoding="utf-8")
    assert run_cli("build", "--root", str(root)).code == 1
    assert run_cli("build", "--root", str(root)).code == 1
