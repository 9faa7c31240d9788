"""The build cache: each article's analysis and mentions, keyed by the article and the extractor version.

An entry's key is a digest of everything the analyse and extract stages read: the article's fields,
the settings, and the *extractor version*, a digest of the source of ``kg/analyse``, ``kg/extract``,
``kg/model.py``, ``kg/split.py`` and every file of ``kg/resources``, with the versions of jieba, jionlp and
Python. Editing any of them changes the version and so misses every entry; entries of other versions
are dropped when the cache is opened. Resolution, graph and export are corpus-wide and always rerun.

The store is one SQLite file (``cache.sqlite``) in the cache directory: one file, atomic commits,
no temp directory, and a reader that a crashed build cannot corrupt.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import os
import pickle
import sqlite3
import sys
import tempfile
from collections.abc import Callable, Iterable, Mapping
from dataclasses import astuple
from functools import lru_cache
from pathlib import Path
from typing import TypeVar

from kg.errors import KGError
from kg.model import Article, DateExpression, Mention, Sentence
from kg.settings import Settings

# The parts of the package whose code or data decides what analyse and extract produce.
VERSIONED = ("analyse", "extract", "resources", "model.py", "split.py", "cache.py")
FILE_NAME = "cache.sqlite"
SCHEMA = 1

T = TypeVar("T")
Extracted = tuple[tuple[Sentence, ...], tuple[DateExpression, ...], tuple[Mention, ...]]


class CacheError(KGError):
    exit_code = 2

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(f"{path}: cannot use the build cache: {reason}; remove it or build with --no-cache")


@lru_cache(maxsize=1)
def extractor_version() -> str:
    """A digest of the code and data behind analyse and extract, and of the libraries they use."""
    root = Path(__file__).resolve().parent
    digest = hashlib.sha256(f"schema {SCHEMA}\n{sys.version_info[:2]}\n".encode())
    for dist in ("jieba", "jionlp"):
        try:
            digest.update(f"{dist} {importlib.metadata.version(dist)}\n".encode())
        except importlib.metadata.PackageNotFoundError:
            digest.update(f"{dist} missing\n".encode())
    for part in VERSIONED:
        path = root / part
        files = sorted(p for p in path.rglob("*") if p.is_file() and "__pycache__" not in p.parts) \
            if path.is_dir() else [path]
        for file in files:
            digest.update(file.relative_to(root).as_posix().encode() + b"\0")
            digest.update(hashlib.sha256(file.read_bytes()).digest())
    return digest.hexdigest()


def article_key(article: Article, settings: Settings) -> str:
    """The digest of everything about ``article`` that analysis and extraction read."""
    fields = (article.id, article.title, article.text, article.reporters,
              article.published.isoformat() if article.published else None, article.url)
    payload = repr((fields, astuple(settings))).encode("utf-8")
    return hashlib.sha256(payload).hexdigest()


class Cache:
    """Extraction results by article key. Writes are buffered and committed by ``flush``/``close``."""

    def __init__(self, directory: str | Path, version: str | None = None) -> None:
        self.directory = Path(directory)
        self.version = version or extractor_version()
        self.path = self.directory / FILE_NAME
        self._pending: dict[str, bytes] = {}
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(self.path)
            self._db.execute("CREATE TABLE IF NOT EXISTS entries "
                             "(key TEXT PRIMARY KEY, version TEXT NOT NULL, value BLOB NOT NULL)")
            # an extractor change makes every older entry unreachable: reclaim the space
            self._db.execute("DELETE FROM entries WHERE version != ?", (self.version,))
            self._db.commit()
        except (OSError, sqlite3.Error) as exc:
            raise CacheError(self.path, str(exc)) from None

    def get_many(self, keys: Iterable[str]) -> dict[str, Extracted]:
        wanted = list(dict.fromkeys(keys))
        found: dict[str, Extracted] = {}
        try:
            for start in range(0, len(wanted), 500):
                chunk = wanted[start:start + 500]
                marks = ",".join("?" * len(chunk))
                query = f"SELECT key, value FROM entries WHERE version = ? AND key IN ({marks})"
                rows = self._db.execute(query, (self.version, *chunk))
                for key, value in rows:
                    found[key] = pickle.loads(value)
        except (sqlite3.Error, pickle.UnpicklingError, EOFError, AttributeError, ImportError) as exc:
            raise CacheError(self.path, str(exc)) from None
        return found

    def put(self, key: str, value: Extracted, *, packed: bytes | None = None) -> None:
        """Keep ``value``; ``packed``, when given, is ``value`` already pickled."""
        self._pending[key] = packed if packed is not None else pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        if len(self._pending) >= 2000:
            self.flush()

    def put_many(self, values: Mapping[str, Extracted]) -> None:
        for key, value in values.items():
            self.put(key, value)

    def flush(self) -> None:
        if not self._pending:
            return
        try:
            self._db.executemany("INSERT OR REPLACE INTO entries (key, version, value) VALUES (?, ?, ?)",
                                 [(k, self.version, v) for k, v in self._pending.items()])
            self._db.commit()
        except sqlite3.Error as exc:
            raise CacheError(self.path, str(exc)) from None
        self._pending.clear()

    def count(self) -> int:
        """Entries of this version, committed or pending."""
        (count,) = self._db.execute("SELECT COUNT(*) FROM entries WHERE version = ?",
                                    (self.version,)).fetchone()
        return int(count) + len(self._pending)

    def close(self) -> None:
        try:
            self.flush()
        finally:
            self._db.close()

    def __enter__(self) -> Cache:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


# ----------------------------------------------------------------------------- resource snapshots

RESOURCE_CACHE_ENV = "KG_RESOURCE_CACHE"


def resource_dir() -> Path | None:
    """Where parsed resources are kept between builds: ``$KG_RESOURCE_CACHE`` if set (empty: nowhere),
    else the user's cache directory (``~/.cache/zhengwu-kg`` on Linux), as jieba keeps its own."""
    configured = os.environ.get(RESOURCE_CACHE_ENV)
    if configured is not None:
        return Path(configured) if configured.strip() else None
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("zhengwu-kg", appauthor=False))


def snapshot(name: str, make: Callable[[], T]) -> T:
    """``make()``, or its pickled snapshot of this extractor version.

    Big resources (the gazetteer: jionlp's 700k-line division list; jieba's prefix dictionary) take
    seconds to parse and a fraction of that to unpickle. A snapshot holds nothing from the articles,
    so it is kept whether or not the build uses its per-article cache.
    """
    directory = resource_dir()
    if directory is None:
        return make()
    path = directory / f"{name}-{extractor_version()[:16]}.pickle"
    try:
        with open(path, "rb") as handle:
            return pickle.load(handle)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
        pass
    value = make()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        for stale in path.parent.glob(f"{name}-*.pickle"):
            stale.unlink(missing_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{name}.", dir=path.parent)
        with os.fdopen(fd, "wb") as handle:
            pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except OSError:
        pass  # a snapshot only saves time; a read-only cache directory must not fail the build
    return value
