"""Extractors ask for tokens only where a cue is printed, and read what a scan of every token reads."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

from kg.extract import EXTRACTORS
from kg.extract.officials import CLAUSE_SEPARATORS, PERSON_NOUNS, SPEAKING, find_speakers, name_at
from kg.model import AnalysedArticle
from kg.settings import Settings


def _speakers_by_scanning_every_token(doc: AnalysedArticle) -> Iterator[tuple[str, int]]:
    """The rule read over the whole article's tokens, as it was before tokens became lazy."""
    tokens, text = doc.tokens, doc.article.text
    for k in range(1, len(tokens) - 1):
        token, before, after = tokens[k], tokens[k - 1], tokens[k + 1]
        if token.pos not in ("nr", "") or not 2 <= len(token.text) <= 3 or after.text not in SPEAKING:
            continue
        if before.text not in PERSON_NOUNS and before.text not in CLAUSE_SEPARATORS:
            continue
        if name_at(text, token.start) == token.text:
            yield token.text, token.start


@pytest.mark.parametrize("text", [
    "村民乔艳芳说，今年的收成不错。",
    "“路修好了，出门方便多了。”居民王秀兰笑着说。",
    "张建国表示，将继续做好服务。\n李红梅介绍，社区已建成食堂。",
    "说起这件事，党员刘志强感慨：“变化太大了。”",
    "他说。村民说。说",
    "工作人员赵丽高兴地说，活动吸引了众多居民参与。\r\n志愿者孙磊告诉记者，他们每周都来。",
])
def test_extract_speakers_match_a_scan_of_every_token(make_doc: Callable[[str], AnalysedArticle],
                                                      text: str) -> None:
    doc = make_doc(text)
    assert list(find_speakers(doc)) == list(_speakers_by_scanning_every_token(make_doc(text)))


def test_extract_sentences_without_cues_are_not_segmented(make_doc: Callable[[str], AnalysedArticle],
                                                         settings: Settings) -> None:
    quiet = "天气晴朗，气温适宜。今年秋粮长势良好。"
    doc = make_doc(quiet + "村民乔艳芳说，今年的收成不错。")
    for extractor in EXTRACTORS:
        list(extractor(doc, settings))
    assert doc.lazy_tokens is not None
    # only the run of word characters holding the verb of speaking and the name before it
    assert doc.lazy_tokens.segmented == len("村民乔艳芳说")


def test_extract_speaker_read_from_its_clause(make_doc: Callable[[str], AnalysedArticle]) -> None:
    assert list(find_speakers(make_doc("村民乔艳芳说，今年的收成不错。"))) == [("乔艳芳", 2)]
