"""Reading .jsonl articles: each bad line is named by file and line; keep-going reads on past it."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from kg.errors import InputError, TooLargeError
from kg.read import read_inputs
from kg.read.jsonl import read_jsonl, record_limit

GOOD = {"id": "zz-001", "title": "管城区召开会议", "date": "2024-08-26", "text": "8月26日，管城区召开会议。"}


def _write(path: Path, *lines: str | bytes) -> Path:
    path.write_bytes(b"\n".join(line if isinstance(line, bytes) else line.encode() for line in lines) + b"\n")
    return path


def _error(path: Path, **options: object) -> InputError:
    with pytest.raises(InputError) as caught:
        list(read_inputs([path], **options))  # type: ignore[arg-type]
    return caught.value


@pytest.mark.parametrize(("bad_line", "words"), [
    ('{"text": "管城区召开会议。"', "malformed JSON"),
    ("{'text': '单引号不是JSON'}", "malformed JSON"),
    ('{"text": NaN}', "malformed JSON"),
    ('["管城区召开会议。"]', "expected a JSON object"),
    ('{"title": "只有标题"}', "no 'text' field"),
    ('{"text": 42}', "'text' must be a string"),
    ('{"text": "  \\n "}', "empty article"),
    ('{"text": "正文。", "date": "2024年8月26日"}', "'date' must be YYYY-MM-DD"),
    ('{"text": "正文。", "url": ["a"]}', "'url' must be a string"),
    ('{"text": "正文。", "id": " "}', "'id' is blank"),
    ('{"text": "正文。", "id": "zz-001"}', "duplicate id"),
    ("[" * 100_000, "malformed JSON"),
])
def test_jsonl_bad_line_names_file_and_line(tmp_path: Path, bad_line: str, words: str) -> None:
    path = _write(tmp_path / "in.jsonl", json.dumps(GOOD, ensure_ascii=False), "", bad_line)
    error = _error(path)
    assert (error.path, error.line) == (str(path), 3)
    assert words in error.reason


def test_jsonl_non_utf8_line_names_the_encoding(tmp_path: Path) -> None:
    path = _write(tmp_path / "in.jsonl", json.dumps(GOOD, ensure_ascii=False).encode("gbk"))
    error = _error(path)
    assert error.line == 1 and "--encoding gb18030" in error.reason
    (source,) = read_jsonl(path, encoding="gb18030")
    assert source.text == GOOD["text"]


def test_jsonl_binary_file(tmp_path: Path) -> None:
    path = _write(tmp_path / "in.jsonl", b"\x00\x01\x02\x03garbage")
    assert "binary data" in _error(path).reason


@pytest.mark.parametrize("content", [b"", b"\n\n  \n"])
def test_jsonl_empty_file(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "in.jsonl"
    path.write_bytes(content)
    error = _error(path)
    assert error.line is None and "empty file" in error.reason


def test_jsonl_record_fields(tmp_path: Path) -> None:
    path = _write(tmp_path / "in.jsonl", "\ufeff" + json.dumps(GOOD, ensure_ascii=False),
                  json.dumps({"text": "第二条\r\n正文。"}, ensure_ascii=False))
    first, second = read_jsonl(path)
    assert (first.doc_id, first.title, str(first.published), first.line) == \
        ("zz-001", "管城区召开会议", "2024-08-26", 1)
    assert (second.text, second.line) == ("第二条\n正文。", 2)
    assert re.fullmatch(r"in-l2-[0-9a-f]{6}", second.doc_id)  # file, line and a digest of the text


def test_jsonl_utf16_file_reads_with_the_option(tmp_path: Path) -> None:
    path = tmp_path / "in.jsonl"
    path.write_bytes((json.dumps(GOOD, ensure_ascii=False) + "\n").encode("utf-16"))
    assert "--encoding utf-16" in _error(path).reason
    (source,) = read_jsonl(path, encoding="utf-16")
    assert source.text == GOOD["text"]


def test_jsonl_keep_going_reads_past_bad_lines(tmp_path: Path) -> None:
    path = _write(tmp_path / "in.jsonl", '{"text": "第一条。"}', "{oops", '{"id": 7}',
                  '{"text": "第四条。", "id": "x"}', '{"text": "第五条。", "id": "X"}',
                  '{"text": "第六条。"}')
    errors: list[InputError] = []
    sources = list(read_inputs([path], on_error=errors.append))
    assert [s.line for s in sources] == [1, 4, 6]
    assert [(e.line, e.reason.split(":")[0]) for e in errors] == [
        (2, "malformed JSON"), (3, "record has no 'text' field"), (5, "duplicate id")]


def test_jsonl_huge_line_is_skipped_without_reading_it_whole(tmp_path: Path) -> None:
    big = json.dumps({"text": "长" * 2_000_000}, ensure_ascii=False)
    path = _write(tmp_path / "in.jsonl", big, '{"text": "短文。"}')
    errors: list[InputError] = []
    sources = list(read_jsonl(path, max_chars=1_000, on_error=errors.append))
    assert [s.line for s in sources] == [2]
    (error,) = errors
    assert isinstance(error, TooLargeError) and error.line == 1
    assert f"{record_limit(1_000)} bytes" in error.reason
