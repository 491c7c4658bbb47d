"""Cache files of a large build are written by a detached process after msgbook has answered."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import REPO, write_project

from generator import later

CATALOGUE = """
domain: demo
locales: [ja]
messages:
  saved:
    text: "Saved the file."
    when: After a file is written.
"""

PO = """
msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"

msgctxt "saved"
msgid "Saved the file."
msgstr "保存しました。"
"""

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="the detached writer needs fork and /proc")


def _cache(root: Path) -> set[str]:
    folder = root / ".msgbook-cache"
    return {p.name.split("-")[0] for p in folder.glob("*.pickle")} if folder.exists() else set()


def test_small_projects_write_the_cache_before_build_returns(tmp_path: Path) -> None:
    root = write_project(tmp_path, CATALOGUE, po={"ja": PO})
    command = [sys.executable, "-m", "generator", "build", "--root", str(root)]
    subprocess.run(command, check=True, capture_output=True, env={**os.environ, "PYTHONPATH": str(REPO)})
    assert {"catalogue", "po", "pot", "mo"} <= _cache(root)


def test_a_large_build_returns_before_its_cache_is_written(tmp_path: Path) -> None:
    root = write_project(tmp_path, CATALOGUE, po={"ja": PO})
    script = (
        "import sys, time\n"
        "from generator import later, cli\n"
        "later.DETACH_BYTES = 0\n"
        "real = later._run\n"
        "later._run = lambda tasks: (time.sleep(1.5), real(tasks))\n"  # a slow disk
        "sys.exit(cli.main(['build', '--root', sys.argv[1]]))\n"
    )
    started = time.monotonic()
    # capture_output: the caller waits for the pipes to close, so the writer must not hold them
    run = subprocess.run(
        [sys.executable, "-c", script, str(root)], capture_output=True, env={**os.environ, "PYTHONPATH": str(REPO)}
    )
    answered = time.monotonic() - started
    assert run.returncode == 0, run.stderr
    assert (root / "locales/ja/LC_MESSAGES/demo.mo").exists()
    assert "catalogue" not in _cache(root), "the writer is still asleep"
    later.wait_for_writer(root / ".msgbook-cache")
    finished = time.monotonic() - started
    assert finished - answered >= 1.0, "the build answered while its writer slept"
    assert {"catalogue", "po", "pot", "mo"} <= _cache(root)
