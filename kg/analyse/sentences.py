"""Sentence boundaries: 。！？； and line ends, closing quotes kept with their sentence."""

from __future__ import annotations

import re

from kg.model import Sentence

_BOUNDARY = re.compile(r"[^。！？；!?;\n]*(?:[。！？；!?;]+[”’」』）)]*|\n|$)")


def split_sentences(text: str) -> tuple[Sentence, ...]:
    sentences: list[Sentence] = []
    for match in _BOUNDARY.finditer(text):
        raw = match.group()
        stripped = raw.strip()
        if not stripped:
            continue
        start = match.start() + (len(raw) - len(raw.lstrip()))
        end = start + len(stripped)
        sentences.append(Sentence(len(sentences), start, end, stripped))
    if not sentences:
        sentences.append(Sentence(0, 0, len(text), text))
    return tuple(sentences)
