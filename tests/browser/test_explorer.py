"""The explorer in headless Chromium, opened from file:// with the network cut off.

Each page is checked for what a reader relies on: every node drawn, search, click, the panel, filters,
a layout that stops, no console error, no request leaving the file, and article text that stays text.
"""

from __future__ import annotations

import contextlib
import json
import random
import shutil
from pathlib import Path

import pytest
from pypinyin import lazy_pinyin
from rdflib import RDF, RDFS, Graph, URIRef

from kg.api import build
from kg.export.html import render_page
from kg.export.view import EdgeView, GraphView, NodeView
from kg.vocab import KG, RESOURCE_BASE

from .conftest import Page

ROOT = Path(__file__).resolve().parent.parent.parent
HOSTILE_IMG = "<img src=x onerror=alert(1)>"
HOSTILE_SCRIPT = "<script>alert(2)</script>"
CORPUS = [
    {"id": "a1", "title": "金水区委书记王建华调研重点项目建设", "date": "2024-08-20",
     "text": "8月19日上午，金水区委书记王建华到北林路街道调研重点项目建设情况。\n"
             "总投资120亿元的国际文化创意产业园项目位于北林路街道，计划明年建成投用。\n"
             "王建华强调，要深入开展“万人助万企”活动，全力以赴推动项目早日建成投用。（记者 陈静）"},
    {"id": "a2", "title": f"惠济区召开安全生产工作会议{HOSTILE_IMG}{HOSTILE_SCRIPT}", "date": "2024-08-21",
     "text": f"8月20日，惠济区召开{HOSTILE_IMG}安全生产{HOSTILE_SCRIPT}工作会议，"
             "区委副书记、区长赵志强主持会议并讲话。\n会议要求，各街道要压实责任。（记者 刘洋）"},
]
DRAWN_CLASSES = (KG.Article, KG.Person, KG.Official, KG.Organization, KG.Province, KG.City, KG.District,
                 KG.Subdistrict, KG.Community, KG.Project, KG.Campaign, KG.Meeting, KG.Inspection,
                 KG.Ceremony, KG.Activity)
SHOTS = Path("/tmp")


def curie(node: URIRef) -> str:
    return "kgr:" + str(node)[len(RESOURCE_BASE):]


def entities(export: Path) -> set[URIRef]:
    """The nodes the explorer should draw, counted from kg.ttl itself: every typed entity but posts."""
    graph = Graph().parse(export / "kg.ttl")
    return {s for c in DRAWN_CLASSES for s in graph.subjects(RDF.type, c)
            if isinstance(s, URIRef) and str(s).startswith(RESOURCE_BASE)}


def assert_clean(page: Page) -> None:
    """No console error, no request for anything but the file itself, nothing run by article text."""
    assert page.console_errors() == []
    requests = page.requests()
    assert requests, "the performance log recorded no request at all, so it cannot vouch for none leaving"
    leaving = [url for doc, url in requests
               if url.split(":", 1)[0] not in ("file", "data", "blob", "about")
               and (doc.startswith("file:") or url.split(":", 1)[0] in ("http", "https", "ws", "wss", "ftp"))]
    assert leaving == []
    watched = page.js("return window.__kg")
    assert watched["calls"] == []  # type: ignore[index]
    assert [n for n in watched["added"] if n in ("IMG", "IFRAME", "OBJECT", "EMBED")] == []  # type: ignore[index]
    assert watched["added"].count("SCRIPT") == 3  # type: ignore[index, union-attr]  # data, vis, explorer


@pytest.fixture(scope="module")
def corpus_export(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("corpus")
    source = root / "news.jsonl"
    source.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in CORPUS) + "\n", encoding="utf-8")
    build([source], root / "exports")
    return root / "exports"


@pytest.fixture(scope="module")
def corpus_graph(corpus_export: Path) -> Graph:
    return Graph().parse(corpus_export / "kg.ttl")


def test_explorer_draws_every_node_of_the_export(open_page, corpus_export: Path) -> None:
    page = open_page(corpus_export / "kg.html")
    expected = {curie(n) for n in entities(corpus_export)}
    drawn = page.js("return network.body.nodeIndices.slice()")
    assert len(drawn) == len(expected)  # type: ignore[arg-type]
    assert set(drawn) == expected  # type: ignore[arg-type]
    positions = page.js("return Object.values(network.getPositions())")
    assert all(abs(p["x"]) < 1e6 and abs(p["y"]) < 1e6 for p in positions)  # type: ignore[union-attr, index]
    assert_clean(page)


def wait_centred(page: Page, node_id: str) -> None:
    """Wait until the view has moved to ``node_id``: in the middle of what the side panel leaves visible."""
    page.wait(f"""var p = network.canvasToDOM(network.getPosition({json.dumps(node_id)}));
                  var c = explorer.visibleCentre();
                  return Math.abs(p.x - c.x) < 4 && Math.abs(p.y - c.y) < 4""", 30)


def _official(graph: Graph) -> tuple[URIRef, str]:
    official = sorted(s for s in graph.subjects(RDF.type, KG.Official) if isinstance(s, URIRef))[0]
    return official, str(graph.value(official, RDFS.label))


@pytest.mark.parametrize("spelling", ["name", "pinyin", "initials"])
def test_explorer_search_focuses_the_node(open_page, corpus_export: Path, corpus_graph: Graph,
                                          spelling: str) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    node, label = _official(corpus_graph)
    query = {"name": label, "pinyin": "".join(lazy_pinyin(label)),
             "initials": "".join(p[0] for p in lazy_pinyin(label))}[spelling]
    page = open_page(corpus_export / "kg.html")
    box = page.driver.find_element(By.ID, "search")  # type: ignore[attr-defined]
    box.send_keys(query)
    page.wait("return !document.getElementById('results').hidden")
    options = page.js("return Array.from(document.querySelectorAll('#results li')).map(li => li.dataset.id)")
    assert curie(node) in options  # type: ignore[operator]
    if spelling != "initials":
        assert options[0] == curie(node)  # type: ignore[index]
        box.send_keys(Keys.ENTER)
    else:  # initials are short and may fit several names: pick it from the list
        page.driver.find_element(By.CSS_SELECTOR, f'#results li[data-id="{curie(node)}"]').click()  # type: ignore[attr-defined]
    page.wait(f"return network.getSelectedNodes().join() === {json.dumps(curie(node))}")
    assert page.js("return document.getElementById('panel-title').textContent") == label
    wait_centred(page, curie(node))
    assert_clean(page)


def _click_node(page: Page, node_id: str) -> None:
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By

    page.js(f"network.moveTo({{position: network.getPosition({json.dumps(node_id)}), scale: 2.5}})")
    page.wait(f"""var p = network.canvasToDOM(network.getPosition({json.dumps(node_id)}));
                  var g = document.getElementById('graph');
                  return Math.abs(p.x - g.clientWidth / 2) < 2 && Math.abs(p.y - g.clientHeight / 2) < 2""")
    graph = page.driver.find_element(By.ID, "graph")  # type: ignore[attr-defined]
    ActionChains(page.driver).move_to_element(graph).click().perform()


def test_explorer_click_fills_the_panel(open_page, corpus_export: Path, corpus_graph: Graph) -> None:
    node, label = _official(corpus_graph)
    post = corpus_graph.value(node, KG.holds)
    evidence = str(corpus_graph.value(post, KG.evidence))
    headline = str(corpus_graph.value(corpus_graph.value(post, KG.source), RDFS.label))
    page = open_page(corpus_export / "kg.html")
    _click_node(page, curie(node))
    page.wait("return !document.getElementById('panel').hidden")
    assert page.js("return document.getElementById('panel').dataset.id") == curie(node)
    assert page.js("return document.getElementById('panel-title').textContent") == label
    text = str(page.js("return document.getElementById('panel-body').textContent"))
    assert str(corpus_graph.value(post, RDFS.label)) in text
    assert evidence in text and f"《{headline}》" in text
    # a link in the panel leads on to the post's article
    page.js("document.querySelector('#panel-body cite a').click()")
    page.wait("return document.getElementById('panel').dataset.id.startsWith('kgr:article/')")
    assert_clean(page)


def test_explorer_hostile_article_runs_nothing_and_shows_its_characters(open_page,
                                                                        corpus_export: Path) -> None:
    page = open_page(corpus_export / "kg.html")
    article = "kgr:article/a2"
    page.js(f"explorer.select({json.dumps(article)})")
    page.wait(f"return document.getElementById('panel').dataset.id === {json.dumps(article)}")
    title = page.js("return document.getElementById('panel-title').textContent")
    assert title == f"惠济区召开安全生产工作会议{HOSTILE_IMG}{HOSTILE_SCRIPT}"
    panel = str(page.js("return document.getElementById('panel').textContent"))
    assert HOSTILE_IMG in panel and HOSTILE_SCRIPT in panel
    assert page.js("return document.querySelectorAll('img, iframe, #panel script').length") == 0
    label = str(page.js(f"return network.body.nodes[{json.dumps(article)}].options.label"))
    assert label.startswith("惠济区召开安全生产工作会议<")  # drawn on the canvas as characters
    results = page.js("""var box = document.getElementById('search'); box.value = 'onerror';
                         box.dispatchEvent(new Event('input'));
                         return document.getElementById('results').textContent""")
    assert HOSTILE_IMG in str(results)
    assert_clean(page)


def test_explorer_class_filter_hides_and_shows_a_class(open_page, corpus_export: Path) -> None:
    page = open_page(corpus_export / "kg.html")
    total = page.js("return network.body.nodeIndices.length")
    articles = page.js("return explorer.data.nodes.filter(n => n.group === 'Article').length")
    assert articles
    page.js("document.querySelector('input[data-class=Article]').click()")
    assert page.js("return network.body.nodeIndices.length") == total - articles  # type: ignore[operator]
    page.js("document.querySelector('input[data-class=Article]').click()")
    assert page.js("return network.body.nodeIndices.length") == total
    assert_clean(page)


def test_explorer_focused_page_starts_on_its_node(open_page, corpus_export: Path, corpus_graph: Graph,
                                                  tmp_path: Path) -> None:
    from kg.api import explorer

    node, label = _official(corpus_graph)
    report = explorer(corpus_export, tmp_path / "focus.html", focus=label, depth=1)
    page = open_page(tmp_path / "focus.html")
    assert page.js("return network.body.nodeIndices.length") == report.nodes
    page.wait(f"return document.getElementById('panel').dataset.id === {json.dumps(curie(node))}")
    assert label in str(page.js("return document.getElementById('status').textContent"))
    assert_clean(page)


def test_explorer_overview_page_says_how_big_the_graph_is(open_page, corpus_export: Path,
                                                          tmp_path: Path) -> None:
    from kg.api import explorer

    report = explorer(corpus_export, tmp_path / "overview.html", max_nodes=5)
    page = open_page(tmp_path / "overview.html")
    assert page.js("return network.body.nodeIndices.length") == report.nodes == 5
    status = str(page.js("return document.getElementById('status').textContent"))
    assert status.startswith("概览") and f"全图 {report.total_nodes} 个节点" in status
    assert_clean(page)


def random_view(size: int) -> GraphView:
    """A connected graph of ``size`` nodes of every class: a tree, and a mention for every other node."""
    rng = random.Random(4)
    groups = ["Official", "Person", "Area", "Organization", "Project", "Campaign", "Event", "Article"]
    nodes = [NodeView(f"{RESOURCE_BASE}n/{i}", f"节点{i}", groups[i % len(groups)], "", (f"节点{i}",))
             for i in range(size)]
    tree = {EdgeView(nodes[i].id, nodes[rng.randrange(i)].id, "隶属") for i in range(1, size)}
    mentions = {EdgeView(rng.choice(nodes).id, rng.choice(nodes).id, "提及", True) for _ in range(size // 2)}
    edges = sorted(tree | {e for e in mentions if e.source != e.target}, key=lambda e: (e.source, e.target))
    return GraphView(tuple(nodes), tuple(edges))


def test_explorer_layout_of_thousands_of_nodes_settles_and_stops(open_page, tmp_path: Path) -> None:
    path = tmp_path / "big.html"
    path.write_bytes(render_page(random_view(2500)))
    page = open_page(path, timeout=300)
    assert page.js("return network.body.nodeIndices.length") == 2500
    assert page.js("return network.physics.options.enabled") is False
    before = page.js("return network.getPositions()")
    # let the page draw some thirty frames: a running simulation would move nodes in that time
    page.driver.execute_async_script(  # type: ignore[attr-defined]
        "var done = arguments[0], n = 0; (function f() { if (++n > 30) { done(); } else { "
        "network.redraw(); requestAnimationFrame(f); } })();")
    assert page.js("return network.getPositions()") == before
    assert_clean(page)


def test_explorer_screenshot_of_the_seeds(open_page, tmp_path: Path) -> None:
    """The seeds' graph as a first-time reader sees it, then with a node's panel open."""
    export = tmp_path / "seeds"
    build([ROOT / "seeds"], export)
    page = open_page(export / "kg.html")
    assert page.js("return network.body.nodeIndices.length") == len(entities(export))
    first = tmp_path / "html-seeds.png"
    assert page.driver.save_screenshot(str(first))  # type: ignore[attr-defined]
    hub = page.js("""return explorer.data.nodes.filter(n => n.group === 'Official')
                       .sort((a, b) => b.value - a.value || (a.id < b.id ? -1 : 1))[0].id""")
    page.js(f"explorer.select({json.dumps(hub)})")
    page.wait(f"return document.getElementById('panel').dataset.id === {json.dumps(hub)}")
    wait_centred(page, hub)
    second = tmp_path / "html-seeds-panel.png"
    assert page.driver.save_screenshot(str(second))  # type: ignore[attr-defined]
    assert first.stat().st_size > 20_000  # a drawn graph, not a blank page
    for shot in (first, second):
        with contextlib.suppress(OSError):  # a copy for people to look at; the test's own is in tmp_path
            shutil.copyfile(shot, SHOTS / shot.name)
    assert_clean(page)
