"""The kg: vocabulary, derived from ``ontology/kg.ttl`` (the only place terms are defined).

``tests/test_vocab.py`` checks that this class and the ontology name the same terms.
"""

from __future__ import annotations

from rdflib import Namespace, URIRef
from rdflib.namespace import FOAF, ORG, OWL, PROV, RDF, RDFS, SDO, SKOS, XSD, DefinedNamespace

ONTOLOGY_IRI = URIRef("https://w3id.org/zhengwu/ontology")
RESOURCE_BASE = "https://w3id.org/zhengwu/resource/"
KGR = Namespace(RESOURCE_BASE)


class KG(DefinedNamespace):
    """Classes and properties of the zhengwu-kg ontology."""

    _NS = Namespace("https://w3id.org/zhengwu/ontology#")
    _fail = True

    # classes
    Article: URIRef
    Person: URIRef
    Official: URIRef
    Post: URIRef
    Organization: URIRef
    AdministrativeArea: URIRef
    Province: URIRef
    City: URIRef
    District: URIRef
    Subdistrict: URIRef
    Community: URIRef
    Project: URIRef
    Campaign: URIRef
    Event: URIRef
    Meeting: URIRef
    Inspection: URIRef
    Ceremony: URIRef
    Activity: URIRef

    # properties
    published: URIRef
    author: URIRef
    mentions: URIRef
    holds: URIRef
    role: URIRef
    area: URIRef
    organization: URIRef
    partOf: URIRef
    adcode: URIRef
    locatedIn: URIRef
    investment: URIRef
    date: URIRef
    participant: URIRef
    chair: URIRef
    speaker: URIRef
    trigger: URIRef
    campaign: URIRef
    source: URIRef
    evidence: URIRef


# Prefixes bound in every export, in the order they are written.
PREFIXES: tuple[tuple[str, str], ...] = (
    ("kg", str(KG._NS)),
    ("kgr", RESOURCE_BASE),
    ("rdf", str(RDF)),
    ("rdfs", str(RDFS)),
    ("owl", str(OWL)),
    ("xsd", str(XSD)),
    ("skos", str(SKOS)),
    ("schema", str(SDO)),
    ("org", str(ORG)),
    ("foaf", str(FOAF)),
    ("prov", str(PROV)),
)
