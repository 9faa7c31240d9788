"""Administrative-area mentions: every place name of the national division list, and unknown
subdistricts, towns, communities and villages recognised by their suffix where the text makes it clear.

Province, city and district names are matched by their full and common forms (管城回族区, 管城区,
郑州高新区), never by bare short forms (管城, 郑州), which papers use in organisation names (郑州大学).
Lower levels are found from their suffix (街道, 镇, 乡, 社区, 村): the longest name ending there that the
division list knows, or, for an unknown one, the name directly after a known area (郑庵镇前李庄村).
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache

from kg.extract.patterns import CJK
from kg.model import AnalysedArticle, AreaMention, Span
from kg.resources.gazetteer import LEVELS, load_gazetteer
from kg.settings import Settings

LOWER_SUFFIXES = {"街道": "Subdistrict", "镇": "Subdistrict", "乡": "Subdistrict",
                  "社区": "Community", "村": "Community"}
# Words ending in an area suffix that are not areas.
NOT_AREAS = frozenset({"乡村", "农村", "城乡", "城镇", "乡镇", "家乡", "下乡", "全村", "本村", "该村", "各村",
                       "进村", "驻村", "全镇", "该镇", "本镇", "各镇", "全乡", "该乡", "各乡", "全社区", "该社区",
                       "本社区", "各社区", "新农村", "城中村", "美丽乡村", "和美乡村", "返家乡", "街道", "社区"})
# An area name never continues into these: 乡村 is not 乡 + 村, 社区卫生服务中心 is an institution.
NOT_FOLLOWED_BY = ("村", "镇区", "卫生服务中心", "卫生院", "医院", "学校", "小学", "中学", "幼儿园", "大学")
MAX_NAME = 12


@lru_cache(maxsize=1)
def _upper_names() -> dict[str, str]:
    """Name or alias → level, for every province, city and district-level name of two or more characters."""
    gazetteer = load_gazetteer()
    out: dict[str, str] = {}
    for name, indices in gazetteer.upper_names().items():
        if len(name) >= 3 or name.endswith(("区", "县", "市", "省")):
            out[name] = LEVELS[gazetteer.levels[indices[0]]]
    return out


def _is_cjk(ch: str) -> bool:
    return bool(ch) and "\u3400" <= ch <= "\u9fff"


@lru_cache(maxsize=1)
def _upper_lengths() -> dict[str, tuple[int, ...]]:
    """First two characters → the lengths of the names starting with them, longest first.

    Most positions of a text start no name at all; this lets the scan skip them with one lookup
    instead of trying every length (the scan was the slowest part of extraction).
    """
    lengths: dict[str, set[int]] = {}
    for name in _upper_names():
        lengths.setdefault(name[:2], set()).add(len(name))
    return {prefix: tuple(sorted(found, reverse=True)) for prefix, found in lengths.items()}


def find_upper(text: str) -> Iterator[tuple[int, int, str, str]]:
    """(start, end, name, level) of province, city and district names, longest match first."""
    names = _upper_names()
    starts = _upper_lengths()
    i = 0
    size = len(text)
    while i < size - 1:
        for length in starts.get(text[i:i + 2], ()):
            if length > MAX_NAME or i + length > size:
                continue
            candidate = text[i:i + length]
            level = names.get(candidate)
            if level:
                yield i, i + length, candidate, level
                i += length
                break
        else:
            i += 1


def find_lower(text: str, known_before: set[int]) -> Iterator[tuple[int, int, str, str]]:
    """(start, end, name, level) of subdistricts, towns, communities and villages.

    ``known_before`` holds the offsets where an upper-level area name ends, so that an unknown name
    directly after one (中牟县姚家镇, 郑庵镇前李庄村) is taken whole.
    """
    gazetteer = load_gazetteer()
    for suffix, level in LOWER_SUFFIXES.items():
        start = 0
        while (pos := text.find(suffix, start)) >= 0:
            start = pos + 1
            end = pos + len(suffix)
            if text.startswith(NOT_FOLLOWED_BY, end) or (suffix == "村" and text.startswith("街道", end)):
                continue
            if suffix in ("镇", "乡") and text.startswith("街", end):
                continue
            best: tuple[int, str] | None = None
            for length in range(min(MAX_NAME, end), len(suffix) + 1, -1):
                begin = end - length
                candidate = text[begin:end]
                if not all(_is_cjk(ch) or ch.isdigit() for ch in candidate):
                    continue
                if candidate in NOT_AREAS:
                    continue
                if gazetteer.knows(candidate) or begin in known_before:
                    best = (begin, candidate)
                    break
            if best:
                yield best[0], end, best[1], level


def extract(doc: AnalysedArticle, settings: Settings) -> Iterator[AreaMention]:
    text = doc.article.text
    found: dict[tuple[int, int], tuple[str, str]] = {}
    for start, end, name, level in find_upper(text):
        found[(start, end)] = (name, level)
    ends = {end for (_, end) in found}
    for _ in range(2):  # a second pass takes a village after a town found in the first
        for start, end, name, level in find_lower(text, ends):
            if any(s <= start and end <= e and (s, e) != (start, end) for (s, e) in found):
                continue
            found[(start, end)] = (name, level)
        ends = {end for (_, end) in found}
    # keep the longest of overlapping matches
    spans = sorted(found, key=lambda se: (se[0], -(se[1] - se[0])))
    last_end = -1
    for start, end in spans:
        if start < last_end:
            continue
        last_end = end
        name, level = found[(start, end)]
        if len(name) < 2 or not any(_is_cjk(c) for c in name) or not _valid_stem(name, level):
            continue
        sentence = doc.sentence_at(start)
        yield AreaMention(name, level, Span(doc.article.id, sentence.index, start, end))


def _valid_stem(name: str, level: str) -> bool:
    if level in ("Subdistrict", "Community"):
        for suffix in LOWER_SUFFIXES:
            if name.endswith(suffix):
                return len(name) - len(suffix) >= 2 and name not in NOT_AREAS
    return True


__all__ = ["CJK", "extract", "find_lower", "find_upper"]
