"""The library's entry points: ``build`` runs the stages in order, ``query`` runs SPARQL.

read → split → analyse → extract → resolve → graph → export. Every export file is rendered in memory
first and then moved into place, so a build that fails leaves the previous exports as they were.
"""

from __future__ import annotations

import logging
import os
import tempfile
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from kg.analyse import Segmenter, analyse
from kg.errors import InputError, OntologyError, SettingsError
from kg.extract import EXTRACTORS, check_pipeline, extract_all
from kg.graph import build_dataset, check_terms, load_ontology
from kg.model import AnalysedArticle, Article, KnowledgeBase, Mention
from kg.query import Table, load, load_rdflib, run
from kg.read import read_inputs
from kg.resolve import resolve
from kg.settings import DEFAULT_SETTINGS, Settings
from kg.split import split_source

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class BuildReport:
    out_dir: Path
    files: tuple[Path, ...]
    articles: int
    triples: int
    stage_seconds: dict[str, float] = field(default_factory=dict)


def read_articles(inputs: Iterable[str | Path], settings: Settings) -> Iterator[Article]:
    for source in read_inputs(inputs, encoding=settings.encoding):
        produced = False
        for article in split_source(source, settings):
            if len(article.text) > settings.max_article_chars:
                raise InputError(article.path, article.line,
                                 f"article {article.id} has {len(article.text)} characters, more than "
                                 f"the limit of {settings.max_article_chars}")
            produced = True
            yield article
        if not produced:
            raise InputError(source.path, source.line, "no article text found")


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


def _write_atomically(out_dir: Path, files: dict[str, bytes]) -> list[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    staged: list[tuple[str, Path]] = []
    try:
        for name, data in files.items():
            fd, tmp_name = tempfile.mkstemp(prefix=f".kg-{name}.", dir=out_dir)
            os.chmod(tmp_name, 0o644)
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            staged.append((name, Path(tmp_name)))
    except BaseException:
        for _, staged_path in staged:
            staged_path.unlink(missing_ok=True)
        raise
    written = []
    for name, staged_path in staged:
        os.replace(staged_path, out_dir / name)
        written.append(out_dir / name)
    return written


def build(inputs: Sequence[str | Path] = ("seeds",), out_dir: str | Path = "exports",
          settings: Settings = DEFAULT_SETTINGS, *, formats: Sequence[str] = ()) -> BuildReport:
    """Build the graph of ``inputs`` into ``out_dir`` (``kg.ttl``, ``kg.trig``, ``kg.html``).

    ``formats`` adds files: ``nt`` (``kg.nt``), ``nq`` (``kg.nq``), ``jsonld`` (``kg.jsonld`` and
    ``kg.context.jsonld``), or ``all``.
    """
    from kg.export import file_names, render_all

    file_names(formats)  # a bad format fails before the long part of the build
    timings: dict[str, float] = {}
    started = time.perf_counter()
    articles = list(read_articles(inputs, settings))
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
    files = render_all(dataset, formats)
    timings["export"] = time.perf_counter() - mark
    written = _write_atomically(Path(out_dir), files)
    triples = len({(s, p, o) for s, p, o, _ in dataset.quads((None, None, None, None))})
    return BuildReport(Path(out_dir), tuple(written), len(articles), triples, timings)


@dataclass(frozen=True)
class ExplorerReport:
    path: Path
    nodes: int
    edges: int
    focus: str | None = None  # the focused node's label
    depth: int | None = None
    total_nodes: int = 0


def explorer(target: str | Path, out: str | Path, *, focus: str | None = None,
             depth: int = 1) -> ExplorerReport:
    """Write the HTML explorer of a built graph (a build directory or an RDF file) to ``out``.

    With ``focus`` (a name, alternative name, pinyin, IRI or IRI's last segment), only the nodes at most
    ``depth`` edges away from that node are drawn: for a graph too big to view whole.
    """
    from kg.export.html import render_page
    from kg.export.view import find_nodes, graph_view, suggestions

    if depth < 0:
        raise SettingsError("depth", depth, "a whole number of edges, 0 or more")
    view = graph_view(load_rdflib(target), load_ontology())
    total = len(view.nodes)
    if focus is not None:
        found = find_nodes(view, focus)
        if not found:
            similar = suggestions(view, focus)
            close = "; did you mean " + "、".join(n.label for n in similar) if similar else ""
            raise InputError(str(target), None, f"no node is named {focus!r}{close}")
        if len(found) > 1:
            listed = ", ".join(f"{n.id} ({n.kind})" for n in found[:8])
            raise InputError(str(target), None, f"{focus!r} names {len(found)} nodes: {listed}; "
                                                "give the IRI of the one you mean")
        view = view.around(found[0].id, depth)
    out_path = Path(out)
    _write_atomically(out_path.parent, {out_path.name: render_page(view)})
    centre = next((f"{n.label}（{n.kind}）" for n in view.nodes if n.id == view.focus), None)
    return ExplorerReport(out_path, len(view.nodes), len(view.edges), centre, view.depth if focus else None,
                          total)


def query(target: str | Path, sparql: str) -> Table:
    """Run ``sparql`` over a build directory or an RDF file."""
    return run(load(target), sparql)
