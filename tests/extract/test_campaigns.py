import pytest

from kg.extract.campaigns import extract
from kg.model import HEADLINE


def names(make_doc, settings, text):
    return [m.name for m in extract(make_doc(text), settings)]


@pytest.mark.parametrize(("text", "expected"), [
    # a quoted name and a programme word in the same noun phrase
    ("全镇深入开展“百企帮百村”活动。", ["百企帮百村"]),
    ("区里召开“三零”工作推进会。", ["三零"]),
    ("深化“一网通办”改革，提升服务效能。", ["一网通办"]),
    ("街道开展暑期“小候鸟”关爱志愿服务活动。", ["小候鸟"]),
    ("开展“夜市烟火”“老街新韵”等促消费活动。", ["夜市烟火", "老街新韵"]),
    # a quoted name that is itself a plan
    ("宣讲“嵩岳英才计划”配套细则。", ["嵩岳英才计划"]),
    # a quoted count slogan
    ("全区上下抓好“六个聚力”，打好“六大战役”。", ["六个聚力", "六大战役"]),
    # an unquoted programme after a verb of running it
    ("全区幼儿园推行了阳光厨房行动。", ["阳光厨房行动"]),
    ("持续实施科技企业倍增计划。", ["科技企业倍增计划"]),
    # a list the text calls brands
    ("社区设置红色驿站、邻里议事厅等党建品牌系列活动。", ["红色驿站", "邻里议事厅"]),
    # a brand of the deputies' duties, as of governance or party building
    ("要深化“家站连心”代表履职品牌，让联络站成为连心桥。", ["家站连心"]),
    # one common word, with a programme word right after it (after 专项 too)
    ("深入开展“清朗”专项行动。", ["清朗"]),
    ("开展“净土”行动。", ["净土"]),
    # a national or provincial honour campaigned for, unquoted
    ("召开国家卫生城市复审第八次推进会。", ["国家卫生城市复审"]),
    ("全力创建全国文明城市，争创省级园林县城。", ["全国文明城市", "省级园林县城"]),
    # creation campaigns, clean-ups and practice teams
    ("深入推进“五星”支部创建。", ["五星"]),
    ("开展“僵尸车”专项整治。", ["僵尸车"]),
    ("郑州大学“返家乡”实践小组来到社区。", ["返家乡"]),
    # built together, striven for, or held up as the aim
    ("街道举行共建“平安建新”警务站揭牌仪式。", ["平安建新"]),
    ("以“一件事一次办”为目标，优化服务流程。", ["一件事一次办"]),
    ("要把“助企护航季”作为优化营商环境的重要抓手。", ["助企护航季"]),
    # a brand of governance, consultation, service or party building
    ("社区打造“红茶议事会”社区治理品牌。", ["红茶议事会"]),
    ("依托“法润二七”诉源治理品牌开展巡回审判。", ["法润二七"]),
])
def test_campaigns_extract_finds_programmes(make_doc, settings, text, expected):
    assert sorted(names(make_doc, settings, text)) == sorted(expected)


@pytest.mark.parametrize("text", [
    "奏响经济社会发展“最强音”。",  # praise
    "利用多平台开展“全方位”科普惠民活动。",  # one ordinary word in quotes is emphasis
    "他说：“这次活动让我们收获很大。”",  # someone's words
    "坚持“引资金、育人才、强产业”工作思路。",  # a method, not a programme
    "落实“五个一”机制，推动项目落地。",
    "坚持“五防一稳”多线并行。",  # a mnemonic of targets
    "开展首届“初心杯”党团知识竞赛活动。",  # a competition's name
    "围绕“三个二七”高质量发展目标。",  # a count of numerals
    "组建“小太阳”党建工作者队伍。",  # 工作者: workers, not a programme
    "副书记带领“邻里守望”志愿服务队走进老人家中。",  # a team, not a programme
    "派出“乡村振兴”工作队驻村帮扶。",
])
def test_campaigns_extract_skips_quotes_that_are_not_programmes(make_doc, settings, text):
    assert names(make_doc, settings, text) == []


def test_campaigns_extract_an_honour_named_without_a_campaign_is_none(make_doc, settings):
    assert names(make_doc, settings, "该区曾获得全国文明城区称号。") == []


@pytest.mark.parametrize(("title", "text", "expected"), [
    # a programme only the headline names: read there, spanned in the headline
    ("上街区：聚焦“七个环境” 助力经济发展", "本报讯 上街区持续优化营商环境。", ["七个环境"]),
    ("二七区总工会开展“金秋助学”活动", "8月20日，区总工会举行“金秋助学”金发放仪式。", ["金秋助学"]),
    # the headline's quotations that name no programme
    ("管城区：跑出“加速度”确保“全年红”", "本报讯 管城区经济运行稳中向好。", []),
])
def test_campaigns_extract_reads_a_programme_the_headline_names(make_doc, settings, title, text, expected):
    mentions = list(extract(make_doc(text, title=title), settings))
    assert [m.name for m in mentions] == expected
    headline = [m for m in mentions if m.span.sentence == HEADLINE]
    assert all(title[m.span.start:m.span.end].strip("“”") == m.name for m in headline)


def test_campaigns_extract_a_programme_in_headline_and_body_is_read_once_from_the_body(make_doc, settings):
    mentions = list(extract(make_doc("全镇深入开展“百企帮百村”活动。", title="深入开展“百企帮百村”活动"), settings))
    assert [(m.name, m.span.sentence) for m in mentions] == [("百企帮百村", 0)]
