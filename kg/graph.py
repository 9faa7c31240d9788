"""Render a ``KnowledgeBase`` as an rdflib ``Dataset``: one named graph per article.

Every triple is put into the graph of each article it was read from (an entity's description goes
into every article that mentions it), so the union of the named graphs is the whole graph, and each
article's graph stands on its own. Provenance: posts, events, projects and campaigns carry
``kg:source`` (the article) and ``kg:evidence`` (the sentence, ``@zh``).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from importlib import resources
from pathlib import Path
from types import SimpleNamespace

from rdflib import RDF, RDFS, XSD, Dataset, Graph, Literal, URIRef
from rdflib.namespace import OWL, SKOS

from kg.errors import OntologyError
from kg.model import AreaEntity, KnowledgeBase, Provenance
from kg.resolve import ids
from kg.vocab import KG, ONTOLOGY_IRI, PREFIXES, RESOURCE_BASE

DATASET_IRI = URIRef(RESOURCE_BASE)
Triple = tuple[URIRef, URIRef, URIRef | Literal]


# The builder names a term for every triple it writes; a DefinedNamespace attribute (KG.source) checks
# the name on every lookup, which added up to a third of this stage, so it reads them from a plain copy.
_T = SimpleNamespace(**{name: KG[name] for name in KG.__annotations__},
                     type=RDF.type, label=RDFS.label, altLabel=SKOS.altLabel)


@lru_cache(maxsize=500_000)  # the same entities recur in thousands of article graphs
def iri(key: str) -> URIRef:
    return URIRef(RESOURCE_BASE + key)


@lru_cache(maxsize=500_000)
def zh(text: str) -> Literal:
    return Literal(text, lang="zh")


def ontology_path() -> Path:
    """``ontology/kg.ttl``: in a source checkout, or the copy packaged into the wheel."""
    checkout = Path(__file__).resolve().parent.parent / "ontology" / "kg.ttl"
    if checkout.exists():
        return checkout
    packaged = resources.files("kg").joinpath("ontology", "kg.ttl")
    return Path(str(packaged))


def load_ontology() -> Graph:
    graph = Graph()
    try:
        graph.parse(ontology_path(), format="turtle")
    except (OSError, ValueError) as exc:
        raise OntologyError(f"cannot read the ontology {ontology_path()}: {exc}") from None
    return graph


def date_literal(value: str) -> Literal:
    """xsd:date for YYYY-MM-DD, xsd:gMonthDay for --MM-DD."""
    return Literal(value, datatype=XSD.gMonthDay if value.startswith("--") else XSD.date)


class _Builder:
    def __init__(self, kb: KnowledgeBase, only: Collection[str] | None = None) -> None:
        self.kb = kb
        self.only = only
        self.triples: dict[str, set[Triple]] = defaultdict(set)
        self.areas = {a.key: a for a in kb.areas}
        self.persons = {p.key: p for p in kb.persons}
        self.orgs = {o.key: o for o in kb.organizations}
        self.campaigns = {c.key: c for c in kb.campaigns}
        self.projects = {p.key: p for p in kb.projects}
        self._areas_done: dict[str, frozenset[Triple]] = {}

    def add(self, article_id: str, s: URIRef, p: URIRef, o: URIRef | Literal) -> None:
        if self.only is None or article_id in self.only:
            self.triples[article_id].add((s, p, o))

    def provenance(self, node: URIRef, prov: Provenance) -> None:
        self.add(prov.article_id, node, _T.source, iri(ids.article_key(prov.article_id)))
        self.add(prov.article_id, node, _T.evidence, zh(prov.evidence))

    def area(self, article_id: str, key: str) -> None:
        """The area and its ancestors, described in the article's graph."""
        if self.only is None or article_id in self.only:
            self.triples[article_id].update(self._area_description(key))

    def _area_description(self, key: str) -> frozenset[Triple]:
        found = self._areas_done.get(key)
        if found is not None:
            return found
        out: set[Triple] = set()
        seen: set[str] = set()
        current: str | None = key
        while current is not None and current not in seen and current in self.areas:
            seen.add(current)
            area: AreaEntity = self.areas[current]
            node = iri(current)
            out.add((node, _T.type, KG[area.level]))
            out.add((node, _T.label, zh(area.name)))
            for alias in area.aliases:
                out.add((node, _T.altLabel, zh(alias)))
            if area.adcode:
                out.add((node, _T.adcode, Literal(area.adcode)))
            if area.parent:
                out.add((node, _T.partOf, iri(area.parent)))
            current = area.parent
        self._areas_done[key] = frozenset(out)
        return self._areas_done[key]

    def person(self, article_id: str, key: str) -> None:
        node = iri(key)
        self.add(article_id, node, _T.type, _T.Official if key in self.kb.officials else _T.Person)
        self.add(article_id, node, _T.label, zh(self.persons[key].name))

    def organization(self, article_id: str, key: str) -> None:
        org = self.orgs[key]
        node = iri(key)
        self.add(article_id, node, _T.type, _T.Organization)
        self.add(article_id, node, _T.label, zh(org.name))
        if org.area:
            self.add(article_id, node, _T.area, iri(org.area))
            self.area(article_id, org.area)

    def build(self) -> dict[str, set[Triple]]:
        kb = self.kb
        for article in kb.articles:
            node = iri(ids.article_key(article.id))
            self.add(article.id, node, _T.type, _T.Article)
            self.add(article.id, node, _T.label, zh(article.title or f"图片新闻 {article.id}"))
            if article.published:
                self.add(article.id, node, _T.published, Literal(article.published.isoformat(),
                                                                 datatype=XSD.date))
            if article.url:
                self.add(article.id, node, URIRef("https://schema.org/url"), Literal(article.url,
                                                                                     datatype=XSD.anyURI))
            for author in article.authors:
                self.add(article.id, node, _T.author, iri(author))
                self.person(article.id, author)
            for key in article.mentions:
                self.add(article.id, node, _T.mentions, iri(key))
                if key in self.areas:
                    self.area(article.id, key)
                elif key in self.persons:
                    self.person(article.id, key)
        for post in kb.posts:
            aid = post.provenance.article_id
            node = iri(post.key)
            self.add(aid, iri(post.person), _T.holds, node)
            self.person(aid, post.person)
            self.add(aid, node, _T.type, _T.Post)
            self.add(aid, node, _T.label, zh(post.title))
            self.add(aid, node, _T.role, Literal(post.role))
            if post.area:
                self.add(aid, node, _T.area, iri(post.area))
                self.area(aid, post.area)
            if post.organization:
                self.add(aid, node, _T.organization, iri(post.organization))
                self.organization(aid, post.organization)
            self.provenance(node, post.provenance)
        for project in kb.projects:
            for prov in project.provenance:
                node = iri(project.key)
                self.add(prov.article_id, node, _T.type, _T.Project)
                self.add(prov.article_id, node, _T.label, zh(project.name))
                for alias in project.aliases:
                    self.add(prov.article_id, node, _T.altLabel, zh(alias))
                for linked in project.campaigns:
                    self.add(prov.article_id, node, _T.campaign, iri(linked))
                if project.area:
                    self.add(prov.article_id, node, _T.locatedIn, iri(project.area))
                    self.area(prov.article_id, project.area)
                if project.investment:
                    self.add(prov.article_id, node, _T.investment, Literal(project.investment,
                                                                           datatype=XSD.decimal))
                self.provenance(node, prov)
        for campaign in kb.campaigns:
            for prov in campaign.provenance:
                node = iri(campaign.key)
                self.add(prov.article_id, node, _T.type, _T.Campaign)
                self.add(prov.article_id, node, _T.label, zh(campaign.name))
                for area in campaign.areas:
                    self.add(prov.article_id, node, _T.area, iri(area))
                    self.area(prov.article_id, area)
                self.provenance(node, prov)
        for event in kb.events:
            aid = event.provenance.article_id
            node = iri(event.key)
            self.add(aid, node, _T.type, KG[event.type])
            label = f"{event.trigger}（{event.date}）" if event.date else event.trigger
            self.add(aid, node, _T.label, zh(label))
            self.add(aid, node, _T.trigger, Literal(event.trigger))
            if event.date:
                self.add(aid, node, _T.date, date_literal(event.date))
            if event.area:
                self.add(aid, node, _T.locatedIn, iri(event.area))
                self.area(aid, event.area)
            for prop, people in ((_T.participant, event.participants), (_T.chair, event.chairs),
                                 (_T.speaker, event.speakers)):
                for person in people:
                    self.add(aid, node, prop, iri(person))
                    self.person(aid, person)
            for campaign_key in event.campaigns:
                self.add(aid, node, _T.campaign, iri(campaign_key))
            self.provenance(node, event.provenance)
        return self.triples


def bind_prefixes(graph: Graph) -> None:
    for prefix, namespace in PREFIXES:
        graph.bind(prefix, namespace, override=True, replace=True)


@dataclass(frozen=True)
class Graphs:
    """Named graphs as plain sets of triples, keyed by graph IRI.

    The writers need nothing more, and filling an rdflib ``Dataset`` costs more than everything else
    in the graph stage; ``dataset()`` makes one for the consumers that want rdflib's API.
    """

    graphs: dict[URIRef, set[Triple]]
    # the union when the maker already holds it (a build kept in memory counts it as it goes)
    known_union: frozenset[Triple] | None = field(default=None, compare=False, repr=False)

    def quads(self) -> Iterator[tuple[URIRef, URIRef, URIRef | Literal, URIRef]]:
        for name in sorted(self.graphs):
            for s, p, o in self.graphs[name]:
                yield s, p, o, name

    @cached_property
    def _union(self) -> frozenset[Triple]:
        if self.known_union is not None:
            return self.known_union
        return frozenset().union(*self.graphs.values())

    def union(self) -> frozenset[Triple]:
        """Every triple once; made once, since the build, Turtle and the explorer all ask for it."""
        return self._union

    def dataset(self) -> Dataset:
        dataset = Dataset()
        bind_prefixes(dataset)
        for name in sorted(self.graphs):
            graph = dataset.graph(name)
            for triple in self.graphs[name]:
                graph.add(triple)
        return dataset


def article_graphs(kb: KnowledgeBase, only: Collection[str] | None = None) -> dict[URIRef, set[Triple]]:
    """Each article's named graph; with ``only``, just the graphs of those article ids (a shard)."""
    per_article = _Builder(kb, only).build()
    return {iri(ids.article_key(article_id)): triples for article_id, triples in per_article.items()}


def header_graphs() -> dict[URIRef, set[Triple]]:
    """The ontology's graph and the dataset's own description, which every build carries."""
    ontology: set[Triple] = set(load_ontology())  # type: ignore[arg-type]
    header: set[Triple] = {(DATASET_IRI, RDF.type, OWL.Ontology), (DATASET_IRI, OWL.imports, ONTOLOGY_IRI),
                           (DATASET_IRI, RDFS.label, zh("政务知识图谱数据"))}
    return {ONTOLOGY_IRI: ontology, DATASET_IRI: header}


def build_graphs(kb: KnowledgeBase, *, include_ontology: bool = True) -> Graphs:
    graphs = article_graphs(kb)
    if include_ontology:
        graphs.update(header_graphs())
    return Graphs(graphs)


def build_dataset(kb: KnowledgeBase, *, include_ontology: bool = True) -> Dataset:
    return build_graphs(kb, include_ontology=include_ontology).dataset()


def union_graph(dataset: Dataset) -> Graph:
    graph = Graph()
    bind_prefixes(graph)
    for s, p, o, _ in dataset.quads((None, None, None, None)):
        graph.add((s, p, o))
    return graph


def check_terms(triples: Iterable[tuple[object, object, object]], ontology: Graph) -> list[str]:
    """kg: terms used in ``triples`` that the ontology does not define."""
    defined = {s for s in ontology.subjects() if isinstance(s, URIRef)}
    # the distinct terms first: a big graph repeats a few hundred of them in every triple
    nodes = {p for _, p, _ in triples} | {o for _, _, o in triples if isinstance(o, URIRef)}
    namespace = str(KG._NS)
    used = {n for n in nodes if isinstance(n, URIRef) and n.startswith(namespace)}
    return sorted(str(t) for t in used - defined)
