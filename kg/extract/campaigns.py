"""Campaigns: named programmes, written in quotes and followed by what kind of programme they are.

The rule: a quoted name directly followed by 活动, 行动, 工作, 改革, 计划, 工程 or 战略 is a campaign
(“万人助万企”活动); so is a quoted numbered slogan (“八个聚力”, “五防一稳”). A quoted phrase with
neither is a quotation or a description, not a programme.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from kg.extract.patterns import QUOTED
from kg.model import AnalysedArticle, CampaignMention, Span
from kg.settings import Settings

PROGRAMME_WORDS = ("活动", "行动", "工作", "改革", "计划", "工程", "战略")
NUMBERED_SLOGAN = re.compile(r"^[一二三四五六七八九十两百千万0-9]+(?:个|大|项|型|张|条)?[\u4e00-\u9fff]{2,6}$")


def extract(doc: AnalysedArticle, settings: Settings) -> Iterator[CampaignMention]:
    text = doc.article.text
    for match in QUOTED.finditer(text):
        name = next(g for g in match.groups() if g is not None).strip()
        if not name:
            continue
        after = text[match.end():match.end() + 2]
        if after in PROGRAMME_WORDS or NUMBERED_SLOGAN.match(name):
            sentence = doc.sentence_at(match.start())
            yield CampaignMention(name, Span(doc.article.id, sentence.index, match.start(), match.end()))
