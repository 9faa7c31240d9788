"""Run per-item work on a Dask cluster: a scheduler at a given address, or a local cluster.

Only ``kg.api`` uses this, and only for ``--executor dask``; dask is an optional extra
(``pip install 'zhengwu-kg[dask]'``). Functions and their arguments travel to the workers by pickle,
so the workers need this package installed (the same version), nothing else.
"""

from __future__ import annotations

import pickle
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from kg.errors import KGError

T = TypeVar("T")
R = TypeVar("R")

# Per worker process: the state each setup function made, so that a worker loads jieba's dictionary
# and the gazetteer once, not once per partition.
_STATES: dict[bytes, object] = {}


class ExecutorError(KGError):
    exit_code = 2


def _state(setup: Callable[[], object]) -> object:
    key = pickle.dumps(setup)
    if key not in _STATES:
        _STATES[key] = setup()
    return _STATES[key]


def _run_partition(items: Sequence[Any], func: Callable[[object, Any], Any],
                   setup: Callable[[], object]) -> list[Any]:
    state = _state(setup)
    return [func(state, item) for item in items]


class DaskExecutor:
    """A Dask client for one build; ``close`` also stops the local cluster it may have started."""

    def __init__(self, scheduler: str | None = None, *, workers: int | None = None) -> None:
        try:
            from distributed import Client, LocalCluster
        except ImportError:
            raise ExecutorError("--executor dask needs dask: pip install 'zhengwu-kg[dask]'") from None
        self._cluster: Any = None
        try:
            if scheduler:
                self.client = Client(scheduler)
            else:
                from kg.parallel import available_cores

                self._cluster = LocalCluster(n_workers=workers or available_cores(), threads_per_worker=1,
                                             processes=True, dashboard_address=None)
                self.client = Client(self._cluster)
        except OSError as exc:
            raise ExecutorError(f"cannot reach the Dask scheduler {scheduler}: {exc}") from None

    def workers(self) -> int:
        return max(1, len(self.client.scheduler_info().get("workers", {})))

    def map(self, func: Callable[[object, T], R], items: Sequence[T], *,
            setup: Callable[[], object]) -> list[R]:
        """``func(setup(), item)`` for every item, as a Dask bag, results in input order."""
        import dask.bag as db

        if not items:
            return []
        partitions = min(len(items), 4 * self.workers())
        bag = db.from_sequence(list(items), npartitions=partitions)
        return list(bag.map_partitions(_run_partition, func, setup).compute(scheduler=self.client.get))

    def map_shared(self, func: Callable[[Any, T], R], shared: object, items: Sequence[T]) -> list[R]:
        """``func(shared, item)`` for every item; ``shared`` is sent to each worker once."""
        handle = self.client.scatter(shared, broadcast=True)
        futures = [self.client.submit(func, handle, item, pure=False) for item in items]
        return list(self.client.gather(futures))

    def close(self) -> None:
        self.client.close()
        if self._cluster is not None:
            self._cluster.close()

    def __enter__(self) -> DaskExecutor:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
