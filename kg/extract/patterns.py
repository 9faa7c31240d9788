"""Compiled patterns and constants shared by the extractors."""

from __future__ import annotations

import re

CJK = "\u3400-\u4dbf\u4e00-\u9fff"
QUOTE_PAIRS = {"“": "”", "‘": "’", "「": "」", "『": "』", '"': '"'}
QUOTED = re.compile(r"“([^“”\n]{1,30})”|‘([^‘’\n]{1,30})’|「([^「」\n]{1,30})」|『([^『』\n]{1,30})』")
LIST_SEPARATORS = "、，,和及与"
# Characters that end a sentence clause: a mention never runs across them.
CLAUSE_BREAK = re.compile(r"[，。！？；：、,;:!?（）()“”‘’《》\s]")
