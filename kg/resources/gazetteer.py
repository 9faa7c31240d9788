"""The national list of administrative divisions, from province down to community and village.

The data is the list that jionlp ships (``jionlp/dictionary/china_location.zip``: provinces, cities
and counties with their GB/T 2260 codes and short names; subdistricts, towns, communities and villages
by name). We read the file straight from the installed package, without importing jionlp itself, and
add ``zones.tsv``: functional zones (新区, 开发区) that papers treat as districts but the national list
leaves out. Loading takes a second or two and is done once per process.
"""

from __future__ import annotations

import importlib.util
import io
import re
import zipfile
from array import array
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from kg.errors import ResourceError
from kg.resources import table

LEVELS = ("Province", "City", "District", "Subdistrict", "Community")
_ETHNIC = re.compile(
    r"(?:(?:回|满|蒙古|土家|苗|彝|藏|壮|瑶|侗|布依|白|哈尼|傣|黎|畲|羌|朝鲜|达斡尔|鄂温克|鄂伦春|锡伯|土|撒拉"
    r"|保安|东乡|裕固|哈萨克|塔吉克|柯尔克孜|仡佬|水|毛南|仫佬|京|景颇|纳西|拉祜|佤|傈僳|普米|怒|独龙|基诺|德昂|布朗"
    r"|阿昌|门巴|珞巴|维吾尔)族)+(?=区$)"
)
_MUNICIPALITIES = ("北京市", "天津市", "上海市", "重庆市")


@dataclass(frozen=True)
class Place:
    index: int
    name: str  # official full name: 管城回族区
    level: str
    adcode: str | None
    parent: int | None  # index of the parent place


def short_name(name: str, level: str) -> str:
    """The short common form a paper prints: 管城回族区 → 管城区."""
    if level == "District":
        return _ETHNIC.sub("", name)
    return name


class Gazetteer:
    """Places by index; lookups by any name they go by."""

    def __init__(self) -> None:
        self.names: list[str] = []
        self.levels = bytearray()
        self.parents = array("i")
        self.adcodes: dict[int, str] = {}
        self.aliases: dict[int, tuple[str, ...]] = {}
        self.zone_names: set[str] = set()  # names and aliases that zones.tsv gives
        self.short_forms: set[str] = set()  # province and city short forms: 河南, 郑州
        self._by_name: dict[str, int | list[int]] = {}

    # ------------------------------------------------------------------ building

    def add(self, name: str, level: int, parent: int | None, adcode: str | None = None,
            aliases: tuple[str, ...] = ()) -> int:
        index = len(self.names)
        self.names.append(name)
        self.levels.append(level)
        self.parents.append(-1 if parent is None else parent)
        if adcode:
            self.adcodes[index] = adcode
        if aliases:
            self.aliases[index] = aliases
        for key in (name, *aliases):
            self._index(key, index)
        return index

    def _index(self, key: str, index: int) -> None:
        found = self._by_name.get(key)
        if found is None:
            self._by_name[key] = index
        elif isinstance(found, list):
            if index not in found:
                found.append(index)
        elif found != index:
            self._by_name[key] = [found, index]

    # ------------------------------------------------------------------ queries

    def __len__(self) -> int:
        return len(self.names)

    def place(self, index: int) -> Place:
        parent = self.parents[index]
        return Place(index, self.names[index], LEVELS[self.levels[index]], self.adcodes.get(index),
                     None if parent < 0 else parent)

    def lookup(self, name: str) -> tuple[Place, ...]:
        found = self._by_name.get(name)
        if found is None:
            return ()
        indices = found if isinstance(found, list) else [found]
        return tuple(self.place(i) for i in indices)

    def knows(self, name: str) -> bool:
        return name in self._by_name

    def chain(self, index: int) -> tuple[Place, ...]:
        """The place and its ancestors, nearest first."""
        out: list[Place] = []
        current: int | None = index
        while current is not None and current >= 0:
            place = self.place(current)
            out.append(place)
            current = place.parent
        return tuple(out)

    def is_within(self, index: int, ancestor: int) -> bool:
        return any(p.index == ancestor for p in self.chain(index)[1:])

    def upper_names(self) -> dict[str, tuple[int, ...]]:
        """Every name and alias of the province, city and district levels, for text matching."""
        out: dict[str, list[int]] = {}
        for index, name in enumerate(self.names):
            if self.levels[index] > 2:
                continue
            for key in (name, *self.aliases.get(index, ())):
                out.setdefault(key, []).append(index)
        return {k: tuple(v) for k, v in out.items()}


def _location_file() -> bytes:
    spec = importlib.util.find_spec("jionlp")
    if spec is None or not spec.submodule_search_locations:
        raise ResourceError("jionlp china_location.zip", None,
                            "the jionlp package is not installed: run `pip install jionlp`")
    path = Path(next(iter(spec.submodule_search_locations))) / "dictionary" / "china_location.zip"
    try:
        with zipfile.ZipFile(path) as archive:
            return archive.read("china_location.txt")
    except (OSError, KeyError, zipfile.BadZipFile) as exc:
        raise ResourceError(str(path), None, f"cannot read the division list: {exc}") from None


def _district_aliases(name: str, short: str | None, city_short: str | None) -> tuple[str, ...]:
    aliases: list[str] = []
    common = short_name(name, "District")
    if common != name:
        aliases.append(common)
    if short and short != name and len(short) >= 2:
        aliases.append(short)
        if city_short and short.endswith(("区", "港")) and not short.startswith(city_short):
            aliases.append(city_short + short)  # 郑州高新区
    return tuple(dict.fromkeys(aliases))


def _odd_short(short: str) -> bool:
    """Short forms that are not names: 克州/克孜勒苏 (two spellings), 省直辖 (a heading)."""
    return "/" in short or "直辖" in short


def parse_locations(data: bytes, gazetteer: Gazetteer) -> None:
    """Read the tab-indented list (depth 0 province … depth 4 village) into ``gazetteer``.

    Province and city short forms (河南, 郑州) become aliases listed in ``gazetteer.short_forms``;
    district short forms (管城) become plain aliases. Villages, nine in ten lines, take a fast path.
    """
    stack: list[int] = []
    shorts: list[str | None] = []
    names, levels, parents, by_name = gazetteer.names, gazetteer.levels, gazetteer.parents, gazetteer._by_name
    for number, raw in enumerate(io.TextIOWrapper(io.BytesIO(data), encoding="utf-8", newline=None), start=1):
        line = raw.rstrip("\r\n")  # one line at a time: a list of all 700 000 would double the memory
        if line.startswith("\t\t\t\t") and "\t" not in line[4:]:
            name = line[4:].strip()
            if not name or len(stack) < 4:
                raise ResourceError("china_location.txt", number, "a village outside a town")
            index = len(names)
            names.append(name)
            levels.append(4)
            parents.append(stack[3])
            found = by_name.get(name)
            if found is None:
                by_name[name] = index
            else:
                gazetteer._index(name, index)
            continue
        if not line.strip():
            continue
        depth = len(line) - len(line.lstrip("\t"))
        cells = line.strip("\t").split("\t")
        if depth > 4 or depth > len(stack):
            raise ResourceError("china_location.txt", number, f"unexpected depth {depth}")
        del stack[depth:]
        del shorts[depth:]
        name = cells[0].strip()
        adcode = cells[1].strip() if len(cells) > 1 else None
        short = cells[2].strip() if len(cells) > 2 else None
        parent = stack[-1] if stack else None
        aliases: tuple[str, ...] = ()
        if depth == 1 and parent is not None and gazetteer.names[parent] == name:
            index = parent  # municipalities repeat themselves as their own city
            stack.append(index)
            shorts.append(short)
            continue
        if depth == 2:
            aliases = _district_aliases(name, short, shorts[1] if len(shorts) > 1 else None)
        elif depth < 2 and short and short != name and len(short) >= 2 and not _odd_short(short):
            aliases = (short,)
            gazetteer.short_forms.add(short)
        index = gazetteer.add(name, depth, parent, adcode, aliases)
        stack.append(index)
        shorts.append(short)


def add_zones(gazetteer: Gazetteer) -> None:
    """Functional zones from ``zones.tsv``: name, aliases (comma-separated or -), parent city.

    A zone the national list already holds under its city keeps its place and gains the aliases.
    """
    for name, aliases, parent_name in table("zones.tsv", 3):
        parents = [p for p in gazetteer.lookup(parent_name) if p.level == "City"]
        if len(parents) != 1:
            raise ResourceError("zones.tsv", None, f"parent {parent_name!r} of {name!r} is not a known city")
        alias_tuple = () if aliases == "-" else tuple(a.strip() for a in aliases.split(","))
        gazetteer.zone_names.update((name, *alias_tuple))
        known = [p for p in gazetteer.lookup(name) if p.parent == parents[0].index]
        if known:
            index = known[0].index
            merged = tuple(dict.fromkeys((*gazetteer.aliases.get(index, ()), *alias_tuple)))
            gazetteer.aliases[index] = merged
            for alias in alias_tuple:
                gazetteer._index(alias, index)
            continue
        gazetteer.add(name, LEVELS.index("District"), parents[0].index, None, alias_tuple)


def _parse_gazetteer() -> Gazetteer:
    gazetteer = Gazetteer()
    parse_locations(_location_file(), gazetteer)
    add_zones(gazetteer)
    return gazetteer


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    # parsing 700k lines takes seconds; unpickling a snapshot of the result, a fraction of that
    from kg.cache import snapshot

    return snapshot("gazetteer", _parse_gazetteer)
