"""Reuse a result computed for the same article within that article's extraction.

Extractors are independent functions of one document, yet some need the same intermediate result:
the events extractor places happenings by the area mentions the areas extractor has just found, and
the projects extractor reads the same district names as the areas extractor. Remembering the last
call's result (keyed by the identity of its arguments, so never a stale one: documents and strings
are immutable) computes each once, without making one extractor's output another's input.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import ParamSpec, TypeVar

P = ParamSpec("P")
R = TypeVar("R")


def last_call(func: Callable[P, R]) -> Callable[P, R]:
    """``func``, computed again only when called with other objects than the last time.

    One entry only, so it holds no more than the article being extracted, whatever the corpus size.
    ``func`` must return an immutable value (callers share it) and take positional arguments only.
    """
    last: list[tuple[tuple[object, ...], R]] = []

    @wraps(func)
    def cached(*args: P.args, **kwargs: P.kwargs) -> R:
        # one read of the entry: a thread swapping in another meanwhile cannot mix two calls
        entry = last[0] if last else None
        if (entry is not None and not kwargs and len(entry[0]) == len(args)
                and all(a is b for a, b in zip(entry[0], args, strict=True))):
            return entry[1]
        result = func(*args, **kwargs)
        if not kwargs:
            last[:] = [(args, result)]
        return result

    return cached
