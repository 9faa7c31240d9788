"""Splitting pages into articles: headlines, kickers, sub-headings, bylines, captions, broken lines."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import pytest

from kg.model import Source
from kg.read import read_inputs
from kg.split import byline_names, normalise_punctuation, split_source

from .conftest import ROOT, SEEDS

GOLD = ROOT.parent / "shared" / "eval" / "gold"


def _page(text: str) -> list:
    return list(split_source(Source(path="p.txt", line=None, text=text, doc_id="p")))


def _fold(text: str | None) -> str:
    return "".join(c for c in unicodedata.normalize("NFKC", text or "") if c not in " \u3000")


@pytest.mark.skipif(not GOLD.exists(), reason="../shared/eval/gold is not beside this checkout")
@pytest.mark.parametrize("page", sorted(p.name for p in SEEDS.glob("*.txt")))
def test_pages_seed_titles_and_reporters_match_gold(page: str) -> None:
    gold = json.loads((GOLD / page.replace(".txt", ".json")).read_text(encoding="utf-8"))
    (source,) = read_inputs([SEEDS / page])
    articles = list(split_source(source))
    assert [_fold(a.title) for a in articles] == [_fold(g["title"]) for g in gold["articles"]]
    assert [list(a.reporters) for a in articles] == [g["reporters"] for g in gold["articles"]]


def test_pages_plain_headline_before_lead() -> None:
    (article,) = _page("街道召开推进会\n\n本报讯 6月19日，街道召开推进会。\n\n记者 张改华\n")
    assert article.title == "街道召开推进会"
    assert article.reporters == ("张改华",)
    assert article.text == "6月19日，街道召开推进会。"


def test_pages_two_line_headline_is_joined() -> None:
    (article,) = _page("五里堡街道\n\n多举措排除安全隐患\n\n本报讯 连日来，街道排查隐患。\n")
    assert article.title == "五里堡街道 多举措排除安全隐患"


def test_pages_kicker_above_marked_headline_is_dropped() -> None:
    articles = _page("稳经济 促发展 强信心\n\n# 某区：跑出加速度\n\n本报讯(记者 王思俊)初冬时节，项目推进。\n")
    assert [a.title for a in articles] == ["某区：跑出加速度"]
    assert articles[0].reporters == ("王思俊",)


def test_pages_subheadings_stay_inside_the_article() -> None:
    text = ("## 某区召开动员会\n\n### 坚定信心 瞄准目标\n\n会议指出，要坚定信心。\n\n"
            "### 争先进位 奋力赶超\n\n会议要求，要严格奖惩。\n")
    (article,) = _page(text)
    assert "坚定信心 瞄准目标" in article.text and "会议要求" in article.text


def test_pages_marked_subheading_with_lead_is_a_new_article() -> None:
    text = "## 第一篇\n\n本报讯 会议召开。\n\n### 第二篇\n\n本报讯(记者 孙志刚)活动举行。\n"
    assert [a.title for a in _page(text)] == ["第一篇", "第二篇"]


def test_pages_short_subheading_without_lead_stays() -> None:
    text = ("五项机制推进落实\n\n本报讯 6月13日，督查组来到现场。记者 张改华 通讯员 王天朗\n\n"
            "健全完善督办推进机制\n\n建立班子成员分包督导制度。\n")
    (article,) = _page(text)
    assert article.reporters == ("张改华", "王天朗")
    assert "健全完善督办推进机制\n建立班子成员" in article.text


def test_pages_broken_paragraph_is_joined() -> None:
    text = "# 标题\n\n本报讯 视察组一行首先到某社区听取\n\n相关负责人的详细介绍。推动基层\n\n\n\n协商有效衔接。\n"
    (article,) = _page(text)
    assert "听取相关负责人" in article.text and "推动基层协商有效衔接" in article.text


def test_pages_photo_caption_is_its_own_article() -> None:
    text = ("## 正文标题\n\n本报讯(记者 史治国)村里开展演出活动。\n\n\n\n"
            "近日，某街道组织开展志愿服务。\n\n本报记者 王思俊 摄\n\n## 下一篇\n\n本报讯 会议召开。\n")
    articles = _page(text)
    assert [a.title for a in articles] == ["正文标题", None, "下一篇"]
    assert articles[1].reporters == ("王思俊",) and articles[1].text == "近日，某街道组织开展志愿服务。"
    assert "志愿服务" not in articles[0].text


@pytest.mark.parametrize(("text", "rest", "names"), [
    ("记者 冉红政 通讯员 姜璞 文/图", "", ["冉红政", "姜璞"]),
    ("区委书记出席会议并讲话。记者 冉红政 通讯员 姜璞 文/图", "区委书记出席会议并讲话。", ["冉红政", "姜璞"]),
    ("确保人民安宁。（党贺喜）", "确保人民安宁。", ["党贺喜"]),
    ("（党贺喜 王海荣 高晓东）", "", ["党贺喜", "王海荣", "高晓东"]),
    ("助力乡村振兴（如图）。", "助力乡村振兴（如图）。", []),
    ("记者近日从区市场监督管理局了解到。", "记者近日从区市场监督管理局了解到。", []),
])
def test_pages_bylines(text: str, rest: str, names: list[str]) -> None:
    assert byline_names(normalise_punctuation(text)) == (rest, names)


def test_pages_mixed_width_punctuation_is_normalised() -> None:
    assert normalise_punctuation("8月9日上午,市政协副主席带领委员(部分)视察:要求") == \
        "8月9日上午，市政协副主席带领委员（部分）视察：要求"
    assert normalise_punctuation("IVR system, v2.0") == "IVR system, v2.0"


def test_pages_jsonl_record_is_one_article(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    record = {"id": "x1", "title": "给定标题", "text": "本报讯(记者 孙志刚)第一段。\n\n第二段。"}
    path.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    (source,) = read_inputs([path])
    (article,) = split_source(source)
    assert article.title == "给定标题" and article.reporters == ("孙志刚",) and article.id == "x1"
