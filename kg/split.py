"""Split sources into articles: headlines, kickers, sub-headings, bylines, photo captions.

A newspaper page is read as a list of paragraphs (blank lines separate them). The rules, in the
words an editor would use:

- a line marked ``#``/``##`` is a headline; a ``###`` line is a headline only when a 本报讯 lead
  follows it, otherwise it is a sub-heading inside the current article;
- one to three short lines without closing punctuation, directly followed by a 本报讯 lead, are a
  headline printed without ``#`` (joined with a space); short lines right before a ``#`` headline
  are a kicker (稳经济 促发展 强信心) and belong to no article;
- other short lines inside an article are its sub-headings;
- a paragraph that stops mid-sentence (no closing punctuation, or ending on a comma or on a word
  that cannot end a sentence) is joined with the next one: the page was broken across columns;
- bylines (记者 … 通讯员 … 文/图, or a bare (党贺喜 王海荣) at the end) give the reporters;
- a photo credit (本报记者 刘伟平 摄) closes a photo caption: the paragraphs after the last wide
  gap before it are their own small article, without a headline.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from kg.model import Article, Source
from kg.resources import surnames
from kg.settings import DEFAULT_SETTINGS, Settings

_CJK = "\u3400-\u4dbf\u4e00-\u9fff"
_NAME = rf"[{_CJK}]{{2,4}}"
_SEP = r"[ \u3000]+"
_NAMES = rf"{_NAME}(?:(?:{_SEP}|[、，,]){_NAME})*"
_CREDIT_TAIL = r"(?:文/图|图/文|文图|摄影|摄|报道)"

# 记者 冉红政 通讯员 姜璞 文/图 (the whole paragraph, or its tail after a full stop)
BYLINE = re.compile(
    rf"(?:^|(?<=[。！？”]))[ \u3000]*(?:本报)?(?:记者|通讯员)[ \u3000]*(?P<body>{_NAMES}"
    rf"(?:{_SEP}(?:记者|通讯员){_SEP}{_NAMES})*)(?:{_SEP}{_CREDIT_TAIL})?[ \u3000]*$"
)
# 本报讯(记者 王恩俊 通讯员 刘博闻) at the start of a lead
LEAD = re.compile(r"^本报讯[ \u3000]*(?:[(（](?P<byline>[^()（）]{0,80})[)）])?[ \u3000,，:：]*")
# (党贺喜 王海荣 高晓东) standing alone or closing the last paragraph
BARE_BYLINE = re.compile(rf"(?:^|(?<=[。！？”]))[ \u3000]*[(（](?P<body>{_NAMES})[)）][ \u3000]*$")
# 本报记者 刘伟平 摄
PHOTO_CREDIT = re.compile(rf"^(?:本报)?(?:记者|通讯员)?[ \u3000]*(?P<body>{_NAMES})[ \u3000]*摄(?:影)?$")
ROLE_WORDS = re.compile(r"记者|通讯员|本报|文/图|图/文|文图|摄影|摄|报道")

_CLOSING = "。！？!?…”’」』)）：:；;"
_OPEN_TAIL = "，,、（(“‘《"
# Words a sentence cannot end on: prepositions, conjunctions, particles, verbs that want an object.
_OPEN_WORDS = ("的", "地", "和", "与", "及", "或", "在", "对", "向", "从", "把", "将", "为", "到", "于",
               "听取", "察看", "参观", "了解", "观看", "召开", "举行", "开展", "围绕", "通过", "按照")
_HALF_TO_FULL = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！", "(": "（", ")": "）"}
_HALF_PUNCT = re.compile(rf"(?<=[{_CJK}”“）])([,;:?!])|([,;:?!])(?=[{_CJK}“”（])")
_PAREN = re.compile(rf"\(([^()]*[{_CJK}][^()]*)\)")
_SPACES = re.compile(r"[ \t\u3000\xa0]+")


def normalise_punctuation(text: str) -> str:
    """Full-width punctuation next to Chinese text, as the papers print it; ASCII text keeps its own."""
    text = _PAREN.sub(lambda m: f"（{m.group(1)}）", text)
    return _HALF_PUNCT.sub(lambda m: _HALF_TO_FULL[m.group(1) or m.group(2)], text)


@dataclass
class _Para:
    text: str
    gap: int  # blank lines before it
    hashes: int = 0  # number of leading '#'

    @property
    def is_lead(self) -> bool:
        return self.text.startswith("本报讯")


@dataclass
class _Draft:
    title: str | None
    paras: list[_Para] = field(default_factory=list)
    reporters: list[str] = field(default_factory=list)


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
    for pattern in (BYLINE, BARE_BYLINE):
        match = pattern.search(text)
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
    names = _names(match.group("byline") or "")
    return text[match.end():], names if _looks_like_names(names) else []


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


def _paragraphs(text: str) -> list[_Para]:
    paras: list[_Para] = []
    gap = 0
    for raw in text.split("\n"):
        line = _SPACES.sub(" ", raw).strip()
        if not line:
            gap += 1
            continue
        hashes = len(line) - len(line.lstrip("#"))
        if hashes:
            line = line.lstrip("#").strip()
            if not line:
                continue
        paras.append(_Para(normalise_punctuation(line), gap, hashes))
        gap = 0
    return paras


def _is_separate(para: _Para) -> bool:
    return bool(para.hashes) or para.is_lead or bool(PHOTO_CREDIT.match(para.text)) \
        or bool(byline_names(para.text)[1] and not byline_names(para.text)[0])


def _repair(paras: list[_Para], settings: Settings) -> list[_Para]:
    """Join paragraphs that the page layout broke mid-sentence."""
    out: list[_Para] = []
    for para in paras:
        if (out and not out[-1].hashes and _ends_open(out[-1].text, settings)
                and not _is_separate(para) and (out[-1].is_lead or not _is_separate(out[-1]))):
            out[-1] = _Para(out[-1].text + para.text, out[-1].gap, 0)
        else:
            out.append(para)
    return out


def _split_drafts(paras: list[_Para], settings: Settings) -> list[_Draft]:
    drafts: list[_Draft] = []
    current: _Draft | None = None
    pending: list[_Para] = []  # short lines not yet known to be headline, kicker or sub-heading

    def flush_pending_as_body() -> None:
        nonlocal current
        if pending:
            if current is None:
                current = _Draft(title=None)
                drafts.append(current)
            current.paras.extend(pending)
            pending.clear()

    for index, para in enumerate(paras):
        nxt = paras[index + 1] if index + 1 < len(paras) else None
        if para.hashes and (para.hashes < 3 or (nxt is not None and nxt.is_lead)):
            pending.clear()  # kicker lines above a marked headline
            current = _Draft(title=para.text)
            drafts.append(current)
            continue
        if para.hashes:  # a ### sub-heading inside the article
            flush_pending_as_body()
            assert current is not None
            current.paras.append(para)
            continue
        if _is_short(para, settings) and not PHOTO_CREDIT.match(para.text) \
                and not byline_names(para.text)[1]:
            pending.append(para)
            if nxt is not None and nxt.is_lead and len(pending) <= 3:
                current = _Draft(title=" ".join(p.text for p in pending))
                drafts.append(current)
                pending.clear()
            continue
        flush_pending_as_body()
        credit = PHOTO_CREDIT.match(para.text)
        if credit and _looks_like_names(_names(credit.group("body"))):
            current = _cut_caption(drafts, current)
            current.reporters.extend(_names(credit.group("body")))
            current = None  # a caption is closed by its credit
            continue
        if current is None:
            current = _Draft(title=None)
            drafts.append(current)
        current.paras.append(para)
    flush_pending_as_body()
    return drafts


def _cut_caption(drafts: list[_Draft], current: _Draft | None) -> _Draft:
    """The caption a photo credit closes: the paragraphs after the last wide gap of the current article."""
    if current is None or not current.paras:
        caption = _Draft(title=None)
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
    caption = _Draft(title=None, paras=current.paras[cut:])
    del current.paras[cut:]
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


def split_source(source: Source, settings: Settings = DEFAULT_SETTINGS) -> Iterator[Article]:
    """The articles of one source. A ``.jsonl`` record is always exactly one article."""
    paras = _repair(_paragraphs(source.text), settings)
    drafts = _split_drafts(paras, settings)
    if source.line is not None:  # one record, one article
        merged = _Draft(title=source.title)
        for draft in drafts:
            if draft.title and merged.title is None:
                merged.title = draft.title
            elif draft.title and draft.title != merged.title:
                merged.paras.append(_Para(draft.title, 0))
            merged.paras.extend(draft.paras)
            merged.reporters.extend(draft.reporters)
        drafts = [merged]
    number = 0
    for draft in drafts:
        title, text, reporters = _finish(draft)
        if not text and not title:
            continue
        number += 1
        article_id = source.doc_id if source.line is not None else f"{source.doc_id}-{number:02d}"
        yield Article(id=article_id, title=title, text=text or (title or ""), reporters=tuple(reporters),
                      published=source.published, url=source.url, path=source.path, line=source.line)
