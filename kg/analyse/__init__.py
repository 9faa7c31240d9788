"""Analyse an article: sentences, tokens with offsets, date expressions."""

from __future__ import annotations

from kg.analyse.dates import find_dates
from kg.analyse.segment import Segmenter
from kg.analyse.sentences import split_sentences
from kg.model import AnalysedArticle, Article

__all__ = ["Segmenter", "analyse"]


def analyse(article: Article, segmenter: Segmenter) -> AnalysedArticle:
    sentences = split_sentences(article.text)
    tokens = tuple(segmenter.tokens(article.text))
    return AnalysedArticle(article=article, sentences=sentences, tokens=tokens,
                           dates=find_dates(article.text, article.published))
