"""Reporters: the names the split stage read from bylines and photo credits."""

from __future__ import annotations

from collections.abc import Iterator

from kg.model import AnalysedArticle, ReporterMention, Span
from kg.settings import Settings


def extract(doc: AnalysedArticle, settings: Settings) -> Iterator[ReporterMention]:
    last = doc.sentences[-1].index if doc.sentences else 0
    end = len(doc.article.text)
    for name in doc.article.reporters:
        yield ReporterMention(name, Span(doc.article.id, last, end, end))
