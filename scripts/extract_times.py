"""CPU seconds of analyse and of each extractor over a corpus, one process, no cache.

The gazetteer and jieba's dictionary are loaded, and one article extracted, before timing starts:
their one-off load is a startup cost, not the per-article cost this measures. For comparison it
also times a bare ``jieba.lcut`` over every page of the corpus (as scripts/bench does), and counts
the share of the articles' characters the extractors had segmented.

    PYTHONPATH=$PWD python scripts/extract_times.py CORPUS [--profile FILE.prof]
"""

from __future__ import annotations

import argparse
import cProfile
import time
from pathlib import Path

import jieba

from kg.analyse import Segmenter, analyse
from kg.api import read_articles
from kg.extract import EXTRACTORS
from kg.settings import DEFAULT_SETTINGS


def jieba_seconds(corpus: str) -> float:
    """CPU seconds of a bare ``jieba.lcut`` over every ``.txt`` page of the corpus."""
    texts = [p.read_text(encoding="utf-8") for p in sorted(Path(corpus).glob("*.txt"))]
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    mark = time.process_time()
    for text in texts:
        tokenizer.lcut(text)
    return time.process_time() - mark


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus")
    parser.add_argument("--profile", help="write a cProfile of the timed part to this file")
    args = parser.parse_args()
    articles = list(read_articles([args.corpus], DEFAULT_SETTINGS))
    segmenter = Segmenter()
    warm = analyse(articles[0], segmenter)
    for extractor in EXTRACTORS:
        extractor(warm, DEFAULT_SETTINGS)
    profile = cProfile.Profile() if args.profile else None
    if profile:
        profile.enable()
    seconds = {"analyse": 0.0, **{e.name: 0.0 for e in EXTRACTORS}}
    characters = segmented = 0
    for article in articles:
        mark = time.process_time()
        doc = analyse(article, segmenter)
        seconds["analyse"] += time.process_time() - mark
        for extractor in EXTRACTORS:
            mark = time.process_time()
            extractor(doc, DEFAULT_SETTINGS)
            seconds[extractor.name] += time.process_time() - mark
        characters += len(article.text)
        # an older checkout (to compare with) segments every article whole up front
        lazy = getattr(doc, "lazy_tokens", None)
        segmented += lazy.segmented if lazy is not None else len(article.text)
    if profile:
        profile.disable()
        profile.dump_stats(args.profile)
    total = sum(seconds.values())
    print(f"articles {len(articles)}  analyse+extract CPU {total:.2f} s"
          f"  segmented {segmented} of {characters} characters ({segmented / max(characters, 1):.1%})")
    print("  ".join(f"{name} {value:.2f}" for name, value in seconds.items()))
    floor = jieba_seconds(args.corpus)
    print(f"bare jieba.lcut over the pages: CPU {floor:.2f} s  analyse+extract/jieba {total / floor:.2f}")


if __name__ == "__main__":
    main()
