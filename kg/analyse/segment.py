"""The one place jieba is used: a private ``jieba.Tokenizer`` with our user dictionary.

jieba keeps a global tokenizer and writes a marshal cache into the temp directory; we build our own
prefix dictionary in memory instead, once per process, and give every ``Segmenter`` its own copy so
that user words added to one never leak into another.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

from kg.model import Token
from kg.resources import userdict_path

try:
    import jieba
except ImportError as exc:  # pragma: no cover - exercised only on a broken install
    raise ImportError("zhengwu-kg needs jieba: run `pip install jieba` (or reinstall zhengwu-kg)") from exc


@lru_cache(maxsize=1)
def _base_dictionary() -> tuple[dict[str, int], int, dict[str, str]]:
    """jieba's prefix dictionary, total frequency and POS tags (from a snapshot if one is kept)."""
    from kg.cache import snapshot

    return snapshot("jieba-dictionary", _read_base_dictionary)


def dictionary_entry(word: str) -> tuple[str | None, int]:
    """``word``'s part-of-speech tag and frequency in jieba's own dictionary (None, 0 when absent)."""
    freq, _, tags = _base_dictionary()
    return tags.get(word), freq.get(word, 0)


def _read_base_dictionary() -> tuple[dict[str, int], int, dict[str, str]]:
    """jieba's prefix dictionary, total frequency and POS tags, read from its packaged dict.txt."""
    builder = jieba.Tokenizer()
    dict_file = builder.get_dict_file()
    try:
        freq, total = builder.gen_pfdict(dict_file)
    finally:
        dict_file.close()
    tags: dict[str, str] = {}
    with open(_default_dict_path(), encoding="utf-8") as fh:
        for line in fh:
            parts = line.split()
            if len(parts) == 3:
                tags[parts[0]] = parts[2]
    return freq, total, tags


def _default_dict_path() -> str:
    return str(Path(jieba.__file__).with_name("dict.txt"))


class Segmenter:
    """Tokens with offsets and dictionary POS tags; unknown words (new to jieba) have pos ``""``."""

    def __init__(self, userdict: str | None = None) -> None:
        freq, total, tags = _base_dictionary()
        self._tokenizer: Any = jieba.Tokenizer()
        self._tokenizer.FREQ = dict(freq)
        self._tokenizer.total = total
        self._tokenizer.initialized = True
        self._tags = dict(tags)
        path = userdict if userdict is not None else userdict_path()
        with open(path, encoding="utf-8") as fh:
            for line in fh:
                parts = line.split()
                if not parts or parts[0].startswith("#"):
                    continue
                word = parts[0]
                count = int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else None
                self._tokenizer.add_word(word, count)
                if len(parts) > 2:
                    self._tags[word] = parts[2]

    def add_word(self, word: str, tag: str = "n", freq: int | None = None) -> None:
        self._tokenizer.add_word(word, freq)
        self._tags[word] = tag

    def tokens(self, text: str, offset: int = 0) -> list[Token]:
        return [Token(word, offset + start, offset + end, self._tags.get(word, ""))
                for word, start, end in self._tokenizer.tokenize(text)]

    def cuts(self, text: str) -> tuple[int, ...]:
        """Where the text can be cut into pieces that, segmented alone, give exactly the tokens of the
        whole text: 0, ``len(text)`` and both ends of every run of jieba's word characters.

        jieba cuts its input into such runs (``re_han_default``: CJK, Latin letters, digits, ``+#&._%-``)
        and segments each run alone; every other character is a token of its own (``\r\n`` excepted,
        which never straddles the end of a run).
        """
        cuts = {0, len(text)}
        for run in jieba.re_han_default.finditer(text):
            cuts.update(run.span())
        return tuple(sorted(cuts))

    def words(self, text: str) -> list[str]:
        return list(self._tokenizer.cut(text))
