from __future__ import annotations

import pytest

from kg.resolve import ids


@pytest.mark.parametrize("key", [
    ids.person_key("张艳敏"), ids.area_key(("河南省", "郑州市", "管城区", "某社区")), ids.area_key((), "410104"),
    ids.project_key("毫都·新象"), ids.campaign_key("放、管、服、效"), ids.organization_key("管城区委"),
    ids.post_key("person/x", "书记", "管城区委书记"), ids.event_key("a-01", "Meeting", "--08-26|全会"),
    ids.article_key("000-22cc"),
])
def test_ids_are_ascii_path_safe(key: str) -> None:
    assert key.isascii() and " " not in key and "<" not in key and ">" not in key


def test_ids_are_stable_and_readable() -> None:
    assert ids.person_key("张艳敏") == ids.person_key("张艳敏")
    assert ids.person_key("张艳敏").startswith("person/zhangyanmin-")
    assert ids.area_key(("河南省",), "410000") == "area/410000"


def test_ids_same_pinyin_different_names_differ() -> None:
    assert ids.person_key("张艳敏") != ids.person_key("章艳敏")
    assert ids.campaign_key("三标") != ids.campaign_key("三表")
