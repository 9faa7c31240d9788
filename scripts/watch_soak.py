"""Random edits to a copy of a corpus, each built kept in memory (as ``kg watch`` does) and from
scratch; stops at the first export whose bytes differ. A longer check than ``tests/test_incremental.py``
on a bigger corpus, run by hand:

    PYTHONPATH=$PWD .venv/bin/python scripts/watch_soak.py CORPUS [--steps 12] [--seed 1] [--max-nodes 300]

CORPUS: a directory of pages (``scripts/bench --mb 1 --workdir W`` makes one in ``W/corpus``).
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

from kg import api
from kg.incremental import LiveBuild

FILES = ("kg.ttl", "kg.trig", "kg.html")
VISIT = "副市长李某某到中原区调研万人助万企活动，区委书记王某某陪同。"


def edit(corpus: Path, rng: random.Random, step: int) -> str:
    """One edit a correction desk or a new day makes; what it did."""
    page = rng.choice(sorted(corpus.glob("*.txt")))
    text = page.read_text(encoding="utf-8")
    sentences = text.split("。")
    action = rng.choice(("drop", "swap", "place", "copy", "delete", "append", "post"))
    if action == "drop" and len(sentences) > 3:
        del sentences[rng.randrange(1, len(sentences) - 1)]
        page.write_text("。".join(sentences), encoding="utf-8")
    elif action == "swap" and len(sentences) > 3:
        a, b = rng.sample(range(len(sentences)), 2)
        sentences[a], sentences[b] = sentences[b], sentences[a]
        page.write_text("。".join(sentences), encoding="utf-8")
    elif action == "place":
        page.write_text(text.replace("管城", "中原", 3), encoding="utf-8")
    elif action == "copy":
        shutil.copy(page, corpus / f"zz{step:03d}_{page.name}")
    elif action == "delete":
        page.unlink()
    elif action == "append":
        with (corpus / "zz-new.jsonl").open("a", encoding="utf-8") as handle:
            record = {"id": f"soak-{step}", "title": "调研", "text": VISIT}
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    else:
        page.write_text(text.replace("书记", "副书记", 2), encoding="utf-8")
    return f"{action} {page.name}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--steps", type=int, default=12)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--max-nodes", type=int, default=300, help="the explorer's overview size")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    work = Path(tempfile.mkdtemp(prefix="kg-soak-"))
    corpus = work / "corpus"
    shutil.copytree(args.corpus, corpus)
    live = LiveBuild()
    try:
        for step in range(args.steps + 1):
            what = edit(corpus, rng, step) if step else "first build"
            mark = time.perf_counter()
            api.build([corpus], work / "live", live=live, cache_dir=work / "cache", html_max_nodes=args.max_nodes)
            seconds = time.perf_counter() - mark
            api.build([corpus], work / "full", cache_dir=work / "cache-full", html_max_nodes=args.max_nodes)
            differ = [n for n in FILES if (work / "live" / n).read_bytes() != (work / "full" / n).read_bytes()]
            print(f"{step:3d} {what:<50} kept in memory {seconds:5.2f} s, "
                  f"{len(live.graphs.change.graphs):4d} graphs rebuilt; differ: {differ or 'none'}", flush=True)
            if differ:
                sys.exit(f"the exports differ after step {step}; the corpus is kept in {corpus}")
    finally:
        if not sys.exc_info()[0]:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
