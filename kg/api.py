"""The library's entry points: ``build`` runs the stages in order, ``query`` runs SPARQL.

read → split → analyse → extract → resolve → graph → export. Every export file is rendered in memory
first and the whole set is then swapped in at once (``kg.export.write``), so a build that fails or is
killed leaves the previous exports as they were. Bad records stop the build, or with
``settings.keep_going`` are skipped and listed in ``rejects.jsonl`` (``kg.ingest``).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from kg import ingest
from kg.analyse import Segmenter, analyse
from kg.errors import OntologyError
from kg.export.write import write_exports
from kg.extract import EXTRACTORS, check_pipeline, extract_all
from kg.graph import build_dataset, check_terms, load_ontology
from kg.model import AnalysedArticle, Article, KnowledgeBase, Mention
from kg.query import Table, load, run
from kg.rejects import Reject, RejectLog, rejects_jsonl
from kg.resolve import resolve
from kg.settings import DEFAULT_SETTINGS, Settings

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class BuildReport:
    out_dir: Path
    files: tuple[Path, ...]
    articles: int
    triples: int
    stage_seconds: dict[str, float] = field(default_factory=dict)
    rejects: tuple[Reject, ...] = ()  # records skipped, also written to rejects.jsonl


REJECTS_FILE = "rejects.jsonl"


def read_articles(inputs: Iterable[str | Path], settings: Settings,
                  rejects: RejectLog | None = None) -> Iterator[Article]:
    """The good articles of ``inputs``; bad records raise, or go to ``rejects`` when keeping going."""
    log_ = rejects if rejects is not None else RejectLog(keep_going=settings.keep_going)
    return ingest.read_articles(inputs, settings, log_)


def extract_articles(articles: Iterable[Article], settings: Settings, segmenter: Segmenter | None = None
                     ) -> Iterator[tuple[AnalysedArticle, Sequence[Mention]]]:
    problems = check_pipeline(EXTRACTORS)
    if problems:
        raise OntologyError("; ".join(problems))
    segmenter = segmenter or Segmenter()
    for article in articles:
        doc = analyse(article, segmenter)
        yield doc, extract_all(doc, settings)


def knowledge_base(inputs: Iterable[str | Path], settings: Settings = DEFAULT_SETTINGS) -> KnowledgeBase:
    """Read, split, analyse, extract and resolve: everything before the graph."""
    return resolve(extract_articles(read_articles(inputs, settings), settings), settings)


def write_build(out_dir: str | Path, files: dict[str, bytes], rejects: RejectLog) -> tuple[Path, ...]:
    """Swap in the export set, with ``rejects.jsonl`` (empty when nothing was skipped), all at once."""
    return write_exports(out_dir, {**files, REJECTS_FILE: rejects_jsonl(rejects.items)})


def build(inputs: Sequence[str | Path] = ("seeds",), out_dir: str | Path = "exports",
          settings: Settings = DEFAULT_SETTINGS) -> BuildReport:
    """Build the graph of ``inputs`` into ``out_dir`` (``kg.ttl``, ``kg.trig``, ``kg.html``)."""
    from kg.export import render_all

    timings: dict[str, float] = {}
    started = time.perf_counter()
    rejects = RejectLog(keep_going=settings.keep_going)
    articles = list(read_articles(inputs, settings, rejects))
    timings["read+split"] = time.perf_counter() - started
    log.info("read %d articles", len(articles))

    mark = time.perf_counter()
    kb = resolve(extract_articles(articles, settings), settings)
    timings["analyse+extract+resolve"] = time.perf_counter() - mark

    mark = time.perf_counter()
    dataset = build_dataset(kb)
    unknown = check_terms(((s, p, o) for s, p, o, _ in dataset.quads((None, None, None, None))),
                          load_ontology())
    if unknown:
        raise OntologyError(f"the graph uses terms the ontology does not define: {', '.join(unknown)}")
    timings["graph"] = time.perf_counter() - mark

    mark = time.perf_counter()
    files = render_all(dataset)
    timings["export"] = time.perf_counter() - mark
    written = write_build(out_dir, files, rejects)
    triples = len({(s, p, o) for s, p, o, _ in dataset.quads((None, None, None, None))})
    return BuildReport(Path(out_dir), written, len(articles), triples, timings, rejects.items)


def query(target: str | Path, sparql: str) -> Table:
    """Run ``sparql`` over a build directory or an RDF file."""
    return run(load(target), sparql)
