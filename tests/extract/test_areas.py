"""Area mentions: the national list, road offices, new places by suffix, and what is not a place."""

from __future__ import annotations

import pytest

from kg.extract import areas


def _areas(make_doc, settings, text: str) -> list[tuple[str, str]]:
    return [(m.name, m.level) for m in areas.extract(make_doc(text), settings)]


@pytest.mark.parametrize(("text", "expected"), [
    ("管城回族区召开会议。", [("管城回族区", "District")]),
    ("管城区委书记主持会议。", [("管城区", "District")]),
    ("郑州高新区市场监管局开展培训。", [("郑州高新区", "District")]),
    ("中原区须水街道持续优化营商环境。", [("中原区", "District"), ("须水街道", "Subdistrict")]),
    ("荥阳市城关乡皋寨村开展戏曲演出。",
     [("荥阳市", "District"), ("城关乡", "Subdistrict"), ("皋寨村", "Community")]),
    ("京城路街道永安街社区开展消防演练。", [("京城路街道", "Subdistrict"), ("永安街社区", "Community")]),
    ("航空港区与经开区签订合作协议。", [("航空港区", "District"), ("经开区", "District")]),
    # 中关村 is read as a village name here; resolution drops it (a village far from the article's areas)
    ("北京中关村、武汉光谷、上海浦东等地经验值得借鉴。",
     [("北京", "Province"), ("中关村", "Community"), ("武汉", "City"), ("上海", "Province"),
      ("浦东", "District")]),
    ("河南省委书记在郑州调研。", [("河南省", "Province"), ("郑州", "City")]),
])
def test_areas_known_places(make_doc, settings, text, expected):
    assert _areas(make_doc, settings, text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("近日，商都路党工委举行揭牌仪式。", [("商都路街道", "Subdistrict")]),
    ("福华街办事处主任表示将继续推进。", [("福华街街道", "Subdistrict")]),
    # a zone's subdistrict office: the printed name, resolved to the list's subdistrict later
    ("高新区石佛办事处开展防汛应急演练。", [("高新区", "District"), ("石佛办事处", "Subdistrict")]),
    ("6月18日，应急演练在九龙办事处举行。", [("九龙办事处", "Subdistrict")]),
    ("祭城路街道办事处作表态发言。", [("祭城路街道", "Subdistrict")]),
])
def test_areas_road_office_is_a_subdistrict(make_doc, settings, text, expected):
    assert _areas(make_doc, settings, text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("该市以风景区管委会田种湾村、固岭村为主种植水果萝卜。",
     [("田种湾村", "Community"), ("固岭村", "Community")]),
    ("今年以来，二七区侯寨乡樱桃沟村立足资源禀赋。",
     [("二七区", "District"), ("侯寨乡", "Subdistrict"), ("樱桃沟村", "Community")]),
    ("本报讯 6月11日上午，马寨产业集聚区召开座谈会。", [("马寨产业集聚区", "District")]),
    # a numbered grid road names its community whole, after prose too (the list knows a 三路社区)
    ("9月12日，街道在经三路社区召开座谈会。", [("经三路社区", "Community")]),
    ("金水区花园路街道经三路社区开展活动。",
     [("金水区", "District"), ("花园路街道", "Subdistrict"), ("经三路社区", "Community")]),
    ("东三街社区居民参加活动。", [("东三街社区", "Community")]),
    # a new place may start right after a particle or preposition ending the prose before it
    ("与会人员先后观摩了南曹街道亳都新象项目。", [("南曹街道", "Subdistrict")]),
    ("活动在凤凰台社区举行。", [("凤凰台社区", "Community")]),
    # a listed place right after its parent, though its end is also a common word (村镇)
    ("新郑市新村镇开展活动。", [("新郑市", "District"), ("新村镇", "Subdistrict")]),
    # a village of one-character stem right after its town; a town whose name ends in 村 before it
    ("9月5日，古荥镇马村开展活动。", [("古荥镇", "Subdistrict"), ("马村", "Community")]),
    ("9月5日，西村镇西村开展活动。", [("西村镇", "Subdistrict"), ("西村", "Community")]),
    ("9月5日，岳村镇岳村开展活动。", [("岳村镇", "Subdistrict"), ("岳村", "Community")]),
    # a province's or city's name inside a lower place's name is that place's
    ("金水区南阳新村街道开展活动。", [("金水区", "District"), ("南阳新村街道", "Subdistrict")]),
    ("长兴路街道南阳寨村开展活动。", [("长兴路街道", "Subdistrict"), ("南阳寨村", "Community")]),
    ("紫荆山南路街道陇海南里社区开展活动。",
     [("紫荆山南路街道", "Subdistrict"), ("陇海南里社区", "Community")]),
    ("磁涧镇江沟村开展活动。", [("磁涧镇", "Subdistrict"), ("江沟村", "Community")]),
    # a town's head after its town is no second town (广武镇 + 镇长, not 广武镇镇)
    ("广武镇镇长刘艳介绍情况。", [("广武镇", "Subdistrict")]),
    ("高村乡乡长王磊介绍情况。", [("高村乡", "Subdistrict")]),
    ("文化路街道农大社区开展活动。", [("文化路街道", "Subdistrict"), ("农大社区", "Community")]),
])
def test_areas_new_places_by_suffix(make_doc, settings, text, expected):
    assert _areas(make_doc, settings, text) == expected


@pytest.mark.parametrize("text", [
    "商城路沿线的店铺和京广铁路两侧的环境得到整治。",  # streets and railways are not areas
    "全区各街道、乡镇要深入田间地头，走进社区、走进村庄，推动城乡社区治理。",
    "他们扎根社区，打扫社区卫生，结合街道实际开展工作。",
    "进一步着眼于农业产业强镇和和美乡村建设，丰富乡村文化生活。",
    "郑州大学、北京大学等单位代表参加。",  # short forms inside institution names
    "城区道路和东区园区同步改造。",  # names that are also common words
    "作为省级二星级产业集聚区，已拥有多个平台。",
    "他说，今年村里新修了3条路。",
    "服务延伸到基层社区，工作落实到每个村，辐射到周边镇，推广到其他街道。",
    "志愿者来到老旧社区，将服务送到了偏远村。",
])
def test_areas_traps_are_not_areas(make_doc, settings, text):
    assert _areas(make_doc, settings, text) == []


def test_areas_village_before_villagers(make_doc, settings):
    assert _areas(make_doc, settings, "皋寨村村民乔艳芳说，很高兴。") == [("皋寨村", "Community")]


def test_areas_read_every_town_of_the_home_city_and_their_villages(make_doc, settings):
    """General knowledge, swept: each subdistrict and town under Zhengzhou's districts and counties,
    printed after its district, and the first three communities or villages of each, printed after
    their town, are read as those places (a regression guard for the lower-level rules)."""
    from kg.resources.gazetteer import load_gazetteer, short_name

    gazetteer = load_gazetteer()
    [city] = [p for p in gazetteer.lookup("郑州市") if p.level == "City"]
    children: dict[int, list[int]] = {}
    for index, parent in enumerate(gazetteer.parents):
        children.setdefault(parent, []).append(index)
    tried, missed = 0, []
    for district in map(gazetteer.place, children.get(city.index, [])):
        for town in map(gazetteer.place, children.get(district.index, [])):
            if not town.name.endswith(("街道", "镇", "乡")) or town.name == district.name:
                continue  # 尖山风景区, 新郑新区: units of the list that are no subdistricts
            cases = [(f"9月5日，{short_name(district.name, district.level)}{town.name}开展活动。", town)]
            cases += [(f"9月5日，{town.name}{gazetteer.names[v]}开展活动。", gazetteer.place(v))
                      for v in children.get(town.index, [])[:3]]
            for text, place in cases:
                tried += 1
                if place.name not in {m.name for m in areas.extract(make_doc(text), settings)}:
                    missed.append(text)
    assert tried > 600
    assert len(missed) <= tried // 100, missed


@pytest.mark.parametrize(("text", "expected"), [
    # the list knows a 窑湾村 elsewhere; printed right after its town, the village is 南窑湾村
    ("在站街镇南窑湾村，研学园项目正在装修。", [("站街镇", "Subdistrict"), ("南窑湾村", "Community")]),
    # only a village after a town: an office's words after a district stay out of a subdistrict's name
    ("中原区政协汝河路街道工委召开会议。", [("中原区", "District"), ("汝河路街道", "Subdistrict")]),
])
def test_areas_a_village_right_after_its_town_starts_there(make_doc, settings, text, expected):
    assert _areas(make_doc, settings, text) == expected
