from datetime import date

import pytest

from kg.analyse.dates import chinese_number, find_dates


@pytest.mark.parametrize(("text", "expected"), [
    ("9", 9), ("１１", 11), ("十", 10), ("十八", 18), ("二十一", 21), ("三", 3), ("甲", None),
])
def test_dates_chinese_number_reads_digits_of_every_script(text, expected):
    assert chinese_number(text) == expected


@pytest.mark.parametrize(("text", "published", "expected"), [
    ("9月3日上午，区委召开常委会。", None, ["--09-03"]),
    ("9月3日上午，区委召开常委会。", date(2024, 9, 5), ["2024-09-03"]),
    ("十一月二十日，街道举行揭牌仪式。", None, ["--11-20"]),
    ("2022年5月6日，县里开展演练。", date(2024, 9, 5), ["2022-05-06"]),
    ("二〇二四年九月五日，召开会议。", None, ["2024-09-05"]),  # a year written digit by digit
    # printed in December, published in January: the year before
    ("12月30日，全区召开总结会。", date(2025, 1, 2), ["2024-12-30"]),
    ("近日，镇里组织义诊。", date(2024, 9, 5), [None]),
    ("日前，社区开展宣讲。", None, [None]),
    ("连日来，街道开展巡查。", None, [None]),
    ("昨日，区长调研企业。", date(2024, 9, 5), ["2024-09-04"]),
    ("昨日，区长调研企业。", None, [None]),
    ("2月30日，无此日。", None, [None]),
    # told from the date printed last before them
    ("9月22日，副市长调研。当天，还主持召开座谈会。", None, ["--09-22", "--09-22"]),
    ("9月22日，副市长调研。当天，还主持召开座谈会。", date(2024, 9, 25), ["2024-09-22", "2024-09-22"]),
    ("12月31日，开展演练。次日，召开总结会。", None, ["--12-31", "--01-01"]),
    ("2024年2月28日，开展演练。第二天，召开总结会。", None, ["2024-02-28", "2024-02-29"]),
    ("当天，召开总结会。", None, [None]),
    ("7月15日，召开防汛会议。会后，书记一行检查河道。", None, ["--07-15", "--07-15"]),
    # a day alone where a clause starts: the month printed last before it
    ("9月5日至6日，调研组开展调研。6日上午，召开座谈会。", None, ["--09-05", "--09-06"]),
    ("2024年9月5日，开展调研。6日，召开座谈会。", None, ["2024-09-05", "2024-09-06"]),
    ("今年1至8月，增长6%。", None, []),
])
def test_dates_find_dates_normalises_with_publication_year(text, published, expected):
    assert [d.value for d in find_dates(text, published)] == expected
