"""Locales merged in forked workers give the same bytes as locales merged in-process."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest
from conftest import run_cli, write_project

from generator.emit import po_plan

CATALOGUE = """
domain: demo
locales: [ja, de]
messages:
  saved:
    params:
      path: {type: str, example: "~/a.txt"}
    text: "Saved `{path}`."
    when: After a file is written.
  gone:
    text: This message was removed from the program.
"""

PO = """
msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"

msgctxt "saved"
msgid "Saved `{path}`."
msgstr "{marker} `{path}`"
"""


def _project(root: Path) -> Path:
    po = {locale: PO.replace("{marker}", marker) for locale, marker in (("ja", "保存しました"), ("de", "Gespeichert"))}
    return write_project(root, CATALOGUE, po=po)


def _outputs(root: Path) -> dict[str, bytes]:
    """Every file a build wrote: .pot, .po, .mo, runtime modules and docs pages (each locale's made by its worker)."""
    files = [p for p in sorted(root.rglob("*")) if p.is_file() and ".msgbook-cache" not in p.parts]
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in files}


@pytest.mark.skipif(sys.platform != "linux", reason="workers are forked on Linux only")
def test_forked_merge_writes_the_same_bytes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    serial = _project(tmp_path / "serial")
    assert run_cli("build", "--root", str(serial)).code == 0
    forked = _project(tmp_path / "forked")
    calls: list[list[str]] = []

    def every_locale(sizes: dict[str, int]) -> list[str]:
        calls.append(sorted(sizes))
        return list(sizes)

    monkeypatch.setattr(po_plan, "worth_forking", every_locale)
    shutil.rmtree(forked / ".msgbook-cache", ignore_errors=True)
    assert run_cli("build", "--root", str(forked)).code == 0
    assert calls == [["de", "ja"]]
    assert _outputs(forked) == _outputs(serial)
    assert {"messages/_ja.py", "site/docs/ja/reference/index.md"} <= set(_outputs(forked))
    assert "保存しました" in (forked / "locales/ja/LC_MESSAGES/demo.po").read_text(encoding="utf-8")
