"""People and posts: one person per name in a corpus, posts completed from the article's places.

Rule for identity: the same name in one corpus is the same person (local papers rarely print two
officials of one name), so a person's key is minted from the name alone. Elided places are completed
from context: 区委 in an article about 管城区 is 管城区委; 市 and 省 are the paper's home city and
province (``Settings``); 街道, 办事处 and 党工委 posts belong to the subdistrict or zone the article names.
"""

from __future__ import annotations

from dataclasses import dataclass

from kg.extract.areas import find_upper
from kg.model import PostMention
from kg.resolve.areas import AreaResolver, ArticleAreas

# An organisation part that starts with one of these omits its place: (prefix, level it refers to)
ELIDED = (
    ("省", "Province"), ("市", "City"), ("区", "District"), ("县", "District"),
    ("镇", "Subdistrict"), ("乡", "Subdistrict"), ("街道", "Subdistrict"),
)
# Role words that themselves name the level of their area when no organisation is printed.
ROLE_LEVEL = {"省长": "Province", "副省长": "Province", "市长": "City", "副市长": "City",
              "区长": "District", "副区长": "District", "县长": "District", "副县长": "District",
              "镇长": "Subdistrict", "副镇长": "Subdistrict", "乡长": "Subdistrict", "副乡长": "Subdistrict"}
ZONE_BODIES = ("党工委", "管委会", "办事处")


@dataclass(frozen=True)
class ResolvedPost:
    role: str
    title: str
    area: str | None
    organization: str | None  # full organisation name, place included


def _area_for_level(level: str, context: ArticleAreas, resolver: AreaResolver) -> str | None:
    if level == "City":
        return resolver.key_for_city()
    if level == "Province":
        return resolver.key_for_province()
    if level == "District":
        return context.district
    if level == "Subdistrict":
        return context.subdistrict or context.district
    return None


def resolve_post(post: PostMention, previous: ResolvedPost | None, context: ArticleAreas,
                 resolver: AreaResolver) -> ResolvedPost:
    org = post.organization or ""
    area: str | None = None
    full_org = org
    printed = next(iter(find_upper(org)), None) if org else None
    if printed and printed[0] == 0:
        area = context.by_name.get(printed[2])
        if area is None:
            place = resolver.choose(printed[2], printed[3], [])
            area = resolver.key_of_place(place.index) if place else None
    elif org:
        for prefix, level in ELIDED:
            if org.startswith(prefix):
                area = _area_for_level(level, context, resolver)
                if area:
                    full_org = resolver.label(area) + org[len(prefix):]
                break
        else:
            for name, key in context.by_name.items():
                if org.startswith(name):
                    area = key
                    break
            if area is None and org.startswith(ZONE_BODIES):
                area = previous.area if previous else (context.subdistrict if org.startswith("办事处")
                                                       else context.district)
                full_org = resolver.label(area) + org if area else org
            elif area is None and previous is not None:
                area = previous.area
    else:
        level = ROLE_LEVEL.get(post.role)
        if level:
            area = _area_for_level(level, context, resolver)
            full_org = resolver.label(area) if area else ""
        elif previous is not None:
            area, full_org = previous.area, previous.organization or ""
        else:
            area = context.district
    title = (full_org or "") + post.role
    return ResolvedPost(post.role, title, area, full_org or None)
