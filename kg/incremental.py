"""A build kept in memory between builds (``kg watch``), so that the next build redoes only what changed.

A cold ``kg build`` after one new article still pays for the whole corpus's graph and export stages
(about a second at 10 MB) besides starting Python and loading its resources. A resident build keeps
what its stages made and updates it:

- **split and extract**: what each source split into, and each article's extraction results (in
  front of the per-article cache);
- **resolve**: the resolver's state after the last build's sources, handed to the next build when its
  inputs start with them (``take_state``): no checkpoint is read back;
- **graph**: the knowledge base is compared with the previous one entity by entity; only the named
  graphs of articles that are new, changed, or describe a changed entity are built again
  (``article_graphs(kb, only=…)``). Every other article's graph is, by construction, the same set of
  triples as before: a graph is a function of its article's record and of the entities it describes.
- **Turtle and TriG**: each subject's block of ``kg.ttl`` and each named graph's block of ``kg.trig``
  is kept as text; only the blocks whose triples changed are written again. A block is written in the
  canonical order of its own terms, which is the order the whole-file writer gives them (the order is
  total, so a term's neighbours do not change it), so the file is the same bytes.
- **the explorer**: ``kg.export.live.LiveExplorer`` keeps its index, evidence and panels.

Every update is checked by the tests against a full build of the same input, byte for byte.
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from collections.abc import Hashable, Iterable, Iterator, Mapping, Sequence
from dataclasses import astuple, dataclass, field, replace
from typing import Any

from rdflib import Graph, URIRef
from rdflib.term import Node

from kg.cache import Extracted
from kg.export.html import PageParts
from kg.export.live import LiveExplorer
from kg.export.rdf import HEADER, sort_key, statements_of, term, terms_of
from kg.graph import Graphs, Triple, article_graphs, header_graphs, iri, load_ontology
from kg.ingest import Split, Splitter, split_one
from kg.model import KnowledgeBase, Source
from kg.resolve import ids
from kg.resolve.checkpoint import ResolveState, source_content
from kg.settings import HTML_MAX_NODES, Settings

# The knowledge base's entity tables, each keyed by the entity's key (articles by id).
_TABLES = ("areas", "persons", "organizations", "posts", "projects", "campaigns", "events")
# entity tables whose entities name the articles they were read from
_SOURCED = ("posts", "projects", "campaigns", "events")


def _provenance_ids(entity: Any) -> Iterator[str]:
    provenance = entity.provenance
    if isinstance(provenance, tuple):
        for prov in provenance:
            yield prov.article_id
    else:
        yield provenance.article_id


@dataclass
class GraphChange:
    """What one update changed: named graphs built again, and triples that entered or left the union."""

    graphs: set[URIRef] = field(default_factory=set)
    before: dict[URIRef, set[Triple]] = field(default_factory=dict)  # what the rebuilt graphs held
    added: set[Triple] = field(default_factory=set)
    removed: set[Triple] = field(default_factory=set)


class LiveGraphs:
    """The named graphs of the last build, with what Turtle and TriG wrote of them."""

    def __init__(self) -> None:
        self._tables: dict[str, dict[str, Any]] = {}
        self._officials: frozenset[str] = frozenset()
        self._graphs: dict[URIRef, set[Triple]] = {}
        self._article_of: dict[URIRef, str] = {}  # graph name → article id
        self._describing: dict[Node, set[str]] = defaultdict(set)  # subject → ids of articles describing it
        self._count: dict[Triple, int] = {}  # the union, with how many graphs hold each triple
        self._by_subject: dict[Node, set[Triple]] = defaultdict(set)  # the union by subject
        self._trig: dict[URIRef, bytes] = {}  # kept encoded: encoding the whole file again cost as much as
        self._turtle: dict[Node, bytes] = {}  # writing it, and UTF-8 of a concatenation is the concatenation
        self._names: list[tuple[str, URIRef]] = []  # graph names in TriG order
        self._subjects: list[tuple[tuple[int, str, str], Node]] = []  # subjects in Turtle order
        self.change = GraphChange()

    # ---------------------------------------------------------------------------------- graph

    def update(self, kb: KnowledgeBase) -> Graphs:
        """The graphs of ``kb``, built again only where they differ from the previous ``kb``'s."""
        tables = {name: {entity.key: entity for entity in getattr(kb, name)} for name in _TABLES}
        tables["articles"] = {record.id: record for record in kb.articles}
        first = not self._tables
        self.change = GraphChange()
        if first:
            dirty = set(tables["articles"])
            self._apply(header_graphs(), {})
        else:
            dirty = self._dirty(tables, kb.officials)
        self._tables, self._officials = tables, kb.officials
        rebuilt = article_graphs(_sources_of(kb, dirty), only=dirty) if dirty else {}
        names = {iri(ids.article_key(article_id)): article_id for article_id in dirty}
        self._article_of.update(names)
        # one application for all: a triple that moves from one graph to another is no change to the union
        self._apply({name: rebuilt.get(name, set()) for name in names}, self._article_of)
        # the union is what this class keeps counted; handing it over saves a pass over every graph
        return Graphs(self._graphs, known_union=frozenset(self._count))

    def _dirty(self, tables: Mapping[str, Mapping[str, Any]], officials: frozenset[str]) -> set[str]:
        """Ids of the articles whose graphs may differ: new, changed or gone articles, those that
        describe an entity that changed, and those a changed fact was read from."""
        dirty: set[str] = set()
        changed: set[str] = set(officials ^ self._officials)  # a person who gained or lost a post
        for name, now in tables.items():
            before = self._tables[name]
            for key in now.keys() | before.keys():
                old, new = before.get(key), now.get(key)
                if old == new:
                    continue
                if name == "articles":
                    dirty.add(key)
                    continue
                changed.add(key)
                if name in _SOURCED:
                    for entity in (old, new):
                        if entity is not None:
                            dirty.update(_provenance_ids(entity))
        for key in changed:
            dirty.update(self._describing.get(iri(key), ()))
        return dirty

    def _apply(self, graphs: Mapping[URIRef, set[Triple]], article_of: Mapping[URIRef, str]) -> None:
        """Put ``graphs`` in place of the graphs of the same names, counting what enters or leaves the union."""
        was: dict[Triple, bool] = {}
        for name, new in graphs.items():
            old = self._graphs.get(name, set())
            if old == new:
                continue
            self.change.graphs.add(name)
            self.change.before[name] = old
            article = article_of.get(name)
            if article is not None:
                for s in {t[0] for t in old} - {t[0] for t in new}:
                    self._describing[s].discard(article)
                    if not self._describing[s]:
                        del self._describing[s]
                for s in {t[0] for t in new}:
                    self._describing[s].add(article)
            for triple in old - new:
                was.setdefault(triple, True)
                left = self._count[triple] - 1
                if left:
                    self._count[triple] = left
                else:
                    del self._count[triple]
            for triple in new - old:
                was.setdefault(triple, triple in self._count)
                self._count[triple] = self._count.get(triple, 0) + 1
            if new:
                if name not in self._graphs:
                    bisect.insort(self._names, (str(name), name))
                self._graphs[name] = new
            elif name in self._graphs:
                del self._graphs[name]
                self._names.remove((str(name), name))
                self._article_of.pop(name, None)  # an article gone from the inputs
            self._trig.pop(name, None)
        for triple, present in was.items():
            now = triple in self._count
            if now == present:
                continue
            (self.change.added if now else self.change.removed).add(triple)
            subject = triple[0]
            if now:
                if subject not in self._by_subject:
                    bisect.insort(self._subjects, (sort_key(subject), subject))
                self._by_subject[subject].add(triple)
            else:
                self._by_subject[subject].discard(triple)
                if not self._by_subject[subject]:
                    del self._by_subject[subject]
                    self._subjects.remove((sort_key(subject), subject))
            self._turtle.pop(subject, None)

    # ---------------------------------------------------------------------------------- text

    def turtle(self) -> bytes:
        """``kg.ttl``: the same bytes as ``kg.export.rdf.turtle`` of the union."""
        missing = [subject for _, subject in self._subjects if subject not in self._turtle]
        # the terms of all the blocks to write, written once: all of them after the first build
        terms = terms_of(self._by_subject[subject] for subject in missing)
        for subject in missing:
            self._turtle[subject] = statements_of(self._by_subject[subject], terms=terms)[0].encode("utf-8")
        return (HEADER + "\n").encode("utf-8") + b"\n".join(self._turtle[s] for _, s in self._subjects)

    def trig(self) -> bytes:
        """``kg.trig``: the same bytes as ``kg.export.rdf.trig`` of the named graphs."""
        missing = [name for _, name in self._names if name not in self._trig]
        terms = terms_of(self._graphs[name] for name in missing)
        for name in missing:
            body = "\n".join(statements_of(self._graphs[name], indent="    ", terms=terms))
            self._trig[name] = f"\n{term(name)} {{\n{body}}}\n".encode() if body else b""
        return b"".join([HEADER.encode("utf-8"), *(self._trig[name] for _, name in self._names)])


def _sources_of(kb: KnowledgeBase, article_ids: set[str]) -> KnowledgeBase:
    """``kb`` cut down to what the graphs of ``article_ids`` are made from: their records and the facts
    read from them, with every entity they may describe. The builder then walks a few entities instead
    of the whole corpus's to fill a few graphs."""
    def read_here(entity: Any) -> bool:
        return any(article in article_ids for article in _provenance_ids(entity))

    return replace(kb, articles=tuple(r for r in kb.articles if r.id in article_ids),
                   posts=tuple(filter(read_here, kb.posts)), projects=tuple(filter(read_here, kb.projects)),
                   campaigns=tuple(filter(read_here, kb.campaigns)), events=tuple(filter(read_here, kb.events)))


def _held(source: Source) -> Hashable:
    """What a source's split depends on: where it is and what it holds."""
    return source.path, source.line, source_content(source)


class LiveBuild:
    """What a build kept in memory (``kg watch``) carries from one build to the next.

    Pass the same object to every ``kg.api.build``; a build with other settings, formats or explorer
    size starts over, and so does one that failed halfway through an update.
    """

    graphs: LiveGraphs
    explorer: LiveExplorer
    _page: PageParts
    _options: Hashable  # the settings, formats and explorer size the parts above were made for
    _current: Graphs | None

    def __init__(self) -> None:
        self._start_over()
        self._ontology: Graph | None = None
        self._state: tuple[list[str], ResolveState] | None = None
        self.extracted: dict[str, Extracted] = {}  # analysis and extraction by article key
        self._splits: dict[Hashable, Split] = {}  # what each source split into, by what it holds
        self._split_settings: Settings | None = None

    @property
    def ontology(self) -> Graph:
        if self._ontology is None:
            self._ontology = load_ontology()
        return self._ontology

    def graphs_of(self, kb: KnowledgeBase, settings: Settings, formats: Sequence[str],
                  html_max_nodes: int | None) -> Graphs:
        options = (astuple(settings), tuple(sorted(formats)), html_max_nodes)
        if options != self._options:
            self._start_over(html_max_nodes)
            self._options = options
        try:
            self._current = self.graphs.update(kb)
        except BaseException:
            self._start_over()  # half updated: the next build starts over
            raise
        return self._current

    def take_state(self, chain: Sequence[str]) -> tuple[int, ResolveState] | None:
        """The resolution state the last build ended with, if ``chain`` (``source_chain`` of this build's
        sources) starts with that build's sources; the build resumes from it and changes it, so it is
        handed over, not copied, and kept again only when the build's resolution completes."""
        kept, self._state = self._state, None
        if kept is None or not kept[0] or len(kept[0]) > len(chain) or chain[len(kept[0]) - 1] != kept[0][-1]:
            return None  # each digest covers every source before it: one comparison checks the prefix
        return len(kept[0]), kept[1]

    def keep_state(self, chain: Sequence[str], state: ResolveState) -> None:
        """Keep the resolution state after the sources ``chain`` digests, for the next build."""
        self._state = (list(chain), state)

    def splitter(self, sources: Sequence[Source], settings: Settings, split: Splitter | None) -> Splitter:
        """A splitter that gives the sources split before what they split into then, and splits the
        others (with ``split``, else here). What is kept is cut down to ``sources``, this build's."""
        if settings != self._split_settings:  # what a page splits into depends on the settings too
            self._splits, self._split_settings = {}, settings
        kept = {key: self._splits[key] for key in map(_held, sources) if key in self._splits}
        self._splits = kept

        def split_kept(todo: Iterable[Source]) -> Iterator[tuple[Source, Split]]:
            listed = list(todo)
            new = [source for source in listed if _held(source) not in kept]
            made = split(new) if split is not None else ((source, split_one(source, settings)) for source in new)
            for source, events in made:
                kept[_held(source)] = events
            return ((source, kept[_held(source)]) for source in listed)

        return split_kept

    def keep_extracted(self, keys: Iterable[str]) -> None:
        """Drop the extraction results of articles no longer read: ``keys`` are all of this build's."""
        wanted = set(keys)
        self.extracted = {key: value for key, value in self.extracted.items() if key in wanted}

    def _start_over(self, html_max_nodes: int | None = HTML_MAX_NODES) -> None:
        """Forget the graph and the export parts (not what is keyed by content: splits, extraction)."""
        self.graphs = LiveGraphs()
        self.explorer = LiveExplorer(html_max_nodes)
        self._page = PageParts()
        self._options = None
        self._current = None

    def render(self) -> dict[str, bytes]:
        """The export files this object keeps the parts of; the build renders the others whole."""
        from kg.export.html import render_page  # the explorer's libraries: imported when it is drawn

        assert self._current is not None, "render() comes after graphs_of()"
        change = self.graphs.change
        try:
            view = self.explorer.update(self._current, change.added, change.removed, change.before)
        except BaseException:
            self._start_over()
            raise
        return {"kg.ttl": self.graphs.turtle(), "kg.trig": self.graphs.trig(),
                "kg.html": render_page(view, self._page)}
