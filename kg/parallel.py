"""Run a per-item function over many items in worker processes, results in input order.

Extraction is independent per article, so it parallelises by plain mapping; keeping the input order
means that everything after it (resolution, graph, export) sees exactly what a one-process build sees,
and the exports are byte-identical whatever ``jobs`` is.

Workers are forked where the platform allows, so that what the parent has loaded (the gazetteer,
jieba's dictionary, a build's graphs) is shared copy-on-write instead of being loaded again or sent
pickled to every worker. They run under a ``concurrent.futures.ProcessPoolExecutor`` rather than a
``multiprocessing.Pool``: when a worker dies (the out-of-memory killer), the executor notices and the
map fails with ``WorkerError``, where a pool waits forever for the lost results.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import TypeVar

from kg.errors import WorkerError

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
    With ``jobs`` ≤ 1 everything runs in this process. A worker that dies (killed, out of memory)
    raises ``WorkerError`` instead of leaving the map waiting for its results forever, as a
    ``multiprocessing.Pool`` would.
    """
    if jobs <= 1:
        state = setup()
        for item in items:
            yield func(state, item)
        return
    executor = ProcessPoolExecutor(max_workers=jobs, mp_context=_context(), initializer=_init, initargs=(setup,))
    finished = False
    workers: list[multiprocessing.process.BaseProcess] = []
    try:
        results = executor.map(_call, ((func, item) for item in items), chunksize=chunksize)
        workers = _workers(executor)  # started by now; a broken executor forgets them
        yield from results
        finished = True
    except BrokenProcessPool:
        raise WorkerError(_death_note(workers)) from None
    finally:
        if finished:
            executor.shutdown(wait=True)
        else:
            _stop(executor, workers)


# What ``forked_map``'s workers inherit: set right before they are forked, cleared after.
_INHERITED: list[object] = []


def _inherited() -> object:
    return _INHERITED[0]


def forked_map(func: Callable[[object, T], R], shared: object, items: Sequence[T] | Iterable[T], *, jobs: int,
               chunksize: int = 8) -> Iterator[R]:
    """``ordered_map`` with ``state = shared`` in every worker, inherited by forking instead of sent
    pickled: what the parent built (a build's graphs; pages that read their files again when split,
    through a closure no pickle carries) reaches the workers copy-on-write. Where processes cannot
    be forked (``can_fork``), or with ``jobs`` ≤ 1, everything runs in this process."""
    if not can_fork():
        jobs = 1
    _INHERITED[:] = [shared]
    try:
        yield from ordered_map(func, items, jobs=jobs, setup=_inherited, chunksize=chunksize)
    finally:
        _INHERITED.clear()


def _death_note(workers: list[multiprocessing.process.BaseProcess]) -> str:
    for process in workers:
        process.join(timeout=5)
    codes = {p.exitcode for p in workers if p.exitcode}
    if len(codes) > 1:
        codes.discard(-signal.SIGTERM)  # the executor stops the other workers with SIGTERM itself
    how = ", ".join(f"killed by {signal.Signals(-code).name}" if code < 0 else f"exit status {code}"
                    for code in sorted(codes)) or "ended"
    return f"a worker process died ({how}), perhaps out of memory; fewer --jobs use less memory"


def _workers(executor: ProcessPoolExecutor) -> list[multiprocessing.process.BaseProcess]:
    # the executor keeps its processes in a private dict; Python 3.14 adds terminate_workers() for this
    return list((getattr(executor, "_processes", None) or {}).values())


def _stop(executor: ProcessPoolExecutor, workers: list[multiprocessing.process.BaseProcess]) -> None:
    """Stop the workers now: ``shutdown(wait=True)`` would first run every queued item (on Ctrl-C too)."""
    executor.shutdown(wait=False, cancel_futures=True)
    for process in workers:
        if process.is_alive():
            process.terminate()
    for process in workers:
        process.join(timeout=5)
