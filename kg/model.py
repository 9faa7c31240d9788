"""Plain, frozen records passed between the stages: read → split → analyse → extract → resolve → graph.

Offsets (``start``, ``end``) are character offsets into ``Article.text``; a mention's sentence is
``AnalysedArticle.sentences[mention.sentence]``.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import NamedTuple

# ----------------------------------------------------------------------------- read


@dataclass(frozen=True)
class Line:
    """One line of an input file, cut to the reader's limit so that a huge line never fills memory."""

    number: int  # 1-based line in the file
    text: str  # the line without its line end, at most the limit's number of characters
    length: int  # the whole line's length in characters (more than len(text) when it was cut)


@dataclass(frozen=True)
class Source:
    """One input unit: a whole ``.txt`` page, or one ``.jsonl`` record.

    A page is streamed: ``text`` is empty and ``lines()`` reads the file again, line by line, so that
    a page of any size is split article by article in bounded memory.
    """

    path: str
    line: int | None  # 1-based line of a .jsonl record; None for a page
    text: str
    doc_id: str  # ASCII base of the article ids minted from this source
    title: str | None = None
    published: date | None = None
    url: str | None = None
    lines: Callable[[], Iterator[Line]] | None = field(default=None, compare=False, repr=False)
    digest: str = ""  # of a page's bytes (its text is not kept); a record is told apart by its fields


# ----------------------------------------------------------------------------- split


@dataclass(frozen=True)
class Article:
    """One article: headline, body text and the byline's reporters."""

    id: str  # ASCII, stable across runs: the local name of the article's IRI
    title: str | None  # None for a photo caption printed without a headline
    text: str  # body, one paragraph a line, layout breaks repaired
    reporters: tuple[str, ...]
    published: date | None
    url: str | None
    path: str
    line: int | None


# ----------------------------------------------------------------------------- analyse


@dataclass(frozen=True)
class Sentence:
    index: int
    start: int
    end: int
    text: str


class Token(NamedTuple):
    """A NamedTuple rather than a frozen dataclass: an article has thousands of tokens and a tuple is
    made about three times faster (same fields, read by name, immutable)."""

    text: str
    start: int
    end: int
    pos: str  # jieba's part-of-speech tag (nr person, ns place, v verb, ...)


@dataclass(frozen=True)
class DateExpression:
    """A date written in the text, normalised with the publication year when known."""

    start: int
    end: int
    text: str
    value: str | None  # "2024-08-26" (xsd:date) or "--08-26" (xsd:gMonthDay); None for 近日, 日前


@dataclass(frozen=True)
class AnalysedArticle:
    article: Article
    sentences: tuple[Sentence, ...]
    tokens: tuple[Token, ...]  # in text order, none overlapping another (as the segmenter cuts them)
    dates: tuple[DateExpression, ...]

    def sentence_at(self, offset: int) -> Sentence:
        for sentence in self.sentences:
            if sentence.start <= offset < sentence.end:
                return sentence
        return self.sentences[-1]

    def tokens_in(self, start: int, end: int) -> tuple[Token, ...]:
        """The tokens wholly inside ``start:end``: a run of consecutive tokens, found by bisection
        (extractors ask for many short spans of an article of thousands of tokens)."""
        first = bisect_left(self._token_starts, start)
        last = first
        while last < len(self.tokens) and self.tokens[last].end <= end:
            last += 1
        return self.tokens[first:last]

    @cached_property
    def _token_starts(self) -> list[int]:
        return [t.start for t in self.tokens]


# ----------------------------------------------------------------------------- extract


@dataclass(frozen=True)
class Span:
    """Where a mention was read: the article, the sentence index and the offsets in the article."""

    article_id: str
    sentence: int
    start: int
    end: int


@dataclass(frozen=True)
class AreaMention:
    name: str  # as printed: 管城回族区, 须水街道, 商都路 (with level_hint Subdistrict)
    level: str  # Province, City, District, Subdistrict, Community
    span: Span


@dataclass(frozen=True)
class PostMention:
    """A post printed before a name: 区委副书记, 郑州市科协主席, 管委会常务副主任."""

    title: str  # as printed
    role: str  # bare role: 副书记, 主席, 常务副主任
    organization: str | None  # as printed, place included where printed: 郑州市科协, 区委
    area: str | None  # the place printed in the title, if any: 郑州市, 区 (elided), 管城区


@dataclass(frozen=True)
class PersonMention:
    name: str
    posts: tuple[PostMention, ...]
    span: Span


@dataclass(frozen=True)
class ReporterMention:
    name: str
    span: Span


@dataclass(frozen=True)
class ProjectMention:
    name: str
    span: Span
    investment: str | None = None  # decimal yuan as a string, e.g. "40000000000"
    aliases: tuple[str, ...] = ()  # other printed forms: 高新区梧桐园区 for 梧桐园区
    area_name: str | None = None  # the area printed at the head of the name (姚家镇 in 姚家镇便民服务中心)


@dataclass(frozen=True)
class CampaignMention:
    name: str
    span: Span


@dataclass(frozen=True)
class EventMention:
    type: str  # Meeting, Inspection, Ceremony, Activity
    trigger: str
    span: Span
    date: str | None = None
    participants: tuple[str, ...] = ()
    chairs: tuple[str, ...] = ()
    speakers: tuple[str, ...] = ()
    place: str | None = None  # an area name printed with the event, if any
    sentences: tuple[int, ...] = ()  # every sentence that reports the happening


Mention = (
    AreaMention | PersonMention | ReporterMention | ProjectMention | CampaignMention | EventMention
)


# ----------------------------------------------------------------------------- resolve


@dataclass(frozen=True)
class Provenance:
    article_id: str
    evidence: str  # the sentence the fact was read from


@dataclass(frozen=True)
class AreaEntity:
    key: str  # canonical key, stable across corpora (adcode or full name path)
    name: str  # short common name: 管城区
    level: str
    aliases: tuple[str, ...] = ()
    adcode: str | None = None
    parent: str | None = None  # key of the parent area


@dataclass(frozen=True)
class PersonEntity:
    key: str
    name: str


@dataclass(frozen=True)
class OrganizationEntity:
    key: str
    name: str
    area: str | None  # area key


@dataclass(frozen=True)
class PostFact:
    key: str
    person: str  # person key
    role: str
    title: str  # full title with its place resolved: 管城区委书记
    area: str | None  # area key
    organization: str | None  # organization key
    provenance: Provenance


@dataclass(frozen=True)
class ProjectEntity:
    key: str
    name: str
    area: str | None
    investment: str | None
    provenance: tuple[Provenance, ...]
    aliases: tuple[str, ...] = ()
    campaigns: tuple[str, ...] = ()  # campaign keys reported together with the project


@dataclass(frozen=True)
class CampaignEntity:
    key: str
    name: str
    areas: tuple[str, ...]
    provenance: tuple[Provenance, ...]


@dataclass(frozen=True)
class EventFact:
    key: str
    type: str
    trigger: str
    date: str | None
    area: str | None
    participants: tuple[str, ...]  # person keys
    chairs: tuple[str, ...]
    speakers: tuple[str, ...]
    campaigns: tuple[str, ...]
    provenance: Provenance


@dataclass(frozen=True)
class ArticleRecord:
    id: str
    title: str | None
    published: date | None
    url: str | None
    authors: tuple[str, ...]  # person keys
    mentions: tuple[str, ...]  # entity keys


@dataclass(frozen=True)
class KnowledgeBase:
    """Everything the resolve stage knows, keyed by entity key; the graph stage only renders it."""

    articles: tuple[ArticleRecord, ...] = ()
    areas: tuple[AreaEntity, ...] = ()
    persons: tuple[PersonEntity, ...] = ()
    organizations: tuple[OrganizationEntity, ...] = ()
    posts: tuple[PostFact, ...] = ()
    projects: tuple[ProjectEntity, ...] = ()
    campaigns: tuple[CampaignEntity, ...] = ()
    events: tuple[EventFact, ...] = ()
    officials: frozenset[str] = field(default_factory=frozenset)  # person keys holding a post
