"""Reading and splitting in bounded memory: huge inputs stream article by article, huge articles are
counted and skipped, never held."""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import tracemalloc
from pathlib import Path

import pytest

from kg.errors import InputError
from kg.ingest import read_articles
from kg.rejects import RejectLog
from kg.settings import Settings
from tests.conftest import ROOT

PARA = "管城区召开重点项目推进会，区委书记出席会议并讲话，要求加快项目建设进度，确保全年目标圆满完成。\n\n"
ARTICLE = "# 管城区召开项目推进会\n\n本报讯（记者 李明）" + PARA * 100


def _peak_while_reading(path: Path, settings: Settings) -> tuple[int, int, int]:
    """(articles, rejects, peak traced bytes) of reading and splitting ``path``."""
    rejects = RejectLog(keep_going=True)
    tracemalloc.start()
    try:
        count = sum(1 for _ in read_articles([path], settings, rejects))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    return count, len(rejects), peak


def _page(path: Path, size: int, article: str = ARTICLE) -> Path:
    with open(path, "w", encoding="utf-8") as handle:
        while handle.tell() < size:
            handle.write(article)
    return path


def test_ingest_memory_does_not_grow_with_the_page(tmp_path: Path) -> None:
    small = _peak_while_reading(_page(tmp_path / "small.txt", 1_000_000), Settings())
    large = _peak_while_reading(_page(tmp_path / "large.txt", 8_000_000), Settings())
    assert large[0] > 7 * small[0] and small[1] == large[1] == 0
    assert large[2] < 1.5 * small[2] + 1_000_000


def test_ingest_50mb_of_huge_lines_is_skipped_in_bounded_memory(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with open(path, "w", encoding="utf-8") as handle:
        for number in range(10):
            handle.write(f"# 第{number}篇\n\n" + "长" * 1_700_000 + "\n\n")  # 5 MB lines
        handle.write("# 正常的文章\n\n本报讯 管城区召开会议。\n")
    assert path.stat().st_size > 50_000_000
    articles, rejected, peak = _peak_while_reading(path, Settings())
    assert (articles, rejected) == (1, 10)
    assert peak < 20_000_000


def test_ingest_strict_build_skips_only_oversize(tmp_path: Path) -> None:
    path = tmp_path / "page.txt"
    path.write_text("# 甲\n\n" + "长" * 2_000 + "\n\n# 乙\n\n正文。\n", encoding="utf-8")
    rejects = RejectLog(keep_going=False)
    articles = list(read_articles([path], Settings(max_article_chars=1_000), rejects))
    assert [a.title for a in articles] == ["乙"]
    (reject,) = rejects.items
    assert reject.line == 1 and "over the limit" in reject.reason


def test_ingest_duplicate_article_ids_across_files(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    for folder in ("a", "b"):
        (tmp_path / folder / "page.txt").write_text("# 标题\n\n正文。\n", encoding="utf-8")
    # the same article under the same name twice: pages of one name are fine, one article twice is not
    with pytest.raises(InputError, match="duplicate article id"):
        list(read_articles([tmp_path], Settings(), RejectLog()))


def test_ingest_50mb_build_runs_in_bounded_memory(tmp_path: Path) -> None:
    """A whole build (subprocess) of 50 MB of input, ten 5 MB records, peaks near a tiny build."""
    small = tmp_path / "small.jsonl"
    small.write_text(json.dumps({"text": "管城区召开会议。"}, ensure_ascii=False) + "\n", encoding="utf-8")
    big = tmp_path / "big.jsonl"
    with open(big, "w", encoding="utf-8") as handle:
        handle.write(json.dumps({"id": "ok", "text": "管城区召开会议。"}, ensure_ascii=False) + "\n")
        for number in range(10):
            record = {"id": f"huge-{number}", "text": "长" * 1_700_000}
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    assert big.stat().st_size > 50_000_000
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    command = [sys.executable, "-m", "kg", "build", "--out"]
    subprocess.run([*command, str(tmp_path / "out-small"), str(small)], env=env, check=True,
                   capture_output=True)
    baseline = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss  # KiB on Linux
    done = subprocess.run([*command, str(tmp_path / "out-big"), str(big)], env=env, capture_output=True)
    assert done.returncode == 4, done.stderr
    assert resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss < baseline + 100_000
    assert len((tmp_path / "out-big" / "rejects.jsonl").read_bytes().splitlines()) == 10


def test_ingest_pages_split_in_workers_give_the_same_articles_and_rejects(tmp_path: Path) -> None:
    """``--jobs`` splits pages in worker processes; ids are still checked in input order, so duplicates,
    oversize articles and empty records are reported as a one-process split reports them."""
    from kg.api import MIN_SOURCES_PER_SPLITTER
    from kg.api import read_articles as api_read_articles

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    seeds = sorted((ROOT / "seeds").glob("*.txt"))
    for copy in range(2 * MIN_SOURCES_PER_SPLITTER // len(seeds) + 1):
        for seed in seeds:
            (corpus / f"c{copy:03d}_{seed.name}").write_bytes(seed.read_bytes())
    _page(corpus / "c500_huge.txt", 60_000)
    (corpus / "sub").mkdir()  # the same file name in another folder: the same article ids
    (corpus / "sub" / seeds[0].name).write_bytes(seeds[0].read_bytes())
    (corpus / "z").mkdir()
    (corpus / "z" / seeds[0].name).write_bytes(seeds[0].read_bytes())
    records = [{"id": "r1", "text": PARA}, {"id": "r1", "text": PARA}, {"id": "r2", "text": "   "}]
    (corpus / "d_records.jsonl").write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records),
                                            encoding="utf-8")
    settings = Settings(keep_going=True, max_article_chars=2_000)
    serial, parallel = RejectLog(keep_going=True), RejectLog(keep_going=True)
    one = list(api_read_articles([corpus], settings, serial, jobs=1))
    two = list(api_read_articles([corpus], settings, parallel, jobs=2))
    assert len(list(corpus.iterdir())) >= 2 * MIN_SOURCES_PER_SPLITTER  # enough for two splitters
    assert one == two and len(one) > 100
    assert serial.items == parallel.items
    reasons = " ".join(r.reason for r in parallel.items)
    assert "over the limit" in reasons and "duplicate article id" in reasons and "empty" in reasons
    strict = Settings(max_article_chars=2_000)  # the first fatal problem stops both, the same one
    stopped = []
    for jobs in (1, 2):
        with pytest.raises(InputError) as raised:
            list(api_read_articles([corpus], strict, RejectLog(), jobs=jobs))
        stopped.append(str(raised.value))
    assert stopped[0] == stopped[1] and "d_records.jsonl:2" in stopped[0]


def test_ingest_input_errors_survive_a_trip_between_processes() -> None:
    import pickle

    from kg.errors import TooLargeError

    error = TooLargeError("a.txt", 3, "too long", article="a-01")
    copy = pickle.loads(pickle.dumps(error))
    assert (type(copy), copy.path, copy.line, copy.reason, copy.article, str(copy)) == \
        (TooLargeError, "a.txt", 3, "too long", "a-01", str(error))
