"""The offline HTML explorer: one self-contained page of vis-network, drawn from the explorer's view.

pyvis turns the view into vis-network's node and edge records and ships the vis-network files we
inline. Its own templates load vis-network, bootstrap and tom-select from CDNs even in ``in_line``
mode, so the page around them is ours (``assets/``): no file is fetched, and a Content Security
Policy forbids any fetch and runs only the page's own scripts (by hash). Article text reaches the
page only as JSON data, with ``<``, ``>`` and ``&`` escaped, and is shown through ``textContent``.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from rdflib import Graph

from kg import __version__
from kg.export.network import seed_layout
from kg.export.view import STYLES, Fact, GraphView, NodeView, Triples, graph_view, search_keys
from kg.graph import Graphs
from kg.vocab import RESOURCE_BASE

LABEL_CHARS = 16  # longer names are cut on the drawing; the panel shows them whole
FACT_KEYS = (("section", "s"), ("text", "t"), ("link", "l"), ("detail", "d"), ("evidence", "e"),
             ("source", "h"), ("source_id", "a"))
STYLE = {s.key: s for s in STYLES}


def _asset(name: str) -> str:
    return resources.files("kg.export").joinpath("assets", name).read_text(encoding="utf-8")


def _vis_asset(name: str) -> str:
    import pyvis

    return (Path(pyvis.__file__).resolve().parent / "lib" / "vis-9.1.2" / name).read_text(encoding="utf-8")


def safe_json(value: object) -> str:
    """JSON that cannot end the ``<script>`` element it sits in, nor open markup of its own."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return (text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def _inline_script(code: str) -> str:
    lowered = code.lower()
    if "</script" in lowered or "<!--" in lowered:
        raise ValueError("a script to inline would end its <script> element early")
    return code


def _short(text: str) -> str:
    return text if len(text) <= LABEL_CHARS else text[: LABEL_CHARS - 1] + "…"


def _value(node: NodeView) -> int:
    """vis-network scales a node and its label by this: hubs are big and named even when zoomed out.

    An article's links are mostly mentions, so it counts a third: the people and places it names
    should stand out more than the page they were printed on.
    """
    return 1 + (node.degree // 3 if node.group == "Article" else node.degree)


def _short_id(iri: str) -> str:
    return "kgr:" + iri[len(RESOURCE_BASE):] if iri.startswith(RESOURCE_BASE) else iri


def _fact(fact: Fact) -> dict[str, str]:
    # attributes read one by one, not by name from FACT_KEYS: a big page has a million facts
    values = (fact.section, fact.text, fact.link and _short_id(fact.link), fact.detail, fact.evidence,
              fact.source, fact.source_id and _short_id(fact.source_id))
    return {short: value for (_, short), value in zip(FACT_KEYS, values, strict=True) if value}


class _IndexedIds(list[object]):
    """pyvis keeps node ids in a list and tests membership for every node and edge added, which is
    quadratic on big graphs; this list answers ``in`` from a set."""

    def __init__(self) -> None:
        super().__init__()
        self._members: set[object] = set()

    def append(self, item: object) -> None:
        super().append(item)
        self._members.add(item)

    def __contains__(self, item: object) -> bool:
        return item in self._members


@dataclass
class PageParts:
    """Parts of a page that the next page of a build kept in memory (``kg watch``) reuses when they
    are the same: the starting layout of the same nodes and edges, and each unchanged node's panel
    data, already written as JSON."""

    layout_of: tuple[tuple[str, ...], tuple[tuple[str, str], ...]] | None = None
    layout: dict[str, tuple[int, int]] = field(default_factory=dict)
    info: dict[str, tuple[NodeView, str]] = field(default_factory=dict)


def _info(node: NodeView) -> dict[str, object]:
    return {"iri": node.id, "label": node.label, "cls": node.group, "kind": node.kind,
            "names": list(node.names), "keys": search_keys(node.names), "degree": node.degree,
            "facts": [_fact(f) for f in node.facts]}


def _records(view: GraphView, parts: PageParts) -> dict[str, object]:
    """``page_data`` without the panels ("info")."""
    from pyvis.network import Network

    net = Network(directed=True)
    net.node_ids = _IndexedIds()
    drawn = (tuple(n.id for n in view.nodes), tuple((e.source, e.target) for e in view.edges))
    if drawn != parts.layout_of:
        parts.layout_of, parts.layout = drawn, seed_layout(*drawn)
    start = parts.layout
    counts: dict[str, int] = {}
    for node in view.nodes:
        style = STYLE[node.group]
        counts[node.group] = counts.get(node.group, 0) + 1
        x, y = start[node.id]
        net.add_node(_short_id(node.id), label=_short(node.label), shape=style.shape, group=node.group,
                     value=_value(node), x=x, y=y)
    for edge in view.edges:
        net.add_edge(_short_id(edge.source), _short_id(edge.target), label=edge.label,
                     **({"weak": True} if edge.weak else {}))
    focus = next((n for n in view.nodes if n.id == view.focus), None)
    return {
        "nodes": [{k: v for k, v in n.items() if k != "shape"} for n in net.nodes],
        "edges": [{k: v for k, v in e.items() if k != "arrows"} for e in net.edges],
        "classes": [{"key": s.key, "label": s.label, "en": s.en, "colour": s.colour, "shape": s.shape,
                     "font": s.font, "count": counts.get(s.key, 0)} for s in STYLES],
        "meta": {"focus": focus.label if focus else None,
                 "focusId": _short_id(view.focus) if view.focus else None, "depth": view.depth,
                 "total": view.total_nodes, "version": __version__},
    }


def page_data(view: GraphView) -> dict[str, object]:
    """What the page's script reads: vis-network's nodes and edges, the legend, and each node's panel.

    Node ids are CURIEs (``kgr:person/…``) to keep big pages small; a node's panel data has its IRI.
    Colour and shape come from the node's vis-network group, one per legend entry; ``x`` and ``y`` are
    where the browser's physics starts from (``network.seed_layout``).
    """
    return {**_records(view, PageParts()), "info": {_short_id(n.id): _info(n) for n in view.nodes}}


def page_json(view: GraphView, parts: PageParts | None = None) -> str:
    """``safe_json(page_data(view))``, written a node's panel at a time, so that ``parts`` can keep
    each one's text for the next page. JSON with sorted keys is its members' texts in key order, and
    the escapes replace single characters, so the pieces make the same text as the whole."""
    parts = parts if parts is not None else PageParts()
    records = _records(view, parts)
    panels: dict[str, tuple[NodeView, str]] = {}
    for node in view.nodes:
        kept = parts.info.get(node.id)
        panels[node.id] = kept if kept is not None and kept[0] == node else (node, safe_json(_info(node)))
    parts.info = panels
    info = ",".join(f"{safe_json(_short_id(node_id))}:{text}"
                    for node_id, (_, text) in sorted(panels.items(), key=lambda item: _short_id(item[0])))
    members = {key: safe_json(value) for key, value in records.items()}
    members["info"] = "{" + info + "}"
    return "{" + ",".join(f"{safe_json(key)}:{members[key]}" for key in sorted(members)) + "}"


def _csp(*scripts: str) -> str:
    hashes = " ".join(f"'sha256-{base64.b64encode(hashlib.sha256(s.encode('utf-8')).digest()).decode()}'"
                      for s in scripts)
    return (f"default-src 'none'; script-src {hashes}; style-src 'unsafe-inline'; img-src data:; "
            "font-src data:; connect-src 'none'; base-uri 'none'; form-action 'none'")


def render_page(view: GraphView, parts: PageParts | None = None) -> bytes:
    """The explorer page of ``view``, as UTF-8 bytes; the same view always gives the same bytes.
    ``parts``: what the previous page of a build kept in memory left to reuse (``page_json``)."""
    vis_js = _inline_script(_vis_asset("vis-network.min.js"))
    js = _inline_script(_asset("explorer.js"))
    focus = next((n.label for n in view.nodes if n.id == view.focus), None)
    title = f"{focus} · 政务知识图谱" if focus else "政务知识图谱 · zhengwu-kg"
    fills = {
        "__CSP__": html.escape(_csp(vis_js, js), quote=False),  # it holds no double quote
        "__VERSION__": html.escape(__version__),
        "__TITLE__": html.escape(title),
        "__VIS_CSS__": _vis_asset("vis-network.css").replace("</", "<\\/"),
        "__CSS__": _asset("explorer.css").replace("</", "<\\/"),
        "__DATA__": page_json(view, parts),
        "__VIS_JS__": vis_js,
        "__JS__": js,
    }
    page = _asset("explorer.html")
    # one pass, so text put in by one placeholder is never read as another placeholder
    out, rest = [], page
    while rest:
        at = min(((rest.find(k), k) for k in fills if k in rest), default=(-1, ""))
        if at[0] < 0:
            out.append(rest)
            break
        out.append(rest[: at[0]])
        out.append(fills[at[1]])
        rest = rest[at[0] + len(at[1]):]
    return "".join(out).encode("utf-8")


def to_html(graph: Graphs | Graph | Triples, max_nodes: int | None = None) -> bytes:
    """The explorer of the whole graph (a build's graphs, or a graph or dataset loaded from its exports),
    an overview of ``max_nodes`` nodes when it has more."""
    return render_page(graph_view(graph, max_nodes=max_nodes))


__all__ = ["page_data", "render_page", "safe_json", "to_html"]
