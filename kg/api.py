"""The library's entry points: ``build`` runs the stages in order, ``query`` runs SPARQL.

read → split → analyse → extract → resolve → graph → export. Analyse and extract run per article (in
``jobs`` processes, or on a Dask cluster) and are cached per article; resolution and everything after it
are corpus-wide and run in this process. Every export file is rendered in memory first and the whole set
is then swapped in at once (``kg.export.write``), so a build that fails or is killed leaves the previous
exports as they were. Bad records stop the build, or with ``settings.keep_going`` are skipped and listed
in ``rejects.jsonl`` (``kg.ingest``).
"""

from __future__ import annotations

import gc
import logging
import pickle
import time
from collections.abc import Iterable, Iterator, Sequence
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from functools import lru_cache, partial
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, cast

from kg import ingest
from kg.analyse import Segmenter, analyse
from kg.cache import Cache, Extracted, article_key
from kg.errors import InputError, OntologyError, SettingsError
from kg.export.write import write_exports, write_file
from kg.extract import EXTRACTORS, check_pipeline, extract_all
from kg.graph import Graphs, article_graphs, build_graphs, check_terms, header_graphs, load_ontology
from kg.ingest import Split, Splitter, no_articles, split_one, split_sources
from kg.model import AnalysedArticle, Article, KnowledgeBase, Mention, Source
from kg.parallel import forked_map, ordered_map
from kg.query import Table, load, load_triples, run
from kg.read import read_inputs
from kg.rejects import Reject, RejectLog, rejects_jsonl
from kg.resolve import Resolver, resolve
from kg.resolve.checkpoint import Checkpoints, ResolveState, source_chain
from kg.settings import DEFAULT_SETTINGS, HTML_MAX_NODES, Settings

if TYPE_CHECKING:
    from kg.distributed import DaskExecutor
    from kg.incremental import LiveBuild

log = logging.getLogger(__name__)


def default_cache_dir(out_dir: str | Path) -> Path:
    """``.kg-cache-NAME`` beside the build directory ``NAME``: outside it, because every build swaps in
    a whole new directory, and beside it, so that a build writes nowhere else."""
    out = Path(out_dir).absolute()
    return out.parent / f".kg-cache-{out.name}"


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
                  rejects: RejectLog | None = None, *, jobs: int = 1,
                  outputs: Iterable[str | Path] = ()) -> Iterator[Article]:
    """The good articles of ``inputs``; bad records raise, or go to ``rejects`` when keeping going.
    With ``jobs`` > 1 the pages are split in that many worker processes (``split_in_workers``).
    Files of ``outputs`` (a build's output directory) found in an input directory are not read."""
    log_ = rejects if rejects is not None else RejectLog(keep_going=settings.keep_going)
    return ingest.read_articles(inputs, settings, log_, _splitter(settings, jobs), outputs)


MIN_SOURCES_PER_SPLITTER = 50


def _split_at(state: object, index: int) -> Split:
    sources, settings = cast(tuple[list[Source], Settings], state)
    return split_one(sources[index], settings)


def split_in_workers(sources: Iterable[Source], settings: Settings, jobs: int) -> Iterator[tuple[Source, Split]]:
    """Each source with what splitting it gave, in order, split in ``jobs`` forked worker processes.

    Splitting was the last stage before extraction that ran in one process: half a second of 10 MB,
    with the other cores idle. Pages are independent; the article ids are checked afterwards, in
    input order (``ingest.split_sources``), so the articles and rejects are the same either way.
    Workers inherit the sources and are sent their indexes: a page's source reads its file again when
    it is split, through a closure that cannot be pickled.
    """
    listed = list(sources)
    workers = min(jobs, max(1, len(listed) // MIN_SOURCES_PER_SPLITTER))
    return zip(listed, forked_map(_split_at, (listed, settings), range(len(listed)), jobs=workers, chunksize=16),
               strict=True)


def _splitter(settings: Settings, jobs: int) -> Splitter | None:
    return partial(split_in_workers, settings=settings, jobs=jobs) if jobs > 1 else None


Document = tuple[AnalysedArticle, Sequence[Mention]]


def knowledge_base(inputs: Iterable[str | Path], settings: Settings = DEFAULT_SETTINGS) -> KnowledgeBase:
    """Read, split, analyse, extract and resolve: everything before the graph."""
    return resolve(extracted_documents(list(read_articles(inputs, settings)), settings), settings)


def write_build(out_dir: str | Path, files: dict[str, bytes], rejects: RejectLog) -> tuple[Path, ...]:
    """Swap in the export set, with ``rejects.jsonl`` (empty when nothing was skipped), all at once."""
    return write_exports(out_dir, {**files, REJECTS_FILE: rejects_jsonl(rejects.items)})


class Progress(Protocol):
    """What a build reports while it runs; ``kg.cli`` draws it as a progress bar."""

    def stage(self, name: str, total: int | None = None) -> None: ...

    def advance(self, count: int = 1) -> None: ...


class _Silent:
    def stage(self, name: str, total: int | None = None) -> None:
        pass

    def advance(self, count: int = 1) -> None:
        pass


@dataclass(frozen=True)
class _Reading:
    articles: list[Article]  # those to analyse and resolve in this build
    resumed: ResolveState | None  # the resolution of the sources before them, from a checkpoint
    chain: list[str]  # source_chain of every source; empty when the build keeps no checkpoint
    seen: dict[str, str]  # every article id read, with where it was read


def _read(inputs: Sequence[str | Path], settings: Settings, rejects: RejectLog,
          checkpoints: Checkpoints | None, live: LiveBuild | None = None, jobs: int = 1,
          outputs: Sequence[str | Path] = ()) -> _Reading:
    """Every article, or with checkpoints, those after the longest run of sources a checkpoint holds."""
    if checkpoints is None:
        return _Reading(list(read_articles(inputs, settings, rejects, jobs=jobs, outputs=outputs)), None, [], {})
    probe = RejectLog(keep_going=True)
    sources = list(read_inputs(inputs, encoding=settings.encoding, max_chars=settings.max_article_chars,
                               on_error=probe, outputs=outputs))
    if len(probe):
        # bad records are reported in their place among the articles: read the ordinary way, no resuming
        return _Reading(list(read_articles(inputs, settings, rejects, jobs=jobs, outputs=outputs)), None, [], {})
    chain = source_chain(sources, settings)
    # a build kept in memory holds the state its last build ended with: no checkpoint to read back
    found = (live.take_state(chain) if live is not None else None) or checkpoints.latest(chain)
    start, resumed = found if found is not None else (0, None)
    seen = dict(resumed.seen) if resumed is not None else {}
    split = _splitter(settings, jobs)
    if live is not None:
        split = live.splitter(sources, settings, split)  # the pages it split before, as they were
    articles = list(split_sources(sources[start:], settings, rejects, seen, split))
    if live is not None and resumed is None:
        live.keep_extracted(article_key(article, settings) for article in articles)
    if not seen:
        raise no_articles(inputs, rejects)
    if resumed is not None:
        log.info("resumed after %d of %d sources (%d articles) from a checkpoint", start, len(sources),
                 resumed.articles)
    return _Reading(articles, resumed, chain, seen)


MIN_ARTICLES_PER_WORKER = 20


@lru_cache(maxsize=1)
def _segmenter() -> Segmenter:
    """One per process: it keeps nothing of the articles it segments, and making one copies jieba's
    dictionary (about a tenth of a second), which ``kg watch`` would otherwise pay on every change."""
    return Segmenter()


def _worker_setup(settings: Settings) -> tuple[Segmenter, Settings]:
    return _segmenter(), settings


def _extract_one(state: object, article: Article) -> Extracted:
    """Analyse and extract one article; what resolution needs of it, without its tokens."""
    segmenter, settings = cast(tuple[Segmenter, Settings], state)
    doc = analyse(article, segmenter)
    return doc.sentences, doc.dates, tuple(extract_all(doc, settings))


def _extract_packed(state: object, article: Article) -> bytes:
    """``_extract_one`` pickled in the worker: the parent stores these bytes in the cache as they are
    and unpickles them once, instead of unpickling what the pool sent and pickling it again."""
    return pickle.dumps(_extract_one(state, article), protocol=pickle.HIGHEST_PROTOCOL)


# Analysed and extracted once by ``warm_resources``: it names a place, a post, a person and a meeting, so
# that every extractor builds the tables it makes on first use.
_WARM_UP = Article(id="warm-up", title="会议", text="河南省郑州市召开工作会议，市委书记王某出席会议并讲话。",
                   reporters=(), published=None, url=None, path="(warm-up)", line=None)


def warm_resources(settings: Settings = DEFAULT_SETTINGS) -> None:
    """Load what extraction needs now: the segmenter with jieba's dictionary, the gazetteer, and the
    tables each extractor makes on first use (the gazetteer's name index, lexicons, patterns). Before
    forking workers, so that they share them, and in ``kg watch`` while it waits, so that the first
    change does not pay for them."""
    _extract_one((_segmenter(), settings), _WARM_UP)


def _run_extraction(articles: Sequence[Article], settings: Settings, *, jobs: int,
                    dask: DaskExecutor | None, progress: Progress) -> Iterator[tuple[Extracted, bytes | None]]:
    """Each article's result, with its pickled form when a worker process made it."""
    if not articles:
        return
    setup = partial(_worker_setup, settings)
    if dask is not None:
        results = dask.map(_extract_one, articles, setup=setup)
        progress.advance(len(articles))
        yield from ((result, None) for result in results)
        return
    # a worker costs a fork and its own segmenter: worth it only for a share of some size
    workers = min(jobs, max(1, len(articles) // MIN_ARTICLES_PER_WORKER))
    if workers == 1:
        for result in ordered_map(_extract_one, articles, jobs=1, setup=setup):
            progress.advance()
            yield result, None
        return
    warm_resources(settings)
    for packed in ordered_map(_extract_packed, articles, jobs=workers, setup=setup):
        progress.advance()
        yield pickle.loads(packed), packed


def _render_shard(kb: KnowledgeBase, article_ids: Sequence[str]) -> bytes:
    from kg.export.nquads import to_nquads

    return to_nquads(article_graphs(kb, only=frozenset(article_ids)))


def _graph_shards(kb: KnowledgeBase, dask: DaskExecutor, shard_dir: Path) -> Graphs:
    """The article graphs rendered as N-Quads shards on the cluster, kept in ``shard_dir`` (ready for a
    bulk load into a store), and merged back by union."""
    from kg.export.nquads import from_nquads

    ids = [article.id for article in kb.articles]
    size = max(1, -(-len(ids) // (4 * dask.workers())))
    chunks = [ids[i:i + size] for i in range(0, len(ids), size)]
    shards = dask.map_shared(_render_shard, kb, chunks)
    shard_dir.mkdir(parents=True, exist_ok=True)
    for stale in shard_dir.glob("part-*.nq"):
        stale.unlink()
    for number, data in enumerate(shards):
        (shard_dir / f"part-{number:05d}.nq").write_bytes(data)
    graphs = from_nquads(shards)
    graphs.update(header_graphs())
    return Graphs(graphs)


def extracted_documents(articles: Sequence[Article], settings: Settings, *, jobs: int = 1,
                        cache: Cache | None = None, dask: DaskExecutor | None = None,
                        progress: Progress | None = None,
                        timings: dict[str, float] | None = None) -> list[Document]:
    """Every article analysed and extracted, in input order, from the cache where it holds them."""
    return list(stream_documents(articles, settings, jobs=jobs, cache=cache, dask=dask, progress=progress,
                                 timings=timings))


def stream_documents(articles: Sequence[Article], settings: Settings, *, jobs: int = 1,
                     cache: Cache | None = None, dask: DaskExecutor | None = None,
                     progress: Progress | None = None,
                     timings: dict[str, float] | None = None,
                     kept: dict[str, Extracted] | None = None) -> Iterator[Document]:
    """``extracted_documents`` one by one, as the workers finish them: resolution consumes each while the
    workers go on with the next, instead of waiting for all of them.

    Resolution reads sentences, dates and mentions, never tokens, so documents come without their
    tokens: the cache need not store them, and a big corpus need not hold millions of them.
    ``timings`` gets the seconds spent here, not those the consumer spends between documents.
    ``kept``: results a build kept in memory holds by article key, read before the cache and filled.
    """
    problems = check_pipeline(EXTRACTORS)
    if problems:
        raise OntologyError("; ".join(problems))
    progress = progress or _Silent()
    timings = timings if timings is not None else {}
    mark = time.perf_counter()
    keyed = cache is not None or kept is not None
    keys = [article_key(article, settings) for article in articles] if keyed else []
    found = {key: kept[key] for key in keys if key in kept} if kept is not None else {}
    if cache is not None:
        found.update(cache.get_many(key for key in keys if key not in found))
    timings["cache read"] = time.perf_counter() - mark
    progress.stage("extract", len(articles))
    progress.advance(sum(1 for key in keys if key in found))
    missing = [i for i in range(len(articles)) if not keyed or keys[i] not in found]
    log.info("%d articles from the cache, %d to extract", len(articles) - len(missing), len(missing))
    own = 0.0
    mark = time.perf_counter()
    fresh = _run_extraction([articles[i] for i in missing], settings, jobs=jobs, dask=dask, progress=progress)
    for index, article in enumerate(articles):
        if keyed and keys[index] in found:
            sentences, dates, mentions = found[keys[index]]
        else:
            (sentences, dates, mentions), packed = next(fresh)
            if cache is not None:
                cache.put(keys[index], (sentences, dates, mentions), packed=packed)
        if kept is not None:
            kept[keys[index]] = (sentences, dates, mentions)
        own += time.perf_counter() - mark
        yield AnalysedArticle(article, sentences, dates), mentions
        mark = time.perf_counter()
    # the pool ends (its workers exit) when the generator is exhausted
    next(fresh, None)
    own += time.perf_counter() - mark
    timings["analyse+extract"] = own
    if cache is not None:
        mark = time.perf_counter()
        cache.flush()
        timings["cache write"] = time.perf_counter() - mark


@contextmanager
def collector_paused() -> Iterator[None]:
    """Turn off Python's cyclic garbage collector for a build, and back on after it.

    A build allocates millions of small containers (tokens, triples, index entries) that live until it
    ends, and every automatic collection traverses the whole heap again: that was an eighth of a 10 MB
    build. A build leaves a few objects per page in reference cycles, not per sentence or triple
    (``tests/test_scale.py`` measures it), so the memory this keeps back stays small. Forked workers
    inherit the setting.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def build(inputs: Sequence[str | Path] = ("seeds",), out_dir: str | Path = "exports",
          settings: Settings = DEFAULT_SETTINGS, *, formats: Sequence[str] = (), jobs: int = 1,
          use_cache: bool = True, cache_dir: str | Path | None = None, executor: str = "local",
          scheduler: str | None = None, progress: Progress | None = None,
          html_max_nodes: int | None = HTML_MAX_NODES, live: LiveBuild | None = None) -> BuildReport:
    """Build the graph of ``inputs`` into ``out_dir`` (``kg.ttl``, ``kg.trig``, ``kg.html``).

    ``formats`` adds files: ``nt`` (``kg.nt``), ``nq`` (``kg.nq``), ``jsonld`` (``kg.jsonld`` and
    ``kg.context.jsonld``), or ``all``. ``jobs`` worker processes analyse and extract;
    ``executor="dask"`` runs that work on the Dask cluster at ``scheduler`` (a local one if None).
    Results are cached in ``cache_dir`` (default ``.kg-cache-NAME`` beside ``out_dir``) unless
    ``use_cache`` is false. A graph of more than ``html_max_nodes`` nodes (None: no limit) gets an
    overview of that many in ``kg.html``. ``live``, kept by the caller from one build to the next
    (``kg watch``), keeps the graph and the export files' parts in memory, so that a build after a
    small change renders only what changed (``kg.incremental``).
    The exports are the same bytes either way.
    """
    with collector_paused():
        return _build(inputs, out_dir, settings, formats=formats, jobs=jobs, use_cache=use_cache,
                      cache_dir=cache_dir, executor=executor, scheduler=scheduler, progress=progress,
                      html_max_nodes=html_max_nodes, live=live)


def _build(inputs: Sequence[str | Path], out_dir: str | Path, settings: Settings, *, formats: Sequence[str],
           jobs: int, use_cache: bool, cache_dir: str | Path | None, executor: str, scheduler: str | None,
           progress: Progress | None, html_max_nodes: int | None, live: LiveBuild | None) -> BuildReport:
    from kg.export import ExportOptions, file_names, render_all

    file_names(formats)  # a bad format fails before the long part of the build
    if jobs < 1:
        raise SettingsError("jobs", jobs, "an integer >= 1")
    if html_max_nodes is not None and html_max_nodes < 1:
        raise SettingsError("html_max_nodes", html_max_nodes, "a number of nodes >= 1, or None for all")
    if executor not in ("local", "dask"):
        raise SettingsError("executor", executor, "local or dask")
    if live is not None and executor != "local":
        raise SettingsError("executor", executor, "local, for a build kept in memory (kg watch)")
    progress = progress or _Silent()
    timings: dict[str, float] = {}
    started = time.perf_counter()
    progress.stage("read")
    rejects = RejectLog(keep_going=settings.keep_going)
    cache_path = Path(cache_dir) if cache_dir else default_cache_dir(out_dir)
    checkpoints = Checkpoints(cache_path) if use_cache else None
    # a Dask build's cluster is for extraction: its pages are split here, in one process
    reading = _read(inputs, settings, rejects, checkpoints, live, jobs if executor == "local" else 1, (out_dir,))
    articles = reading.articles
    timings["read+split"] = time.perf_counter() - started
    log.info("read %d articles", len(articles))

    with ExitStack() as stack:
        dask = None
        if executor == "dask":
            from kg.distributed import DaskExecutor

            dask = stack.enter_context(DaskExecutor(scheduler, workers=jobs if jobs > 1 else None))
        cache = stack.enter_context(Cache(cache_path)) if use_cache else None
        mark = time.perf_counter()
        resolver = reading.resumed.resolver if reading.resumed else Resolver(settings)  # loads the gazetteer
        resolving = time.perf_counter() - mark
        # each document is resolved as soon as it is extracted: with worker processes, this process
        # resolves while they extract the next ones
        kept = live.extracted if live is not None else None
        for doc, mentions in stream_documents(articles, settings, jobs=jobs, cache=cache, dask=dask,
                                              progress=progress, timings=timings, kept=kept):
            mark = time.perf_counter()
            resolver.add(doc, mentions)
            resolving += time.perf_counter() - mark
        if cache is not None:
            cache.close()

        progress.stage("resolve")
        mark = time.perf_counter()
        total = len(articles) + (reading.resumed.articles if reading.resumed else 0)
        if checkpoints is not None and reading.chain and not rejects:
            # before result(): the state a build resumes from is exactly the one it would have reached
            state = ResolveState(resolver, reading.seen, total)
            if live is not None:
                live.keep_state(reading.chain, state)
            if live is None or reading.resumed is None:
                # a build kept in memory saves the state it started from, not every change's (its
                # pickling took longer than the rest of a change's resolution): a later cold build
                # resumes from there
                checkpoints.save(reading.chain[-1], state)
        kb = resolver.result()
        timings["resolve"] = resolving + time.perf_counter() - mark

        progress.stage("graph")
        mark = time.perf_counter()
        if live is not None:
            graphs = live.graphs_of(kb, settings, formats, html_max_nodes)
        else:
            graphs = _graph_shards(kb, dask, cache_path / "shards") if dask else build_graphs(kb)
    # a live build checks only what entered the graph: the rest was checked before
    checked = live.graphs.change.added if live is not None else graphs.union()
    unknown = check_terms(checked, live.ontology if live is not None else load_ontology())
    if unknown:
        raise OntologyError(f"the graph uses terms the ontology does not define: {', '.join(unknown)}")
    timings["graph"] = time.perf_counter() - mark

    progress.stage("export")
    mark = time.perf_counter()
    ready = live.render() if live is not None else {}
    files = render_all(graphs, formats, ExportOptions(html_max_nodes=html_max_nodes), jobs=jobs, ready=ready)
    timings["export"] = time.perf_counter() - mark
    mark = time.perf_counter()
    written = write_build(out_dir, files, rejects)
    timings["write"] = time.perf_counter() - mark
    return BuildReport(Path(out_dir), written, total, len(graphs.union()), timings, rejects.items)


@dataclass(frozen=True)
class ExplorerReport:
    path: Path
    nodes: int
    edges: int
    focus: str | None = None  # the focused node's label
    depth: int | None = None
    total_nodes: int = 0


def explorer(target: str | Path, out: str | Path, *, focus: str | None = None,
             depth: int = 1, max_nodes: int | None = HTML_MAX_NODES) -> ExplorerReport:
    """Write the HTML explorer of a built graph (a build directory or an RDF file) to ``out``.

    With ``focus`` (a name, alternative name, pinyin, IRI or IRI's last segment), only the nodes at most
    ``depth`` edges away from that node are drawn: for a graph too big to view whole.
    """
    from kg.export.html import render_page
    from kg.export.view import GraphView, find_nodes, graph_view, suggestions

    if depth < 0:
        raise SettingsError("depth", depth, "a whole number of edges, 0 or more")
    if max_nodes is not None and max_nodes < 1:
        raise SettingsError("max_nodes", max_nodes, "a number of nodes >= 1, or None for all")
    centres: list[str] = []

    def neighbourhood(whole: GraphView) -> set[str]:
        """The focused node's neighbourhood: the only nodes whose panels the page shows."""
        assert focus is not None
        found = find_nodes(whole, focus)
        if not found:
            similar = suggestions(whole, focus)
            close = "; did you mean " + "、".join(n.label for n in similar) if similar else ""
            raise InputError(str(target), None, f"no node is named {focus!r}{close}")
        if len(found) > 1:
            listed = ", ".join(f"{n.id} ({n.kind})" for n in found[:8])
            raise InputError(str(target), None, f"{focus!r} names {len(found)} nodes: {listed}; "
                                                "give the IRI of the one you mean")
        centres.append(found[0].id)
        return {n.id for n in whole.around(found[0].id, depth).nodes}

    # a focused page needs the whole view to find its centre; else the overview is all that is drawn
    view = graph_view(load_triples(target), load_ontology(), max_nodes=None if focus else max_nodes,
                      facts_for=neighbourhood if focus is not None else None)
    total = view.total_nodes
    if focus is not None:
        view = view.around(centres[0], depth)
    out_path = Path(out)
    write_file(out_path, render_page(view))
    centre = next((f"{n.label}（{n.kind}）" for n in view.nodes if n.id == view.focus), None)
    return ExplorerReport(out_path, len(view.nodes), len(view.edges), centre, view.depth if focus else None,
                          total)


def query(target: str | Path, sparql: str) -> Table:
    """Run ``sparql`` over a build directory or an RDF file."""
    return run(load(target), sparql)
