"""What offices write in a roster's cells, read as the calculators' inputs before they answer.

County offices do not type the form's forms: 20180630, 2018年6月30号, 2018年6月, 31.12.2017, 无 for
no year, 五年, a year column per assessment (优秀/合格/基本合格/不合格), and cells Excel changed on
its own (2019,2021 typed becomes the number 20192021). Each writing read here is a rule written down
in this module, and a row read by one carries a note saying how; a writing that could mean two things
(6/7/2018) refuses its row, naming the cell. Nothing is guessed. The single calculators keep the
contract's own input forms: these are a roster's.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Mapping

from . import messages
from .inputs import YEAR_MAX, YEAR_MIN, normalise

# Words offices write for "no year": the column's own 无, dashes and slashes, "none".
NONE_WORDS = frozenset({"无", "没有", "无不合格", "否", "-", "--", "—", "——", "–", "/", "\\", "none", "n/a", "na", "nil"})
_CONTRACT_DATE = re.compile(r"\d{4}[-/.]\d{1,2}[-/.]\d{1,2}")
_EIGHT_DIGITS = re.compile(r"(\d{4})(\d{2})(\d{2})(?:\.0+)?")
_HAO = re.compile(r"(\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*)号")
_MONTH_ONLY = re.compile(r"(\d{4})\s*(?:年\s*(\d{1,2})\s*月(?:份)?|[-./](\d{1,2}))")
_DAY_MONTH_YEAR = re.compile(r"(\d{1,2})\s*([./-])\s*(\d{1,2})\s*\2\s*(\d{4})")
_YEARS_RUN = re.compile(r"\d{1,3}(?:,\d{3})+|\d{8,}")
_COUNT = re.compile(r"满?\s*(\d{1,2}|[一二两三四五六七八九十]{1,3})\s*(?:个)?\s*(?:周年|年)?(?:以上)?")
_NUMERALS = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}


class Refused(Exception):
    """A cell that could be read two ways, or not at all by any rule here: its row is refused by name."""

    def __init__(self, problem: dict[str, str]) -> None:
        super().__init__(problem["en"])
        self.problem = problem


def _valid(year: int, month: int, day: int) -> _dt.date | None:
    try:
        return _dt.date(year, month, day)
    except ValueError:
        return None


def _chinese_number(text: str) -> int | None:
    """一 to 九十九 as offices write a count of years (十, 十五, 二十)."""
    if text.isdigit():
        return int(text)
    if text == "十":
        return 10
    tens, _, units = text.partition("十")
    if "十" not in text:
        return _NUMERALS.get(text) if len(text) == 1 else None
    high = _NUMERALS.get(tens, 0) if tens else 1
    low = _NUMERALS.get(units, 0) if units else 0
    return None if (tens and tens not in _NUMERALS) or (units and units not in _NUMERALS) else high * 10 + low


def date_cell(text: str, label: tuple[str, str]) -> tuple[str, dict[str, str] | None]:
    """A date as an office wrote it, as the calculators read it, and the note on how (None: as written)."""
    if _CONTRACT_DATE.fullmatch(text):
        return text, None
    shown = normalise(text)
    eight = _EIGHT_DIGITS.fullmatch(shown)
    if eight and _valid(*map(int, eight.groups())):
        day = _dt.date(*map(int, eight.groups())).isoformat()
        return day, messages.file_problem("eight_digit_date", value=shown, day=day, label_zh=label[0], label_en=label[1])
    hao = _HAO.fullmatch(shown)
    if hao:
        return hao.group(1) + "日", None
    month = _MONTH_ONLY.fullmatch(shown)
    if month:
        year, number = int(month.group(1)), int(month.group(2) or month.group(3))
        if 1 <= number <= 12:
            return (f"{year}-{number:02d}-01",
                    messages.file_problem("month_only_date", value=shown, label_zh=label[0], label_en=label[1]))
    order = _DAY_MONTH_YEAR.fullmatch(shown)
    if order:
        first, second, year = int(order.group(1)), int(order.group(3)), int(order.group(4))
        if first > 12 >= second or second > 12 >= first or first == second:
            day, month_number = (first, second) if first > 12 else (second, first)
            found = _valid(year, month_number, day)
            if found:
                return found.isoformat(), messages.file_problem(
                    "day_month_order", value=shown, day=found.isoformat(), label_zh=label[0], label_en=label[1])
        elif first <= 12 and second <= 12:
            raise Refused(messages.file_problem("ambiguous_day_month", value=shown, label_zh=label[0],
                                                label_en=label[1]))
    return text, None


def years_cell(text: str, label: tuple[str, str]) -> tuple[str, dict[str, str] | None]:
    """A list of years as an office wrote it: 无 and dashes are none; a run of digits Excel made of
    "2019,2021" (20192021, shown 20,192,021) is read as its years when every four digits are one,
    in order; otherwise the cell goes to the calculator as written (and is refused there by name)."""
    if not text or text.isdigit() and len(text) == 4:
        return text, None
    shown = normalise(text)
    if shown.lower() in NONE_WORDS:
        return "", None
    run = _YEARS_RUN.fullmatch(shown)
    if run:
        digits = shown.replace(",", "")
        years = [int(digits[i:i + 4]) for i in range(0, len(digits), 4)] if len(digits) % 4 == 0 else []
        if years and all(YEAR_MIN <= y <= YEAR_MAX for y in years) and years == sorted(set(years)):
            read = "、".join(map(str, years))
            return read, messages.file_problem("joined_years", value=shown, years=read, label_zh=label[0],
                                               label_en=label[1])
    return text, None


def count_cell(text: str) -> str:
    """A whole number of years as offices write it: 5年, 5 年, 五年, 满5年, 十年以上 are the number."""
    if text.isdigit():
        return text
    shown = normalise(text)
    match = _COUNT.fullmatch(shown)
    if match and not shown.isdigit():
        number = _chinese_number(match.group(1))
        if number is not None:
            return str(number)
    return text


def grade(text: str, grades: Mapping[str, bool], column: tuple[str, str]) -> bool:
    """Whether one year's assessment grade puts that year in the list (不合格); blank is no grade.
    A word that is not one of the grades (称职, 未参加考核) refuses the row, naming it: what it means
    for the years is for the evaluation committee to say, not for this reader to guess."""
    word = re.sub(r"\s", "", normalise(text)).lower()
    if word == "" or word in NONE_WORDS:
        return False
    if word in grades:
        return grades[word]
    raise Refused(messages.file_problem("unknown_grade", value=normalise(text), column_zh=column[0],
                                        column_en=column[1], grades="、".join(g for g in grades if not g.isascii())))
