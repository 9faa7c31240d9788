"""Projects: named parks, industrial parks, science cities, towns and centres, found by their suffix."""

from __future__ import annotations

import re
from collections.abc import Iterator

from kg.extract.patterns import CJK
from kg.model import AnalysedArticle, ProjectMention, Span
from kg.settings import Settings

PROJECT_SUFFIXES = ("生物医药产业园", "产业园", "科技城", "软件小镇", "小镇", "科普公园", "公园", "产业新城",
                    "枢纽新城", "文化中心", "党群服务中心", "便民服务中心", "科教园", "园区", "古街", "文化区")
_PROJECT = re.compile(rf"[{CJK}0-9·]{{2,12}}?(?:{'|'.join(PROJECT_SUFFIXES)})")
_GENERIC_HEADS = ("社区", "该", "本", "各", "全", "新型", "一批", "个", "等")


def extract(doc: AnalysedArticle, settings: Settings) -> Iterator[ProjectMention]:
    text = doc.article.text
    for match in _PROJECT.finditer(text):
        name = match.group()
        if name.startswith(_GENERIC_HEADS):
            continue
        sentence = doc.sentence_at(match.start())
        yield ProjectMention(name, Span(doc.article.id, sentence.index, match.start(), match.end()))
