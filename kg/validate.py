"""Check a built graph against ``ontology/shapes.ttl`` with pySHACL, and list what is wrong readably.

The data graph is the union of the file's graphs, with ``ontology/kg.ttl`` mixed in so that
``sh:targetClass kg:Event`` also finds a ``kg:Meeting`` and ``sh:class kg:Person`` accepts a
``kg:Official``. The union, not each article's graph alone: an official's post is in the article it
was read from, while another article may only mention the official.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from rdflib import RDFS, BNode, Graph, Literal, URIRef
from rdflib.namespace import SH
from rdflib.term import Node

from kg.errors import KGError
from kg.graph import Graphs, load_ontology
from kg.query import load_triples
from kg.vocab import PREFIXES

_DISPLAY_PREFIXES = (*PREFIXES, ("kgsh", "https://w3id.org/zhengwu/shapes#"), ("sh", str(SH)))


class ValidationSetupError(KGError):
    """The shapes cannot be read or pySHACL is missing."""

    exit_code = 3


@dataclass(frozen=True)
class Violation:
    severity: str          # Violation, Warning or Info
    focus: str             # the node that breaks the shape
    label: str             # its rdfs:label, "" if none
    path: str              # the property, "" for a node-level constraint
    value: str             # the offending value, "" if none
    message: str
    shape: str


@dataclass(frozen=True)
class ValidationReport:
    conforms: bool
    violations: tuple[Violation, ...]
    focus_nodes: int


def shapes_path() -> Path:
    """``ontology/shapes.ttl``: in a source checkout, or the copy packaged into the wheel."""
    checkout = Path(__file__).resolve().parent.parent / "ontology" / "shapes.ttl"
    if checkout.exists():
        return checkout
    return Path(str(resources.files("kg").joinpath("ontology", "shapes.ttl")))


def load_shapes() -> Graph:
    graph = Graph()
    try:
        graph.parse(shapes_path(), format="turtle")
    except (OSError, ValueError) as exc:
        raise ValidationSetupError(f"cannot read the shapes {shapes_path()}: {exc}") from None
    return graph


def load_graph(target: str | Path) -> Graph:
    """The union of the graphs in ``target`` (a build directory or an RDF file), parsed by pyoxigraph
    (``load_triples``: rdflib's TriG parser took most of the time of validating a big export)."""
    source = load_triples(target)
    triples = source.union() if isinstance(source, Graphs) else source
    union = Graph()
    union.addN((s, p, o, union) for s, p, o in triples)
    return union


def _text(node: Node | None) -> str:
    if node is None:
        return ""
    if isinstance(node, BNode):
        return f"_:{node}"
    if isinstance(node, URIRef):
        for prefix, namespace in _DISPLAY_PREFIXES:
            if str(node).startswith(namespace) and len(node) > len(namespace):
                return f"{prefix}:{node[len(namespace):]}"
        return f"<{node}>"
    return str(node)


def _label(graph: Graph, node: Node | None) -> str:
    if node is None:
        return ""
    labels = sorted(str(o) for o in graph.objects(node, RDFS.label) if isinstance(o, Literal))
    return labels[0] if labels else ""


def _shape_name(shapes: Graph, shape: Node | None) -> str:
    """A shape's prefixed name; an anonymous property shape is named by the node shape holding it."""
    while isinstance(shape, BNode):
        # up through sh:property, sh:or and the rdf:List cells between them
        shape = next(iter(sorted(shapes.subjects(None, shape), key=str)), None)
    return _text(shape)


def validate_graph(data: Graph, shapes: Graph | None = None) -> ValidationReport:
    try:
        from pyshacl import validate as shacl_validate
    except ImportError:
        raise ValidationSetupError("kg validate needs pySHACL: pip install pyshacl") from None
    shapes = shapes if shapes is not None else load_shapes()
    conforms, results, _ = shacl_validate(data, shacl_graph=shapes, ont_graph=load_ontology(),
                                          inference="none", abort_on_first=False, allow_warnings=True)
    violations = set()
    for result in results.subjects(SH.resultSeverity, None):
        focus = results.value(result, SH.focusNode)
        violations.add(Violation(
            severity=_text(results.value(result, SH.resultSeverity)).split("#")[-1].split(":")[-1],
            focus=_text(focus),
            label=_label(data, focus),
            path=_text(results.value(result, SH.resultPath)),
            value=_text(results.value(result, SH.value)),
            message=str(results.value(result, SH.resultMessage) or ""),
            shape=_shape_name(shapes, results.value(result, SH.sourceShape)),
        ))
    ordered = sorted(violations, key=lambda v: (v.severity, v.shape, v.focus, v.path, v.value, v.message))
    return ValidationReport(bool(conforms), tuple(ordered), len({v.focus for v in ordered}))


def validate(target: str | Path) -> ValidationReport:
    """Validate the graph of ``target`` (a build directory or an RDF file) against the shapes."""
    return validate_graph(load_graph(target))
