"""A build kept in memory (``kg watch``) writes exactly the exports of a build from scratch, after any change."""

from __future__ import annotations

import json
import random
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from kg.api import build, query
from kg.errors import InputError
from kg.export.index import TripleIndex
from kg.incremental import LiveBuild
from kg.settings import DEFAULT_SETTINGS
from kg.watch import Outcome, snapshot, watch

from .conftest import ROOT, SEEDS

FILES = ("kg.ttl", "kg.trig", "kg.html", "kg.nq", "rejects.jsonl")
RECORD = {"id": "added-1", "date": "2024-08-26", "title": "防汛工作会议",
          "text": "管城回族区召开防汛工作会议。区委书记王某某主持会议并讲话，区长李某某出席。"
                  "会议要求南曹街道做好准备。"}
VISIT = {**RECORD, "id": "added-2", "text": "副市长张某某到管城回族区调研“万人助万企”活动。"}


def _corpus(root: Path) -> Path:
    corpus = root / "corpus"
    shutil.copytree(SEEDS, corpus)
    return corpus


def _pages(corpus: Path) -> list[Path]:
    return sorted(corpus.glob("*.txt"))


def _same_as_full(corpus: Path, root: Path, live: LiveBuild, *, html_max_nodes: int | None = 2000) -> int:
    """Build ``corpus`` with ``live`` and from scratch; assert equal bytes; the graphs ``live`` rebuilt."""
    build([corpus], root / "live", formats=("nq",), cache_dir=root / "cache", live=live,
          html_max_nodes=html_max_nodes)
    build([corpus], root / "full", formats=("nq",), use_cache=False, html_max_nodes=html_max_nodes)
    for name in FILES:
        assert (root / "live" / name).read_bytes() == (root / "full" / name).read_bytes(), name
    return len(live.graphs.change.graphs)


def _append_record(corpus: Path, record: dict[str, str] = RECORD) -> None:
    with (corpus / "zz-added.jsonl").open("a", encoding="utf-8") as handle:
        handle.write(json.dumps(record, ensure_ascii=False) + "\n")


def _rename_person(corpus: Path) -> None:
    """A correction: the name of the official who holds most posts, printed differently on every page."""
    found = query(corpus.parent / "full", "SELECT ?name (COUNT(?post) AS ?n) WHERE { ?p a kg:Official ; "
                                          "rdfs:label ?name ; kg:holds ?post } GROUP BY ?name ORDER BY DESC(?n) ?name")
    name = found.rows[0][0]
    for page in _pages(corpus):
        text = page.read_text(encoding="utf-8")
        if name in text:
            page.write_text(text.replace(name, "欧阳" + name[-1] + "明"), encoding="utf-8")


def _retitle(corpus: Path) -> None:
    page = _pages(corpus)[1]
    text = page.read_text(encoding="utf-8")
    lines = text.splitlines()
    # the first headline-looking line (short, no full stop) gets a new wording
    for i, line in enumerate(lines):
        if 4 <= len(line.strip()) <= 30 and "。" not in line:
            lines[i] = line + "（更正）"
            break
    page.write_text("\n".join(lines) + "\n", encoding="utf-8")


STEPS: dict[str, Callable[[Path], None]] = {
    "one article added": _append_record,
    "a second article in the same file": lambda c: _append_record(c, VISIT),
    "an official renamed on a page": _rename_person,
    "a headline changed": _retitle,
    "the last page removed": lambda c: _pages(c)[-1].unlink(),
    "the first page removed": lambda c: _pages(c)[0].unlink(),
    "the added file removed": lambda c: (c / "zz-added.jsonl").unlink(),
}


@pytest.mark.parametrize("html_max_nodes", [2000, 40], ids=["whole-explorer", "overview-of-40"])
def test_incremental_every_change_gives_the_bytes_of_a_full_build(tmp_path: Path, html_max_nodes: int) -> None:
    corpus = _corpus(tmp_path)
    live = LiveBuild()
    assert _same_as_full(corpus, tmp_path, live, html_max_nodes=html_max_nodes) > 30  # every graph, once
    assert _same_as_full(corpus, tmp_path, live, html_max_nodes=html_max_nodes) == 0  # nothing changed
    rebuilt = {}
    for name, step in STEPS.items():
        step(corpus)
        rebuilt[name] = _same_as_full(corpus, tmp_path, live, html_max_nodes=html_max_nodes)
    # a new article rebuilds its own graph and no other
    assert rebuilt["one article added"] == 1


@pytest.mark.parametrize("seed", range(4))
def test_incremental_random_edits_give_the_bytes_of_a_full_build(tmp_path: Path, seed: int) -> None:
    """Edits a correction desk makes: sentences dropped, pages duplicated, names and places changed."""
    rng = random.Random(seed)
    corpus = _corpus(tmp_path)
    live = LiveBuild()
    _same_as_full(corpus, tmp_path, live, html_max_nodes=60)
    for step in range(5):
        pages = _pages(corpus)
        page = rng.choice(pages)
        text = page.read_text(encoding="utf-8")
        sentences = text.split("。")
        action = rng.choice(("drop", "copy", "swap", "place"))
        if action == "drop" and len(sentences) > 3:
            del sentences[rng.randrange(1, len(sentences) - 1)]
            page.write_text("。".join(sentences), encoding="utf-8")
        elif action == "copy":
            shutil.copy(page, corpus / f"zz{seed}{step}_{page.name}")
        elif action == "swap":
            a, b = rng.sample(range(len(sentences)), 2)
            sentences[a], sentences[b] = sentences[b], sentences[a]
            page.write_text("。".join(sentences), encoding="utf-8")
        else:
            page.write_text(text.replace("管城", "金水", 2), encoding="utf-8")
        _same_as_full(corpus, tmp_path, live, html_max_nodes=60)


def test_incremental_a_failed_build_leaves_the_next_one_right(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path)
    live = LiveBuild()
    _same_as_full(corpus, tmp_path, live)
    (corpus / "zz-bad.jsonl").write_text("{not json\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"zz-bad\.jsonl:1"):
        build([corpus], tmp_path / "live", cache_dir=tmp_path / "cache", live=live)
    (corpus / "zz-bad.jsonl").unlink()
    _append_record(corpus)
    _same_as_full(corpus, tmp_path, live)


def test_incremental_other_settings_start_over(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path)
    live = LiveBuild()
    _same_as_full(corpus, tmp_path, live, html_max_nodes=2000)
    assert _same_as_full(corpus, tmp_path, live, html_max_nodes=50) > 30


def test_incremental_needs_the_local_executor(tmp_path: Path) -> None:
    with pytest.raises(Exception, match="local"):
        build([SEEDS], tmp_path / "out", executor="dask", live=LiveBuild())


def test_incremental_triple_index_forgets_what_it_is_told_to() -> None:
    index = TripleIndex([("a", "p", "b"), ("a", "p", "c"), ("d", "q", "a")])  # type: ignore[list-item]
    assert index.around("a") == {"b", "c", "d"}
    index.remove(("a", "p", "b"))  # type: ignore[arg-type]
    index.remove(("d", "q", "a"))  # type: ignore[arg-type]
    assert list(index.objects("a", "p")) == ["c"]  # type: ignore[arg-type]
    assert index.around("a") == {"c"}
    index.add(("a", "p", "b"))  # type: ignore[arg-type]
    assert sorted(index.objects("a", "p")) == ["b", "c"]  # type: ignore[arg-type]


# ----------------------------------------------------------------------------------------- kg watch


def test_watch_builds_again_after_each_change_and_reports_failures(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path)
    outcomes: list[Outcome] = []
    changes = iter([
        lambda: _append_record(corpus),
        lambda: (corpus / "zz-bad.jsonl").write_text("{not json\n", encoding="utf-8"),
        lambda: (corpus / "zz-bad.jsonl").unlink(),
    ])

    def sleep(seconds: float) -> None:  # each pause of the watch brings the next change
        next(changes)()

    watch([corpus], tmp_path / "out", DEFAULT_SETTINGS, report=outcomes.append, cache_dir=tmp_path / "cache",
          builds=4, sleep=sleep)
    articles = [o.report.articles if o.report else None for o in outcomes]
    assert articles == [34, 35, None, 35]
    assert outcomes[2].error is not None and "zz-bad.jsonl:1" in str(outcomes[2].error)
    build([corpus], tmp_path / "full", use_cache=False)
    for name in ("kg.ttl", "kg.trig", "kg.html"):
        assert (tmp_path / "out" / name).read_bytes() == (tmp_path / "full" / name).read_bytes()


def test_watch_snapshot_sees_new_changed_and_missing_files(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path)
    first = snapshot([corpus])
    assert snapshot([corpus]) == first
    _append_record(corpus)
    second = snapshot([corpus])
    assert second != first
    _append_record(corpus)  # the same file grows
    assert snapshot([corpus]) != second
    assert "no such file" in str(snapshot([tmp_path / "missing"]))


def test_watch_command_builds_and_stops(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path)
    done = subprocess.run([sys.executable, "-m", "kg", "watch", str(corpus), "--out", str(tmp_path / "out"),
                           "--builds", "1"], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert "kg watch: watching" in done.stderr
    assert "built 34 articles" in done.stderr
    assert (tmp_path / "out" / "kg.html").exists()


def test_watch_does_not_watch_its_own_output(tmp_path: Path) -> None:
    """With --out inside the watched directory, writing the exports is not a change to build again for."""
    corpus = _corpus(tmp_path)
    outcomes: list[Outcome] = []

    class Enough(Exception):
        pass

    looks: list[float] = []

    def sleep(seconds: float) -> None:
        looks.append(seconds)
        if len(looks) == 3:
            raise Enough

    with pytest.raises(Enough):
        watch([corpus], corpus / "out", DEFAULT_SETTINGS, report=outcomes.append, cache_dir=tmp_path / "cache",
              sleep=sleep)
    assert len(outcomes) == 1 and outcomes[0].report is not None and outcomes[0].report.articles == 34
    assert (corpus / "out" / "rejects.jsonl").exists()
    assert all("/out/" not in path for path, _, _ in snapshot([corpus], [corpus / "out"]))


def test_watch_command_stops_on_sigterm_with_the_exports_whole(tmp_path: Path) -> None:
    import signal
    import time

    corpus = _corpus(tmp_path)
    process = subprocess.Popen([sys.executable, "-m", "kg", "watch", str(corpus), "--out", str(tmp_path / "out"),
                                "--interval", "0.1"], cwd=ROOT, stderr=subprocess.PIPE, text=True)
    assert process.stderr is not None
    lines = []
    deadline = time.monotonic() + 240
    while time.monotonic() < deadline:
        line = process.stderr.readline()
        lines.append(line)
        if "built 34 articles" in line or not line:
            break
    process.send_signal(signal.SIGTERM)
    _, rest = process.communicate(timeout=60)
    assert process.returncode == 0, "".join(lines) + rest
    assert "stopped" in rest
    assert (tmp_path / "out" / "kg.ttl").read_bytes().startswith(b"@prefix")


def test_incremental_other_split_settings_split_again(tmp_path: Path) -> None:
    """What a page splits into depends on the settings: a build with a lower size limit must not reuse
    the pages split under the higher one."""
    from kg.settings import Settings

    corpus = _corpus(tmp_path)
    live = LiveBuild()
    build([corpus], tmp_path / "live", cache_dir=tmp_path / "cache", live=live)
    strict = Settings(max_article_chars=1200, keep_going=True)
    build([corpus], tmp_path / "live", strict, cache_dir=tmp_path / "cache", live=live)
    build([corpus], tmp_path / "full", strict, use_cache=False)
    for name in ("kg.ttl", "kg.trig", "kg.html", "rejects.jsonl"):
        assert (tmp_path / "live" / name).read_bytes() == (tmp_path / "full" / name).read_bytes(), name
    assert (tmp_path / "full" / "rejects.jsonl").read_bytes()  # the limit did skip articles
