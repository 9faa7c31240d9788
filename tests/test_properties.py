"""Hypothesis properties of the whole pipeline: whatever a scraper feeds it, a build either succeeds with
exports that parse and a page that shows text as text, or fails with the contract's InputError.

The segmenter and the gazetteer load once per process, so each example costs one or two small builds;
``max_examples`` is kept modest. Examples hypothesis found are kept below as regular regression tests.
"""

from __future__ import annotations

import json
import re
import tempfile
from collections import Counter
from pathlib import Path

import pyoxigraph
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from rdflib import RDF, RDFS, Dataset, Graph, URIRef
from rdflib.compare import isomorphic

from kg.api import build, knowledge_base
from kg.errors import InputError
from kg.export.rdf import to_trig, to_turtle
from kg.graph import build_dataset, union_graph
from kg.model import Source
from kg.settings import Settings
from kg.split import split_source
from kg.vocab import KG

PROPERTY_SETTINGS = settings(max_examples=50, deadline=None, derandomize=True,
                             suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

# Characters that break naive code: quotes, escapes, markup, controls, line and paragraph separators,
# right-to-left marks and scripts, emoji (with modifiers and outside the BMP), full-width punctuation.
NASTY = list('"\'\\<>&#{}[]()（）“”《》，。！？；：、…—\t\x00\x01\x0b\x0c\x1b\x7f\x85\u2028\u2029\ufeff\u200b'
             "\u202e\u202cمرحباשלום😀👍🏽🇨🇳\U0001F9D1\u200d\U0001F680")
CJK = "郑州市管城区金水区二七区中原区委书记区长召开会议项目建设活动街道社区村镇开展调研工作发展"
ANY_CHAR = st.characters(blacklist_categories=("Cs",))  # lone surrogates cannot be written to a file
TEXT = st.text(st.one_of(st.sampled_from(NASTY), st.sampled_from(CJK), ANY_CHAR), max_size=60)
LINE = TEXT.map(lambda t: t.replace("\n", " ").replace("\r", " "))


@st.composite
def pages(draw: st.DrawFn) -> str:
    """A page: headlines (marked, unmarked or none), leads, bodies, bylines, odd lines, odd line ends."""
    parts: list[str] = []
    for _ in range(draw(st.integers(1, 4))):
        style = draw(st.sampled_from(["#", "##", "###", "", "none"]))
        if style != "none":
            parts.append(f"{style} {draw(LINE)}".strip() if style else draw(LINE))
        lead = draw(st.sampled_from(["", "本报讯 ", "本报讯（记者 张明）"]))
        for _ in range(draw(st.integers(1, 3))):
            parts.append(lead + draw(LINE))
            lead = ""
        closing = ["", "记者 李华", "（王强 赵敏）", "本报记者 刘伟 摄", "#", "。。。"]
        parts.append(draw(st.sampled_from(closing)))
    end = draw(st.sampled_from(["\n", "\r\n", "\r", "\n\n"]))
    return end.join(parts)


@st.composite
def records(draw: st.DrawFn) -> str:
    """A .jsonl file of records with arbitrary (sometimes missing or wrongly typed) fields."""
    lines = []
    for number in range(draw(st.integers(1, 3))):
        record: dict[str, object] = {"text": draw(st.one_of(TEXT, pages()))}
        if draw(st.booleans()):
            record["id"] = draw(st.one_of(TEXT, st.integers(), st.just(f"id-{number}")))
        if draw(st.booleans()):
            record["title"] = draw(TEXT)  # may hold newlines
        if draw(st.booleans()):
            record["url"] = draw(st.one_of(TEXT, st.just("https://example.org/a?b=1&c=<2>")))
        if draw(st.booleans()):
            record["date"] = draw(st.one_of(st.dates().map(str), TEXT))
        lines.append(json.dumps(record, ensure_ascii=draw(st.booleans())))
    return "\n".join(lines) + "\n"


def _html_data(page: bytes) -> dict[str, list[dict[str, object]]]:
    text = page.decode("utf-8")
    match = re.search(r'<script type="application/json" id="kg-data">(.*?)</script>', text, re.S)
    assert match, "the explorer's data block is missing"
    raw = match.group(1)
    # article text reaches the page only as escaped JSON: no markup can start inside it
    assert "<" not in raw and ">" not in raw and "&" not in raw
    data: dict[str, list[dict[str, object]]] = json.loads(raw)
    return data


def _check_exports(out: Path) -> None:
    turtle, trig = (out / "kg.ttl").read_bytes(), (out / "kg.trig").read_bytes()
    graph = Graph().parse(data=turtle, format="turtle")
    Dataset().parse(data=trig, format="trig")
    assert len(list(pyoxigraph.parse(turtle, format=pyoxigraph.RdfFormat.TURTLE))) == len(graph)
    list(pyoxigraph.parse(trig, format=pyoxigraph.RdfFormat.TRIG))
    data = _html_data((out / "kg.html").read_bytes())
    labels = {node["label"] for node in data["nodes"]}
    for article in graph.subjects(RDF.type, KG.Article):
        for title in graph.objects(article, RDFS.label):
            # the headline is shown as the text it is (long ones cut short with …)
            assert any(str(title) == label or (label.endswith("…") and str(title).startswith(label[:-1]))
                       for label in labels), title
    for line in (out / "rejects.jsonl").read_bytes().splitlines():
        assert {"file", "line", "reason"} <= set(json.loads(line))


def _build_and_check(name: str, content: bytes, **options: object) -> None:
    """Build ``content`` saved as ``name``: exports that pass every check, or a clean InputError."""
    with tempfile.TemporaryDirectory(prefix="kg-prop-") as tmp:
        out = _build_or_input_error(Path(tmp), name, content, **options)
        if out is not None:
            _check_exports(out)


def _build_or_input_error(root: Path, name: str, content: bytes, **options: object) -> Path | None:
    """Build ``content`` saved as ``name``: the export directory, or None after a clean InputError."""
    path = root / name
    path.write_bytes(content)
    try:
        build([path], root / "out", Settings(**options))  # type: ignore[arg-type]
    except InputError as error:
        assert str(error).startswith(str(path)) or str(error).startswith(str([path])[1:-1]) \
            or "no article to build" in str(error)
        return None
    return root / "out"


@PROPERTY_SETTINGS
@given(pages())
@example("# \"<script>alert('&')</script>\"\\\n\n本报讯 正文\x00。\u2028")
@example("###\n\n### \u202eمرحبا\n😀")
def test_properties_any_page_builds_to_parseable_exports(page: str) -> None:
    _build_and_check("page.txt", page.encode("utf-8"))


@PROPERTY_SETTINGS
@given(records())
@example('{"text": "正文。", "title": "第一行\\n第二行", "id": "a\\"b", "url": "javascript:alert(1)"}\n')
def test_properties_any_jsonl_builds_or_fails_cleanly(content: str) -> None:
    for keep_going in (False, True):
        _build_and_check("in.jsonl", content.encode("utf-8"), keep_going=keep_going)


@PROPERTY_SETTINGS
@given(st.binary(max_size=300), st.sampled_from(["junk.txt", "junk.jsonl"]))
@example(b"\xff\xfe\x00\x00", "junk.txt")
@example("管城区".encode("gbk"), "junk.jsonl")
def test_properties_junk_bytes_give_input_error_or_a_build(data: bytes, name: str) -> None:
    _build_and_check(name, data)


# ---------------------------------------------------------------- splitting loses no characters

FOLD = str.maketrans("，；：？！（）", ",;:?!()")
PLAIN = st.text(st.one_of(st.sampled_from(CJK + "，。！？、“”《》……0123456789abcXYZ😀مرحبا,.;:!?"),
                          st.characters(blacklist_categories=("Cs", "Cc", "Zs", "Zl", "Zp"),
                                        blacklist_characters="#()（）本报讯记者通讯员摄文图")),
                max_size=80)


def _content(text: str) -> Counter[str]:
    return Counter(c for c in text.translate(FOLD) if not c.isspace())


def _kept(page: str) -> Counter[str]:
    kept = Counter[str]()
    for article in split_source(Source(path="page.txt", line=None, text=page, doc_id="p")):
        kept += _content(article.title or "") + _content("".join(article.reporters))
        if article.text != article.title:  # a headline-only article repeats its title as text
            kept += _content(article.text)
    return kept


# Kicker lines (short lines right above a marked headline) are decoration and dropped by design, so
# the property is checked on pages without them: with headlines, every other line ends a sentence;
# without headlines, lines are arbitrary.
@PROPERTY_SETTINGS
@given(st.lists(st.tuples(st.booleans(), PLAIN), min_size=1, max_size=8), st.sampled_from(["\n", "\n\n"]))
def test_properties_splitting_loses_no_characters(lines: list[tuple[bool, str]], gap: str) -> None:
    page = gap.join(f"# {text}" if marked else f"{text}。" for marked, text in lines)
    assert not (_content(page.replace("#", "")) - _kept(page))


@PROPERTY_SETTINGS
@given(st.lists(PLAIN, min_size=1, max_size=8), st.sampled_from(["\n", "\n\n", "\n\n\n"]))
def test_properties_splitting_without_headlines_loses_no_characters(lines: list[str], gap: str) -> None:
    page = gap.join(lines)
    assert not (_content(page) - _kept(page))


# ---------------------------------------------------------------- stable IRIs and faithful Turtle

@PROPERTY_SETTINGS
@given(st.lists(pages(), min_size=1, max_size=2))
def test_properties_rebuild_mints_identical_iris_and_turtle_round_trips(page_list: list[str]) -> None:
    with tempfile.TemporaryDirectory(prefix="kg-prop-") as tmp:
        root = Path(tmp)
        for number, page in enumerate(page_list):
            (root / f"p{number}.txt").write_text(page, encoding="utf-8")
        try:
            first = build_dataset(knowledge_base([root]))
        except InputError:
            return
        second = build_dataset(knowledge_base([root]))
    def iris_of(dataset: Dataset) -> set[URIRef]:
        return {t for quad in dataset.quads((None, None, None, None)) for t in quad if isinstance(t, URIRef)}

    iris = iris_of(first)
    assert iris == iris_of(second)
    assert all(str(iri).isascii() for iri in iris)
    union = union_graph(first)
    assert isomorphic(Graph().parse(data=to_turtle(union), format="turtle"), union)
    parsed = Dataset()
    parsed.parse(data=to_trig(first), format="trig")
    assert to_trig(parsed) == to_trig(second)


# ---------------------------------------------------------------- regressions hypothesis found

# A page whose first marked line is a ### sub-heading with no 本报讯 lead after it: the original splitter
# asserted that an article was already open (AssertionError, a traceback). Hypothesis shrank it to
# "### 0\n\n"; the splitter now opens a headline-less article for it.
@pytest.mark.parametrize("page", [
    "### 0\n\n",
    "### 小标题在最前\n正文。",
])
def test_properties_regression_pages(page: str) -> None:
    _build_and_check("page.txt", page.encode("utf-8"))
