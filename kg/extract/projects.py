"""Projects: named parks, industrial parks, science cities, towns, centres and quarters.

Papers write a project three ways, and each is a rule here:

- a name ending in a project suffix (``project_suffixes.txt``): 中原科技城, 金岱生物医药产业园;
- an item of a list that a project category closes: 国投凤凰里等11个投用产业园, 北庆里1926、毫都·新象等重要
  项目, 商代王城遗址、金岱科创城三大板块 (``project_categories.txt``);
- a name followed by 项目 and a building verb, its site, place or cost: 某某智能制造项目开工, 某某项目现场.

The name starts after the last boundary word before it (``name_boundaries.txt``: 打造, 加快, 在, 以 …).
A name must carry something proper (a place or person-like word, an unknown word, a digit or a Latin
letter; jieba's tags tell): 社区党群服务中心 and 新型产业园 are kinds, not names. Leading district and
city names and a street address are dropped from the label and kept as other names (高新区梧桐园区 →
梧桐园区); the area printed in the name is where the project is.

An amount is the project's investment only when the project is the one thing its clause talks about
(总投资400亿元的某某产业园, 某某项目总投资50亿元); an amount next to a count of projects (113个项目，总投资
400亿元) is the area's aggregate and never a project's.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from kg.analyse.dates import chinese_numerals
from kg.extract.areas import district_names, find_lower, find_upper, upper_in
from kg.extract.patterns import CJK
from kg.model import AnalysedArticle, ProjectMention, Span
from kg.resources import words
from kg.resources.gazetteer import load_gazetteer
from kg.resources.lexicon import area_words
from kg.settings import Settings

NAME_CHARS = rf"{CJK}0-9A-Za-z·"
MAX_NAME = 20
# jieba tags of words that make a name proper: places, other proper nouns, organisations, foreign words;
# "" is a word jieba does not know (北庆里, 毫都), which in a name is usually proper. Two-character person
# tags are left out: jieba gives them to common words (楼宇/nr).
PROPER_TAGS = frozenset({"ns", "nz", "nt", "eng", "", "x"})
WATER_AND_HILLS = frozenset("湖河山岭湾岛洲塘泉溪江渠水")
GENERIC_HEADS = ("新型", "现代", "特色", "优势", "重点", "区域型", "综合性", "各类", "相关", "主题", "该",
                 "本", "各", "全", "一批", "多个", "这", "此")
NUMERAL_HEAD = re.compile(r"^[0-9一二三四五六七八九十百千两第首]")
ROAD = re.compile(rf"^[{CJK}]{{1,4}}?(?:路|大道|大街)")
BUILD_VERBS = ("开工", "建设", "签约", "投用", "投产", "竣工", "完工", "落地", "推进", "启动", "奠基", "开业")
# After 项目, these make what comes before it a project's name as the building verbs do: its site
# (某某项目现场, 某某项目工地), its place and its cost (某某项目位于…, 某某项目总投资…).
PROJECT_FOLLOWERS = (*BUILD_VERBS, "现场", "工地", "位于", "总投资", "计划总投资", "正在", "已", "进展", "预计",
                     "建成", "施工", "落户", "选址")
COUNT = re.compile(r"[0-9一二三四五六七八九十百千两]+(?:个|大|项|家|条|座|批)")
AMOUNT = re.compile(
    r"(?:计划)?(?:总投资|投资总额|总投资额|投资)(?:额)?(?:约|达到|达|超过|超|逾|近|为)?"
    r"(?P<number>[0-9.]+|[零〇一二三四五六七八九十百千两点]+)(?P<unit>万亿|亿|万)?元")
# Verbs that take 项目 as their object (宣布项目开工, 推进项目建设, 保障项目落地): what stands before them is
# the sentence's subject, never a project's name.
GOVERNING_VERBS = ("宣布", "推进", "推动", "加快", "确保", "保障", "服务", "谋划", "招引", "引进", "落实", "支持",
                   "督导", "调度", "观摩", "参观", "考察", "检查", "察看", "查看", "对接",
                   # and words that qualify 项目 (下一步项目推进, 有关项目): no name ends in them
                   "下一步", "下步", "有关", "相关", "本次", "此次", "这些", "各类")
PROJECT_KIND_WORDS = ("重点", "重大", "新建", "续建", "在建", "民生", "产业", "招商", "签约", "农业", "公建")
# Items of events, services and heritage that papers also call 项目: 等12个比赛项目, 等多个服务项目.
NOT_PROJECT_KINDS = ("服务", "活动", "品牌", "惠企", "惠民", "比赛", "竞赛", "赛事", "体验", "培训", "非遗", "展演",
                     "互动", "游戏", "课程")
PLACE_CONTINUATIONS = ("路", "街道", "大街", "村", "社区", "镇", "乡")
UNITS = {"万亿": Decimal(10) ** 12, "亿": Decimal(10) ** 8, "万": Decimal(10) ** 4}
_CLAUSE = re.compile(r"[，,。；;！？!?\n]")
_NAME_CHAR = re.compile(f"[{NAME_CHARS}]")


@lru_cache(maxsize=1)
def _suffixes() -> tuple[str, ...]:
    return tuple(sorted(words("project_suffixes.txt"), key=len, reverse=True))


@lru_cache(maxsize=1)
def _categories() -> tuple[str, ...]:
    return tuple(sorted(words("project_categories.txt"), key=len, reverse=True))


@lru_cache(maxsize=1)
def boundary_words() -> tuple[str, ...]:
    return tuple(sorted(words("name_boundaries.txt"), key=len, reverse=True))


def name_start(text: str, end: int, limit: int = MAX_NAME, suffix: int = 0) -> int:
    """Where a name ending at ``end`` starts: after the last boundary word or break before it, and before
    the name's last ``suffix`` characters (提升 in 生态提升工程 is part of the suffix, not a boundary)."""
    start = end
    while start > 0 and end - start < limit and _NAME_CHAR.match(text[start - 1]):
        start -= 1
    by_first, order, longest = _boundary_index()
    # a boundary word the length limit cut through (走|进新密市…) still bounds the name: the first such
    # word in the list's order
    straddles = [(order[w], k, start - k + len(w)) for k in range(1, min(longest, start + 1))
                 for w in by_first.get(text[start - k], ()) if k < len(w) and text.startswith(w, start - k)]
    if straddles:
        start = min(straddles)[2]
    window = text[start:end - suffix]
    cut = 0
    seen: set[str] = set()
    # each word's last occurrence, scanning from the right: a word at the very end would leave no name
    for pos in range(len(window) - 1, -1, -1):
        for word in by_first.get(window[pos], ()):
            if word not in seen and window.startswith(word, pos):
                seen.add(word)
                if pos + len(word) < len(window) + suffix:
                    cut = max(cut, pos + len(word))
    return start + cut


@lru_cache(maxsize=1)
def _boundary_index() -> tuple[dict[str, tuple[str, ...]], dict[str, int], int]:
    """The boundary words by first character, each word's place in the list, and the longest length."""
    by_first: dict[str, list[str]] = {}
    for word in boundary_words():
        by_first.setdefault(word[0], []).append(word)
    order = {w: i for i, w in enumerate(boundary_words())}
    longest = max((len(w) for w in boundary_words()), default=1)
    return {c: tuple(ws) for c, ws in by_first.items()}, order, longest


def _has_proper_part(doc: AnalysedArticle, start: int, end: int) -> bool:
    if end <= start:
        return False
    if re.search(r"[0-9A-Za-z·]", doc.article.text[start:end]):
        return True
    # only words wholly inside: a word jieba ran across the boundary (及时走访 → 时走) says nothing
    tokens = doc.tokens_in(start, end)
    return any(all(re.match(f"[{CJK}]", c) for c in t.text) and (
        (t.pos in PROPER_TAGS and len(t.text) >= 2)
        # a three-character "person" is a name (比亚迪/nr), where a two-character one is often a common
        # word (楼宇/nr); a lake, river or hill after a word is a place (西流 + 湖, 溱 + 水)
        or (t.pos.startswith("nr") and len(t.text) >= 3)
        or (t.text in WATER_AND_HILLS and k > 0))
        for k, t in enumerate(tokens))


def _suffix_of(name: str) -> str | None:
    return next((s for s in _suffixes() if name.endswith(s)), None)


def _district_head(name: str) -> bool:
    """``name`` starts with a district's name or short form that is no common word (二七, 管城; not 新区)."""
    return any(name[:k] in district_names() and name[:k] not in area_words("generic") for k in (2, 3))


def _place_head(name: str) -> bool:
    """``name`` starts with a listed subdistrict's, town's or village's name without its suffix
    (十八里河智慧物流园: 十八里河街道)."""
    gazetteer = load_gazetteer()
    return any(gazetteer.knows(name[:k] + suffix) for k in range(2, min(6, len(name) - 1))
               for suffix in ("街道", "镇", "乡", "村"))


def _is_generic(name: str) -> bool:
    # a numeral head makes a count (三大产业园), unless it starts a district's or a lower place's name
    # (二七商圈, 十八里河智慧物流园)
    counted = NUMERAL_HEAD.match(name) is not None and not _district_head(name) and not _place_head(name)
    return (len(name) < 3 or name.startswith(GENERIC_HEADS) or counted
            or name in _suffixes() or name in _categories())


def _leading_area(name: str) -> int:
    """The length of the area name printed at the head of ``name`` (郑州市, 中牟县, 姚家镇), or 0."""
    upper = next((m for m in find_upper(name) if m[0] == 0), None)
    if upper is not None:
        return upper[1]
    lower = next((m for m in find_lower(name, {0: "District"}) if m[0] == 0 and m[1] < len(name)), None)
    return lower[1] if lower is not None and lower[1] >= 3 else 0


def split_name(name: str) -> tuple[str | None, str]:
    """The area printed at the head of a name (the innermost one) and the name without it."""
    area: str | None = None
    rest = name
    while (cut := _leading_area(rest)) > 0:
        area, rest = rest[:cut], rest[cut:]
    return area, rest


def parse_amount(number: str, unit: str | None) -> str | None:
    """Yuan as a decimal string: 400 亿 → "40000000000", 四百亿 → "40000000000"."""
    factor = UNITS.get(unit or "", Decimal(1))
    try:
        # Chinese numerals (四百, 一千二百) are read by cn2an
        plain = re.fullmatch(r"[0-9.]+", number) is not None
        value = Decimal(number) if plain else Decimal(str(chinese_numerals(number, "smart")))
    except (InvalidOperation, ValueError, KeyError):
        return None
    total = (value * factor).normalize()
    return f"{total:f}"


class _Found:
    def __init__(self, start: int, end: int, listed: bool, counted: bool = False) -> None:
        self.start, self.end, self.listed, self.counted = start, end, listed, counted


# Words of a contest: in a sentence that holds one, a list of 项目 is of the contest's events.
CONTEST = re.compile("竞技|角逐|比赛|竞赛|大赛|赛事")


def _list_items(doc: AnalysedArticle) -> Iterator[_Found]:
    """Items of lists closed by a project category: A、B等11个在建产业园; A、B、C三大板块."""
    text = doc.article.text
    categories = "|".join(map(re.escape, _categories()))
    closer = re.compile(rf"(?:等(?:{COUNT.pattern})?|(?<=[{CJK}])[一二三四五六七八九十两]+大)"
                        rf"(?P<kind>[{CJK}]{{0,4}}?)(?:{categories})")
    for match in closer.finditer(text):
        if any(word in match.group("kind") for word in NOT_PROJECT_KINDS):
            continue  # 等多个服务项目, 等12个比赛项目: services and sports, not things being built
        sentence = doc.sentence_at(match.start())
        if CONTEST.search(text, sentence.start, sentence.end):
            continue  # 选手在电工、焊工等6个项目中同台竞技: a contest's events
        if not match.group().startswith("等") and "、" not in text[max(0, match.start() - 30):match.start()]:
            continue  # a bare 三大板块 closes a list only after 、-joined names
        end = match.start()
        while True:
            start = name_start(text, end, suffix=len(_suffix_of(text[max(0, end - MAX_NAME):end]) or ""))
            if start < end:
                yield _Found(start, end, True, counted=COUNT.search(match.group()) is not None)
            if start == 0 or text[start - 1] != "、" or start == end:
                break
            end = start - 1


def _suffixed(text: str) -> Iterator[_Found]:
    pattern = re.compile("|".join(map(re.escape, _suffixes())))
    for match in pattern.finditer(text):
        end = match.end()
        if text.startswith(PLACE_CONTINUATIONS, end):
            continue  # 新城路社区: the suffix is part of a place name
        if match.group() == "景区" and text.endswith("风", 0, match.start()):
            continue  # a 风景区 with its 管委会 is an administrative unit, not a site being built
        yield _Found(name_start(text, end, suffix=len(match.group())), end, False)


def _before_project_word(text: str) -> Iterator[_Found]:
    for match in re.finditer("项目(?=" + "|".join(PROJECT_FOLLOWERS) + ")", text):
        if text.endswith(PROJECT_KIND_WORDS, 0, match.start()):
            continue  # 重点项目建设, 民生项目推进: a kind of project, not a name
        if text.endswith(GOVERNING_VERBS, 0, match.start()):
            continue  # 县委书记某某宣布项目开工
        yield _Found(name_start(text, match.start()), match.start(), False)


def _investment(text: str, start: int, end: int) -> str | None:
    """The amount that belongs to the project at start:end, if its clause gives one."""
    clause_start = max((m.end() for m in _CLAUSE.finditer(text, 0, start)), default=0)
    following = _CLAUSE.search(text, end)
    clause_end = following.start() if following else len(text)
    before, after = text[clause_start:start], text[end:clause_end]
    if following is not None and following.group() in "，," and not AMOUNT.search(after + before):
        # 某某产业园位于回郭镇，总投资12亿元: a clause that starts with the cost continues the project's
        told = AMOUNT.match(text, clause_end + 1)
        if told is not None and not COUNT.search(before + after):
            return parse_amount(told.group("number"), told.group("unit"))
    for part, amount_first in ((after, False), (before, True)):
        match = AMOUNT.search(part)
        if match is None:
            continue
        between = part[:match.start()] if not amount_first else part[match.end():]
        if COUNT.search(between) or "等" in between or COUNT.search(part):
            return None  # 等31个项目，总投资…: an aggregate
        if amount_first and not between.endswith("的"):
            continue
        return parse_amount(match.group("number"), match.group("unit"))
    return None


def _steps(printed: str) -> list[str]:
    """The printed name, then the name without each leading area, then without a street address:
    中牟县姚家镇便民服务中心 → 姚家镇便民服务中心 → 便民服务中心;
    商城路毫都东巷文化中心 → 毫都东巷文化中心."""
    steps = [printed]
    rest = printed
    while (cut := _leading_area(rest)) > 0:
        rest = rest[cut:]
        steps.append(rest)
    road = ROAD.match(rest)
    if road and len(rest) - road.end() >= 4:
        steps.append(rest[road.end():])
    return steps


def _after_road(step: str, steps: list[str], printed: str) -> bool:
    """The name left when a street address is dropped (长江路 荟萃里文化中心) names the place itself,
    as long as something besides its suffix is left."""
    if step == printed or len(steps) < 2 or not ROAD.match(steps[-2]) or step != steps[-1]:
        return False
    suffix = _suffix_of(step)
    return len(step) - len(suffix or "") >= 2


def _specific_is_proper(doc: AnalysedArticle, name: str, end: int) -> bool:
    if _leading_area(name) > 0 or _district_head(name):
        return True  # 姚家镇便民服务中心, 郑州市树木园, 二七商圈: the area's own facility
    suffix = _suffix_of(name)
    specific_end = end - len(suffix) if suffix and len(name) > len(suffix) else end
    return _has_proper_part(doc, end - len(name), specific_end)


# A sentence that gives the cost of "this project" (该项目总投资1.2亿元): the project its previous sentence
# names, when it names one.
_ITS_COST = re.compile(rf"该(?:项目|工程|园区|产业园|基地|片区)(?:[{CJK}]{{0,4}}?)" + AMOUNT.pattern)


def extract(doc: AnalysedArticle, settings: Settings) -> Iterator[ProjectMention]:
    mentions = _longest_of_one_start(list(_mentions(doc)))
    yield from _with_costs_told_after(doc, mentions)


def _longest_of_one_start(mentions: list[ProjectMention]) -> list[ProjectMention]:
    """One project where two names start at one place and one continues the other (德化街步行街 and
    德化街步行街改造提升, 官渡新城安置区 and 官渡新城安置区二期): named by the shorter, the place itself, so
    that other articles' mentions of it meet it; the longer is another name."""
    by_start: dict[int, ProjectMention] = {}
    for mention in mentions:
        other = by_start.get(mention.span.start)
        if other is None:
            by_start[mention.span.start] = mention
            continue
        longer, shorter = (mention, other) if mention.span.end > other.span.end else (other, mention)
        names = (longer.name, *longer.aliases, *shorter.aliases)
        by_start[mention.span.start] = replace(
            longer, name=shorter.name, area_name=shorter.area_name or longer.area_name,
            investment=longer.investment or shorter.investment,
            aliases=tuple(dict.fromkeys(n for n in names if n != shorter.name)))
    return sorted(by_start.values(), key=lambda m: m.span.start)


def _with_costs_told_after(doc: AnalysedArticle, mentions: list[ProjectMention]) -> list[ProjectMention]:
    """``mentions`` with the investment a following sentence gives "this project" (该项目总投资…)."""
    text = doc.article.text
    for sentence in doc.sentences[1:]:
        match = _ITS_COST.search(text, sentence.start, sentence.end)
        if match is None or any(m.span.sentence == sentence.index for m in mentions):
            continue
        before = [i for i, m in enumerate(mentions) if m.span.sentence == sentence.index - 1]
        if len({mentions[i].name for i in before}) != 1 or COUNT.search(text, match.start(), match.end()):
            continue
        last = before[-1]
        if mentions[last].investment is None:
            amount = parse_amount(match.group("number"), match.group("unit"))
            mentions[last] = replace(mentions[last], investment=amount)
    return mentions


def _mentions(doc: AnalysedArticle) -> Iterator[ProjectMention]:
    text = doc.article.text
    chosen: dict[int, tuple[int, bool, bool]] = {}  # end → (start, listed, counted)
    for found in (*_list_items(doc), *_suffixed(text), *_before_project_word(text)):
        start, end = found.start, found.end
        # an item printed as a project (A项目、B、C等项目) is counted as one, as in A等3个项目
        counted = found.counted or (found.listed and text.endswith("项目", 0, end))
        if text.endswith("项目", 0, end) and end - start > 4:
            end -= 2
        if text.endswith("等", 0, end):
            end -= 1
        previous = chosen.get(end)
        if previous is None or (found.listed and not previous[1]):
            chosen[end] = (start, found.listed, counted)
    # district names that end where a suffix ends (上街区 ends in 街区); names ending in 区县市省 only, so
    # that a stray short alias in the division list cannot hide a project
    area_ends = {e for _, e, name, _ in upper_in(text) if name.endswith(("区", "县", "市", "省"))}
    for end, (start, listed, counted) in sorted(chosen.items(), key=lambda kv: kv[1][0]):
        printed = text[start:end]
        # a name led by an area is that area's own (姚家镇便民服务中心), whatever the area's first
        # character: 二七区 starts with a numeral, 全 and 本 start other places' names
        generic = _is_generic(printed) and not _leading_area(printed)
        if any(q in printed for q in "“”‘’") or generic or len(split_name(printed)[1]) < 2:
            continue  # quoted phrases are campaigns; a bare area name (上街区) is no project
        steps = [s for s in _steps(printed) if not _is_generic(s)]
        if not steps or end in area_ends:
            continue  # the suffix is the end of an area name: 上街区
        # the text tests first: the tokens (segmenting the sentence) only when they do not tell
        proper = [s for s in steps if _after_road(s, steps, printed) or _specific_is_proper(doc, s, end)]
        suffix = _suffix_of(printed)
        investment = None if listed else _investment(text, start, end)
        # a kind of place with its own cost is one project (总投资45亿元的临空智能终端产业园)
        if not proper and not (listed and (suffix or counted)) and not (suffix and investment):
            continue
        label = proper[-1] if proper else steps[-1]
        area, _ = split_name(printed)
        sentence = doc.sentence_at(start)
        yield ProjectMention(label, Span(doc.article.id, sentence.index, start, end),
                             investment=investment,
                             aliases=tuple(s for s in steps if s != label), area_name=area)
