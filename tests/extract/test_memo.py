"""``last_call`` reuses the last result only for the very same arguments."""

from __future__ import annotations

from collections.abc import Callable

from kg.extract import areas
from kg.extract.memo import last_call
from kg.model import AnalysedArticle
from kg.settings import Settings


def _counting() -> tuple[Callable[[str], tuple[str, ...]], list[str]]:
    calls: list[str] = []

    @last_call
    def split(text: str) -> tuple[str, ...]:
        calls.append(text)
        return tuple(text)

    return split, calls


def test_memo_last_call_reuses_the_result_for_the_same_object() -> None:
    split, calls = _counting()
    text = "管城回族区" * 3
    assert split(text) is split(text)
    assert calls == [text]


def test_memo_last_call_computes_again_for_another_object() -> None:
    split, calls = _counting()
    first, second = "金水区", "二七区"
    assert split(first) == tuple(first)
    assert split(second) == tuple(second)
    assert split(first) == tuple(first)  # one entry only: the first was forgotten
    assert calls == [first, second, first]


def test_memo_areas_mentions_are_the_extractor_output(make_doc: Callable[[str], AnalysedArticle],
                                                     settings: Settings) -> None:
    one = make_doc("6月2日，二七区长江路街道开展防汛演练。")
    two = make_doc("9月3日，市领导走进登封市调研文旅项目。")
    assert list(areas.extract(one, settings)) == list(areas.mentions(one, settings))
    assert [m.name for m in areas.mentions(two, settings)] == ["登封市"]
    assert [m.name for m in areas.mentions(one, settings)] == ["二七区", "长江路街道"]
