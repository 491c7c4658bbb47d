"""Per-locale work in forked worker processes, so that two locales take the time of one.

Reading a large .po with polib is slow pure-Python work, and each locale's
merge is independent of the others. On Linux with more than one core, each
locale with enough to read runs in a forked worker while the calling process
renders the template. Forking hands the workers the catalogue and the template
entries without pickling them; only each locale's result travels back.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager, suppress
from typing import Generic, TypeVar, cast

from .. import later

T = TypeVar("T")

PARALLEL_BYTES = 1 << 20  # below this much .po text in all, a worker costs more than it saves

_forked_task: Callable[[str], object] | None = None  # set only while the workers are forked


def worth_forking(sizes: dict[str, int]) -> list[str]:
    """The locales to hand to workers, given the size of each locale's .po (missing ones left out).

    Workers are forked, so they need Linux, a second core and no other thread
    in this process: a forked child could inherit a lock another thread holds.
    """
    if sys.platform != "linux" or threading.active_count() > 1 or len(os.sched_getaffinity(0)) < 2:
        return []
    return list(sizes) if sum(sizes.values()) >= PARALLEL_BYTES else []


class Pending(Generic[T]):
    """The results of the forked locales; :meth:`result` runs a locale here when it has no worker."""

    def __init__(self, task: Callable[[str], T], futures: dict[str, Future[T]]) -> None:
        self.task = task
        self.futures = futures

    def result(self, locale: str) -> T:
        future = self.futures.get(locale)
        if future is not None:
            with suppress(BrokenProcessPool):  # a worker that died: do its locale here instead
                return future.result()
        return self.task(locale)


@contextmanager
def forked(task: Callable[[str], T], locales: Sequence[str]) -> Iterator[Pending[T]]:
    """Start ``task`` for each of ``locales`` in forked processes while the caller goes on.

    When the processes cannot start, :meth:`Pending.result` runs the task in
    this process.
    """
    global _forked_task
    pool: ProcessPoolExecutor | None = None
    futures: dict[str, Future[T]] = {}
    if locales:
        _forked_task = task
        try:
            workers = min(len(locales), len(os.sched_getaffinity(0)))
            pool = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork"))
            futures = {locale: cast("Future[T]", pool.submit(_run_forked, locale)) for locale in locales}
        except (OSError, RuntimeError):
            futures = {}
        finally:
            _forked_task = None  # the workers were forked at the first submit and hold their own copy
    try:
        yield Pending(task, futures)
    finally:
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)


def _run_forked(locale: str) -> object:
    """What a worker runs: the task it inherited when it was forked."""
    if _forked_task is None:
        raise RuntimeError("a msgbook worker started without its task")
    later.discard()  # what the parent queued is the parent's to write
    try:
        return _forked_task(locale)
    finally:
        later.flush()
