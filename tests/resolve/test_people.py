"""Posts: elided places completed from the article, one person per name, reporters apart."""

from __future__ import annotations

from dataclasses import replace

import pytest

from kg.extract import areas, bylines, officials
from kg.model import Article, KnowledgeBase
from kg.resolve import Resolver


def _kb(make_doc, settings, *texts: str, title: str | None = None) -> KnowledgeBase:
    resolver = Resolver(settings)
    for number, text in enumerate(texts):
        doc = make_doc(text, title=title, article_id=f"t-{number:02d}")
        mentions = [*areas.extract(doc, settings), *officials.extract(doc, settings)]
        resolver.add(doc, mentions)
    return resolver.result()


def _posts(kb: KnowledgeBase) -> set[tuple[str, str, str, str | None]]:
    people = {p.key: p.name for p in kb.persons}
    labels = {a.key: a.name for a in kb.areas}
    return {(people[p.person], p.title, p.role, labels.get(p.area) if p.area else None) for p in kb.posts}


@pytest.mark.parametrize(("text", "expected"), [
    ("管城区召开动员会。区委书记张艳华主持会议。", {("张艳华", "管城区委书记", "书记", "管城区")}),
    ("管城区召开动员会。区委副书记、区长丁晓军作部署。",
     {("丁晓军", "管城区委副书记", "副书记", "管城区"), ("丁晓军", "管城区区长", "区长", "管城区")}),
    ("省委常委、市委书记安伟到中牟县调研。",
     {("安伟", "河南省委常委", "常委", "河南省"), ("安伟", "郑州市委书记", "书记", "郑州市")}),
    ("市政协副主席孙明一行到管城区调研。", {("孙明", "郑州市政协副主席", "副主席", "郑州市")}),
    ("郑州市科协主席吴华、副主席李文到管城区调研。",
     {("吴华", "郑州市科协主席", "主席", "郑州市"), ("李文", "郑州市科协副主席", "副主席", "郑州市")}),
    # subdistrict posts belong to the subdistrict named nearby, a road office to its subdistrict
    # the head of a working committee has the role 党工委书记 (the guidelines' role word); deputies 副书记
    ("中原区须水街道党工委书记张伟、办事处主任李强陪同调研。",
     {("张伟", "中原区须水街道党工委书记", "党工委书记", "须水街道"),
      ("李强", "须水街道办事处主任", "主任", "须水街道")}),
    ("郑东新区召开会议，商都路党委书记张俊华、办事处主任高林平参加。",
     {("张俊华", "商都路街道党委书记", "书记", "商都路街道"),
      ("高林平", "商都路街道办事处主任", "主任", "商都路街道")}),
    # zone bodies belong to the zone
    ("郑东新区召开推进会。党工委委员、管委会副主任刘军主持。",
     {("刘军", "郑东新区党工委委员", "委员", "郑东新区"),
      ("刘军", "郑东新区管委会副主任", "副主任", "郑东新区")}),
    ("马寨产业集聚区召开座谈会。“收获很大。”马寨产业集聚区管委会党工委副书记、主任王波说。",
     {("王波", "马寨产业集聚区管委会党工委副书记", "副书记", "马寨产业集聚区"),
      ("王波", "马寨产业集聚区管委会党工委主任", "主任", "马寨产业集聚区")}),
    # after a party group's post, the body's own head
    ("惠济区召开会议。区政协党组书记、主席高建军主持。",
     {("高建军", "惠济区政协党组书记", "党组书记", "惠济区"), ("高建军", "惠济区政协主席", "主席", "惠济区")}),
    ("管城区召开会议。区人大常委会党组书记、主任张维宁出席。",
     {("张维宁", "管城区人大常委会党组书记", "党组书记", "管城区"),
      ("张维宁", "管城区人大常委会主任", "主任", "管城区")}),
    # a party committee's department printed bare is the committee's
    ("管城区召开会议。区委常委、组织部部长王红就有关工作作说明。",
     {("王红", "管城区委常委", "常委", "管城区"), ("王红", "管城区委组织部部长", "部长", "管城区")}),
    ("登封市召开推进会。市委常委、统战部部长王晓东出席。",
     {("王晓东", "登封市委常委", "常委", "登封市"), ("王晓东", "登封市委统战部部长", "部长", "登封市")}),
    # 列席 follows a two-character name
    ("管城区召开会议。区委办公室主任陈静列席会议。", {("陈静", "管城区委办公室主任", "主任", "管城区")}),
    # 和 inside one office's name, not between two
    ("管城区召开会议。区自然资源和规划局局长王建国出席。",
     {("王建国", "管城区自然资源和规划局局长", "局长", "管城区")}),
    ("管城区召开会议。区领导和区教育局局长王建国出席。", {("王建国", "管城区教育局局长", "局长", "管城区")}),
    # a court's posts printed by its last character (院) are the court's the article names
    ("9月13日，二七区人民法院召开推进会，院党组书记、院长韩冰出席会议，副院长朱琳主持会议。",
     {("韩冰", "二七区人民法院党组书记", "党组书记", "二七区"), ("韩冰", "二七区人民法院院长", "院长", "二七区"),
      ("朱琳", "二七区人民法院副院长", "副院长", "二七区")}),
    ("9月13日，中原区召开会议，区人民检察院党组书记、检察长孙杰出席。",
     {("孙杰", "中原区人民检察院党组书记", "党组书记", "中原区"),
      ("孙杰", "中原区人民检察院检察长", "检察长", "中原区")}),
    # a 市长 after a county-level city's post is that city's
    ("新密市委常委、副市长周晓峰到伏羲山调研。",
     {("周晓峰", "新密市委常委", "常委", "新密市"), ("周晓峰", "新密市副市长", "副市长", "新密市")}),
    # an organisation printed without a place belongs to the article's area
    ("惠济区开元社区开展义诊，新城路社区卫生服务中心负责人杨丽华介绍情况。",
     {("杨丽华", "惠济区新城路社区卫生服务中心负责人", "负责人", "惠济区")}),
    ("荥阳市高村乡刘沟村党支部书记刘全喜介绍了村里的情况。",
     {("刘全喜", "荥阳市高村乡刘沟村党支部书记", "书记", "刘沟村")}),
    # 市委 in an article about a county-level city is that city's, unless the home city is named too
    ("登封市召开推进会。市委书记刘春明出席会议并讲话。", {("刘春明", "登封市委书记", "书记", "登封市")}),
    ("郑州市召开会议，登封市作交流发言。市委书记刘春明出席。", {("刘春明", "郑州市委书记", "书记", "郑州市")}),
    # an elided 村 is the village the sentence has just named, of several the article names
    ("新密市大隗镇三李村、刘寨镇二郎庙村发展乡村旅游。在三李村，村党支部书记李铁柱介绍做法。",
     {("李铁柱", "三李村党支部书记", "书记", "三李村")}),
    # a 副市长 who goes to a county-level city is the home city's, not that city's
    ("10月16日，副市长罗俊华到新郑市调研文旅融合发展工作。新郑市委书记耿立军陪同。",
     {("罗俊华", "郑州市副市长", "副市长", "郑州市"), ("耿立军", "新郑市委书记", "书记", "新郑市")}),
    ("新郑市召开会议。市委书记耿立军、副市长田明亮出席。",
     {("耿立军", "新郑市委书记", "书记", "新郑市"), ("田明亮", "新郑市副市长", "副市长", "新郑市")}),
    # the county-level city named first: its 市委 even where the home city's 市委 is relayed
    ("9月5日，巩义市委书记孔维涛主持召开会议，传达学习省委、郑州市委有关会议精神。市委副书记、市长葛振东出席。",
     {("孔维涛", "巩义市委书记", "书记", "巩义市"), ("葛振东", "巩义市委副书记", "副书记", "巩义市"),
      ("葛振东", "巩义市市长", "市长", "巩义市")}),
    # a body that names no district but prints one by its short form
    ("县委副书记、县长路明远主持召开县政府常务会议，要持续擦亮中牟“都市田园”名片。",
     {("路明远", "中牟县委副书记", "副书记", "中牟县"), ("路明远", "中牟县县长", "县长", "中牟县")}),
    # a party group's head is its 党组书记, a member 党组成员; a people's congress deputy that congress's 代表
    ("金水区召开会议。区民政局党组书记、局长谭明远通报情况。",
     {("谭明远", "金水区民政局党组书记", "党组书记", "金水区"), ("谭明远", "金水区民政局局长", "局长", "金水区")}),
    ("9月21日，荥阳市人大代表、豫龙镇寨杨村党总支书记杨春生进站接待群众。",
     {("杨春生", "荥阳市人大代表", "代表", "荥阳市"), ("杨春生", "豫龙镇寨杨村党总支书记", "书记", "寨杨村")}),
    # a village's first secretary sent from elsewhere is the village's
    ("新郑市龙湖镇泰山村的驻村第一书记张磊介绍情况。", {("张磊", "泰山村驻村第一书记", "第一书记", "泰山村")}),
    # a city bureau's branch named after a district is that district's, the city printed or not
    ("管城区召开政法工作会议，郑州市公安局管城分局局长杨涛作汇报。",
     {("杨涛", "郑州市公安局管城分局局长", "局长", "管城区")}),
    ("管城区召开会议，市市场监管局高新分局局长李伟出席。",
     {("李伟", "郑州市市场监管局高新分局局长", "局长", "郑州高新区")}),
    ("管城区召开会议，市税务局第一分局局长孙浩出席。", {("孙浩", "郑州市税务局第一分局局长", "局长", "郑州市")}),
])
def test_people_posts_resolve_elided_places(make_doc, settings, text, expected):
    assert _posts(_kb(make_doc, settings, text)) == expected


def test_people_home_city_is_a_setting(make_doc, settings):
    other = replace(settings, home_city="洛阳市", home_province="河南省")
    expected = {("江凌", "洛阳市委书记", "书记", "洛阳市")}
    assert _posts(_kb(make_doc, other, "市委书记江凌到西工区调研。")) == expected


def test_people_same_name_is_one_person_across_articles(make_doc, settings):
    kb = _kb(make_doc, settings, "管城区召开会议。区委书记张艳华主持。",
             "市政协副主席孙明、管城区委书记张艳华出席。")
    assert [p.name for p in kb.persons].count("张艳华") == 1
    assert len({p.person for p in kb.posts if p.title == "管城区委书记"}) == 1


def test_people_reporters_are_persons_not_officials(make_doc, settings):
    doc = make_doc("管城区召开会议。区委书记张艳华主持。")
    article = Article(id="t-09", title=None, text=doc.article.text, reporters=("冉红政",), published=None,
                      url=None, path="test.txt", line=None)
    doc = replace(doc, article=article)
    resolver = Resolver(settings)
    resolver.add(doc, [*bylines.extract(doc, settings), *areas.extract(doc, settings),
                       *officials.extract(doc, settings)])
    kb = resolver.result()
    reporter = next(p for p in kb.persons if p.name == "冉红政")
    assert reporter.key not in kb.officials
    assert reporter.key in kb.articles[0].authors


def test_people_unnamed_community_keeps_its_word(make_doc, settings):
    posts = _posts(_kb(make_doc, settings, "二七区大学路街道召开会议，社区党委书记孙红参加。"))
    assert posts == {("孙红", "大学路街道社区党委书记", "书记", "大学路街道")}


def test_people_a_headline_district_completes_a_body_that_names_none(make_doc, settings):
    text = "9月5日，区长刘东主持召开区政府常务会议。区委常委、常务副区长杨帆出席会议。"
    kb = _kb(make_doc, settings, text, title="金水区政府召开第二十三次常务会议")
    assert _posts(kb) == {("刘东", "金水区区长", "区长", "金水区"), ("杨帆", "金水区委常委", "常委", "金水区"),
                          ("杨帆", "金水区常务副区长", "常务副区长", "金水区")}


def test_people_the_body_district_wins_over_the_headline(make_doc, settings):
    text = "9月5日，管城区召开动员会。区委书记张艳华主持会议。"
    kb = _kb(make_doc, settings, text, title="金水区干部到管城区交流")
    assert _posts(kb) == {("张艳华", "管城区委书记", "书记", "管城区")}


OFFICES = ("区发展改革委主任", "区市场监管局局长", "区应急管理局局长", "区卫健委主任", "区退役军人事务局局长",
           "区自然资源和规划局局长", "区住房和城乡建设局局长", "区融媒体中心主任", "区妇联主席", "区总工会主席",
           "区残联理事长", "区委党校常务副校长", "区检察院检察长", "区委政法委书记", "区委网信办主任",
           "区委社会工作部部长", "区城市管理执法大队大队长", "区公安分局局长", "区档案馆馆长")


@pytest.mark.parametrize("office", OFFICES)
def test_people_posts_of_common_district_offices(make_doc, settings, office):
    kb = _kb(make_doc, settings, f"9月5日，管城区召开会议。{office}王建国出席会议。")
    assert ("王建国", "管城区" + office[1:]) in {(name, title) for name, title, _, _ in _posts(kb)}
