"""Plain, frozen records passed between the stages: read → split → analyse → extract → resolve → graph.

Offsets (``start``, ``end``) are character offsets into ``Article.text``; a mention's sentence is
``AnalysedArticle.sentences[mention.sentence]``.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
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


class LazyTokens:
    """An article's tokens, segmented piece by piece when first asked for.

    ``cuts`` are offsets where cutting the text changes no token (analyse cuts at sentence
    boundaries, which the segmenter's own blocks never cross): the tokens of each piece, segmented
    alone, are then exactly the whole text's tokens there. Extractors ask for the tokens of a few
    spans, so a sentence nobody asks about is never segmented.
    """

    def __init__(self, text: str, cuts: Sequence[int], segment: Callable[[str, int], Sequence[Token]]) -> None:
        self._text = text
        self._cuts = tuple(cuts)  # 0 first, len(text) last
        self._segment = segment
        self._pieces: dict[int, tuple[Token, ...]] = {}
        self._starts: dict[int, list[int]] = {}

    @property
    def segmented(self) -> int:
        """How many characters have been segmented so far."""
        return sum(self._cuts[i + 1] - self._cuts[i] for i in self._pieces)

    def _piece(self, i: int) -> tuple[Token, ...]:
        tokens = self._pieces.get(i)
        if tokens is None:
            start, end = self._cuts[i], self._cuts[i + 1]
            tokens = self._pieces[i] = tuple(self._segment(self._text[start:end], start))
            self._starts[i] = [t.start for t in tokens]
        return tokens

    def _piece_at(self, offset: int) -> int:
        return min(max(bisect_right(self._cuts, offset) - 1, 0), len(self._cuts) - 2)

    def all(self) -> tuple[Token, ...]:
        return tuple(t for i in range(len(self._cuts) - 1) for t in self._piece(i))

    def inside(self, start: int, end: int) -> tuple[Token, ...]:
        """The tokens wholly inside ``start:end``: a run of consecutive tokens, found by bisection."""
        start, end = max(start, 0), min(end, len(self._text))
        if end <= start:
            return ()
        found: list[Token] = []
        for i in range(self._piece_at(start), self._piece_at(end - 1) + 1):
            tokens = self._piece(i)
            first = bisect_left(self._starts[i], start)
            last = first
            while last < len(tokens) and tokens[last].end <= end:
                last += 1
            found.extend(tokens[first:last])
        return tuple(found)

    def overlapping(self, start: int, end: int) -> tuple[Token, ...]:
        """The tokens sharing a character with ``start:end`` (``start <= end``), or, for an empty span,
        the token ``start`` falls strictly inside."""
        if start >= len(self._text) or end <= 0:
            return ()
        last_char = min(max(end - 1, start), len(self._text) - 1)
        return tuple(t for i in range(self._piece_at(max(start, 0)), self._piece_at(last_char) + 1)
                     for t in self._piece(i) if t.start < end and start < t.end)

    def starting_at(self, offset: int) -> Token | None:
        if not 0 <= offset < len(self._text):
            return None
        i = self._piece_at(offset)
        tokens = self._piece(i)
        k = bisect_left(self._starts[i], offset)
        return tokens[k] if k < len(tokens) and tokens[k].start == offset else None

    def ending_at(self, offset: int) -> Token | None:
        if not 0 < offset <= len(self._text):
            return None
        i = self._piece_at(offset - 1)
        tokens = self._piece(i)
        k = bisect_left(self._starts[i], offset) - 1
        return tokens[k] if k >= 0 and tokens[k].end == offset else None


@dataclass(frozen=True)
class AnalysedArticle:
    """An article's sentences and dates, and its tokens, segmented only where an extractor asks.

    Documents passed on to resolution and the cache carry no tokens (``lazy_tokens`` is None).
    """

    article: Article
    sentences: tuple[Sentence, ...]
    dates: tuple[DateExpression, ...]
    lazy_tokens: LazyTokens | None = field(default=None, compare=False, repr=False)

    def sentence_at(self, offset: int) -> Sentence:
        for sentence in self.sentences:
            if sentence.start <= offset < sentence.end:
                return sentence
        return self.sentences[-1]

    @property
    def _tokens(self) -> LazyTokens:
        if self.lazy_tokens is None:
            raise ValueError(f"article {self.article.id} was passed on without its tokens")
        return self.lazy_tokens

    @property
    def tokens(self) -> tuple[Token, ...]:
        """Every token, in text order, none overlapping another (segments the whole text)."""
        return self._tokens.all()

    def tokens_in(self, start: int, end: int) -> tuple[Token, ...]:
        """The tokens wholly inside ``start:end``."""
        return self._tokens.inside(start, end)

    def tokens_overlapping(self, start: int, end: int) -> tuple[Token, ...]:
        return self._tokens.overlapping(start, end)

    def token_at(self, offset: int) -> Token | None:
        """The token starting at ``offset``, if one does."""
        return self._tokens.starting_at(offset)

    def token_before(self, offset: int) -> Token | None:
        """The token ending at ``offset``, if one does."""
        return self._tokens.ending_at(offset)


# ----------------------------------------------------------------------------- extract


# The sentence index of a mention read in the headline; its offsets are then the headline's.
HEADLINE = -1


@dataclass(frozen=True)
class Span:
    """Where a mention was read: the article, the sentence index and the offsets in the article (or,
    for sentence ``HEADLINE``, in its headline)."""

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
    # the places a tour went to, where it went to several of one level (来到A街道…、B街道…和C镇…): the
    # happening is in the area that holds them all
    places: tuple[str, ...] = ()


Mention = (
    AreaMention | PersonMention | ReporterMention | ProjectMention | CampaignMention | EventMention
)


# ----------------------------------------------------------------------------- resolve


@dataclass(frozen=True)
class Provenance:
    article_id: str
    evidence: str  # the sentence the fact was read from (or the headline)


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
