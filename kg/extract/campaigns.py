"""Campaigns: named programmes an area runs, told apart from quotations and catchwords by one rule.

A name is a campaign when the text says it is a programme:

1. a quoted name followed, within the same noun phrase, by a programme word (``programme_words.txt``):
   “万人助万企”活动, “双改”工作推进会, “返家乡”社会实践活动, “一件事”政务服务改革, and quoted names
   listed together before one (“A”“B”等促消费活动);
2. a quoted name that ends in one itself: “郑聚英才计划”;
3. a quoted count slogan: a Chinese numeral, 个 or 大, and at least two characters (“八个聚力”,
   “八大战役”, “七个聚焦”);
4. an unquoted name ending in 行动, 计划 or 工程 right after a verb of running a programme (实施, 推行,
   开展, 启动): 推行了明厨亮灶行动;
5. a quoted name an area builds together or strives for (共建“平安福华”), holds up as its aim
   (以“高效办成一件事”为目标) or makes the means of a policy (把“助企护航季”作为…重要抓手);
6. unquoted, a national or provincial honour campaigned for: 国家卫生城市复审, 创建全国文明城市.

Not campaigns: a quoted phrase with none of these (“最强音”, “全方位”), someone's words (ending in
。！？), a competition or festival name (“初心杯”), a programme word that begins a method or target
(“引龙头、创品牌、带农户”工作思路, “五个一”机制), and mnemonics of targets (五防一稳, 一村一品).
The label is the name without quotes and without the programme word outside them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from kg.analyse.segment import dictionary_entry
from kg.extract.patterns import CJK, QUOTED
from kg.model import HEADLINE, AnalysedArticle, CampaignMention, Span
from kg.resources import words
from kg.settings import Settings

NUMERALS = "一二三四五六七八九十两百"
COUNT_SLOGAN = re.compile(rf"^[{NUMERALS}]+[个大](?![{NUMERALS}]+$)[{CJK}]{{2,8}}$")
# jieba tags of ordinary dictionary words: one such word in quotes is emphasis (“全方位”), not a name.
COMMON_TAGS = frozenset({"m", "n", "a", "ad", "an", "d", "b", "v", "vn", "z", "i"})
# After a programme word, these make it a method, a plan or a target rather than a programme.
METHOD_WORDS = ("思路", "机制", "方案", "目标", "模式", "体系", "格局", "布局", "理念", "要求", "原则",
                "办法", "精神", "方法")
# A quoted name ending in these names a competition, a festival or a lesson: an event, not a programme.
EVENT_NAME_ENDINGS = ("杯", "赛", "节", "课")
MAX_PHRASE = 12  # characters between a quoted name and its programme word
# Lists the text calls brands or service programmes name campaigns even unquoted:
# 设置党员四必访、党建八音盒等党建品牌系列活动; 护苗行动、恰同学少年等多个服务项目.
_BRAND_LIST = re.compile(rf"等(?:多个|[0-9{NUMERALS}]+个)?[{CJK}]{{0,6}}?(?:品牌|系列活动|服务项目)")
_LIST_ITEM = re.compile(rf"[{CJK}0-9]{{4,10}}")
RUN_VERBS = ("实施", "推行", "开展", "启动", "推进", "深化", "落实")
UNQUOTED_ENDINGS = ("行动", "计划", "工程")
BRAND_LIST_OPENERS = ("设置", "推出", "打造", "开展", "包括", "设立", "创建")
# The national and provincial honours a city, district or town campaigns for, unquoted: 国家卫生城市复审,
# 创建全国文明城市, 省级园林城市创建. A title alone counts after a verb of striving for it.
_HONOUR = re.compile(
    r"(?P<verb>创建|争创|巩固|迎接)?(?P<name>(?:国家|全国|省级|河南省)(?:卫生|文明|园林|生态园林|森林|节水|双拥模范|"
    r"食品安全示范)(?:城市|城区|县城|县|乡镇|村镇)(?P<act>创建|复审|复检|迎检|巩固提升)?)")
_UNQUOTED = re.compile(
    rf"(?:{'|'.join(RUN_VERBS)})了?(?P<name>[{CJK}0-9]{{4,14}}?(?:{'|'.join(UNQUOTED_ENDINGS)}))")


@lru_cache(maxsize=1)
def programme_words() -> tuple[str, ...]:
    return tuple(sorted(words("programme_words.txt"), key=len, reverse=True))


def _programme_after(text: str, end: int) -> bool:
    """A programme word in the noun phrase after ``end``, skipping further quoted names and 等."""
    i = end
    while True:
        match = QUOTED.match(text, i) or re.compile(r"[、和及与]“").match(text, i)
        if match is None:
            break
        i = match.end() if match.group().startswith("“") else match.start() + 1
    if text.startswith("等", i):
        i += 1
    phrase = re.match(rf"[{CJK}]{{0,{MAX_PHRASE}}}", text[i:])
    if phrase is None:
        return False
    chunk = phrase.group()
    for pos in range(len(chunk)):
        word = next((w for w in programme_words() if chunk.startswith(w, pos)), None)
        if word is not None:
            # 工作者 is a worker, 工作思路 a method, 志愿服务队 or 工作队 a team: none is a programme
            return not chunk.startswith((*METHOD_WORDS, "者", "队", "团"), pos + len(word))
    return False


def _programme_right_after(text: str, end: int) -> bool:
    """A programme word right after the closing quote, or after 专项 (“清朗”专项行动)."""
    rest = text[end + 2:] if text.startswith("专项", end) else text[end:]
    return rest.startswith(programme_words())


# A quoted name that an area builds together, strives for or holds up as its aim is a programme:
# 共建“平安福华”, 以“高效办成一件事”为目标.
_BUILT_TOGETHER = re.compile("(?:共建|创建|争创)$")
_AIM_AFTER = re.compile("为(?:目标|抓手|载体|引领|主线|牵引)")
# 把“助企护航季”作为优化营商环境的重要抓手: a quoted name made the means of a policy is a programme
_MEANS_AFTER = re.compile("作为[^，,。；;！？“”]{0,14}?(?:抓手|载体|举措|突破口|切入点)")


def is_campaign(name: str, text: str, end: int, start: int | None = None) -> bool:
    """Whether the quoted ``name`` whose closing quote ends at ``end`` (and opens at ``start``) names a
    programme."""
    if not name or re.search(r"[。！？!?]", name) or name.endswith(EVENT_NAME_ENDINGS):
        return False
    if _programme_after(text, end):
        return True
    if start is not None and (_BUILT_TOGETHER.search(text, max(0, start - 2), start)
                              or (text.endswith("以", 0, start) and _AIM_AFTER.match(text, end))
                              or (text.endswith(("把", "将"), 0, start) and _MEANS_AFTER.match(text, end))):
        return True
    return name.endswith(("计划", "行动", "工程")) or COUNT_SLOGAN.match(name) is not None


def _one_common_word(doc: AnalysedArticle, start: int, end: int) -> bool:
    inside = doc.tokens_in(start, end)
    return len(inside) == 1 and inside[0].pos in COMMON_TAGS


def _brand_list(text: str) -> Iterator[tuple[int, int]]:
    for closer in _BRAND_LIST.finditer(text):
        end = closer.start()
        items: list[tuple[int, int]] = []
        while True:
            item = None
            for length in range(4, 11):  # the shortest item that starts after a boundary
                begin = end - length
                opens = (begin == 0 or text[begin - 1] in "、，,：:"
                         or text.endswith(BRAND_LIST_OPENERS, 0, begin))
                if begin >= 0 and _LIST_ITEM.fullmatch(text, begin, end) and opens:
                    item = (begin, end)
                    break
            if item is None:
                break
            items.append(item)
            if item[0] == 0 or text[item[0] - 1] != "、":
                break
            end = item[0] - 1
        if len(items) >= 2:
            yield from reversed(items)


def _headline_only(doc: AnalysedArticle, found: set[str]) -> Iterator[CampaignMention]:
    """Programmes the headline names and the body does not (上街区：聚焦“五个环境” 助力经济发展), by the
    same rules; their span is in the headline (``HEADLINE``), whose text is their evidence."""
    title = doc.article.title or ""
    for match in QUOTED.finditer(title):
        name = next(g for g in match.groups() if g is not None).strip()
        if name in found or not is_campaign(name, title, match.end(), match.start()):
            continue
        if _programme_right_after(title, match.end()) or dictionary_entry(name)[0] not in COMMON_TAGS:
            found.add(name)
            yield CampaignMention(name, Span(doc.article.id, HEADLINE, match.start(), match.end()))


def extract(doc: AnalysedArticle, settings: Settings) -> Iterator[CampaignMention]:
    text = doc.article.text
    for start, end in _brand_list(text):
        sentence = doc.sentence_at(start)
        yield CampaignMention(text[start:end], Span(doc.article.id, sentence.index, start, end))
    found: set[str] = set()
    for match in QUOTED.finditer(text):
        name = next(g for g in match.groups() if g is not None).strip()
        # the text test first: it spares segmenting the sentence of a quotation that names no programme
        # one common word in quotes is emphasis (“全方位”), unless a programme word follows it at once
        # (“清朗”专项行动, “净土”行动)
        if is_campaign(name, text, match.end(), match.start()) and (
                _programme_right_after(text, match.end())
                or not _one_common_word(doc, match.start() + 1, match.end() - 1)):
            sentence = doc.sentence_at(match.start())
            found.add(name)
            yield CampaignMention(name, Span(doc.article.id, sentence.index, match.start(), match.end()))
    yield from _headline_only(doc, found)
    for match in _HONOUR.finditer(text):
        if match.group("verb") or match.group("act"):
            sentence = doc.sentence_at(match.start("name"))
            yield CampaignMention(match.group("name"), Span(doc.article.id, sentence.index, match.start("name"),
                                                            match.end("name")))
    for match in _UNQUOTED.finditer(text):
        name = match.group("name")
        if any(c in name for c in "的和等与及"):
            continue
        sentence = doc.sentence_at(match.start("name"))
        span = Span(doc.article.id, sentence.index, match.start("name"), match.end("name"))
        yield CampaignMention(name, span)
