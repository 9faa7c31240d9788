"""Read a ``.jsonl`` file: one article a line, ``text`` required, ``id``/``title``/``date``/``url`` optional."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path

from kg.errors import InputError
from kg.model import Source
from kg.naming import ascii_slug
from kg.read.text import decode

_FIELDS = {"text", "id", "title", "date", "url"}


def _optional_str(record: dict[str, object], key: str, path: str, line: int) -> str | None:
    value = record.get(key)
    if value is None:
        return None
    if isinstance(value, (int, float)) and not isinstance(value, bool) and key == "id":
        return str(value)
    if not isinstance(value, str):
        raise InputError(path, line, f"field {key!r} must be a string, not {type(value).__name__}")
    return value


def parse_record(raw: str, path: str, line: int, stem: str) -> Source:
    try:
        record = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise InputError(path, line, f"malformed JSON: {exc.msg} (column {exc.colno})") from None
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
    doc_id = ascii_slug(record_id) if record_id else f"{ascii_slug(stem)}-l{line}"
    return Source(path=path, line=line, text=text.replace("\r\n", "\n").replace("\r", "\n"),
                  doc_id=doc_id, title=title.strip() if title and title.strip() else None,
                  published=published, url=url)


def read_jsonl(path: Path, *, encoding: str = "utf-8") -> Iterator[Source]:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(str(path), None, f"cannot read: {exc.strerror or exc}") from None
    if not data.strip():
        raise InputError(str(path), None, "empty file: no records")
    count = 0
    for number, raw_line in enumerate(data.split(b"\n"), start=1):
        if not raw_line.strip():
            continue
        text = decode(raw_line, str(path), encoding=encoding, first_line=number)
        count += 1
        yield parse_record(text, str(path), number, path.stem)
    if count == 0:
        raise InputError(str(path), None, "empty file: no records")
