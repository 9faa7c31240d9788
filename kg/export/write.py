"""Write the whole export set at once: a build killed at any moment leaves the previous set whole.

The set is written into a staging directory beside the output directory, and the two directories are
then exchanged in one atomic step (``renameat2(RENAME_EXCHANGE)`` on Linux, ``renamex_np(RENAME_SWAP)``
on macOS). Before the exchange the output directory still holds the previous set, untouched; after it,
the new one. No moment exists in between, so neither a signal nor a power cut can leave a mix, and
two builds into the same directory each swap in a complete set of their own: the last to finish wins.

Files in the output directory that a build does not write (a README, queries) are carried over into
the staging directory as hard links before the exchange. Each staging directory has a lock file
beside it, held with ``flock`` while its build runs: a later build removes the staging directories of
builds that died (killed with SIGKILL, power cut) and only those.

Where the exchange is not available (other systems, some network file systems) the files are replaced
one by one under an exclusive lock, with SIGINT and SIGTERM held back while they are swapped: builds
still never interleave, but a SIGKILL inside that short loop could leave a mix.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import fcntl
import logging
import os
import shutil
import signal
import sys
import tempfile
from collections.abc import Iterator, Mapping
from pathlib import Path

from kg.errors import WriteError

log = logging.getLogger(__name__)

_RENAME_EXCHANGE = 2  # linux/fs.h
_RENAME_SWAP = 2  # macOS stdio.h
_AT_FDCWD = -100
_UNSUPPORTED = {errno.EINVAL, errno.ENOSYS, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV, errno.EPERM}


def _exchange(a: Path, b: Path) -> None:
    """Swap two directory entries in one step; ``OSError`` (ENOSYS where impossible) otherwise."""
    libc = ctypes.CDLL(None, use_errno=True)
    if sys.platform.startswith("linux") and hasattr(libc, "renameat2"):
        result = libc.renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
    elif sys.platform == "darwin" and hasattr(libc, "renamex_np"):
        result = libc.renamex_np(os.fsencode(a), os.fsencode(b), _RENAME_SWAP)
    else:
        raise OSError(errno.ENOSYS, "atomic exchange is not available", str(b))
    if result != 0:
        code = ctypes.get_errno()
        raise OSError(code, os.strerror(code), str(b))


def _fsync_dir(path: Path) -> None:
    with contextlib.suppress(OSError):  # not every system can sync a directory
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _write_file(path: Path, data: bytes) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())


def _link_or_copy(source: str, destination: str) -> None:
    try:
        os.link(source, destination)
    except OSError:
        shutil.copy2(source, destination)


def _carry_over(target: Path, staging: Path, owned: set[str]) -> None:
    """Bring the files a build does not write (a README, queries) into the new set."""
    for entry in os.scandir(target):
        if entry.name in owned or entry.name.startswith(".kg-"):  # .kg-*: temp files of older versions
            continue
        destination = staging / entry.name
        if entry.is_symlink():
            os.symlink(os.readlink(entry.path), destination)
        elif entry.is_dir():
            shutil.copytree(entry.path, destination, symlinks=True, copy_function=_link_or_copy)
        else:
            _link_or_copy(entry.path, str(destination))


def remove_stale(parent: Path, name: str) -> None:
    """Remove the staging directories of builds into ``parent/name`` that died before cleaning up."""
    for lock in sorted(parent.glob(f".{name}.kg-*.lock")):
        try:
            fd = os.open(lock, os.O_RDWR)
        except OSError:
            continue
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            os.close(fd)
            continue  # its build is still running
        try:
            shutil.rmtree(lock.with_suffix(""), ignore_errors=True)
            lock.unlink(missing_ok=True)
            log.info("removed the remains of an interrupted build: %s", lock.with_suffix(""))
        finally:
            os.close(fd)


@contextlib.contextmanager
def _staging(parent: Path, name: str) -> Iterator[Path]:
    """A fresh staging directory beside ``parent/name``, locked while in use and removed afterwards."""
    fd, lock_name = tempfile.mkstemp(prefix=f".{name}.kg-", suffix=".lock", dir=parent)
    lock = Path(lock_name)
    staging = lock.with_suffix("")
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        os.mkdir(staging, 0o777 & ~_umask())
        yield staging
    finally:
        # after an exchange this holds the previous set; before it, a half-written new one
        shutil.rmtree(staging, ignore_errors=True)
        lock.unlink(missing_ok=True)
        os.close(fd)


@contextlib.contextmanager
def _signals_held() -> Iterator[None]:
    """Hold SIGINT and SIGTERM back (they are delivered afterwards) while files are swapped one by one."""
    held = {signal.SIGINT, signal.SIGTERM}
    try:
        previous = signal.pthread_sigmask(signal.SIG_BLOCK, held)
    except (AttributeError, OSError, ValueError):
        yield
        return
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def _replace_each(staging: Path, target: Path, names: list[str]) -> None:
    """The fallback: replace the files one by one under a lock, so that two builds never interleave."""
    with open(target.parent / f".{target.name}.kg-commit", "a+b") as lock:
        fcntl.flock(lock.fileno(), fcntl.LOCK_EX)
        with _signals_held():
            for name in names:
                os.replace(staging / name, target / name)
        _fsync_dir(target)


def _commit(staging: Path, target: Path, names: list[str]) -> None:
    for _ in range(5):  # another build may create or swap the directory at the same moment
        if os.path.lexists(target):
            try:
                _exchange(staging, target)
                return
            except OSError as exc:
                if exc.errno == errno.ENOENT:
                    continue
                if exc.errno not in _UNSUPPORTED:
                    raise
                log.info("atomic exchange unavailable (%s); replacing files one by one", exc.strerror)
                _replace_each(staging, target, names)
                return
        try:
            os.rename(staging, target)
            return
        except OSError as exc:
            if exc.errno not in (errno.EEXIST, errno.ENOTEMPTY):
                raise
    raise OSError(errno.EBUSY, "the output directory keeps changing", str(target))


def write_exports(out_dir: str | Path, files: Mapping[str, bytes]) -> tuple[Path, ...]:
    """Replace the export set in ``out_dir`` with ``files`` (name → bytes) as one atomic step."""
    target = Path(out_dir)
    if target.is_symlink():  # keep the link: swap the directory it points to
        target = Path(os.path.realpath(target))
    target = target.absolute()
    names = sorted(files)
    try:
        if target.exists() and not target.is_dir():
            raise WriteError(str(out_dir), "it is a file, not a directory")
        target.parent.mkdir(parents=True, exist_ok=True)
        remove_stale(target.parent, target.name)
        with _staging(target.parent, target.name) as staging:
            for name in names:
                _write_file(staging / name, files[name])
            if target.is_dir():
                _carry_over(target, staging, set(names))
                os.chmod(staging, target.stat().st_mode & 0o7777)
            _fsync_dir(staging)
            _commit(staging, target, names)
            _fsync_dir(target.parent)
    except OSError as exc:
        raise WriteError(str(out_dir), exc.strerror or str(exc)) from None
    return tuple(Path(out_dir) / name for name in names)


def write_file(path: str | Path, data: bytes) -> Path:
    """Write one file atomically (a temporary file beside it, then a rename): for single-file outputs
    such as a focused explorer page, where swapping a whole directory would be wrong."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.kg-", suffix=".tmp", dir=target.parent)
    try:
        os.chmod(tmp_name, 0o666 & ~_umask())
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp_name, target)
    except BaseException:
        Path(tmp_name).unlink(missing_ok=True)
        raise
    return target
