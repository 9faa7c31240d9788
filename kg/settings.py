"""Every default and threshold of a build, in one frozen, self-validating dataclass."""

from __future__ import annotations

from dataclasses import dataclass

from kg.errors import SettingsError


@dataclass(frozen=True)
class Settings:
    """Build settings. The home city and province resolve 市委/省委 in the newspaper's own region."""

    home_province: str = "河南省"
    home_city: str = "郑州市"
    encoding: str = "utf-8"
    max_article_chars: int = 200_000  # a longer article is reported and skipped
    max_headline_chars: int = 48
    keep_going: bool = False  # skip bad records (listed in rejects.jsonl) instead of stopping

    def __post_init__(self) -> None:
        if not self.home_province.endswith(("省", "自治区", "市")):
            raise SettingsError("home_province", self.home_province, "a province name such as 河南省")
        if not self.home_city.endswith(("市", "州", "盟", "地区")):
            raise SettingsError("home_city", self.home_city, "a city name such as 郑州市")
        if self.max_article_chars < 1_000:
            raise SettingsError("max_article_chars", self.max_article_chars, "an integer >= 1000")
        if not 10 <= self.max_headline_chars <= 200:
            raise SettingsError("max_headline_chars", self.max_headline_chars, "an integer from 10 to 200")
        try:
            "".encode(self.encoding)
        except LookupError:
            raise SettingsError("encoding", self.encoding, "a codec name such as utf-8 or gb18030") from None


DEFAULT_SETTINGS = Settings()

# Not a Settings field: it shapes one export only, and Settings key the per-article cache.
HTML_MAX_NODES = 2000  # the explorer draws a bigger graph as an overview of this many nodes
