import pytest

from kg.extract.events import extract


def events(make_doc, settings, text, title=None):
    return list(extract(make_doc(text, title=title), settings))


def test_events_extract_merges_the_sentences_of_one_happening(make_doc, settings):
    text = ("9月3日上午，市政协副主席王建国带领部分政协委员到金水区视察养老服务工作。"
            "金水区委书记刘红梅、区政协主席陈志刚陪同视察。"
            "视察组一行来到文化路街道养老服务中心，实地察看服务设施。")
    [event] = events(make_doc, settings, text)
    assert (event.type, event.date, event.place) == ("Inspection", "--09-03", "金水区")
    assert event.participants == ("王建国", "刘红梅", "陈志刚")


def test_events_extract_splits_two_dates_in_one_sentence(make_doc, settings):
    text = "9月5日，区委常委会扩大会议召开，传达市委书记赵志远9月4日调研新郑市讲话精神。"
    found = {(e.type, e.date): e for e in events(make_doc, settings, text)}
    assert set(found) == {("Meeting", "--09-05"), ("Inspection", "--09-04")}
    assert found[("Inspection", "--09-04")].participants == ("赵志远",)
    assert found[("Inspection", "--09-04")].place == "新郑市"
    assert found[("Meeting", "--09-05")].participants == ()


@pytest.mark.parametrize(("text", "chairs", "speakers", "participants"), [
    ("9月6日，中原区召开安全生产工作会。区应急管理局局长孙立新主持会议，区长周海涛出席会议并讲话。",
     ("孙立新",), ("周海涛",), ("孙立新", "周海涛")),
    ("近日，街道举行揭牌仪式，仪式由区民政局局长钱文斌主持。区委副书记郑晓光出席仪式。",
     ("钱文斌",), (), ("钱文斌", "郑晓光")),
])
def test_events_extract_reads_chairs_and_speakers(make_doc, settings, text, chairs, speakers, participants):
    [event] = events(make_doc, settings, text)
    assert (event.chairs, event.speakers, event.participants) == (chairs, speakers, participants)


def test_events_extract_a_dated_lead_dates_the_happening_of_its_paragraph(make_doc, settings):
    text = ("9月12日，上街区人民政府与某某公司签署战略合作协议。区委书记孙晓红出席签约仪式。\n"
            "区长曹月坤表示，要推动合作落地。")
    [event] = events(make_doc, settings, text)
    assert (event.type, event.date, event.participants) == ("Ceremony", "--09-12", ("孙晓红", "曹月坤"))


@pytest.mark.parametrize("text", [
    "近日，上街区与某某公司签署协议。区委书记孙晓红出席签约仪式。",  # a vague lead dates nothing
    "9月12日，上街区与某某公司签署协议。\n区委书记孙晓红出席签约仪式。",  # another paragraph
])
def test_events_extract_a_lead_dates_nothing_outside_its_paragraph_or_when_vague(make_doc, settings, text):
    [event] = events(make_doc, settings, text)
    assert event.date is None


def test_events_extract_an_undated_trigger_right_after_a_happening_is_part_of_it(make_doc, settings):
    text = ("6月18日，经开区2024年安全生产应急演练在九龙办事处举行。"
            "经开区党工委副书记、管委会主任孙刚现场观摩并讲评。")
    [event] = events(make_doc, settings, text)
    assert (event.type, event.date, event.participants) == ("Activity", "--06-18", ("孙刚",))


def test_events_extract_an_opening_setting_is_part_of_the_happening_before(make_doc, settings):
    text = ("9月10日至12日，中原区第二届职业技能大赛在区技师学院举行。\n"
            "开幕式上，区委常委、副区长王颖致辞。")
    [event] = events(make_doc, settings, text)
    assert (event.date, event.participants) == ("--09-10", ("王颖",))


def test_events_extract_what_the_attendees_do_is_part_of_the_meeting(make_doc, settings):
    text = ("9月12日，新密市乡村振兴工作现场推进会在大隗镇召开。市委副书记张红军出席并讲话。\n"
            "与会人员先后观摩了大隗镇三李村等6个村的产业发展情况。在三李村，村党支部书记李铁柱介绍了做法。")
    [event] = events(make_doc, settings, text)
    assert (event.date, event.participants) == ("--09-12", ("张红军", "李铁柱"))


@pytest.mark.parametrize(("text", "participants"), [
    # a company's head who takes part is a participant (a person, not an official)
    ("9月12日，区委书记孙晓红，中国铝业股份有限公司副总经理陈国华出席签约仪式。", ("孙晓红", "陈国华")),
    ("9月20日，高新区科技创新大会召开。汉威科技集团董事长任红军作为企业代表发言。", ("任红军",)),
    # one who is only quoted is not
    ("9月20日，街道开展安全培训。“收获很大。”郑州春阳农业发展有限公司负责人刘春阳表示。", ()),
])
def test_events_extract_a_company_head_takes_part_only_where_the_text_says_so(make_doc, settings, text,
                                                                              participants):
    [event] = events(make_doc, settings, text)
    assert event.participants == participants


@pytest.mark.parametrize(("text", "kind", "date", "participants"), [
    # a meeting whose quoted name follows the verb of convening
    ("9月20日，英协路社区召开首次“红色议事会”，街道党工委书记孟晓燕与居民代表一起协商。",
     "Meeting", "--09-20", ("孟晓燕",)),
    ("近日，市政协主席高建民来到黄固寺村，召开“委员听民声”协商议事会。", "Meeting", None, ("高建民",)),
    # an activity named before the verb that holds it, in a dated clause
    ("9月15日上午，航空港区重大项目集中开工活动在滨河办事处举行。管委会副主任柯明主持。",
     "Activity", "--09-15", ("柯明",)),
])
def test_events_extract_quoted_meetings_and_activities_named_before_their_verb(make_doc, settings, text, kind,
                                                                               date, participants):
    [event] = events(make_doc, settings, text)
    assert (event.type, event.date, event.participants) == (kind, date, participants)


def test_events_extract_a_dated_quoted_festival_is_an_activity_where_it_is_held(make_doc, settings):
    [event] = events(make_doc, settings, "10月9日，上街区峡窝镇马固村“金秋丰收节”现场，村民们展示农产品。")
    assert (event.type, event.date, event.place) == ("Activity", "--10-09", "马固村")


def test_events_extract_a_tour_of_several_places_names_them_all(make_doc, settings):
    text = "9月10日，检查组先后来到济源路街道一家超市、新安路街道中心菜市场和峡窝镇中心学校食堂，开展执法检查。"
    [event] = events(make_doc, settings, text)
    assert event.places == ("济源路街道", "新安路街道", "峡窝镇")


@pytest.mark.parametrize(("text", "date", "participants"), [
    # a consultation meeting (协商会 ends in 商会, no chamber of commerce); a school's opening ceremony
    ("9月19日下午，金水区政协召开“金言汇智”专题协商会。区政协主席杜敬华主持会议。", "--09-19", ("杜敬华",)),
    ("9月1日上午，北林路实验学校举行开学典礼。区委副书记阎立群出席开学典礼。", "--09-01", ("阎立群",)),
    # a quoted meeting name after 举办的第五期; a company's head who speaks where it is reported
    ("9月12日，在林山寨街道举办的第五期“早安·林山寨”政企早餐会上，某某有限公司总经理梁志刚说。", "--09-12",
     ("梁志刚",)),
    # a contest that closes (落下帷幕), then its closing ceremony
    ("10月15日，上街区职业技能大赛在区职业教育中心落下帷幕。\n闭幕式上，区总工会主席邵红霞为选手颁奖。",
     "--10-15", ("邵红霞",)),
    # a lecturer after a title that ends in 授
    ("9月5日，区委理论学习中心组举行集体学习。会议邀请市委党校教授柴林峰作专题辅导。", "--09-05", ("柴林峰",)),
])
def test_events_extract_more_ways_a_happening_and_its_people_are_printed(make_doc, settings, text, date,
                                                                         participants):
    [event] = events(make_doc, settings, text)
    assert (event.date, event.participants) == (date, participants)


@pytest.mark.parametrize(("text", "places"), [
    ("9月9日，郑国栋带领组成人员视察了棉纺路街道、秦岭路街道锦绣社区的改造情况。", ("棉纺路街道", "秦岭路街道")),
    ("10月9日，鲁建平带队到花园口镇八堡村、古荥镇调研秋粮收获情况。", ("花园口镇", "古荥镇")),
])
def test_events_extract_a_tour_counts_its_places_at_the_level_they_share(make_doc, settings, text, places):
    [event] = events(make_doc, settings, text)
    assert event.places == places


def test_events_extract_an_undated_activity_named_before_its_verb_is_none(make_doc, settings):
    assert events(make_doc, settings, "每年的集中开工活动在各区轮流举行。") == []


def test_events_extract_undated_happenings_of_one_class_are_one(make_doc, settings):
    text = ("日前，永安街社区联合辖区幼儿园开展消防安全“开学第一课”活动。"
            "消防演练开始前，志愿者们向孩子们讲解了消防常识。")
    [event] = events(make_doc, settings, text)
    assert (event.type, event.date, event.place) == ("Activity", None, "永安街社区")


def test_events_extract_what_happens_on_the_site_is_part_of_the_happening(make_doc, settings):
    text = ("9月23日，荥阳市丰收节启动仪式在刘沟村举行。\n"
            "活动现场，农民趣味运动会、豫剧展演轮番上演。高村乡党委书记柳文杰介绍了今年的收成。")
    [event] = events(make_doc, settings, text)
    assert (event.date, event.participants) == ("--09-23", ("柳文杰",))


def test_events_extract_a_habit_is_no_happening(make_doc, settings):
    text = "镇长刘艳介绍，镇里依托特色产业，连续举办三届葡萄文化节，累计开展志愿服务活动60余场。"
    assert events(make_doc, settings, text) == []


def test_events_extract_after_the_meeting_is_the_meeting_day(make_doc, settings):
    text = ("7月15日下午，登封市召开防汛工作专题会议。市委书记汪亚楠主持会议。"
            "会后，汪亚楠一行来到大金店镇，实地检查水库防汛准备情况。")
    found = {(e.type, e.date, e.place) for e in events(make_doc, settings, text)}
    assert found == {("Meeting", "--07-15", "登封市"), ("Inspection", "--07-15", "大金店镇")}


@pytest.mark.parametrize(("text", "date"), [
    ("近日，管城区召开项目推进会。", None),
    ("日前，社区开展消防演练。", None),
    ("连日来，街道开展安全巡查。", None),
    ("10月8日下午，街道开展消防演练。", "--10-08"),
])
def test_events_extract_vague_dates_give_none(make_doc, settings, text, date):
    [event] = events(make_doc, settings, text)
    assert event.date == date


@pytest.mark.parametrize(("text", "place"), [
    # where the happening went
    ("9月3日，市领导走进登封市调研文旅项目。", "登封市"),
    # the most specific area of its subject
    ("6月2日，二七区长江路街道开展防汛演练。", "长江路街道"),
    # a city heading an institution's name is not where it went: the article's own area places it
    ("9月10日，中原区职业技能大赛在郑州市技师学院举行。", "中原区"),
    ("9月6日，金水区区长带队走访慰问了郑州市第八中学的一线教师。", "金水区"),
    ("9月3日，市领导到郑州市调研。", "郑州市"),
])
def test_events_extract_places_the_happening(make_doc, settings, text, place):
    [event] = events(make_doc, settings, text)
    assert event.place == place


def test_events_extract_merges_a_vague_summary_with_the_dated_report(make_doc, settings):
    text = "连日来，街道通过消防演练、隐患排查等形式排除安全隐患。6月13日下午，社区组织商户开展消防演练。"
    [event] = events(make_doc, settings, text)
    assert event.date == "--06-13"


@pytest.mark.parametrize("text", [
    "要定期开展督查，确保工作落实。",  # intent, not a happening
    "街道将组织开展应急演练。",
    "播放了“专题培训回顾”视频。",  # a quoted name is no report of a happening
    "区市场监管局宣讲员向商户讲解政策。",  # 宣讲员 is a person, not a 宣讲
])
def test_events_extract_skips_plans_and_quotes(make_doc, settings, text):
    assert events(make_doc, settings, text) == []


def test_events_extract_dates_a_headline_trigger_by_the_lead(make_doc, settings):
    text = "9月1日，全市中小学开学，区法院普法宣讲员吴晓燕走进上街区实验小学，为同学们送上“法治第一课”。"
    [event] = events(make_doc, settings, text, title="“开学法治第一课”开讲")
    assert (event.trigger, event.date, event.place, event.participants) == ("开讲", "--09-01", "上街区",
                                                                            ("吴晓燕",))


def test_events_extract_gives_a_quoted_remark_to_the_event_it_names(make_doc, settings):
    text = ("6月11日上午，产业集聚区召开创新服务座谈会。"
            "集聚区还对辖区高校进行了实地调研。"
            "“本次座谈会效果显著。”集聚区管委会主任冯立平说。")
    found = {e.trigger: e for e in events(make_doc, settings, text)}
    assert found["座谈会"].participants == ("冯立平",)
    assert found["调研"].participants == ()


@pytest.mark.parametrize(("text", "trigger", "date"), [
    # a meeting of any name that a verb of convening puts in front of it
    ("9月5日，区长刘东主持召开区政府第二十三次常务会议，研究部署防汛工作。", "区政府第二十三次常务会议", "--09-05"),
    ("8月31日，航空港区召开重点项目建设联席会议，协调解决难点问题。", "重点项目建设联席会议", "--08-31"),
    ("9月2日，高新区举行2024年招才引智洽谈会。", "招才引智洽谈会", "--09-02"),
    ("9月2日下午，二七区召开第三季度经济运行分析会，区委书记王红军出席。", "第三季度经济运行分析会", "--09-02"),
    # a listed trigger inside the name still names it, as before
    ("9月4日，管城区召开安全生产工作会议。", "工作会议", "--09-04"),
    # the name before the verb, from the start of its clause; 人大常委会 in it is a body
    ("9月21日，管城区第十六届人大常委会第二十次会议召开。", "管城区第十六届人大常委会第二十次会议", "--09-21"),
    ("9月21日，全区防汛调度视频会议在区应急指挥中心召开。", "全区防汛调度视频会议", "--09-21"),
    ("9月3日上午，区人民代表大会第五次会议举行。", "区人民代表大会第五次会议", "--09-03"),
])
def test_events_extract_reads_a_convened_meeting_of_any_name(make_doc, settings, text, trigger, date):
    [event] = events(make_doc, settings, text)
    assert (event.type, event.trigger, event.date) == ("Meeting", trigger, date)


@pytest.mark.parametrize("text", [
    "9月3日，区工会召开会员代表座谈。",  # no meeting noun after the verb: 工会 is a body
    "街道要召开专题会议，研究部署安全生产。",  # intent
    "区里将于下月召开推进会。",
])
def test_events_extract_convening_needs_a_meeting_and_no_intent(make_doc, settings, text):
    assert [e for e in events(make_doc, settings, text) if e.type == "Meeting"] == []


def test_events_extract_a_standing_body_is_no_meeting(make_doc, settings):
    """人大常委会 and 检查组 are a body and a team, not a meeting and an inspection: the inspection
    is the one the body carried out."""
    text = ("9月3日，区人大常委会主任吴建华带队，对大气污染防治条例贯彻实施情况开展执法检查。"
            "检查组先后来到峡窝镇、济源路街道，实地查看企业扬尘治理情况。")
    [event] = events(make_doc, settings, text)
    assert (event.type, event.trigger, event.date, event.participants) == ("Inspection", "检查", "--09-03",
                                                                           ("吴建华",))


def test_events_extract_an_opening_is_a_ceremony_dated_by_its_sentence(make_doc, settings):
    text = ("2024年9月14日，龙湖镇第三届农民丰收节在泰山村开幕。"
            "新郑市委常委、宣传部部长高峰，龙湖镇党委书记冯雪出席开幕式。")
    [event] = events(make_doc, settings, text)
    assert (event.type, event.date, event.place, event.participants) == ("Ceremony", "2024-09-14", "泰山村",
                                                                        ("高峰", "冯雪"))


def test_events_extract_a_dated_activity_of_any_name(make_doc, settings):
    text = "9月5日，上街区组织开展“文明交通 你我同行”主题宣传活动，志愿者走上街头宣传交通安全知识。"
    [event] = events(make_doc, settings, text)
    assert (event.type, event.trigger, event.date) == ("Activity", "“文明交通 你我同行”主题宣传活动", "--09-05")


@pytest.mark.parametrize("text", [
    "今年以来，管城区深入开展“三标”活动，推动干部作风持续转变。",  # undated: a programme
    "街道定期开展文明创建活动。",
])
def test_events_extract_an_undated_activity_is_a_programme(make_doc, settings, text):
    assert events(make_doc, settings, text) == []


def test_events_extract_a_chair_with_an_adverb_before_the_verb(make_doc, settings):
    text = "9月22日，副市长欧阳明带队调研城市更新工作。当天，欧阳明还主持召开城市更新工作座谈会。"
    found = {e.type: e for e in events(make_doc, settings, text)}
    assert (found["Meeting"].date, found["Meeting"].chairs) == ("--09-22", ("欧阳明",))


MEETING_NOUNS = ("常务会议", "联席会议", "调度会", "分析会", "总结会", "汇报会", "现场会", "警示教育大会", "专题会议",
                 "视频会议", "第三次全体会议", "党组会议", "办公会", "例会", "主任会议", "推介会", "恳谈会", "对接会",
                 "碰头会", "述职会", "评审会", "务虚会", "民主生活会", "读书班")


@pytest.mark.parametrize("noun", MEETING_NOUNS)
def test_events_extract_meetings_of_common_names_in_three_wordings(make_doc, settings, noun):
    for text in (f"9月5日，区委召开{noun}，研究部署有关工作。区委书记王建国主持会议。",
                 f"9月5日，全区{noun}召开。区委书记王建国出席。",
                 f"9月5日，区政府举行{noun}。区长王建国出席。"):
        dated = [e for e in events(make_doc, settings, text) if e.date == "--09-05"]
        assert dated and dated[0].type == "Meeting" and "王建国" in dated[0].participants, text


@pytest.mark.parametrize("text", [
    "9月5日，王建国一行到金水区调研。",  # a bare name before 一行, 到, 深入, 前往
    "9月5日，王建国到金水区视察防汛工作。",
    "9月5日，王建国深入中原区检查安全生产工作。",
    "9月5日，王建国前往登封市考察文旅项目。",
])
def test_events_extract_a_bare_name_before_a_verb_of_going(make_doc, settings, text):
    [event] = events(make_doc, settings, text)
    assert (event.type, event.date, event.participants) == ("Inspection", "--09-05", ("王建国",))


@pytest.mark.parametrize("text", [
    "9月5日，管城区重点项目集中开工仪式举行，区委书记王建国宣布开工。",
    "9月5日，金水区科技孵化中心揭牌，区委书记王建国揭牌。",
    "9月5日，中原区第三届运动会开幕，区委书记王建国宣布开幕。",
    "9月5日，上街区举办职业技能竞赛，区长王建国为获奖选手颁奖。",
    "9月5日，巩义市举办农民丰收节，市长王建国出席。",  # a festival of any name after 举办
    "9月5日，荥阳市召开新闻发布会，副市长王建国介绍有关情况。",
    "9月5日，航空港区开展安全生产大检查，区长王建国带队。",
])
def test_events_extract_ceremonies_and_activities_with_their_people(make_doc, settings, text):
    dated = [e for e in events(make_doc, settings, text) if e.date == "--09-05"]
    assert dated and "王建国" in dated[0].participants


def test_events_extract_an_inspection_by_duda_but_not_its_nouns(make_doc, settings):
    """督导 is an inspection where someone goes and does it; 督导视频, 督导机制, 督导考核方案 are things."""
    [event] = events(make_doc, settings, "9月5日，区长王建国带队督导重点项目建设。")
    assert (event.type, event.trigger, event.participants) == ("Inspection", "督导", ("王建国",))
    assert events(make_doc, settings, "会上，播放了“双改”工作督导视频。各单位要依靠完善的督导机制开展工作。") == []


def test_events_extract_a_court_hearing_held_among_residents(make_doc, settings):
    text = ("近日，中原区人民法院将“流动法庭”搬进林山寨街道建设路社区，公开开庭审理一起邻里纠纷案。"
            "该院副院长高明远担任审判长，街道党工委书记苏文静及40余名居民旁听了庭审。")
    [event] = events(make_doc, settings, text)
    assert (event.type, event.trigger) == ("Activity", "庭审")
    assert set(event.participants) == {"高明远", "苏文静"}


@pytest.mark.parametrize("text", [
    "8月20日，区法院推行网上立案、电子送达、网上庭审等服务，方便群众诉讼。",
    "9月1日起，街道为居民提供健康咨询、技能培训等服务。",
])
def test_events_extract_a_trigger_that_ends_a_list_of_services_is_no_happening(make_doc, settings, text):
    assert events(make_doc, settings, text) == []
