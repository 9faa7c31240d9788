"""``first_of`` finds what trying every word, in order, at every position finds; the event trigger
scan built on it keeps the longest trigger and never runs past its sentence."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.extract.events import find_hits, triggers
from kg.extract.patterns import first_of
from kg.model import AnalysedArticle


def _naive(text: str, words: list[str], end: int | None = None) -> list[tuple[int, str]]:
    """The scan ``first_of`` replaces: every word, in order, at every position."""
    end = len(text) if end is None else end
    found: list[tuple[int, str]] = []
    i = 0
    while i < end:
        word = next((w for w in words if text.startswith(w, i) and i + len(w) <= end), None)
        if word is None:
            i += 1
            continue
        found.append((i, word))
        i += len(word)
    return found


def _scan(text: str, words: list[str], end: int | None = None) -> list[tuple[int, str]]:
    pattern = first_of(words)
    end = len(text) if end is None else end
    found: list[tuple[int, str]] = []
    i = 0
    while (match := pattern.search(text, i, end)) is not None:
        found.append((match.start(), match.group()))
        i = match.end()
    return found


TRIGGER_WORDS = [w for w, _ in triggers()]


@pytest.mark.parametrize("text", [
    "8月26日上午，区委召开常委会扩大会议。",
    "街道举行揭牌仪式暨签约仪式，并开展义诊和普法宣传活动。",
    "市领导到社区调研督查，察看演练。",
    "", "会", "仪式仪式", "全体会议全会",
])
def test_patterns_first_of_matches_the_naive_scan_on_triggers(text: str) -> None:
    assert _scan(text, TRIGGER_WORDS) == _naive(text, TRIGGER_WORDS)


@pytest.mark.parametrize(("text", "end", "expected"), [
    ("揭牌仪式", None, [(0, "揭牌仪式")]),  # longest first
    ("揭牌仪式", 3, [(0, "揭牌")]),  # never past the end
    ("a.b*a", None, [(0, "a.b*")]),  # words are literal text, not patterns
    ("abc", None, []),
])
def test_patterns_first_of_keeps_order_and_end(text: str, end: int | None,
                                               expected: list[tuple[int, str]]) -> None:
    words = ["揭牌仪式", "仪式", "揭牌", "a.b*", "x"]
    assert _scan(text, words, end) == expected == _naive(text, words, end)


def test_patterns_first_of_no_words_matches_nothing() -> None:
    assert first_of([]).search("任何文字") is None


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="揭牌仪式开工签约会议全体扩大座谈调研视察察看工作，。", max_size=40),
       st.integers(min_value=0, max_value=40))
def test_patterns_first_of_matches_the_naive_scan_on_any_text(text: str, end: int) -> None:
    end = min(end, len(text))
    assert _scan(text, TRIGGER_WORDS, end) == _naive(text, TRIGGER_WORDS, end)


@pytest.mark.parametrize(("text", "words"), [
    ("9月2日，区委召开常委会扩大会议。", ["常委会", "扩大会议"]),
    ("6月5日，社区举行授牌仪式。", ["授牌仪式"]),
    ("7月1日，街道开展消防演练。下午举行揭牌仪式。", ["演练"]),  # the first sentence only
])
def test_patterns_find_hits_reads_longest_triggers_within_the_sentence(
        make_doc: Callable[[str], AnalysedArticle], text: str, words: list[str]) -> None:
    doc = make_doc(text)
    assert [h.word for h in find_hits(doc, doc.sentences[0])] == words
