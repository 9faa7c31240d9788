"""Projects: one entity per name across the corpus, placed where the article puts it.

A project is where the area printed in its name is (姚家镇便民服务中心 → 姚家镇, 郑州市树木园 → 郑州市),
unless it is the short name of the city of the district the article is about (郑州半导体产业园 in a
管城区 piece → 管城区; 郑州市树木园 stays the city's);
a name that starts with a road whose subdistrict the article names is that subdistrict's (商都路党群服务
中心 → 商都路街道); else it is in the district the article is about. The district is counted from names
printed in full (管城区, 中牟县), so that a short alias the division list happens to share with a common
word cannot move a project.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Collection, Sequence

from kg.model import AreaMention, ProjectEntity, ProjectMention, Provenance
from kg.resolve import ids
from kg.resolve.areas import AreaResolver, ArticleAreas

ADMIN_SUFFIXES = ("省", "市", "区", "县", "旗", "街道", "镇", "乡", "社区", "村")


def article_area(context: ArticleAreas, mentions: Sequence[AreaMention], resolver: AreaResolver,
                 level: str) -> str | None:
    """The area of ``level`` the article names most often, among names printed with their suffix."""
    counts: Counter[str] = Counter()
    order: dict[str, int] = {}
    for mention in mentions:
        key = context.by_name.get(mention.name)
        if key is None or not mention.name.endswith(ADMIN_SUFFIXES) or resolver.level(key) != level:
            continue
        counts[key] += 1
        order.setdefault(key, mention.span.start)
    if not counts:
        return None
    ranked = sorted(counts, key=lambda k: (-counts[k], order[k]))
    if level == "Subdistrict" and len(ranked) > 1 and counts[ranked[0]] == counts[ranked[1]]:
        return None  # several subdistricts named alike (a tour of three): the article is the district's
    return ranked[0]


ROAD_STEM = re.compile("^(.{1,5}?(?:路|街))")


# After a project's name, these place it: 某某产业园位于回郭镇, 某某项目落户潮河办事处, 某某项目选址京航办事处.
PLACING_VERBS = ("位于", "落户", "选址", "坐落于", "落地")
_LOWER = ("Subdistrict", "Community")


def _placed_in_sentence(mention: ProjectMention, context: ArticleAreas,
                        area_mentions: Sequence[AreaMention], text: str) -> str | None:
    """The subdistrict, town or village the project's sentence places it in: the one a placing verb
    puts right after it (某某项目位于回郭镇), else one whose name the project's starts with (唐户村 …
    唐户遗址公园), else the one place the sentence names before it (来到南月堤村，察看南月堤民宿集群)."""
    lower = [m for m in area_mentions if m.span.sentence == mention.span.sentence and m.level in _LOWER
             and m.name in context.by_name]
    end = mention.span.end + (2 if text.startswith("项目", mention.span.end) else 0)
    for verb in PLACING_VERBS:
        if text.startswith(verb, end):
            after = next((m for m in lower if m.span.start == end + len(verb)), None)
            return context.by_name[after.name] if after is not None else None
    before = [m for m in lower if m.span.end <= mention.span.start]
    stems = [m for m in before if len(m.name) >= 3 and mention.name.startswith(_stem(m.name))]
    # a place printed right before its child (观音寺镇唐户村) is the child's parent, not another place
    places = {context.by_name[m.name] for m in before if not any(o.span.start == m.span.end for o in before)}
    if stems:
        return context.by_name[stems[-1].name]
    # one place only: of 来到古荥镇、花园口镇，查看…大河村遗址公园 a reader cannot say which
    return next(iter(places)) if len(places) == 1 else None


def _stem(name: str) -> str:
    return next((name[:-len(s)] for s in ADMIN_SUFFIXES if name.endswith(s) and len(name) > len(s) + 1), name)


def project_area(mention: ProjectMention, context: ArticleAreas, district: str | None,
                 resolver: AreaResolver | None = None, area_mentions: Sequence[AreaMention] = (),
                 text: str = "") -> str | None:
    if mention.area_name and mention.area_name in context.by_name and mention.area_name.endswith(
            ("街道", "镇", "乡", "社区", "村")):
        return context.by_name[mention.area_name]  # 姚家镇便民服务中心
    placed = _placed_in_sentence(mention, context, area_mentions, text) if text else None
    if placed is not None:
        return placed
    if mention.area_name and mention.area_name in context.by_name:
        printed = context.by_name[mention.area_name]
        # 郑州半导体产业园 in a piece on 管城区's projects: the city's short name is a brand, the district
        # the article is about is where it is; 郑州市树木园, printed with 市, is the city's own; so is a
        # province's (河南中烟许昌卷烟厂技改 in a piece on 二七区)
        if (resolver is not None and district is not None and resolver.level(printed) in ("City", "Province")
                and not mention.area_name.endswith(("市", "省")) and printed in resolver.ancestors(district)):
            return district
        return printed
    road = ROAD_STEM.match(mention.name)
    if road and f"{road.group(1)}街道" in context.by_name:
        return context.by_name[f"{road.group(1)}街道"]  # 商都路党群服务中心 is 商都路街道's
    return district or context.district or context.subdistrict


def merge_project(existing: ProjectEntity | None, mention: ProjectMention, area: str | None,
                  provenance: Provenance, *, known: Collection[Provenance] | None = None) -> ProjectEntity:
    """The project with this mention added: first area and first investment stand, names accumulate.

    ``known``: the provenance ``existing`` already has, as a set (a corpus names some projects in
    thousands of articles); by default its tuple is searched.
    """
    key = ids.project_key(mention.name)
    if existing is None:
        aliases = tuple(sorted(set(mention.aliases) - {mention.name}))
        return ProjectEntity(key, mention.name, area, mention.investment, (provenance,), aliases)
    aliases = tuple(sorted(set(existing.aliases) | set(mention.aliases) - {existing.name}))
    seen = existing.provenance if known is None else known
    provs = existing.provenance if provenance in seen else (*existing.provenance, provenance)
    return ProjectEntity(key, existing.name, existing.area or area, existing.investment or mention.investment,
                         provs, aliases, existing.campaigns)
