from __future__ import annotations

import pytest

from kg.analyse import Segmenter
from kg.analyse.sentences import split_sentences


@pytest.mark.parametrize(("text", "expected"), [
    ("会议召开。区长讲话！", ["会议召开。", "区长讲话！"]),
    ("他说：“要抓落实。”随后散会。", ["他说：“要抓落实。”", "随后散会。"]),
    ("第一段\n第二段；第三句", ["第一段", "第二段；", "第三句"]),
    ("", [""]),
])
def test_sentences_boundaries(text: str, expected: list[str]) -> None:
    assert [s.text for s in split_sentences(text)] == expected


def test_sentences_offsets_point_into_text() -> None:
    text = "  会议召开。\n区长讲话。"
    for sentence in split_sentences(text):
        assert text[sentence.start:sentence.end] == sentence.text


def test_segment_tokens_keep_offsets(segmenter: Segmenter) -> None:
    text = "管城区召开项目观摩评比暨决胜三季度工作动员会"
    tokens = segmenter.tokens(text, offset=10)
    assert "".join(t.text for t in tokens) == text
    assert all(text[t.start - 10:t.end - 10] == t.text for t in tokens)


def test_segment_user_dictionary_words_are_kept_whole(segmenter: Segmenter) -> None:
    words = segmenter.words("本报讯 郑东新区党工委副书记出席座谈会")
    assert "党工委" in words and "副书记" in words and "座谈会" in words


def test_segment_segmenters_do_not_share_user_words() -> None:
    first, second = Segmenter(), Segmenter()
    first.add_word("八大战役", "n", 100000)
    assert "八大战役" in first.words("打好八大战役")
    assert "八大战役" not in second.words("打好八大战役")
