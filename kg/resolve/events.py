"""Events: one fact per happening the extractor found, placed and linked to people and campaigns.

The place is the area printed with the happening (resolved through the article's area names), or,
for a tour of several places of one level, the nearest area that holds them all; else the most
specific area the article is about. Campaigns printed in any of the happening's sentences
are linked to it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from kg.model import EventFact, EventMention, Provenance
from kg.resolve import ids
from kg.resolve.areas import AreaResolver, ArticleAreas


def event_area(mention: EventMention, context: ArticleAreas, fallback: str | None,
               resolver: AreaResolver | None = None) -> str | None:
    if mention.places and resolver is not None:
        keys = [context.by_name[p] for p in mention.places if p in context.by_name]
        common = _common_ancestor(keys, resolver) if len(keys) > 1 else None
        if common is not None:
            return common  # a tour of several subdistricts: the district that holds them
    if mention.place and mention.place in context.by_name:
        return context.by_name[mention.place]
    return fallback


def _common_ancestor(keys: Sequence[str], resolver: AreaResolver) -> str | None:
    first, *rest = [resolver.ancestors(k) for k in keys]
    return next((a for a in first if all(a in other for other in rest)), None)


def event_fact(article_id: str, mention: EventMention, area: str | None, person: Callable[[str], str],
               campaigns_by_sentence: Mapping[int, Sequence[str]], provenance: Provenance) -> EventFact:
    sentences = mention.sentences or (mention.span.sentence,)
    campaigns = tuple(dict.fromkeys(c for s in sentences for c in campaigns_by_sentence.get(s, ())))
    # the happening's identity within its article: its class, where it starts and its date
    identity = f"{mention.date or ''}|{mention.trigger}|{mention.span.start}"
    key = ids.event_key(article_id, mention.type, identity)
    return EventFact(key, mention.type, mention.trigger, mention.date, area,
                     tuple(person(p) for p in mention.participants),
                     tuple(person(p) for p in mention.chairs),
                     tuple(person(p) for p in mention.speakers), campaigns, provenance)
