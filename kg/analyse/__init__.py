"""Analyse an article: sentences, tokens with offsets, date expressions."""

from __future__ import annotations

from kg.analyse.dates import find_dates
from kg.analyse.segment import Segmenter
from kg.analyse.sentences import split_sentences
from kg.model import AnalysedArticle, Article, LazyTokens

__all__ = ["Segmenter", "analyse"]


def analyse(article: Article, segmenter: Segmenter) -> AnalysedArticle:
    """Sentences and dates; tokens are segmented later, one run of word characters at a time, where
    extractors ask for them."""
    text = article.text
    return AnalysedArticle(article=article, sentences=split_sentences(text),
                           dates=find_dates(text, article.published),
                           lazy_tokens=LazyTokens(text, segmenter.cuts(text), segmenter.tokens))
