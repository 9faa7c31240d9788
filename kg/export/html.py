"""The offline HTML explorer: pyvis builds the vis-network data, we inline every script and style.

pyvis's templates load vis-network, bootstrap and tom-select from CDNs even in ``in_line`` mode, so we
render our own page around pyvis's node and edge data, with the vis-network files pyvis ships
inlined. Article text only ever reaches the page as JSON data (with ``<``, ``>`` and ``&`` escaped) and
is shown through ``textContent``, never as markup.
"""

from __future__ import annotations

import json
from pathlib import Path

from rdflib import RDF, RDFS, Dataset, Literal, URIRef

from kg.export.network import node_degrees
from kg.graph import union_graph
from kg.vocab import KG

CLASS_STYLE: dict[str, tuple[str, str, str]] = {
    # class local name: (legend label, colour, shape)
    "Official": ("官员 Official", "#d62728", "dot"),
    "Person": ("人物 Person", "#ff9896", "dot"),
    "Province": ("行政区 Area", "#2ca02c", "square"),
    "City": ("行政区 Area", "#2ca02c", "square"),
    "District": ("行政区 Area", "#2ca02c", "square"),
    "Subdistrict": ("行政区 Area", "#2ca02c", "square"),
    "Community": ("行政区 Area", "#2ca02c", "square"),
    "Organization": ("机构 Organization", "#9467bd", "diamond"),
    "Project": ("项目 Project", "#ff7f0e", "triangle"),
    "Campaign": ("活动 Campaign", "#e377c2", "star"),
    "Meeting": ("事件 Event", "#1f77b4", "hexagon"),
    "Inspection": ("事件 Event", "#1f77b4", "hexagon"),
    "Ceremony": ("事件 Event", "#1f77b4", "hexagon"),
    "Activity": ("事件 Event", "#1f77b4", "hexagon"),
    "Article": ("文章 Article", "#7f7f7f", "box"),
}
HIDDEN_CLASSES = {"Post"}


def _vis_asset(name: str) -> str:
    import pyvis

    base = Path(pyvis.__file__).resolve().parent / "lib" / "vis-9.1.2"
    return (base / name).read_text(encoding="utf-8")


def _safe_json(value: object) -> str:
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e") \
        .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def _local(term: URIRef) -> str:
    text = str(term)
    return text.rsplit("#", 1)[-1] if "#" in text else text.rsplit("/", 1)[-1]


def graph_data(dataset: Dataset) -> dict[str, list[dict[str, object]]]:
    from pyvis.network import Network

    graph = union_graph(dataset)
    ontology_labels: dict[object, str] = {s: str(o) for s, o in graph.subject_objects(RDFS.label)
                       if isinstance(o, Literal) and o.language == "zh"}
    kinds: dict[URIRef, str] = {}
    for subject, cls in graph.subject_objects(RDF.type):
        if isinstance(subject, URIRef) and isinstance(cls, URIRef) and str(cls).startswith(str(KG._NS)):
            name = _local(cls)
            if (name in CLASS_STYLE or name in HIDDEN_CLASSES) and kinds.get(subject) != "Official":
                kinds[subject] = name
    net = Network(directed=True)
    degrees = node_degrees(graph, [n for n, k in kinds.items() if k not in HIDDEN_CLASSES])
    for node in sorted(kinds, key=str):
        kind = kinds[node]
        if kind in HIDDEN_CLASSES:
            continue
        legend, colour, shape = CLASS_STYLE[kind]
        label = ontology_labels.get(node, _local(node))
        net.add_node(str(node), label=label, color=colour, shape=shape, group=legend,
                     size=10 + min(30, 2 * degrees.get(node, 0)))
    shown = {str(n) for n, k in kinds.items() if k not in HIDDEN_CLASSES}
    edges: set[tuple[str, str, str]] = set()
    for s, p, o in graph:
        if not (isinstance(o, URIRef) and isinstance(p, URIRef) and str(s) in shown and str(o) in shown):
            continue
        if p == RDF.type:
            continue
        edges.add((str(s), str(o), ontology_labels.get(p, _local(p))))
    # a post is drawn as one edge from the official to the post's area or organisation
    for person, post in graph.subject_objects(KG.holds):
        title = next((str(t) for t in graph.objects(post, RDFS.label)), "")
        for target in [*graph.objects(post, KG.organization), *graph.objects(post, KG.area)]:
            if str(person) in shown and str(target) in shown:
                edges.add((str(person), str(target), title))
                break
    for edge_from, edge_to, edge_label in sorted(edges):
        net.add_edge(edge_from, edge_to, label=edge_label, title=None)
    nodes = [{k: v for k, v in n.items() if k in ("id", "label", "color", "shape", "group", "size")}
             for n in net.nodes]
    edge_list = [{"from": e["from"], "to": e["to"], "label": e.get("label", "")} for e in net.edges]
    return {"nodes": nodes, "edges": edge_list}


PAGE = """<!DOCTYPE html>
<html lang="zh">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy"
      content="default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:;">
<title>zhengwu-kg explorer</title>
<style>__VIS_CSS__</style>
<style>
body { margin: 0; font-family: "Noto Sans CJK SC", "Microsoft YaHei", sans-serif; }
#bar { padding: 6px 10px; background: #f4f4f4; border-bottom: 1px solid #ccc; }
#mynetwork { width: 100%; height: calc(100vh - 42px); }
</style>
</head>
<body>
<div id="bar"><input id="search" placeholder="搜索 / search" aria-label="search"> <span id="count"></span></div>
<div id="mynetwork"></div>
<script>__VIS_JS__</script>
<script>
var data = __DATA__;
var nodes = new vis.DataSet(data.nodes);
var edges = new vis.DataSet(data.edges);
var options = {physics: {stabilization: {iterations: 300}, barnesHut: {gravitationalConstant: -4000}},
               edges: {arrows: {to: {enabled: true, scaleFactor: 0.5}}, font: {size: 9}},
               interaction: {hover: true}};
var network = new vis.Network(document.getElementById("mynetwork"), {nodes: nodes, edges: edges}, options);
network.once("stabilizationIterationsDone", function () { network.setOptions({physics: false}); });
window.network = network;
document.getElementById("count").textContent = data.nodes.length + " nodes";
document.getElementById("search").addEventListener("change", function (e) {
  var q = e.target.value.trim();
  var hit = data.nodes.find(function (n) { return n.label.indexOf(q) >= 0; });
  if (hit) { network.selectNodes([hit.id]); network.focus(hit.id, {scale: 1.2}); }
});
</script>
</body>
</html>
"""


def to_html(dataset: Dataset) -> bytes:
    data = graph_data(dataset)
    page = PAGE.replace("__VIS_CSS__", _vis_asset("vis-network.css").replace("</", "<\\/")) \
        .replace("__DATA__", _safe_json(data)) \
        .replace("__VIS_JS__", _vis_asset("vis-network.min.js").replace("</script", "<\\/script"))
    return page.encode("utf-8")


__all__ = ["graph_data", "to_html"]
