"""CPU seconds of analyse and of each extractor over a corpus, one process, no cache.

The gazetteer and jieba's dictionary are loaded, and one article extracted, before timing starts:
their one-off load is a startup cost, not the per-article cost this measures.

    PYTHONPATH=$PWD python scripts/extract_times.py CORPUS [--profile FILE.prof]
"""

from __future__ import annotations

import argparse
import cProfile
import time

from kg.analyse import Segmenter, analyse
from kg.api import read_articles
from kg.extract import EXTRACTORS
from kg.settings import DEFAULT_SETTINGS


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
    for article in articles:
        mark = time.process_time()
        doc = analyse(article, segmenter)
        seconds["analyse"] += time.process_time() - mark
        for extractor in EXTRACTORS:
            mark = time.process_time()
            extractor(doc, DEFAULT_SETTINGS)
            seconds[extractor.name] += time.process_time() - mark
    if profile:
        profile.disable()
        profile.dump_stats(args.profile)
    print(f"articles {len(articles)}  analyse+extract CPU {sum(seconds.values()):.2f} s")
    print("  ".join(f"{name} {value:.2f}" for name, value in seconds.items()))


if __name__ == "__main__":
    main()
