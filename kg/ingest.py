"""The articles a build analyses: read and split the inputs, skipping (or stopping at) bad records.

Every problem goes through one ``RejectLog``: it raises when the build does not keep going, and
otherwise lists the record for ``rejects.jsonl``. Articles are produced one at a time.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from kg.errors import InputError
from kg.model import Article, Source
from kg.read import read_inputs
from kg.rejects import RejectLog
from kg.settings import Settings
from kg.split import split_source


def read_articles(inputs: Iterable[str | Path], settings: Settings, rejects: RejectLog) -> Iterator[Article]:
    """Every good article of ``inputs``, in input order; bad ones go to ``rejects``."""
    inputs = list(inputs)
    seen: dict[str, str] = {}
    sources = read_inputs(inputs, encoding=settings.encoding, max_chars=settings.max_article_chars,
                          on_error=rejects)
    yield from split_sources(sources, settings, rejects, seen)
    if not seen:
        raise no_articles(inputs, rejects)


def no_articles(inputs: Iterable[str | Path], rejects: RejectLog) -> InputError:
    return InputError(", ".join(str(i) for i in inputs) or "(no input)", None,
                      f"no article to build: {len(rejects)} record(s) rejected"
                      if len(rejects) else "no article to build")


def split_sources(sources: Iterable[Source], settings: Settings, rejects: RejectLog,
                  seen: dict[str, str]) -> Iterator[Article]:
    """The articles of ``sources``; ``seen`` (article id → where it was read) is updated, so that a build
    resumed after some sources still finds an id that repeats one of theirs."""
    for source in sources:
        produced = False
        skipped = len(rejects)
        for article in split_source(source, settings, rejects):
            where = f"{article.path}:{article.line}" if article.line is not None else article.path
            if article.id in seen:
                rejects(InputError(article.path, article.line,
                                   f"duplicate article id {article.id!r} (first from {seen[article.id]})",
                                   article=article.id))
                continue
            seen[article.id] = where
            produced = True
            yield article
        if not produced and len(rejects) == skipped:
            rejects(InputError(source.path, source.line, "empty article: no text found"))
