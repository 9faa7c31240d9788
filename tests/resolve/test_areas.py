"""Area resolution: which place a name stands for, and the parent written for it."""

from __future__ import annotations

import pytest

from kg.extract import areas
from kg.model import KnowledgeBase
from kg.resolve import Resolver


def _kb(make_doc, settings, *texts: str) -> KnowledgeBase:
    resolver = Resolver(settings)
    for number, text in enumerate(texts):
        doc = make_doc(text, article_id=f"t-{number:02d}")
        resolver.add(doc, list(areas.extract(doc, settings)))
    return resolver.result()


def _parents(kb: KnowledgeBase) -> dict[str, str | None]:
    labels = {a.key: a.name for a in kb.areas}
    return {a.name: labels.get(a.parent) if a.parent else None for a in kb.areas}


@pytest.mark.parametrize(("text", "expected"), [
    # the most specific area the text names is the parent; else the district-level ancestor
    ("管城区平等街社区开展科普活动。", {"平等街社区": "管城区", "管城区": "郑州市", "郑州市": "河南省"}),
    ("中牟县郑庵镇前李庄村开展普法宣传。", {"前李庄村": "郑庵镇", "郑庵镇": "中牟县"}),
    ("荥阳市城关乡皋寨村开展戏曲演出。", {"皋寨村": "城关乡", "城关乡": "荥阳市"}),
    # a subdistrict the national list files elsewhere belongs to the one zone the article is about
    ("郑东新区召开推进会，祭城路街道办事处作表态发言。", {"祭城路街道": "郑东新区", "郑东新区": "郑州市"}),
    ("郑东新区龙子湖街道开展志愿服务。", {"龙子湖街道": "郑东新区"}),
    # printed under another subdistrict of the same district than the list's: the paper is newer
    ("二七区铭功路街道新华社区开展教师节慰问活动。", {"新华社区": "铭功路街道", "铭功路街道": "二七区"}),
    ("近日，商都路党工委举行揭牌仪式，郑东新区党工委副书记出席。", {"商都路街道": "郑东新区"}),
    # a community in an article about one subdistrict belongs to it
    ("蜜蜂张街道马砦社区党支部联合客技路社区党支部开展竞赛。",
     {"客技路社区": "蜜蜂张街道", "马砦社区": "蜜蜂张街道"}),
    # a new place hangs under the area printed before it, or under the one before it in a list
    ("二七区侯寨乡樱桃沟村、刘沟村发展乡村旅游。",
     {"侯寨乡": "二七区", "樱桃沟村": "侯寨乡", "刘沟村": "侯寨乡"}),
    ("新密市以风景区管委会田种湾村、固岭村为主种植蔬菜。", {"田种湾村": "新密市", "固岭村": "新密市"}),
    ("二七区明确了马寨产业集聚区的发展战略，马寨产业集聚区召开座谈会。", {"马寨产业集聚区": "二七区"}),
    # cities elsewhere, and a district short form right after its city
    ("北京中关村、武汉光谷、上海浦东等地经验值得借鉴。",
     {"北京市": None, "武汉市": "湖北省", "上海市": None, "浦东新区": "上海市"}),
])
def test_areas_parents(make_doc, settings, text, expected):
    parents = _parents(_kb(make_doc, settings, text))
    assert {name: parents.get(name, "missing") for name in expected} == expected


@pytest.mark.parametrize(("text", "absent"), [
    ("北京中关村的经验值得借鉴。", "中关村"),  # a village name known only far from the article's areas
    ("郑州高新区和高新区梧桐园区", "信阳高新区"),  # a shared name is read in the home city
    ("东区“双改”工作推进会召开。", "东区"),
])
def test_areas_ambiguous_names_stay_home(make_doc, settings, text, absent):
    assert absent not in {a.name for a in _kb(make_doc, settings, text).areas}


@pytest.mark.parametrize(("text", "label", "parent"), [
    # a zone's office is the subdistrict the list files under its stem, the nearest one first
    ("高新区石佛办事处开展防汛应急演练。", "石佛镇", "郑州高新区"),
    ("6月18日，经开区安全生产应急演练在九龙办事处举行。", "九龙镇", "郑州经开区"),
    ("郑东新区如意湖办事处绿地社区开展志愿服务。", "如意湖街道", "郑东新区"),
    # one the list lacks is a new subdistrict under the zone, named as papers name subdistricts
    ("经开区潮河办事处召开安全生产工作会议。", "潮河街道", "郑州经开区"),
])
def test_areas_a_subdistrict_office_is_its_subdistrict(make_doc, settings, text, label, parent):
    kb = _kb(make_doc, settings, text)
    office = next(a for a in kb.areas if a.name == label)
    assert office.level == "Subdistrict"
    assert _parents(kb)[label] == parent
    assert any(alias.endswith("办事处") for alias in office.aliases)  # the printed name, for search
    assert label.endswith("街道") or label[:-1] + "街道" in office.aliases  # and its 街道 name


@pytest.mark.parametrize("text", [
    "祭城路街道办事处作表态发言。",  # a 街道's office is the 街道 itself, found by its suffix
    "省政府驻京办事处负责同志参加。",  # no place's office
])
def test_areas_other_offices_name_no_new_subdistrict(make_doc, settings, text):
    assert not any(a.name.endswith("办事处") or any(alias.endswith("办事处") for alias in a.aliases)
                   for a in _kb(make_doc, settings, text).areas)


def test_areas_a_district_hangs_under_its_city_where_only_the_province_is_printed(make_doc, settings):
    parents = _parents(_kb(make_doc, settings, "管城区召开会议，河南中烟工业有限责任公司负责人参加。"))
    assert (parents["管城区"], parents["郑州市"]) == ("郑州市", "河南省")


def test_areas_a_community_listed_only_far_away_is_the_one_subdistricts_own(make_doc, settings):
    parents = _parents(_kb(make_doc, settings, "日前，航空港区银河街道在星河社区开展科普进社区活动。"))
    assert parents["星河社区"] == "银河街道"


@pytest.mark.parametrize("text", [
    "日前，龙湖镇泰山村发展产业，壮大村集体经济。",  # a listed 村 elsewhere that is also prose
    "要以全区“沿黄百村共富”行动为抓手。",  # a slogan's word in quotes
])
def test_areas_prose_and_slogans_are_no_villages(make_doc, settings, text):
    assert not {"壮大村", "沿黄百村"} & {a.name for a in _kb(make_doc, settings, text).areas}


def test_areas_labels_adcodes_and_aliases(make_doc, settings):
    kb = _kb(make_doc, settings, "管城回族区召开会议。")
    area = next(a for a in kb.areas if a.name == "管城区")
    assert area.adcode == "410104"
    assert {"管城回族区", "管城"} <= set(area.aliases)
    assert area.level == "District"


def test_areas_zone_label_is_its_common_name(make_doc, settings):
    kb = _kb(make_doc, settings, "郑州高新区市场监管局开展培训。")
    zone = next(a for a in kb.areas if a.adcode == "410172")
    assert zone.name == "郑州高新区"
    assert "高新区" in zone.aliases


def test_areas_home_region_is_a_setting(make_doc, settings):
    from dataclasses import replace
    other = replace(settings, home_city="洛阳市", home_province="河南省")
    kb = _kb(make_doc, other, "西工区召开会议，涧西区长春路街道嵩山社区开展活动。")
    assert _parents(kb)["嵩山社区"] == "长春路街道"
