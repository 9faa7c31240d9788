"""The export writer: one atomic swap of the whole set, other files kept, remains of dead builds removed."""

from __future__ import annotations

import errno
import fcntl
import os
from pathlib import Path

import pytest

import kg.export.write as write
from kg.errors import WriteError
from kg.export.write import remove_stale, write_exports

OLD = {"kg.ttl": b"old ttl", "kg.html": b"old html"}
NEW = {"kg.ttl": b"new ttl", "kg.html": b"new html"}


def _files(directory: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(directory.iterdir()) if p.is_file()}


def test_write_creates_the_directory(tmp_path: Path) -> None:
    out = tmp_path / "a" / "b" / "exports"
    assert write_exports(out, NEW) == (out / "kg.html", out / "kg.ttl")
    assert _files(out) == NEW


def test_write_replaces_the_set_and_keeps_other_files(tmp_path: Path) -> None:
    out = tmp_path / "exports"
    write_exports(out, OLD)
    (out / "README.md").write_text("说明", encoding="utf-8")
    (out / "queries").mkdir()
    (out / "queries" / "q.rq").write_text("SELECT * {}", encoding="utf-8")
    write_exports(out, NEW)
    assert _files(out) == {**NEW, "README.md": "说明".encode()}
    assert (out / "queries" / "q.rq").read_text(encoding="utf-8") == "SELECT * {}"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["exports"]


def test_write_through_a_symlink_keeps_the_link(tmp_path: Path) -> None:
    (tmp_path / "real").mkdir()
    link = tmp_path / "exports"
    link.symlink_to(tmp_path / "real")
    write_exports(link, NEW)
    assert link.is_symlink() and _files(tmp_path / "real") == NEW


def test_write_files_follow_the_umask(tmp_path: Path) -> None:
    previous = os.umask(0o027)
    try:
        write_exports(tmp_path / "exports", NEW)
    finally:
        os.umask(previous)
    assert (tmp_path / "exports" / "kg.ttl").stat().st_mode & 0o777 == 0o640


def test_write_out_is_a_file(tmp_path: Path) -> None:
    (tmp_path / "exports").write_bytes(b"x")
    with pytest.raises(WriteError, match="not a directory"):
        write_exports(tmp_path / "exports", NEW)


def test_write_falls_back_to_locked_replace_without_exchange(tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    def unsupported(a: Path, b: Path) -> None:
        raise OSError(errno.ENOSYS, "no exchange here", str(b))

    monkeypatch.setattr(write, "_exchange", unsupported)
    out = tmp_path / "exports"
    write_exports(out, OLD)
    write_exports(out, NEW)
    assert _files(out) == NEW
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".lock")] == []


def test_write_failure_while_staging_leaves_the_old_set(tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "exports"
    write_exports(out, OLD)

    def disk_full(path: Path, data: bytes) -> None:
        raise OSError(errno.ENOSPC, "No space left on device", str(path))

    monkeypatch.setattr(write, "_write_file", disk_full)
    with pytest.raises(WriteError, match="No space left"):
        write_exports(out, NEW)
    assert _files(out) == OLD
    assert sorted(p.name for p in tmp_path.iterdir()) == ["exports"]


def test_write_remove_stale_spares_live_builds(tmp_path: Path) -> None:
    dead = tmp_path / ".exports.kg-dead"
    dead.mkdir()
    (dead / "kg.ttl").write_bytes(b"half")
    (tmp_path / ".exports.kg-dead.lock").touch()
    live_lock = tmp_path / ".exports.kg-live.lock"
    (tmp_path / ".exports.kg-live").mkdir()
    fd = os.open(live_lock, os.O_RDWR | os.O_CREAT)
    fcntl.flock(fd, fcntl.LOCK_EX)
    try:
        remove_stale(tmp_path, "exports")
        # the live build's lock is held through another open file, so it is spared
        assert sorted(p.name for p in tmp_path.iterdir()) == [".exports.kg-live", ".exports.kg-live.lock"]
    finally:
        os.close(fd)
