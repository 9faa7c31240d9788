"""``AnalysedArticle``'s tokens, segmented piece by piece on demand, are the whole text's tokens."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.analyse import Segmenter
from kg.model import AnalysedArticle, LazyTokens, Token

TEXT = "9月3日上午，市政协副主席王建国带领部分政协委员到金水区视察养老服务工作。"
ARTICLE = ("8月20日，区委书记李明到须水街道调研。他强调，要抓好“百日攻坚”行动。\n"
           "“今年村里新修了路。”村民张秀兰说。\r\n居民王建华表示：“很满意！” A-3号楼 5.6亿元")


def _every_token(doc: AnalysedArticle, start: int, end: int) -> tuple[Token, ...]:
    return tuple(t for t in doc.tokens if t.start >= start and t.end <= end)


@pytest.mark.parametrize(("start", "end"), [
    (0, len(TEXT)), (0, 0), (3, 9), (4, 5), (12, 15), (13, 14), (len(TEXT) - 1, len(TEXT)),
    (len(TEXT), len(TEXT) + 5), (-3, 2), (20, 10),
])
def test_model_tokens_in_matches_a_scan_of_every_token(make_doc: Callable[[str], AnalysedArticle],
                                                      start: int, end: int) -> None:
    doc = make_doc(TEXT)
    assert doc.tokens_in(start, end) == _every_token(doc, start, end)


@pytest.mark.parametrize("text", [TEXT, ARTICLE])
def test_model_tokens_in_every_span_of_an_article(make_doc: Callable[[str], AnalysedArticle], text: str) -> None:
    doc = make_doc(text)
    spans = [(s, e) for s in range(len(text) + 1) for e in range(s, len(text) + 1)]
    assert [doc.tokens_in(s, e) for s, e in spans] == [_every_token(doc, s, e) for s, e in spans]


@pytest.mark.parametrize("text", [TEXT, ARTICLE, "", "\n", "说", "A-3号楼\r\n\r\n5.6亿元。"])
def test_model_lazy_tokens_are_the_whole_texts_tokens(make_doc: Callable[[str], AnalysedArticle],
                                                      segmenter: Segmenter, text: str) -> None:
    assert make_doc(text).tokens == tuple(segmenter.tokens(text))


def test_model_token_lookups_match_a_scan(make_doc: Callable[[str], AnalysedArticle]) -> None:
    doc = make_doc(ARTICLE)
    every = doc.tokens
    for offset in range(-1, len(ARTICLE) + 2):
        assert doc.token_at(offset) == next((t for t in every if t.start == offset), None)
        assert doc.token_before(offset) == next((t for t in every if t.end == offset), None)
    for start in range(len(ARTICLE) + 1):
        for end in range(start, len(ARTICLE) + 1):
            assert doc.tokens_overlapping(start, end) == tuple(t for t in every if t.start < end and start < t.end)


def test_model_tokens_segment_only_what_is_asked(make_doc: Callable[[str], AnalysedArticle],
                                                 segmenter: Segmenter) -> None:
    doc = make_doc(ARTICLE)
    assert doc.lazy_tokens is not None and doc.lazy_tokens.segmented == 0
    start = ARTICLE.index("须水街道")
    assert doc.tokens_in(start, start + 4) == tuple(
        t for t in segmenter.tokens(ARTICLE) if start <= t.start and t.end <= start + 4)
    # only the run of word characters around the span: 区委书记李明到须水街道调研
    assert doc.lazy_tokens.segmented == len("区委书记李明到须水街道调研")


def test_model_document_without_tokens_says_so() -> None:
    from kg.model import Article

    article = Article("a-1", None, "正文。", (), None, None, "x.txt", None)
    with pytest.raises(ValueError, match="without its tokens"):
        AnalysedArticle(article, (), ()).tokens_in(0, 1)


# characters jieba treats differently: word characters (CJK, Latin, digits, +#&._%-), punctuation,
# white space (\r\n is one token), quotes and a CJK character outside jieba's range
_ALPHABET = [*"区委书记李明到须水街道调研村民说表示今年新修了路", *"aZ09+#&._%-", *"，。！？；“”、 \t\r\n（）",
             "\u9fe0"]


@settings(max_examples=300, deadline=None)
@given(text=st.text(alphabet=_ALPHABET, max_size=60))
def test_segment_pieces_cut_at_runs_give_the_whole_texts_tokens(segmenter: Segmenter, text: str) -> None:
    lazy = LazyTokens(text, segmenter.cuts(text), segmenter.tokens)
    assert lazy.all() == tuple(segmenter.tokens(text))


def test_model_token_reads_by_name() -> None:
    token = Token("金水区", 3, 6, "ns")
    assert (token.text, token.start, token.end, token.pos) == ("金水区", 3, 6, "ns")
    with pytest.raises(AttributeError):
        token.pos = "n"  # type: ignore[misc]
