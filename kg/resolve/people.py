"""People and posts: one person per name in a corpus, posts completed from the article's places.

Rule for identity: the same name in one corpus is the same person (local papers rarely print two
officials of one name), so a person's key is minted from the name alone.

Elided places are completed from context, the way a reader completes them:

- an organisation that starts with a place the article names keeps it (郑州市科协, 管城区政协);
- 省, 市 are the paper's home province and city (``Settings``); 区, 县 the district the article is
  about; 镇, 乡, 街道, 办事处 the subdistrict the post's sentence has just named, else the article's;
  社区, 村 likewise its community, as 驻村 (a 驻村第一书记 is the village's); 党工委, 管委会 its zone;
- an office named after a road (商都路党委, 商都路办事处) is that road's subdistrict (商都路街道);
- a post printed without an organisation shares the one before it (区委副书记、区长 → 区长 of the same
  district, unless the role names its own level: 区长, 市长); after a party group's post, the body's
  (区政协党组书记、主席 → 区政协主席);
- a party committee's department printed bare (组织部, 宣传部, 统战部, 政法委) is the committee's
  (区委常委、组织部部长 → 管城区委组织部部长);
- a city bureau's branch named after a district (郑州市公安局管城分局) is that district's;
- anything else (新城路社区卫生服务中心负责人) belongs to the area the article is about.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from kg.extract.areas import find_upper
from kg.model import PostMention
from kg.resolve.areas import AreaResolver, ArticleAreas
from kg.resources.gazetteer import LEVELS

# An organisation part that starts with one of these omits its place: (prefix, level it refers to)
ELIDED = (
    ("省", "Province"), ("市", "City"), ("区", "District"), ("县", "District"),
    ("镇", "Subdistrict"), ("乡", "Subdistrict"), ("街道", "Subdistrict"), ("办事处", "Subdistrict"),
    ("社区", "Community"), ("村", "Community"), ("驻村", "Community"), ("党工委", "Zone"), ("管委会", "Zone"),
)
ROAD_OFFICE = re.compile("^(.{2,5}?(?:路|街))(党工委|党委|办事处)")
# Courts and procuratorates, whose posts papers print by the institution's last character: 院党组书记、
# 院长 in a piece on 二七区人民法院 are that court's. (short form, full forms it stands for, its roles)
INSTITUTIONS = (("院", ("人民法院", "人民检察院"), ("院长", "副院长", "检察长", "副检察长", "庭长", "副庭长")),)
# The key under which ``nearby`` holds the area the post's holder goes to in the sentence (到新郑市调研).
VISITED = "Visited"
WORKING_COMMITTEE = "党工委"
DEPUTY = "人大代表"
PARTY_GROUP = "党组"  # a body's party group: its head is the body's head too (局党组书记、局长)
# Departments of a party committee: printed bare (区委常委、组织部部长), they are the committee's.
PARTY_DEPARTMENTS = ("组织部", "宣传部", "统战部", "政法委", "社会工作部")


@dataclass(frozen=True)
class ResolvedPost:
    role: str
    title: str
    area: str | None
    organization: str | None  # full organisation name, place included


def _area_for_level(level: str, context: ArticleAreas, resolver: AreaResolver,
                    nearby: dict[str, str] | None = None) -> str | None:
    if nearby and level in nearby:
        return nearby[level]  # 在三李村，村党支部书记…: the village the sentence has just named
    if level == "City":
        # 市委 in an article about a county-level city (登封市) is that city's, unless the article names the
        # home city first (郑州市召开会议，登封市作交流发言。市委书记…), in which case the paper's own 市 is meant
        home = resolver.key_for_city()
        visiting = nearby is not None and nearby.get(VISITED) == context.district
        home_first = home in context.keys and (context.district not in context.keys
                                               or context.keys.index(home) < context.keys.index(context.district))
        if context.district and _county_city(context.district, resolver) and not home_first and not visiting:
            return context.district  # not 副市长某某到新郑市调研: a visitor is the home city's
        return home
    if level == "Province":
        return resolver.key_for_province()
    if level == "District":
        return context.district
    if level == "Zone":
        return context.zone or context.district
    if level == "Subdistrict":
        return context.subdistrict or context.district
    if level == "Community":
        communities = [k for k in context.keys if resolver.level(k) == "Community"]
        return communities[0] if len(communities) == 1 else context.subdistrict or context.district
    return None


def _place_prefix(org: str, context: ArticleAreas, resolver: AreaResolver) -> tuple[str, str] | None:
    """(area key, the place as printed) for the place ``org`` starts with."""
    named = sorted((n for n in context.by_name if org.startswith(n)), key=len, reverse=True)
    if named:
        return context.by_name[named[0]], named[0]
    road = ROAD_OFFICE.match(org)
    if road and road.group(1) + "街道" in context.by_name:
        return context.by_name[road.group(1) + "街道"], road.group(1)
    printed = next(iter(find_upper(org)), None)
    if printed and printed[0] == 0:
        place = resolver.choose(printed[2], printed[3], [])
        if place is not None:
            return resolver.key_of_place(place.index), printed[2]
    return None


def _printed_area(org: str, context: ArticleAreas, resolver: AreaResolver) -> tuple[str, str] | None:
    """(area key, the places as printed) when ``org`` starts with places: the last of a chain wins
    (中原区须水街道党工委 → 须水街道)."""
    found = None
    consumed = 0
    while (step := _place_prefix(org[consumed:], context, resolver)) is not None:
        found = (step[0], org[:consumed + len(step[1])])
        consumed += len(step[1])
    return found


# A branch of a city's bureau, named by the district it serves: 公安局管城分局, 市场监管局金水分局.
_BRANCH = re.compile(r"局([^局]{2,4}?)分局")


def _branch_district(org: str, city: str, resolver: AreaResolver) -> str | None:
    """The district a bureau's branch in ``org`` serves, when it is one of ``city``'s."""
    match = _BRANCH.search(org)
    if match is None or resolver.level(city) != "City":
        return None
    return resolver.district_within(match.group(1), city)


def _role_level(role: str) -> str | None:
    """The level a role names by itself: 副区长 → District, 常务副市长 → City."""
    for ending, level in (("省长", "Province"), ("市长", "City"), ("区长", "District"), ("县长", "District"),
                          ("镇长", "Subdistrict"), ("乡长", "Subdistrict")):
        if role.endswith(ending) and not role.endswith("助理"):
            return level
    return None


def _county_city(key: str, resolver: AreaResolver) -> bool:
    return resolver.level(key) == "District" and resolver.label(key).endswith("市")


def _with_subdistrict(org: str, as_printed: str, label: str) -> str:
    """商都路党委 → 商都路街道党委: a road office written with its subdistrict's full name."""
    road = ROAD_OFFICE.match(as_printed + org[len(as_printed):])
    if road and as_printed.endswith(road.group(1)):
        return org[:len(as_printed) - len(road.group(1))] + label + org[len(as_printed):]
    return org


def printed_institutions(text: str, context: ArticleAreas) -> dict[str, str]:
    """The court or procuratorate an article is about, as printed with its place (二七区人民法院, 区人民
    检察院), by the short form its posts use: the first one the text names."""
    found: dict[str, str] = {}
    for short, full_forms, _ in INSTITUTIONS:
        first = re.search("|".join(full_forms), text)  # the leftmost, as the alternation scans
        if first is None:
            continue
        start, full = first.start(), first.group()
        place = max((n for n in context.by_name if text.endswith(n, 0, start)), key=len, default="")
        if not place and start > 0 and text[start - 1] in "省市区县":
            place = text[start - 1]
        found[short] = place + full
    return found


def _institution_org(post: PostMention, previous: ResolvedPost | None,
                     institutions: dict[str, str]) -> str | None:
    """``post``'s organisation with an institution's short form written out: 院党组 → 二七区人民法院党组,
    and a bare 院长 first in its chain → 二七区人民法院."""
    org = post.organization
    for short, _, roles in INSTITUTIONS:
        full = institutions.get(short)
        if full is None:
            continue
        if org and org.startswith(short) and not org.startswith(full):
            return full + org[len(short):]
        if not org and previous is None and post.role in roles:
            return full
    return org


def resolve_post(post: PostMention, previous: ResolvedPost | None, context: ArticleAreas,
                 resolver: AreaResolver, institutions: dict[str, str] | None = None,
                 nearby: dict[str, str] | None = None) -> ResolvedPost:
    """``post`` with its place completed; ``nearby`` holds the subdistrict and community (by level) that
    the post's sentence names last before it, which an elided 村, 社区, 街道 or 镇 means first."""
    if institutions:
        post = replace(post, organization=_institution_org(post, previous, institutions))
    org = post.organization or ""
    area: str | None = None
    full_org = org
    printed = _printed_area(org, context, resolver) if org else None
    if printed:
        printed_area, as_printed = printed
        area = printed_area
        if resolver.level(printed_area) == "Subdistrict" and not as_printed.endswith(("街道", "镇", "乡")):
            full_org = _with_subdistrict(org, as_printed, resolver.label(printed_area))
    elif org:
        for prefix, level in ELIDED:
            if org.startswith(prefix):
                area = _area_for_level(level, context, resolver, nearby)
                keeps_prefix = prefix in ("党工委", "管委会", "办事处", "驻村") or (
                    level in LEVELS and area is not None and resolver.level(area) != level
                    and not (level == "City" and _county_city(area, resolver)))
                if area and keeps_prefix:
                    full_org = resolver.label(area) + org  # 东风路街道社区党委: no community is named
                elif area:
                    full_org = resolver.label(area) + org[len(prefix):]
                break
        else:
            area = previous.area if previous is not None else context.district
            if area and org.startswith(PARTY_DEPARTMENTS):
                # 组织部 is the party committee's: 管城区委组织部, 郑东新区党工委宣传部
                committee = "党工委" if resolver.is_zone(area) else "委"
                full_org = resolver.label(area) + committee + org
            elif area:
                full_org = resolver.label(area) + org  # 卫健委 in an article about 二七区: 二七区卫健委
    else:
        role_level = _role_level(post.role)
        if role_level:
            county_city = previous is not None and previous.area and _county_city(previous.area, resolver)
            # 新密市委常委、副市长: a 市长 after a post of a county-level city is that city's
            area = previous.area if county_city and previous else _area_for_level(role_level, context, resolver, nearby)
            full_org = resolver.label(area) if area else ""
        elif previous is not None:
            area, full_org = previous.area, previous.organization or ""
            # 区政协党组书记、主席: the 主席 of the body whose party group the first post leads
            full_org = full_org.removesuffix(PARTY_GROUP) if full_org != PARTY_GROUP else full_org
        else:
            area = context.district
    if area is not None and org:
        area = _branch_district(org, area, resolver) or area
    title = (full_org or "") + post.role
    # the head of a working committee (党工委) or a party group (党组) is its 党工委书记 or 党组书记, a role of
    # its own (its deputies stay 副书记); a people's congress deputy (人大代表) is that congress's 代表
    role = post.role
    if role == "书记" and org.endswith((WORKING_COMMITTEE, PARTY_GROUP)):
        role = (WORKING_COMMITTEE if org.endswith(WORKING_COMMITTEE) else PARTY_GROUP) + role
    elif role == DEPUTY:
        role = "代表"
    return ResolvedPost(role, title, area, full_org or None)
