"""Cache files written after msgbook has answered, by a detached process, when they are large.

Pickling what a large build read and rendered (the parsed catalogue, each
.po as read, the template's entry texts) takes close to a second at 10,000
messages, and only the next build profits from it. So a build queues those
writes with :func:`defer`, and :func:`flush` hands them to a detached process
(double-forked, with its output sent to ``/dev/null``) when they are large
and forking is safe; otherwise, and for small projects, it writes them at once.

Every cache file is written atomically and a missing one only costs time, so
a build that starts before the writer has finished simply does not find the
file yet. ``.msgbook-cache/.writing`` stays locked (``flock``) while a writer
runs: :func:`wait_for_writer` waits for it, for benchmarks and tests.
"""

from __future__ import annotations

import contextlib
import os
import sys
import threading
from collections.abc import Callable
from pathlib import Path

DETACH_BYTES = 1 << 20  # below this much input, writing at once costs less than a process

_tasks: list[Callable[[], None]] = []
_size = 0
_folder: Path | None = None


def defer(folder: Path, task: Callable[[], None], size: int) -> None:
    """Queue a cache write into ``folder``; ``size`` is the amount of input it stands for, in bytes."""
    global _size, _folder
    _tasks.append(task)
    _size += size
    _folder = folder


def discard() -> None:
    """Forget the queued writes (in a forked worker, whose parent writes them)."""
    global _size, _folder
    _tasks.clear()
    _size, _folder = 0, None


def flush() -> None:
    """Run the queued writes: in a detached process when they are large and it is safe, else here and now."""
    global _size, _folder
    tasks, size, folder = list(_tasks), _size, _folder
    discard()
    if not tasks:
        return
    if folder is None or size < DETACH_BYTES or not _detach(folder, tasks):
        _run(tasks)


def _run(tasks: list[Callable[[], None]]) -> None:
    for task in tasks:
        with contextlib.suppress(Exception):  # a cache write that fails only costs time later
            task()


def _detach(folder: Path, tasks: list[Callable[[], None]]) -> bool:
    """Start a process that runs ``tasks`` and outlives this one; False when it cannot be done safely.

    A forked child could inherit a lock held by another thread, so this
    needs a process with a single thread (and ``fork``).
    """
    if not hasattr(os, "fork") or sys.platform != "linux" or threading.active_count() > 1:
        return False
    try:
        import fcntl

        folder.mkdir(parents=True, exist_ok=True)
        lock = os.open(folder / ".writing", os.O_RDWR | os.O_CREAT, 0o644)
    except OSError:
        return False
    try:
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)  # held until the writer closes its copy
    except OSError:
        os.close(lock)
        return False  # a writer is still busy: write here instead of stacking writers
    sys.stdout.flush()
    sys.stderr.flush()
    try:
        pid = os.fork()
    except OSError:
        os.close(lock)
        return False
    if pid == 0:  # the first child: start the writer and leave, so that nobody has to wait for it
        try:
            if os.fork() == 0:
                _become_writer(lock, tasks)
        finally:
            os._exit(0)
    os.close(lock)
    os.waitpid(pid, 0)
    return True


def _become_writer(lock: int, tasks: list[Callable[[], None]]) -> None:
    """In the detached process: let go of the terminal and of every inherited file, then write."""
    try:
        os.setsid()
        null = os.open(os.devnull, os.O_RDWR)
        for fd in (0, 1, 2):
            os.dup2(null, fd)
        for name in os.listdir("/proc/self/fd"):
            fd = int(name)
            if fd > 2 and fd != lock:
                with contextlib.suppress(OSError):
                    os.close(fd)
        _run(tasks)
    finally:
        os._exit(0)


def wait_for_writer(folder: Path) -> None:
    """Return once no detached writer is writing into ``folder``."""
    try:
        import fcntl

        lock = os.open(folder / ".writing", os.O_RDWR)
    except (OSError, ImportError):
        return
    try:
        fcntl.flock(lock, fcntl.LOCK_EX)
    finally:
        os.close(lock)
