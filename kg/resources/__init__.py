"""Typed, cached loaders of the human-edited language data in this folder.

Every file is UTF-8 text, ``#`` starts a comment line; a malformed row raises ``ResourceError``
naming the file and line. Loaders return immutable values and are cached for the process.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from importlib import resources

from kg.errors import ResourceError


def _rows(name: str, columns: int | None = None) -> Iterator[tuple[int, list[str]]]:
    try:
        text = resources.files(__name__).joinpath(name).read_text(encoding="utf-8")
    except (FileNotFoundError, UnicodeDecodeError) as exc:
        raise ResourceError(name, None, str(exc)) from None
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        cells = [cell.strip() for cell in stripped.split("\t")] if columns else [stripped]
        if columns is not None and len(cells) != columns:
            raise ResourceError(name, number, f"expected {columns} tab-separated columns, got {len(cells)}")
        if any(not cell for cell in cells):
            raise ResourceError(name, number, "empty cell")
        yield number, cells


def words(name: str) -> tuple[str, ...]:
    """A one-word-a-line list, in file order, duplicates refused."""
    seen: dict[str, int] = {}
    for number, (word,) in _rows(name):
        if word in seen:
            raise ResourceError(name, number, f"duplicate entry {word!r} (first on line {seen[word]})")
        seen[word] = number
    return tuple(seen)


def table(name: str, columns: int) -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(cells) for _, cells in _rows(name, columns))


@cache
def surnames() -> frozenset[str]:
    return frozenset(words("surnames.txt"))


@cache
def userdict_path() -> str:
    return str(resources.files(__name__).joinpath("userdict.txt"))


@cache
def roles() -> tuple[str, ...]:
    """Role words, longest first so that 副主任 wins over 主任."""
    return tuple(sorted(words("roles.txt"), key=lambda w: (-len(w), w)))
