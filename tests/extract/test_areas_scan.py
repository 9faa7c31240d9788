"""The prefix-gated scan for province, city and district names finds exactly what trying every length
at every position finds."""

from __future__ import annotations

from unittest.mock import patch

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.extract import areas
from kg.extract.areas import MAX_NAME, find_upper

from ..conftest import SEEDS


class _EveryLength(dict):  # type: ignore[type-arg]
    """Stands in for the prefix index: every length at every position."""

    def get(self, key, default=None):  # type: ignore[no-untyped-def]
        return tuple(range(MAX_NAME, 1, -1))


def _every_length(text: str) -> list[tuple[int, int, str, str]]:
    # the same scan with the prefix gate taken out, so only the gate is compared
    with patch.object(areas, "_upper_lengths", lambda: _EveryLength()):
        return list(find_upper(text))


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
