"""Resolve mentions into entities and facts, corpus-wide, in a fixed order.

Input: each analysed article with the mentions its extractors found. Output: one ``KnowledgeBase``
whose every record is keyed by the key ``resolve.ids`` minted for it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from kg.model import (
    AnalysedArticle,
    AreaMention,
    ArticleRecord,
    CampaignEntity,
    CampaignMention,
    EventFact,
    EventMention,
    KnowledgeBase,
    Mention,
    OrganizationEntity,
    PersonEntity,
    PersonMention,
    PostFact,
    ProjectEntity,
    ProjectMention,
    Provenance,
    ReporterMention,
)
from kg.resolve import ids
from kg.resolve.areas import AreaResolver, ArticleAreas
from kg.resolve.people import ResolvedPost, resolve_post
from kg.settings import Settings


def _evidence(doc: AnalysedArticle, sentence: int) -> Provenance:
    text = doc.sentences[sentence].text if 0 <= sentence < len(doc.sentences) else doc.article.text[:200]
    return Provenance(doc.article.id, text)


class Resolver:
    """Accumulates entities and facts article by article; ``result()`` returns them sorted."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.areas = AreaResolver(settings)
        self.persons: dict[str, PersonEntity] = {}
        self.officials: set[str] = set()
        self.organizations: dict[str, OrganizationEntity] = {}
        self.posts: dict[str, PostFact] = {}
        self.projects: dict[str, ProjectEntity] = {}
        self.campaigns: dict[str, CampaignEntity] = {}
        self.events: dict[str, EventFact] = {}
        self.articles: list[ArticleRecord] = []
        self.area_keys: set[str] = set()

    def _person(self, name: str) -> str:
        key = ids.person_key(name)
        self.persons.setdefault(key, PersonEntity(key, name))
        return key

    def add(self, doc: AnalysedArticle, mentions: Sequence[Mention]) -> None:
        article_id = doc.article.id
        mentioned: list[str] = []
        context = self.areas.resolve_article(doc, [m for m in mentions if isinstance(m, AreaMention)])
        mentioned.extend(context.keys)
        self.area_keys.update(context.keys)

        authors = [self._person(m.name) for m in mentions if isinstance(m, ReporterMention)]
        for mention in mentions:
            if isinstance(mention, PersonMention):
                mentioned.append(self._add_person(doc, mention, context))
        for mention in mentions:
            if isinstance(mention, ProjectMention):
                mentioned.append(self._add_project(doc, mention, context))
            elif isinstance(mention, CampaignMention):
                mentioned.append(self._add_campaign(doc, mention, context))
        for mention in mentions:
            if isinstance(mention, EventMention):
                mentioned.append(self._add_event(doc, mention, context))
        self.articles.append(ArticleRecord(
            id=article_id, title=doc.article.title, published=doc.article.published, url=doc.article.url,
            authors=tuple(dict.fromkeys(authors)), mentions=tuple(dict.fromkeys(mentioned))))

    def _add_person(self, doc: AnalysedArticle, mention: PersonMention, context: ArticleAreas) -> str:
        person = self._person(mention.name)
        previous: ResolvedPost | None = None
        for post in mention.posts:
            resolved = resolve_post(post, previous, context, self.areas)
            previous = resolved
            org_key = None
            if resolved.organization:
                org_key = ids.organization_key(resolved.organization)
                self.organizations.setdefault(
                    org_key, OrganizationEntity(org_key, resolved.organization, resolved.area))
            if resolved.area:
                self.area_keys.add(resolved.area)
            key = ids.post_key(person, resolved.role, resolved.title)
            if key not in self.posts:
                self.posts[key] = PostFact(key, person, resolved.role, resolved.title, resolved.area, org_key,
                                           _evidence(doc, mention.span.sentence))
            self.officials.add(person)
        return person

    def _local_area(self, context: ArticleAreas) -> str | None:
        return context.subdistrict or context.district or (context.keys[0] if context.keys else None)

    def _add_project(self, doc: AnalysedArticle, mention: ProjectMention, context: ArticleAreas) -> str:
        key = ids.project_key(mention.name)
        provenance = _evidence(doc, mention.span.sentence)
        existing = self.projects.get(key)
        if existing is None:
            self.projects[key] = ProjectEntity(key, mention.name, context.district or self._local_area(context),
                                               mention.investment, (provenance,))
        elif provenance not in existing.provenance:
            self.projects[key] = ProjectEntity(key, existing.name, existing.area,
                                               existing.investment or mention.investment,
                                               (*existing.provenance, provenance))
        return key

    def _add_campaign(self, doc: AnalysedArticle, mention: CampaignMention, context: ArticleAreas) -> str:
        key = ids.campaign_key(mention.name)
        provenance = _evidence(doc, mention.span.sentence)
        area = self._local_area(context)
        existing = self.campaigns.get(key)
        areas = tuple(existing.areas) if existing else ()
        if area and area not in areas:
            areas = (*areas, area)
        provs = existing.provenance if existing else ()
        if provenance not in provs:
            provs = (*provs, provenance)
        self.campaigns[key] = CampaignEntity(key, mention.name, areas, provs)
        return key

    def _add_event(self, doc: AnalysedArticle, mention: EventMention, context: ArticleAreas) -> str:
        area = context.by_name.get(mention.place or "") or self._local_area(context)
        identity = f"{mention.date or ''}|{mention.trigger}"
        key = ids.event_key(doc.article.id, mention.type, identity)
        participants = tuple(self._person(p) for p in mention.participants)
        existing = self.events.get(key)
        if existing is not None:
            merged = tuple(dict.fromkeys((*existing.participants, *participants)))
            self.events[key] = EventFact(key, existing.type, existing.trigger, existing.date, existing.area,
                                         merged, existing.chairs, existing.speakers, existing.campaigns,
                                         existing.provenance)
            return key
        self.events[key] = EventFact(key, mention.type, mention.trigger, mention.date, area, participants,
                                     tuple(self._person(p) for p in mention.chairs),
                                     tuple(self._person(p) for p in mention.speakers), (),
                                     _evidence(doc, mention.span.sentence))
        return key

    def result(self) -> KnowledgeBase:
        area_keys = set(self.area_keys)
        area_keys.update(p.area for p in self.projects.values() if p.area)
        area_keys.update(a for c in self.campaigns.values() for a in c.areas)
        area_keys.update(e.area for e in self.events.values() if e.area)
        area_keys.update(o.area for o in self.organizations.values() if o.area)

        def ordered(values: Iterable[Any], attr: str = "key") -> tuple[Any, ...]:
            return tuple(sorted(values, key=lambda v: getattr(v, attr)))

        return KnowledgeBase(
            articles=ordered(self.articles, "id"),
            areas=self.areas.entities(area_keys),
            persons=ordered(self.persons.values()),
            organizations=ordered(self.organizations.values()),
            posts=ordered(self.posts.values()),
            projects=ordered(self.projects.values()),
            campaigns=ordered(self.campaigns.values()),
            events=ordered(self.events.values()),
            officials=frozenset(self.officials),
        )


def resolve(documents: Iterable[tuple[AnalysedArticle, Sequence[Mention]]], settings: Settings) -> KnowledgeBase:
    resolver = Resolver(settings)
    for doc, mentions in documents:
        resolver.add(doc, mentions)
    return resolver.result()
