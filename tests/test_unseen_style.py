"""A page written for this test in the style of the district pages, with wordings the seed pages do not
use: what a reader takes from it end to end (split, analyse, extract, resolve).

Each fact here came from a rule that reads a general pattern (a meeting of any name after 召开, a
headline's district, 党组书记、主席, a court's 院, a grid road's community, 当天); the page only
guards them together against regressions.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.api import knowledge_base
from kg.model import KnowledgeBase

PAGE = """

金水区政府召开第二十三次常务会议

本报讯 9月5日,区长刘东主持召开区政府第二十三次常务会议,研究部署防汛工作。区委常委、常务副区长杨帆,副区长郭静出席会议。

惠济区政协召开主席会议

本报讯 9月14日,区政协党组书记、主席高建军主持召开区政协主席会议。区领导孙建华、李海燕参加会议。

二七区人民法院召开推进会

本报讯 9月13日,二七区人民法院召开“枫桥式人民法庭”创建推进会,院党组书记、院长韩冰出席会议并讲话,副院长朱琳主持会议。

市领导调研城市更新工作

本报讯 9月22日,副市长欧阳明带队调研城市更新工作,先后来到金水区花园路街道经三路社区等地。

当天,欧阳明还主持召开城市更新工作座谈会。

上街区人大常委会开展执法检查

本报讯 9月3日,区人大常委会主任吴建华带队,对大气污染防治条例贯彻实施情况开展执法检查。检查组先后来到峡窝镇、济源路街道。
"""


@pytest.fixture(scope="module")
def kb(tmp_path_factory: pytest.TempPathFactory) -> KnowledgeBase:
    root: Path = tmp_path_factory.mktemp("unseen")
    (root / "page.txt").write_text(PAGE, encoding="utf-8")
    return knowledge_base([root])


def test_unseen_style_posts(kb: KnowledgeBase) -> None:
    names = {p.key: p.name for p in kb.persons}
    posts = {(names[p.person], p.title) for p in kb.posts}
    assert {("刘东", "金水区区长"), ("杨帆", "金水区常务副区长"), ("郭静", "金水区副区长"),
            ("高建军", "惠济区政协主席"), ("韩冰", "二七区人民法院院长"), ("朱琳", "二七区人民法院副院长"),
            ("吴建华", "上街区人大常委会主任"), ("欧阳明", "郑州市副市长")} <= posts
    assert not {title for _, title in posts if "党组主席" in title or title.startswith("二七区院")}


def test_unseen_style_events(kb: KnowledgeBase) -> None:
    names = {p.key: p.name for p in kb.persons}
    events = {(e.type, e.date): {names[k] for k in e.participants} for e in kb.events}
    assert events[("Meeting", "--09-05")] >= {"刘东", "杨帆", "郭静"}
    assert events[("Meeting", "--09-14")] >= {"高建军", "孙建华", "李海燕"}
    assert events[("Meeting", "--09-13")] >= {"韩冰", "朱琳"}
    assert events[("Inspection", "--09-22")] >= {"欧阳明"}
    assert events[("Meeting", "--09-22")] >= {"欧阳明"}
    assert events[("Inspection", "--09-03")] >= {"吴建华"}
    assert ("Meeting", "--09-03") not in events  # 人大常委会 is a body, not a meeting


def test_unseen_style_areas(kb: KnowledgeBase) -> None:
    assert {"经三路社区", "花园路街道", "峡窝镇", "济源路街道"} <= {a.name for a in kb.areas}
    assert "三路社区" not in {a.name for a in kb.areas}
