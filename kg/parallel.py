"""Run a per-item function over many items in worker processes, results in input order.

Extraction is independent per article, so it parallelises by plain mapping; keeping the input order
means that everything after it (resolution, graph, export) sees exactly what a one-process build sees,
and the exports are byte-identical whatever ``jobs`` is.

Workers are forked where the platform allows, so that what the parent has loaded (the gazetteer,
jieba's dictionary) is shared copy-on-write instead of being loaded again in every worker.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")

_STATE: dict[str, object] = {}


def available_cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - macOS and Windows
        return os.cpu_count() or 1


def can_fork() -> bool:
    """Whether worker processes can be forked here (Linux, macOS), inheriting this process's memory."""
    return "fork" in multiprocessing.get_all_start_methods()


def _context() -> multiprocessing.context.BaseContext:
    return multiprocessing.get_context("fork" if can_fork() else "spawn")


def _init(setup: Callable[[], object]) -> None:
    # A forked worker inherits the command line's handlers, which turn SIGTERM into an exception:
    # the pool stops its workers with SIGTERM, so they must just end; Ctrl-C is the parent's to handle.
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _STATE["worker"] = setup()


def _call(job: tuple[Callable[[object, T], R], T]) -> R:
    func, item = job
    return func(_STATE["worker"], item)


def ordered_map(func: Callable[[object, T], R], items: Sequence[T] | Iterable[T], *, jobs: int,
                setup: Callable[[], object], chunksize: int = 8) -> Iterator[R]:
    """``func(state, item)`` for every item, in order; ``state = setup()`` is made once per process.

    ``func`` and ``setup`` must be module-level functions (they are sent to the workers by name).
    With ``jobs`` ≤ 1 everything runs in this process.
    """
    if jobs <= 1:
        state = setup()
        for item in items:
            yield func(state, item)
        return
    with _context().Pool(processes=jobs, initializer=_init, initargs=(setup,)) as pool:
        yield from pool.imap(_call, ((func, item) for item in items), chunksize=chunksize)
