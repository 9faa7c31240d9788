"""Compiled patterns and constants shared by the extractors."""

from __future__ import annotations

import re
from collections.abc import Sequence

CJK = "\u3400-\u4dbf\u4e00-\u9fff"
QUOTE_PAIRS = {"“": "”", "‘": "’", "「": "」", "『": "』", '"': '"'}
QUOTED = re.compile(r"“([^“”\n]{1,30})”|‘([^‘’\n]{1,30})’|「([^「」\n]{1,30})」|『([^『』\n]{1,30})』")
LIST_SEPARATORS = "、，,和及与"
# Characters that end a sentence clause: a mention never runs across them.
CLAUSE_BREAK = re.compile(r"[，。！？；：、,;:!?（）()“”‘’《》\s]")


def first_of(words: Sequence[str]) -> re.Pattern[str]:
    """One regex that, at a position, matches the first of ``words`` (in their order) printed there.

    An alternation's branches are tried left to right, so with ``words`` longest first, ``search``
    finds what trying every word at every position finds, in one pass of the regex engine.
    """
    return re.compile("|".join(map(re.escape, words)) if words else "(?!)")
