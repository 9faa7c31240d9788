"""Read a ``.jsonl`` file: one article a line, ``text`` required, ``id``/``title``/``date``/``url`` optional.

Lines are read one at a time with a byte limit, so a huge line is skipped (and reported) without ever
being held whole; a bad line is reported with its number and, when the build keeps going, the lines
after it are still read.
"""

from __future__ import annotations

import codecs
import json
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

from kg.errors import InputError, TooLargeError
from kg.model import Source
from kg.naming import ascii_slug, digest
from kg.read.text import ascii_compatible, check_file, codec_name, iter_lines, likely_encoding

OnError = Callable[[InputError], None]


def record_limit(max_chars: int) -> int:
    """The longest line read, in bytes: room for ``max_chars`` characters written as JSON ``\\uXXXX``."""
    return 6 * max_chars + 65_536


def _optional_str(record: dict[str, object], key: str, path: str, line: int) -> str | None:
    value = record.get(key)
    if value is None:
        return None
    if isinstance(value, (int, float)) and not isinstance(value, bool) and key == "id":
        return str(value)
    if not isinstance(value, str):
        raise InputError(path, line, f"field {key!r} must be a string, not {type(value).__name__}")
    return value


def _no_constants(name: str) -> object:
    raise ValueError(f"{name} is not JSON")


def parse_record(raw: str, path: str, line: int, stem: str) -> Source:
    try:
        record = json.loads(raw, parse_constant=_no_constants)
    except json.JSONDecodeError as exc:
        raise InputError(path, line, f"malformed JSON: {exc.msg} (column {exc.colno})") from None
    except (ValueError, RecursionError) as exc:
        raise InputError(path, line, f"malformed JSON: {exc}") from None
    if not isinstance(record, dict):
        raise InputError(path, line, f"expected a JSON object, got {type(record).__name__}")
    if "text" not in record:
        raise InputError(path, line, "record has no 'text' field")
    text = record["text"]
    if not isinstance(text, str):
        raise InputError(path, line, f"field 'text' must be a string, not {type(text).__name__}")
    if not text.strip():
        raise InputError(path, line, "empty article: 'text' is blank")
    record_id = _optional_str(record, "id", path, line)
    title = _optional_str(record, "title", path, line)
    url = _optional_str(record, "url", path, line)
    raw_date = _optional_str(record, "date", path, line)
    published = None
    if raw_date:
        try:
            published = date.fromisoformat(raw_date)
        except ValueError:
            raise InputError(path, line, f"field 'date' must be YYYY-MM-DD, got {raw_date!r}") from None
    if record_id is not None and not record_id.strip():
        raise InputError(path, line, "field 'id' is blank")
    # without an id of its own, a record is named by its file and line, and a digest of its text:
    # records on the same line of files of the same name are different articles
    doc_id = ascii_slug(record_id) if record_id else f"{ascii_slug(stem)}-l{line}-{digest(text, 6)}"
    return Source(path=path, line=line, text=text.replace("\r\n", "\n").replace("\r", "\n"),
                  doc_id=doc_id, title=title.strip() if title and title.strip() else None,
                  published=published, url=url)


def _raw_lines(path: Path, limit: int) -> Iterator[tuple[int, bytes, int]]:
    """(number, bytes cut to ``limit``, whole length in bytes) for each line."""
    with open(path, "rb") as handle:
        number = 0
        while True:
            chunk = handle.readline(limit)
            if not chunk:
                return
            number += 1
            data, length = chunk, len(chunk)
            while not chunk.endswith(b"\n"):
                chunk = handle.readline(limit)
                if not chunk:
                    break
                length += len(chunk)
            yield number, data.rstrip(b"\r\n"), length


def _decode_line(data: bytes, path: str, line: int, encoding: str) -> str:
    codec = codec_name(encoding) if line == 1 else codecs.lookup(encoding).name
    if b"\x00" in data:
        if likely_encoding(data, encoding) == "utf-16":
            raise InputError(path, line, "not valid text: it looks like UTF-16: try --encoding utf-16")
        raise InputError(path, line, "binary data (NUL byte), not a JSON line")
    try:
        return data.decode(codec)
    except UnicodeDecodeError as exc:
        hint = likely_encoding(data, encoding)
        advice = f"; it looks like {hint.upper()}: try --encoding {hint}" if hint else ""
        raise InputError(path, line, f"not valid {encoding} text (byte {exc.start} of the line){advice}") \
            from None


def _lines(path: Path, encoding: str, limit: int) -> Iterator[tuple[int, bytes | str | None, int]]:
    """(number, the line's bytes, or its text, or None when over ``limit`` bytes, length) for each line."""
    if ascii_compatible(encoding):
        for number, data, length in _raw_lines(path, limit):
            yield number, (None if length > limit else data), length
    else:  # UTF-16 and UTF-32 cannot be cut at b"\n": decode the (checked) stream instead
        check_file(path, encoding)
        for line in iter_lines(path, encoding, max_chars=limit, newline="\n"):
            yield line.number, (line.text if line.length == len(line.text) else None), line.length


def read_jsonl(path: Path, *, encoding: str = "utf-8", max_chars: int = 200_000,
               on_error: OnError | None = None) -> Iterator[Source]:
    """One ``Source`` per record; a bad line raises, or goes to ``on_error`` and reading goes on."""

    def fail(error: InputError) -> None:
        if on_error is None:
            raise error
        on_error(error)

    limit = record_limit(max_chars)
    count = 0
    try:
        for number, data, length in _lines(path, encoding, limit):
            if data is None:
                count += 1
                fail(TooLargeError(str(path), number, f"record of {length} bytes is over the size limit "
                                                      f"({limit} bytes; see --max-article-chars)"))
                continue
            if not data.strip():
                continue
            count += 1
            try:
                text = data if isinstance(data, str) else _decode_line(data, str(path), number, encoding)
                source = parse_record(text, str(path), number, path.stem)
            except InputError as error:
                fail(error)
                continue
            yield source
    except OSError as exc:
        raise InputError(str(path), None, f"cannot read: {exc.strerror or exc}") from None
    if count == 0:
        fail(InputError(str(path), None, "empty file: no records"))
