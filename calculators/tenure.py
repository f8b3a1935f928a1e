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

from . import messages, readings, rules
from .answer import accepted, read_input, rejected
from .calculator import Calculator, Column, Verdict
from .clauses import name
from .fields import Field
from .inputs import YEAR_MAX, YEAR_MIN
from .wording import count_en, format_day, join_en

NAME = "tenure"

# Its own messages (calculators.messages holds the generic ones).
messages.declare(
    errors={
        "review_year_not_covered": (
            "通知只允许 {covered_zh} 年度通过评审、且评委会因系统建设或疫情未能在当年度完成评审的申报人，"
            "从申报当年12月31日起算年限；{year} 年度不适用。",
            "Only titles passed in the {covered_en} review year whose committee could not finish within that year "
            "(system build-out or the epidemic) may count from 31 December of the year of application; "
            "{year} is not covered.",
        ),
        "start_after_cutoff": (
            "起算日期{start_zh}晚于终算时间{cutoff_zh}，该资格不能计入本次申报的年限。",
            "The start date, {start_en}, is after the cutoff, {cutoff_en}: it cannot count towards this application.",
        ),
    },
    notes={
        "cutoff_assumed": (
            "通知只规定了 {notice_year} 年申报的终算时间（{cutoff_zh}）；{year} 年按当年12月31日推算，"
            "本通知的其他规定（包括延迟评审的起算规定）也照样适用——这是本站的理解，请以当年通知为准。",
            "The notice states the cutoff only for {notice_year} applications ({cutoff_en}); for {year} it is assumed "
            "to be 31 December {year}, and the notice's other rules (the delayed review's start included) are applied "
            "as they are. That is this site's reading: check that year's notice.",
        ),
    },
)

CLAUSES = (rules.clause("cutoff"),)
VERDICT = {True: ("任职年限已满足要求", "Years in the title met"),
           False: ("任职年限尚未满足要求", "Years in the title not met")}
SHORT_VERDICT = {True: ("满足", "met"), False: ("不满足", "not met")}
DELAYED_QUOTE_ZH = "可从申报人申报当年12月31日起算"
DELAYED_QUOTE_EN = "may be counted from 31 December of the year in which the applicant applied"
UNQUALIFIED_QUOTE_ZH = "该年度不计入任职年限（工作年限）"
UNQUALIFIED_QUOTE_EN = "that year is not counted in their years in the current title (years of service)"
CUTOFF_QUOTE_ZH = (f"{rules.NOTICE_YEAR}年申报职称评审的专业技术人员，其任职年限（工作年限）终算时间为"
                   f"{format_day(rules.value('cutoff'), 'zh')}")
CUTOFF_QUOTE_EN = (f"For professional and technical personnel applying for professional title evaluation in "
                   f"{rules.NOTICE_YEAR}, the cutoff date of their years in the current title (years of service) is "
                   f"{format_day(rules.value('cutoff'), 'en')}")


def _years_counted(otherwise: Mapping[str, Any], lang: str) -> str:
    n = otherwise["counted_years"]
    return f"计入{n}年，" if lang == "zh" else f"{count_en(n, 'year')} {'counts' if n == 1 else 'count'}: "


ANNIVERSARIES = readings.Reading(
    "anniversary_count", "s5-5",
    short=("整年按周年计算", "whole years counted by anniversaries"),
    notice=(CUTOFF_QUOTE_ZH, CUTOFF_QUOTE_EN),
    site=("通知只规定了终算时间，未规定怎样计算整年。本站的理解是按周年计算：第N个周年日在终算时间当天或之前，才计为N年。",
          "The notice sets the cutoff but does not say how whole years are counted. This site's reading counts "
          "them by anniversaries: N years count when the N-th anniversary falls on or before the cutoff."),
    other=("其他算法（如按自然年度计数）可能相差一年，具体以评委会认定为准。",
           "Other ways of counting (by calendar years, for instance) can differ by a year; the evaluation "
           "committee decides."))
REVIEW_YEAR = readings.Reading(
    "review_year_as_application_year", "s5-5",
    short=("“申报当年”按该次评审的年度理解", "“the year in which the applicant applied” read as the review year"),
    notice=(DELAYED_QUOTE_ZH, DELAYED_QUOTE_EN),
    site=("通知规定年限“可从申报人申报当年12月31日起算”。本站的理解是把“申报当年”理解为该次评审的年度（通常即提交申报的年份），"
          "并取其与取得资格时间中较早（对申报人更有利）的一个起算。",
          "The notice says the years “may be counted from 31 December of the year in which the applicant "
          "applied”. This site's reading takes that year to be the review year (usually the year the application "
          "was submitted), and counts from whichever is earlier, that or the date the title was obtained."),
    other=("如您是在之后的年份才提交该次申报，起算时间可能不同，请向评委会确认。",
           "If you submitted that application in a later calendar year, the start may differ: ask the "
           "evaluation committee."))
PARTIAL_YEAR = readings.Reading(
    "unqualified_year_partial", "s5-5",
    short=("取得资格当年考核不合格的，只扣除该年中取得资格之后的部分",
           "an unsatisfactory year in which the title was obtained: only its part after the title is left out"),
    notice=(UNQUALIFIED_QUOTE_ZH, UNQUALIFIED_QUOTE_EN),
    site=("通知规定“该年度不计入任职年限（工作年限）”，但未规定取得资格当年考核不合格时如何扣除。本站的理解是："
          "只扣除该年度中取得资格之后的部分，年限从该年12月31日起算。",
          "The notice says “that year is not counted in their years in the current title (years of service)”, "
          "but not how this applies to the year in which the title was obtained. This site's reading leaves out "
          "only the part of that year after the title was obtained: the years count from 31 December of that "
          "year."),
    other=("如评委会按整年扣除，计入年限将少1年。具体以评委会认定为准。",
           "If the evaluation committee deducts a whole year instead, one year fewer counts. The committee "
           "decides."),
    otherwise=("如按整年扣除，{figures}{verdict}", "deducting the whole year, {figures}{verdict}"),
    figures=_years_counted)
CUTOFF = readings.Reading(
    "cutoff_assumed", "s5-5",
    short=("其他申报年度的终算时间按当年12月31日推算", "the cutoff of another application year assumed to be 31 December"),
    notice=(CUTOFF_QUOTE_ZH, CUTOFF_QUOTE_EN),
    site=(f"通知只规定了{rules.NOTICE_YEAR}年申报的终算时间。本站的理解是：其他申报年度按当年12月31日推算，"
          f"并沿用本通知的其他规定（包括延迟评审的起算规定）。",
          f"The notice sets the cutoff only for {rules.NOTICE_YEAR} applications. This site's reading assumes "
          f"31 December of any other application year, and applies the notice's other rules (the delayed "
          f"review's start included) to it too."),
    other=("请以当年的通知为准。", "Check that year's notice."))
READINGS = (ANNIVERSARIES, REVIEW_YEAR, PARTIAL_YEAR, CUTOFF)

_COVERED_ZH = " 或 ".join(map(str, rules.value("review_years_covered")))
_COVERED_EN = " or ".join(map(str, rules.value("review_years_covered")))

FIELDS: tuple[Field, ...] = (
    Field(
        "qualified_on", "date", "取得现资格时间", "Date the current title was obtained",
        help_zh=("现职称（资格）证书上的取得时间，如 2018-12-31。本计算器从取得资格时间起算；"
                 "如您所在系列或单位按聘任时间计算任职年限，请按有关规定执行，并向评委会确认。"),
        help_en=("The date on your current title certificate, e.g. 2018-12-31. This calculator counts from that "
                 "date; if your series or employer counts the years from your appointment instead, follow those "
                 "rules and ask the evaluation committee."),
        required=True, clauses=("s5-5",),
        headers=("现职称取得时间", "取得现职称时间", "现职称取得日期", "取得现职称日期", "取得现资格日期",
                 "现资格取得时间", "取得资格时间", "资格取得时间", "现职称获得时间", "获得现职称时间", "取得时间",
                 "职称取得时间", "职称取得日期", "证书取得时间", "资格证书取得时间", "任职资格取得时间",
                 "取得现职称年月", "现职称取得年月", "取得现资格年月", "取得专业技术资格时间",
                 "现专业技术职务取得时间", "现职称评定时间", "现任职称时间", "date obtained", "qualified on",
                 "title obtained", "date the title was obtained"),
        hints=("取得", "获得", "资格时间", "评定", "obtained"),
        impostors=("聘任", "任现职", "聘用", "受聘", "appoint"),
        impostor_why=("聘任时间，不是取得现资格的时间", "an appointment date, not the date the title was obtained"),
    ),
    Field(
        "review_year", "year", "未能在当年度完成评审的评审年度", "Review year (only if the committee finished late)",
        help_zh=(f"仅当现职称是 {_COVERED_ZH} 年度通过评审、评委会受系统建设、疫情影响未能在当年度完成评审时填写。"
                 f"通知规定“可从申报人申报当年12月31日起算”；本计算器按该次评审的年度计算（通常即提交申报的年份），"
                 f"这是本站的理解；如您在之后的年份才提交该次申报，请向评委会确认。"),
        help_en=(f"Only if your title was passed in the {_COVERED_EN} review year and the committee could not "
                 f"finish that year because of the system build-out or the epidemic. The notice says the years "
                 f"“may be counted from 31 December of the year in which the applicant applied”; this calculator "
                 f"takes that year to be the review year (usually the year the application was submitted). That is "
                 f"this site's reading: if you submitted that application in a later year, ask the evaluation "
                 f"committee."),
        minimum=YEAR_MIN, maximum=YEAR_MAX, clauses=("s5-5",),
        headers=("延迟完成评审的评审年度", "延迟评审年度", "延迟完成评审年度", "延期评审年度", "延迟完成评审的年度", "review year completed late"),
        hints=("评审年", "延迟", "延期", "review"),
    ),
    Field(
        "unqualified_years", "years", "年度考核“不合格”的年份", "Years rated “unsatisfactory”", default=(),
        help_zh=("年度考核为“不合格”的年份，用逗号或顿号分隔，如 2019、2020。通知只规定“不合格”年度不计入；"
                 "其他等次（如基本合格）是否影响年限，按有关规定执行，由评委会认定。"),
        help_en=("Years whose annual assessment was “unsatisfactory”, separated by commas, e.g. 2019, 2020. The "
                 "notice says only that an “unsatisfactory” year is not counted; whether another rating (such as "
                 "“basically satisfactory”) affects the years follows the relevant rules, and the evaluation "
                 "committee decides."),
        clauses=("s5-5",),
        headers=("年度考核不合格年份", "年度考核不合格年度", "考核不合格年度", "考核不合格年份", "不合格年度", "不合格年份",
                 "年度考核不合格", "考核不合格", "年度考核为不合格的年份", "年度考核不合格情况",
                 "unsatisfactory years", "unqualified years", "years rated unsatisfactory"),
        hints=("不合格", "考核", "扣除", "不计入", "称职", "unsatisf", "unqualif", "deduct", "notcounted"),
        grades={"不合格": True, "unsatisfactory": True, "优秀": False, "合格": False, "基本合格": False,
                "excellent": False, "satisfactory": False, "basicallysatisfactory": False},
    ),
    Field(
        "required_years", "integer", "申报上一级职称要求的年限", "Years the next title requires",
        help_zh="按本人所在系列评价标准填写，1 至 50 年。",
        help_en="From your series' evaluation standard, 1 to 50 years.",
        minimum=1, maximum=50,
        headers=("要求年限", "申报职称要求年限", "申报要求年限", "要求任职年限", "所需年限", "需满年限", "规定年限",
                 "申报所需任职年限", "所需任职年限", "规定任职年限", "required years", "years required"),
        hints=("年限", "required", "years"),
    ),
    Field(
        "apply_year", "year", "申报年度", "Year of application",
        help_zh=(f"{rules.NOTICE_YEAR}年申报的，终算时间为{rules.NOTICE_YEAR}年12月31日（通知规定）；"
                 f"其他年份本站按当年12月31日推算，请以当年通知为准。"),
        help_en=(f"For {rules.NOTICE_YEAR} the notice sets 31 December {rules.NOTICE_YEAR}; for other years this "
                 f"site assumes 31 December of that year: check that year's notice."),
        default=rules.NOTICE_YEAR, minimum=YEAR_MIN, maximum=YEAR_MAX, clauses=("s5-5",),
        headers=("申报年份", "申报年", "application year", "apply year"),
        hints=("申报年", "评审年", "参评", "申报时间", "申报日期", "applied"),
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


def _move_out_of_unqualified_year(start: _dt.date, basis: str,
                                  unqualified: list[int]) -> tuple[_dt.date, str, list[int]]:
    """A start inside an unsatisfactory year moves to that year's 31 December.

    The notice says such a year "is not counted" (该年度不计入任职年限): the part of it
    after the start is left out, rather than a whole year being deducted from a period
    that holds only part of it. Only the year holding the start can move it, and it is
    then not deducted again.
    """
    year_end = _dt.date(start.year, 12, 31)
    if start.year in unqualified and start != year_end:
        return year_end, "unqualified_year_end", [start.year]
    return start, basis, []


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
    unmoved = start
    start, basis, moved_by = _move_out_of_unqualified_year(start, basis, unqualified)
    deducted = [y for y in unqualified if _overlaps(y, start, cutoff)]
    ignored = [y for y in unqualified if y not in deducted and y not in moved_by]
    full = full_years(start, cutoff)
    counted = max(0, full - len(deducted))

    required = values.get("required_years")
    meets = shortfall = earliest = earliest_year = None
    if required is not None:
        meets = counted >= required
        shortfall = max(0, required - counted)
        earliest = earliest_date(start, required, unqualified)
        earliest_year = earliest.year

    listed = [readings.used(ANNIVERSARIES)]
    if basis == "review_year_end":
        listed.append(readings.used(REVIEW_YEAR))
    if moved_by:
        whole = max(0, full_years(unmoved, cutoff) - sum(1 for y in unqualified if _overlaps(y, unmoved, cutoff)))
        listed.append(readings.used(PARTIAL_YEAR, {"counted_years": whole,
                                                   "meets": None if required is None else whole >= required}))
    if cutoff != rule_cutoff:
        listed.append(readings.used(CUTOFF))
    result = {
        "start": start, "start_basis": basis, "cutoff": cutoff, "full_years": full,
        "start_moved_by": moved_by, "deducted_years": deducted, "ignored_years": ignored, "counted_years": counted,
        "required_years": required, "meets": meets, "shortfall_years": shortfall,
        "earliest_date": earliest, "earliest_apply_year": earliest_year,
        "readings": listed,
        # The explanation says it; the registry sets it for every calculator (Calculator.answer).
        "depends_on_reading": readings.depends(meets, listed),
    }
    explanation = _explain(result, qualified_on, review_year) if explain else ([], [])
    return accepted(NAME, values, result, list(CLAUSES), explanation, notes)


def _explain(r: dict[str, Any], qualified_on: _dt.date, review_year: int | None) -> tuple[list[str], list[str]]:
    zh: list[str] = []
    en: list[str] = []
    start, cutoff = r["start"], r["cutoff"]
    if r["start_basis"] == "review_year_end":
        zh.append(f"您的现职称属{review_year}年度评审，于{_fmt_zh(qualified_on)}取得资格。所在评委会受系统建设、疫情影响"
                  f"未能在{review_year}年度内完成评审的，{name('s5-5', 'zh')}规定年限“{DELAYED_QUOTE_ZH}”。"
                  f"本计算器把“申报当年”理解为该次评审的年度（{review_year}年），即从{_fmt_zh(start)}起算，"
                  f"较取得资格时间更有利——这是本站的理解；如您是在之后的年份才提交该次申报，请向评委会确认起算时间。")
        en.append(f"Your title was passed in the {review_year} review year and obtained on {_fmt_en(qualified_on)}. "
                  f"{name('s5-5', 'en')} says that where the committee could not finish that year's review because of the system "
                  f"build-out or the epidemic, the years “{DELAYED_QUOTE_EN}”. This calculator reads “the year in "
                  f"which the applicant applied” as that review year ({review_year}), so the years count from "
                  f"{_fmt_en(start)}, which is more favourable. That is this site's reading: if you submitted that "
                  f"application in a later calendar year, ask the evaluation committee from when your years count.")
    elif r["start_basis"] == "unqualified_year_end":
        year = r["start_moved_by"][0]
        zh.append(f"您于{_fmt_zh(qualified_on)}取得现资格，而{year}年度考核为“不合格”。通知规定“{UNQUALIFIED_QUOTE_ZH}”，"
                  f"但未规定取得资格当年考核不合格时如何扣除。本站的理解是：只扣除该年度中取得资格之后的部分，"
                  f"年限从{_fmt_zh(start)}起算；如评委会按整年扣除，计入年限将少1年。具体以评委会认定为准。")
        en.append(f"You obtained the current title on {_fmt_en(qualified_on)}, and {year} was rated “unsatisfactory”. "
                  f"The notice says “{UNQUALIFIED_QUOTE_EN}”, but not how this applies to the year in which the title "
                  f"was obtained. This site's reading leaves out only the part of {year} after you obtained the title "
                  f"(the years count from {_fmt_en(start)}); if the evaluation committee deducts a whole year "
                  f"instead, one year fewer counts. The committee decides.")
    else:
        zh.append(f"年限从取得现资格时间{_fmt_zh(start)}起算。")
        en.append(f"The years count from the date you obtained the current title, {_fmt_en(start)}.")
        if review_year is not None:
            zh.append(f"您填写了评审年度{review_year}年，但取得资格时间不晚于{review_year}年12月31日，"
                      f"从该日起算并不更有利，因此仍从取得资格时间起算。")
            en.append(f"You gave the review year {review_year}, but the title was obtained on or before 31 December "
                      f"{review_year}, so counting from that day would not be more favourable: the years count from "
                      f"the date the title was obtained.")
    zh.append(f"终算时间为{_fmt_zh(cutoff)}：至该日共满{r['full_years']}个整年（按本站的理解，按周年计算，"
              f"具体以评委会认定为准）。")
    en.append(f"The cutoff is {_fmt_en(cutoff)}: by then {count_en(r['full_years'], 'full year')} "
              f"{'has' if r['full_years'] == 1 else 'have'} passed (counted by anniversaries, on this site's "
              f"reading; the evaluation committee decides).")
    deducted, ignored = r["deducted_years"], r["ignored_years"]
    if deducted:
        zh.append(f"年度考核“不合格”的{'、'.join(map(str, deducted))}年度整年都在计算期间内，按通知“该年度不计入任职年限”"
                  f"扣除{len(deducted)}年。")
        en.append(f"{'The year' if len(deducted) == 1 else 'The years'} rated “unsatisfactory” "
                  f"({join_en([str(y) for y in deducted])}) {'lies' if len(deducted) == 1 else 'lie'} wholly inside "
                  f"the counted period and, as the notice says, {'does' if len(deducted) == 1 else 'do'} not count: "
                  f"{count_en(len(deducted), 'year')} deducted.")
    if ignored:
        zh.append(f"{'、'.join(map(str, ignored))}年度不在计算期间（起算至终算）内，未作扣除。")
        en.append(f"{join_en([str(y) for y in ignored])} "
                  f"{'falls' if len(ignored) == 1 else 'fall'} outside the counted period (start to cutoff) "
                  f"and {'was' if len(ignored) == 1 else 'were'} not deducted.")
    zh.append(f"计入任职年限：{r['counted_years']}年。")
    en.append(f"Years counted in the current title: {r['counted_years']}.")
    if r["required_years"] is None:
        zh.append("未填写申报上一级职称要求的年限，因此不判断年限是否满足要求。")
        en.append("You did not give the years the next title requires, so whether the years are met is not judged.")
        return zh, en
    earliest = r["earliest_date"]
    if r["meets"] and r["depends_on_reading"]:
        zh.append(f"按本站的理解，任职年限已满足要求的{r['required_years']}年；按另一种理解则不满足（见结论）。"
                  f"本计算器只核对任职年限；学历、业绩、继续教育等其他申报条件须另行核对。")
        en.append(f"On this site's reading, the years meet the {count_en(r['required_years'], 'year')} required; on "
                  f"the other reading they do not (see the verdict). This calculator checks the years only; "
                  f"education, achievements, continuing education and the other conditions are checked separately.")
    elif r["meets"]:
        zh.append(f"任职年限已满足要求的{r['required_years']}年。本计算器只核对任职年限；学历、业绩、继续教育等其他申报条件"
                  f"须另行核对。")
        en.append(f"The years meet the {count_en(r['required_years'], 'year')} required. This calculator checks the "
                  f"years only; education, achievements, continuing education and the other conditions are checked "
                  f"separately.")
    else:
        zh.append(f"距要求的{r['required_years']}年还差{r['shortfall_years']}年。")
        en.append(f"This is {count_en(r['shortfall_years'], 'year')} short of the {r['required_years']} required.")
    zh.append(f"仅就任职年限而言：如此后年度考核均合格，最早在{_fmt_zh(earliest)}满足年限，"
              f"即{r['earliest_apply_year']}年申报时年限可满足要求（以当年终算时间为准，其他条件另行核对）。")
    en.append(f"On the years alone: if no further year is rated unsatisfactory, you reach them on "
              f"{_fmt_en(earliest)}, so the earliest application year in which the years are met is "
              f"{r['earliest_apply_year']} (subject to that year's cutoff and to every other condition).")
    return zh, en


CALCULATOR = Calculator(
    name=NAME, title=("任职年限计算", "Years in the current title"), page="tenure", fields=FIELDS,
    clauses=CLAUSES, readings=READINGS, verdict=Verdict("meets", VERDICT, SHORT_VERDICT), calculate=calculate,
    roster=True,
    result_columns=(
        Column("start", "起算日期", "Start date"),
        Column("cutoff", "终算时间", "Cutoff"),
        Column("full_years", "满整年数", "Full years"),
        Column("start_moved_by", "起算移至年末的不合格年度", "Unsatisfactory year that moved the start"),
        Column("deducted_years", "扣除的年度", "Years deducted"),
        Column("ignored_years", "未扣除的年度", "Years not deducted"),
        Column("counted_years", "计入年限", "Years counted"),
        Column("meets", "年限是否满足要求（本站计算方法）", "Years in the title met (this site's method)"),
        Column("shortfall_years", "还差年数", "Years short"),
        Column("earliest_apply_year", "年限最早满足的申报年度", "Earliest application year (years only)"),
    ),
    template_example={"qualified_on": "2019-06-28", "unqualified_years": "2020", "required_years": "5",
                      "apply_year": str(rules.NOTICE_YEAR)},
)
