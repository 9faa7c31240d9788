"""Areas: each mention to one place of the division list (or a new place under a known parent).

Context decides between places of the same name: a place inside an area the same article names wins,
then one inside the paper's home city, then one inside its home province. Names that many places
share, or that are only two characters long (高新区, 东区), count only where the article or the home
region places them; a subdistrict, community or village name counts only inside the article's areas or
the home city, since such names repeat all over the country.

An article reads its lower places in its own area: a subdistrict the national list files under a
district the article never names, in an article about one district or zone only, belongs to that
district or zone (祭城路街道 in an article about 郑东新区, which administers it); likewise a community in
an article about one subdistrict. The parent written into the graph is the nearest ancestor that the
corpus names or that is of district level or above, so that a community whose subdistrict is never
named hangs under its district (as a reader would place it), and a district always under its city.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace

from kg.extract.areas import OFFICE, OFFICE_LISTED_AS, find_upper
from kg.model import AnalysedArticle, AreaEntity, AreaMention
from kg.resolve import ids
from kg.resources.gazetteer import LEVELS, Gazetteer, Place, load_gazetteer, short_name
from kg.settings import Settings

_UPPER = ("Province", "City", "District")
_LOCAL = ("District", "Subdistrict", "Community")
_ZONE_NAME = re.compile(r"(?:开发区|实验区|新区|示范区|集聚区|园区)$")
AMBIGUOUS_AT = 3  # a name shared by this many upper-level places is ambiguous
_NOT_KEPT = frozenset({"g", "_ancestors", "_keys", "_chosen", "_short_forms"})  # not pickled into a checkpoint
# District short forms that are also ordinary words in prose (中原地区, 上街购物): never a district alone.
SHORT_FORMS_IN_PROSE = frozenset({"中原", "上街"})


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
    district: str | None = None  # key of the district the article is mostly about (an ordinary one first)
    subdistrict: str | None = None
    zone: str | None = None  # key of the functional zone the article is mostly about

    def first(self, level: str, resolver: AreaResolver) -> str | None:
        return next((k for k in self.keys if resolver.level(k) == level), None)


class AreaResolver:
    def __init__(self, settings: Settings, gazetteer: Gazetteer | None = None) -> None:
        self.settings = settings
        self.g = gazetteer or load_gazetteer()
        self._place_by_key: dict[str, int] = {}
        self._unknown: dict[str, _Unknown] = {}
        self._named: set[int] = set()  # places some article names
        self._short_forms: list[tuple[str, int]] | None = None
        self._printed: dict[str, set[str]] = {}  # key → office names printed for it (石佛办事处)
        # memos of pure lookups: a corpus repeats its place names, and every candidate place of every
        # mention is tested against every place the article names
        self._ancestors: dict[int, frozenset[int]] = {}
        self._keys: dict[int, str] = {}
        self._chosen: dict[tuple[str, str, tuple[int, ...]], Place | None] = {}
        home = [p for p in self.g.lookup(settings.home_city) if p.level == "City"]
        self.home_city: int | None = home[0].index if home else None
        province = [p for p in self.g.lookup(settings.home_province) if p.level == "Province"]
        self.home_province: int | None = province[0].index if province else None

    def __getstate__(self) -> dict[str, object]:
        # a checkpoint (kg.resolve.checkpoint) keeps what this corpus added, not the national list
        # and no memo: those are recomputed faster than they unpickle
        state = {k: v for k, v in self.__dict__.items() if k not in _NOT_KEPT}
        return state

    def __setstate__(self, state: dict[str, object]) -> None:
        self.__dict__.update(state)
        self.g = load_gazetteer()
        self._ancestors, self._keys, self._chosen, self._short_forms = {}, {}, {}, None

    # ------------------------------------------------------------------ keys

    def _path(self, index: int) -> tuple[str, ...]:
        return tuple(p.name for p in reversed(self.g.chain(index)))

    def key_of_place(self, index: int) -> str:
        key = self._keys.get(index)
        if key is None:
            key = self._keys[index] = ids.area_key(self._path(index), self.g.place(index).adcode)
        self._place_by_key[key] = index  # every time: two places of one path and no code share a key
        return key

    def _within(self, index: int, ancestor: int) -> bool:
        """``Gazetteer.is_within``, from each place's ancestors gathered once."""
        found = self._ancestors.get(index)
        if found is None:
            found = self._ancestors[index] = frozenset(p.index for p in self.g.chain(index)[1:])
        return ancestor in found

    def level(self, key: str) -> str:
        if key in self._place_by_key:
            return LEVELS[self.g.levels[self._place_by_key[key]]]
        return self._unknown[key].level

    def is_zone(self, key: str) -> bool:
        """A functional zone (郑东新区, 郑州高新区, 马寨产业集聚区) rather than an ordinary district."""
        if self.level(key) != "District":
            return False
        if key in self._unknown:
            return True
        place = self.g.place(self._place_by_key[key])
        return (place.name in self.g.zone_names or _ZONE_NAME.search(place.name) is not None
                or (place.adcode is not None and place.adcode[4:5] == "7"))

    def key_for_city(self) -> str | None:
        return self.key_of_place(self.home_city) if self.home_city is not None else None

    def key_for_province(self) -> str | None:
        return self.key_of_place(self.home_province) if self.home_province is not None else None

    # ------------------------------------------------------------------ choosing places

    def _rank(self, place: Place, context: Sequence[int]) -> int:
        """0 inside a district, subdistrict or community the article names; 1 inside the home city (or,
        for a province, city or district, inside a city the article names); 2 inside a province the
        article names, the home province (or, for a lower place, another city the article names);
        3 elsewhere."""
        upper = place.level in _UPPER
        best = 3
        for c in context:
            if place.index == c or self._within(place.index, c):
                level = LEVELS[self.g.levels[c]]
                best = min(best, 0 if level in _LOCAL else 1 if level == "City" and upper else 2)
        if best > 1 and self.home_city is not None and self._within(place.index, self.home_city):
            best = 1
        if best > 2 and self.home_province is not None and self._within(place.index, self.home_province):
            best = 2
        return best

    def ambiguous(self, name: str) -> bool:
        """A name many places share (高新区), or a two-character one (东区), other than a province's
        or city's short form that names one place (北京)."""
        upper = [p for p in self.g.lookup(name) if p.level in _UPPER]
        if name in self.g.short_forms:
            return len({p.level for p in upper}) < len(upper)
        return len(name) <= 2 or len(upper) >= AMBIGUOUS_AT

    def choose(self, name: str, level: str, context: Sequence[int]) -> Place | None:
        """The place ``name`` stands for here, or None when no place of that name fits the context."""
        memo = (name, level, tuple(context))
        if memo not in self._chosen:
            self._chosen[memo] = self._choose(name, level, context)
        return self._chosen[memo]

    def _choose(self, name: str, level: str, context: Sequence[int]) -> Place | None:
        candidates = [p for p in self.g.lookup(name) if p.level == level or level in _UPPER]
        if not candidates:
            return None
        best = min(candidates, key=lambda p: (self._rank(p, context), p.index))
        rank = self._rank(best, context)
        if level in _UPPER:
            return best if rank <= 2 or not self.ambiguous(name) else None
        if level == "Subdistrict":
            return best if rank <= 2 else None
        return best if rank <= 1 else None

    # ------------------------------------------------------------------ per article

    def resolve_article(self, doc: AnalysedArticle, mentions: Iterable[AreaMention]) -> ArticleAreas:
        result = ArticleAreas()
        ordered = sorted(mentions, key=lambda m: m.span.start)
        context: list[int] = []
        # upper levels first, so that lower ones are read in their context; then subdistricts, so
        # that communities can be placed in them;
        # within a level, places of the national list before new ones, so that a new zone can be hung
        # under the district the article names
        by_level = sorted(ordered, key=lambda m: (LEVELS.index(m.level) if m.level in LEVELS else 9,
                                                  not self.g.knows(m.name), m.span.start))
        for mention in by_level:
            if mention.name in result.by_name:
                continue
            key = self._resolve_one(mention, context, result, ordered, doc.article.text)
            if key is None:
                continue
            result.by_name[mention.name] = key
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

        def most(keys: list[str]) -> str | None:
            return max(keys, key=lambda k: (counts.get(k, 0), -result.keys.index(k))) if keys else None

        districts = [k for k in result.keys if self.level(k) == "District"]
        result.zone = most([k for k in districts if self.is_zone(k)])
        result.district = most([k for k in districts if not self.is_zone(k)]) or result.zone
        result.subdistrict = most([k for k in result.keys if self.level(k) == "Subdistrict"])
        if result.district is None:
            result.district = (self._headline_district(doc.article.title, context)
                               or self._short_form_district(doc.article.text))
            if result.district is not None and self.is_zone(result.district):
                result.zone = result.district
        return result

    def _short_form_district(self, text: str) -> str | None:
        """The home city's district a body that names none prints by its short form most often (县政府
        召开常务会议 … 擦亮中牟“都市田园”名片 → 中牟县), for the body's elided places only; short forms that
        are common words (中原, 上街) or that name a road (金水路) do not count."""
        if self.home_city is None:
            return None
        counts: dict[int, int] = {}
        for short, index in self._home_short_forms(self.home_city):
            for match in re.finditer(short, text):
                if not text.startswith(("路", "大道", "大街", "街", "河", "区", "县", "市"), match.end()):
                    counts[index] = counts.get(index, 0) + 1
        if not counts:
            return None
        return self.key_of_place(max(sorted(counts), key=lambda i: counts[i]))

    def _home_short_forms(self, home_city: int) -> list[tuple[str, int]]:
        """(two-character short form, place) of the home city's districts, common words left out."""
        if self._short_forms is None:
            district = LEVELS.index("District")
            found = []
            for name, indices in self.g.upper_names().items():
                if len(name) != 2 or name in SHORT_FORMS_IN_PROSE:
                    continue
                places = [i for i in indices if self.g.levels[i] == district and self._within(i, home_city)]
                if len(places) == 1:
                    found.append((name, places[0]))
            self._short_forms = sorted(found)
        return self._short_forms

    def _headline_district(self, title: str | None, context: Sequence[int]) -> str | None:
        """The district a headline names when the body names none: 金水区政府召开常务会议 over a body
        that says only 区长, 区政府. Read for the body's elided places only; it adds no mention."""
        for _, _, name, level in find_upper(title or ""):
            place = self.choose(name, level, context)
            if place is not None and place.level == "District":
                return self.key_of_place(place.index)
        return None

    def _only(self, result: ArticleAreas, level: str) -> str | None:
        """The one area of ``level`` the article has named so far, if it names exactly one."""
        found = {k for k in result.by_name.values() if self.level(k) == level}
        return next(iter(found)) if len(found) == 1 else None

    def _named_before(self, mention: AreaMention, result: ArticleAreas,
                      ordered: Sequence[AreaMention], text: str = "") -> str | None:
        """The area printed right before the mention (中牟县姚家镇), or, for the next item of a
        list (樱桃沟村、刘沟村), the area the item before it belongs to."""
        for other in ordered:
            if other.name not in result.by_name:
                continue
            key = result.by_name[other.name]
            higher = LEVELS.index(self.level(key)) < LEVELS.index(mention.level)
            if other.span.end == mention.span.start and higher:
                return key
            if (other.span.end == mention.span.start - 1 and text[other.span.end:mention.span.start] == "、"
                    and other.level == mention.level):
                return self.parent_of(key)
        return None

    def _resolve_one(self, mention: AreaMention, context: list[int], result: ArticleAreas,
                     ordered: Sequence[AreaMention], text: str) -> str | None:
        if mention.name.endswith(OFFICE) and mention.level == "Subdistrict":
            return self._resolve_office(mention, context, result, ordered, text)
        place = self.choose(mention.name, mention.level, context)
        before = self._named_before(mention, result, ordered, text)
        distant = place is not None and self._rank(place, context) > 0
        if place is not None and before is not None and mention.level not in _UPPER \
                and not self._within_key(place.index, before):
            # printed under another parent than the list's: the paper is newer than the list (郑东新区龙子湖
            # 街道; 铭功路街道新华社区, which the list files under 大学路街道)
            return self._new_place(mention, before)
        if place is not None and distant and mention.level not in _UPPER and before is None \
                and (local := self._local_parent(mention.level, result)) is not None:
            return self._new_place(mention, local)  # the article's own area wins over a distant listing
        if place is not None:
            self._named.add(place.index)
            return self.key_of_place(place.index)
        if mention.level in ("Province", "City"):
            return None
        if mention.level == "District" and self.g.knows(mention.name):
            return None
        if self.g.knows(mention.name) and before is None and mention.name.endswith("社区") and len(mention.name) >= 4:
            # a community the list knows only far away, in an article about one subdistrict: that
            # subdistrict's own (银河街道在星河社区开展…), as a reader takes it; not a 村, whose listed names
            # are also prose (壮大村集体经济, 张磊正和村民)
            local = self._only(result, "Subdistrict")
            return self._new_place(mention, local) if local is not None else None
        if self.g.knows(mention.name) and (before is None or self.level(before) not in _LOCAL):
            return None  # a lower-level name known only far away: a place elsewhere, or not a place
        parent = before or self._local_parent(mention.level, result)
        if parent is None and mention.level == "District":
            parent = self.key_for_city()
        return self._new_place(mention, parent) if parent else None

    def _resolve_office(self, mention: AreaMention, context: list[int], result: ArticleAreas,
                        ordered: Sequence[AreaMention], text: str) -> str | None:
        """A subdistrict office (石佛办事处) is the subdistrict the list files under its stem (石佛镇,
        如意湖街道), else a new one named as papers name subdistricts (潮河街道); the printed name is
        kept as another name."""
        stem = mention.name[:-len(OFFICE)]
        # the nearest listing wins: 九龙镇 of the home city's 经开区 over a 九龙街道 elsewhere in the province
        listed = [(self._rank(place, context), order, name)
                  for order, name in enumerate((mention.name, *(stem + s for s in OFFICE_LISTED_AS)))
                  if (place := self.choose(name, "Subdistrict", context)) is not None]
        name = min(listed)[2] if listed else stem + "街道"
        key = self._resolve_one(replace(mention, name=name), context, result, ordered, text)
        if key is not None:
            # papers and readers also call the office's area by its 街道 name (九龙办事处 → 九龙街道)
            self._printed.setdefault(key, set()).update((mention.name, stem + "街道"))
        return key

    def district_within(self, name: str, key: str) -> str | None:
        """The district of ``key``'s area that ``name`` (管城, 管城区, 郑东新区) names, if one does."""
        for place in self.g.lookup(name) or self.g.lookup(name + "区"):
            if place.level == "District" and self._within_key(place.index, key):
                return self.key_of_place(place.index)
        return None

    def _within_key(self, index: int, key: str) -> bool:
        if key in self._place_by_key:
            return self._within(index, self._place_by_key[key])
        return False

    def _local_parent(self, level: str, result: ArticleAreas) -> str | None:
        """The article's own area one level up, where the article names only one."""
        if level == "Community":
            return self._only(result, "Subdistrict") or self._only_district(result)
        if level in ("Subdistrict", "District"):
            return self._only_district(result)
        return None

    def _only_district(self, result: ArticleAreas) -> str | None:
        found = {k for k in result.by_name.values() if self.level(k) == "District"}
        ordinary = {k for k in found if not self.is_zone(k)}
        if len(ordinary) == 1:
            return next(iter(ordinary))
        return next(iter(found)) if len(found) == 1 else None

    def _new_place(self, mention: AreaMention, parent_key: str) -> str:
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
        # the nearest ancestor the corpus names, skipping only subdistricts and communities it never
        # names: a district's parent is its city even where only the province is printed
        for ancestor in self.g.chain(index)[1:]:
            if ancestor.index in self._named or ancestor.level in _UPPER:
                return self.key_of_place(ancestor.index)
        return None

    def ancestors(self, key: str) -> list[str]:
        """The parents written for ``key``, nearest first, up to the province."""
        chain: list[str] = []
        current = self.parent_of(key)
        while current is not None and current not in chain:
            chain.append(current)
            current = self.parent_of(current)
        return chain

    def names_of(self, key: str) -> tuple[str, tuple[str, ...]]:
        """The label (short common name) and the other names of an area."""
        printed = self._printed.get(key, set())
        if key in self._unknown:
            name = self._unknown[key].name
            return name, tuple(sorted(printed - {name}))
        place = self.g.place(self._place_by_key[key])
        label = short_name(place.name, place.level)
        names = {place.name, *self.g.aliases.get(place.index, ())}
        if place.level == "District" and (not label.endswith(("区", "县", "市", "旗")) or len(label) > 6):
            shorter = [a for a in names if a.endswith("区") and len(a) >= 3 and not self.ambiguous(a)]
            label = min(shorter, key=lambda a: (len(a), a), default=label)
        return label, tuple(sorted((names | printed) - {label}))

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
            adcode = None if key in self._unknown else self.g.adcodes.get(self._place_by_key[key])
            out[key] = AreaEntity(key, label, self.level(key), aliases, adcode, parent)
            if parent:
                pending.append(parent)
        return tuple(out[k] for k in sorted(out))
