"""The Turtle and TriG exports load without an error or a warning in four independent parsers.

rdflib and pyoxigraph are our dependencies; Raptor's ``rapper`` (Debian raptor2-utils) and N3.js (npm
package n3) are installed by ``scripts/ci-loader-deps.sh``, and their tests skip, saying why, only
where that could not be done. Each parser must also read the same number of statements.
"""

from __future__ import annotations

import logging
import re
import shutil
import subprocess
import warnings
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Dataset, Graph

EXPORTS = [("kg.ttl", "turtle"), ("kg.trig", "trig")]
N3JS = """
const fs = require('fs');
const N3 = require('n3');
const [file, format] = process.argv.slice(2);
let count = 0;
new N3.Parser({ format }).parse(fs.readFileSync(file, 'utf8'), (error, quad) => {
  if (error) { console.error(error.message); process.exit(1); }
  if (quad) { count += 1; } else { console.log(count); }
});
"""


def _statements(path: Path, fmt: str) -> int:
    """The number of distinct statements pyoxigraph reads: the reference for the other parsers."""
    rdf_format = ox.RdfFormat.TURTLE if fmt == "turtle" else ox.RdfFormat.TRIG
    return len(set(ox.parse(path=str(path), format=rdf_format)))


@pytest.mark.parametrize(("name", "fmt"), EXPORTS)
def test_loaders_pyoxigraph_reads_export_strictly(seed_build: Path, name: str, fmt: str) -> None:
    rdf_format = ox.RdfFormat.TURTLE if fmt == "turtle" else ox.RdfFormat.TRIG
    quads = list(ox.parse(path=str(seed_build / name), format=rdf_format))  # strict: raises on any error
    assert quads
    iris = {t.value for q in quads for t in (q.subject, q.predicate, q.object, q.graph_name)
            if isinstance(t, ox.NamedNode)}
    assert all(iri.isascii() for iri in iris), sorted(i for i in iris if not i.isascii())[:5]
    assert not any(isinstance(t, ox.BlankNode) for q in quads for t in (q.subject, q.object))


@pytest.mark.parametrize(("name", "fmt"), EXPORTS)
def test_loaders_rdflib_reads_export_without_warnings(seed_build: Path, name: str, fmt: str,
                                                      caplog: pytest.LogCaptureFixture) -> None:
    graph: Graph = Dataset() if fmt == "trig" else Graph()
    with warnings.catch_warnings(record=True) as caught, caplog.at_level(logging.WARNING):
        warnings.simplefilter("always")
        graph.parse(seed_build / name, format=fmt)
    # rdflib warns about its own deprecated internals on every TriG parse; anything else is ours
    ours = [w for w in caught if not (issubclass(w.category, DeprecationWarning) and "rdflib" in w.filename)]
    assert ours == [], [str(w.message) for w in ours]
    assert [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING] == []
    count = len(set(graph.quads((None, None, None, None)))) if isinstance(graph, Dataset) else len(graph)
    assert count == _statements(seed_build / name, fmt)


@pytest.mark.parametrize(("name", "fmt"), EXPORTS)
def test_loaders_rapper_reads_export_without_warnings(seed_build: Path, name: str, fmt: str) -> None:
    rapper = shutil.which("rapper")
    if rapper is None:
        pytest.skip("rapper is not installed (Debian raptor2-utils; scripts/ci-loader-deps.sh installs it)")
    done = subprocess.run([rapper, "--count", "--input", fmt, str(seed_build / name)],
                          capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    assert not re.search(r"warning|error", done.stderr, re.IGNORECASE), done.stderr
    parsed = re.search(r"returned (\d+) (?:triples|statements)", done.stderr)
    assert parsed, done.stderr
    assert int(parsed.group(1)) == _statements(seed_build / name, fmt)


def _node_with_n3() -> tuple[str, dict[str, str]]:
    node, npm = shutil.which("node"), shutil.which("npm")
    if node is None or npm is None:
        pytest.skip("node/npm are not installed (scripts/ci-loader-deps.sh installs them)")
    root = subprocess.run([npm, "root", "--global"], capture_output=True, text=True, timeout=60,
                          check=False).stdout.strip()
    env = {"PATH": str(Path(node).parent), "NODE_PATH": root}
    probe = subprocess.run([node, "-e", "require('n3')"], capture_output=True, env=env, timeout=60,
                           check=False)
    if probe.returncode != 0:
        pytest.skip("the npm package n3 is not installed globally (scripts/ci-loader-deps.sh installs it)")
    return node, env


@pytest.mark.parametrize(("name", "fmt", "n3_format"), [("kg.ttl", "turtle", "text/turtle"),
                                                         ("kg.trig", "trig", "application/trig")])
def test_loaders_n3js_reads_export_without_errors(seed_build: Path, tmp_path: Path, name: str, fmt: str,
                                                  n3_format: str) -> None:
    node, env = _node_with_n3()
    script = tmp_path / "count.js"
    script.write_text(N3JS, encoding="utf-8")
    done = subprocess.run([node, str(script), str(seed_build / name), n3_format], capture_output=True,
                          text=True, env=env, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    # N3.js reports every statement it reads, duplicates too; the exports have none
    assert int(done.stdout.strip()) == _statements(seed_build / name, fmt)
