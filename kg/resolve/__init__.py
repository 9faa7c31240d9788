"""Resolve mentions into entities and facts, corpus-wide, in a fixed order.

Input: each analysed article with the mentions its extractors found. Output: one ``KnowledgeBase``
whose every record is keyed by the key ``resolve.ids`` minted for it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import replace
from typing import Any

from kg.model import (
    HEADLINE,
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
from kg.resolve import events as event_rules
from kg.resolve import ids
from kg.resolve import projects as project_rules
from kg.resolve.areas import AreaResolver, ArticleAreas
from kg.resolve.people import VISITED, ResolvedPost, printed_institutions, resolve_post
from kg.settings import Settings


def _evidence(doc: AnalysedArticle, sentence: int) -> Provenance:
    if sentence == HEADLINE and doc.article.title:
        return Provenance(doc.article.id, doc.article.title)
    text = doc.sentences[sentence].text if 0 <= sentence < len(doc.sentences) else doc.article.text[:200]
    return Provenance(doc.article.id, text)


# After a person's name, these say the person goes to the area that follows (副市长某某到新郑市调研).
_GOES_TO = re.compile(r"(?:一行)?(?:先后)?(?:到|来到|深入|赴|前往|莅临)")


def _places_near(person: PersonMention, area_mentions: Sequence[AreaMention], context: ArticleAreas,
                  text: str) -> dict[str, str]:
    """The subdistrict and community (level → key) the person's sentence names last before the person,
    and (``VISITED``) the area the sentence says the person goes to."""
    found: dict[str, str] = {}
    goes = _GOES_TO.match(text, person.span.end)
    for area in area_mentions:
        if area.span.sentence != person.span.sentence or area.name not in context.by_name:
            continue
        if area.span.end <= person.span.start and area.level in ("Subdistrict", "Community"):
            found[area.level] = context.by_name[area.name]
        if goes is not None and area.span.start == goes.end():
            found[VISITED] = context.by_name[area.name]
    return found


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
        # each project's and campaign's provenance again, as a set: a campaign named in thousands of
        # articles would otherwise be scanned whole for every new mention
        self.provenance_seen: dict[str, set[Provenance]] = {}

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
        institutions = printed_institutions(doc.article.text, context)
        area_mentions = [m for m in mentions if isinstance(m, AreaMention)]
        for mention in mentions:
            if isinstance(mention, PersonMention):
                nearby = _places_near(mention, area_mentions, context, doc.article.text)
                mentioned.append(self._add_person(doc, mention, context, institutions, nearby))
        district = project_rules.article_area(context, area_mentions, self.areas, "District")
        campaigns_by_sentence: dict[int, list[str]] = {}
        for mention in mentions:
            if isinstance(mention, CampaignMention):
                key = self._add_campaign(doc, mention, context)
                mentioned.append(key)
                campaigns_by_sentence.setdefault(mention.span.sentence, []).append(key)
        for mention in mentions:
            if isinstance(mention, ProjectMention):
                mentioned.append(self._add_project(doc, mention, context, district,
                                                   campaigns_by_sentence.get(mention.span.sentence, []),
                                                   area_mentions))
        subdistrict = project_rules.article_area(context, area_mentions, self.areas, "Subdistrict")
        for mention in mentions:
            if isinstance(mention, EventMention):
                mentioned.append(self._add_event(doc, mention, context, subdistrict or district,
                                                 campaigns_by_sentence))
        self.articles.append(ArticleRecord(
            id=article_id, title=doc.article.title, published=doc.article.published, url=doc.article.url,
            authors=tuple(dict.fromkeys(authors)), mentions=tuple(dict.fromkeys(mentioned))))

    def _add_person(self, doc: AnalysedArticle, mention: PersonMention, context: ArticleAreas,
                    institutions: dict[str, str], nearby: dict[str, str]) -> str:
        person = self._person(mention.name)
        previous: ResolvedPost | None = None
        for post in mention.posts:
            resolved = resolve_post(post, previous, context, self.areas, institutions, nearby)
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

    def _add_project(self, doc: AnalysedArticle, mention: ProjectMention, context: ArticleAreas,
                     district: str | None, campaigns: Sequence[str], area_mentions: Sequence[AreaMention]) -> str:
        area = project_rules.project_area(mention, context, district, self.areas, area_mentions,
                                          doc.article.text)
        key = ids.project_key(mention.name)
        provenance = _evidence(doc, mention.span.sentence)
        known = self.provenance_seen.setdefault(key, set())
        project = project_rules.merge_project(self.projects.get(key), mention, area, provenance, known=known)
        known.add(provenance)
        linked = tuple(dict.fromkeys((*project.campaigns, *campaigns)))
        self.projects[key] = replace(project, campaigns=linked)
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
        known = self.provenance_seen.setdefault(key, set())
        if provenance not in known:
            provs = (*provs, provenance)
            known.add(provenance)
        self.campaigns[key] = CampaignEntity(key, mention.name, areas, provs)
        return key

    def _add_event(self, doc: AnalysedArticle, mention: EventMention, context: ArticleAreas,
                   fallback: str | None, campaigns_by_sentence: dict[int, list[str]]) -> str:
        area = event_rules.event_area(mention, context, fallback or self._local_area(context), self.areas)
        fact = event_rules.event_fact(doc.article.id, mention, area, self._person, campaigns_by_sentence,
                                      _evidence(doc, mention.span.sentence))
        self.events[fact.key] = fact
        return fact.key

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
