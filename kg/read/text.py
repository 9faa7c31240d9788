"""Read a ``.txt`` newspaper page: strict decoding, BOM stripped, line ends normalised, streamed.

A page is read twice, both times in fixed-size pieces: once to check that it decodes (so that a bad
byte is reported with its line before any article of the file reaches the graph) and once, lazily, line
by line while it is split. Memory stays bounded by the line limit whatever the size of the file.
"""

from __future__ import annotations

import codecs
import hashlib
import io
from collections.abc import Callable, Iterator
from pathlib import Path

from kg.errors import InputError
from kg.model import Line, Source
from kg.naming import ascii_slug

_CHUNK = 1 << 20
_SAMPLE = 1 << 16
# Encodings a Chinese page that is not UTF-8 is most likely in, tried only to name them in the error.
_CANDIDATES = ("utf-8", "gb18030", "big5")


def codec_name(encoding: str) -> str:
    """The codec that reads ``encoding``: UTF-8 also accepts (and drops) a byte-order mark."""
    name = codecs.lookup(encoding).name
    return "utf-8-sig" if name == "utf-8" else name


def ascii_compatible(encoding: str) -> bool:
    """Whether ``encoding`` writes ASCII (and so line ends) as single ASCII bytes, as UTF-8 and GBK do."""
    return codecs.lookup(encoding).name not in ("utf-16", "utf-16-le", "utf-16-be", "utf-32",
                                                  "utf-32-le", "utf-32-be")


def _common_share(text: str, encoding: str) -> float:
    """The share of the Han characters in ``text`` that are everyday characters in ``encoding``.

    Chinese text decoded with the wrong double-byte codec still decodes, but into rare characters:
    the everyday ones are the first level of GB 2312 (rows B0–D7) or of Big5 (A440–C67E).
    """
    han = [c for c in text if "\u4e00" <= c <= "\u9fff"]
    if not han:
        return 0.0
    if encoding == "utf-8":
        return 1.0  # a byte sequence that decodes as UTF-8 Chinese is UTF-8: no other reading is likely
    common = 0
    for char in han:
        try:
            code = char.encode("gb2312" if encoding == "gb18030" else encoding)
        except UnicodeEncodeError:
            continue
        low, high = (0xB0A1, 0xD7FE) if encoding == "gb18030" else (0xA440, 0xC67E)
        if len(code) == 2 and low <= int.from_bytes(code, "big") <= high:
            common += 1
    return common / len(han)


def likely_encoding(sample: bytes, tried: str) -> str | None:
    """The encoding ``sample`` (the start of a file) is most likely in, other than ``tried``."""
    if sample.startswith((b"\xff\xfe", b"\xfe\xff")) or (
            len(sample) >= 4 and sample[1::2].count(0) > len(sample) // 4):
        return "utf-16"
    best: tuple[float, str] | None = None
    for candidate in _CANDIDATES:
        if codecs.lookup(candidate).name == codecs.lookup(tried).name:
            continue
        try:
            text = codecs.getincrementaldecoder(candidate)("strict").decode(sample, final=False)
        except UnicodeDecodeError:
            continue
        share = _common_share(text, candidate)
        if best is None or share > best[0]:
            best = (share, candidate)
    return best[1] if best is not None and best[0] >= 0.5 else None


def _decode_error(path: str, encoding: str, line: int, offset: int, sample: bytes) -> InputError:
    hint = likely_encoding(sample, encoding)
    advice = f"; it looks like {hint.upper()}: try --encoding {hint}" if hint else ""
    return InputError(path, line, f"not valid {encoding} text (byte {offset}){advice}")


def check_file(path: Path, encoding: str = "utf-8") -> str:
    """Decode the whole file in pieces; raise ``InputError`` naming the line of the first problem.

    Returns the SHA-256 of the file's bytes, taken on the way: what a page's checkpoint is keyed by.
    """
    digest = hashlib.sha256()
    codec = codec_name(encoding)
    binary_check = ascii_compatible(encoding)
    decoder = codecs.getincrementaldecoder(codec)("strict")
    seen_text = False
    offset = 0  # bytes before the current piece
    newlines = 0  # line ends before the current piece
    sample = b""
    try:
        with open(path, "rb") as handle:
            while True:
                piece = handle.read(_CHUNK)
                digest.update(piece)
                if len(sample) < _SAMPLE:
                    sample += piece[: _SAMPLE - len(sample)]
                if binary_check and b"\x00" in piece:
                    at = piece.index(b"\x00")
                    hint = likely_encoding(sample, encoding)
                    if hint == "utf-16":
                        raise InputError(str(path), newlines + 1 + piece[:at].count(b"\n"),
                                         "not valid text: it looks like UTF-16: try --encoding utf-16")
                    raise InputError(str(path), newlines + 1 + piece[:at].count(b"\n"),
                                     f"binary data (NUL byte at byte {offset + at}), not a text file")
                try:
                    text = decoder.decode(piece, final=not piece)
                except UnicodeDecodeError as exc:
                    # the decoder's object is its held-back bytes followed by this piece
                    held = len(exc.object) - len(piece)
                    at = max(0, exc.start - held)
                    # judge the encoding by the bad line itself: lines start on a character boundary
                    start = piece.rfind(b"\n", 0, at) + 1
                    raise _decode_error(str(path), encoding, newlines + 1 + piece[:at].count(b"\n"),
                                        offset + at, piece[start:start + _SAMPLE]) from None
                seen_text = seen_text or bool(text.strip())
                if not piece:
                    break
                offset += len(piece)
                newlines += piece.count(b"\n")
    except OSError as exc:
        raise InputError(str(path), None, f"cannot read: {exc.strerror or exc}") from None
    if not seen_text:
        raise InputError(str(path), None, "empty file: no article text")
    return digest.hexdigest()


def iter_lines(path: Path, encoding: str = "utf-8", *, max_chars: int,
               newline: str | None = None) -> Iterator[Line]:
    """The file's lines, each cut to ``max_chars`` characters (the rest is counted, not kept).

    ``newline=None`` reads any line end (\\n, \\r\\n, \\r) as a line end, as a page is printed;
    JSON Lines pass ``"\\n"``.
    """
    try:
        with open(path, "rb") as raw:
            handle = io.TextIOWrapper(raw, encoding=codec_name(encoding), errors="strict", newline=newline)
            number = 0
            while True:
                chunk = handle.readline(max_chars)
                if not chunk:
                    return
                number += 1
                text = chunk
                length = len(chunk)
                while not chunk.endswith("\n"):
                    chunk = handle.readline(max_chars)
                    if not chunk:
                        break
                    length += len(chunk)
                ended = text.endswith("\n") or chunk.endswith("\n")
                if ended:
                    length -= 1
                    text = text[:-1] if text.endswith("\n") else text
                if newline == "\n" and text.endswith("\r") and len(text) == length:
                    text, length = text[:-1], length - 1
                yield Line(number, text, length)
    except UnicodeDecodeError as exc:  # the file changed since it was checked
        raise InputError(str(path), None, f"not valid {encoding} text: {exc.reason}") from None
    except OSError as exc:
        raise InputError(str(path), None, f"cannot read: {exc.strerror or exc}") from None


def read_text(path: Path, *, encoding: str = "utf-8", max_chars: int = 200_000) -> Iterator[Source]:
    """The page in ``path`` as one streamed ``Source``, after checking that the whole file decodes."""
    digest = check_file(path, encoding)

    def lines() -> Iterator[Line]:
        return iter_lines(path, encoding, max_chars=max_chars)

    reader: Callable[[], Iterator[Line]] = lines
    yield Source(path=str(path), line=None, text="", doc_id=ascii_slug(path.stem), lines=reader,
                 digest=digest)
