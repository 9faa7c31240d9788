"""Records a build skips: why, and where (file and line), kept for ``rejects.jsonl`` and the summary.

Without ``keep_going`` a bad record stops the build (the error is raised); with it the record is
skipped and listed. An article over the size limit is skipped and listed in both modes: refusing it
is what keeps memory bounded, and the rest of the input is still good.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from kg.errors import InputError, TooLargeError


@dataclass(frozen=True)
class Reject:
    path: str
    line: int | None
    reason: str
    article: str | None = None  # the id the article would have had, when it got that far

    def as_dict(self) -> dict[str, object]:
        record: dict[str, object] = {"file": self.path, "line": self.line, "reason": self.reason}
        if self.article is not None:
            record["article"] = self.article
        return record


class RejectLog:
    """Collects rejects in input order; raises instead when the build is not keeping going."""

    def __init__(self, *, keep_going: bool = False) -> None:
        self.keep_going = keep_going
        self._items: list[Reject] = []

    def __call__(self, error: InputError) -> None:
        if not self.keep_going and not isinstance(error, TooLargeError):
            raise error
        self._items.append(Reject(error.path, error.line, error.reason, error.article))

    @property
    def items(self) -> tuple[Reject, ...]:
        return tuple(self._items)

    def __len__(self) -> int:
        return len(self._items)


def rejects_jsonl(rejects: tuple[Reject, ...]) -> bytes:
    """One JSON object a line: ``file``, ``line``, ``reason`` (and ``article`` where known)."""
    return "".join(json.dumps(r.as_dict(), ensure_ascii=False, sort_keys=True) + "\n"
                   for r in rejects).encode("utf-8")
