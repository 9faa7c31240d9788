"""Bad input: a one-line message naming the file (and line), exit status 2, nothing written."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import cli
from kg.errors import InputError
from kg.read import read_inputs
from kg.split import split_source

GOOD = "# 标题\n\n本报讯 8月9日上午，区委书记张三出席会议。\n\n记者 王五\n"


def _jsonl(tmp_path: Path, *lines: str) -> Path:
    path = tmp_path / "in.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def _empty_dir(tmp: Path) -> Path:
    (tmp / "empty").mkdir()
    return tmp / "empty"


CASES = {
    "missing path": (lambda tmp: tmp / "nope.txt", "no such file", None),
    "directory with no inputs": (_empty_dir, "no .txt or .jsonl", None),
    "non-UTF-8 file": (lambda tmp: _write(tmp / "gbk.txt", "本报讯 会议召开。".encode("gbk")), "not valid utf-8", 1),
    "binary file": (lambda tmp: _write(tmp / "bin.txt", b"ab\n\x00\x01\x02"), "binary", 2),
    "empty file": (lambda tmp: _write(tmp / "empty.txt", b"\n \n"), "empty", None),
    "malformed JSON line": (lambda tmp: _jsonl(tmp, json.dumps({"text": GOOD}), "{not json"), "malformed JSON", 2),
    "JSON line without text": (lambda tmp: _jsonl(tmp, json.dumps({"id": "a1"})), "no 'text'", 1),
    "duplicate id": (lambda tmp: _jsonl(tmp, json.dumps({"id": "a", "text": GOOD}),
                                        json.dumps({"id": "a", "text": GOOD})), "duplicate id", 2),
    "unsupported file type": (lambda tmp: _write(tmp / "x.csv", b"a"), "unsupported input", None),
    "bad date": (lambda tmp: _jsonl(tmp, json.dumps({"text": GOOD, "date": "2024/08/01"})), "YYYY-MM-DD", 1),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_input_errors_name_file_and_line(tmp_path: Path, case: str) -> None:
    make, reason, line = CASES[case]
    path = make(tmp_path)
    with pytest.raises(InputError) as info:
        list(read_inputs([path]))
    assert reason in str(info.value)
    assert str(info.value).startswith(str(path))
    assert info.value.line == line


@pytest.mark.parametrize("case", sorted(CASES))
def test_input_errors_cli_exit_2_and_nothing_written(tmp_path: Path, case: str) -> None:
    make, reason, _ = CASES[case]
    path = make(tmp_path)
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["build", str(path), "--out", str(out)])
    assert result.exit_code == 2, result.output
    message = result.stderr.strip().splitlines()
    assert len(message) == 1 and message[0].startswith("kg: error: ") and reason in message[0]
    assert not out.exists() or not any(out.iterdir())


def test_input_errors_gbk_hint_names_the_option(tmp_path: Path) -> None:
    path = tmp_path / "gbk.txt"
    path.write_bytes("本报讯 会议召开。".encode("gb18030"))
    with pytest.raises(InputError, match="--encoding gb18030"):
        list(read_inputs([path]))
    assert list(read_inputs([path], encoding="gb18030"))


def test_input_errors_utf8_bom_and_crlf_are_fine(tmp_path: Path) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbf" + GOOD.replace("\n", "\r\n").encode("utf-8"))
    (source,) = read_inputs([path])
    (article,) = split_source(source)
    assert article.title == "标题" and "\r" not in article.text and article.reporters == ("王五",)


def test_input_errors_jsonl_fields_are_read(tmp_path: Path) -> None:
    path = _jsonl(tmp_path, json.dumps({"id": "稿件-1", "text": GOOD, "title": "标题", "date": "2024-08-10",
                                        "url": "https://example.org/a"}))
    (source,) = read_inputs([path])
    assert source.doc_id.isascii() and source.title == "标题" and str(source.published) == "2024-08-10"
