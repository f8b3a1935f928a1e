"""Years in the current title at the cutoff (clause s5-5).

The notice makes three rules: 2023 applicants count their years up to 31 December
2023; titles passed in the 2021 or 2022 review year, whose committee could not finish
that year, may count from 31 December of that year; and a year whose annual
assessment was "unsatisfactory" does not count.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Mapping
from typing import Any

from . import messages, rules
from .answer import accepted, read_input, rejected
from .fields import Field
from .inputs import YEAR_MAX, YEAR_MIN
from .wording import count_en, format_day, join_en

NAME = "tenure"
CLAUSES = [rules.clause("cutoff")]

_COVERED_ZH = " 或 ".join(map(str, rules.value("review_years_covered")))
_COVERED_EN = " or ".join(map(str, rules.value("review_years_covered")))

FIELDS: tuple[Field, ...] = (
    Field(
        "qualified_on", "date", "取得现资格时间", "Date the current title was obtained",
        help_zh="现职称（资格）证书上的取得时间，如 2018-12-31。",
        help_en="The date on your current title certificate, e.g. 2018-12-31.",
        required=True, clauses=("s5-5",),
    ),
    Field(
        "review_year", "year", "延迟完成评审的评审年度", "Review year completed late",
        help_zh=(f"仅当现职称是 {_COVERED_ZH} 年度通过评审、评委会因系统建设或疫情未能在当年完成评审时填写。"),
        help_en=(f"Only if your title was passed in the {_COVERED_EN} review year and the committee could not "
                 f"finish that year (system build-out, epidemic)."),
        minimum=YEAR_MIN, maximum=YEAR_MAX, clauses=("s5-5",),
    ),
    Field(
        "unqualified_years", "years", "年度考核“不合格”的年份", "Years rated “unsatisfactory”", default=(),
        help_zh="年度考核为“不合格”的年份，用逗号或顿号分隔，如 2019、2020。",
        help_en="Years whose annual assessment was “unsatisfactory”, separated by commas, e.g. 2019, 2020.",
        clauses=("s5-5",),
    ),
    Field(
        "required_years", "integer", "申报上一级职称要求的年限", "Years the next title requires",
        help_zh="按本人所在系列评价标准填写，1 至 50 年。",
        help_en="From your series' evaluation standard, 1 to 50 years.",
        minimum=1, maximum=50,
    ),
    Field(
        "apply_year", "year", "申报年度", "Year of application",
        help_zh="终算时间为该年12月31日。", help_en="The cutoff is 31 December of this year.",
        default=rules.NOTICE_YEAR, minimum=YEAR_MIN, maximum=YEAR_MAX, clauses=("s5-5",),
    ),
)


def anniversary(start: _dt.date, years: int) -> _dt.date:
    """The date ``years`` after ``start``; 29 February falls on 28 February in common years."""
    year = start.year + years
    try:
        return start.replace(year=year)
    except ValueError:
        return _dt.date(year, 2, 28)


def full_years(start: _dt.date, cutoff: _dt.date) -> int:
    """Whole anniversary years from ``start`` that are reached on or before ``cutoff``."""
    years = cutoff.year - start.year
    while years > 0 and anniversary(start, years) > cutoff:
        years -= 1
    return max(years, 0)


def _fmt_zh(day: _dt.date) -> str:
    return format_day(day, "zh")


def _fmt_en(day: _dt.date) -> str:
    return format_day(day, "en")


def _overlaps(year: int, start: _dt.date, end: _dt.date) -> bool:
    """Whether an assessment year shares a day with the counted period after ``start`` up to ``end``."""
    return _dt.date(year, 12, 31) > start and _dt.date(year, 1, 1) <= end


def earliest_date(start: _dt.date, required: int, unqualified: list[int]) -> _dt.date:
    """The first anniversary by which the whole years, less the given unsatisfactory
    years inside the period up to it, reach ``required``.

    A given year after that anniversary does not push it later; no further
    unsatisfactory year is assumed. Each step either succeeds or passes one more
    given year, so the loop ends within ``len(unqualified) + 1`` steps.
    """
    years = required
    while True:
        day = anniversary(start, years)
        if years - sum(1 for y in unqualified if _overlaps(y, start, day)) >= required:
            return day
        years += 1


def calculate(inputs: Mapping[str, Any], explain: bool = True) -> dict[str, Any]:
    """Count the years in the current title at the cutoff, as clause s5-5 describes.

    ``explain=False`` leaves the explanation out, for a batch that shows only the figures."""
    values, errors, notes = read_input(FIELDS, inputs)
    review_year = values.get("review_year")
    covered = rules.value("review_years_covered")
    if review_year is not None and review_year not in covered:
        errors.append(messages.error("review_year", "review_year_not_covered", year=review_year,
                                     covered_zh=_COVERED_ZH, covered_en=_COVERED_EN))
    if errors:
        return rejected(NAME, errors)

    qualified_on: _dt.date = values["qualified_on"]
    apply_year: int = values["apply_year"]
    cutoff = _dt.date(apply_year, 12, 31)
    rule_cutoff: _dt.date = rules.value("cutoff")
    if cutoff != rule_cutoff:
        notes.append(messages.note("cutoff_assumed", year=apply_year))

    start, basis = qualified_on, "qualified_on"
    if review_year is not None and _dt.date(review_year, 12, 31) < qualified_on:
        start, basis = _dt.date(review_year, 12, 31), "review_year_end"
    if start > cutoff:
        return rejected(NAME, [messages.error(
            "qualified_on", "start_after_cutoff", start_zh=_fmt_zh(start), start_en=_fmt_en(start),
            cutoff_zh=_fmt_zh(cutoff), cutoff_en=_fmt_en(cutoff))])

    unqualified = sorted(set(values.get("unqualified_years") or []))
    deducted = [y for y in unqualified if _overlaps(y, start, cutoff)]
    ignored = [y for y in unqualified if y not in deducted]
    full = full_years(start, cutoff)
    counted = max(0, full - len(deducted))

    required = values.get("required_years")
    meets = shortfall = earliest = earliest_year = None
    if required is not None:
        meets = counted >= required
        shortfall = max(0, required - counted)
        earliest = earliest_date(start, required, unqualified)
        earliest_year = earliest.year

    result = {
        "start": start, "start_basis": basis, "cutoff": cutoff, "full_years": full,
        "deducted_years": deducted, "ignored_years": ignored, "counted_years": counted,
        "required_years": required, "meets": meets, "shortfall_years": shortfall,
        "earliest_date": earliest, "earliest_apply_year": earliest_year,
    }
    explanation = _explain(result, qualified_on, review_year) if explain else ([], [])
    return accepted(NAME, values, result, list(CLAUSES), explanation, notes)


def _explain(r: dict[str, Any], qualified_on: _dt.date, review_year: int | None) -> tuple[list[str], list[str]]:
    zh: list[str] = []
    en: list[str] = []
    start, cutoff = r["start"], r["cutoff"]
    if r["start_basis"] == "review_year_end":
        zh.append(f"您的现职称属{review_year}年度评审，于{_fmt_zh(qualified_on)}取得资格；所在评委会未能在{review_year}年度内"
                  f"完成评审，按第五部分第（五）项，年限可从申报当年（{review_year}年）12月31日起算，即{_fmt_zh(start)}，"
                  f"较取得资格时间更有利。")
        en.append(f"Your title was passed in the {review_year} review year and obtained on {_fmt_en(qualified_on)}; "
                  f"as your committee could not finish the {review_year} review within that year, under Part V(5) "
                  f"the years may count from 31 December of the year you applied ({_fmt_en(start)}), "
                  f"which is more favourable.")
    else:
        zh.append(f"年限从取得现资格时间{_fmt_zh(start)}起算。")
        en.append(f"The years count from the date you obtained the current title, {_fmt_en(start)}.")
    zh.append(f"终算时间为{_fmt_zh(cutoff)}：至该日共满 {r['full_years']} 个整年。")
    en.append(f"The cutoff is {_fmt_en(cutoff)}: by then {count_en(r['full_years'], 'full year')} "
              f"{'has' if r['full_years'] == 1 else 'have'} passed.")
    deducted, ignored = r["deducted_years"], r["ignored_years"]
    if deducted:
        zh.append(f"年度考核“不合格”的 {'、'.join(map(str, deducted))} 年度不计入任职年限，扣除 {len(deducted)} 年。")
        en.append(f"{'The year' if len(deducted) == 1 else 'The years'} rated “unsatisfactory” "
                  f"({join_en([str(y) for y in deducted])}) {'does' if len(deducted) == 1 else 'do'} not count: "
                  f"{count_en(len(deducted), 'year')} deducted.")
    if ignored:
        zh.append(f"{'、'.join(map(str, ignored))} 年度不在计算期间（起算至终算）内，未作扣除。")
        en.append(f"{join_en([str(y) for y in ignored])} "
                  f"{'falls' if len(ignored) == 1 else 'fall'} outside the counted period (start to cutoff) "
                  f"and {'was' if len(ignored) == 1 else 'were'} not deducted.")
    zh.append(f"计入任职年限：{r['counted_years']} 年。")
    en.append(f"Years counted in the current title: {r['counted_years']}.")
    if r["required_years"] is None:
        zh.append("未填写申报上一级职称要求的年限，因此不判断是否达到要求。")
        en.append("You did not give the years the next title requires, so whether you meet it is not judged.")
        return zh, en
    earliest = r["earliest_date"]
    if r["meets"]:
        zh.append(f"已达到要求的 {r['required_years']} 年。")
        en.append(f"This meets the {count_en(r['required_years'], 'year')} required.")
    else:
        zh.append(f"距要求的 {r['required_years']} 年还差 {r['shortfall_years']} 年。")
        en.append(f"This is {count_en(r['shortfall_years'], 'year')} short of the {r['required_years']} required.")
    zh.append(f"如此后年度考核均合格，最早在{_fmt_zh(earliest)}满足年限，即最早可在 {r['earliest_apply_year']} 年申报"
              f"（以当年终算时间为准）。")
    en.append(f"If no further year is rated unsatisfactory, you reach the years on {_fmt_en(earliest)}, "
              f"so the earliest year you can apply is {r['earliest_apply_year']} (subject to that year's cutoff).")
    return zh, en
