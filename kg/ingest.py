"""The articles a build analyses: read and split the inputs, skipping (or stopping at) bad records.

Every problem goes through one ``RejectLog``: it raises when the build does not keep going, and
otherwise lists the record for ``rejects.jsonl``. Articles are produced one at a time.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path

from kg.errors import InputError
from kg.model import Article, Source
from kg.read import read_inputs
from kg.rejects import RejectLog
from kg.settings import Settings
from kg.split import split_source

# What splitting one source gives, in order: its articles, and the problems met between them (an
# article over the size limit).
Split = list[Article | InputError]
# Splits sources, each into its ``Split``, in order: one after the other, or in worker processes.
Splitter = Callable[[Iterable[Source]], Iterator[tuple[Source, Split]]]


def split_one(source: Source, settings: Settings) -> Split:
    events: Split = []
    for article in split_source(source, settings, events.append):
        events.append(article)
    return events


def read_articles(inputs: Iterable[str | Path], settings: Settings, rejects: RejectLog,
                  split: Splitter | None = None, outputs: Iterable[str | Path] = ()) -> Iterator[Article]:
    """Every good article of ``inputs`` (not those in ``outputs``, the build's own output), in input
    order; bad ones go to ``rejects``."""
    inputs = list(inputs)
    seen: dict[str, str] = {}
    if split is None:
        sources = read_inputs(inputs, encoding=settings.encoding, max_chars=settings.max_article_chars,
                              on_error=rejects, outputs=outputs)
        yield from split_sources(sources, settings, rejects, seen)
    else:
        # a splitter takes every source at once: the records that cannot be read are reported where
        # reading them one at a time would have reported them, before the source after them
        listed: list[Source] = []
        unread: list[tuple[int, InputError]] = []
        for source in read_inputs(inputs, encoding=settings.encoding, max_chars=settings.max_article_chars,
                                  on_error=lambda error: unread.append((len(listed), error)), outputs=outputs):
            listed.append(source)
        yield from split_sources(listed, settings, rejects, seen, split, unread)
    if not seen:
        raise no_articles(inputs, rejects)


def no_articles(inputs: Iterable[str | Path], rejects: RejectLog) -> InputError:
    return InputError(", ".join(str(i) for i in inputs) or "(no input)", None,
                      f"no article to build: {len(rejects)} record(s) rejected"
                      if len(rejects) else "no article to build")


def split_sources(sources: Iterable[Source], settings: Settings, rejects: RejectLog,
                  seen: dict[str, str], split: Splitter | None = None,
                  unread: Sequence[tuple[int, InputError]] = ()) -> Iterator[Article]:
    """The articles of ``sources``; ``seen`` (article id → where it was read) is updated, so that a build
    resumed after some sources still finds an id that repeats one of theirs. ``split`` splits the
    sources (default: one after the other, here); ids are checked here, in input order, either way.
    ``unread``: records that could not be read, each after how many sources, reported in their place."""
    pairs = split(sources) if split is not None else ((s, split_one(s, settings)) for s in sources)
    waiting = list(unread)
    for index, (source, events) in enumerate(pairs):
        while waiting and waiting[0][0] <= index:
            rejects(waiting.pop(0)[1])
        produced = False
        skipped = len(rejects)
        for article in events:
            if isinstance(article, InputError):
                rejects(article)
                continue
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
    for _, error in waiting:
        rejects(error)
