"""Splitting pages into articles: the seeds keep their titles and reporters; odd text never crashes."""

from __future__ import annotations

import pytest

from kg.errors import InputError, TooLargeError
from kg.model import Article, Source
from kg.read import read_inputs
from kg.settings import Settings
from kg.split import normalise_punctuation, split_source
from tests.conftest import SEEDS

# What the splitter read from the seed pages when this test was written: any change is a regression.
SEED_ARTICLES = [
    ('000-22cc25436233b631-01',
     '市政协调研管城区科普工作 创新科普理念和服务模式 加快推进社区科普信息化建设',
     ('冉红政', '姜璞')),
    ('000-22cc25436233b631-02',
     '管城区召开上半年项目观摩评比暨决胜三季度工作动员会 奋战三季度 奋力实现“全年红、全年稳”',
     ('冉红政', '姜璞')),
    ('001-e713b7ff9e0ddada-01',
     '加快中原科技城核心板块建设 全力推动郑东新区高质量发展',
     ('马燕', '李盼')),
    ('001-e713b7ff9e0ddada-02',
     '郑东新区 召开“双改”工作推进会',
     ('王阳', '戚雨荷')),
    ('001-e713b7ff9e0ddada-03',
     '商都路党群服务中心正式揭牌运营 “全方位、零距离”服务辖区群众',
     ('马燕', '韩聪')),
    ('001-e713b7ff9e0ddada-04',
     '郑东新区 召开防汛会商会议',
     ('马燕',)),
    ('002-bbb99be0cc272468-01',
     '金水区： 抓好“八个聚力” 打好“八大战役”',
     ('党贺喜',)),
    ('002-bbb99be0cc272468-02',
     '管城区： 聚力攻坚 投身创新争优实践',
     ('王恩俊', '刘博闻')),
    ('002-bbb99be0cc272468-03',
     '政策宣讲送上门 精准助企引良才',
     ('刘伟平', '景静', '白静', '张一帆')),
    ('002-bbb99be0cc272468-04',
     '培育“四上”企业 增强发展新动能',
     ('孙志刚', '王昊巍')),
    ('002-bbb99be0cc272468-05',
     '“高效办成一件事” 让企业群众少跑腿',
     ('卢文军', '李瑞')),
    ('002-bbb99be0cc272468-06',
     '引入IVR系统 提升服务效率',
     ('刘地', '韩欢欢')),
    ('002-bbb99be0cc272468-07',
     '青春普法护成长 法润乡村助振兴',
     ('卢文军', '赵紫玥', '周冰倩')),
    ('002-bbb99be0cc272468-08',
     '大学生基层实践 擦亮青春底色',
     ('孙志刚', '靳扬', '王嘉仪')),
    ('002-bbb99be0cc272468-09',
     '上好消防安全“必修课”',
     ('史治国', '张亚男')),
    ('002-bbb99be0cc272468-10',
     '“开学法治第一课”开讲',
     ('武建玲', '韩彦')),
    ('003-6e4b236814fb6be4-01',
     '高校、企业代表齐聚献计出力 助推马寨产业集聚区发展',
     ('张改华',)),
    ('003-6e4b236814fb6be4-02',
     '蜜蜂张街道 开展党建知识竞赛活动',
     ('张改华',)),
    ('003-6e4b236814fb6be4-03',
     '福华街街道配发民警巡逻车 为群众保驾护航',
     ('张改华',)),
    ('003-6e4b236814fb6be4-04',
     '大学路街道 开展党团知识大比拼',
     ('张改华', '程聪聪')),
    ('003-6e4b236814fb6be4-05',
     '五项督查机制推进工作高质量落实 二七区规范督查工作，确保“五大行动年”目标任务落地见效',
     ('张改华', '王天朗')),
    ('003-6e4b236814fb6be4-06',
     '五里堡街道 多举措排除安全隐患',
     ('张改华', '赵超南')),
    ('004-025b878e24418e70-01',
     '管城区：跑出“加速度”确保“全年红”',
     ('王思俊', '刘博闻', '黄帅')),
    ('004-025b878e24418e70-02',
     '因地制宜谋划项目 蓄势赋能乡村振兴',
     ('郭涛', '丁慧敏', '冯珏珺')),
    ('004-025b878e24418e70-03',
     '强化工作举措 抓好安全生产',
     ('卢文军', '刘小瑞')),
    ('004-025b878e24418e70-04',
     '开展走访活动 护航企业发展',
     ('党贺喜', '王海荣', '高晓东')),
    ('004-025b878e24418e70-05',
     None,
     ('刘伟平',)),
    ('004-025b878e24418e70-06',
     '戏曲进村送欢乐 文化聚力助振兴',
     ('史治国', '付正华')),
    ('004-025b878e24418e70-07',
     None,
     ('王思俊',)),
    ('004-025b878e24418e70-08',
     '推行“延时服务” 便民更有温度',
     ('孙志刚',)),
    ('004-025b878e24418e70-09',
     None,
     ('刘超峰',)),
    ('004-025b878e24418e70-10',
     '家庭医生入网格 健康服务送上门',
     ('杨丽萍', '郑丽红', '兰敏')),
    ('004-025b878e24418e70-11',
     '政协委员下基层 协商解困惠民生',
     ('孙志刚', '程晓丹')),
    ('004-025b878e24418e70-12',
     '上街区：聚焦“五个环境” 助力经济发展',
     ('武建玲', '楚萌')),
]


def _split(text: str, settings: Settings | None = None) -> list[Article]:
    source = Source(path="page.txt", line=None, text=text, doc_id="p")
    return list(split_source(source, settings or Settings()))


def test_split_seeds_keep_their_titles_and_reporters() -> None:
    articles = [a for s in read_inputs([SEEDS]) for a in split_source(s)]
    # an article's id: the page's name, its place in the page, and a digest of the article
    assert [(a.id[:-7], a.title, a.reporters) for a in articles] == SEED_ARTICLES
    assert all(a.id[-7] == "-" and len(a.id[-6:].strip("0123456789abcdef")) == 0 for a in articles)


@pytest.mark.parametrize(("page", "expected"), [
    # kicker lines above a marked headline belong to no article
    ("稳经济 促发展\n强信心\n# 中原区召开重点项目推进会\n\n本报讯（记者 李明 通讯员 王芳）9月3日，中原区召开"
     "重点项目推进会。\n会议要求，加快项目建设进度。\n",
     [("中原区召开重点项目推进会", ("李明", "王芳"),
       "9月3日，中原区召开重点项目推进会。\n会议要求，加快项目建设进度。")]),
    # short lines right above a 本报讯 lead are a headline printed without '#'
    ("惠济区抓实秋季防火\n筑牢森林安全屏障\n本报讯（记者 赵刚）10月8日，惠济区部署秋季森林防火工作。\n",
     [("惠济区抓实秋季防火 筑牢森林安全屏障", ("赵刚",), "10月8日，惠济区部署秋季森林防火工作。")]),
    # a ### line without a lead after it, and a short line inside an article, are sub-headings
    ("# 二七区推进老旧小区改造\n\n本报讯 今年以来，二七区全力推进老旧小区改造。\n\n### 聚焦民生需求\n\n"
     "该区先后完成42个小区改造任务。\n\n记者 陈静 通讯员 刘洋\n",
     [("二七区推进老旧小区改造", ("陈静", "刘洋"),
       "今年以来，二七区全力推进老旧小区改造。\n聚焦民生需求\n该区先后完成42个小区改造任务。")]),
    ("# 二七区推进老旧小区改造\n\n本报讯 今年以来，二七区全力推进老旧小区改造。\n\n聚焦民生需求\n\n"
     "该区先后完成42个小区改造任务。\n（刘洋 陈静）\n",
     [("二七区推进老旧小区改造", ("刘洋", "陈静"),
       "今年以来，二七区全力推进老旧小区改造。\n聚焦民生需求\n该区先后完成42个小区改造任务。")]),
    # a bare (names) byline closing the last paragraph
    ("# 登封市开展走访活动\n\n本报讯 连日来，登封市组织干部走访辖区企业，帮助解决实际困难。（孙丽 马超）\n",
     [("登封市开展走访活动", ("孙丽", "马超"), "连日来，登封市组织干部走访辖区企业，帮助解决实际困难。")]),
    # a photo credit closes a caption: the paragraphs after the last wide gap
    ("# 金水区开展消防演练\n\n本报讯 11月9日，金水区开展消防安全演练。\n\n记者 周杰\n\n\n\n"
     "9月15日，市民在如意湖畔观看灯光秀。\n本报记者 张伟 摄\n",
     [("金水区开展消防演练", ("周杰",), "11月9日，金水区开展消防安全演练。"),
      (None, ("张伟",), "9月15日，市民在如意湖畔观看灯光秀。")]),
    # a credit ending a paragraph set apart by a wide gap closes a caption too
    ("# 金水区开展消防演练\n\n本报讯 11月9日，金水区开展消防安全演练。\n\n\n\n"
     "9月10日，北下街街道组织志愿者开展环境整治活动。本报记者 李焱 摄\n",
     [("金水区开展消防演练", (), "11月9日，金水区开展消防安全演练。"),
      (None, ("李焱",), "9月10日，北下街街道组织志愿者开展环境整治活动。")]),
    # …but at the end of an article's own last paragraph it is the article's byline
    ("# 金水区开展消防演练\n\n本报讯 11月9日，金水区开展消防安全演练。\n现场气氛热烈。本报记者 李焱 摄\n",
     [("金水区开展消防演练", ("李焱",), "11月9日，金水区开展消防安全演练。\n现场气氛热烈。")]),
    # short lines between a headline and its lead are the headline's second lines, not a headline
    ("# 管城区：老旧小区改造让居民住得更舒心\n\n——管城区推进城市更新工作纪实\n\n"
     "本报讯 今年以来，管城区累计改造小区126个。\n",
     [("管城区：老旧小区改造让居民住得更舒心 ——管城区推进城市更新工作纪实", (),
       "今年以来，管城区累计改造小区126个。")]),
    # after a wide gap, short lines with a byline of their own head a feature without a 本报讯 lead
    ("惠济区开展消防演练\n\n本报讯 11月9日，惠济区开展消防安全演练。\n\n记者 周杰\n\n\n\n"
     "让“老小区”焕发新活力\n\n记者 张三 通讯员 李四\n\n走进二七区建中街社区，只见道路平整。\n",
     [("惠济区开展消防演练", ("周杰",), "11月9日，惠济区开展消防安全演练。"),
      ("让“老小区”焕发新活力", ("张三", "李四"), "走进二七区建中街社区，只见道路平整。")]),
    # bylines with other reporter titles and credits: 郑报融媒记者, 见习记者, 实习生, 张倩/文
    ("# 管城区召开会议\n\n本报讯(郑报融媒记者 张倩 通讯员 王磊)9月5日，管城区召开会议。\n",
     [("管城区召开会议", ("张倩", "王磊"), "9月5日，管城区召开会议。")]),
    ("# 管城区召开会议\n\n本报讯(郑报全媒体记者 张倩 通讯员 王磊)9月5日，管城区召开会议。\n",
     [("管城区召开会议", ("张倩", "王磊"), "9月5日，管城区召开会议。")]),
    ("# 管城区召开会议\n\n本报讯（郑州日报记者 张倩）9月5日，管城区召开会议。\n",
     [("管城区召开会议", ("张倩",), "9月5日，管城区召开会议。")]),
    ("# 管城区召开会议\n\n本报讯（记者 张倩 实习生 李明）9月5日，管城区召开会议。\n",
     [("管城区召开会议", ("张倩", "李明"), "9月5日，管城区召开会议。")]),
    ("# 管城区召开会议\n\n本报讯（记者 张倩/文 李明/图）9月5日，管城区召开会议。\n",
     [("管城区召开会议", ("张倩", "李明"), "9月5日，管城区召开会议。")]),
    ("# 管城区召开会议\n\n本报讯 9月5日，管城区召开会议。\n\n见习记者 张倩\n",
     [("管城区召开会议", ("张倩",), "9月5日，管城区召开会议。")]),
    # a lead's byline without brackets, up to where the date starts
    ("# 管城区召开会议\n\n本报讯 记者 张倩 通讯员 王磊 9月5日，管城区召开会议。\n",
     [("管城区召开会议", ("张倩", "王磊"), "9月5日，管城区召开会议。")]),
    # a paragraph broken across columns mid-sentence is joined again
    ("# 中牟县召开会议\n\n本报讯 12月2日，中牟县召开全县经济工作会议。\n\n会上，县委书记对下一步工作进行了"
     "安排部署，要求各乡镇和\n\n县直各部门坚定信心。\n",
     [("中牟县召开会议", (), "12月2日，中牟县召开全县经济工作会议。\n"
       "会上，县委书记对下一步工作进行了安排部署，要求各乡镇和县直各部门坚定信心。")]),
])
def test_split_page_rules(page: str, expected: list[tuple[str | None, tuple[str, ...], str]]) -> None:
    assert [(a.title, a.reporters, a.text) for a in _split(page)] == expected


@pytest.mark.parametrize("page", [
    "#\n##\n###\n# \n",  # '#' only lines
    "。。。\n！！！\n……\n，，，\n",  # punctuation only
    "### 开头就是小标题\n正文没有导语。\n",  # a sub-heading before any headline
    "\x00\x01\x1b[31m\x7f\x85\u2028\u2029\ufeff\n",  # control characters
    "# \u202eمرحبا بالعالم\u202c\n\nשלום עולם。\n",  # right-to-left text and an override
    "# 🎉🎉\n\n👍🏽 郑州 🚄 加油！\U0001F600\n",  # emoji, with a skin tone and outside the BMP
    "(" * 5_000 + "郑州" * 5_000 + "\n",  # an unclosed paren before Chinese: no quadratic backtracking
    "记者 " + "张三 " * 3_000 + "\n",  # a runaway byline
    "本报讯（" + "记者" * 100 + "\n",
    "\n\n\n",
    "",
])
def test_split_never_crashes_on_odd_text(page: str) -> None:
    for article in _split(page):
        assert article.id.startswith("p-") and article.text


def test_split_numbers_articles_in_page_order() -> None:
    page = "".join(f"# 第{i}篇标题\n\n本报讯 正文第{i}段。\n\n" for i in range(12))
    assert [a.id[:-7] for a in _split(page)] == [f"p-{i:02d}" for i in range(1, 13)]


def test_split_skips_an_article_over_the_limit_and_keeps_the_rest() -> None:
    settings = Settings(max_article_chars=1_000)
    page = "# 第一篇\n\n" + "很长的正文。" * 400 + "\n\n# 第二篇\n\n正常的正文。\n"
    errors: list[InputError] = []
    source = Source(path="page.txt", line=None, text=page, doc_id="p")
    articles = list(split_source(source, settings, errors.append))
    assert [(a.id[:-7], a.title) for a in articles] == [("p-02", "第二篇")]
    (error,) = errors
    assert isinstance(error, TooLargeError)
    assert (error.line, error.article) == (1, "p-01") and "2400 characters" in error.reason


def test_split_over_the_limit_raises_without_a_handler() -> None:
    with pytest.raises(TooLargeError):
        _split("正文。" * 1_000, Settings(max_article_chars=1_000))


def test_split_jsonl_record_is_one_article() -> None:
    source = Source(path="a.jsonl", line=7, text="# 内文标题\n正文一。\n\n# 第二个标题\n正文二。", doc_id="r",
                    title="记录标题")
    (article,) = split_source(source)
    assert (article.id, article.title, article.line) == ("r", "记录标题", 7)
    assert article.text == "内文标题\n正文一。\n第二个标题\n正文二。"


@pytest.mark.parametrize(("text", "expected"), [
    ("郑州(管城区)召开会议,部署工作;", "郑州（管城区）召开会议，部署工作；"),
    ("IVR (interactive voice response) system", "IVR (interactive voice response) system"),
    ("(无右括号" + "的" * 10, "(无右括号" + "的" * 10),
])
def test_split_normalise_punctuation(text: str, expected: str) -> None:
    assert normalise_punctuation(text) == expected
