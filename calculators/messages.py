"""Every message an answer can carry, in Chinese and English.

Messages are templates keyed by code so that tests can check that every code
exists in both languages, and so that the page never has to translate anything
itself.
"""

from __future__ import annotations

from typing import Any

from . import rules

ERRORS: dict[str, tuple[str, str]] = {
    "required": ("请填写“{label_zh}”。", "Please enter “{label_en}”."),
    "invalid_date": (
        "“{label_zh}”不是有效日期：请写成 2018-12-31 或 2018年12月31日。",
        "“{label_en}” is not a valid date: write it as 2018-12-31 or 2018年12月31日.",
    ),
    "invalid_number": (
        "“{label_zh}”须为数字（最多两位小数）。",
        "“{label_en}” must be a number (at most two decimals).",
    ),
    "not_integer": ("“{label_zh}”须为整数。", "“{label_en}” must be a whole number."),
    "out_of_range": (
        "“{label_zh}”须在 {low} 至 {high} 之间。",
        "“{label_en}” must be between {low} and {high}.",
    ),
    "invalid_choice": (
        "“{label_zh}”的取值无效，可选：{choices_zh}。",
        "“{label_en}” has an invalid value; choose one of: {choices_en}.",
    ),
    "invalid_list": (
        "“{label_zh}”须为列表。",
        "“{label_en}” must be a list.",
    ),
    "invalid_text": ("“{label_zh}”须为文字。", "“{label_en}” must be text."),
    "invalid_input": (
        "输入须为一个 JSON 对象（字段名与取值）。",
        "The input must be one JSON object (field names and values).",
    ),
    "unknown_calculator": (
        "没有名为“{name}”的计算器。",
        "There is no calculator named “{name}”.",
    ),
    "review_year_not_covered": (
        "通知只允许 {covered_zh} 年度通过评审者从当年12月31日起算年限，{year} 年度不适用。",
        "The notice lets only titles passed in the {covered_en} review year count from 31 December; {year} is not covered.",
    ),
    "start_after_cutoff": (
        "起算日期 {start} 晚于终算时间 {cutoff}，该资格不能计入本次申报的年限。",
        "The start date {start} is after the cutoff {cutoff}: it cannot count towards this application.",
    ),
    "conflicting_fields": (
        "“被举荐人名单”和“本次举荐人数”只能填写一项。",
        "Give either the list of nominees or the number proposed now, not both.",
    ),
}

NOTES: dict[str, tuple[str, str]] = {
    "unknown_field": (
        "已忽略未知字段：{fields}。",
        "Unknown fields were ignored: {fields}.",
    ),
    "cutoff_assumed": (
        "通知只规定了 {notice_year} 年申报的终算时间（{cutoff}）；{year} 年按当年12月31日推算，请以当年通知为准。",
        "The notice states the cutoff only for {notice_year} applications ({cutoff}); for {year} it is assumed to be 31 December {year}: check that year's notice.",
    ),
    "year_assumed": (
        "通知规定的是 {notice_year} 年的要求；{year} 年按相同要求推算，请以当年通知为准。",
        "The notice states the requirements for {notice_year}; for {year} the same are assumed: check that year's notice.",
    ),
    "share_guidance": (
        "专业科目占比低于三分之二：通知要求专业科目“一般”不少于总学时的三分之二，属指导性要求，不影响是否达标的判断。",
        "Professional subjects are under two thirds of the total: the notice says they “generally” reach two thirds. This is guidance and does not change whether the hours are met.",
    ),
    "disqualified": (
        "企业存在违规或不实举荐，已取消举荐资格，本年度不能举荐。",
        "The enterprise lost its right to nominate (irregular or untruthful nominations), so it can nominate no one.",
    ),
}

PROBLEMS: dict[str, tuple[str, str]] = {
    "leader_signature_missing": (
        "缺少企业董事长（或研发团队技术带头人）署名推荐",
        "not signed by the chairman (or the R&D team's technical leader)",
    ),
    "expert_signature_missing": (
        "缺少 1 名同行业专家署名推荐",
        "not signed by a peer expert",
    ),
    "expert_not_same_industry": (
        "署名专家不是同行业专家",
        "the signing expert is not from the same industry",
    ),
    "expert_title_too_low": (
        "署名专家职称低于副高级",
        "the signing expert's title is below associate senior",
    ),
}


def error(field: str | None, code: str, **params: Any) -> dict[str, Any]:
    """One error of an answer, with both messages filled in."""
    zh, en = ERRORS[code]
    return {"field": field, "code": code, "zh": zh.format(**params), "en": en.format(**params)}


def note(code: str, **params: Any) -> dict[str, str]:
    """One note of an answer, with both messages filled in."""
    zh, en = NOTES[code]
    params = {"notice_year": rules.NOTICE_YEAR, "cutoff": rules.value("cutoff").isoformat(), **params}
    return {"code": code, "zh": zh.format(**params), "en": en.format(**params)}
