"""Events: one mention per happening, built from every sentence that reports it.

1. A trigger word (``triggers.tsv``: 视察, 座谈会, 揭牌, 竞赛 …) names a happening. So does the name of
   a meeting that a verb of convening puts in front of it or after it (召开…常务会议, 举行…洽谈会,
   …第二十次会议召开), whatever its wording, where no listed word is inside it; and, in a dated
   sentence, an activity or festival a verb of holding puts in front of it (9月5日，…组织开展“文明交通
   你我同行”主题宣传活动, 举办农民丰收节). A trigger inside a word for a person (宣讲员), in the name of
   a body (人大常委会, 常委会主任) or in a clause of intent (要…, 将…, 定期…) names none.
2. Each trigger takes the date written nearest before it in its sentence (7月18日, 8月26日上午); vague
   dates (近日, 日前, 连日来) give none. Triggers of one sentence with one date are one happening; two
   dates make two (7月18日会议召开，传达…7月17日调研…讲话精神).
3. Happenings of an article merge when they share a trigger word, or their class and their date, and
   their dates do not disagree: the 连日来 summary and the 6月13日 drill are one drill. An undated
   trigger right after a dated happening (…演练举行。某某现场观摩), or opening its sentence as its setting
   (开幕式上…, 与会人员先后观摩了…, 活动现场…), is part of it; a dated lead that reports nothing itself
   dates the first happening of its paragraph.
4. A headline trigger with no happening in the body ("开学法治第一课"开讲) is dated by the lead.
5. The place: an area the happening moved to (到, 来到, 走进, 在 …管城区; 调研郑东新区; of a tour of several
   places of one level, ``EventMention.places``, the area that holds them all), else the
   most specific area of its subject (五里堡街道建新南街社区 → the community; two communities joined
   by 联合 → their subdistrict).
6. The people: every named person in its sentences (officials.find_officials, find_listed_people,
   and a name right before a verb of taking part, via officials.name_at). A sentence with no trigger
   gives its people to the event its reference word names (会议, 会上, 仪式), else to the event
   reported last. Verbs after a name (``event_roles.tsv``) make chairs (主持) and speakers (讲话).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from kg.extract import areas
from kg.extract.officials import find_listed_people, find_officials, name_at
from kg.extract.patterns import first_of
from kg.model import AnalysedArticle, AreaMention, DateExpression, EventMention, Sentence, Span
from kg.resources import table
from kg.settings import Settings

LEVEL_DEPTH = {"Province": 0, "City": 1, "District": 2, "Subdistrict": 3, "Community": 4}
# After a trigger, these make it part of a word for a person, a team, a room, a body's post or a thing
# named after it: 宣讲员, 检查组, 展览馆, 常委会主任, 督导视频, 督导机制, 督导考核方案; or the last of a
# list of services offered (网上立案、网上庭审等服务), a kind of service and no happening.
NOT_AFTER_TRIGGER = ("员", "者", "人员", "组", "馆", "室", "厅", "主任", "副主任", "秘书长", "党组", "办公室", "机关",
                     "视频", "机制", "制度", "考核", "方案", "责任", "等服务")
# Before a trigger, these make it the name of a standing body: 人大常委会 is no meeting.
NOT_BEFORE_TRIGGER = ("人大",)
# A verb of convening and the meeting it names, up to the end of its clause: 召开区政府第二十三次常务
# 会议，举行2024年招才引智洽谈会。 The name has no quotes or list marks, and ends in 会议, 大会 or 会
# where a clause (or 上: 在…会议上) ends; a year before it is left out of the name.
_CONVENED = re.compile(r"(?:召开|举行|举办)了?(?:[0-9]{4}年度?)?([^，,。；;：:！？!?、“”‘’《》\s]{0,18}?(?:会议|会))"
                       r"(?=上?(?:[，,。；;：:！？!?、\s]|$))")
# The same name printed before the verb, from the start of its clause: 管城区第十六届人大常委会第二十次会议
# 召开, …工作会议在区政府召开.
_CONVENED_AFTER = re.compile(r"(?<![^，,。；;：:！？!?\s])([^，,。；;：:！？!?、“”‘’《》\s]{1,24}?(?:会议|会))"
                             r"(?:在[^，,。；;：:！？!?、]{1,16}?)?(?:召开|举行|开幕)")
# A meeting whose quoted name a verb of convening puts after it: 召开首次“红色议事会”, 举行“委员听民声”协商议事会.
_CONVENED_QUOTED = re.compile(r"(?:召开|举行|举办)了?[^，,。；;：:！？!?、\s“”]{0,6}?“([^“”]{0,16}?(?:会议|会))”"
                              r"|(?:召开|举行|举办)[^，,。；;：:！？!?、\s“”]{0,6}?“[^“”]{1,16}”"
                              r"([^，,。；;：:！？!?、\s“”]{0,8}?(?:会议|会))"
                              r"(?=上?(?:[，,。；;：:！？!?、\s]|$))")
# An activity, ceremony or contest named before the verb that holds it, in a dated clause: …重大项目集中开工
# 活动在滨河办事处举行.
_HELD_AFTER = re.compile(r"(?<![^，,。；;：:！？!?\s])"
                         r"([^，,。；;：:！？!?、“”‘’《》\s]{2,24}?(?:活动|仪式|典礼|大赛|竞赛|比赛))"
                         r"(?:在[^，,。；;：:！？!?、]{1,16}?)?(?:举行|举办|开幕|启动|开赛|落幕|落下帷幕|闭幕|收官)")
# A festival by its quoted name, in a dated sentence: 10月9日，上街区峡窝镇马固村“金秋丰收节”现场.
_FESTIVAL = re.compile(r"“([^“”，,。]{1,12}节)”")
# A verb of holding and the activity or festival it names, up to the end of its clause: 开展“文明交通 你我
# 同行”主题宣传活动，举办农民丰收节。 Only a dated one is a happening: 深入开展“三标”活动 is a programme.
_HELD = re.compile(r"(?:开展|举办|举行)了?([^，,。；;：:！？!?、]{1,24}?(?:活动|节))(?=(?:[，,。；;：:！？!?、\s]|$))")
# Bodies and words, not meetings, that end in 会: 召开…工会, 举办…商会 are read as none.
NOT_MEETINGS = ("委员会", "协会", "商会", "学会", "工会", "理事会", "联合会", "居委会", "村委会", "社会", "机会",
                "体会", "都会", "总会", "分会", "基金会", "研究会", "促进会", "联谊会")
# Words of intent or routine before a trigger in its clause: a plan or a habit, not a happening.
INTENT_WORDS = ("要", "将", "应", "需", "力争", "计划", "拟", "定期", "常态化", "持续", "继续", "不断", "连续", "每年",
                "累计")
MOVE_WORDS = ("来到", "走进", "深入", "前往", "赴", "到", "在")
# A name right before a verb of taking part must follow a title or a break: 宣讲员马媛朋走进.
TITLE_ENDINGS = frozenset("员长师任记席生者官授")
_CLAUSE_BREAK = re.compile(r"[，,。；;：:！？!?]")
TAKING_PART = ("发言", "出席", "参加", "致辞", "讲话", "参会", "签约", "签署", "陪同", "参观", "见证", "揭牌")
ROLE_ADVERBS = ("亲自", "随后", "一同", "共同", "还", "也", "又")


@lru_cache(maxsize=1)
def triggers() -> tuple[tuple[str, str], ...]:
    """(word, class), longest word first."""
    return tuple(sorted(((w, t) for w, t in table("triggers.tsv", 2)), key=lambda r: (-len(r[0]), r[0])))


@lru_cache(maxsize=1)
def _trigger_matcher() -> tuple[re.Pattern[str], dict[str, str]]:
    """The trigger words as one regex, longest first, and each word's class (its first row's)."""
    kinds: dict[str, str] = {}
    for word, kind in triggers():
        kinds.setdefault(word, kind)
    return first_of([w for w, _ in triggers()]), kinds


@lru_cache(maxsize=1)
def _words_inside() -> dict[str, frozenset[str]]:
    """Each trigger word → the trigger words it contains, itself included (揭牌仪式 → 揭牌, 仪式, 揭牌仪式)."""
    words = {w for w, _ in triggers()}
    return {w: frozenset(v for v in words if v in w) for w in words}


def _triggers_in(text: str) -> set[str]:
    """The trigger words printed in ``text``: one scan for the longest, then the words inside them."""
    pattern, _ = _trigger_matcher()
    inside = _words_inside()
    return {w for match in pattern.finditer(text) for w in inside[match.group()]}


@lru_cache(maxsize=1)
def references() -> tuple[tuple[str, str], ...]:
    return tuple(sorted(((w, t) for w, t in table("event_references.tsv", 2)), key=lambda r: -len(r[0])))


@lru_cache(maxsize=1)
def roles() -> tuple[tuple[str, str], ...]:
    return tuple(sorted(((w, r) for w, r in table("event_roles.tsv", 2)), key=lambda r: -len(r[0])))


@lru_cache(maxsize=1)
def _role_patterns() -> tuple[re.Pattern[str], ...]:
    """Each role word as its own compiled pattern, in ``roles()`` order (compiled once, not per sentence)."""
    return tuple(re.compile(re.escape(word)) for word, _ in roles())


@dataclass
class _Hit:
    word: str
    kind: str
    start: int
    end: int
    sentence: int
    date: DateExpression | None


@dataclass
class _Happening:
    kind: str
    hits: list[_Hit]
    date: str | None
    main: _Hit  # the hit whose sentence dates and places the happening
    sentences: set[int] = field(default_factory=set)
    people: dict[str, set[str]] = field(default_factory=dict)  # name → roles

    @property
    def words(self) -> set[str]:
        return {h.word for h in self.hits}

    def add_person(self, name: str, person_roles: set[str]) -> None:
        self.people.setdefault(name, set()).update(person_roles)


def _clause_start(text: str, offset: int, floor: int) -> int:
    return max((m.end() for m in _CLAUSE_BREAK.finditer(text, floor, offset)), default=floor)


def _clause_end(text: str, offset: int, ceiling: int) -> int:
    match = _CLAUSE_BREAK.search(text, offset, ceiling)
    return match.start() if match else ceiling


def find_hits(doc: AnalysedArticle, sentence: Sentence) -> list[_Hit]:
    """Trigger words and convened meetings of a sentence, in order, that name a happening."""
    text = doc.article.text
    pattern, kinds = _trigger_matcher()
    hits: list[_Hit] = []
    listed: list[tuple[int, int]] = []
    i = sentence.start
    # endpos: a trigger never runs past its sentence
    while (match := pattern.search(text, i, sentence.end)) is not None:
        word, kind = match.group(), kinds[match.group()]
        i, end = match.span()
        if not text.startswith(NOT_AFTER_TRIGGER, end) and not text.endswith(NOT_BEFORE_TRIGGER, 0, i):
            listed.append((i, end))
            hits.extend(_happening(doc, sentence, word, kind, i, end))
        i = end
    convened = [*_CONVENED.finditer(text, sentence.start, sentence.end),
                *_CONVENED_AFTER.finditer(text, sentence.start, sentence.end),
                *_CONVENED_QUOTED.finditer(text, sentence.start, sentence.end)]
    for match in convened:
        group = 1 if match.group(1) is not None else 2
        begin, end = match.span(group)
        word = match.group(group)
        if word.endswith(NOT_MEETINGS) or any(s < end and begin < e for s, e in listed):
            continue  # a listed trigger inside (…推进会, …揭牌仪式) already names it
        listed.append((begin, end))
        hits.extend(_happening(doc, sentence, word, "Meeting", begin, end))
    for match in [*_HELD.finditer(text, sentence.start, sentence.end),
                  *_HELD_AFTER.finditer(text, sentence.start, sentence.end),
                  *_FESTIVAL.finditer(text, sentence.start, sentence.end)]:
        begin, end = match.span(1)
        date = _date_for(doc, sentence, begin)
        if date is None or any(s < end and begin < e for s, e in listed):
            continue
        hits.extend(_happening(doc, sentence, match.group(1), "Activity", begin, end))
    return sorted(hits, key=lambda h: h.start)


def _happening(doc: AnalysedArticle, sentence: Sentence, word: str, kind: str, start: int,
               end: int) -> list[_Hit]:
    """A hit for the trigger at ``start``, unless it names no happening (a plan, a habit, a quote)."""
    text = doc.article.text
    date = _date_for(doc, sentence, start)
    # an explicit date makes it a happening whatever the wording; else a plan or habit is none
    prefix = text[sentence.start:start] if not (date and date.value) else ""
    if any(w in prefix for w in INTENT_WORDS) or _quoted(text, sentence, start, end):
        return []
    return [_Hit(word, kind, start, end, sentence.index, date)]


def _quoted(text: str, sentence: Sentence, offset: int, end: int | None = None) -> bool:
    """Inside “…”: a quoted name is a campaign's or someone's words, not a report of a happening;
    unless the trigger ends the quoted name (“商都文化节”), which then names the happening itself."""
    before = text[sentence.start:offset]
    inside = before.count("“") > before.count("”")
    return inside and not (end is not None and text.startswith("”", end))


def _date_for(doc: AnalysedArticle, sentence: Sentence, offset: int) -> DateExpression | None:
    """The date printed nearest before ``offset`` in the sentence, else the first after it."""
    dates = [d for d in doc.dates if sentence.start <= d.start < sentence.end]
    before = [d for d in dates if d.start < offset]
    if before:
        return before[-1]
    return dates[0] if dates else None


def _value(hit: _Hit) -> str | None:
    return hit.date.value if hit.date else None


def _compatible(a: str | None, b: str | None) -> bool:
    return a is None or b is None or a == b


EVENT_NOUN_ENDINGS = ("会", "会议", "仪式", "全会")


def _main_hit(group: Sequence[_Hit]) -> _Hit:
    """The hit that names a group: a meeting or ceremony noun (…观摩评比暨…动员会), else the first."""
    return next((h for h in group if h.word.endswith(EVENT_NOUN_ENDINGS)), group[0])


def _related(words: set[str], other: set[str]) -> bool:
    """Shared trigger words, or one inside another (揭牌 in 揭牌仪式, 仪式 in 发放仪式)."""
    return any(a in b or b in a for a in words for b in other)


def _merge(hits: Sequence[_Hit], text: str, sentences: Sequence[Sentence]) -> list[_Happening]:
    happenings: list[_Happening] = []
    # one sentence, one date expression: one happening (培训及演练活动)
    groups: dict[tuple[int, int | None], list[_Hit]] = {}
    for hit in hits:
        groups.setdefault((hit.sentence, hit.date.start if hit.date else None), []).append(hit)
    for group in groups.values():
        main = _main_hit(group)
        date = _value(main)
        words = {g.word for g in group}
        target = next((h for h in happenings if _compatible(h.date, date) and (
            _related(h.words, words) or (h.kind == main.kind and (h.date is None or date is None))
            or (date is not None and h.date == date and h.kind == main.kind))), None)
        if target is None and date is None:
            target = (_told_just_before(happenings, main, text, sentences)
                      or _setting_of_earlier(happenings, main, text, sentences))
        if target is None:
            happenings.append(_Happening(main.kind, list(group), date, main, {main.sentence}))
            continue
        target.hits.extend(group)
        target.sentences.add(main.sentence)
        if target.date is None and date is not None:
            target.date, target.main, target.kind = date, main, main.kind
    return happenings


# Before a trigger in its sentence, these make it another happening, not more of the one before: 集聚区还
# 对辖区高校进行了实地调研.
ANOTHER_WORDS = ("还", "另", "此外", "同时", "也")


def _told_just_before(happenings: Sequence[_Happening], hit: _Hit, text: str,
                      sentences: Sequence[Sentence]) -> _Happening | None:
    """The dated happening of the sentence before the undated ``hit``'s, in its paragraph: the hit tells
    what was done there (6月18日，…应急演练在某处举行。某某现场观摩并讲评)."""
    index = hit.sentence
    if index == 0 or "\n" in text[sentences[index - 1].end:sentences[index].start]:
        return None
    if any(w in text[sentences[index].start:hit.start] for w in ANOTHER_WORDS):
        return None
    return next((h for h in happenings if h.date is not None and index - 1 in h.sentences), None)


ATTENDEES = ("与会人员", "与会代表", "与会领导", "参会人员", "参会代表", "会前", "活动现场", "仪式现场", "现场")


def _setting_of_earlier(happenings: Sequence[_Happening], hit: _Hit, text: str,
                        sentences: Sequence[Sentence]) -> _Happening | None:
    """An undated trigger that opens its sentence as the setting of what follows (开幕式上，某某致辞), or
    that the attendees of what was reported do (与会人员先后观摩了…), is part of the dated happening
    reported last before it, in whichever paragraph."""
    before = text[sentences[hit.sentence].start:hit.start].strip()
    setting = not before and text.startswith("上", hit.end)
    if not (setting or before.startswith(ATTENDEES)):
        return None
    dated = [h for h in happenings if h.date is not None and min(h.sentences) < hit.sentence]
    return dated[-1] if dated else None


def _title_happening(doc: AnalysedArticle, happenings: list[_Happening]) -> _Happening | None:
    """A headline trigger ("开学法治第一课"开讲) dated by the lead, when the body reports nothing dated."""
    title = doc.article.title or ""
    if any(h.date for h in happenings) or not title:
        return None
    word_kind = next(((w, k) for w, k in triggers() if w in title), None)
    if word_kind is None:
        return None
    for sentence in doc.sentences[:2]:
        date = next((d for d in doc.dates if sentence.start <= d.start < sentence.end and d.value), None)
        if date is not None:
            hit = _Hit(word_kind[0], word_kind[1], sentence.end, sentence.end, sentence.index, date)
            return _Happening(hit.kind, [hit], date.value, hit, {sentence.index})
    return None


def _date_from_lead(doc: AnalysedArticle, happenings: list[_Happening]) -> None:
    """A dated lead that reports no happening itself dates the first one of its paragraph, when nothing
    else is dated: 9月12日，上街区与某公司签署协议。…出席签约仪式 is a ceremony of 9月12日."""
    if not happenings or any(h.date for h in happenings):
        return
    lead_dates = [d for s in doc.sentences[:2] for d in doc.dates if s.start <= d.start < s.end]
    if not lead_dates or lead_dates[0].value is None:
        return
    date = lead_dates[0]
    first = min(happenings, key=lambda h: h.main.start)
    sentence = doc.sentences[first.main.sentence]
    own_date = any(sentence.start <= d.start < sentence.end for d in doc.dates)
    if first.main.start < date.end or own_date or "\n" in doc.article.text[date.end:first.main.start]:
        return
    first.date = date.value


# ----------------------------------------------------------------------------- places


def _chains(mentions: Sequence[AreaMention]) -> list[list[AreaMention]]:
    """Runs of area names printed one right after another: 五里堡街道建新南街社区."""
    chains: list[list[AreaMention]] = []
    for mention in mentions:
        if chains and chains[-1][-1].span.end == mention.span.start:
            chains[-1].append(mention)
        else:
            chains.append([mention])
    return chains


def _deepest(chain: list[AreaMention]) -> AreaMention:
    return max(chain, key=lambda m: (LEVEL_DEPTH.get(m.level, 0), m.span.start))


# The ends of institutions' names that a city's or province's name heads (郑州市第八中学, 郑州市技师学院):
# the happening is at the institution, which a district article's own district places better than the city.
INSTITUTION_ENDINGS = re.compile(r"[^，,。；;：:！？!?、（）()“”\s]{1,10}?(?:学校|中学|小学|学院|大学|医院|幼儿园|"
                                 r"博物馆|图书馆|体育馆|文化馆|科技馆|中心|公司)")


def _heads_institution(text: str, mention: AreaMention) -> bool:
    return mention.level in ("City", "Province") and INSTITUTION_ENDINGS.match(text, mention.span.end) is not None


def _destinations(doc: AnalysedArticle, hit: _Hit, area_mentions: Sequence[AreaMention]) -> tuple[str, ...]:
    """The places of one level a tour went to in the hit's sentence, when there are several: 先后来到济源路
    街道一家大型超市、新安路街道中心菜市场和峡窝镇中心学校食堂."""
    text = doc.article.text
    sentence = doc.sentences[hit.sentence]
    chains = _chains([m for m in area_mentions if sentence.start <= m.span.start < sentence.end])
    first = next((i for i, c in enumerate(chains)
                  if text.endswith(MOVE_WORDS, max(0, c[0].span.start - 2), c[0].span.start)
                  or c[0].span.start in (hit.end, hit.end + 1)), None)  # 视察了棉纺路街道、…
    if first is None:
        return ()
    # each place at the level they all share: 棉纺路街道、秦岭路街道锦绣社区 are two subdistricts, as are
    # 花园口镇八堡村、古荥镇
    level = min((_deepest(c).level for c in chains[first:]), key=lambda lv: LEVEL_DEPTH.get(lv, 0))
    names: list[str] = []
    for chain in chains[first:]:
        place = next((m for m in reversed(chain) if m.level == level), None)
        if place is not None and place.name not in names:
            names.append(place.name)
    return tuple(names) if len(names) > 1 else ()


def _place(doc: AnalysedArticle, hit: _Hit, area_mentions: Sequence[AreaMention]) -> str | None:
    text = doc.article.text
    sentence = doc.sentences[hit.sentence]
    start = hit.date.start if hit.date and sentence.start <= hit.date.start < hit.start else sentence.start
    end = _clause_end(text, hit.end, sentence.end) if hit.end < sentence.end else sentence.end
    inside = [m for m in area_mentions if start <= m.span.start < end]
    chains = [c for c in _chains(inside) if not _heads_institution(text, _deepest(c))]
    for chain in chains:  # where the happening went: 到管城区, 走进上街区, 调研郑东新区
        head = chain[0].span.start
        if text.endswith(MOVE_WORDS, max(0, head - 2), head) or head == hit.end:
            return _deepest(chain).name
    subject = [c for c in chains if c[0].span.start < hit.start]
    if subject:
        chain = subject[0]
        deepest = _deepest(chain)
        siblings = [m for c in subject for m in c if m.level == deepest.level and m.name != deepest.name]
        shallower = [m for m in chain if LEVEL_DEPTH[m.level] < LEVEL_DEPTH[deepest.level]]
        if siblings and shallower:  # 蜜蜂张街道马砦社区联合客技路社区: the subdistrict runs it
            return _deepest(shallower).name
        return deepest.name
    return _deepest(chains[0]).name if chains else None


# ----------------------------------------------------------------------------- people


def _people(text: str, sentence: Sentence, area_spans: Sequence[tuple[int, int]],
            reports_happening: bool = False) -> list[tuple[str, int]]:
    chunk = text[sentence.start:sentence.end]
    found: dict[str, int] = {}
    for name, offset, posts in find_officials(chunk, private=True):
        clause = chunk[offset + len(name):_clause_end(chunk, offset + len(name), len(chunk))]
        # a company's head takes part where the clause says so (…董事长某某作为企业代表发言) or speaks in the
        # sentence that reports the happening (在…早餐会上，…总经理某某说), not where he is only quoted later
        # (…负责人某某表示)
        if posts or reports_happening or any(word in clause for word in TAKING_PART):
            found.setdefault(name, sentence.start + offset)
    for name, offset in find_listed_people(chunk):
        found.setdefault(name, sentence.start + offset)
    for pattern in _role_patterns():
        for match in pattern.finditer(chunk):
            # an adverb may stand between the name and its verb: 欧阳明还主持召开, 张伟亲自主持
            anchor = next((match.start() - len(a) for a in ROLE_ADVERBS
                           if chunk.endswith(a, 0, match.start())), match.start())
            for length in (4, 3, 2):
                begin = anchor - length
                if begin < 0 or name_at(chunk, begin) != chunk[begin:anchor]:
                    continue
                before = chunk[begin - 1] if begin > 0 else "，"
                if before in TITLE_ENDINGS or before in "，,、：:“":
                    found.setdefault(chunk[begin:anchor], sentence.start + begin)
                break
    # a "name" that runs into a place name is the place: 郑东新区 is no 郑东新
    return sorted(((n, o) for n, o in found.items()
                   if not any(s < o + len(n) and o < e for s, e in area_spans)), key=lambda item: item[1])


def _roles_after(text: str, offset: int, name: str, sentence: Sentence) -> set[str]:
    tail = text[offset + len(name):_clause_end(text, offset + len(name), sentence.end)]
    return {role for word, role in roles() if word in tail}


def _nearest(happenings: Sequence[_Happening], index: int, kind: str | None = None) -> _Happening | None:
    candidates = [h for h in happenings if kind is None or h.kind == kind]
    # reported before this sentence: by its trigger, not by a 会议指出 paragraph printed ahead of the lead
    before = [(max(s for s in h.sentences if s <= index), h) for h in candidates
              if min(hit.sentence for hit in h.hits) <= index]
    if before:
        return max(before, key=lambda item: item[0])[1]
    after = [(min(h.sentences), h) for h in candidates]
    return min(after, key=lambda item: item[0])[1] if after and kind is not None else None


def _assign_people(doc: AnalysedArticle, happenings: list[_Happening],
                   hits_by_sentence: dict[int, list[_Hit]], owner: dict[int, _Happening],
                   area_spans: Sequence[tuple[int, int]]) -> None:
    text = doc.article.text
    for sentence in doc.sentences:
        hits = [h for h in hits_by_sentence.get(sentence.index, []) if id(h) in owner]
        people = _people(text, sentence, area_spans, reports_happening=bool(hits))
        context = sentence.text
        if sentence.index > 0 and doc.sentences[sentence.index - 1].text.endswith("”"):
            context = doc.sentences[sentence.index - 1].text + context  # “…座谈会…。”王波说。
        named = _triggers_in(context)  # quoted ones too: “本次座谈会效果显著”
        related = [h for h in happenings if named and _related(h.words, named)]
        reference = next((k for w, k in references() if w in context), None)
        if not people:
            # 会议指出…, 会议要求…: the sentence still reports the meeting (and its campaigns)
            referred = _nearest(happenings, sentence.index, reference) if reference and not hits else None
            if referred is not None:
                referred.sentences.add(sentence.index)
            continue
        for name, offset in people:
            person_roles = _roles_after(text, offset, name, sentence)
            target: _Happening | None
            if hits:
                after = [h for h in hits if h.start >= offset]
                target = owner[id(after[0] if after else hits[-1])]
            else:
                target = _nearest(related, sentence.index, None) or (related[0] if related else None)
                if target is None and reference:
                    target = _nearest(happenings, sentence.index, reference)
                target = target or _nearest(happenings, sentence.index)
            if target is not None:
                target.add_person(name, person_roles)
                target.sentences.add(sentence.index)


def extract(doc: AnalysedArticle, settings: Settings) -> Iterator[EventMention]:
    hits_by_sentence = {s.index: find_hits(doc, s) for s in doc.sentences}
    hits = [h for s in doc.sentences for h in hits_by_sentence[s.index]]
    happenings = _merge(hits, doc.article.text, doc.sentences)
    _date_from_lead(doc, happenings)
    titled = _title_happening(doc, happenings)
    if titled is not None:
        happenings.append(titled)
        hits_by_sentence.setdefault(titled.main.sentence, []).append(titled.main)
    owner = {id(hit): h for h in happenings for hit in h.hits}
    area_mentions = sorted(areas.mentions(doc, settings), key=lambda m: m.span.start)
    area_spans = [(m.span.start, m.span.end) for m in area_mentions]
    _assign_people(doc, happenings, hits_by_sentence, owner, area_spans)
    for happening in happenings:
        main = happening.main
        names = list(happening.people)
        yield EventMention(
            happening.kind, main.word, Span(doc.article.id, main.sentence, main.start, main.end),
            date=happening.date, participants=tuple(names),
            chairs=tuple(n for n in names if "chair" in happening.people[n]),
            speakers=tuple(n for n in names if "speaker" in happening.people[n]),
            place=_place(doc, main, area_mentions), sentences=tuple(sorted(happening.sentences)),
            places=_destinations(doc, main, area_mentions))
