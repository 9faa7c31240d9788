"""ontology/shapes.ttl: the seeds' build conforms, and each shape catches the graph it forbids."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Graph

from kg.cli import cli
from kg.validate import validate, validate_graph

PREFIXES = """
@prefix kg: <https://w3id.org/zhengwu/ontology#> .
@prefix article: <https://w3id.org/zhengwu/resource/article/> .
@prefix person: <https://w3id.org/zhengwu/resource/person/> .
@prefix area: <https://w3id.org/zhengwu/resource/area/> .
@prefix org: <https://w3id.org/zhengwu/resource/org/> .
@prefix post: <https://w3id.org/zhengwu/resource/post/> .
@prefix event: <https://w3id.org/zhengwu/resource/event/> .
@prefix project: <https://w3id.org/zhengwu/resource/project/> .
@prefix campaign: <https://w3id.org/zhengwu/resource/campaign/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
"""

# Entity IRIs as kg build mints them (kgr:post/…), one prefix per kind.
# A small graph in the shape kg build writes; every case below breaks one thing in it.
GOOD = PREFIXES + """
article:t-01 a kg:Article ; rdfs:label "二七区召开工作会议"@zh ;
    kg:published "2024-07-18"^^xsd:date ; kg:author person:wangwu-000001 .
person:wangwu-000001 a kg:Person ; rdfs:label "王五"@zh .
area:410100 a kg:City ; rdfs:label "郑州市"@zh ; kg:adcode "410100" .
area:410103 a kg:District ; rdfs:label "二七区"@zh ; kg:adcode "410103" ;
    kg:partOf area:410100 ; skos:altLabel "二七"@zh .
org:qiwei-000002 a kg:Organization ; rdfs:label "二七区委"@zh ; kg:area area:410103 .
person:zhangsan-000003 a kg:Official ; rdfs:label "张三"@zh ; kg:holds post:p1 .
post:p1 a kg:Post ; rdfs:label "二七区委书记"@zh ; kg:role "书记" ;
    kg:area area:410103 ; kg:organization org:qiwei-000002 ;
    kg:source article:t-01 ; kg:evidence "二七区委书记张三主持会议。"@zh .
event:e1 a kg:Meeting ; rdfs:label "工作会议"@zh ; kg:date "2024-07-18"^^xsd:date ;
    kg:locatedIn area:410103 ; kg:participant person:zhangsan-000003 ;
    kg:campaign campaign:c1 ;
    kg:source article:t-01 ; kg:evidence "7月18日，二七区召开工作会议。"@zh .
project:x1 a kg:Project ; rdfs:label "二七科技园"@zh ; kg:locatedIn area:410103 ;
    kg:investment "2000000000"^^xsd:decimal ;
    kg:source article:t-01 ; kg:evidence "二七科技园总投资20亿元。"@zh .
campaign:c1 a kg:Campaign ; rdfs:label "万人助万企"@zh ; kg:area area:410103 ;
    kg:source article:t-01 ; kg:evidence "深入开展“万人助万企”活动。"@zh .
"""

SPARQL_PREFIXES = "".join(
    f"PREFIX {line.split()[1]} {line.split()[2]}\n" for line in PREFIXES.strip().splitlines())


def _graph(update: str = "") -> Graph:
    graph = Graph()
    graph.parse(data=GOOD, format="turtle")
    if update:
        graph.update(SPARQL_PREFIXES + update)
    return graph


def test_validate_good_graph_conforms() -> None:
    report = validate_graph(_graph())
    assert report.conforms, report.violations
    assert report.violations == ()


@pytest.mark.parametrize(("update", "shape", "path"), [
    # an official without a post
    ("DELETE WHERE { person:zhangsan-000003 kg:holds ?p }", "kgsh:OfficialShape", "kg:holds"),
    # a post without a role
    ("DELETE WHERE { post:p1 kg:role ?r }", "kgsh:PostShape", "kg:role"),
    # a post with two roles
    ('INSERT DATA { post:p1 kg:role "副书记" }', "kgsh:PostShape", "kg:role"),
    # a post with neither area nor organization
    ("DELETE WHERE { post:p1 kg:area ?a ; kg:organization ?o }", "kgsh:PostShape", ""),
    # a post whose area is not an area
    ("DELETE { post:p1 kg:area ?a } INSERT { post:p1 kg:area person:wangwu-000001 }"
     " WHERE { post:p1 kg:area ?a }", "kgsh:PostShape", "kg:area"),
    # an event that is only a kg:Event, with no type among Meeting/Inspection/Ceremony/Activity
    ("DELETE DATA { event:e1 a kg:Meeting } ; INSERT DATA { event:e1 a kg:Event }",
     "kgsh:EventShape", "rdf:type"),
    # an event with no source
    ("DELETE WHERE { event:e1 kg:source ?s }", "kgsh:ProvenanceShape", "kg:source"),
    # a fact whose evidence is not Chinese text
    ('DELETE WHERE { project:x1 kg:evidence ?e } ; INSERT DATA { project:x1 kg:evidence "text" }',
     "kgsh:ProvenanceShape", "kg:evidence"),
    # an event date that is a plain string
    ('DELETE WHERE { event:e1 kg:date ?d } ; INSERT DATA { event:e1 kg:date "7月18日" }',
     "kgsh:EventShape", "kg:date"),
    # a participant who is not a person
    ("INSERT DATA { event:e1 kg:participant area:410100 }", "kgsh:EventShape", "kg:participant"),
    # an investment that is a string
    ('DELETE WHERE { project:x1 kg:investment ?i } ; INSERT DATA { project:x1 kg:investment "20亿元" }',
     "kgsh:ProjectShape", "kg:investment"),
    # a publication date typed as a string
    ('DELETE WHERE { article:t-01 kg:published ?d } ; INSERT DATA { article:t-01 kg:published "2024-07-18" }',
     "kgsh:ArticleShape", "kg:published"),
    # an entity with no Chinese label
    ('DELETE WHERE { campaign:c1 rdfs:label ?l } ; INSERT DATA { campaign:c1 rdfs:label "helping firms"@en }',
     "kgsh:OneChineseLabel", "rdfs:label"),
    # an entity with two Chinese labels (the second should be skos:altLabel)
    ('INSERT DATA { area:410103 rdfs:label "二七"@zh }', "kgsh:OneChineseLabel", "rdfs:label"),
    # an entity IRI that is not ASCII
    ('INSERT DATA { <https://w3id.org/zhengwu/resource/person/张三> a kg:Person ; rdfs:label "张三"@zh }',
     "kgsh:EntityShape", ""),
    # a blank node entity
    ('INSERT DATA { [] a kg:Organization ; rdfs:label "某公司"@zh }', "kgsh:EntityShape", ""),
    # an area with two parents
    ("INSERT DATA { area:410103 kg:partOf area:410103 }", "kgsh:AreaShape", "kg:partOf"),
    # an adcode that is not a GB/T 2260 code
    ('INSERT DATA { area:410100 kg:adcode "4101" }', "kgsh:AreaShape", "kg:adcode"),
    # an organization located in a person
    ("INSERT DATA { org:qiwei-000002 kg:area person:wangwu-000001 }",
     "kgsh:OrganizationShape", "kg:area"),
    # a campaign run by a project
    ("INSERT DATA { campaign:c1 kg:area project:x1 }", "kgsh:CampaignShape", "kg:area"),
])
def test_validate_shape_catches_broken_graph(update: str, shape: str, path: str) -> None:
    report = validate_graph(_graph(update))
    assert not report.conforms
    caught = {(v.shape, v.path) for v in report.violations}
    assert (shape, path) in caught, report.violations


def test_validate_seed_build_conforms(seed_build: Path) -> None:
    report = validate(seed_build)
    assert report.conforms, "\n".join(f"{v.focus} {v.path}: {v.message}" for v in report.violations[:20])


def test_validate_cli_lists_violations_and_exits_1(tmp_path: Path) -> None:
    broken = tmp_path / "broken.ttl"
    _graph("DELETE WHERE { post:p1 kg:role ?r }").serialize(broken, format="turtle")
    result = CliRunner().invoke(cli, ["validate", str(broken)])
    assert result.exit_code == 1
    assert "kgr:post/p1 «二七区委书记» kg:role: a post has one role" in result.output


def test_validate_cli_conforming_graph_exits_0(tmp_path: Path) -> None:
    good = tmp_path / "good.ttl"
    _graph().serialize(good, format="turtle")
    result = CliRunner().invoke(cli, ["validate", str(good)])
    assert result.exit_code == 0, result.output


def test_validate_cli_missing_graph_exits_2(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["validate", str(tmp_path / "nothing.ttl")])
    assert result.exit_code == 2
    assert "no such graph" in result.output
