import json

import pytest
from rdflib import XSD, Literal

from kg.api import knowledge_base
from kg.graph import build_dataset, union_graph
from kg.vocab import KG


def write_jsonl(tmp_path, text, published="2024-09-05", title="测试新闻"):
    path = tmp_path / "news.jsonl"
    record = {"text": text, "title": title, "id": "t1"}
    if published:
        record["date"] = published
    path.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    return path


@pytest.fixture()
def meeting_kb(tmp_path):
    text = ("9月3日上午，金水区召开“百企帮百村”活动推进会。区委书记刘红梅主持会议，区长周海涛出席会议并讲话。"
            "区委副书记陈志刚作具体部署。")
    return knowledge_base([write_jsonl(tmp_path, text)])


def test_events_resolve_one_event_with_its_people_roles_and_campaign(meeting_kb):
    [event] = meeting_kb.events
    names = {p.key: p.name for p in meeting_kb.persons}
    assert event.type == "Meeting"
    assert event.date == "2024-09-03"
    assert {names[k] for k in event.participants} == {"刘红梅", "周海涛", "陈志刚"}
    assert [names[k] for k in event.chairs] == ["刘红梅"]
    assert {names[k] for k in event.speakers} == {"周海涛", "陈志刚"}
    assert [c for c in event.campaigns] == [meeting_kb.campaigns[0].key]


def test_events_resolve_places_the_event_in_the_printed_area(meeting_kb):
    [event] = meeting_kb.events
    area = {a.key: a.name for a in meeting_kb.areas}[event.area]
    assert area == "金水区"


def test_events_graph_writes_xsd_date_with_the_year_and_gmonthday_without(tmp_path):
    text = "9月3日上午，金水区召开项目推进会。"
    with_year = union_graph(build_dataset(knowledge_base([write_jsonl(tmp_path, text)])))
    assert Literal("2024-09-03", datatype=XSD.date) in set(with_year.objects(None, KG.date))
    without = union_graph(build_dataset(knowledge_base([write_jsonl(tmp_path, text, published=None)])))
    assert Literal("--09-03", datatype=XSD.gMonthDay) in set(without.objects(None, KG.date))


def test_projects_resolve_investment_and_area_but_never_an_aggregate(tmp_path):
    text = ("总投资50亿元的龙湖数字产业园正加快建设。"
            "全区凤栖里等31个项目正加快建设，总投资400亿元。")
    kb = knowledge_base([write_jsonl(tmp_path, "金水区：" + text)])
    projects = {p.name: p for p in kb.projects}
    assert projects["龙湖数字产业园"].investment == "5000000000"
    assert projects["凤栖里"].investment is None
    area = {a.key: a.name for a in kb.areas}[projects["龙湖数字产业园"].area]
    assert area == "金水区"
    graph = union_graph(build_dataset(kb))
    assert Literal("5000000000", datatype=XSD.decimal) in set(graph.objects(None, KG.investment))


def test_projects_resolve_keeps_printed_forms_as_other_names(tmp_path):
    kb = knowledge_base([write_jsonl(tmp_path, "记者来到中牟县韩寺镇便民服务中心了解情况。")])
    [project] = kb.projects
    assert project.name == "韩寺镇便民服务中心"
    assert "中牟县韩寺镇便民服务中心" in project.aliases
    assert {a.key: a.name for a in kb.areas}[project.area] == "韩寺镇"


def test_resolve_a_programme_named_only_in_the_headline_has_the_headline_as_evidence(tmp_path):
    title = "上街区：聚焦“七个环境” 助力经济发展"
    kb = knowledge_base([write_jsonl(tmp_path, "本报讯 上街区持续优化营商环境。", title=title)])
    [campaign] = kb.campaigns
    assert campaign.name == "七个环境"
    assert [(p.article_id, p.evidence) for p in campaign.provenance] == [("t1", title)]
    assert [a.name for a in kb.areas if a.key in campaign.areas] == ["上街区"]


def test_resolve_a_tour_of_several_subdistricts_is_in_their_district(tmp_path):
    text = ("9月10日，上街区人大常委会主任周丽华带领执法检查组开展执法检查。检查组先后来到济源路街道一家超市、"
            "新安路街道中心菜市场和峡窝镇中心学校食堂。当天下午，检查组召开座谈会。")
    kb = knowledge_base([write_jsonl(tmp_path, text)])
    names = {a.key: a.name for a in kb.areas}
    assert sorted(names[e.area] for e in kb.events) == ["上街区", "上街区"]
