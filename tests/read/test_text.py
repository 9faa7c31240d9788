"""Reading .txt pages: every bad input gets an InputError naming the file and line, never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.errors import InputError
from kg.read import expand_inputs, read_inputs
from kg.read.text import check_file, iter_lines, likely_encoding, read_text

PAGE = "# 管城区召开项目观摩会\n\n本报讯 8月26日，管城区召开上半年项目观摩评比会。\n"
BIG5_PAGE = "# 臺北市政府召開會議\n\n市長出席會議並講話，討論都市發展與交通建設。\n"


def _page_text(path: Path, encoding: str = "utf-8") -> str:
    (source,) = read_text(path, encoding=encoding)
    assert source.lines is not None
    return "\n".join(line.text for line in source.lines())


def _error(paths: list[Path], **options: object) -> InputError:
    with pytest.raises(InputError) as caught:
        list(read_inputs(paths, **options))  # type: ignore[arg-type]
    return caught.value


def test_read_missing_path_names_it(tmp_path: Path) -> None:
    error = _error([tmp_path / "nope.txt"])
    assert error.path.endswith("nope.txt") and "no such file" in error.reason


def test_read_directory_without_inputs(tmp_path: Path) -> None:
    (tmp_path / "notes.md").write_text("不是输入", encoding="utf-8")
    error = _error([tmp_path])
    assert "no .txt or .jsonl" in error.reason


def test_read_unsupported_suffix(tmp_path: Path) -> None:
    path = tmp_path / "page.docx"
    path.write_bytes(b"PK")
    assert "unsupported input type" in _error([path]).reason


@pytest.mark.parametrize(("data", "line", "words"), [
    ("管城区".encode() + b"\n\n\xffA abc", 3, "not valid utf-8"),  # a stray byte
    ("第一行\n".encode() + "café\n".encode("latin-1"), 2, "not valid utf-8"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", 3, "binary data"),
])
def test_read_text_bad_bytes_name_the_line(tmp_path: Path, data: bytes, line: int, words: str) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(data)
    error = _error([path])
    assert (error.path, error.line) == (str(path), line)
    assert words in error.reason
    assert str(error).startswith(f"{path}:{line}: ")


def test_read_text_bad_byte_after_the_first_megabyte_has_its_line(tmp_path: Path) -> None:
    path = tmp_path / "long.txt"
    path.write_bytes(("管城区召开会议。" * 100 + "\n").encode() * 3000 + b"\x80\n")
    error = _error([path])
    assert error.line == 3001


@pytest.mark.parametrize("content", [b"", b"   \n\n\t\n", "\ufeff".encode()])
def test_read_text_empty_file(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(content)
    assert "empty file" in _error([path]).reason


@pytest.mark.parametrize(("codec", "hint"), [("gbk", "gb18030"), ("gb18030", "gb18030"), ("big5", "big5"),
                                             ("utf-16", "utf-16")])
def test_read_text_names_the_likely_encoding_and_the_option(tmp_path: Path, codec: str, hint: str) -> None:
    path = tmp_path / "page.txt"
    text = PAGE if codec != "big5" else BIG5_PAGE
    path.write_bytes(text.encode(codec))
    error = _error([path])
    assert f"--encoding {hint}" in error.reason
    assert _page_text(path, hint).strip() == text.strip()


def test_read_text_gb18030_page_reads_like_the_utf8_page(tmp_path: Path) -> None:
    utf8, gb = tmp_path / "a.txt", tmp_path / "b.txt"
    utf8.write_text(PAGE, encoding="utf-8")
    gb.write_bytes(PAGE.encode("gb18030"))
    assert _page_text(gb, "gb18030") == _page_text(utf8)


def test_read_text_bom_and_line_ends_are_normalised(tmp_path: Path) -> None:
    path = tmp_path / "crlf.txt"
    path.write_bytes("\ufeff# 标题\r\n\r\n正文一段。\r旧式换行。\n".encode())
    assert _page_text(path) == "# 标题\n\n正文一段。\n旧式换行。"


def test_read_text_cuts_a_huge_line_but_counts_it(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    path.write_text("短行\n" + "长" * 250_000 + "\n末行\n", encoding="utf-8")
    lines = list(iter_lines(path, max_chars=1_000))
    assert [(line.number, len(line.text), line.length) for line in lines] == [
        (1, 2, 2), (2, 1_000, 250_000), (3, 2, 2)]


def test_read_text_keep_going_skips_a_bad_file(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes(PAGE.encode("gbk"))
    (tmp_path / "b.txt").write_text(PAGE, encoding="utf-8")
    errors: list[InputError] = []
    sources = list(read_inputs([tmp_path], on_error=errors.append))
    assert [Path(s.path).name for s in sources] == ["b.txt"]
    assert [(Path(e.path).name, e.line) for e in errors] == [("a.txt", 1)]


def test_read_expand_inputs_is_sorted_and_unique(tmp_path: Path) -> None:
    for name in ("b.txt", "a.jsonl", "sub/c.txt"):
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_text(PAGE, encoding="utf-8")
    files = expand_inputs([tmp_path, tmp_path / "b.txt"])
    assert [f.relative_to(tmp_path).as_posix() for f in files] == ["a.jsonl", "b.txt", "sub/c.txt"]


@pytest.mark.parametrize(("sample", "expected"), [
    ("郑州市管城区召开会议".encode("gbk"), "gb18030"),
    ("臺北市政府召開會議".encode("big5"), "big5"),
    ("郑州".encode("utf-16"), "utf-16"),
    (b"\x80\x81\xff", None),
])
def test_read_likely_encoding(sample: bytes, expected: str | None) -> None:
    assert likely_encoding(sample, "utf-8") == expected


def test_read_check_file_accepts_a_good_page(tmp_path: Path) -> None:
    path = tmp_path / "ok.txt"
    path.write_text(PAGE, encoding="utf-8")
    check_file(path)
