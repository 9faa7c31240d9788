"""Resume resolution after the sources a previous build already resolved.

Resolution is corpus-wide and depends on input order (a post keeps the first sentence that names it,
a project merges what each article adds), so it cannot be cached per article. But its state after the
first K sources depends on those K sources only. A build with a cache keeps that state, a
*checkpoint*, under a digest of the chain of sources that led to it; a later build whose inputs start
with the same sources in the same order resumes from the longest such chain and resolves only the
rest. A corpus that grows by new files sorting last (dated pages, a new day's JSON Lines file) then
rebuilds in the time of the new sources plus graph and export; a change to an early file resumes from
an earlier checkpoint, or resolves every article again (from the per-article cache).

The chain starts from a digest of the code of analysis, extraction and resolution, the libraries they
use and the build settings, so that any change to them starts a new chain.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from collections.abc import Sequence
from dataclasses import astuple, dataclass
from functools import lru_cache
from pathlib import Path

from kg.cache import extractor_version
from kg.model import Source
from kg.resolve import Resolver
from kg.settings import Settings

DIRECTORY = "resolve"
KEEP = 3  # checkpoints kept: the newest build's, and a couple before it for a build that drops a file


@dataclass
class ResolveState:
    """Everything a build carries from one source to the next."""

    resolver: Resolver
    seen: dict[str, str]  # article id → where it was read: an id repeated later is still caught
    articles: int


@lru_cache(maxsize=1)
def resolver_version() -> str:
    """A digest of the resolution code and of everything ``extractor_version`` covers."""
    root = Path(__file__).resolve().parent
    digest = hashlib.sha256(extractor_version().encode())
    for file in sorted(root.glob("*.py")):
        digest.update(file.name.encode() + b"\0" + hashlib.sha256(file.read_bytes()).digest())
    return digest.hexdigest()


def source_content(source: Source) -> str:
    """What a source holds: a page's digest of its bytes (its text is not kept), a record's fields."""
    return source.digest or repr((source.doc_id, source.title, source.text,
                                  source.published.isoformat() if source.published else None, source.url))


def source_chain(sources: Sequence[Source], settings: Settings) -> list[str]:
    """The digest after each source: of the previous digest and what the source holds."""
    chain: list[str] = []
    previous = hashlib.sha256(repr((resolver_version(), astuple(settings))).encode()).hexdigest()
    for source in sources:
        entry = "\0".join((previous, source.path, str(source.line), source_content(source)))
        previous = hashlib.sha256(entry.encode("utf-8", "surrogatepass")).hexdigest()
        chain.append(previous)
    return chain


class Checkpoints:
    """Pickled ``ResolveState``s in ``DIRECTORY`` under the build cache, one file per chain digest."""

    def __init__(self, cache_dir: Path) -> None:
        self.directory = Path(cache_dir) / DIRECTORY

    def latest(self, chain: Sequence[str]) -> tuple[int, ResolveState] | None:
        """The state after the most sources of ``chain`` that a checkpoint holds, and their count."""
        try:
            kept = {p.stem for p in self.directory.glob("*.pickle")}
        except OSError:
            return None
        for count in range(len(chain), 0, -1):
            if chain[count - 1] not in kept:
                continue
            try:
                with open(self.directory / f"{chain[count - 1]}.pickle", "rb") as handle:
                    state = pickle.load(handle)
            except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError):
                continue  # unreadable: an earlier checkpoint, or none, still gives the same result
            if isinstance(state, ResolveState):
                return count, state
        return None

    def save(self, digest: str, state: ResolveState) -> None:
        """Keep ``state`` under ``digest``, dropping all but the newest checkpoints. A checkpoint only
        saves time, so a directory that cannot be written is no error."""
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=".checkpoint.", dir=self.directory)
            with os.fdopen(fd, "wb") as handle:
                pickle.dump(state, handle, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, self.directory / f"{digest}.pickle")
            kept = sorted(self.directory.glob("*.pickle"), key=lambda p: p.stat().st_mtime_ns, reverse=True)
            for stale in kept[KEEP:]:
                stale.unlink(missing_ok=True)
        except OSError:
            pass
