"""Spreading per-article work (reading, cleaning, splitting) over the machine's cores.

``Workers.map`` is ``map`` with the results in input order, so a build gives the same output
however many cores it runs on. Small inputs stay in the calling process: starting worker
processes costs more than reading a handful of articles.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from types import TracebackType
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")

# Below this many items, one process does the work: splitting an article takes about 20 ms,
# starting two workers about as much as a few articles (measured with benchmarks/bench_build.py).
PARALLEL_MIN_ITEMS = 16


def available_cores() -> int:
    """The cores this process may run on (its CPU affinity, not the machine's count)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


class Workers:
    """A process pool started on first use, for ``with`` blocks; ``workers=1`` never starts one."""

    def __init__(self, workers: int | None = None) -> None:
        self.workers = workers if workers is not None else available_cores()
        self._pool: ProcessPoolExecutor | None = None

    def map(self, function: Callable[[T], R], items: Sequence[T]) -> list[R]:
        """``[function(item) for item in items]``, on every core when there are enough items.
        ``function`` must be a module-level function (it is sent to the workers by name)."""
        if self.workers < 2 or len(items) < PARALLEL_MIN_ITEMS:
            return [function(item) for item in items]
        if self._pool is None:
            # fork: the workers start at once with everything imported; elsewhere the default.
            methods = multiprocessing.get_all_start_methods()
            context = multiprocessing.get_context("fork" if "fork" in methods else None)
            self._pool = ProcessPoolExecutor(self.workers, mp_context=context)
        # A few chunks per worker: long and short articles even out, and few messages are sent.
        chunk = max(1, len(items) // (self.workers * 4))
        return list(self._pool.map(function, items, chunksize=chunk))

    def __enter__(self) -> Workers:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)
            self._pool = None


def run_all(function: Callable[[T], R], items: Iterable[T], workers: Workers | None) -> list[R]:
    """``workers.map`` when given, else a plain loop."""
    items = list(items)
    return workers.map(function, items) if workers is not None else [function(i) for i in items]
