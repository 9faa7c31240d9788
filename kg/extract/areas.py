"""Administrative-area mentions: every place name of the national division list, and unknown
subdistricts, towns, communities, villages and functional zones recognised by their suffix where the
text makes it clear.

Province, city and district names are matched by their full and common forms (管城回族区, 管城区,
郑州高新区), never by bare short forms (管城, 郑州), which papers use in organisation names (郑州大学).
Lower levels are found from their suffix (街道, 镇, 乡, 社区, 村): the longest name ending there that the
division list knows, else, for an unknown one, a short name that starts cleanly: after punctuation, at
the start of a line, or directly after a known area of a higher level (郑庵镇前李庄村, 、固岭村).
An office named after a road (商都路党工委, 商都路办事处) is that road's subdistrict (商都路街道); the
road itself (商都路) is not an area.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from functools import lru_cache

from kg.extract.memo import last_call
from kg.extract.patterns import CJK
from kg.model import AnalysedArticle, AreaMention, Span
from kg.resources.gazetteer import LEVELS, load_gazetteer
from kg.resources.lexicon import area_words
from kg.settings import Settings

LOWER_SUFFIXES = {"街道": "Subdistrict", "镇": "Subdistrict", "乡": "Subdistrict",
                  "社区": "Community", "村": "Community"}
RANK = {level: i for i, level in enumerate(LEVELS)}
# Words ending in an area suffix that are not areas.
NOT_AREAS = frozenset({
    "乡村", "农村", "城乡", "城镇", "乡镇", "家乡", "下乡", "全村", "本村", "该村", "各村", "进村",
    "驻村", "全镇", "该镇", "本镇", "各镇", "全乡", "该乡", "各乡", "全社区", "该社区", "本社区",
    "各社区", "新农村", "城中村", "美丽乡村", "和美乡村", "返家乡", "街道", "社区"})
# An area name never continues into these: 乡村 is not 乡 + 村, 社区卫生服务中心 is an institution.
NOT_FOLLOWED_BY = ("村", "镇区", "卫生服务中心", "卫生院", "医院", "学校", "小学", "中学", "幼儿园", "大学")
MAX_NAME = 12
MAX_UNKNOWN_STEM = 5
# One-character particles and prepositions after which a new place's name may start: 观摩了南曹街道.
AFTER_PROSE = "了在到赴至于从向"
PLACING_WORDS = ("位于", "落户", "选址", "走进", "前往", "深入")
PROSE_TAGS = frozenset("vrdpcumqtf")  # jieba's verb, pronoun, adverb, … tags
# A road office: 商都路党工委, 福华街办事处 → the subdistrict 商都路街道, 福华街街道.
ROAD_OFFICE = re.compile("(?:路|街)(?=党工委|办事处|党委)")
# A numbered road of a city's grid (经三路, 纬五路, 政七街, 东三街) before a community or subdistrict
# suffix names it whole: the national list may know a shorter place (三路社区) somewhere else, and the
# character before the grid word (在经三路社区) is often prose that hides where an unknown name starts.
GRID_ROAD = re.compile("[经纬政东西南北中][一二三四五六七八九十]{1,3}(?:路|街)$")
# Functional zones the division list lacks, written as districts: 马寨产业集聚区. Bare 新区 and 示范区
# are left out: too many slogans end in them (产城融合发展示范区).
ZONE_SUFFIXES = ("产业集聚区", "高新技术产业开发区", "经济技术开发区", "经济开发区", "综合实验区")


@lru_cache(maxsize=1)
def _upper_names() -> dict[str, str]:
    """Name or alias → level, for every province, city and district-level name a paper prints alone:
    full names, common forms ending in 区/县/市/省, and the short forms of provinces and cities (河南,
    北京) unless they are also common words (中山, 白银)."""
    gazetteer = load_gazetteer()
    out: dict[str, str] = {}
    generic = area_words("generic")
    not_bare = area_words("not_bare")
    for name, indices in gazetteer.upper_names().items():
        if name in generic and name not in gazetteer.zone_names:
            continue
        bare = name in gazetteer.short_forms and name not in not_bare
        full = any(gazetteer.names[i] == name for i in indices) or name in gazetteer.zone_names
        if name.endswith("社区"):
            continue  # a county-level unit of the list called 大社区 is no name a paper prints alone
        if bare or name.endswith(("区", "县", "市", "省")) or (full and len(name) >= 3):
            out[name] = LEVELS[gazetteer.levels[indices[0]]]  # not a district's bare short form: 龙子湖
    return out


@lru_cache(maxsize=1)
def district_names() -> dict[str, tuple[int, ...]]:
    """District names and short forms (管城区, 管城, 浦东, 二七) → the places they name. A short form is
    read as an area only right after its city; projects read any of them as a proper name's head."""
    gazetteer = load_gazetteer()
    return {name: indices for name, indices in gazetteer.upper_names().items()
            if len(name) >= 2 and any(gazetteer.levels[i] == 2 for i in indices)}


def _district_after(text: str, end: int, city: str) -> tuple[int, str] | None:
    """A district short form printed right after its city (上海浦东, 郑州管城)."""
    gazetteer = load_gazetteer()
    cities = {p.index for p in gazetteer.lookup(city)}
    shorts = district_names()
    for length in (3, 2):
        candidate = text[end:end + length]
        for index in shorts.get(candidate, ()):
            parent = gazetteer.parents[index]
            if gazetteer.levels[index] == 2 and (parent in cities or gazetteer.parents[parent] in cities):
                return end + length, candidate
    return None


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
    """(start, end, name, level) of province, city and district names, longest match first.

    A bare short form (郑州, 北京) does not count inside an organisation or road name (郑州大学,
    北京路); a district's short form counts right after its city (上海浦东).
    """
    names = _upper_names()
    short_forms = load_gazetteer().short_forms
    followers = tuple(area_words("org_after_bare"))
    starts = _upper_lengths()
    i = 0
    size = len(text)
    while i < size - 1:
        for length in starts.get(text[i:i + 2], ()):
            if length > MAX_NAME or i + length > size:
                continue
            candidate = text[i:i + length]
            level = names.get(candidate)
            if not level:
                continue
            if candidate in short_forms and text.startswith(followers, i + length):
                continue  # 郑州大学
            if level in ("Province", "City") and _in_lower_place(text, i, length):
                continue  # 南阳寨村, 陇海南里社区, 磁涧镇江沟村, 上海市场社区: part of a lower place's name
            yield i, i + length, candidate, level
            i += length
            if level in ("Province", "City"):
                district = _district_after(text, i, candidate)
                if district and not any(text[i:i + n] in names for n in range(2, MAX_NAME + 1)):
                    yield i, district[0], district[1], "District"
                    i = district[0]
            break
        else:
            i += 1


_LOWER_SUFFIX = re.compile("|".join(LOWER_SUFFIXES))


def _in_lower_place(text: str, i: int, length: int) -> bool:
    """A subdistrict, community or village of the national list, printed over ``i`` (where a province
    or city name of ``length`` characters starts) and past it: the higher name is part of it."""
    gazetteer = load_gazetteer()
    for suffix in _LOWER_SUFFIX.finditer(text, i, min(len(text), i + length + MAX_NAME)):
        end = suffix.end()
        for begin in range(max(0, i - MAX_UNKNOWN_STEM), i + 1):
            name = text[begin:end]
            if (end - begin >= 3 and (begin, end) != (i, i + length) and _is_cjk(text[begin])
                    and any(p.level in ("Subdistrict", "Community") for p in gazetteer.lookup(name))):
                return True
    return False


@last_call
def upper_in(text: str) -> tuple[tuple[int, int, str, str], ...]:
    """``find_upper`` over a whole article, computed once per article (projects read it too)."""
    return tuple(find_upper(text))


def _clean_stem(stem: str) -> bool:
    """An unknown area's stem: no function word, count or generic word in it."""
    if len(stem) < 2 or not all(_is_cjk(ch) for ch in stem):
        return False
    if stem[0] in area_words("stop_initial") or any(ch in stem for ch in area_words("stop_inner")):
        return False
    return not any(w in stem for w in area_words("stop") | area_words("generic"))


Prose = Callable[[int, int], bool]


def _no_prose(begin: int, end: int) -> bool:
    return False


def _prose_in(doc: AnalysedArticle) -> Prose:
    """Whether the segmenter read a verb, pronoun, adverb, preposition, conjunction, particle, numeral,
    measure, time or direction word over a span: never part of an unknown place's name (扎根社区,
    今年村里). Asked only of a candidate's stem, so only the sentences holding one are segmented."""
    def prose(begin: int, end: int) -> bool:
        return any(t.pos[:1] in PROSE_TAGS and t.pos != "vn" and len(t.text) > 1
                   for t in doc.tokens_overlapping(begin, end))
    return prose


def _unknown_start(text: str, end: int, known_ends: dict[int, str], level: str) -> int | None:
    """Where an unknown name whose stem ends at ``end`` begins, when the text marks its start clearly:
    directly after a known area of a higher level, else after punctuation or a line start."""
    for begin in range(end - 2, max(0, end - MAX_UNKNOWN_STEM) - 1, -1):
        if begin in known_ends and RANK[known_ends[begin]] < RANK[level]:
            return begin
    run = end
    while run > 0 and _is_cjk(text[run - 1]) and end - run <= MAX_UNKNOWN_STEM:
        run -= 1
    if end - run <= MAX_UNKNOWN_STEM and (run == 0 or not _is_cjk(text[run - 1])):
        return run
    # after a particle, preposition or verb of going or placing that ends the prose before it: 观摩了南曹
    # 街道, 来到南曹街道, 选址京航办事处
    return next((b for b in range(end - 4, end - 1)
                 if b > 0 and (text[b - 1] in AFTER_PROSE or text.endswith(PLACING_WORDS, 0, b))), None)


def _common_word_at(text: str, pos: int, suffix: str) -> bool:
    """Whether the suffix at ``pos`` is part of a common word (乡村, 进村, 村村, 下乡, 城镇)."""
    return text[max(0, pos - 1):pos + len(suffix)] in area_words("common_endings") or (
        suffix == "乡" and text[pos + 1:pos + 2] in ("村", "镇", "亲", "愁", "土", "风", "贤"))


def _listed_after_parent(text: str, end: int, suffix: str, known_ends: dict[int, str]) -> bool:
    """A place of the national list ends at ``end`` and starts right where a higher area ends, or a
    clause starts (岳村镇岳村开展…)."""
    gazetteer = load_gazetteer()
    return any((begin in known_ends or begin == 0 or not _is_cjk(text[begin - 1]))
               and gazetteer.knows(text[begin:end])
               for begin in range(max(0, end - MAX_NAME), end - len(suffix) - 1))


def _overlaps(spans: Sequence[tuple[int, int]], begin: int, end: int) -> bool:
    return any(s < end and begin < e for s, e in spans)


def find_lower(text: str, known_ends: dict[int, str], prose: Prose = _no_prose,
               taken: Sequence[tuple[int, int]] = ()) -> Iterator[tuple[int, int, str, str]]:
    """(start, end, name, level) of subdistricts, towns, communities and villages.

    ``known_ends`` maps the offsets where an area name ends to its level, so that an unknown name
    directly after a higher one (中牟县姚家镇, 郑庵镇前李庄村) starts there; ``taken`` holds the spans of
    province, city and district names, which a lower name never overlaps (荥阳市高村乡 is not the
    village 荥阳市高村 + 乡); an unknown name's stem is never one the segmenter reads as ``prose``.
    """
    gazetteer = load_gazetteer()
    for suffix, level in LOWER_SUFFIXES.items():
        start = 0
        while (pos := text.find(suffix, start)) >= 0:
            start = pos + 1
            end = pos + len(suffix)
            if suffix == "村":
                if text.startswith(("街道", *NOT_FOLLOWED_BY[1:]), end):
                    continue  # 绿东村街道 is a subdistrict; 村卫生室 …
            elif text.startswith(NOT_FOLLOWED_BY, end):
                continue
            if suffix in ("镇", "乡") and (text.startswith("街", end) or text.endswith(suffix, 0, pos)):
                continue  # 镇街道; 广武镇镇长: the town, then its 镇长
            if _common_word_at(text, pos, suffix) and not _listed_after_parent(text, end, suffix, known_ends):
                continue  # 乡村, 村镇: unless a listed place right after its parent (新郑市新村镇)
            found: tuple[int, str] | None = None
            # a candidate starting before the end of a higher name that starts before this one overlaps it
            floor = max((e for s, e in taken if s < end), default=0)
            for length in range(min(MAX_NAME, end - floor), len(suffix) + 1, -1):
                begin = end - length
                candidate = text[begin:end]
                if candidate in NOT_AREAS or not all(_is_cjk(ch) or ch.isdigit() for ch in candidate):
                    continue
                if gazetteer.knows(candidate):
                    # a name made of a common word (城乡社区, 幸福村) counts only after its parent
                    if candidate[:-len(suffix)] not in area_words("generic") or begin in known_ends:
                        found = (begin, candidate)
                    break
            if found is not None and level == "Community" and found[0] not in known_ends:
                # a village printed right after its town but for a character or two starts at the town:
                # 站街镇南窑湾村 is 南窑湾村 of 站街镇, though the list knows a 窑湾村 elsewhere
                parent_end = next((b for b in (found[0] - 1, found[0] - 2)
                                   if known_ends.get(b) == "Subdistrict"), None)
                if (parent_end is not None and _clean_stem(text[parent_end:pos]) and not prose(parent_end, pos)
                        and not _overlaps(taken, parent_end, end)):
                    found = (parent_end, text[parent_end:end])
            short = end - len(suffix) - 1  # a one-character stem (马村, 郭村) only right after its parent
            if found is None and short in known_ends and gazetteer.knows(text[short:end]) \
                    and _is_cjk(text[short]) and not _overlaps(taken, short, end):
                found = (short, text[short:end])
            grid = GRID_ROAD.search(text, max(0, pos - 5), pos) if suffix in ("社区", "街道") else None
            if grid and (found is None or found[0] > grid.start()) and not _overlaps(taken, grid.start(), end):
                found = (grid.start(), text[grid.start():end])
            if found is None:
                begin_or_none = _unknown_start(text, pos, known_ends, level)
                if (begin_or_none is not None and _clean_stem(text[begin_or_none:pos])
                        and not prose(begin_or_none, pos)
                        and not _overlaps(taken, begin_or_none, end)):
                    found = (begin_or_none, text[begin_or_none:end])
            if found:
                yield found[0], end, found[1], level


def find_road_offices(text: str, known_ends: dict[int, str],
                      prose: Prose = _no_prose) -> Iterator[tuple[int, int, str, str]]:
    """(start, end, subdistrict name, level) for offices named after a road: 商都路党工委 → 商都路街道."""
    for match in ROAD_OFFICE.finditer(text):
        begin = _unknown_start(text, match.start(), known_ends, "Subdistrict")
        if (begin is not None and 2 <= match.start() - begin <= 4 and _clean_stem(text[begin:match.start()])
                and not prose(begin, match.start())):
            yield begin, match.end(), text[begin:match.end()] + "街道", "Subdistrict"


# What a subdistrict-level office (办事处) of the national list is called there: zones' offices are listed
# as 街道 or 镇 (郑州高新区's 石佛办事处 is the list's 石佛镇).
OFFICE = "办事处"
OFFICE_LISTED_AS = ("街道", "镇", "乡")


def find_offices(text: str, known_ends: dict[int, str],
                 prose: Prose = _no_prose) -> Iterator[tuple[int, int, str, str]]:
    """(start, end, printed name, level) of subdistrict offices: 高新区石佛办事处, 在九龙办事处举行. The
    name is the longest stem before 办事处 that the national list knows as a subdistrict, else one
    that starts cleanly; 街道办事处 and road offices are found elsewhere."""
    gazetteer = load_gazetteer()
    start = 0
    while (pos := text.find(OFFICE, start)) >= 0:
        start = pos + 1
        if text.endswith(("街道", "路", "街", "乡", "镇"), 0, pos):
            continue
        begin: int | None = next(
            (b for b in range(max(0, pos - 4), pos - 1)
             if any(gazetteer.knows(text[b:pos] + s) for s in OFFICE_LISTED_AS) and _clean_stem(text[b:pos])),
            None)
        if begin is None:
            begin = _unknown_start(text, pos, known_ends, "Subdistrict")
            if begin is None or not 2 <= pos - begin <= 4 or not _clean_stem(text[begin:pos]) \
                    or prose(begin, pos):
                continue
        yield begin, pos + len(OFFICE), text[begin:pos + len(OFFICE)], "Subdistrict"


def find_zones(text: str, known_ends: dict[int, str],
               prose: Prose = _no_prose) -> Iterator[tuple[int, int, str, str]]:
    """(start, end, name, level) of functional zones the division list lacks (马寨产业集聚区).

    A zone is taken where its name starts cleanly; every other place the article prints the same
    name is then a mention too.
    """
    names: set[str] = set()
    for suffix in ZONE_SUFFIXES:
        start = 0
        while (pos := text.find(suffix, start)) >= 0:
            start = pos + 1
            begin = _unknown_start(text, pos, known_ends, "District")
            if begin is None or not _clean_stem(text[begin:pos]) or prose(begin, pos):
                continue
            names.add(text[begin:pos + len(suffix)])
    for name in sorted(names, key=lambda n: (-len(n), n)):
        start = 0
        while (pos := text.find(name, start)) >= 0:
            start = pos + len(name)
            yield pos, pos + len(name), name, "District"


def extract(doc: AnalysedArticle, settings: Settings) -> Iterator[AreaMention]:
    return iter(mentions(doc, settings))


@last_call
def mentions(doc: AnalysedArticle, settings: Settings) -> tuple[AreaMention, ...]:
    """The article's area mentions, in text order; computed once per document (events reads them too)."""
    return tuple(_find(doc))


def _find(doc: AnalysedArticle) -> Iterator[AreaMention]:
    text = doc.article.text
    prose = _prose_in(doc)
    found: dict[tuple[int, int], tuple[str, str]] = {}
    for start, end, name, level in upper_in(text):
        found[(start, end)] = (name, level)
    ends = {end: level for (_, end), (_, level) in found.items()}
    for start, end, name, level in find_road_offices(text, ends, prose):
        found[(start, end)] = (name, level)
    for start, end, name, level in find_offices(text, ends, prose):
        found[(start, end)] = (name, level)
    for start, end, name, level in find_zones(text, ends, prose):
        found.setdefault((start, end), (name, level))
    upper = list(found)
    taken = upper
    for _ in range(2):  # a second pass takes a village after a town found in the first
        ends = {end: level for (_, end), (_, level) in found.items()}
        for start, end, name, level in find_lower(text, ends, prose, taken):
            # inside a longer name, unless that name is just a found area and this one (古荥镇 + 马村)
            if any(s <= start and end <= e and (s, e) != (start, end) and not (e == end and (s, start) in found)
                   for (s, e) in found):
                continue
            found[(start, end)] = (name, level)
        # a town found in the first pass bounds the names after it in the second: 西村镇西村 is the
        # town and its village 西村, not 镇西村
        towns = [span for span, (_, level) in found.items() if level == "Subdistrict"]
        for start, end in [span for span, (_, level) in found.items() if level == "Community"]:
            if any(s < start < e < end for s, e in towns):
                del found[(start, end)]
        taken = upper + towns
    # a name read whole where a parent and its child were both found (古荥镇马村) is the two of them
    for start, end in [se for se in found if found[se][1] in ("Subdistrict", "Community")]:
        if any((start, middle) in found and (middle, end) in found for middle in range(start + 2, end - 1)):
            del found[(start, end)]
    # keep the longest of overlapping matches
    spans = sorted(found, key=lambda se: (se[0], -(se[1] - se[0])))
    parent_ends = {end for (_, end), (_, level) in found.items() if level != "Community"}
    last_end = -1
    for start, end in spans:
        if start < last_end:
            continue
        last_end = end
        name, level = found[(start, end)]
        if len(name) < 2 or not any(_is_cjk(c) for c in name):
            continue
        if not _valid_stem(name, level) and not (start in parent_ends and len(name) == 2):
            continue  # a one-character stem only right after its parent: 古荥镇马村
        if level in ("Subdistrict", "Community") and _quoted(text, start) and not load_gazetteer().knows(name):
            continue  # a slogan's word, not a place: “沿黄百村共富”行动
        sentence = doc.sentence_at(start)
        yield AreaMention(name, level, Span(doc.article.id, sentence.index, start, end))


def _quoted(text: str, offset: int) -> bool:
    """Whether ``offset`` is inside “…” in its paragraph."""
    line_start = text.rfind("\n", 0, offset) + 1
    return text.rfind("“", line_start, offset) > text.rfind("”", line_start, offset)


def _valid_stem(name: str, level: str) -> bool:
    if level in ("Subdistrict", "Community"):
        for suffix in LOWER_SUFFIXES:
            if name.endswith(suffix):
                return len(name) - len(suffix) >= 2 and name not in NOT_AREAS
    return True


__all__ = ["CJK", "district_names", "extract", "find_lower", "find_offices", "find_road_offices", "find_upper",
           "find_zones", "mentions", "upper_in"]
