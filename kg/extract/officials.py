"""People and the posts printed before their names.

A post is an organisation part and a role word (``roles.txt``): 郑州市科协|主席, 区委|副书记,
管委会|常务副主任. Posts chain with 、 or ， before one name (区委副书记、区长丁晓永), and one post may
serve a list of names (区委副书记马安庄、张俊忠). A later post in a list with no organisation of its
own takes the one before it (郑州市科协主席吴予红、副主席李文龙). Names without a post are taken only
from 、-lists closed by 等 or by a verb of speaking or attending, so that ordinary words never become
people.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from kg.analyse.segment import dictionary_entry
from kg.extract.areas import find_lower, find_upper
from kg.extract.patterns import CJK
from kg.model import AnalysedArticle, PersonMention, PostMention, Span, Token
from kg.resources import roles, surnames
from kg.resources.gazetteer import load_gazetteer
from kg.settings import Settings

# A character that cannot be the third character of a name when it follows two name characters:
# verbs and particles that follow a name in news prose (张艳敏出席, 丁晓永作部署, 王波说).
NAME_FOLLOWERS = frozenset("作在等说和与及为主出带陪表提对一同也就到参率指强要讲介汇致宣的是将向从分共"
                           "代听调参视察考走前来进表同点发等任兼称还又赴")
# Followers that are words on their own (王波说): never a name's third character.
ALONE_FOLLOWERS = frozenset("说在等和与及为到对向从将是的作也就称还又赴")
# jieba's tags of the words that follow a name (了解, 通过, 仔细, 接着): a two-character name's third
# character never starts one of them, since given names are not made of such words' first halves.
FOLLOWING_TAGS = frozenset({"v", "vd", "vn", "d", "ad", "p", "c"})
CLAUSE_SEPARATORS = "、，,。；;：:（）()！？\n "
# Two-character words that follow a two-character name (马天负责 is 马天 + 负责, not 马天负).
FOLLOW_WORDS = frozenset({
    "负责", "主持", "表示", "介绍", "参加", "出席", "指出", "强调", "要求", "带领", "陪同", "调研", "检查",
    "督导", "走访", "慰问", "讲话", "发言", "宣布", "宣读", "汇报", "通报", "部署", "对接", "现场", "一行",
    "同志", "等人", "先后", "深入", "实地", "主讲", "认为", "希望", "提出", "代表", "带队", "率队", "会见",
    "看望", "察看", "听取", "详细", "围绕", "前往", "来到", "结合", "分别", "一同", "共同", "点评", "总结",
    "进行", "随后", "首先", "最后", "同时", "再次", "就任", "任职", "获得", "荣获", "告诉", "坦言", "感慨",
    "列席", "致辞", "参会", "参与", "到会", "莅临", "亲自", "还就", "作了",
    "正在", "已经", "一直", "始终", "多次", "主动", "积极", "认真", "带头", "专门", "祝贺", "亲切", "按下",
    "针对", "传达",
})
# Characters that end many given names (志强, 建发) but also start a few verbs after a name (强调,
# 发言): right after a two-character name start they belong to the name unless one of those verbs
# starts there.
NAME_END_VERBS: dict[str, tuple[str, ...]] = {
    "强": ("强调", "强化"),
    "进": ("进行", "进入", "进一步", "进村", "进社区"),
    "发": ("发言", "发表", "发布", "发放", "发出", "发挥", "发展"),
}
# Roles that carry the level of their own place, never the organisation printed before them.
OWN_LEVEL_ROLE = re.compile("(?:省|市|区|县|镇|乡)长$")
# Characters of place and office words that never stand in a given name (江路街 of 长江路街道).
# Surnames that are also common function words: before a two-character dictionary word they are the
# function word (委员和群众代表), not a surname.
FUNCTION_SURNAMES = frozenset("和于向时")
# A surname that mostly starts words (全会, 全体, 全面): with the next character a dictionary word, no name.
WORD_SURNAMES = frozenset("全")
NOT_IN_NAMES = frozenset("路街区县省镇乡局委厅办处了的着")
ORG_CUT_WORDS = ("由", "的", "和", "与", "及", "在", "到", "对", "向", "是", "为", "传达", "学习", "带领",
                 "邀请", "陪同", "会同", "联合", "组织", "看望", "慰问", "听取", "请")
# Conjunctions that also join the fields in one office's name (自然资源和规划局), and that office's last word.
JOINING_WORDS = ("和", "与", "及")
OFFICE_ENDINGS = ("局", "委", "厅", "办", "中心")
# A cut word followed by one of these is part of the organisation's name (组织部, 联合会, 学习办).
ORG_UNIT_HEADS = ("部", "委", "局", "办", "处", "科", "会", "中心", "室", "组")
LEADERS = ("领导",)  # 区领导, 县领导, 市领导, 港区领导: the names after them are people
LIST_CLOSERS = ("等", "同学", "分别", "一同", "共同", "一起")
SPEECH_VERBS = ("发言", "讲话", "表示", "说", "指出", "提出", "参加", "出席", "主持", "交流", "介绍")
# Heads of these hold no public post: a company's, a co-operative's, a project's or a site's (项目负责人).
# Verbs that make the role after them a predicate (担任审判长), never a title printed before a name.
ROLE_AS_PREDICATE = ("担任", "出任", "兼任", "当选为", "当选")
PRIVATE_ORG = re.compile(r"(?:有限公司|有限责任公司|股份公司|集团|公司|合作社|工作室|项目|企业|工地|门店|商户|事务所)$")
_ROLE_RE = re.compile("|".join(map(re.escape, roles())))
_CJK_CHAR = re.compile(f"[{CJK}]")  # compiled once: name_at asks it of every character it reads
_LIST_ITEM_BREAK = re.compile("、|和")


def _is_cjk(ch: str) -> bool:
    return bool(ch) and _CJK_CHAR.match(ch) is not None


def _has_surname(name: str) -> bool:
    known = surnames()
    return name[:1] in known or name[:2] in known


def _starts_place(text: str, i: int) -> bool:
    """Whether a place name starts at ``i`` (郑东新区…, 长江路街道…): then no person does."""
    window = text[i:i + 12]
    if any(start == 0 for start, *_ in find_upper(window)):
        return True
    # listed places only: the window's start looks like a clause start, so an unknown "place" could run
    # over a name and a verb to the next 村 (刘全喜带领村民 is no village 刘全喜带领村)
    gazetteer = load_gazetteer()
    return any(start == 0 and gazetteer.knows(name) for start, _, name, _ in find_lower(window, {}))


def _follows_name(text: str, i: int) -> bool:
    """What starts at ``i`` is what follows a name: punctuation, a one-character verb or a verb word."""
    ch = text[i:i + 1]
    return not ch or not _is_cjk(ch) or ch in ALONE_FOLLOWERS or text[i:i + 2] in FOLLOW_WORDS


def _dictionary_word_follows(text: str, i: int) -> bool:
    """A verb, adverb, preposition or conjunction of jieba's dictionary starts at ``i`` (李娜了解,
    王磊通过, 张伟仔细)."""
    tag, frequency = dictionary_entry(text[i:i + 2])
    return tag in FOLLOWING_TAGS and frequency >= 10


def _ends_name(text: str, i: int) -> bool:
    """Whether the character at ``i``, after a surname and one more character, is a name's third."""
    third = text[i:i + 1]
    if not _is_cjk(third) or _ROLE_RE.match(text, i):
        return False
    # a word that follows names starts here (马天负责), unless another starts right after it (王志强调研)
    if text[i:i + 2] in FOLLOW_WORDS and text[i + 1:i + 3] not in FOLLOW_WORDS:
        return False
    after = _follows_name(text, i + 1)  # what comes after the third character follows a name
    if third in NAME_END_VERBS:  # 张国强商量: the name's; 张国强调，…: 强调 follows 张国
        return after or not text.startswith(NAME_END_VERBS[third], i) or text[i + 1:i + 3] in FOLLOW_WORDS
    if _dictionary_word_follows(text, i) and not after:
        return False  # 李娜了解; but 王建明说, 李春生出席
    # 冯志强到场, 冯志强指出: 强 starts no word here, and what comes after it follows a name
    return third not in NAME_FOLLOWERS or (after and third not in ALONE_FOLLOWERS)


def _printed_shorter(text: str, i: int, length: int = 2) -> bool:
    """The article prints the ``length`` characters at ``i`` elsewhere as a name on its own (驻村第一书记
    张磊正和村民… “…”张磊说) and never one more: one person is printed one way in one article."""
    two, three = text[i:i + length], text[i:i + length + 1]
    start = 0
    shorter = False
    while (pos := text.find(two, start)) >= 0:
        start = pos + 1
        if pos == i:
            continue
        if text.startswith(three, pos):
            return False
        shorter = shorter or _follows_name(text, pos + length)
    return shorter


# The officials and events extractors ask for the same positions of the same text (an article, or one
# sentence of it) several times: each answer is kept for the rest of the article.
@lru_cache(maxsize=8192)
def name_at(text: str, i: int) -> str | None:
    """The person name starting at ``i``: a surname and a given name of one or two characters (two or
    three characters, three or four after a compound surname: 欧阳慧敏), not a place."""
    two = text[i:i + 2]
    if len(two) < 2 or not all(_is_cjk(c) for c in two) or not _has_surname(two):
        return None
    if _ROLE_RE.match(text, i) or _starts_place(text, i):
        return None
    # after a compound surname the given name starts a character later
    base = 3 if two in surnames() and _is_cjk(text[i + 2:i + 3]) else 2
    longer = _ends_name(text, i + base) and not _printed_shorter(text, i, base)
    name = text[i:i + base + 1] if longer else text[i:i + base]
    if any(ch in NOT_IN_NAMES for ch in name[1:]) or _runs_into_place(text, i, len(name)):
        return None
    if name[0] in FUNCTION_SURNAMES and len(name) == 3 and dictionary_entry(name[1:])[1] >= 100:
        return None  # 委员和群众代表: 和 joins two nouns here, no person 和群众
    if name[0] in WORD_SURNAMES and dictionary_entry(name[:2])[1] >= 100:
        return None  # 全会由市委常委会主持: no person 全会
    return name


# Not 村: listed village names are often prose too (张磊正和村民 is no 正和村).
_PLACE_ENDINGS = ("街道", "社区", "镇", "乡", "区", "县", "市")


def _runs_into_place(text: str, i: int, length: int) -> bool:
    """A listed town, subdistrict or district starts inside the name and runs past it (来到超化镇: no
    person 来到超)."""
    gazetteer = load_gazetteer()
    return any(gazetteer.knows(text[i + k:j]) for k in range(1, length)
               for j in range(i + length + 1, min(len(text), i + k + 8) + 1)
               if text.endswith(_PLACE_ENDINGS, 0, j))


def _org_before(text: str, end: int) -> str:
    """The organisation part printed before a role ending at ``end`` (郑州市科协, 区委)."""
    start = end
    while start > 0 and text[start - 1] not in CLAUSE_SEPARATORS and end - start < 24:
        start -= 1
    chunk = _after_unmatched_quote(text[start:end])
    for word in ORG_CUT_WORDS:
        cut = chunk.rfind(word)
        if cut < 0 or chunk.startswith(ORG_UNIT_HEADS, cut + len(word)):
            continue
        if word in JOINING_WORDS and _one_office(chunk[:cut], chunk[cut + len(word):]):
            continue  # 自然资源和规划局, 住房和城乡建设局: one office's name
        chunk = chunk[cut + len(word):]
    return chunk


def _one_office(before: str, after: str) -> bool:
    """``before`` 和 ``after`` name one office: two fields of work joined, then the office's word."""
    return (len(before) >= 2 and _is_cjk(before[-1]) and 2 <= len(after) <= 8
            and after.endswith(OFFICE_ENDINGS) and not _ROLE_RE.search(before)
            and not after.startswith(("省", "市", "区", "县", "镇", "乡")))  # 区领导和区教育局: two


def _after_unmatched_quote(chunk: str) -> str:
    """Drop what precedes a closing quote that opens nowhere in ``chunk`` (运用。”马寨… → 马寨…)."""
    depth = 0
    cut = 0
    for i, ch in enumerate(chunk):
        if ch in "“‘「『":
            depth += 1
        elif ch in "”’」』":
            if depth == 0:
                cut = i + 1
            else:
                depth -= 1
    return chunk[cut:]


def _posts_before(text: str, role_start: int, role_end: int) -> list[PostMention]:
    """The post ending at ``role_end`` and the posts chained before it with 、 or ，."""
    posts: list[PostMention] = []
    org = _org_before(text, role_start)
    posts.append(PostMention(org + text[role_start:role_end], text[role_start:role_end], org or None, None))
    cursor = role_start - len(org)
    while cursor > 0 and text[cursor - 1] in "、，,":
        head = cursor - 1
        match = None
        for m in _ROLE_RE.finditer(text, max(0, head - 10), head):
            if m.end() == head:
                match = m
        if match is None or text.endswith(ROLE_AS_PREDICATE, 0, match.start()):
            break  # …冯家骏担任审判长，书记吕海燕: a role taken on ends the chain
        prev_org = _org_before(text, match.start())
        posts.insert(0, PostMention(prev_org + match.group(), match.group(), prev_org or None, None))
        cursor = match.start() - len(prev_org)
    # a post printed without its organisation shares the one before it: 区委副书记、区长
    return posts


def _clause(text: str, i: int) -> str:
    """The text from ``i`` to the next list or clause separator."""
    end = i
    while end < len(text) and text[end] not in CLAUSE_SEPARATORS:
        end += 1
    return text[i:end]


def _names_after(text: str, i: int) -> list[tuple[str, int]]:
    """Names starting at ``i``, and more joined by 、 when they carry no post of their own."""
    found: list[tuple[str, int]] = []
    name = name_at(text, i)
    while name:
        found.append((name, i))
        nxt = i + len(name)
        if nxt < len(text) and text[nxt] == "、":
            i = nxt + 1
            if _ROLE_RE.search(_clause(text, i)):
                break  # the next item carries its own post (区检察院检察长高翔): a new post mention
            name = name_at(text, i)
            continue
        break
    return found


AS_WORDS = ("作为", "身为")


def _introduced_as(text: str, role_start: int) -> bool:
    """Whether the clause holding the post at ``role_start`` opens with 作为 or 身为 (as …)."""
    start = role_start
    while start > 0 and text[start - 1] not in CLAUSE_SEPARATORS:
        start -= 1
    return text.startswith(AS_WORDS, start)


def find_officials(text: str, private: bool = False) -> Iterator[tuple[str, int, tuple[PostMention, ...]]]:
    """(name, offset, posts) for every name printed after a post; with ``private``, also the names after a
    company's or a project's post, with no post (a company head who speaks at a meeting takes part)."""
    previous_org: str | None = None
    previous_end = -1
    for match in _ROLE_RE.finditer(text):
        if text.endswith(ROLE_AS_PREDICATE, 0, match.start()):
            continue  # 冯家骏担任审判长，街道党工委书记吕海燕…: a role taken on, not a title before a name
        names = _names_after(text, match.end())
        if not names and text.startswith(("，", ","), match.end()) and _introduced_as(text, match.start()):
            names = _names_after(text, match.end() + 1)  # 作为新密市人大代表，魏长河…: the post, then the name
        if not names:
            continue
        posts = _posts_before(text, match.start(), match.end())
        first = posts[0]
        if (first.organization is None and previous_org and match.start() - previous_end <= 2
                and not OWN_LEVEL_ROLE.search(first.role)):
            posts[0] = PostMention(previous_org + first.role, first.role, previous_org, None)
        public = [p for p in posts if not (p.organization and PRIVATE_ORG.search(p.organization))]
        if not public:
            if private:
                yield from ((name, offset, ()) for name, offset in names)
            continue
        # a public post beside a private one stands (区政协委员、某某律师事务所主任卫东明 is a 委员)
        posts = public
        previous_org = posts[-1].organization
        for name, offset in names:
            yield name, offset, tuple(posts)
        previous_end = names[-1][1] + len(names[-1][0])


_LIST = re.compile(rf"(?:[{CJK}]{{2,3}}(?:、|和)){{1,}}[{CJK}]{{2,5}}")


def _listed_name(name: str) -> bool:
    longest = 4 if name[:2] in surnames() else 3
    return 2 <= len(name) <= longest and _has_surname(name) and not any(c in NOT_IN_NAMES for c in name[1:])


def find_listed_people(text: str) -> Iterator[tuple[str, int]]:
    """Names in 、-lists closed by 等 or by a verb of speaking or attending (周定友、陈平山…等发言)."""
    for match in _LIST.finditer(text):
        items = _LIST_ITEM_BREAK.split(match.group())
        last_start = match.end() - len(items[-1])
        tail_name = name_at(text, last_start)
        # closed by 等 or a verb, or led by a word for leaders (县领导樊子健、殷小可，先后到…)
        led = text.endswith(LEADERS, 0, match.start() + 1) or text.endswith(LEADERS, 0, match.start())
        if tail_name is None or not (led or text.startswith(LIST_CLOSERS + SPEECH_VERBS,
                                                                 last_start + len(tail_name))):
            continue
        names = [*items[:-1], tail_name]
        offset = match.start()
        if len(names[0]) == 3 and not _listed_name(names[0]) and _listed_name(names[0][1:]):
            # the leftmost match took the title's last character: 区领导赵敏、孙立新 → 赵敏
            names[0] = names[0][1:]
            offset += 1
        if not all(_listed_name(n) for n in names):
            continue
        for name in names:
            yield name, offset
            offset += len(name) + 1


SPEAKING = frozenset({"说", "表示", "介绍", "告诉", "坦言", "感慨", "笑着说", "高兴地说"})
PERSON_NOUNS = frozenset({
    "村民", "居民", "市民", "群众", "党员", "志愿者", "老人", "工作人员", "网格员", "社工", "学生", "家长",
    "老师", "医生", "职工", "员工", "代表", "委员", "企业家", "店主", "业主"})


# where a verb of speaking starts, overlapping ones too (笑着说 and its 说): the tokens are read there only
_SPEAKING_AT = re.compile(f"(?=(?:{'|'.join(sorted(SPEAKING, key=len, reverse=True))}))")


def find_speakers(doc: AnalysedArticle) -> Iterator[tuple[str, int]]:
    """Names the segmenter reads as a person or does not know, right before a verb of speaking and
    after a person noun or a clause break (村民乔艳芳说, 居民王秀兰表示)."""
    text = doc.article.text
    for cue in _SPEAKING_AT.finditer(text):
        after = doc.token_at(cue.start())
        if after is None or after.text not in SPEAKING:
            continue
        token = doc.token_before(after.start)
        if token is None or token.pos not in ("nr", "") or not 2 <= len(token.text) <= 3:
            continue
        before = doc.token_before(token.start)
        if before is None or (before.text not in PERSON_NOUNS and before.text not in CLAUSE_SEPARATORS):
            continue
        if name_at(text, token.start) == token.text:
            yield token.text, token.start


def _common_word_at(token: Token | None) -> bool:
    """Whether a listed "name" starts with a word the dictionary knows as something else: 区块链 (区块),
    元宇宙 (元, a numeral)."""
    if token is None:
        return False
    if token.pos in ("m", "q", "c", "u", "p"):
        return True
    return len(token.text) >= 2 and not token.pos.startswith("nr") and token.pos not in ("", "x", "ns", "nz")


def extract(doc: AnalysedArticle, settings: Settings) -> Iterator[PersonMention]:
    text = doc.article.text
    seen: set[tuple[str, int]] = set()
    for name, offset, posts in find_officials(text):
        seen.add((name, offset))
        sentence = doc.sentence_at(offset)
        yield PersonMention(name, posts, Span(doc.article.id, sentence.index, offset, offset + len(name)))
    for name, offset in [*find_listed_people(text), *find_speakers(doc)]:
        if (name, offset) in seen or _common_word_at(doc.token_at(offset)):
            continue
        sentence = doc.sentence_at(offset)
        yield PersonMention(name, (), Span(doc.article.id, sentence.index, offset, offset + len(name)))
