"""Split sources into articles: headlines, kickers, sub-headings, bylines, photo captions.

A newspaper page is read as a list of paragraphs (blank lines separate them). The rules, in the
words an editor would use:

- a line marked ``#``/``##`` is a headline; a ``###`` line is a headline only when a 本报讯 lead
  follows it, otherwise it is a sub-heading inside the current article;
- one to three short lines without closing punctuation, directly followed by a 本报讯 lead (or, after a
  wide gap, by a byline of their own: a feature), are a headline printed without ``#`` (joined with a
  space), or, right after a headline with no text yet, its second lines (——…纪实); short lines right
  before a ``#`` headline are a kicker (稳经济 促发展 强信心) and belong to no article;
- other short lines inside an article are its sub-headings;
- a paragraph that stops mid-sentence (no closing punctuation, or ending on a comma or on a word
  that cannot end a sentence) is joined with the next one: the page was broken across columns;
- bylines (记者 … 通讯员 … 文/图, or a bare (党贺喜 王海荣) at the end) give the reporters;
- a photo credit (本报记者 刘伟平 摄) closes a photo caption: the paragraphs after the last wide
  gap before it are their own small article, without a headline; so does a credit that ends a
  paragraph set apart by a wide gap (…开展环境整治活动。本报记者 李焱 摄).

The page is read as a stream of lines and each article is handed on as soon as it is complete, so a
page of any size is split in bounded memory. An article whose paragraphs hold more than
``max_article_chars`` characters is reported (``TooLargeError``) and skipped; its text is counted,
not kept. Text is data: any character, however odd, is kept or skipped, never a reason to fail.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace

from kg.errors import InputError, TooLargeError
from kg.model import Article, Line, Source
from kg.naming import digest
from kg.resources import surnames
from kg.settings import DEFAULT_SETTINGS, Settings

_CJK = "\u3400-\u4dbf\u4e00-\u9fff"
_NAME = rf"[{_CJK}]{{2,4}}"
_SEP = r"[ \u3000]+"
_NAMES = rf"{_NAME}(?:(?:{_SEP}|[、，,]){_NAME})*"
_CREDIT_TAIL = r"(?:文/图|图/文|文图|摄影|摄|报道)"
# 记者 or 通讯员 and what may stand before it: 本报记者, a paper's media-group title (郑报融媒记者,
# 河南日报融媒记者, 郑报全媒体记者), a paper's name (郑州日报记者), 见习记者
_REPORTER = rf"(?:本报|[{_CJK}]{{0,6}}?(?:融媒|全媒体|日报)|首席|见习|特约|摄影)?(?:记者|通讯员)"

# 记者 冉红政 通讯员 姜璞 文/图 (the whole paragraph, or its tail after a full stop)
BYLINE = re.compile(
    rf"(?:^|(?<=[。！？”]))[ \u3000]*{_REPORTER}[ \u3000]*(?P<body>{_NAMES}"
    rf"(?:{_SEP}{_REPORTER}{_SEP}{_NAMES})*)(?:{_SEP}{_CREDIT_TAIL})?[ \u3000]*$"
)
# 本报讯(记者 王恩俊 通讯员 刘博闻) at the start of a lead
LEAD = re.compile(r"^本报讯[ \u3000]*(?:[(（](?P<byline>[^()（）]{0,80})[)）])?[ \u3000,，:：]*")
# 本报讯 记者 张倩 通讯员 王磊 9月5日，…: a byline without brackets, up to where the date starts
_PLAIN_LEAD_BYLINE = re.compile(
    rf"(?P<byline>(?:{_REPORTER}[ \u3000]+(?:[{_CJK}]{{2,4}}[ \u3000]+)+)+)(?=[0-9０-９]|近日|日前|连日来|今年|昨日)")
# (党贺喜 王海荣 高晓东) standing alone or closing the last paragraph
BARE_BYLINE = re.compile(rf"(?:^|(?<=[。！？”]))[ \u3000]*[(（](?P<body>{_NAMES})[)）][ \u3000]*$")
# 本报记者 刘伟平 摄
PHOTO_CREDIT = re.compile(rf"^(?:{_REPORTER})?[ \u3000]*(?P<body>{_NAMES})[ \u3000]*摄(?:影)?$")
# …开展环境整治活动。本报记者 李焱 摄: a caption and its credit printed as one paragraph
INLINE_CREDIT = re.compile(rf"(?<=[。！？”])[ \u3000]*(?:{_REPORTER})?[ \u3000]*(?P<body>{_NAMES})"
                           rf"[ \u3000]*摄(?:影)?$")
# Words of a byline that are no names: roles (郑报融媒记者, 见习记者, 实习生) and credits (文/图, 张倩/文).
ROLE_WORDS = re.compile(rf"{_REPORTER}|本报|实习生|文/图|图/文|文图|摄影|摄|报道|/[文图]")

_CLOSING = "。！？!?…”’」』)）：:；;"
_OPEN_TAIL = "，,、（(“‘《"
# Words a sentence cannot end on: prepositions, conjunctions, particles, verbs that want an object.
_OPEN_WORDS = ("的", "地", "和", "与", "及", "或", "在", "对", "向", "从", "把", "将", "为", "到", "于",
               "听取", "察看", "参观", "了解", "观看", "召开", "举行", "开展", "围绕", "通过", "按照")
_HALF_TO_FULL = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！", "(": "（", ")": "）"}
_HALF_PUNCT = re.compile(rf"(?<=[{_CJK}”“）])([,;:?!])|([,;:?!])(?=[{_CJK}“”（])")
# one run between a paren pair (checked for Chinese in code: a nested pattern backtracks quadratically)
_PAREN = re.compile(r"\(([^()]*)\)")
_HAS_CJK = re.compile(rf"[{_CJK}]")
# bylines are short: look for one only near the end, so that a long paragraph costs no more to check
_BYLINE_REACH = 400
_SPACES = re.compile(r"[ \t\u3000\xa0]+")
_ASCII_PUNCT = re.compile(r"[,;:?!()]")


def normalise_punctuation(text: str) -> str:
    """Full-width punctuation next to Chinese text, as the papers print it; ASCII text keeps its own."""
    if _ASCII_PUNCT.search(text) is None:
        return text  # most lines: nothing to replace, one scan instead of two substitutions
    text = _PAREN.sub(lambda m: f"（{m.group(1)}）" if _HAS_CJK.search(m.group(1)) else m.group(0), text)
    return _HALF_PUNCT.sub(lambda m: _HALF_TO_FULL[m.group(1) or m.group(2)], text)


@dataclass
class _Para:
    text: str
    gap: int  # blank lines before it
    hashes: int = 0  # number of leading '#'
    line: int | None = None  # line in the file where it starts
    length: int = -1  # characters as printed; more than len(text) when a huge line was cut

    def __post_init__(self) -> None:
        if self.length < 0:
            self.length = len(self.text)

    @property
    def is_lead(self) -> bool:
        return self.text.startswith("本报讯")


@dataclass
class _Draft:
    title: str | None
    paras: list[_Para] = field(default_factory=list)
    reporters: list[str] = field(default_factory=list)
    line: int | None = None  # where it starts, for reports
    chars: int = 0  # characters of its paragraphs, kept or not
    limit: int = DEFAULT_SETTINGS.max_article_chars

    @property
    def oversize(self) -> bool:
        return self.chars > self.limit

    def add(self, para: _Para) -> None:
        if self.line is None:
            self.line = para.line
        self.chars += para.length
        if self.oversize:
            self.paras.clear()  # it will be skipped: keep the count, not the text
        else:
            self.paras.append(para)


def _names(body: str) -> list[str]:
    cleaned = ROLE_WORDS.sub(" ", body)
    return [n for n in re.split(r"[ \u3000、，,]+", cleaned) if n]


def _looks_like_names(names: list[str]) -> bool:
    known = surnames()
    return bool(names) and all(
        2 <= len(n) <= 4 and (n[:1] in known or n[:2] in known) for n in names
    )


def byline_names(text: str) -> tuple[str, list[str]]:
    """Strip a byline from the end of ``text``: the remaining text and the reporters' names."""
    reach = max(0, len(text) - _BYLINE_REACH)
    tail = text[reach:]
    # what each byline needs somewhere in the tail, tested before the pattern scans it: 记者 or 通讯员;
    # a closing bracket
    wanted = (BYLINE, "记者" in tail or "通讯员" in tail), (BARE_BYLINE, tail.rstrip(" \u3000").endswith(("）", ")")))
    for pattern, possible in wanted:
        if not possible:
            continue
        match = pattern.search(text, reach)
        if match:
            names = _names(match.group("body"))
            if _looks_like_names(names):
                return text[: match.start()].rstrip(), names
    return text, []


def _lead_names(text: str) -> tuple[str, list[str]]:
    """Strip 本报讯 and its bracketed byline from a lead paragraph."""
    match = LEAD.match(text)
    if not match:
        return text, []
    rest = text[match.end():]
    plain = _PLAIN_LEAD_BYLINE.match(rest) if match.group("byline") is None else None
    if plain is not None and _looks_like_names(_names(plain.group("byline"))):
        return rest[plain.end():], _names(plain.group("byline"))
    names = _names(match.group("byline") or "")
    return rest, names if _looks_like_names(names) else []


def _is_short(para: _Para, settings: Settings) -> bool:
    text = para.text
    return (0 < len(text) <= settings.max_headline_chars and text[-1] not in _CLOSING
            and text[-1] not in _OPEN_TAIL and not para.is_lead)


def _ends_open(text: str, settings: Settings) -> bool:
    """The paragraph stops mid-sentence and continues in the next one."""
    if not text or text[-1] in _CLOSING or byline_names(text)[1]:
        return False
    if text[-1] in _OPEN_TAIL or len(text) > settings.max_headline_chars:
        return True
    if any(mark in text for mark in "。！？；"):
        return True  # a heading never holds a full stop, so this is a sentence cut short
    return text.endswith(_OPEN_WORDS)


def _paragraphs(lines: Iterable[Line], limit: int) -> Iterator[_Para]:
    gap = 0
    for raw in lines:
        line = _SPACES.sub(" ", raw.text).strip()
        if not line:
            gap += 1
            continue
        hashes = len(line) - len(line.lstrip("#"))
        if hashes:
            line = line.lstrip("#").strip()
            if not line:
                continue
        cut = raw.length - len(raw.text)  # characters beyond the reader's line limit
        yield _Para(normalise_punctuation(line)[: limit + 1], gap, hashes, raw.number, len(line) + cut)
        gap = 0


def _is_separate(para: _Para) -> bool:
    if para.hashes or para.is_lead or PHOTO_CREDIT.match(para.text):
        return True
    rest, names = byline_names(para.text)
    return bool(names) and not rest


def _repair(paras: Iterable[_Para], settings: Settings) -> Iterator[_Para]:
    """Join paragraphs that the page layout broke mid-sentence."""
    held: _Para | None = None
    for para in paras:
        if (held is not None and not held.hashes and _ends_open(held.text, settings)
                and not _is_separate(para) and (held.is_lead or not _is_separate(held))):
            # past the limit the article is skipped anyway: count what is joined, keep no more of it
            keep = max(0, settings.max_article_chars + 1 - len(held.text))
            held = _Para(held.text + para.text[:keep], held.gap, 0, held.line, held.length + para.length)
        else:
            if held is not None:
                yield held
            held = para
    if held is not None:
        yield held


def _with_next(paras: Iterable[_Para]) -> Iterator[tuple[_Para, _Para | None]]:
    iterator = iter(paras)
    para = next(iterator, None)
    while para is not None:
        nxt = next(iterator, None)
        yield para, nxt
        para = nxt


def _split_drafts(paras: Iterable[_Para], settings: Settings) -> Iterator[_Draft]:
    """Drafts in page order, each handed on as soon as no later paragraph can change it."""
    drafts: list[_Draft] = []
    current: _Draft | None = None
    pending: list[_Para] = []  # short lines not yet known to be headline, kicker or sub-heading
    limit = settings.max_article_chars

    def new_draft(title: str | None, line: int | None) -> _Draft:
        draft = _Draft(title=title, line=line, limit=limit)
        drafts.append(draft)
        return draft

    def flush_pending_as_body() -> None:
        nonlocal current
        if pending:
            if current is None:
                current = new_draft(None, pending[0].line)
            for para in pending:
                current.add(para)
            pending.clear()

    for para, nxt in _with_next(paras):
        # every draft before the current one is complete
        while drafts and drafts[0] is not current:
            yield drafts.pop(0)
        if para.hashes and (para.hashes < 3 or (nxt is not None and nxt.is_lead)):
            pending.clear()  # kicker lines above a marked headline
            current = new_draft(para.text, para.line)
            continue
        if para.hashes:  # a ### sub-heading inside the article
            flush_pending_as_body()
            if current is None:
                current = new_draft(None, para.line)
            current.add(para)
            continue
        if _is_short(para, settings) and not PHOTO_CREDIT.match(para.text) \
                and not byline_names(para.text)[1]:
            pending.append(para)
            if nxt is not None and (nxt.is_lead or _opens_feature(pending, nxt)) and len(pending) <= 3:
                lines = " ".join(p.text for p in pending)
                if current is not None and current.title is not None and not current.paras:
                    # lines between a headline and its lead are the headline's own second lines
                    # (——管城区推进城市更新工作纪实), printed as one block: not a headline of their own
                    current.title = f"{current.title} {lines}"
                else:
                    current = new_draft(lines, pending[0].line)
                pending.clear()
            elif sum(p.length for p in pending) > limit:
                flush_pending_as_body()  # no headline is that long: keep memory bounded
            continue
        flush_pending_as_body()
        credit = PHOTO_CREDIT.match(para.text)
        if credit and _looks_like_names(_names(credit.group("body"))):
            current = _cut_caption(drafts, current, limit)
            current.reporters.extend(_names(credit.group("body")))
            current = None  # a caption is closed by its credit
            continue
        inline = INLINE_CREDIT.search(para.text)
        if inline and (para.gap >= 2 or current is None) and _looks_like_names(_names(inline.group("body"))):
            # set apart by a wide gap: a caption with its credit, not the last paragraph of an article
            if current is None:
                current = new_draft(None, para.line)
            current.add(replace(para, text=para.text[:inline.start()]))
            current = _cut_caption(drafts, current, limit)
            current.reporters.extend(_names(inline.group("body")))
            current = None
            continue
        if current is None:
            current = new_draft(None, para.line)
        current.add(para)
    flush_pending_as_body()
    yield from drafts


def _opens_feature(pending: list[_Para], nxt: _Para) -> bool:
    """Short lines set apart by a wide gap and followed by a byline of their own (记者 张三 通讯员 李四)
    head a feature printed without a 本报讯 lead; a closing byline follows an article's text instead."""
    rest, names = byline_names(nxt.text)
    return pending[0].gap >= 2 and bool(names) and not rest and nxt.text.startswith(("记者", "本报记者", "通讯员"))


def _cut_caption(drafts: list[_Draft], current: _Draft | None, limit: int) -> _Draft:
    """The caption a photo credit closes: the paragraphs after the last wide gap of the current article."""
    if current is None or not current.paras:
        caption = _Draft(title=None, limit=limit)
        drafts.append(caption)
        return caption
    cut = 0
    for i, para in enumerate(current.paras):
        if para.gap >= 2 and i > 0:
            cut = i
    if cut == 0 and current.title is None:
        return current  # the whole headline-less item is the caption
    if cut == 0:
        cut = len(current.paras) - 1
    caption = _Draft(title=None, limit=limit)
    for para in current.paras[cut:]:
        caption.add(para)
    del current.paras[cut:]
    current.chars -= caption.chars
    drafts.append(caption)
    return caption


def _finish(draft: _Draft) -> tuple[str | None, str, list[str]]:
    """Strip leads and bylines from a draft's paragraphs: (title, body text, reporters)."""
    reporters = list(draft.reporters)
    lines: list[str] = []
    for para in draft.paras:
        text = para.text
        if para.is_lead:
            text, names = _lead_names(text)
            reporters.extend(names)
        text, names = byline_names(text)
        reporters.extend(names)
        if text:
            lines.append(text)
    unique = list(dict.fromkeys(reporters))
    return draft.title, "\n".join(lines), unique


def _source_lines(source: Source) -> Iterator[Line]:
    if source.lines is not None:
        return source.lines()
    number = source.line or 1
    return (Line(number if source.line is not None else number + i, text, len(text))
            for i, text in enumerate(source.text.split("\n")))


def _merge(drafts: Iterable[_Draft], title: str | None, limit: int) -> _Draft:
    """A ``.jsonl`` record is one article: headlines printed inside its text become body text."""
    merged = _Draft(title=title, limit=limit)
    for draft in drafts:
        if draft.title and merged.title is None:
            merged.title = draft.title
        elif draft.title and draft.title != merged.title:
            merged.add(_Para(draft.title, 0, line=draft.line))
        for para in draft.paras:
            merged.add(para)
        merged.chars += draft.chars - sum(p.length for p in draft.paras)  # what an oversize draft dropped
        merged.reporters.extend(draft.reporters)
    return merged


def page_article_id(doc_id: str, number: int, title: str | None, text: str) -> str:
    """The id of a page's ``number``-th article: the page's name and the article's place in it to read,
    and a digest of the article itself, so that pages of the same name (every paper's 2024-08-26.txt)
    never give two different articles one IRI, while the same article always gets the same one."""
    return f"{doc_id}-{number:02d}-{digest((title or '') + chr(10) + text, 6)}"


def split_source(source: Source, settings: Settings = DEFAULT_SETTINGS,
                 on_error: Callable[[InputError], None] | None = None) -> Iterator[Article]:
    """The articles of one source. A ``.jsonl`` record is always exactly one article.

    An article over ``settings.max_article_chars`` is skipped: it goes to ``on_error`` as a
    ``TooLargeError``, or is raised when there is no ``on_error``.
    """
    limit = settings.max_article_chars
    drafts = _split_drafts(_repair(_paragraphs(_source_lines(source), limit), settings), settings)
    if source.line is not None:  # one record, one article
        drafts = iter([_merge(drafts, source.title, limit)])
    number = 0
    for draft in drafts:
        if draft.oversize:
            number += 1
            article_id = source.doc_id if source.line is not None else f"{source.doc_id}-{number:02d}"
            error = TooLargeError(source.path, draft.line if source.line is None else source.line,
                                  f"article {article_id} has {draft.chars} characters, over the limit of "
                                  f"{limit} (--max-article-chars); skipped", article=article_id)
            if on_error is None:
                raise error
            on_error(error)
            continue
        title, text, reporters = _finish(draft)
        if not text and not title:
            continue
        number += 1
        article_id = source.doc_id if source.line is not None else page_article_id(source.doc_id, number,
                                                                                    title, text)
        yield Article(id=article_id, title=title, text=text or (title or ""), reporters=tuple(reporters),
                      published=source.published, url=source.url, path=source.path, line=source.line)
