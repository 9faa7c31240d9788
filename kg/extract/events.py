"""Events: a trigger word names the happening; its sentence gives the date, the place and the people."""

from __future__ import annotations

from collections.abc import Iterator

from kg.extract.areas import find_upper
from kg.extract.officials import find_listed_people, find_officials
from kg.model import AnalysedArticle, EventMention, Span
from kg.resources import table
from kg.settings import Settings


def _triggers() -> tuple[tuple[str, str], ...]:
    rows = table("triggers.tsv", 2)
    return tuple(sorted(((w, t) for w, t in rows), key=lambda r: -len(r[0])))


def extract(doc: AnalysedArticle, settings: Settings) -> Iterator[EventMention]:
    text = doc.article.text
    triggers = _triggers()
    for sentence in doc.sentences:
        found = next(((w, t) for w, t in triggers if w in sentence.text), None)
        if found is None:
            continue
        word, kind = found
        dates = [d for d in doc.dates if sentence.start <= d.start < sentence.end]
        date = next((d.value for d in dates if d.value), None)
        chunk = text[sentence.start:sentence.end]
        people = [name for name, _, _ in find_officials(chunk)] + [n for n, _ in find_listed_people(chunk)]
        place = next((name for _, _, name, _ in find_upper(chunk)), None)
        start = sentence.start + sentence.text.index(word)
        yield EventMention(kind, word, Span(doc.article.id, sentence.index, start, start + len(word)),
                           date=date, participants=tuple(dict.fromkeys(people)), place=place)
