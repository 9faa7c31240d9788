"""Word lists of the area and official extractors, read from ``area_words.tsv`` and ``org_words.tsv``.

Both files hold general knowledge of how places and organisations are written (suffixes, common
words, organisation bodies), never the names of particular places, people or organisations.
"""

from __future__ import annotations

from functools import cache

from kg.errors import ResourceError
from kg.resources import table

AREA_KINDS = ("generic", "stop", "stop_initial", "stop_inner", "common_endings", "not_bare", "org_after_bare")


@cache
def _kinds(name: str) -> dict[str, frozenset[str]]:
    out: dict[str, set[str]] = {}
    for kind, word in table(name, 2):
        out.setdefault(kind, set()).add(word)
    return {kind: frozenset(words) for kind, words in out.items()}


def area_words(kind: str) -> frozenset[str]:
    """One kind of word of ``area_words.tsv`` (see the file's header)."""
    if kind not in AREA_KINDS:
        raise ResourceError("area_words.tsv", None, f"unknown kind {kind!r}")
    return _kinds("area_words.tsv").get(kind, frozenset())
