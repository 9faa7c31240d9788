"""Resolution resumed from a checkpoint gives exactly the exports of a build that resolves everything."""

from __future__ import annotations

import json
import logging
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from kg.api import build, default_cache_dir
from kg.errors import InputError
from kg.read import read_inputs
from kg.resolve.checkpoint import Checkpoints, source_chain
from kg.settings import Settings

from ..conftest import SEEDS

FILES = ("kg.ttl", "kg.trig", "kg.html", "rejects.jsonl")
PAGES = ("000_22cc25436233b631.txt", "001_e713b7ff9e0ddada.txt", "003_6e4b236814fb6be4.txt")
NEW_RECORD = {"id": "added-1", "date": "2024-08-26",
              "text": "管城回族区召开防汛工作会议。区委书记王某某主持会议并讲话。"}


def _corpus(root: Path) -> Path:
    corpus = root / "corpus"
    corpus.mkdir()
    for name in PAGES:
        shutil.copy(SEEDS / name, corpus / name)
    return corpus


def _append(corpus: Path) -> None:
    (corpus / "zz-added.jsonl").write_text(json.dumps(NEW_RECORD, ensure_ascii=False) + "\n", encoding="utf-8")


def _prepend(corpus: Path) -> None:
    (corpus / "0-added.jsonl").write_text(json.dumps(NEW_RECORD, ensure_ascii=False) + "\n", encoding="utf-8")


def _edit_first(corpus: Path) -> None:
    page = corpus / PAGES[0]
    page.write_text(page.read_text(encoding="utf-8").replace("管城", "二七", 1), encoding="utf-8")


def _drop_middle(corpus: Path) -> None:
    (corpus / PAGES[1]).unlink()


def _edit_last(corpus: Path) -> None:
    page = corpus / PAGES[-1]
    page.write_text(page.read_text(encoding="utf-8") + "\n郑州市召开创建全国文明城市推进会。\n",
                    encoding="utf-8")


def _same(a: Path, b: Path) -> None:
    for name in FILES:
        assert (a / name).read_bytes() == (b / name).read_bytes(), name


def _fresh_build(corpus: Path, out: Path, cache_from: Path) -> None:
    """Every article resolved again, its extraction still from a copy of the cache (to save time)."""
    cache = out.parent / f"{out.name}-cache"
    shutil.copytree(cache_from, cache)
    shutil.rmtree(cache / "resolve", ignore_errors=True)
    build([corpus], out, cache_dir=cache)


@pytest.mark.parametrize(("change", "resumed_after"), [
    (_append, 3), (_edit_last, 2), (_drop_middle, 1), (_edit_first, None), (_prepend, None),
], ids=["append", "edit-last", "drop-middle", "edit-first", "prepend"])
def test_checkpoint_resumed_build_equals_full_resolution(
        tmp_path: Path, caplog: pytest.LogCaptureFixture, change: Callable[[Path], None],
        resumed_after: int | None) -> None:
    corpus = _corpus(tmp_path)
    out = tmp_path / "out"
    # a checkpoint after each page, as if the corpus had grown by a page a day
    build([corpus / PAGES[0]], out)
    build([corpus / PAGES[0], corpus / PAGES[1]], out)
    build([corpus], out)
    change(corpus)
    with caplog.at_level(logging.INFO, logger="kg.api"):
        report = build([corpus], out)
    resumed = [r.getMessage() for r in caplog.records if r.getMessage().startswith("resumed")]
    if resumed_after is None:
        assert resumed == []
    else:
        assert resumed and resumed[0].startswith(f"resumed after {resumed_after} of ")
    reference = tmp_path / "reference"
    _fresh_build(corpus, reference, default_cache_dir(out))
    _same(out, reference)
    assert report.articles >= 3  # resumed articles are counted too


def test_checkpoint_count_includes_resumed_articles(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path)
    first = build([corpus], tmp_path / "out")
    _append(corpus)
    again = build([corpus], tmp_path / "out")
    assert again.articles == first.articles + 1


def test_checkpoint_duplicate_id_after_resuming_is_still_an_error(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.jsonl").write_text(json.dumps(NEW_RECORD, ensure_ascii=False) + "\n", encoding="utf-8")
    build([corpus], tmp_path / "out")
    (corpus / "b.jsonl").write_text(json.dumps(NEW_RECORD, ensure_ascii=False) + "\n", encoding="utf-8")
    with pytest.raises(InputError, match="duplicate id"):
        build([corpus], tmp_path / "out")


def test_checkpoint_other_settings_start_another_chain(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path)
    sources = list(read_inputs([corpus]))
    here = source_chain(sources, Settings())
    assert source_chain(sources, Settings()) == here
    assert source_chain(sources, Settings(home_city="开封市"))[-1] != here[-1]
    assert source_chain(sources[1:], Settings())[0] != here[1]  # a digest covers every source before it


def test_checkpoint_unreadable_checkpoint_is_ignored(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path)
    out = tmp_path / "out"
    build([corpus], out)
    reference = tmp_path / "reference"
    _fresh_build(corpus, reference, default_cache_dir(out))
    for kept in (default_cache_dir(out) / "resolve").glob("*.pickle"):
        kept.write_bytes(b"not a pickle")
    build([corpus], out)
    _same(out, reference)


def test_checkpoint_not_kept_without_cache_or_with_rejects(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path)
    build([corpus], tmp_path / "plain", use_cache=False)
    assert not default_cache_dir(tmp_path / "plain").exists()
    (corpus / "bad.jsonl").write_text("{not json\n", encoding="utf-8")
    build([corpus], tmp_path / "out", settings=Settings(keep_going=True))
    assert not Checkpoints(default_cache_dir(tmp_path / "out")).directory.exists()
