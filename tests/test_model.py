"""``AnalysedArticle.tokens_in`` (bisection) finds what a scan of every token finds."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from kg.model import AnalysedArticle, Token

TEXT = "9月3日上午，市政协副主席王建国带领部分政协委员到金水区视察养老服务工作。"


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


def test_model_tokens_in_every_span_of_an_article(make_doc: Callable[[str], AnalysedArticle]) -> None:
    doc = make_doc(TEXT)
    spans = [(s, e) for s in range(len(TEXT) + 1) for e in range(s, len(TEXT) + 1)]
    assert [doc.tokens_in(s, e) for s, e in spans] == [_every_token(doc, s, e) for s, e in spans]


def test_model_token_reads_by_name() -> None:
    token = Token("金水区", 3, 6, "ns")
    assert (token.text, token.start, token.end, token.pos) == ("金水区", 3, 6, "ns")
    with pytest.raises(AttributeError):
        token.pos = "n"  # type: ignore[misc]
