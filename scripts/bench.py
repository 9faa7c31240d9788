"""Benchmark the build on a synthetic corpus: N copies of the seed pages with distinct article ids.

Measures, in one run and on the same text: a bare ``jieba.lcut`` pass (the floor no analysis can go
below), a full one-process build, a full ``--jobs`` build, an incremental build after adding one
article (a file that sorts last, as a new day's file does), one after editing the first page (the
worst case for resuming resolution), and the same two changes to a build kept in memory
(``kg watch``); prints articles/s, MB/s, peak memory, the time of each stage and the ratio
build/jieba. Each build runs in a fresh process, so imports and resource loading are counted as a
user sees them (the ``kg watch`` figures are of builds after its first, in one process).

    scripts/bench                  # about 10 MB
    scripts/bench --mb 1 --jobs 2
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXTRA_ARTICLE = ("管城回族区召开全区重点项目建设推进会。区委书记张某某出席会议并讲话，"
                 "要求各街道、各部门压实责任，加快项目建设进度。会议还通报了南曹街道、十八里河街道的项目进展情况。")


def make_corpus(directory: Path, megabytes: float) -> tuple[int, int]:
    """Copies of every seed page, named so that each copy's article ids differ; (pages, bytes)."""
    seeds = sorted((ROOT / "seeds").glob("*.txt"))
    if directory.exists():
        shutil.rmtree(directory)
    directory.mkdir(parents=True)
    target = int(megabytes * 1_000_000)
    size = pages = copy = 0
    while size < target:
        for seed in seeds:
            data = seed.read_bytes()
            (directory / f"c{copy:05d}_{seed.name}").write_bytes(data)
            size += len(data)
            pages += 1
        copy += 1
    return pages, size


def jieba_pass(directory: Path) -> dict[str, float]:
    """A bare ``jieba.lcut`` over every page of the corpus, after jieba's own dictionary load."""
    import jieba

    texts = [p.read_text(encoding="utf-8") for p in sorted(directory.glob("*.txt"))]
    tokenizer = jieba.Tokenizer()
    mark = time.perf_counter()
    tokenizer.initialize()
    init = time.perf_counter() - mark
    mark = time.perf_counter()
    words = 0
    for text in texts:
        words += len(tokenizer.lcut(text))
    return {"init": init, "lcut": time.perf_counter() - mark, "words": words}


def child(args: argparse.Namespace) -> None:
    """One build in this (fresh) process; prints a JSON report on stdout."""
    mark = time.perf_counter()
    from kg.api import build

    imported = time.perf_counter() - mark
    report = build([args.corpus], args.out, jobs=args.jobs, use_cache=args.cache, cache_dir=args.cache_dir)
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    print(json.dumps({"seconds": time.perf_counter() - mark, "import": imported, "articles": report.articles,
                      "triples": report.triples, "stages": report.stage_seconds,
                      "peak_kb": own, "worker_peak_kb": workers}), flush=True)
    os._exit(0)  # as the kg command ends (kg.cli._end): without freeing the heap object by object


def live_child(args: argparse.Namespace) -> None:
    """What ``kg watch`` does, in this (fresh) process: a first build from the cache, then a build after
    one article is added and one after the first page is edited; prints their times as JSON."""
    from kg.api import build, warm_resources
    from kg.incremental import LiveBuild

    live = LiveBuild()
    times: dict[str, float] = {}
    stages: dict[str, dict[str, float]] = {}
    first = sorted(args.corpus.glob("*.txt"))[0]
    changes = {
        "start": lambda: None,
        "added": lambda: (args.corpus / "zz-watch.jsonl").write_text(json.dumps(
            {"id": "bench-watch-1", "title": "重点项目建设推进会", "date": "2024-08-27", "text": EXTRA_ARTICLE},
            ensure_ascii=False) + "\n", encoding="utf-8"),
        "edited": lambda: first.write_text(first.read_text(encoding="utf-8") + "\n" + EXTRA_ARTICLE + "\n",
                                           encoding="utf-8"),
    }
    for name, change in changes.items():
        change()
        mark = time.perf_counter()
        report = build([args.corpus], args.out, jobs=args.jobs, cache_dir=args.cache_dir, live=live)
        times[name] = time.perf_counter() - mark
        stages[name] = report.stage_seconds
        if name == "start":
            warm_resources()  # as kg watch does after its first build, while it waits for a change
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"times": times, "stages": stages, "peak_kb": peak}), flush=True)
    os._exit(0)


def run_build(corpus: Path, out: Path, *, jobs: int, cache: bool, cache_dir: Path, live: bool = False) -> dict:
    command = [sys.executable, __file__, "--child", "--corpus", str(corpus), "--out", str(out),
               "--jobs", str(jobs), "--cache-dir", str(cache_dir)] + ([] if cache else ["--no-cache"]) \
        + (["--live"] if live else [])
    env = dict(os.environ, PYTHONPATH=f"{ROOT}{os.pathsep}{os.environ.get('PYTHONPATH', '')}")
    mark = time.perf_counter()
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    wall = time.perf_counter() - mark
    if done.returncode:
        sys.exit(f"build failed:\n{done.stderr}")
    result = json.loads(done.stdout.strip().splitlines()[-1])
    result["wall"] = wall
    return result


def show(name: str, result: dict, megabytes: float, floor: float) -> None:
    wall = result["wall"]
    peak = max(result["peak_kb"], result["worker_peak_kb"]) / 1024
    print(f"{name:<28} {wall:7.1f} s  {result['articles'] / wall:7.1f} articles/s"
          f"  {megabytes / wall:5.2f} MB/s  peak {peak:6.0f} MB  build/jieba {wall / floor:4.2f}")
    stages = "  ".join(f"{k} {v:.2f}" for k, v in result["stages"].items())
    print(f"{'':<28} python start+imports {wall - result['seconds'] + result['import']:.2f}  {stages}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mb", type=float, default=10.0, help="corpus size in MB of UTF-8 text (default 10)")
    parser.add_argument("--jobs", type=int, default=2,
                        help="worker processes of the parallel build (default 2)")
    parser.add_argument("--workdir", type=Path, help="keep the corpus and builds here (default: a temp dir)")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--corpus", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--cache-dir", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--no-cache", dest="cache", action="store_false", help=argparse.SUPPRESS)
    parser.add_argument("--live", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        (live_child if args.live else child)(args)
        return

    work = args.workdir or Path(tempfile.mkdtemp(prefix="kg-bench-"))
    corpus = work / "corpus"
    pages, size = make_corpus(corpus, args.mb)
    megabytes = size / 1_000_000
    print(f"corpus: {pages} pages, {megabytes:.2f} MB in {corpus}; cores: {os.cpu_count()}; "
          f"python {sys.version.split()[0]}")

    # what a user's first build on this machine and version does once: parse the gazetteer and jieba's
    # dictionary and keep snapshots of them (kg.cache.snapshot); every build below loads those
    warm = work / "warm"
    make_corpus(warm, 0.001)
    warmed = run_build(warm, work / "out-warm", jobs=1, cache=False, cache_dir=work / "cache-unused")
    print(f"{'warm-up build':<28} {warmed['wall']:7.1f} s  "
          "(the seed pages; makes the resource snapshots if missing)")

    # The yardstick is measured right before each full build: on a shared or virtual machine the
    # speed of the CPU drifts over minutes (here by up to a third), and a ratio of two timings taken
    # far apart would measure the drift.
    def yardstick() -> float:
        jieba = jieba_pass(corpus)
        print(f"{'jieba.lcut pass':<28} {jieba['lcut']:7.1f} s  ({jieba['words']} words; jieba's own "
              f"dictionary load {jieba['init']:.1f} s not counted)")
        return jieba["lcut"]

    floor = yardstick()
    one = run_build(corpus, work / "out-1", jobs=1, cache=False, cache_dir=work / "cache-unused")
    show("build, 1 process", one, megabytes, floor)
    cache_dir = work / "cache"
    shutil.rmtree(cache_dir, ignore_errors=True)
    floor = yardstick()
    many = run_build(corpus, work / f"out-{args.jobs}", jobs=args.jobs, cache=True, cache_dir=cache_dir)
    show(f"build, --jobs {args.jobs} (fills cache)", many, megabytes, floor)
    identical = all((work / "out-1" / f).read_bytes() == (work / f"out-{args.jobs}" / f).read_bytes()
                    for f in ("kg.ttl", "kg.trig", "kg.html"))
    print(f"{'':<28} exports identical to the 1-process build: {identical}")

    (corpus / "zz-added.jsonl").write_text(
        json.dumps({"id": "bench-added-1", "title": "重点项目建设推进会", "date": "2024-08-26",
                    "text": EXTRA_ARTICLE}, ensure_ascii=False) + "\n", encoding="utf-8")
    again = run_build(corpus, work / f"out-{args.jobs}", jobs=args.jobs, cache=True, cache_dir=cache_dir)
    show("one article added (cached)", again, megabytes, floor)
    print(f"{'':<28} incremental / full: {again['wall'] / many['wall']:.0%} of the --jobs {args.jobs} build, "
          f"{again['wall'] / one['wall']:.0%} of the 1-process build")

    # the worst case for resuming: a change to the first page makes every later source resolve again
    first = sorted(corpus.glob("*.txt"))[0]
    first.write_text(first.read_text(encoding="utf-8") + "\n" + EXTRA_ARTICLE + "\n", encoding="utf-8")
    edited = run_build(corpus, work / f"out-{args.jobs}", jobs=args.jobs, cache=True, cache_dir=cache_dir)
    show("first page edited (cached)", edited, megabytes, floor)
    print(f"{'':<28} edited / full: {edited['wall'] / many['wall']:.0%} of the --jobs {args.jobs} build, "
          f"{edited['wall'] / one['wall']:.0%} of the 1-process build")

    # kg watch: the same two changes to a build kept in memory (kg.incremental), checked against a
    # cold build of the same corpus
    watched = run_build(corpus, work / "out-watch", jobs=args.jobs, cache=True, cache_dir=cache_dir, live=True)
    print(f"{'kg watch: first build':<28} {watched['times']['start']:7.2f} s  (from the cache)  "
          f"peak {watched['peak_kb'] / 1024:6.0f} MB")
    for key, name in (("added", "one article added"), ("edited", "first page edited")):
        seconds = watched["times"][key]
        stages = "  ".join(f"{k} {v:.2f}" for k, v in watched["stages"][key].items())
        print(f"{'kg watch: ' + name:<28} {seconds:7.2f} s  = {seconds / many['wall']:.1%} of the --jobs "
              f"{args.jobs} build, {seconds / one['wall']:.1%} of the 1-process build")
        print(f"{'':<28} {stages}")
    cold = run_build(corpus, work / "out-cold", jobs=args.jobs, cache=True, cache_dir=cache_dir)
    identical = all((work / "out-watch" / f).read_bytes() == (work / "out-cold" / f).read_bytes()
                    for f in ("kg.ttl", "kg.trig", "kg.html"))
    print(f"{'':<28} exports identical to a cold build ({cold['wall']:.1f} s): {identical}")
    if not args.workdir:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
