"""The explorer's view of a graph (nodes, folded posts, edge labels, panel facts, search names, focus)
and the page it is written into (self-contained, escaped, deterministic). The page in a real browser:
tests/browser/test_explorer.py."""

from __future__ import annotations

import base64
import hashlib
import json
import re
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Dataset

from kg.api import explorer
from kg.cli import cli
from kg.errors import InputError, SettingsError
from kg.export.html import page_data, render_page, safe_json, to_html
from kg.export.view import Fact, GraphView, find_nodes, format_date, format_yuan, graph_view, search_keys
from kg.graph import build_dataset, iri
from kg.model import (
    AreaEntity,
    ArticleRecord,
    CampaignEntity,
    EventFact,
    KnowledgeBase,
    OrganizationEntity,
    PersonEntity,
    PostFact,
    ProjectEntity,
    Provenance,
)

HOSTILE = "<img src=x onerror=alert(1)><script>alert(2)</script>"
S1 = "8月19日上午，金水区委书记王建华到北林路街道调研重点项目建设情况。"
S2 = "文创产业园项目总投资120亿元，位于金水区北林路街道。"
S3 = "在文创产业园，区长李明听取项目进展汇报。"
S4 = f"惠济区召开安全生产工作会议{HOSTILE}，区长赵志强主持会议。"


def _kb() -> KnowledgeBase:
    a1, a2, a3 = "t-01", "t-02", "t-03"
    return KnowledgeBase(
        articles=(
            ArticleRecord(a1, "金水区委书记王建华调研重点项目", date(2024, 8, 20), None,
                          ("person/chenjing",), ("person/wangjianhua", "area/410105")),
            ArticleRecord(a2, "文创产业园加快建设", date(2024, 8, 21), None, (),
                          ("project/wenchuang",)),
            ArticleRecord(a3, f"惠济区召开安全生产工作会议{HOSTILE}", None, None, (),
                          ("person/zhaozhiqiang",)),
        ),
        areas=(
            AreaEntity("area/410000", "河南省", "Province", (), "410000", None),
            AreaEntity("area/410100", "郑州市", "City", (), "410100", "area/410000"),
            AreaEntity("area/410105", "金水区", "District", ("金水",), "410105", "area/410100"),
            AreaEntity("area/410108", "惠济区", "District", (), "410108", "area/410100"),
            AreaEntity("area/beilinlu", "北林路街道", "Subdistrict", (), None, "area/410105"),
        ),
        persons=(PersonEntity("person/wangjianhua", "王建华"), PersonEntity("person/liming", "李明"),
                 PersonEntity("person/zhaozhiqiang", "赵志强"), PersonEntity("person/chenjing", "陈静")),
        organizations=(
            OrganizationEntity("org/jinshuiquwei", "金水区委", "area/410105"),
        ),
        posts=(
            PostFact("post/wjh", "person/wangjianhua", "书记", "金水区委书记", "area/410105",
                     "org/jinshuiquwei", Provenance(a1, S1)),
            PostFact("post/lm", "person/liming", "区长", "金水区区长", "area/410105", None,
                     Provenance(a2, S3)),
            PostFact("post/zzq", "person/zhaozhiqiang", "区长", "惠济区区长", "area/410108", None,
                     Provenance(a3, S4)),
        ),
        projects=(ProjectEntity("project/wenchuang", "文创产业园", "area/beilinlu", "12000000000",
                                (Provenance(a1, S1), Provenance(a2, S2))),),
        campaigns=(
            CampaignEntity("campaign/wrzwq", "万人助万企", ("area/410105",), (Provenance(a1, S1),)),
        ),
        events=(
            EventFact("event/t-01-a", "Inspection", "调研", "2024-08-19", "area/beilinlu",
                      ("person/wangjianhua",), (), (), ("campaign/wrzwq",), Provenance(a1, S1)),
            EventFact("event/t-03-b", "Meeting", "工作会议", "--08-20", "area/410108",
                      ("person/zhaozhiqiang",), ("person/zhaozhiqiang",), (), (), Provenance(a3, S4)),
        ),
        officials=frozenset({"person/wangjianhua", "person/liming", "person/zhaozhiqiang"}),
    )


@pytest.fixture(scope="module")
def dataset() -> Dataset:
    return build_dataset(_kb())


@pytest.fixture(scope="module")
def view(dataset: Dataset) -> GraphView:
    return graph_view(dataset)


def _id(key: str) -> str:
    return str(iri(key))


def _node(view: GraphView, key: str):
    return next(n for n in view.nodes if n.id == _id(key))


def _facts(view: GraphView, key: str, section: str) -> list[Fact]:
    return [f for f in _node(view, key).facts if f.section == section]


def _page_json(page: bytes) -> dict:
    text = page.decode("utf-8")
    found = re.search(r'<script type="application/json" id="kg-data">(.*?)</script>', text, re.S)
    assert found
    return json.loads(found.group(1))


def test_html_view_draws_every_entity_but_posts(view: GraphView) -> None:
    kb = _kb()
    keys = ({a.key for a in kb.areas} | {p.key for p in kb.persons} | {o.key for o in kb.organizations}
            | {p.key for p in kb.projects} | {c.key for c in kb.campaigns} | {e.key for e in kb.events}
            | {f"article/{a.id}" for a in kb.articles})
    assert {n.id for n in view.nodes} == {_id(k) for k in keys}


@pytest.mark.parametrize(("key", "group", "kind"), [
    ("person/wangjianhua", "Official", "官员"),
    ("person/chenjing", "Person", "人物"),
    ("area/410105", "Area", "县级行政区"),
    ("area/beilinlu", "Area", "乡级行政区"),
    ("org/jinshuiquwei", "Organization", "机构"),
    ("project/wenchuang", "Project", "项目"),
    ("campaign/wrzwq", "Campaign", "活动与行动"),
    ("event/t-03-b", "Event", "会议"),
    ("article/t-01", "Article", "文章"),
])
def test_html_view_classes_nodes_for_the_legend(view: GraphView, key: str, group: str, kind: str) -> None:
    node = _node(view, key)
    assert (node.group, node.kind) == (group, kind)


@pytest.mark.parametrize(("source", "target", "label"), [
    ("person/wangjianhua", "org/jinshuiquwei", "金水区委书记"),  # a post, folded into its organization
    ("person/liming", "area/410105", "金水区区长"),  # a post without organization: to its area
    ("area/410105", "area/410100", "隶属"),
    ("project/wenchuang", "area/beilinlu", "位于"),
    ("org/jinshuiquwei", "area/410105", "所属区域"),
    ("event/t-01-a", "person/wangjianhua", "参与者"),
    ("event/t-03-b", "person/zhaozhiqiang", "主持人"),  # the chair edge hides the weaker participant edge
    ("event/t-01-a", "campaign/wrzwq", "相关活动"),
    ("article/t-01", "person/chenjing", "作者"),
    ("project/wenchuang", "article/t-02", "来源文章"),
    ("article/t-03", "person/zhaozhiqiang", "提及"),
])
def test_html_view_edge_labels_come_from_the_ontology(view: GraphView, source: str, target: str,
                                                      label: str) -> None:
    labels = [e.label for e in view.edges if (e.source, e.target) == (_id(source), _id(target))]
    assert labels == [label]


def test_html_view_draws_no_post_and_one_edge_a_pair(view: GraphView) -> None:
    assert not any("/post/" in n.id for n in view.nodes)
    pairs = [frozenset((e.source, e.target)) for e in view.edges]
    assert len(pairs) == len(set(pairs))


def test_html_view_mention_gives_way_to_a_stronger_edge(view: GraphView) -> None:
    pair = {_id("article/t-02"), _id("project/wenchuang")}
    between = [(e.label, e.weak) for e in view.edges if {e.source, e.target} == pair]
    assert between == [("来源文章", False)]
    mention = [e for e in view.edges if (e.source, e.target) == (_id("article/t-01"), _id("area/410105"))]
    assert [(e.label, e.weak) for e in mention] == [("提及", True)]


def test_html_view_sizes_by_degree(view: GraphView) -> None:
    area = _node(view, "area/410105")
    neighbours = {e.target for e in view.edges if e.source == area.id} | \
                 {e.source for e in view.edges if e.target == area.id}
    assert area.degree == len(neighbours) > _node(view, "person/chenjing").degree


@pytest.mark.parametrize(("key", "section", "text", "detail", "evidence", "source"), [
    ("person/wangjianhua", "职务", "金水区委书记", "所属区域：金水区；所在机构：金水区委", S1,
     "金水区委书记王建华调研重点项目"),
    ("person/wangjianhua", "事件", "调研（2024-08-19）", "视察调研 · 2024年8月19日 · 参与者", S1,
     "金水区委书记王建华调研重点项目"),
    ("person/zhaozhiqiang", "事件", "工作会议（--08-20）", "会议 · 8月20日 · 主持人", S4,
     f"惠济区召开安全生产工作会议{HOSTILE}"),
    ("area/410105", "职务", "王建华：金水区委书记", "", S1, "金水区委书记王建华调研重点项目"),
    ("area/beilinlu", "项目", "文创产业园", "投资额：120亿元", "", ""),
    ("project/wenchuang", "概况", "投资额：120亿元", "12000000000 元", "", ""),
    ("project/wenchuang", "依据", "", "", S2, "文创产业园加快建设"),
    ("event/t-01-a", "概况", "日期：2024年8月19日", "", "", ""),
    ("event/t-01-a", "依据", "", "", S1, "金水区委书记王建华调研重点项目"),
    ("org/jinshuiquwei", "职务", "王建华：金水区委书记", "", S1, "金水区委书记王建华调研重点项目"),
    ("article/t-03", "来源事实", "赵志强：惠济区区长", "职务", S4, ""),
])
def test_html_view_panel_facts(view: GraphView, key: str, section: str, text: str, detail: str, evidence: str,
                               source: str) -> None:
    found = [(f.text, f.detail, f.evidence, f.source) for f in _facts(view, key, section)]
    assert (text, detail, evidence, source) in found


def test_html_view_pairs_each_sentence_with_its_own_article(view: GraphView) -> None:
    pairs = {(f.evidence, f.source) for f in _facts(view, "project/wenchuang", "依据")}
    assert pairs == {(S1, "金水区委书记王建华调研重点项目"), (S2, "文创产业园加快建设")}


def test_html_view_of_a_plain_graph_keeps_unpaired_sentences(dataset: Dataset) -> None:
    from kg.graph import union_graph

    view = graph_view(union_graph(dataset))
    facts = _facts(view, "project/wenchuang", "依据")
    assert {f.evidence for f in facts} == {S1, S2}
    assert {f.source for f in facts} == {""}  # two articles, and a plain graph cannot tell which said what


@pytest.mark.parametrize(("names", "query"), [
    (("金水区", "金水"), "金水"),
    (("金水区", "金水"), "jinshuiqu"),
    (("金水区",), "jsq"),
    (("管城回族区",), "guanchenghuizuqu"),
    (("王建华",), "wangjianhua"),
    (("Zhengzhou Airport",), "zhengzhouairport"),
])
def test_html_search_keys_find_names_and_pinyin(names: tuple[str, ...], query: str) -> None:
    assert any(query in key for key in search_keys(names))


@pytest.mark.parametrize(("value", "expected"), [
    ("12000000000", "120亿元"), ("40000000000.00", "400亿元"), ("150000000", "1.5亿元"), ("35000", "3.5万元"),
    ("800", "800元"), ("n/a", "n/a"),
])
def test_html_format_yuan(value: str, expected: str) -> None:
    assert format_yuan(value) == expected


@pytest.mark.parametrize(("value", "expected"), [
    ("2024-08-19", "2024年8月19日"), ("--08-20", "8月20日"), ("近日", "近日"),
])
def test_html_format_date(value: str, expected: str) -> None:
    assert format_date(value) == expected


@pytest.mark.parametrize(("name", "key"), [
    ("王建华", "person/wangjianhua"),
    ("金水", "area/410105"),  # an skos:altLabel
    ("wangjianhua", "person/wangjianhua"),  # pinyin
    ("kgr:area/410108", "area/410108"),
    (str(iri("area/410108")), "area/410108"),
])
def test_html_find_nodes_by_any_name(view: GraphView, name: str, key: str) -> None:
    assert [n.id for n in find_nodes(view, name)] == [_id(key)]


def test_html_find_nodes_prefers_the_legend_order_when_classes_share_a_name() -> None:
    kb = _kb()
    shared = KnowledgeBase(
        areas=kb.areas,
        organizations=(OrganizationEntity("org/jinshuiqu", "金水区", "area/410105"),),
        articles=(ArticleRecord("t-09", "x", None, None, (), ("area/410105",)),),
    )
    view = graph_view(build_dataset(shared))
    assert [n.group for n in find_nodes(view, "金水区")] == ["Area"]


@pytest.mark.parametrize(("centre", "depth", "expected"), [
    ("org/jinshuiquwei", 0, {"org/jinshuiquwei"}),
    ("org/jinshuiquwei", 1, {"org/jinshuiquwei", "area/410105", "person/wangjianhua"}),
])
def test_html_focus_keeps_the_neighbourhood(view: GraphView, centre: str, depth: int,
                                            expected: set[str]) -> None:
    part = view.around(_id(centre), depth)
    assert {n.id for n in part.nodes} == {_id(k) for k in expected}
    assert all(e.source in {n.id for n in part.nodes} and e.target in {n.id for n in part.nodes}
               for e in part.edges)
    assert (part.focus, part.depth, part.total_nodes) == (_id(centre), depth, len(view.nodes))


def test_html_focus_grows_with_depth(view: GraphView) -> None:
    sizes = [len(view.around(_id("person/liming"), d).nodes) for d in range(4)]
    assert sizes == sorted(sizes) and sizes[0] == 1 and sizes[3] > sizes[1]


def test_html_page_is_self_contained(dataset: Dataset) -> None:
    page = to_html(dataset).decode("utf-8")
    assert not re.search(r"<(?:script|link|img|iframe|embed|object)\b[^>]*\b(?:src|href)=", page)
    assert not re.search(r"""url\(\s*(?!['"]?data:)""", page)
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page)
    assert csp and "default-src 'none'" in csp.group(1) and "connect-src 'none'" in csp.group(1)
    scripts = re.findall(r"<script>(.*?)</script>", page, re.S)
    assert len(scripts) == 2  # vis-network and the explorer; the data is JSON, never run
    for code in scripts:
        digest = base64.b64encode(hashlib.sha256(code.encode("utf-8")).digest()).decode()
        assert f"'sha256-{digest}'" in csp.group(1)


def test_html_page_keeps_article_text_out_of_the_markup(dataset: Dataset) -> None:
    page = to_html(dataset)
    text = page.decode("utf-8")
    assert "<img" not in text and "onerror=alert(1)>" not in text and "<script>alert" not in text
    data = _page_json(page)
    headline = next(i for i in data["info"].values() if i["iri"] == _id("article/t-03"))
    assert headline["label"] == f"惠济区召开安全生产工作会议{HOSTILE}"


@pytest.mark.parametrize("text", [HOSTILE, "</script><script>alert(1)</script>", "a & b <!-- c",
                                  "\u2028x\u2029"])
def test_html_safe_json_round_trips_and_never_closes_the_script(text: str) -> None:
    encoded = safe_json({"t": text})
    assert "<" not in encoded and ">" not in encoded and "&" not in encoded
    assert json.loads(encoded) == {"t": text}


def test_html_page_is_deterministic(dataset: Dataset) -> None:
    assert to_html(dataset) == to_html(build_dataset(_kb()))


def test_html_page_data_lists_the_legend_with_counts(view: GraphView) -> None:
    data = page_data(view)
    counts = {c["key"]: c["count"] for c in data["classes"]}  # type: ignore[index, union-attr]
    assert counts == {"Official": 3, "Person": 1, "Area": 5, "Organization": 1, "Project": 1, "Campaign": 1,
                      "Event": 2, "Article": 3}
    assert len(data["nodes"]) == len(view.nodes) and len(data["edges"]) == len(view.edges)  # type: ignore[arg-type]


def test_html_render_page_of_an_empty_graph() -> None:
    page = render_page(GraphView((), ()))
    assert _page_json(page)["nodes"] == []


@pytest.fixture(scope="module")
def trig(dataset: Dataset, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("graph") / "kg.trig"
    dataset.serialize(path, format="trig")
    return path


def test_html_explorer_writes_a_focused_page(trig: Path, tmp_path: Path) -> None:
    report = explorer(trig, tmp_path / "focus.html", focus="金水区委", depth=1)
    data = _page_json((tmp_path / "focus.html").read_bytes())
    assert report.nodes == len(data["nodes"]) == 3
    assert data["meta"]["focus"] == "金水区委" and data["meta"]["depth"] == 1
    assert report.total_nodes > report.nodes


@pytest.mark.parametrize(("focus", "message"), [
    ("不存在的人", "no node is named"),
    ("金", "did you mean"),
])
def test_html_explorer_names_a_missing_focus(trig: Path, tmp_path: Path, focus: str, message: str) -> None:
    with pytest.raises(InputError, match=message):
        explorer(trig, tmp_path / "x.html", focus=focus)
    assert not (tmp_path / "x.html").exists()


def test_html_explorer_refuses_a_negative_depth(trig: Path, tmp_path: Path) -> None:
    with pytest.raises(SettingsError):
        explorer(trig, tmp_path / "x.html", focus="金水区", depth=-1)


def test_cli_html_focus(trig: Path, tmp_path: Path) -> None:
    out = tmp_path / "wjh.html"
    result = CliRunner().invoke(cli, ["html", str(trig), "--focus", "wangjianhua", "--depth", "2",
                                      "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "王建华" in result.output and out.exists()


def test_cli_html_unknown_focus_exits_2(trig: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["html", str(trig), "--focus", "nobody",
                                      "--out", str(tmp_path / "x.html")])
    assert result.exit_code == 2
    assert "no node is named 'nobody'" in result.output


def test_html_overview_keeps_entities_first_and_edges_between_kept_nodes(dataset: Dataset) -> None:
    whole = graph_view(dataset)
    overview = graph_view(dataset, max_nodes=8)
    kept = {n.id for n in overview.nodes}
    assert len(kept) == 8 and overview.total_nodes == len(whole.nodes) == 17
    groups = [n.group for n in overview.nodes]
    assert groups.count("Official") == 3 and groups.count("Area") == 5  # the classes a reader comes for
    assert overview.edges and all(e.source in kept and e.target in kept for e in overview.edges)
    # the same edges and degrees as the whole view's, only fewer nodes
    assert overview.edges == tuple(e for e in whole.edges if e.source in kept and e.target in kept)
    whole_degree = {n.id: n.degree for n in whole.nodes}
    assert all(n.degree == whole_degree[n.id] for n in overview.nodes)
    assert graph_view(dataset, max_nodes=100) == whole  # a graph within the limit is drawn whole


def test_html_overview_page_says_it_is_one(dataset: Dataset) -> None:
    data = _page_json(to_html(dataset, max_nodes=4))
    assert len(data["nodes"]) == 4 and data["meta"]["total"] == 17 and data["meta"]["focus"] is None


def test_html_panel_sections_are_capped_with_a_count_of_the_rest() -> None:
    from kg.export.view import MAX_FACTS_PER_SECTION, _capped

    many = [Fact("出现于", f"文章 {i}") for i in range(MAX_FACTS_PER_SECTION + 7)]
    few = [Fact("职务", "区委书记")]
    capped = _capped(few + many)
    assert capped[: MAX_FACTS_PER_SECTION + 1] == few + many[:MAX_FACTS_PER_SECTION]
    assert capped[-1].section == "出现于" and "另有 7 条" in capped[-1].text
    assert len(capped) == MAX_FACTS_PER_SECTION + 2
    assert _capped(few) == few
    # facts past the cap that were only counted give the same panel as facts made and dropped
    from collections import Counter

    assert _capped(few + many[:MAX_FACTS_PER_SECTION], Counter({"出现于": 7})) == capped
    assert _capped(few + many[:3], Counter({"出现于": 0})) == few + many[:3]


def test_html_big_sections_list_the_first_articles_and_sentences_in_order() -> None:
    from rdflib import RDF, RDFS, Literal

    from kg.export.view import MAX_FACTS_PER_SECTION
    from kg.graph import Graphs
    from kg.vocab import KG

    area, campaign = iri("area/410104"), iri("campaign/wanrenzhuwanqi-0a1b2c")
    extra = 5
    triples = {(area, RDF.type, KG.AdministrativeArea), (area, RDFS.label, Literal("管城回族区", lang="zh")),
               (campaign, RDF.type, KG.Campaign), (campaign, RDFS.label, Literal("万人助万企", lang="zh"))}
    for i in range(MAX_FACTS_PER_SECTION + extra):
        article = iri(f"article/a{i:03d}")
        triples |= {(article, RDF.type, KG.Article), (article, RDFS.label, Literal(f"标题{i:03d}", lang="zh")),
                    (article, KG.mentions, area),
                    (campaign, KG.evidence, Literal(f"第{i:03d}句。", lang="zh"))}
    view = graph_view(Graphs({iri("article/all"): triples}), max_nodes=None)
    panels = {n.label: n.facts for n in view.nodes}
    listed = [f for f in panels["管城回族区"] if f.section == "文章"]
    assert [f.text for f in listed[:-1]] == [f"标题{i:03d}" for i in range(MAX_FACTS_PER_SECTION)]
    assert listed[-1].text.startswith(f"…… 另有 {extra} 条")
    sentences = [f for f in panels["万人助万企"] if f.section == "依据"]
    assert len(sentences) == MAX_FACTS_PER_SECTION + 1 and f"另有 {extra} 条" in sentences[-1].text
    assert [f.evidence for f in sentences[:3]] == ["第000句。", "第001句。", "第002句。"]


def test_html_explorer_command_draws_an_overview(tmp_path: Path, dataset: Dataset) -> None:
    source = tmp_path / "kg.trig"
    source.write_text(dataset.serialize(format="trig"), encoding="utf-8")
    out = tmp_path / "page.html"
    result = CliRunner().invoke(cli, ["html", str(source), "--out", str(out), "--max-nodes", "5"])
    assert result.exit_code == 0, result.output
    assert "5 nodes" in result.output and "an overview: the graph has 17" in result.output
    assert len(_page_json(out.read_bytes())["nodes"]) == 5
    result = CliRunner().invoke(cli, ["html", str(source), "--out", str(out), "--max-nodes", "0"])
    assert len(_page_json(out.read_bytes())["nodes"]) == 17


@pytest.mark.parametrize(("focus", "depth"), [("管城区", 1), ("郑州市", 2), ("岳希荣", 1)])
def test_html_explorer_focused_page_equals_the_whole_view_cut_down(seed_build: Path, tmp_path: Path,
                                                                   focus: str, depth: int) -> None:
    """A focused page makes the panels of its neighbourhood only; the bytes are those of the whole
    view, every panel made, cut down to the neighbourhood."""
    from kg.graph import load_ontology
    from kg.query import load_triples

    explorer(seed_build, tmp_path / "focus.html", focus=focus, depth=depth)
    whole = graph_view(load_triples(seed_build), load_ontology())
    [centre] = find_nodes(whole, focus)
    assert (tmp_path / "focus.html").read_bytes() == render_page(whole.around(centre.id, depth))


def test_html_graph_view_makes_facts_only_for_the_nodes_asked(dataset: Dataset) -> None:
    asked: list[int] = []

    def first_two(view: GraphView) -> list[str]:
        asked.append(len(view.nodes))
        assert not any(n.facts for n in view.nodes)  # facts come after the choice
        return [n.id for n in view.nodes[:2]]

    view = graph_view(dataset, facts_for=first_two)
    assert asked == [len(view.nodes)]
    assert all(n.facts for n in view.nodes[:2]) and not any(n.facts for n in view.nodes[2:])
