import pytest

from kg.extract.projects import extract, parse_amount


def names(make_doc, settings, text):
    return sorted({m.name for m in extract(make_doc(text), settings)})


@pytest.mark.parametrize(("text", "expected"), [
    # a river's name (溱水) before a kind of place: 水 after a word is a river, as 湖 is a lake
    ("实地察看溱水田园综合体运营情况。", ["溱水田园综合体"]),
    # a suffix, cut after the verb before it
    ("会议要求，加快建设龙湖数字产业园，打造区域增长极。", ["龙湖数字产业园"]),
    ("代表们来到青云湖湿地公园，实地察看生态修复情况。", ["青云湖湿地公园"]),
    # list items closed by a counted category
    ("推动凤栖里等8个在建产业园加快建设。", ["凤栖里"]),
    ("力争年底前银杏路等6条道路、东坊里等3个文旅街区全面完工。", ["东坊里", "银杏路"]),
    ("围绕西山古城遗址、龙泉智造城、临空枢纽新城三大板块谋划项目。",
     ["临空枢纽新城", "西山古城遗址", "龙泉智造城"]),
    # a name before 项目 and a building verb
    ("本月，鑫源新材料项目开工建设。", ["鑫源新材料"]),
    # … or its site, place or cost
    ("调研组来到恒瑞高精铝项目现场，了解项目进展。", ["恒瑞高精铝"]),
    ("据悉，华峰智能装备项目位于白沙镇。", ["华峰智能装备"]),
    ("重点项目现场观摩，该项目总投资10亿元。", []),  # a kind of project, and 该 is no name
    # a list item printed as a project counts as one without a count after 等
    ("其中，恒远新能源零部件项目、南水北调生态文化公园等项目进展顺利。", ["南水北调生态文化公园", "恒远新能源零部件"]),
    # a name led by a district whose name starts with a numeral (二七区) is no count
    ("9月27日，二七区侯寨乡樱桃沟景区提质升级项目完工。", ["樱桃沟景区"]),  # …提质升级 another name
    # proper parts jieba tags otherwise: a lake after a word, a three-character "person", an organisation
    ("加快推进西流湖公园建设。", ["西流湖公园"]),
    ("市领导来到比亚迪新能源汽车产业园调研。", ["比亚迪新能源汽车产业园"]),
    ("9月5日，奥体中心项目开工建设。", ["奥体中心"]),
    # a district's short name is no count (二七商圈), and 商圈, 岛 name built places
    ("9月5日，二七商圈项目开工建设。", ["二七商圈"]),
    ("加快推进龙湖金融岛建设。", ["龙湖金融岛"]),
    # a name before 项目 and the state of its work; an 安置区
    ("鑫源新材料项目正在紧张施工，华峰智能装备项目已完成设备安装。", ["华峰智能装备", "鑫源新材料"]),
    ("官渡新城安置区规划建设安置房3200套。", ["官渡新城安置区"]),
    # a suffix that holds a boundary word (提升工程), a name after 项目 or 还有, a place's numeral head
    ("同时开工的还有伊洛河生态廊道提升工程、巩义智慧物流港等项目。", ["伊洛河生态廊道提升工程", "巩义智慧物流港"]),
    ("会议听取了关于贾鲁河中牟段生态提升工程推进情况的报告。", ["贾鲁河中牟段生态提升工程"]),
    ("观摩团来到十八里河街道十八里河智慧物流园。", ["十八里河智慧物流园"]),
    ("广武镇黄河桃花峪景区游客众多。", ["黄河桃花峪景区"]),
    # a kind of place with its own cost is one project
    ("其中，总投资45亿元的临空智能终端产业园位于新港办事处。", ["临空智能终端产业园"]),
    ("主会场项目高端铝材精深加工产业园位于回郭镇，总投资12亿元。", ["高端铝材精深加工产业园"]),
    # a boundary word that the length limit cuts through still bounds the name; 听取 bounds it
    ("记者走进新密市超化镇黄固寺村金菇坊食用菌产业园。", ["黄固寺村金菇坊食用菌产业园"]),
    ("会议听取雁鸣湖国际露营地项目推进情况汇报。", ["雁鸣湖国际露营地"]),
    ("总投资12.6亿元的河洛古渡文化旅游区一期工程完工；海上桥山居民宿集群已建成民宿42间。",
     ["河洛古渡文化旅游区", "海上桥山居民宿集群"]),
])
def test_projects_extract_finds_names_by_suffix_list_and_verb(make_doc, settings, text, expected):
    assert names(make_doc, settings, text) == expected


@pytest.mark.parametrize("text", [
    "社区依托社区党群服务中心开展服务。",  # a kind of centre, not a named one
    "坚持把新型产业园建设作为关键路径。",
    "进一步着眼于现代农业产业园、特色产业集群等农业项目。",
    "惠济区新城路社区卫生服务中心开展义诊。",  # 新城 is part of a place name here
    "上街区召开会议。",  # an area ending in 街区 is no project
    "及时走访楼宇园区，收集企业诉求。",
    "县委书记杨福平宣布项目开工。",  # the subject of a verb that takes 项目 as its object
    "全县上下全力保障项目落地，加快推进项目建设。",
    "卞晓松就下一步项目推进作了具体安排。",
    "邀请科普辅导员带来机器人编程、无人机飞行等互动项目。",
    "新密市伏羲山风景区管委会组织开展活动。",  # a 风景区 with its 管委会 is an administrative unit
    "村里先后争取资金1600万元建起这座产业园。",  # 这座 and 一处 leave only a kind
    "在中牟县官渡镇一处玉米种植基地，大型收割机来回穿梭。",
    "186名选手在电工、焊工、数控车工等6个项目中同台竞技。",  # a contest's events
])
def test_projects_extract_skips_kinds_and_places(make_doc, settings, text):
    assert names(make_doc, settings, text) == []


def test_projects_extract_keeps_printed_area_as_other_name_and_place(make_doc, settings):
    [mention] = extract(make_doc("记者来到中牟县韩寺镇便民服务中心了解情况。"), settings)
    assert mention.name == "韩寺镇便民服务中心"
    assert mention.area_name == "韩寺镇"
    assert "中牟县韩寺镇便民服务中心" in mention.aliases


def test_projects_extract_drops_a_street_address_from_the_label(make_doc, settings):
    [mention] = extract(make_doc("在长江路荟萃里文化中心项目建设现场，塔吊林立。"), settings)
    assert mention.name == "荟萃里文化中心"
    assert "长江路荟萃里文化中心" in mention.aliases


@pytest.mark.parametrize(("text", "expected"), [
    ("总投资50亿元的龙湖数字产业园正加快建设。", "5000000000"),
    ("龙湖数字产业园项目总投资12.5亿元，预计明年投用。", "1250000000"),
    ("龙湖数字产业园计划总投资八千万元。", "80000000"),
    # told in the next sentence of "this project"
    ("9月27日，樱桃沟景区提质升级项目完工。该项目总投资1.2亿元，新建游客服务中心1座。", "120000000"),
    ("工人们在龙湖数字产业园紧张施工。项目负责人介绍，该产业园计划总投资120亿元。", "12000000000"),
])
def test_projects_extract_reads_the_investment_of_one_project(make_doc, settings, text, expected):
    [mention] = extract(make_doc(text), settings)
    assert mention.investment == expected


@pytest.mark.parametrize("text", [
    # aggregates: a count of projects owns the amount, never one of them
    "龙湖数字产业园等31个项目正加快建设，总投资400亿元。",
    "围绕西山古城遗址、龙泉智造城、临空枢纽新城三大板块，谋划实施113个项目，总投资400亿元。",
])
def test_projects_extract_never_gives_an_aggregate_to_a_project(make_doc, settings, text):
    assert all(m.investment is None for m in extract(make_doc(text), settings))


@pytest.mark.parametrize(("number", "unit", "expected"), [
    ("400", "亿", "40000000000"), ("293.7", "亿", "29370000000"), ("四百", "亿", "40000000000"),
    ("5000", "万", "50000000"), ("12", None, "12"),
])
def test_projects_parse_amount_gives_yuan(number, unit, expected):
    assert parse_amount(number, unit) == expected


@pytest.mark.parametrize("text", [
    # two projects before "this project": whose cost it is, the text does not say
    "龙湖数字产业园和青云湖湿地公园同步推进。该项目总投资10亿元。",
    # a count of projects owns the amount
    "龙湖数字产业园加快建设。该片区12个项目总投资80亿元。",
])
def test_projects_extract_leaves_an_unclear_told_after_cost_alone(make_doc, settings, text):
    assert all(m.investment is None for m in extract(make_doc(text), settings))


@pytest.mark.parametrize(("text", "name", "aliases"), [
    # two names from one start, one continuing the other: one project, named by the place itself
    ("德化街步行街改造提升、京广路综合改造等项目进展顺利。", "德化街步行街", ("德化街步行街改造提升",)),
    ("官渡新城安置区二期项目正在紧张施工。", "官渡新城安置区", ("官渡新城安置区二期",)),
])
def test_projects_extract_one_project_per_start(make_doc, settings, text, name, aliases):
    found = [m for m in extract(make_doc(text), settings) if m.name.startswith(name[:3])]
    assert [(m.name, m.aliases) for m in found] == [(name, aliases)]


@pytest.mark.parametrize(("text", "investment"), [
    ("主会场项目高端铝材精深加工产业园位于回郭镇，总投资12亿元，建成后可年产铝板20万吨。", "1200000000"),
    ("其中，总投资45亿元的临空智能终端产业园位于新港办事处。", "4500000000"),
])
def test_projects_extract_reads_a_cost_the_next_clause_starts_with(make_doc, settings, text, investment):
    [mention] = extract(make_doc(text), settings)
    assert mention.investment == investment


def test_projects_extract_a_count_of_places_bounds_a_name(make_doc, settings):
    found = names(make_doc, settings, "加快推进凤凰台街道、丰产路街道两处嵌入式服务综合体建设。")
    assert not any("两处" in n or "街道" in n for n in found)
