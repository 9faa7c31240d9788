"""Where a project is: the area printed in its name, the subdistrict of the road it is named after, or
the district the article is about."""

from __future__ import annotations

import pytest

from kg.extract import areas, projects
from kg.resolve import Resolver


def _places(make_doc, settings, text: str) -> dict[str, str | None]:
    resolver = Resolver(settings)
    doc = make_doc(text)
    resolver.add(doc, [*areas.extract(doc, settings), *projects.extract(doc, settings)])
    kb = resolver.result()
    labels = {a.key: a.name for a in kb.areas}
    return {p.name: labels.get(p.area) if p.area else None for p in kb.projects}


@pytest.mark.parametrize(("text", "name", "place"), [
    # the area printed in the name
    ("中牟县姚家镇便民服务中心正式启用。", "姚家镇便民服务中心", "姚家镇"),
    # printed with 市, the city's own; by the city's short name in a district's piece, the district's
    ("管城区召开会议。郑州市树木园改造提升完成。", "郑州市树木园", "郑州市"),
    ("管城区召开会议，推动郑州半导体产业园等19个谋划产业园落地开工。", "郑州半导体产业园", "管城区"),
    # a province's short name at the head is a brand too
    ("二七区召开会议，河南中烟许昌卷烟厂技改项目已完成设备安装。", "中烟许昌卷烟厂技改", "二七区"),
    # a name that starts with a road: the subdistrict the article names after that road
    ("郑东新区商都路街道召开会议。商都路党群服务中心正式揭牌运营。", "商都路党群服务中心", "商都路街道"),
    # the town or village the sentence places it in: after a placing verb, one whose name it starts with,
    # or the one place the sentence names before it
    ("巩义市召开会议。高端铝材精深加工产业园项目位于回郭镇，总投资12亿元。", "高端铝材精深加工产业园", "回郭镇"),
    ("惠济区领导调研。在八堡村，一行人察看了黄河稻香田园综合体建设情况。", "黄河稻香田园综合体", "八堡村"),
    ("新郑市召开会议。一行来到观音寺镇唐户村、辛店镇，察看唐户遗址公园建设进展。", "唐户遗址公园", "唐户村"),
    # two places and no sign which: the district
    ("惠济区人大代表视察。代表们来到古荥镇、花园口镇，查看黄河生态公园建设情况。", "黄河生态公园", "惠济区"),
    # else the district the article is about
    ("二七区召开会议，加快建设马寨数字产业园。", "马寨数字产业园", "二七区"),
])
def test_projects_are_placed(make_doc, settings, text, name, place):
    assert _places(make_doc, settings, text)[name] == place
