"""Scale: the cache, worker processes and Dask give the same exports as a plain build, and reuse work."""

from __future__ import annotations

import gc
import json
import shutil
from pathlib import Path
from typing import cast

import pytest

import kg.api
from kg.api import build, default_cache_dir
from kg.cache import RESOURCE_CACHE_ENV, Cache, article_key, resource_dir, snapshot
from kg.model import Article
from kg.parallel import forked_map, ordered_map
from kg.settings import Settings

from .conftest import SEEDS

FILES = ("kg.ttl", "kg.trig", "kg.html")


def _same(a: Path, b: Path) -> None:
    for name in FILES:
        assert (a / name).read_bytes() == (b / name).read_bytes(), name


@pytest.fixture(scope="module")
def plain_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seeds built in one process without the cache: the reference every other build must equal."""
    out = tmp_path_factory.mktemp("plain")
    build([SEEDS], out, use_cache=False)
    assert not default_cache_dir(out).exists()
    return out


def test_scale_cached_build_is_byte_identical(plain_build: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    build([SEEDS], out)
    assert (default_cache_dir(out) / "cache.sqlite").exists()
    _same(out, plain_build)
    build([SEEDS], out)  # every article from the cache now, the cache kept across the swap of out/
    _same(out, plain_build)


def test_scale_jobs_two_is_byte_identical(plain_build: Path, tmp_path: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    # the seeds are too few to be worth a worker each: let them be, so that the pool runs
    monkeypatch.setattr(kg.api, "MIN_ARTICLES_PER_WORKER", 1)
    build([SEEDS], tmp_path / "plain", jobs=2, use_cache=False)
    _same(tmp_path / "plain", plain_build)
    build([SEEDS], tmp_path / "cached", jobs=2)  # the workers' results go to the cache as they come
    _same(tmp_path / "cached", plain_build)
    build([SEEDS], tmp_path / "cached", jobs=2, cache_dir=default_cache_dir(tmp_path / "cached"))
    _same(tmp_path / "cached", plain_build)


class _Counting:
    def __init__(self) -> None:
        self.done = 0

    def stage(self, name: str, total: int | None = None) -> None:
        pass

    def advance(self, count: int = 1) -> None:
        self.done += count


@pytest.mark.parametrize("jobs", [1, 2])
def test_scale_documents_stream_to_resolution_before_extraction_ends(jobs: int,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(kg.api, "MIN_ARTICLES_PER_WORKER", 1)
    articles = list(kg.api.read_articles([SEEDS], Settings()))
    progress = _Counting()
    documents = kg.api.stream_documents(articles, Settings(), jobs=jobs, progress=progress)
    first, _ = next(documents)
    assert first.article == articles[0]
    assert progress.done < len(articles)  # resolution can start while the rest is extracted
    rest = [doc.article for doc, _ in documents]
    assert rest == articles[1:]
    assert progress.done == len(articles)


def test_scale_incremental_build_extracts_only_the_new_article(tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(SEEDS / "000_22cc25436233b631.txt", corpus)
    build([corpus], tmp_path / "out")
    (corpus / "added.jsonl").write_text(json.dumps(
        {"id": "added-1", "text": "中原区召开防汛工作会议。区委书记王某某主持会议。"},
        ensure_ascii=False) + "\n",
        encoding="utf-8")
    extracted: list[str] = []
    real = kg.api._extract_one

    def counting(state: object, article: Article) -> object:
        extracted.append(article.id)
        return real(state, article)

    monkeypatch.setattr(kg.api, "_extract_one", counting)
    report = build([corpus], tmp_path / "out")
    assert extracted == ["added-1"]
    assert report.articles > 1


@pytest.mark.parametrize(("change", "expected_hit"), [
    ({}, True),
    ({"text": "中原区召开防汛工作会议。"}, False),
    ({"id": "other"}, False),
    ({"title": "另一个标题"}, False),
])
def test_scale_cache_key_follows_the_article(change: dict[str, str], expected_hit: bool,
                                             tmp_path: Path) -> None:
    base = dict(id="a-1", title="标题", text="管城区召开会议。", reporters=(), published=None, url=None,
                path="x.txt", line=None)
    settings = Settings()
    with Cache(tmp_path) as cache:
        cache.put(article_key(Article(**base), settings), ((), (), ()))  # type: ignore[arg-type]
    with Cache(tmp_path) as cache:
        key = article_key(Article(**{**base, **change}), settings)  # type: ignore[arg-type]
        assert (key in cache.get_many([key])) is expected_hit


def test_scale_cache_key_follows_the_settings() -> None:
    article = Article("a-1", None, "管城区召开会议。", (), None, None, "x.txt", None)
    assert article_key(article, Settings()) != article_key(article, Settings(home_city="洛阳市"))


def test_scale_cache_drops_entries_of_another_extractor_version(tmp_path: Path) -> None:
    with Cache(tmp_path, version="old") as cache:
        cache.put("k", ((), (), ()))
    with Cache(tmp_path, version="new") as cache:
        assert cache.get_many(["k"]) == {}
    with Cache(tmp_path, version="old") as cache:
        assert cache.count() == 0


def test_scale_snapshot_is_made_once_and_reused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    made: list[int] = []

    def make() -> dict[str, int]:
        made.append(1)
        return {"东": 1}

    monkeypatch.setenv(RESOURCE_CACHE_ENV, str(tmp_path))
    assert snapshot("test-thing", make) == {"东": 1}
    assert snapshot("test-thing", make) == {"东": 1}
    assert len(made) == 1
    monkeypatch.setenv(RESOURCE_CACHE_ENV, "")
    assert snapshot("test-thing", make) == {"东": 1}  # empty: nothing is kept or read
    assert len(made) == 2


def test_scale_snapshots_go_to_the_resource_cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(RESOURCE_CACHE_ENV, str(tmp_path / "res"))
    assert resource_dir() == tmp_path / "res"
    assert snapshot("test-thing", lambda: [1]) == [1]
    assert [p.name.split("-")[0] for p in (tmp_path / "res").iterdir()] == ["test"]
    monkeypatch.setenv(RESOURCE_CACHE_ENV, "")
    assert resource_dir() is None


def test_scale_unwritable_resource_cache_only_costs_time(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    monkeypatch.setenv(RESOURCE_CACHE_ENV, str(blocker / "res"))
    assert snapshot("test-thing", lambda: {"a": 1}) == {"a": 1}


def _square(state: object, item: int) -> int:
    return item * item + int(state)  # type: ignore[call-overload]


def _zero() -> int:
    return 0


@pytest.mark.parametrize("jobs", [1, 2])
def test_parallel_ordered_map_keeps_input_order(jobs: int) -> None:
    items = list(range(50, 0, -1))
    assert list(ordered_map(_square, items, jobs=jobs, setup=_zero, chunksize=3)) == [i * i for i in items]


def test_scale_dask_build_equals_local_build(plain_build: Path, tmp_path: Path) -> None:
    pytest.importorskip("distributed")
    build([SEEDS], tmp_path, executor="dask", jobs=2, use_cache=False, cache_dir=tmp_path / "cache")
    _same(tmp_path, plain_build)
    shards = sorted((tmp_path / "cache" / "shards").glob("part-*.nq"))
    assert shards and all(s.stat().st_size > 0 for s in shards)


def test_scale_html_overview_changes_only_the_explorer(plain_build: Path, tmp_path: Path) -> None:
    import re

    build([SEEDS], tmp_path, use_cache=False, html_max_nodes=40)
    for name in ("kg.ttl", "kg.trig"):
        assert (tmp_path / name).read_bytes() == (plain_build / name).read_bytes()
    page = (tmp_path / "kg.html").read_text(encoding="utf-8")
    data = json.loads(re.search(r'id="kg-data">(.*?)</script>', page, re.S).group(1))  # type: ignore[union-attr]
    assert len(data["nodes"]) == 40 and data["meta"]["total"] > 40


def test_scale_html_max_nodes_must_be_positive(tmp_path: Path) -> None:
    from kg.errors import SettingsError

    with pytest.raises(SettingsError):
        build([SEEDS], tmp_path, use_cache=False, html_max_nodes=0)


def _copies(directory: Path, copies: int) -> Path:
    directory.mkdir()
    for copy in range(copies):
        for page in sorted(SEEDS.glob("*.txt")):
            (directory / f"c{copy}_{page.name}").write_bytes(page.read_bytes())
    return directory


def test_scale_build_pauses_the_cyclic_collector_and_restores_it(tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[bool] = []
    real = kg.api.build_graphs

    def recording(*args: object, **kwargs: object) -> object:
        seen.append(gc.isenabled())
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(kg.api, "build_graphs", recording)
    assert gc.isenabled()
    build([SEEDS], tmp_path / "out", use_cache=False)
    assert seen == [False]
    assert gc.isenabled()
    gc.disable()
    try:
        build([SEEDS], tmp_path / "out", use_cache=False)
        assert not gc.isenabled()  # a caller's own setting is left as it was
    finally:
        gc.enable()


def test_scale_cyclic_garbage_does_not_grow_with_the_corpus(tmp_path: Path) -> None:
    """What makes pausing the collector safe: the objects a build leaves in cycles are a few per page,
    not per sentence, token or triple, so a big corpus does not pile them up."""
    small, big = _copies(tmp_path / "small", 1), _copies(tmp_path / "big", 4)

    def garbage(corpus: Path) -> int:
        gc.collect()
        build([corpus], tmp_path / "out", use_cache=False)  # runs with the collector paused
        return gc.collect()

    garbage(small)  # first-use caches and imports
    extra_articles = 3 * len(list(kg.api.read_articles([SEEDS], Settings())))
    assert garbage(big) - garbage(small) < 10 * extra_articles


def _shared_lookup(state: object, item: int) -> tuple[int, int]:
    import os

    shared, _ = cast(tuple[list[int], object], state)
    return os.getpid(), shared[item]


def test_scale_forked_map_workers_inherit_what_no_pickle_carries() -> None:
    """Workers get the shared state by forking: here with a lambda in it, which pickle refuses."""
    import os

    shared = [10 * i for i in range(40)]
    unpicklable = (shared, lambda: None)
    results = list(forked_map(_shared_lookup, unpicklable, range(40), jobs=2, chunksize=4))
    assert [value for _, value in results] == shared
    assert os.getpid() not in {pid for pid, _ in results}
    assert list(forked_map(_shared_lookup, unpicklable, range(3), jobs=1)) == [(os.getpid(), 10 * i) for i in range(3)]
