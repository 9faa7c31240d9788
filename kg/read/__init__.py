"""Read inputs: expand directories, dispatch by suffix, yield one ``Source`` per page or record.

A missing path or a directory without inputs is a usage error and always stops the build. A bad file
(undecodable, binary, empty) or a bad record goes to ``on_error`` when one is given (the build keeps
going without it) and is raised otherwise.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from kg.errors import InputError
from kg.model import Source
from kg.read.jsonl import read_jsonl
from kg.read.text import read_text

SUFFIXES = (".txt", ".jsonl")
OnError = Callable[[InputError], None]


def _outside(outputs: Iterable[str | Path]) -> Callable[[Path], bool]:
    """Whether a file found in an input directory lies outside the build's own output: the output
    directory and the staging directories beside it (``.NAME.kg-*``, see ``kg.export.write``). A
    corpus directory that holds its own exports must not read them back (their rejects.jsonl)."""
    places = [Path(o).absolute() for o in outputs]

    def outside(path: Path) -> bool:
        full = path.absolute()
        for out in places:
            for parent in full.parents:
                if parent == out or (parent.parent == out.parent and parent.name.startswith(f".{out.name}.kg-")):
                    return False
        return True

    return outside


def expand_inputs(paths: Iterable[str | Path], *, outputs: Iterable[str | Path] = ()) -> list[Path]:
    """The input files named by ``paths``, directories searched recursively, in a fixed order; files
    a directory search finds in a build's ``outputs`` are left out."""
    outside = _outside(outputs)
    files: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if not path.exists():
            raise InputError(str(path), None, "no such file or directory")
        if path.is_dir():
            found = sorted(p for p in path.rglob("*")
                           if p.is_file() and p.suffix.lower() in SUFFIXES and outside(p))
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


def _read_file(path: Path, encoding: str, max_chars: int, on_error: OnError | None) -> Iterator[Source]:
    if path.suffix.lower() == ".jsonl":
        return read_jsonl(path, encoding=encoding, max_chars=max_chars, on_error=on_error)
    return read_text(path, encoding=encoding, max_chars=max_chars)


def read_inputs(paths: Iterable[str | Path], *, encoding: str = "utf-8", max_chars: int = 200_000,
                on_error: OnError | None = None, outputs: Iterable[str | Path] = ()) -> Iterator[Source]:
    """Every ``Source`` in ``paths``; a bad file or record raises ``InputError`` or goes to ``on_error``."""
    seen_ids: dict[str, str] = {}
    for path in expand_inputs(paths, outputs=outputs):
        try:
            for source in _read_file(path, encoding, max_chars, on_error):
                # a page's articles are told apart by their own digests (kg.split.page_article_id);
                # a record's id is the user's, or its file's and line's: a repeat is an error
                if source.line is not None and source.doc_id in seen_ids:
                    error = InputError(source.path, source.line, f"duplicate id: {source.doc_id!r} names "
                                                                 f"{seen_ids[source.doc_id]} already")
                    if on_error is None:
                        raise error
                    on_error(error)
                    continue
                if source.line is not None:
                    seen_ids[source.doc_id] = f"{source.path}:{source.line}"
                yield source
        except InputError as error:
            if on_error is None or error.path != str(path):
                raise
            on_error(error)  # the rest of this file is skipped; the other files are still read
