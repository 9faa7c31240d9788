"""Read inputs: expand directories, dispatch by suffix, yield one ``Source`` per page or record."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from kg.errors import InputError
from kg.model import Source
from kg.read.jsonl import read_jsonl
from kg.read.text import read_text

SUFFIXES = (".txt", ".jsonl")


def expand_inputs(paths: Iterable[str | Path]) -> list[Path]:
    """The input files named by ``paths``, directories searched recursively, in a fixed order."""
    files: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if not path.exists():
            raise InputError(str(path), None, "no such file or directory")
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES)
            if not found:
                raise InputError(str(path), None, "directory holds no .txt or .jsonl input")
            files.extend(found)
        elif path.suffix.lower() in SUFFIXES:
            files.append(path)
        else:
            raise InputError(str(path), None, f"unsupported input type {path.suffix or '(none)'!r}; "
                                              "expected .txt or .jsonl")
    unique = sorted(set(files), key=lambda p: p.as_posix())
    return unique


def read_inputs(paths: Iterable[str | Path], *, encoding: str = "utf-8") -> Iterator[Source]:
    """Every ``Source`` in ``paths``; raises ``InputError`` on the first bad file or record."""
    seen_ids: dict[str, str] = {}
    for path in expand_inputs(paths):
        reader = read_jsonl if path.suffix.lower() == ".jsonl" else read_text
        for source in reader(path, encoding=encoding):
            where = f"{source.path}:{source.line}" if source.line is not None else source.path
            if source.doc_id in seen_ids:
                raise InputError(source.path, source.line,
                                 f"duplicate id {source.doc_id!r} (first at {seen_ids[source.doc_id]})")
            seen_ids[source.doc_id] = where
            yield source
