"""What the explorer shows, read from the graph: nodes, edges, the names a node is found by, and its facts.

Posts are not drawn: each becomes an edge from the official to the post's organization (or area),
labelled with the title, and a fact in the official's panel. Evidence and source articles are not
drawn either: they go into the panel under the fact they support. Everything here is plain text; the
page (``html.py``) decides how it is shown and escapes it.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Collection, Iterable, Iterator
from dataclasses import dataclass, field, replace
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import TypeVar

from rdflib import RDF, RDFS, Dataset, Graph, Literal, URIRef
from rdflib.namespace import SKOS
from rdflib.term import Node

from kg.export.index import TripleIndex
from kg.export.network import neighbourhood, node_degrees
from kg.graph import Graphs
from kg.vocab import KG, RESOURCE_BASE

T = TypeVar("T")

Triples = Collection[tuple[Node, Node, Node]]


@dataclass(frozen=True)
class ClassStyle:
    key: str
    label: str  # Chinese, as in the legend
    en: str
    colour: str
    shape: str  # a vis-network shape
    font: int  # label size: the classes a reader looks for first stay legible when zoomed out


# The legend, in this order. Colours are Tableau 10, which stays apart for colour-blind readers.
STYLES: tuple[ClassStyle, ...] = (
    ClassStyle("Official", "官员", "Official", "#d62728", "dot", 24),
    ClassStyle("Person", "其他人物", "Person", "#f7a1a1", "dot", 14),
    ClassStyle("Area", "行政区划", "Area", "#2ca02c", "square", 22),
    ClassStyle("Organization", "机构", "Organization", "#9467bd", "diamond", 16),
    ClassStyle("Project", "项目", "Project", "#ff7f0e", "triangle", 18),
    ClassStyle("Campaign", "活动与行动", "Campaign", "#e377c2", "star", 16),
    ClassStyle("Event", "事件", "Event", "#1f77b4", "hexagon", 14),
    ClassStyle("Article", "文章", "Article", "#8c8c8c", "triangleDown", 14),
)
STYLE = {s.key: s for s in STYLES}

# ontology class → legend group; a node typed with several takes the first in this table
GROUP_OF: dict[URIRef, str] = {
    KG.Official: "Official", KG.Person: "Person",
    KG.Province: "Area", KG.City: "Area", KG.District: "Area", KG.Subdistrict: "Area",
    KG.Community: "Area", KG.AdministrativeArea: "Area",
    KG.Organization: "Organization", KG.Project: "Project", KG.Campaign: "Campaign",
    KG.Meeting: "Event", KG.Inspection: "Event", KG.Ceremony: "Event", KG.Activity: "Event",
    KG.Event: "Event", KG.Article: "Article",
}
CLASS_RANK = {cls: rank for rank, cls in enumerate(GROUP_OF)}
# Names longer than this (headlines) are searched by their own words only, not by pinyin.
MAX_PINYIN_NAME = 16

# object properties drawn as edges (kg:holds and kg:organization are folded into post edges)
DRAWN = (KG.partOf, KG.area, KG.locatedIn, KG.chair, KG.speaker, KG.participant, KG.campaign,
         KG.author, KG.source, KG.mentions)
# a weaker edge gives way to a stronger one between the same two nodes
WEAKER: dict[URIRef, tuple[URIRef, ...]] = {
    KG.mentions: (*DRAWN[:-1], KG.holds),
    KG.participant: (KG.chair, KG.speaker),
}
EVENT_ROLES = (KG.chair, KG.speaker, KG.participant)
_NOTHING: frozenset[URIRef] = frozenset()
SECTIONS = ("概况", "职务", "人物", "事件", "项目", "活动与行动", "机构", "下辖", "提及", "依据", "来源事实",
            "文章")


@dataclass(frozen=True)
class Fact:
    """One line of a node's side panel: a fact, the node it leads to, and where it was read."""

    section: str
    text: str
    link: str | None = None
    detail: str = ""
    evidence: str = ""
    source: str = ""  # the source article's headline
    source_id: str | None = None


@dataclass(frozen=True)
class NodeView:
    id: str
    label: str
    group: str  # a ClassStyle key
    kind: str  # the precise class, in Chinese: 县级行政区, 会议
    names: tuple[str, ...]  # rdfs:label first, then skos:altLabel
    facts: tuple[Fact, ...] = ()
    degree: int = 0


@dataclass(frozen=True)
class EdgeView:
    source: str
    target: str
    label: str
    weak: bool = False  # only a mention: drawn faint


@dataclass(frozen=True)
class GraphView:
    nodes: tuple[NodeView, ...]
    edges: tuple[EdgeView, ...]
    focus: str | None = None
    depth: int | None = None
    total_nodes: int = 0  # nodes in the whole graph, more than len(nodes) for a focused part or an overview

    def around(self, centre: str, depth: int) -> GraphView:
        """The part of the view at most ``depth`` edges from ``centre``."""
        keep = neighbourhood((n.id for n in self.nodes), ((e.source, e.target) for e in self.edges),
                             centre, depth)
        return replace(self, nodes=tuple(n for n in self.nodes if n.id in keep),
                       edges=tuple(e for e in self.edges if e.source in keep and e.target in keep),
                       focus=centre, depth=depth, total_nodes=len(self.nodes))


@dataclass
class _Reader:
    """Looks things up in the union graph; pairs evidence with its article through the named graphs."""

    graph: TripleIndex
    evidence: dict[URIRef, list[tuple[str, URIRef | None]]] = field(default_factory=dict)
    _labels: dict[URIRef, str] = field(default_factory=dict)  # a headline is asked for by every fact it backs
    _by_article: dict[URIRef, dict[URIRef | None, list[tuple[str, URIRef | None]]]] = field(default_factory=dict)

    def label(self, node: URIRef) -> str:
        found = self._labels.get(node)
        if found is None:
            labels = sorted(self.graph.objects(node, RDFS.label), key=lambda o: (_lang_rank(o), str(o)))
            found = self._labels[node] = str(labels[0]) if labels else _local(node)
        return found

    def one(self, node: URIRef, prop: URIRef) -> Literal | URIRef | None:
        values = sorted(self.graph.objects(node, prop), key=str)
        value = values[0] if values else None
        return value if isinstance(value, Literal | URIRef) else None

    def refs(self, node: URIRef, prop: URIRef) -> list[URIRef]:
        return sorted((o for o in self.graph.objects(node, prop) if isinstance(o, URIRef)), key=str)

    def referrers(self, node: URIRef, prop: URIRef) -> list[URIRef]:
        return sorted((s for s in self.graph.subjects(prop, node) if isinstance(s, URIRef)), key=str)

    def provenance(self, node: URIRef) -> list[tuple[str, URIRef | None]]:
        return self.evidence.get(node, [])

    def sentences_from(self, node: URIRef, article: URIRef) -> list[str]:
        """``node``'s sentences read from ``article`` or from no known article, in ``provenance`` order.

        A campaign named in thousands of articles has thousands of sentences, and each article's panel
        asks for its own: grouped once by article, not scanned once per article.
        """
        grouped = self._by_article.get(node)
        if grouped is None:
            grouped = self._by_article[node] = defaultdict(list)
            for pair in self.provenance(node):
                grouped[pair[1]].append(pair)
        found = grouped.get(article, []) + grouped.get(None, [])
        return [sentence for sentence, _ in sorted(found, key=lambda p: (str(p[1]), p[0]))]


def _lang_rank(term: object) -> int:
    if isinstance(term, Literal):
        return {"zh": 0, None: 1}.get(term.language, 2)
    return 3


def _local(term: URIRef) -> str:
    text = str(term).rstrip("/")
    return text.rsplit("#", 1)[-1] if "#" in text else text.rsplit("/", 1)[-1]


def graph_pairs(triples: Iterable[tuple[Node, Node, Node]]) -> Iterator[tuple[URIRef, tuple[str, URIRef | None]]]:
    """(fact node, (sentence, article)) of each evidence sentence in one named graph: a sentence and the
    article it was read from sit in the same article graph."""
    wanted: dict[Node, bool] = {KG.source: True, KG.evidence: False}  # a dict lookup: cheaper than rdflib's ==
    articles: dict[Node, list[URIRef]] = defaultdict(list)
    sentences: list[tuple[URIRef, Node]] = []
    for s, p, o in triples:
        is_source = wanted.get(p)
        if is_source:
            if isinstance(o, URIRef):
                articles[s].append(o)
        elif is_source is not None and isinstance(s, URIRef):
            sentences.append((s, o))
    for s, o in sentences:
        found = sorted(articles.get(s, []), key=str)
        yield s, (str(o), found[0] if found else None)


def evidence_order(pair: tuple[str, URIRef | None]) -> tuple[str, str]:
    return str(pair[1]), pair[0]


def _pair_evidence(union: TripleIndex,
                   named: Iterable[Triples] | None) -> dict[URIRef, list[tuple[str, URIRef | None]]]:
    """Each fact node's evidence sentences, each with the article it was read from.

    In a dataset (``named``: its graphs), a sentence and its article sit in the same article graph. A
    plain graph (kg.ttl) has lost that pairing, so a sentence gets its article only when the node has a
    single one.
    """
    pairs: dict[URIRef, set[tuple[str, URIRef | None]]] = defaultdict(set)
    if named is not None:
        for triples in named:
            for node, pair in graph_pairs(triples):
                pairs[node].add(pair)
    else:
        for s, o in union.pairs(KG.evidence):
            if isinstance(s, URIRef):
                arts = sorted((a for a in union.objects(s, KG.source) if isinstance(a, URIRef)), key=str)
                pairs[s].add((str(o), arts[0] if len(arts) == 1 else None))
    return {node: sorted(found, key=evidence_order) for node, found in pairs.items()}


def format_date(value: object) -> str:
    """2024-08-26 → 2024年8月26日; --08-26 (year unknown) → 8月26日."""
    text = str(value)
    parts = text.lstrip("-").split("-")
    try:
        numbers = [int(p) for p in parts]
    except ValueError:
        return text
    if text.startswith("--") and len(numbers) == 2:
        return f"{numbers[0]}月{numbers[1]}日"
    if len(numbers) == 3:
        return f"{numbers[0]}年{numbers[1]}月{numbers[2]}日"
    return text


def format_yuan(value: object) -> str:
    """A sum in yuan as a reader of the papers writes it: 40000000000 → 400亿元."""
    try:
        amount = Decimal(str(value))
    except InvalidOperation:
        return str(value)
    for unit, size in (("亿元", Decimal(10) ** 8), ("万元", Decimal(10) ** 4)):
        if abs(amount) >= size:
            return f"{_plain(amount / size)}{unit}"
    return f"{_plain(amount)}元"


def _plain(number: Decimal) -> str:
    text = f"{number.quantize(Decimal('0.01')):f}".rstrip("0").rstrip(".")
    return text or "0"


@lru_cache(maxsize=100_000)
def _name_keys(name: str) -> tuple[str, ...]:
    folded = "".join(name.lower().split())
    if len(name) > MAX_PINYIN_NAME:
        return (folded,)  # a headline: found by its words, spelling it out would only cost time
    from pypinyin import lazy_pinyin  # 0.5 s to import, and only the explorer spells names out

    spelled = lazy_pinyin(name, errors="ignore")
    initials = "".join(syllable[:1] for syllable in spelled)
    return tuple(dict.fromkeys(k for k in (folded, "".join(spelled).lower(), initials.lower()) if k))


def search_keys(names: Iterable[str]) -> list[str]:
    """What a search box matches: each name, its pinyin without tones, and the pinyin initials."""
    keys: list[str] = []
    for name in names:
        for key in _name_keys(name):
            if key not in keys:
                keys.append(key)
    return keys


def _groups(graph: TripleIndex) -> dict[URIRef, tuple[str, URIRef]]:
    found: dict[URIRef, tuple[str, URIRef]] = {}
    for node, cls in graph.pairs(RDF.type):
        if not (isinstance(node, URIRef) and cls in GROUP_OF):
            continue
        assert isinstance(cls, URIRef)
        if node not in found or CLASS_RANK[cls] < CLASS_RANK[found[node][1]]:
            found[node] = (GROUP_OF[cls], cls)
    return found


def group_of(graph: TripleIndex, node: Node) -> tuple[str, URIRef] | None:
    """``_groups``'s answer for one node: its legend group and the class that gives it, if drawn."""
    if not isinstance(node, URIRef):
        return None
    classes = [c for c in graph.objects(node, RDF.type) if isinstance(c, URIRef) and c in GROUP_OF]
    if not classes:
        return None
    cls = min(classes, key=CLASS_RANK.__getitem__)
    return GROUP_OF[cls], cls


MAX_FACTS_PER_SECTION = 100  # a city named in thousands of articles: a panel lists a readable share


def _capped(facts: list[Fact], unbuilt: Counter[str] | None = None) -> list[Fact]:
    """The first ``MAX_FACTS_PER_SECTION`` facts of each section (``facts`` sorted by section), and a
    line saying how many more; ``unbuilt`` counts, by section, facts past the cap that were never made."""
    counts = Counter(f.section for f in facts)
    if unbuilt:
        counts.update(unbuilt)
    if max(counts.values(), default=0) <= MAX_FACTS_PER_SECTION:
        return facts
    kept: list[Fact] = []
    seen: Counter[str] = Counter()
    for fact in facts:
        seen[fact.section] += 1
        if seen[fact.section] <= MAX_FACTS_PER_SECTION:
            kept.append(fact)
            if seen[fact.section] == MAX_FACTS_PER_SECTION and counts[fact.section] > MAX_FACTS_PER_SECTION:
                more = counts[fact.section] - MAX_FACTS_PER_SECTION
                kept.append(Fact(fact.section, f"…… 另有 {more} 条（kg query 可查全部）"))
    return kept


class _Facts:
    """The side-panel facts of each kind of node."""

    def __init__(self, reader: _Reader, shown: set[URIRef], class_labels: dict[URIRef, str],
                 prop_labels: dict[URIRef, str]) -> None:
        self.r = reader
        self.g = reader.graph
        self.shown = shown
        self.class_labels = class_labels
        self.prop_labels = prop_labels
        self._kinds: dict[URIRef, str] = {}  # every article's panel names the kind of each thing it mentions
        # facts past the cap that the biggest sections (a district's articles, a campaign's sentences)
        # only count: thousands per node in a big corpus, and building them cost more than the rest
        self._unbuilt: Counter[str] = Counter()

    def link(self, node: URIRef | None) -> str | None:
        return str(node) if node is not None and node in self.shown else None

    def kind(self, node: URIRef) -> str:
        found = self._kinds.get(node)
        if found is None:
            typed = (c for c in self.g.objects(node, RDF.type) if isinstance(c, URIRef) and c in GROUP_OF)
            classes = sorted(typed, key=lambda c: CLASS_RANK[c])
            found = self._kinds[node] = self.class_labels.get(classes[0], _local(classes[0])) if classes else ""
        return found

    def headline(self, article: URIRef | None) -> str:
        return self.r.label(article) if article is not None else ""

    def sourced(self, section: str, text: str, node: URIRef, *, link: URIRef | None = None,
                detail: str = "") -> Iterator[Fact]:
        """One fact for each sentence ``node`` was read from, or one bare fact when it has none."""
        found = self.r.provenance(node)
        if not found:
            yield Fact(section, text, self.link(link), detail)
        for sentence, article in found:
            yield Fact(section, text, self.link(link), detail, sentence, self.headline(article),
                       self.link(article))

    def _within_cap(self, section: str, items: list[T]) -> list[T]:
        """The first items of a section that only this generator fills; the rest are only counted."""
        self._unbuilt[section] += max(0, len(items) - MAX_FACTS_PER_SECTION)
        return items[:MAX_FACTS_PER_SECTION]

    def evidence(self, node: URIRef) -> Iterator[Fact]:  # the only source of 依据
        for sentence, article in self._within_cap("依据", self.r.provenance(node)):
            yield Fact("依据", "", None, "", sentence, self.headline(article), self.link(article))

    def articles(self, node: URIRef) -> Iterator[Fact]:  # the only source of 文章
        found = [(article, word) for prop, word in ((KG.author, "作者"), (KG.mentions, "提及"))
                 for article in self.r.referrers(node, prop)]
        for article, word in self._within_cap("文章", found):
            date = self.r.one(article, KG.published)
            detail = f"{word} · {format_date(date)}" if date is not None else word
            yield Fact("文章", self.r.label(article), self.link(article), detail)

    def of(self, node: URIRef, group: str) -> list[Fact]:
        make = getattr(self, f"_{group.lower()}")
        self._unbuilt = Counter()
        facts: list[Fact] = list(make(node))
        facts.sort(key=lambda f: SECTIONS.index(f.section) if f.section in SECTIONS else len(SECTIONS))
        return _capped(facts, self._unbuilt)

    # ------------------------------------------------------------------------------ per group

    def post_detail(self, post: URIRef) -> str:
        parts = []
        for prop in (KG.area, KG.organization):
            target = self.r.one(post, prop)
            if isinstance(target, URIRef):
                parts.append(f"{self.prop_labels.get(prop, _local(prop))}：{self.r.label(target)}")
        return "；".join(parts)

    def _official(self, person: URIRef) -> Iterator[Fact]:
        for post in self.r.refs(person, KG.holds):
            target = self.r.one(post, KG.organization) or self.r.one(post, KG.area)
            yield from self.sourced("职务", self.r.label(post), post,
                                    link=target if isinstance(target, URIRef) else None,
                                    detail=self.post_detail(post))
        seen: set[URIRef] = set()
        for prop in EVENT_ROLES:
            for event in self.r.referrers(person, prop):
                if event in seen:
                    continue
                seen.add(event)
                role = self.prop_labels.get(prop, _local(prop))
                date = self.r.one(event, KG.date)
                when = format_date(date) if date else ""
                detail = " · ".join(x for x in (self.kind(event), when, role) if x)
                yield from self.sourced("事件", self.r.label(event), event, link=event, detail=detail)
        yield from self.articles(person)

    _person = _official

    def _area(self, area: URIRef) -> Iterator[Fact]:
        code = self.r.one(area, KG.adcode)
        if code is not None:
            yield Fact("概况", f"行政区划代码：{code}")
        for parent in self.r.refs(area, KG.partOf):
            yield Fact("概况", f"隶属：{self.r.label(parent)}", self.link(parent))
        for child in self.r.referrers(area, KG.partOf):
            yield Fact("下辖", self.r.label(child), self.link(child), self.kind(child))
        for post in self.r.referrers(area, KG.area):
            if not self.g.has(post, RDF.type, KG.Post):
                continue
            for person in self.r.referrers(post, KG.holds):
                yield from self.sourced("职务", f"{self.r.label(person)}：{self.r.label(post)}", post,
                                        link=person)
        for org in self.r.referrers(area, KG.area):
            if self.g.has(org, RDF.type, KG.Organization):
                yield Fact("机构", self.r.label(org), self.link(org))
            elif self.g.has(org, RDF.type, KG.Campaign):
                yield Fact("活动与行动", self.r.label(org), self.link(org))
        for thing in self.r.referrers(area, KG.locatedIn):
            if self.g.has(thing, RDF.type, KG.Project):
                money = self.r.one(thing, KG.investment)
                yield Fact("项目", self.r.label(thing), self.link(thing),
                           f"投资额：{format_yuan(money)}" if money is not None else "")
            else:
                date = self.r.one(thing, KG.date)
                yield Fact("事件", self.r.label(thing), self.link(thing),
                           " · ".join(x for x in (self.kind(thing), format_date(date) if date else "") if x))
        yield from self.articles(area)

    def _organization(self, org: URIRef) -> Iterator[Fact]:
        for area in self.r.refs(org, KG.area):
            yield Fact("概况", f"所属区域：{self.r.label(area)}", self.link(area))
        for post in self.r.referrers(org, KG.organization):
            for person in self.r.referrers(post, KG.holds):
                yield from self.sourced("职务", f"{self.r.label(person)}：{self.r.label(post)}", post,
                                        link=person)
        yield from self.articles(org)

    def _project(self, project: URIRef) -> Iterator[Fact]:
        for area in self.r.refs(project, KG.locatedIn):
            yield Fact("概况", f"位于：{self.r.label(area)}", self.link(area))
        money = self.r.one(project, KG.investment)
        if money is not None:
            yield Fact("概况", f"投资额：{format_yuan(money)}", detail=f"{_plain(Decimal(str(money)))} 元"
                       if _is_number(money) else "")
        for campaign in self.r.refs(project, KG.campaign):
            yield Fact("活动与行动", self.r.label(campaign), self.link(campaign))
        yield from self.evidence(project)
        yield from self.articles(project)

    def _campaign(self, campaign: URIRef) -> Iterator[Fact]:
        for area in self.r.refs(campaign, KG.area):
            yield Fact("概况", f"所属区域：{self.r.label(area)}", self.link(area))
        for thing in self.r.referrers(campaign, KG.campaign):
            section = "项目" if self.g.has(thing, RDF.type, KG.Project) else "事件"
            yield Fact(section, self.r.label(thing), self.link(thing), self.kind(thing))
        yield from self.evidence(campaign)
        yield from self.articles(campaign)

    def _event(self, event: URIRef) -> Iterator[Fact]:
        yield Fact("概况", f"类型：{self.kind(event)}")
        date = self.r.one(event, KG.date)
        if date is not None:
            yield Fact("概况", f"日期：{format_date(date)}")
        for area in self.r.refs(event, KG.locatedIn):
            yield Fact("概况", f"地点：{self.r.label(area)}", self.link(area))
        trigger = self.r.one(event, KG.trigger)
        if trigger is not None:
            yield Fact("概况", f"触发词：{trigger}")
        seen: set[URIRef] = set()
        for prop in EVENT_ROLES:
            for person in self.r.refs(event, prop):
                if person not in seen:
                    seen.add(person)
                    yield Fact("人物", self.r.label(person), self.link(person),
                               self.prop_labels.get(prop, _local(prop)))
        for campaign in self.r.refs(event, KG.campaign):
            yield Fact("活动与行动", self.r.label(campaign), self.link(campaign))
        yield from self.evidence(event)

    def _article(self, article: URIRef) -> Iterator[Fact]:
        date = self.r.one(article, KG.published)
        if date is not None:
            yield Fact("概况", f"发表日期：{format_date(date)}")
        url = self.r.one(article, URIRef("https://schema.org/url"))
        if url is not None:
            yield Fact("概况", f"网址：{url}")
        for person in self.r.refs(article, KG.author):
            yield Fact("概况", f"作者：{self.r.label(person)}", self.link(person))
        for thing in self.r.refs(article, KG.mentions):
            yield Fact("提及", self.r.label(thing), self.link(thing), self.kind(thing))
        for fact_node in self.r.referrers(article, KG.source):
            for sentence in self.r.sentences_from(fact_node, article):
                if self.g.has(fact_node, RDF.type, KG.Post):
                    for person in self.r.referrers(fact_node, KG.holds):
                        yield Fact("来源事实", f"{self.r.label(person)}：{self.r.label(fact_node)}",
                                   self.link(person), "职务", sentence)
                else:
                    yield Fact("来源事实", self.r.label(fact_node), self.link(fact_node),
                               self.kind(fact_node), sentence)


def _is_number(value: object) -> bool:
    try:
        Decimal(str(value))
    except InvalidOperation:
        return False
    return True


def _named_graphs(source: Graphs | Graph | Triples) -> tuple[Triples, list[Triples] | None]:
    """The union of ``source`` and, when it has them, its named graphs, as plain triple sets."""
    if isinstance(source, Graphs):
        return source.union(), list(source.graphs.values())
    if isinstance(source, Dataset):
        named: dict[object, set[tuple[Node, Node, Node]]] = defaultdict(set)
        for s, p, o, ctx in source.quads((None, None, None, None)):
            named[ctx].add((s, p, o))
        union: set[tuple[Node, Node, Node]] = set()
        for triples in named.values():
            union.update(triples)
        return union, list(named.values())
    return source if isinstance(source, set | frozenset) else set(source), None


def graph_view(source: Graphs | Graph | Triples, ontology: Graph | None = None, *,
               max_nodes: int | None = None,
               facts_for: Callable[[GraphView], Collection[str]] | None = None) -> GraphView:
    """The explorer's view of ``source``: a build's graphs, or a graph, dataset or plain triples loaded
    from kg.ttl, kg.trig and the like (``kg.query.load_triples``).

    Chinese labels of classes and properties come from ``ontology``, or from ``source`` when it
    carries the ontology (builds do). With ``max_nodes``, a bigger graph is drawn as an overview of
    that many nodes (``overview_nodes``); ``total_nodes`` tells how many the whole graph has. With
    ``facts_for``, only the nodes it names, given the view without any facts, get their panel's facts:
    a page of one node's neighbourhood needs a few hundred panels, not the whole graph's.
    """
    union, named = _named_graphs(source)
    graph = TripleIndex(union)
    terms = ontology.subject_objects(RDFS.label) if ontology is not None else graph.pairs(RDFS.label)
    zh_labels = {s: str(o) for s, o in terms
                 if isinstance(s, URIRef) and isinstance(o, Literal) and o.language == "zh"}
    reader = _Reader(graph, _pair_evidence(graph, named))
    groups = _groups(graph)
    shown = set(groups)
    total = len(shown)
    if max_nodes is not None and total > max_nodes:
        # choose first, from the node pairs the edges are drawn for (the same neighbours, without
        # making an edge for each of them), then draw the edges between the chosen nodes only
        degrees = node_degrees((str(n) for n in shown),
                               ((str(a), str(b)) for a, b, _, _ in _related(graph, reader, shown)))
        shown = overview_nodes(shown, groups, degrees, max_nodes)
        edges = _edges(graph, reader, shown, zh_labels)
    else:
        edges = _edges(graph, reader, shown, zh_labels)
        degrees = node_degrees((str(n) for n in shown), ((e.source, e.target) for e in edges))
    nodes = [node_view(reader, node, groups[node], zh_labels, degrees.get(str(node), 0))
             for node in sorted(shown, key=str)]
    view = GraphView(tuple(nodes), edges, total_nodes=total)
    wanted = set(facts_for(view)) if facts_for is not None else None
    facts = _Facts(reader, shown, zh_labels, zh_labels)
    return replace(view, nodes=tuple(
        replace(n, facts=tuple(facts.of(URIRef(n.id), n.group))) if wanted is None or n.id in wanted else n
        for n in view.nodes))


def node_view(reader: _Reader, node: URIRef, group: tuple[str, URIRef], class_labels: dict[URIRef, str],
              degree: int) -> NodeView:
    """A node as drawn, without its panel's facts."""
    name, cls = group
    graph = reader.graph
    labels = sorted((str(o) for o in graph.objects(node, RDFS.label)), key=len)
    label = reader.label(node)
    alt = sorted({str(o) for o in graph.objects(node, SKOS.altLabel)} | set(labels) - {label})
    return NodeView(str(node), label, name, class_labels.get(cls, _local(cls)), (label, *alt), degree=degree)


# What an overview keeps first: the entities a reader comes for, then happenings, then the rest.
OVERVIEW_ORDER = ("Official", "Area", "Organization", "Campaign", "Project", "Event", "Person", "Article")


def overview_nodes(nodes: set[URIRef], groups: dict[URIRef, tuple[str, URIRef]], degrees: dict[str, int],
                   limit: int) -> set[URIRef]:
    """The ``limit`` nodes an overview of a big graph draws: by class (``OVERVIEW_ORDER``), then the
    most connected first. A page of tens of thousands of nodes takes minutes to lay out in a browser
    and tells a reader less than the officials, areas and projects with their panels do; any other
    node is one ``kg html --focus`` away."""
    rank = {group: i for i, group in enumerate(OVERVIEW_ORDER)}
    ordered = sorted(nodes, key=lambda n: (rank.get(groups[n][0], len(rank)), -degrees.get(str(n), 0), str(n)))
    return set(ordered[:limit])


def _related(graph: TripleIndex, reader: _Reader,
             shown: set[URIRef]) -> Iterator[tuple[URIRef, URIRef, URIRef, URIRef | None]]:
    """(source, target, property, post) of every relation an edge is drawn for, before merging them:
    the drawn properties, and a post's holder to its organization or area (``post`` set). Read from
    the shown nodes' own statements: an overview's few thousand, not every statement of the graph."""
    for s in shown:
        for prop in DRAWN:
            for o in graph.objects(s, prop):
                if o in shown:
                    assert isinstance(o, URIRef)
                    yield s, o, prop, None
        for post in graph.objects(s, KG.holds):
            if isinstance(post, URIRef):
                target = post_target(reader, post)
                if target in shown:
                    assert isinstance(target, URIRef)
                    yield s, target, KG.holds, post


def post_target(reader: _Reader, post: URIRef) -> Literal | URIRef | None:
    """Where a post's edge leads: its organization, else its area."""
    return reader.one(post, KG.organization) or reader.one(post, KG.area)


def _edges(graph: TripleIndex, reader: _Reader, shown: set[URIRef],
           labels: dict[URIRef, str]) -> tuple[EdgeView, ...]:
    found: dict[frozenset[URIRef], set[tuple[URIRef, URIRef, URIRef, str]]] = defaultdict(set)
    prop_labels = {prop: labels.get(prop, _local(prop)) for prop in DRAWN}
    for s, o, prop, post in _related(graph, reader, shown):
        pair = frozenset((s, o))  # cheaper than rdflib's s != o, which runs for every mention
        if len(pair) == 2:
            found[pair].add((s, o, prop, reader.label(post) if post is not None else prop_labels[prop]))
    edges: list[EdgeView] = []
    weaker = {prop: frozenset(stronger) for prop, stronger in WEAKER.items()}
    mentions = frozenset((KG.mentions,))
    for items in found.values():
        props = {prop for _, _, prop, _ in items}
        kept = [i for i in items if not weaker.get(i[2], _NOTHING) & props]
        by_direction: dict[tuple[URIRef, URIRef], list[tuple[URIRef, str]]] = defaultdict(list)
        for s, o, prop, label in kept:
            by_direction[(s, o)].append((prop, label))
        for (s, o), labelled in by_direction.items():
            text = "、".join(sorted({label for _, label in labelled}))
            edges.append(EdgeView(str(s), str(o), text, weak=all(p in mentions for p, _ in labelled)))
    edges.sort(key=lambda e: (e.source, e.target, e.label))
    return tuple(edges)


def find_nodes(view: GraphView, name: str) -> list[NodeView]:
    """The nodes called ``name``: by IRI (or ``kgr:`` CURIE), by the IRI's last segment, or by any name.

    Names are matched before pinyin. When nodes of different classes share a name (the district 管城区
    and its government body 管城区), the class first in the legend wins; several nodes of that class
    (two people of one name) are all returned, for the caller to ask which.
    """
    wanted = name.strip()
    if wanted.startswith("kgr:"):
        wanted = RESOURCE_BASE + wanted[len("kgr:"):]
    found = [n for n in view.nodes if wanted in (n.id, _local(URIRef(n.id))) or wanted in n.names]
    if not found:
        key = "".join(wanted.lower().split())
        found = [n for n in view.nodes if key and key in search_keys(n.names)]
    if not found:
        return []
    order = [s.key for s in STYLES]
    first = min(order.index(n.group) for n in found)
    return [n for n in found if order.index(n.group) == first]


def suggestions(view: GraphView, name: str, limit: int = 5) -> list[NodeView]:
    """Nodes whose names contain ``name``, most connected first: for a "did you mean" message."""
    key = "".join(name.lower().split())
    hits = [n for n in view.nodes if key and any(key in k for k in search_keys(n.names))]
    return sorted(hits, key=lambda n: (-n.degree, n.label))[:limit]


__all__ = ["STYLES", "EdgeView", "Fact", "GraphView", "NodeView", "find_nodes", "format_date", "format_yuan",
           "graph_view", "search_keys", "suggestions"]
