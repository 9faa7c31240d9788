"""Chinese date expressions: 8月9日上午, 2024年7月18日, 昨日; 当天 and 次日 after a printed date; vague
ones (近日, 日前) have no value."""

from __future__ import annotations

import re
from datetime import date, timedelta

from kg.model import DateExpression

_DIGITS = "0-9０-９一二三四五六七八九十〇零"
DATE = re.compile(
    rf"(?:(?P<year>[0-9０-９〇零一二三四五六七八九]{{4}})年)?(?P<month>[{_DIGITS}]{{1,3}})月(?P<day>[{_DIGITS}]{{1,3}})[日号]"
    r"(?P<part>上午|下午|晚上|晚间|早上|凌晨|中午|傍晚)?"
)
BARE_DAY = re.compile(r"(^|(?<=[。；;，,！？\n]))(?P<day>[0-9０-９]{1,2})日(?:上午|下午|晚上|晚间|早上|中午)?(?=[，,])")
RELATIVE = re.compile(r"近日|日前|连日来|近期|目前|昨日|昨天|今日|今天|前日")
# a year is written digit by digit: 二〇二四 is 2024
_YEAR_DIGITS = str.maketrans("０１２３４５６７８９" "〇零" "一二三四五六七八九", "0123456789" "00" "123456789")
_OFFSETS = {"昨日": -1, "昨天": -1, "前日": -2, "今日": 0, "今天": 0}
# Days told from the date printed last before them: 9月22日…。当天，…主持召开座谈会; 次日 the day after;
# 会后 (after the meeting just reported) the same day.
ANAPHORIC = re.compile(r"当天|当日|同日|当晚|会后|次日|第二天")
_ANAPHORIC_OFFSETS = {"次日": 1, "第二天": 1}


def chinese_numerals(text: str, mode: str) -> float | int:
    """cn2an's reading of Chinese numerals, imported on first use: it takes 0.08 s to import (a tenth
    of a small build's start), and most articles print their dates and sums in Arabic digits."""
    try:
        import cn2an
    except ImportError as exc:  # pragma: no cover - exercised only on a broken install
        raise ImportError("zhengwu-kg needs cn2an: run `pip install cn2an` (or reinstall zhengwu-kg)") from exc
    value: float | int = cn2an.cn2an(text, mode)
    return value


def chinese_number(text: str) -> int | None:
    """A month or day number written with Arabic, full-width or Chinese digits (8, ８, 十八, 二十一),
    read by cn2an; None for anything that is not a whole number."""
    text = text.translate(str.maketrans("０１２３４５６７８９〇", "0123456789零"))
    if text.isdigit():
        return int(text)
    try:
        value = chinese_numerals(text, "strict")
    except (ValueError, KeyError):
        return None
    return int(value) if float(value).is_integer() else None


def normalise(year: int | None, month: int, day: int) -> str | None:
    """xsd:date when the year is known, else xsd:gMonthDay; None for an impossible day."""
    try:
        date(year or 2000, month, day)  # 2000 is a leap year, so --02-29 is allowed
    except ValueError:
        return None
    return f"{year:04d}-{month:02d}-{day:02d}" if year else f"--{month:02d}-{day:02d}"


def find_dates(text: str, published: date | None = None) -> tuple[DateExpression, ...]:
    found: list[DateExpression] = []
    for match in DATE.finditer(text):
        month = chinese_number(match.group("month"))
        day = chinese_number(match.group("day"))
        if month is None or day is None:
            continue
        year = int(match.group("year").translate(_YEAR_DIGITS)) if match.group("year") else None
        if year is None and published is not None:
            year = published.year
            # an event printed in December and published in January happened the year before
            if month > published.month + 1:
                year -= 1
        found.append(DateExpression(match.start(), match.end(), match.group(), normalise(year, month, day)))
    # a day printed alone where a clause starts (9月5日至6日…。6日上午，…座谈会): the month of the date
    # printed last before it
    for match in BARE_DAY.finditer(text):
        before = [d for d in found if d.end <= match.start() and d.value]
        day = chinese_number(match.group("day"))
        last: str | None = before[-1].value if before else None
        if last is not None and day is not None:
            year = int(last[:4]) if not last.startswith("--") else None
            month = int(last[5:7]) if year else int(last[2:4])
            found.append(DateExpression(match.start("day"), match.end(), match.group()[len(match.group(1)):],
                                        normalise(year, month, day)))
    found.sort(key=lambda d: d.start)
    printed = list(found)
    for match in ANAPHORIC.finditer(text):
        before = [d for d in printed if d.end <= match.start()]
        value = _shift(before[-1].value, _ANAPHORIC_OFFSETS.get(match.group(), 0)) if before else None
        found.append(DateExpression(match.start(), match.end(), match.group(), value))
    for match in RELATIVE.finditer(text):
        value = None
        offset = _OFFSETS.get(match.group())
        if offset is not None and published is not None:
            value = (published + timedelta(days=offset)).isoformat()
        found.append(DateExpression(match.start(), match.end(), match.group(), value))
    return tuple(sorted(found, key=lambda d: d.start))


def _shift(value: str | None, days: int) -> str | None:
    """``value`` (xsd:date or xsd:gMonthDay) moved by ``days``."""
    if value is None or days == 0:
        return value
    if value.startswith("--"):
        month, day = (int(part) for part in value[2:].split("-"))
        moved = date(2000, month, day) + timedelta(days=days)
        return f"--{moved.month:02d}-{moved.day:02d}"
    return (date.fromisoformat(value) + timedelta(days=days)).isoformat()
