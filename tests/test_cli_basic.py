"""The command line in-process: help on every command, build and query round trip."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import cli


@pytest.mark.parametrize("command", [[], *([name] for name in sorted(cli.commands))])
def test_cli_every_command_has_help(command: list[str]) -> None:
    result = CliRunner().invoke(cli, [*command, "--help"])
    assert result.exit_code == 0 and "Example" in result.output


def test_cli_query_prints_a_table(seed_build: Path) -> None:
    result = CliRunner().invoke(cli, ["query", str(seed_build),
                                      "SELECT ?name WHERE { ?p a kg:Official ; rdfs:label ?name } ORDER BY ?name"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].strip() == "name" and "张艳敏" in result.output and lines[-1].endswith("rows)")


def test_cli_query_from_file_and_bad_sparql(seed_build: Path, tmp_path: Path) -> None:
    query = tmp_path / "q.rq"
    query.write_text("ASK { ?s a kg:Article }", encoding="utf-8")
    result = CliRunner().invoke(cli, ["query", str(seed_build), "--file", str(query)])
    assert result.exit_code == 0 and "true" in result.output
    bad = CliRunner().invoke(cli, ["query", str(seed_build), "SELECT WHERE {"])
    assert bad.exit_code == 2 and bad.stderr.startswith("kg: error: bad SPARQL")


def test_cli_query_missing_graph(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["query", str(tmp_path), "ASK {}"])
    assert result.exit_code == 2 and "no graph in this directory" in result.stderr


def test_cli_python_dash_m_works() -> None:
    result = subprocess.run([sys.executable, "-m", "kg", "--version"], capture_output=True, text=True, check=False)
    assert result.returncode == 0 and result.stdout.startswith("kg, version")


def _kg(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "kg", *args], capture_output=True, text=True, check=False)


def test_cli_process_ends_with_each_status_and_all_its_output(seed_build: Path, tmp_path: Path) -> None:
    # the command ends the process without the interpreter's teardown: what it printed must still all
    # arrive, and the status must be the command's
    table = _kg("query", str(seed_build), "SELECT ?s ?p ?o WHERE { ?s ?p ?o } ORDER BY ?s ?p ?o")
    assert table.returncode == 0, table.stderr
    assert table.stdout.rstrip().endswith("rows)") and len(table.stdout.splitlines()) > 1000
    missing = _kg("build", str(tmp_path / "nowhere"), "--out", str(tmp_path / "out"))
    assert missing.returncode == 2 and "no such file or directory" in missing.stderr
    unknown = _kg("no-such-command")
    assert unknown.returncode == 2 and "No such command" in unknown.stderr


def test_cli_end_reports_a_message_status(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    import kg.cli

    ended: list[int] = []
    monkeypatch.setattr(kg.cli.os, "_exit", ended.append)
    monkeypatch.setattr(kg.cli.sys, "gettrace", lambda: None)  # under coverage, the exit is the normal one
    kg.cli._end("stopped: a message")  # os._exit is patched, so _end returns
    kg.cli._end(None)
    kg.cli._end(3)
    assert ended == [1, 0, 3] and "stopped: a message" in capsys.readouterr().err


def test_cli_exits_normally_under_a_profiler(tmp_path: Path) -> None:
    report = tmp_path / "profile.out"
    done = subprocess.run([sys.executable, "-m", "cProfile", "-o", str(report), "-m", "kg", "--version"],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0 and report.stat().st_size > 0  # written at exit
