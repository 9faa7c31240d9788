"""Officials: names after posts, chained posts, name lists, and the words that are not people."""

from __future__ import annotations

import pytest

from kg.extract import officials
from kg.model import PersonMention


def _people(make_doc, settings, text: str) -> dict[str, list[tuple[str | None, str]]]:
    out: dict[str, list[tuple[str | None, str]]] = {}
    for mention in officials.extract(make_doc(text), settings):
        assert isinstance(mention, PersonMention)
        out.setdefault(mention.name, []).extend((p.organization, p.role) for p in mention.posts)
    return out


@pytest.mark.parametrize(("text", "name", "posts"), [
    ("7月5日，金水区委书记李建华主持召开会议。", "李建华", [("金水区委", "书记")]),
    ("郑州市科协主席吴华到社区调研。", "吴华", [("郑州市科协", "主席")]),
    ("市政协副主席孙明一行视察科普工作。", "孙明", [("市政协", "副主席")]),
    ("二七区人民医院院长高峰带队开展义诊。", "高峰", [("二七区人民医院", "院长")]),
    ("河南省科技厅副厅长王建国致辞。", "王建国", [("河南省科技厅", "副厅长")]),
    ("管城区城管局局长马天负责整治工作。", "马天", [("管城区城管局", "局长")]),
])
def test_officials_post_before_name(make_doc, settings, text, name, posts):
    assert _people(make_doc, settings, text)[name] == posts


@pytest.mark.parametrize(("text", "name", "posts"), [
    ("区委副书记、区长王红军出席会议。", "王红军", [("区委", "副书记"), (None, "区长")]),
    ("省委常委、市委书记安伟到中牟县调研。", "安伟", [("省委", "常委"), ("市委", "书记")]),
    ("党工委委员、管委会副主任，“双改”工作领导小组副组长刘军主持会议。", "刘军",
     [("党工委", "委员"), ("管委会", "副主任"), ("“双改”工作领导小组", "副组长")]),
    ("市委常委、组织部部长王新伟出席。", "王新伟", [("市委", "常委"), ("组织部", "部长")]),
    ("“这些建议都很好。”马寨产业集聚区管委会党工委副书记、主任王波说。", "王波",
     [("马寨产业集聚区管委会党工委", "副书记"), (None, "主任")]),
])
def test_officials_chained_posts(make_doc, settings, text, name, posts):
    assert _people(make_doc, settings, text)[name] == posts


@pytest.mark.parametrize(("text", "names"), [
    ("区委副书记马安庄、张俊忠出席仪式。", {"马安庄", "张俊忠"}),
    ("副区长陈晓东、赵明等参加活动。", {"陈晓东", "赵明"}),
])
def test_officials_list_after_post_shares_it(make_doc, settings, text, names):
    people = _people(make_doc, settings, text)
    assert set(people) == names
    assert len({tuple(people[n]) for n in names}) == 1


def test_officials_a_role_taken_on_is_no_title_before_a_name(make_doc, settings):
    text = "该院党组成员、副院长冯家骏担任审判长，街道党工委书记吕海燕旁听了庭审。"
    people = _people(make_doc, settings, text)
    assert people["吕海燕"] == [("街道党工委", "书记")]
    assert people["冯家骏"] == [("该院", "党组成员"), (None, "副院长")]


def test_officials_a_law_firms_head_is_no_official(make_doc, settings):
    assert _people(make_doc, settings, "某某律师事务所主任卫东明等8名委员先后发言。").get("卫东明", []) == []
    # a public post beside the private one stands
    people = _people(make_doc, settings, "区政协委员、某某律师事务所主任卫东明等8名委员先后发言。")
    assert people["卫东明"] == [("区政协", "委员")]


def test_officials_a_village_first_secretary(make_doc, settings):
    people = _people(make_doc, settings, "市人大常委会办公室派驻的驻村第一书记张磊正和村民一起分拣蔬菜。")
    assert people == {"张磊正": [("驻村", "第一书记")]}  # 张磊 when the article prints 张磊 alone too


@pytest.mark.parametrize(("text", "name", "posts"), [
    # a later post with no organisation of its own takes the one before it …
    ("郑州市科协主席吴华、副主席李文等一行到高新区调研。", "李文", [("郑州市科协", "副主席")]),
    # … but not when the role names its own level
    ("县委书记董明、县长李军陪同。", "李军", [(None, "县长")]),
    ("上街区人民法院院长刘涛、区检察院检察长高翔出席。", "高翔", [("区检察院", "检察长")]),
])
def test_officials_next_post_in_a_list(make_doc, settings, text, name, posts):
    assert _people(make_doc, settings, text)[name] == posts


@pytest.mark.parametrize(("text", "names"), [
    ("会上，周建国、陈平山、司晓争等结合各自分管领域发言。", {"周建国", "陈平山", "司晓争"}),
    ("张建国、李红梅、王小军等作了交流发言。", {"张建国", "李红梅", "王小军"}),
    ("马安庄和张俊忠一同为服务中心揭牌。", {"马安庄", "张俊忠"}),
])
def test_officials_listed_people_without_posts(make_doc, settings, text, names):
    people = _people(make_doc, settings, text)
    assert set(people) == names
    assert all(posts == [] for posts in people.values())


@pytest.mark.parametrize("text", [
    "日前，二七区长江路街道和兴嘉苑小区居民到社区领取了爱心物资。",  # 区长 + 江路街 is no post and name
    "党工委副书记马安庄、郑东新区党工委第二巡察组组长胡军勇出席。",  # 郑东新 is a place
    "区委书记讲话指出，要坚持问题导向。",
    "会上，青少年代表和社区居民代表先后发言。",
    "郑州春阳农业发展有限公司负责人刘春阳介绍种植情况。",  # a private company's head is no official
    "项目负责人王勇介绍，该产业园计划总投资120亿元。",  # nor a project's
    "村党支部书记说，张书记来了以后，村里变化很大。",
])
def test_officials_traps_are_not_officials(make_doc, settings, text):
    people = _people(make_doc, settings, text)
    assert "郑东新" not in people and "江路街" not in people and "青少年" not in people
    assert not any(posts for name, posts in people.items() if name not in ("马安庄", "胡军勇"))


@pytest.mark.parametrize("text", [
    "大力发展区块链、元宇宙等新兴产业。",
    "推动人工智能、大数据和区块链等技术应用。",
])
def test_officials_listed_words_are_not_people(make_doc, settings, text):
    assert _people(make_doc, settings, text) == {}


@pytest.mark.parametrize(("text", "names"), [
    ("“别提多高兴了！”皋寨村村民乔艳芳说。", {"乔艳芳"}),
    ("居民王秀兰表示，服务很贴心。", {"王秀兰"}),
    ("他说，今年收成很好。", set()),
    ("郑东新说", set()),  # a place, not a person, whatever the segmenter says
])
def test_officials_speakers_without_posts(make_doc, settings, text, names):
    people = _people(make_doc, settings, text)
    assert set(people) == names
    assert all(posts == [] for posts in people.values())


@pytest.mark.parametrize(("text", "name"), [
    ("冯志强到场观摩", "冯志强"),  # 强 starts no word here: 到场 follows the name
    ("冯志强指出，要绷紧防汛这根弦", "冯志强"),
    ("王波说：“效果显著。”", "王波"),  # 说 is a word on its own
    ("王波主持会议", "王波"),
    ("李强出席会议", "李强"),
    ("王波带队检查", "王波"),
    # a common last character of given names that starts only a few verbs
    ("张国强商量合作社发展计划", "张国强"),
    ("张国强调，要压实责任", "张国"),
    ("李建发表示", "李建发"),
    ("李建发言", "李建"),
    # an adverb after a two-character name
    ("刘洋正在和村干部商量", "刘洋"),
    # the article prints the person elsewhere by two characters alone, never by three
    ("张磊正和村民一起分拣蔬菜。“蔬菜直供超市。”张磊说。", "张磊"),
    ("张磊正和村民一起分拣蔬菜。张磊正说，蔬菜直供超市。", "张磊正"),
    ("王建明主持会议，王建国出席。", "王建明"),  # another name that shares two characters
    # a compound surname and a two-character given name: four characters
    ("欧阳慧敏表示，街道将常态化开展活动", "欧阳慧敏"),
    ("欧阳慧表示，街道将常态化开展活动", "欧阳慧"),
    ("尉迟东、主任温宏宇参加演练", "尉迟东"),
    # surnames of the 百家姓 that are no common words
    ("丘明远出席仪式", "丘明远"),
    ("荀海波现场观摩指导", "荀海波"),
    ("洪涛主持会议", "洪涛"),
    # a listed place that starts inside the "name" and runs past it: no person (来到超化镇)
    ("来到超化镇黄固寺村召开协商会", None),
    # a surname that is also a function word, before a dictionary word: the function word
    ("和群众代表先后发言", None),
    ("和平主持会议", "和平"),
    ("全会由市委常委会主持", None),
    # particles are in no name (张书记来了以后: no person 来了以)
    ("来了以后，村里变化很大", None),
    # a name and a verb are no unknown village before the next 村 (刘全喜带领村民)
    ("刘全喜带领村民代表学习", "刘全喜"),
])
def test_officials_third_name_character_read_from_what_follows(text: str, name: str) -> None:
    from kg.extract.officials import name_at

    assert name_at(text, 0) == name


@pytest.mark.parametrize(("text", "expected"), [
    ("周定友、陈平山等发言。", [("周定友", 0), ("陈平山", 4)]),
    # a list right after a title: the first name is not the title's last character and a name
    ("区领导赵敏、孙立新参加会议。", [("赵敏", 3), ("孙立新", 6)]),
    ("区领导王小明、李四参加。", [("王小明", 3), ("李四", 7)]),
])
def test_officials_find_listed_people(text, expected):
    assert list(officials.find_listed_people(text)) == expected


FOLLOWING = ("出席", "主持", "表示", "指出", "介绍", "了解", "通过", "查看", "询问", "叮嘱", "肯定", "仔细",
             "针对", "接着", "登上", "观看", "回顾", "传达", "部署", "督促", "推动", "协调", "说", "还", "称",
             "在", "对", "就", "先后", "深入", "来到", "听取", "察看", "调研", "一行", "同志", "等")


@pytest.mark.parametrize("name", ["李娜", "王磊", "张伟", "刘洋", "陈静", "赵敏"])
def test_officials_two_character_names_before_any_common_verb(name: str) -> None:
    """A word of jieba's dictionary that follows names (了解, 通过, 仔细) is not a given name's end."""
    from kg.extract.officials import name_at

    assert [v for v in FOLLOWING if name_at(f"{name}{v}有关工作。", 0) != name] == []


@pytest.mark.parametrize("name", ["王建明", "李春生", "张明亮", "刘全胜", "陈保安", "王建设", "李志强",
                                  "张成立", "刘明确", "陈文明", "赵光明", "孙国强"])
def test_officials_three_character_names_before_any_common_verb(name: str) -> None:
    """…unless what follows the third character follows a name too (王建明说, 李春生出席, 李志强调研)."""
    from kg.extract.officials import name_at

    assert [v for v in FOLLOWING if name_at(f"{name}{v}有关工作。", 0) != name] == []


def test_officials_names_led_by_a_word_for_leaders_are_people() -> None:
    from kg.extract.officials import find_listed_people

    text = "县委书记包振华带领县领导樊子健、殷小可，先后到韩寺镇调研。"
    assert [n for n, _ in find_listed_people(text)] == ["樊子健", "殷小可"]


@pytest.mark.parametrize(("text", "name", "posts"), [
    ("作为新密市人大代表，魏长河还牵头成立村民议事会。", "魏长河", [("新密市", "人大代表")]),
    ("身为社区党委书记，李红梅每天走访居民。", "李红梅", [("社区党委", "书记")]),
])
def test_officials_a_post_introduced_with_as_before_the_name(make_doc, settings, text, name, posts):
    assert _people(make_doc, settings, text)[name] == posts


def test_officials_as_without_a_name_after_it_names_nobody(make_doc, settings):
    assert _people(make_doc, settings, "作为驻村第一书记，他带领村民致富。") == {}
