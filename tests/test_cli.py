"""The command line: exit codes, one-line messages naming file and line, help for every command."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from kg.cli import EXIT_CODES, cli

GOOD_PAGE = ("# 管城区召开项目观摩会\n\n本报讯（记者 李明）8月26日，管城区召开上半年项目观摩评比会，"
             "区委书记张强出席会议并讲话。\n")
GOOD_RECORD = {"id": "good-1", "title": "金水区部署防汛工作", "date": "2024-07-10",
               "text": "7月10日，金水区召开防汛工作会议，区长王勇出席会议。"}


def _run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def _files(directory: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(directory.iterdir())}


@pytest.fixture(scope="module")
def previous(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A finished build to fail over: its exports must come out of every failed build unchanged."""
    root = tmp_path_factory.mktemp("previous")
    (root / "page.txt").write_text(GOOD_PAGE, encoding="utf-8")
    result = _run("build", str(root / "page.txt"), "--out", str(root / "out"))
    assert result.exit_code == 0, result.output
    return root / "out"


@pytest.mark.parametrize("command", [[], ["build"], ["query"]])
def test_cli_every_command_has_help(command: list[str]) -> None:
    result = _run(*command, "--help")
    assert result.exit_code == 0 and "Usage:" in result.output and "Example" in result.output


def test_cli_group_lists_every_command() -> None:
    output = _run("--help").output
    assert all(name in output for name in cli.commands)  # type: ignore[attr-defined]


def test_cli_build_writes_the_export_set(tmp_path: Path, previous: Path) -> None:
    assert sorted(_files(previous)) == ["kg.html", "kg.trig", "kg.ttl", "rejects.jsonl"]
    assert _files(previous)["rejects.jsonl"] == b""
    assert b"article/page-01" in _files(previous)["kg.ttl"]


@pytest.mark.parametrize(("name", "content", "line", "words"), [
    ("bad.jsonl", b'{"text": "ok"}\n{"text": "broken"\n', 2, "malformed JSON"),
    ("bad.jsonl", b'{"title": "x"}\n', 1, "no 'text' field"),
    ("bad.jsonl", b'{"text": "a", "id": "1"}\n{"text": "b", "id": "1"}\n', 2, "duplicate id"),
    ("gbk.txt", GOOD_PAGE.encode("gbk"), 1, "--encoding gb18030"),
    ("bad.txt", b"\x89PNG\r\n\x1a\n\x00\x00", 3, "binary data"),
    ("empty.txt", b"\n\n", None, "empty file"),
])
def test_cli_bad_input_is_one_line_naming_file_and_line(tmp_path: Path, previous: Path, name: str,
                                                       content: bytes, line: int | None, words: str) -> None:
    before = _files(previous)
    path = tmp_path / name
    path.write_bytes(content)
    result = _run("build", str(path), "--out", str(previous))
    assert result.exit_code == EXIT_CODES["input"]
    where = f"{path}:{line}: " if line is not None else f"{path}: "
    assert result.stderr.startswith(f"kg: error: {where}") and words in result.stderr
    assert result.stderr.count("\n") == 1
    assert _files(previous) == before


def test_cli_gb18030_builds_with_the_option(tmp_path: Path) -> None:
    path = tmp_path / "page.txt"
    path.write_bytes(GOOD_PAGE.encode("gb18030"))
    result = _run("build", str(path), "--out", str(tmp_path / "out"), "--encoding", "gb18030")
    assert result.exit_code == 0, result.stderr
    assert "管城区召开项目观摩会".encode() in (tmp_path / "out" / "kg.ttl").read_bytes()


@pytest.mark.parametrize("args", [
    ["--encoding", "no-such-codec"],
    ["--max-article-chars", "10"],
    ["--home-city", "管城区"],
])
def test_cli_bad_setting_is_a_usage_error(tmp_path: Path, args: list[str]) -> None:
    (tmp_path / "page.txt").write_text(GOOD_PAGE, encoding="utf-8")
    result = _run("build", str(tmp_path / "page.txt"), "--out", str(tmp_path / "out"), *args)
    assert result.exit_code == EXIT_CODES["input"] and result.stderr.startswith("kg: error: setting ")
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("missing", ["nope.txt", "nope/"])
def test_cli_missing_input(tmp_path: Path, missing: str) -> None:
    result = _run("build", str(tmp_path / missing), "--out", str(tmp_path / "out"))
    assert result.exit_code == EXIT_CODES["input"] and "no such file or directory" in result.stderr


def test_cli_out_is_a_file(tmp_path: Path) -> None:
    (tmp_path / "page.txt").write_text(GOOD_PAGE, encoding="utf-8")
    (tmp_path / "out").write_text("not a directory", encoding="utf-8")
    result = _run("build", str(tmp_path / "page.txt"), "--out", str(tmp_path / "out"))
    assert result.exit_code == EXIT_CODES["input"] and "cannot write the exports" in result.stderr
    assert (tmp_path / "out").read_text(encoding="utf-8") == "not a directory"


def test_cli_keep_going_lists_rejects_and_builds_the_good_records(tmp_path: Path) -> None:
    lines = [json.dumps(GOOD_RECORD, ensure_ascii=False), '{"text": "半截', '{"id": "no-text"}',
             json.dumps({**GOOD_RECORD, "id": "good-2"}, ensure_ascii=False),
             json.dumps({"id": "good-1", "text": "重复的编号。"}, ensure_ascii=False)]
    (tmp_path / "in.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (tmp_path / "gbk.txt").write_bytes(GOOD_PAGE.encode("gbk"))
    (tmp_path / "page.txt").write_text(GOOD_PAGE, encoding="utf-8")
    out = tmp_path / "out"
    result = _run("build", str(tmp_path), "--out", str(out), "--keep-going")
    assert result.exit_code == EXIT_CODES["rejected"]
    assert "3 articles" in result.stderr and "4 record(s) rejected" in result.stderr
    rejects = [json.loads(line) for line in (out / "rejects.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [(Path(r["file"]).name, r["line"]) for r in rejects] == [
        ("gbk.txt", 1), ("in.jsonl", 2), ("in.jsonl", 3), ("in.jsonl", 5)]
    assert all(r["reason"] for r in rejects)
    turtle = (out / "kg.ttl").read_text(encoding="utf-8")
    for article in ("article/good-1", "article/good-2", "article/page-01"):
        assert article in turtle


def test_cli_without_keep_going_the_first_bad_record_stops_the_build(tmp_path: Path) -> None:
    (tmp_path / "in.jsonl").write_text(json.dumps(GOOD_RECORD, ensure_ascii=False) + "\n{oops\n",
                                       encoding="utf-8")
    result = _run("build", str(tmp_path / "in.jsonl"), "--out", str(tmp_path / "out"))
    assert result.exit_code == EXIT_CODES["input"] and f"{tmp_path / 'in.jsonl'}:2: " in result.stderr
    assert not (tmp_path / "out").exists()


def test_cli_article_over_the_limit_is_skipped_and_reported(tmp_path: Path) -> None:
    long_page = "# 超长的文章\n\n" + "管城区召开会议。" * 200 + "\n\n" + GOOD_PAGE
    (tmp_path / "page.txt").write_text(long_page, encoding="utf-8")
    out = tmp_path / "out"
    result = _run("build", str(tmp_path / "page.txt"), "--out", str(out), "--max-article-chars", "1000")
    assert result.exit_code == EXIT_CODES["rejected"]
    (reject,) = [json.loads(line) for line in (out / "rejects.jsonl").read_bytes().splitlines()]
    assert (reject["line"], reject["article"]) == (1, "page-01") and "over the limit" in reject["reason"]
    assert "article/page-02" in (out / "kg.ttl").read_text(encoding="utf-8")


def test_cli_nothing_left_to_build_fails(tmp_path: Path) -> None:
    (tmp_path / "in.jsonl").write_text("{oops\n", encoding="utf-8")
    result = _run("build", str(tmp_path / "in.jsonl"), "--out", str(tmp_path / "out"), "--keep-going")
    assert result.exit_code == EXIT_CODES["input"] and "no article to build" in result.stderr


def test_cli_query_missing_graph(tmp_path: Path) -> None:
    result = _run("query", str(tmp_path / "none"), "SELECT * WHERE { ?s ?p ?o }")
    assert result.exit_code == EXIT_CODES["input"] and "no such graph" in result.stderr


def test_cli_query_needs_exactly_one_query(previous: Path) -> None:
    assert _run("query", str(previous)).exit_code == EXIT_CODES["input"]


def test_cli_query_runs_over_a_build(previous: Path) -> None:
    result = _run("query", str(previous), "SELECT ?t WHERE { ?a a kg:Article ; rdfs:label ?t }")
    assert result.exit_code == 0 and "管城区召开项目观摩会" in result.output
