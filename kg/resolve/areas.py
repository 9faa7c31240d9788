"""Areas: each mention to one place of the division list (or a new place under a known parent).

Context decides between places of the same name: a place inside an area the same article names wins,
then one inside the paper's home city, then one inside its home province. The parent written into the
graph is the nearest ancestor that the corpus names, else the district-level ancestor, so that a
community whose subdistrict is never named hangs under its district (as a reader would place it).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from kg.model import AnalysedArticle, AreaEntity, AreaMention
from kg.resolve import ids
from kg.resources.gazetteer import LEVELS, Gazetteer, Place, load_gazetteer, short_name
from kg.settings import Settings

_UPPER = ("Province", "City", "District")


@dataclass(frozen=True)
class _Unknown:
    name: str
    level: str
    parent: str | None  # key


@dataclass
class ArticleAreas:
    """What an article says about places: each mention's key and the article's own district."""

    by_name: dict[str, str] = field(default_factory=dict)  # surface name → area key
    keys: list[str] = field(default_factory=list)  # in order of first mention
    district: str | None = None  # key of the district the article is mostly about
    subdistrict: str | None = None

    def first(self, level: str, resolver: AreaResolver) -> str | None:
        return next((k for k in self.keys if resolver.level(k) == level), None)


class AreaResolver:
    def __init__(self, settings: Settings, gazetteer: Gazetteer | None = None) -> None:
        self.settings = settings
        self.g = gazetteer or load_gazetteer()
        self._place_by_key: dict[str, int] = {}
        self._unknown: dict[str, _Unknown] = {}
        self._named: set[int] = set()  # places some article names
        home = [p for p in self.g.lookup(settings.home_city) if p.level == "City"]
        self.home_city: int | None = home[0].index if home else None
        province = [p for p in self.g.lookup(settings.home_province) if p.level == "Province"]
        self.home_province: int | None = province[0].index if province else None

    # ------------------------------------------------------------------ keys

    def _path(self, index: int) -> tuple[str, ...]:
        return tuple(p.name for p in reversed(self.g.chain(index)))

    def key_of_place(self, index: int) -> str:
        place = self.g.place(index)
        key = ids.area_key(self._path(index), place.adcode)
        self._place_by_key[key] = index
        return key

    def level(self, key: str) -> str:
        if key in self._place_by_key:
            return LEVELS[self.g.levels[self._place_by_key[key]]]
        return self._unknown[key].level

    def key_for_city(self) -> str | None:
        return self.key_of_place(self.home_city) if self.home_city is not None else None

    def key_for_province(self) -> str | None:
        return self.key_of_place(self.home_province) if self.home_province is not None else None

    # ------------------------------------------------------------------ choosing places

    def _rank(self, place: Place, context: Sequence[int]) -> tuple[int, int]:
        inside_context = any(self.g.is_within(place.index, c) or place.index == c for c in context)
        if inside_context:
            return (0, place.index)
        if self.home_city is not None and self.g.is_within(place.index, self.home_city):
            return (1, place.index)
        if self.home_province is not None and self.g.is_within(place.index, self.home_province):
            return (2, place.index)
        return (3 if place.level in _UPPER else 9, place.index)

    def choose(self, name: str, level: str, context: Sequence[int]) -> Place | None:
        candidates = [p for p in self.g.lookup(name) if p.level == level or level in _UPPER]
        if not candidates:
            return None
        best = min(candidates, key=lambda p: self._rank(p, context))
        if self._rank(best, context)[0] == 9:
            return None  # a lower-level name known only far away: treat it as unknown here
        return best

    # ------------------------------------------------------------------ per article

    def resolve_article(self, doc: AnalysedArticle, mentions: Iterable[AreaMention]) -> ArticleAreas:
        result = ArticleAreas()
        ordered = sorted(mentions, key=lambda m: m.span.start)
        context: list[int] = []
        # upper levels first, so that lower ones are read in their context
        for mention in sorted(ordered, key=lambda m: (m.level not in _UPPER, m.span.start)):
            key = self._resolve_one(mention, context, result, ordered)
            if key is None:
                continue
            result.by_name.setdefault(mention.name, key)
            if key in self._place_by_key and self._place_by_key[key] not in context:
                context.append(self._place_by_key[key])
        for mention in ordered:
            key = result.by_name.get(mention.name)
            if key and key not in result.keys:
                result.keys.append(key)
        counts: dict[str, int] = {}
        for mention in ordered:
            key = result.by_name.get(mention.name)
            if key:
                counts[key] = counts.get(key, 0) + 1
        for level, attr in (("District", "district"), ("Subdistrict", "subdistrict")):
            candidates = [k for k in result.keys if self.level(k) == level]
            if candidates:
                setattr(result, attr, max(candidates, key=lambda k: (counts.get(k, 0), -result.keys.index(k))))
        return result

    def _resolve_one(self, mention: AreaMention, context: list[int], result: ArticleAreas,
                     ordered: Sequence[AreaMention]) -> str | None:
        place = self.choose(mention.name, mention.level, context)
        if place is not None:
            self._named.add(place.index)
            return self.key_of_place(place.index)
        if mention.level in _UPPER:
            return None
        # an unknown subdistrict, community or village: under the area printed right before it,
        # else under the article's district
        parent_key = None
        for other in ordered:
            if other.span.end == mention.span.start and other.name in result.by_name:
                parent_key = result.by_name[other.name]
        if parent_key is None:
            districts = [self.key_of_place(c) for c in context if LEVELS[self.g.levels[c]] == "District"]
            parent_key = districts[0] if districts else None
        if parent_key is None:
            return None
        path = (*self._key_path(parent_key), mention.name)
        key = ids.area_key(path)
        self._unknown[key] = _Unknown(mention.name, mention.level, parent_key)
        return key

    def _key_path(self, key: str) -> tuple[str, ...]:
        if key in self._place_by_key:
            return self._path(self._place_by_key[key])
        unknown = self._unknown[key]
        return (*self._key_path(unknown.parent), unknown.name) if unknown.parent else (unknown.name,)

    # ------------------------------------------------------------------ entities

    def parent_of(self, key: str) -> str | None:
        if key in self._unknown:
            return self._unknown[key].parent
        index = self._place_by_key[key]
        chain = self.g.chain(index)[1:]
        for ancestor in chain:
            if ancestor.index in self._named:
                return self.key_of_place(ancestor.index)
        for ancestor in chain:
            if ancestor.level in _UPPER:
                return self.key_of_place(ancestor.index)
        return None

    def names_of(self, key: str) -> tuple[str, tuple[str, ...]]:
        """The label (short common name) and the other names of an area."""
        if key in self._unknown:
            return self._unknown[key].name, ()
        place = self.g.place(self._place_by_key[key])
        label = short_name(place.name, place.level)
        names = {place.name, *self.g.aliases.get(place.index, ())}
        if place.level == "District" and not label.endswith(("区", "县", "市", "旗")):
            label = min((a for a in names if a.endswith("区")), key=len, default=label)
        return label, tuple(sorted(names - {label}))

    def label(self, key: str) -> str:
        return self.names_of(key)[0]

    def entities(self, keys: Iterable[str]) -> tuple[AreaEntity, ...]:
        """The areas named by ``keys`` and every ancestor up to the province, sorted by key."""
        out: dict[str, AreaEntity] = {}
        pending = list(keys)
        while pending:
            key = pending.pop()
            if key in out:
                continue
            parent = self.parent_of(key)
            label, aliases = self.names_of(key)
            out[key] = AreaEntity(key, label, self.level(key), aliases,
                                  None if key in self._unknown else self.g.adcodes.get(self._place_by_key[key]),
                                  parent)
            if parent:
                pending.append(parent)
        return tuple(out[k] for k in sorted(out))
