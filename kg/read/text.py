"""Read a ``.txt`` newspaper page: strict decoding, BOM stripped, line ends normalised."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from kg.errors import InputError
from kg.model import Source
from kg.naming import ascii_slug

# Encodings a Chinese page that is not UTF-8 is most likely in, tried only to name them in the error.
_LIKELY_ENCODINGS = ("gb18030", "big5")


def decode(data: bytes, path: str, *, encoding: str = "utf-8", first_line: int = 1) -> str:
    """Decode ``data`` strictly, naming the line of the first bad byte and a likely encoding."""
    if b"\x00" in data and encoding.lower().replace("-", "") in ("utf8", "utf8sig", "gb18030", "gbk"):
        line = first_line + data[: data.index(b"\x00")].count(b"\n")
        raise InputError(path, line, "binary data (NUL byte), not a text file")
    codec = "utf-8-sig" if encoding.lower().replace("_", "-") in ("utf-8", "utf8") else encoding
    try:
        text = data.decode(codec)
    except UnicodeDecodeError as exc:
        line = first_line + data[: exc.start].count(b"\n")
        hint = ""
        for candidate in _LIKELY_ENCODINGS:
            try:
                data.decode(candidate)
            except UnicodeDecodeError:
                continue
            hint = f"; it looks like {candidate.upper()}: try --encoding {candidate}"
            break
        raise InputError(path, line, f"not valid {encoding} text (byte {exc.start}){hint}") from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def read_text(path: Path, *, encoding: str = "utf-8") -> Iterator[Source]:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(str(path), None, f"cannot read: {exc.strerror or exc}") from None
    text = decode(data, str(path), encoding=encoding)
    if not text.strip():
        raise InputError(str(path), None, "empty file: no article text")
    yield Source(path=str(path), line=None, text=text, doc_id=ascii_slug(path.stem))
