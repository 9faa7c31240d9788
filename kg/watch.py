"""``kg watch``: build, then build again whenever an input file changes, keeping the build in memory.

A newsroom's corpus grows by a few pages a day. A cold ``kg build`` after one new page pays for
starting Python, loading the gazetteer and the segmenter, and the whole corpus's graph and export; a
watched build keeps all of that (``kg.incremental.LiveBuild``) and redoes only what the change
touched. The inputs are polled (file names, sizes and modification times), which works the same on
every system and file system, network shares included, and costs a few milliseconds per thousand
files.

A build that fails (a bad record, a file being written) is reported and leaves the previous exports
in place, as ``kg build`` does; watching goes on, and the next change builds again.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from kg.api import BuildReport, build, warm_resources
from kg.errors import KGError
from kg.incremental import LiveBuild
from kg.read import expand_inputs
from kg.settings import HTML_MAX_NODES, Settings

Snapshot = tuple[tuple[str, int, int], ...] | str


@dataclass(frozen=True)
class Outcome:
    """One build of a watch: its report, or the error that stopped it, and how long it took."""

    seconds: float
    report: BuildReport | None = None
    error: KGError | None = None


def snapshot(inputs: Sequence[str | Path], outputs: Sequence[str | Path] = ()) -> Snapshot:
    """What the inputs look like: each file's path, size and modification time, or why they cannot be
    listed (a missing directory). Any difference from the last look means: build again. The build's
    ``outputs``, when they lie in an input directory, are not inputs (a watch would build forever)."""
    try:
        files = expand_inputs(inputs, outputs=outputs)
    except KGError as error:
        return str(error)
    found = []
    for path in files:
        try:
            stat = path.stat()
        except OSError:
            found.append((str(path), -1, -1))  # gone since it was listed: the next look tells
        else:
            found.append((str(path), stat.st_size, stat.st_mtime_ns))
    return tuple(found)


def watch(inputs: Sequence[str | Path], out_dir: str | Path, settings: Settings, *,
          report: Callable[[Outcome], None], interval: float = 1.0, formats: Sequence[str] = (),
          jobs: int = 1, cache_dir: str | Path | None = None, html_max_nodes: int | None = HTML_MAX_NODES,
          builds: int | None = None, sleep: Callable[[float], None] = time.sleep) -> None:
    """Build ``inputs`` into ``out_dir`` now and after every change, until interrupted (or ``builds``
    builds have run: for tests). ``report`` hears of every build."""
    live = LiveBuild()
    last: Snapshot | None = None
    done = 0
    while builds is None or done < builds:
        now = snapshot(inputs, (out_dir,))
        if now != last:
            last = now
            started = time.perf_counter()
            try:
                result = build(inputs, out_dir, settings, formats=formats, jobs=jobs, cache_dir=cache_dir,
                               html_max_nodes=html_max_nodes, live=live)
            except KGError as error:
                report(Outcome(time.perf_counter() - started, error=error))
            else:
                report(Outcome(time.perf_counter() - started, report=result))
            if not done:
                warm_resources(settings)  # a first build from the cache extracted nothing: the first change would
            done += 1
            continue  # a file written during the build shows at once
        sleep(interval)
