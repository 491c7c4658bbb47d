"""A build that dies at any moment leaves each file old or new; two builds at once corrupt nothing."""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import REPO
from gettext_helpers import build, po_file, translate

from generator import pipeline
from generator.outputs import write_changed
from generator.project import load_project


def _catalogue(count: int, word: str) -> str:
    lines = ["domain: demo", "locales: [ja, de]", "messages:"]
    for i in range(count):
        lines += [
            f"  note-{i:04d}:",
            f"    params: {{path: {{type: str, example: a{i}.txt}}}}",
            f'    text: "{word} number {i}: `{{path}}` was written, so run `demo show {i}` to see it."',
            f"    when: After step {i} of the build, when {word.lower()} things happen.",
        ]
    return "\n".join(lines) + "\n"


def _files(root: Path) -> dict[str, bytes]:
    """Every file a build writes (no cache, no temporary files)."""
    found = {}
    for path in root.rglob("*"):
        relative = path.relative_to(root).as_posix()
        if path.is_file() and not relative.startswith((".msgbook-cache", "messages/catalogue.yaml")):
            found[relative] = path.read_bytes()
    return found


def _old_and_new(make_project: Callable[..., Path], count: int) -> tuple[Path, dict[str, bytes], dict[str, bytes]]:
    """A translated project before a catalogue change, its files, and the files a full build then writes."""
    root = make_project(_catalogue(count, "Old"))
    build(root)
    translate(po_file(root), {f"note-{i:04d}": f"{i} 番: `{{path}}` を書き込みました。" for i in range(0, count, 2)})
    build(root)
    old = _files(root)
    (root / "messages/catalogue.yaml").write_text(_catalogue(count, "New"), encoding="utf-8")
    done = root.parent / f"{root.name}-done"
    shutil.copytree(root, done)
    build(done)
    new = _files(done)
    assert {p for p in old if p.endswith(".po")} == {p for p in new if p.endswith(".po")}
    return root, old, new


def _assert_old_or_new(root: Path, old: dict[str, bytes], new: dict[str, bytes]) -> None:
    now = _files(root)
    for path, data in now.items():
        if ".tmp" in path:
            continue  # a temporary file a killed build could not remove; never read as an output
        assert data in (old.get(path), new.get(path)), f"{path} is neither the old nor the new file"
    for path in old:
        assert path in now, f"{path} disappeared"


def test_crash_while_writing_leaves_each_file_old_or_new(
    make_project: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    root, old, new = _old_and_new(make_project, 20)
    changed = sum(1 for path in new if old.get(path) != new[path])
    real_replace = os.replace
    for crash_at in range(1, changed + 1):
        calls = {"n": 0}

        def failing_replace(src: str, dst: str, crash_at: int = crash_at, calls: dict[str, int] = calls) -> None:
            if ".msgbook-cache" not in str(dst):
                calls["n"] += 1
                if calls["n"] == crash_at:
                    raise OSError(28, "No space left on device")
            real_replace(src, dst)

        monkeypatch.setattr(os, "replace", failing_replace)
        with pytest.raises(OSError, match="No space left"):
            pipeline.build(load_project(root))
        monkeypatch.setattr(os, "replace", real_replace)
        _assert_old_or_new(root, old, new)
        assert not [p for p in _files(root) if ".tmp" in p], "the temporary file of a failed write is removed"
        for path, data in old.items():
            (root / path).write_bytes(data)  # back to the old state for the next crash point
    pipeline.build(load_project(root))
    assert _files(root) == new


def test_only_translator_files_are_flushed_to_disk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    flushed: list[str] = []
    real_fsync = os.fsync

    def recording_fsync(fd: int) -> None:
        flushed.append(Path(os.readlink(f"/proc/self/fd/{fd}")).name)
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", recording_fsync)
    written = write_changed(tmp_path, {"a/ja.po": b"po", "a/ja.mo": b"mo", "docs/page.md": b"md"})
    assert written == ["a/ja.mo", "a/ja.po", "docs/page.md"]
    assert [name.split(".")[1:3] for name in flushed] == [["ja", "po"]]  # the temporary file, renamed later
    assert (tmp_path / "docs/page.md").read_bytes() == b"md"


@pytest.mark.slow
def test_killed_build_leaves_each_file_old_or_new(make_project: Callable[..., Path]) -> None:
    root, old, new = _old_and_new(make_project, 600)
    command = [sys.executable, "-m", "generator", "build", "--root", str(root)]
    environment = {**os.environ, "PYTHONPATH": str(REPO)}
    first = min(path for path in new if old.get(path) != new[path])  # build writes in path order
    rng = random.Random(7)
    caught_mid_way = 0
    for attempt in range(10):
        process = subprocess.Popen(command, env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        if attempt % 2:
            time.sleep(rng.uniform(0.05, 1.5))  # at any moment
        else:
            while process.poll() is None and (root / first).read_bytes() == old.get(first, b""):
                time.sleep(0.001)  # as soon as the first file is replaced
            time.sleep(rng.uniform(0, 0.02))
        process.send_signal(signal.SIGKILL)
        process.wait()
        _assert_old_or_new(root, old, new)
        now = _files(root)
        changed = [p for p in new if old.get(p) != new[p]]
        caught_mid_way += 0 < sum(now.get(p) == new[p] for p in changed) < len(changed)
        for path, data in old.items():
            (root / path).write_bytes(data)
    assert caught_mid_way >= 1, "no kill landed between the first and the last write"
    subprocess.run(command, env=environment, capture_output=True, check=False)
    assert {p: d for p, d in _files(root).items() if ".tmp" not in p} == new


@pytest.mark.slow
def test_two_builds_at_once_corrupt_nothing(make_project: Callable[..., Path]) -> None:
    root, _, new = _old_and_new(make_project, 300)
    command = [sys.executable, "-m", "generator", "build", "--root", str(root)]
    environment = {**os.environ, "PYTHONPATH": str(REPO)}
    for _ in range(2):
        processes = [
            subprocess.Popen(command, env=environment, stdout=subprocess.PIPE, stderr=subprocess.PIPE) for _ in range(2)
        ]
        results = [p.communicate() for p in processes]
        assert all(p.returncode in (0, 1) and not err for p, (_, err) in zip(processes, results, strict=True))
        assert _files(root) == new
    assert build(root) == []
