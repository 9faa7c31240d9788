"""Killed and concurrent builds: the output directory always holds one whole export set.

Each build runs in a subprocess through a small driver that pauses it at a chosen point (reading the
input, half-way through writing the staging directory, just before or just after the exchange) so the
signal lands exactly there; the exports are then compared byte for byte with reference builds.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kg.api import build, read_articles
from kg.errors import InputError
from kg.settings import Settings
from tests.conftest import ROOT, SEEDS

INPUT_A = SEEDS / "000_22cc25436233b631.txt"
INPUT_B = SEEDS / "001_e713b7ff9e0ddada.txt"

DRIVER = r'''
import sys, time
from pathlib import Path

marker, point, go = Path(sys.argv[1]), sys.argv[2], Path(sys.argv[3])
import kg.export.write as write
import kg.read.text as text


def pause():
    marker.write_text(point)
    time.sleep(300)


if point == "read":
    check_file = text.check_file
    text.check_file = lambda *a, **k: (pause(), check_file(*a, **k))[1]
elif point == "staging":
    write_file, count = write._write_file, []
    def _write_file(path, data):
        write_file(path, data)
        count.append(path)
        if len(count) == 2:
            pause()
    write._write_file = _write_file
elif point in ("commit", "committed"):
    exchange = write._exchange
    def _exchange(a, b):
        if point == "commit":
            pause()
        exchange(a, b)
        if point == "committed":
            pause()
    write._exchange = _exchange
elif point == "barrier":  # wait for the go file right before the commit, whether it renames or exchanges
    commit = write._commit
    def _commit(*args):
        marker.write_text(point)
        while not go.exists():
            time.sleep(0.01)
        commit(*args)
    write._commit = _commit

from kg.cli import main
sys.argv = ["kg", *sys.argv[4:]]
main()
'''


def _files(directory: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(directory.iterdir())}


def _leftovers(out: Path) -> list[str]:
    return sorted(p.name for p in out.parent.iterdir() if p.name.startswith(f".{out.name}.kg-"))


@pytest.fixture(scope="module")
def references(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, bytes]]:
    root = tmp_path_factory.mktemp("references")
    build([INPUT_A], root / "a")
    build([INPUT_B], root / "b")
    return {"a": _files(root / "a"), "b": _files(root / "b")}


def _start(tmp_path: Path, point: str, out: Path, tag: str = "") -> tuple[subprocess.Popen[bytes], Path]:
    driver = tmp_path / "driver.py"
    driver.write_text(DRIVER, encoding="utf-8")
    marker = tmp_path / f"reached{tag}"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    process = subprocess.Popen([sys.executable, str(driver), str(marker), point, str(tmp_path / "go"),
                                "build", str(INPUT_B if tag != "a" else INPUT_A), "--out", str(out)],
                               env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    return process, marker


def _wait_for(marker: Path, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 180
    while not marker.exists():
        if process.poll() is not None:
            raise AssertionError(f"the build ended before its pause point: {process.stderr.read()!r}")
        if time.monotonic() > deadline:
            process.kill()
            raise AssertionError("the build never reached its pause point")
        time.sleep(0.05)


CASES = [(sig, point) for point in ("read", "staging", "commit")
         for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGKILL)] + [(signal.SIGKILL, "committed")]


@pytest.mark.parametrize(("sig", "point"), CASES, ids=[f"{s.name}-{p}" for s, p in CASES])
def test_interrupt_leaves_one_whole_export_set(tmp_path: Path, references: dict[str, dict[str, bytes]],
                                               sig: signal.Signals, point: str) -> None:
    out = tmp_path / "exports"
    out.mkdir()
    for name, data in references["a"].items():
        (out / name).write_bytes(data)
    process, marker = _start(tmp_path, point, out)
    _wait_for(marker, process)
    process.send_signal(sig)
    _, stderr = process.communicate(timeout=60)
    expected = references["b"] if point == "committed" else references["a"]
    assert _files(out) == expected
    if sig == signal.SIGKILL:
        assert process.returncode == -signal.SIGKILL
    else:  # Ctrl-C and SIGTERM unwind: a message, the conventional status, and nothing left behind
        assert process.returncode == 128 + sig and b"interrupted" in stderr
        assert _leftovers(out) == []
    # the next build clears what a killed one left, and writes its own set
    build([INPUT_A], out)
    assert _files(out) == references["a"] and _leftovers(out) == []


@pytest.mark.parametrize("start_empty", [True, False])
def test_interrupt_two_builds_at_once_never_mix(tmp_path: Path, references: dict[str, dict[str, bytes]],
                                                start_empty: bool) -> None:
    out = tmp_path / "exports"
    if not start_empty:
        out.mkdir()
        (out / "README.md").write_text("kept across builds", encoding="utf-8")
    first, marker_a = _start(tmp_path, "barrier", out, "a")
    second, marker_b = _start(tmp_path, "barrier", out, "b")
    _wait_for(marker_a, first)
    _wait_for(marker_b, second)
    (tmp_path / "go").touch()  # both builds swap their sets in at the same moment
    for process in (first, second):
        _, stderr = process.communicate(timeout=120)
        assert process.returncode == 0, stderr
    files = _files(out)
    extra = {} if start_empty else {"README.md": b"kept across builds"}
    assert files in ({**references["a"], **extra}, {**references["b"], **extra})
    assert _leftovers(out) == []


def test_interrupt_failed_build_keeps_previous_exports(tmp_path: Path,
                                                       references: dict[str, dict[str, bytes]]) -> None:
    out = tmp_path / "exports"
    build([INPUT_A], out)
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"text": "ok"}\n{oops\n', encoding="utf-8")
    with pytest.raises(InputError, match="malformed JSON"):
        build([bad], out)
    assert _files(out) == references["a"]


WORKER_DRIVER = r'''
import os, signal, sys, time
from pathlib import Path

import kg.api

marker, mode = Path(sys.argv[1]), sys.argv[2]
kg.api.MIN_ARTICLES_PER_WORKER = 1  # the seeds are few: let the pool run anyway
real = kg.api._extract_one


def extract(state, article):
    if mode == "die" and article.id.startswith("001"):
        os.kill(os.getpid(), signal.SIGKILL)  # as the kernel's out-of-memory killer would
    if mode == "slow":
        with open(marker, "a", encoding="utf-8") as log:
            log.write(article.id + "\n")
        time.sleep(0.5)
    return real(state, article)


kg.api._extract_one = extract
from kg.cli import main
sys.argv = ["kg", *sys.argv[3:]]
main()
'''


def _start_workers(tmp_path: Path, mode: str, out: Path) -> tuple[subprocess.Popen[bytes], Path]:
    driver = tmp_path / "worker_driver.py"
    driver.write_text(WORKER_DRIVER, encoding="utf-8")
    marker = tmp_path / "extracting"
    process = subprocess.Popen([sys.executable, str(driver), str(marker), mode, "build", str(SEEDS),
                                "--out", str(out), "--jobs", "2", "--no-cache"],
                               env={**os.environ, "PYTHONPATH": str(ROOT)},
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    return process, marker


def test_interrupt_dead_worker_fails_the_build_instead_of_hanging(tmp_path: Path,
                                                                  references: dict[str, dict[str, bytes]]) -> None:
    out = tmp_path / "exports"
    build([INPUT_A], out)
    process, _ = _start_workers(tmp_path, "die", out)
    _, stderr = process.communicate(timeout=120)  # a multiprocessing.Pool waited here forever
    assert process.returncode == 1
    assert b"kg: error: a worker process died (killed by SIGKILL)" in stderr
    assert _files(out) == references["a"] and _leftovers(out) == []


def test_interrupt_ctrl_c_stops_the_workers_at_once(tmp_path: Path,
                                                    references: dict[str, dict[str, bytes]]) -> None:
    out = tmp_path / "exports"
    build([INPUT_A], out)
    process, marker = _start_workers(tmp_path, "slow", out)
    _wait_for(marker, process)
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 130 and b"interrupted" in stderr
    # the articles still queued (0.5 s each) were dropped, not extracted before stopping
    started = marker.read_text(encoding="utf-8").split()
    assert len(started) < len(list(read_articles([SEEDS], Settings()))) // 2
    assert _files(out) == references["a"] and _leftovers(out) == []
