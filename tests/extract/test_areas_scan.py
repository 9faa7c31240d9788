"""The prefix-gated scan for province, city and district names finds exactly what trying every length
at every position finds."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.extract.areas import MAX_NAME, _upper_names, find_upper

from ..conftest import SEEDS


def _every_length(text: str) -> list[tuple[int, int, str, str]]:
    names = _upper_names()
    found = []
    i = 0
    while i < len(text):
        for length in range(min(MAX_NAME, len(text) - i), 1, -1):
            level = names.get(text[i:i + length])
            if level:
                found.append((i, i + length, text[i:i + length], level))
                i += length
                break
        else:
            i += 1
    return found


@pytest.mark.parametrize("page", sorted(SEEDS.glob("*.txt")), ids=lambda p: p.name[:3])
def test_areas_scan_matches_every_length_scan_on_pages(page) -> None:  # type: ignore[no-untyped-def]
    text = page.read_text(encoding="utf-8")
    assert list(find_upper(text)) == _every_length(text)


@pytest.mark.parametrize("text", ["郑州市管城回族区", "河南省郑州市", "区", "郑", "", "金水区金水路",
                                  "中牟县姚家镇"])
def test_areas_scan_matches_every_length_scan_on_short_texts(text: str) -> None:
    assert list(find_upper(text)) == _every_length(text)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="郑州市管城回族区金水二七中原河南省高新开发县镇乡村东西南北", max_size=40))
def test_areas_scan_matches_every_length_scan_on_any_text(text: str) -> None:
    assert list(find_upper(text)) == _every_length(text)
