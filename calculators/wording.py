"""How numbers, dates and quoted labels are written in each language.

Every message of the calculators goes through these helpers, so that a Chinese
answer never shows an ISO date and an English one never says "year(s)".
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable, Sequence
from typing import TypeVar

T = TypeVar("T")

_MONTHS = ("January", "February", "March", "April", "May", "June", "July",
           "August", "September", "October", "November", "December")


def pick(pair: Sequence[T], lang: str) -> T:
    """The Chinese or the English of a (Chinese, English) pair: every bilingual choice goes through here."""
    return pair[0] if lang == "zh" else pair[1]


def join_list(lang: str, items: Iterable[str]) -> str:
    """Items as a list in running text: 2019、2020 in Chinese, 2019, 2020 in English."""
    return pick(("、", ", "), lang).join(items)


# How a day is written in each language: the answers, the pages, and the printed sheets' date, which
# the page fills in from this pattern and the month names (site.js) when it is printed.
DAY_PATTERN = ("{year}年{month}月{day}日", "{day} {month_name} {year}")
MONTH_NAMES = ("", ",".join(_MONTHS))


def format_day(day: _dt.date, lang: str) -> str:
    """A date as people write it in each language (also used by the site's pages)."""
    return pick(DAY_PATTERN, lang).format(year=day.year, month=day.month, day=day.day,
                                          month_name=_MONTHS[day.month - 1])


def count_en(number: int, singular: str, plural: str | None = None) -> str:
    """``1 year``, ``2 years``: English counts without the "(s)" of a form letter."""
    word = singular if number == 1 else (plural or singular + "s")
    return f"{number} {word}"


def join_en(items: list[str], last: str = "and") -> str:
    """``2019``, ``2019 and 2020``, ``2019, 2020 and 2021``."""
    if len(items) < 2:
        return "".join(items)
    return f"{', '.join(items[:-1])} {last} {items[-1]}"


def inner_quotes(label: str) -> str:
    """A label that holds quotation marks, ready to be quoted again.

    Messages put a field's label in double quotes; a label that already has them
    (年度考核“不合格”的年份) would nest “ inside “, so its own quotes become single.
    """
    return label.replace("“", "‘").replace("”", "’")
