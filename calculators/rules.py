"""The year's notice: what it is (``NOTICE``) and its rules, each with the clause it comes from.

The calculators' numbers of the notice live here: the calculators, the pages and the published
``rules.json`` read them from this table, and the citation, the calendar, the templates and the
pages read the notice's title, issuer and date from ``NOTICE``. A new year's notice also brings
new text, clauses and wording: ``CONTRIBUTING.md`` lists every file it touches.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
from fractions import Fraction
from typing import Any


@dataclass(frozen=True)
class Rule:
    """One rule of the notice: its value, the clause it rests on, and what it says."""

    key: str
    value: Any
    clause: str
    zh: str
    en: str


@dataclass(frozen=True)
class Notice:
    """The notice itself, as a citation names it: (Chinese, English) pairs and the date it was signed."""

    title: tuple[str, str]
    issuer: tuple[str, str]
    issued: _dt.date


NOTICE_YEAR = 2023
NOTICE = Notice(
    title=(f"毕节市人力资源和社会保障局关于做好{NOTICE_YEAR}年职称工作的通知",
           f"Notice of the Bijie Municipal HRSS Bureau on the {NOTICE_YEAR} professional title work"),
    issuer=("毕节市人力资源和社会保障局", "Bijie Municipal HRSS Bureau"),
    issued=_dt.date(NOTICE_YEAR, 4, 27),
)

_RULES = (
    Rule("notice_year", NOTICE_YEAR, "title",
         "通知适用的年度", "the year the notice governs"),
    Rule("cutoff", _dt.date(NOTICE_YEAR, 12, 31), "s5-5",
         "2023年申报者任职年限（工作年限）终算时间", "cutoff date of years in the current title for 2023 applicants"),
    Rule("review_years_covered", (2021, 2022), "s5-5",
         "评委会因系统建设或疫情未能在当年度完成评审时，可从申报当年12月31日起算年限的评审年度",
         "review years whose titles may count from 31 December of the year of application, where the committee "
         "could not finish within that year (system build-out or the epidemic)"),
    Rule("ce_hours_general", 90, "s4-2",
         "每年继续教育累计学时下限", "minimum continuing-education credit hours per year"),
    Rule("ce_hours_grassroots", 45, "s4-2",
         "在基层工作的专业技术人员每年学时下限", "minimum credit hours per year for personnel working at the grassroots"),
    Rule("ce_hours_private", 45, "s4-2",
         "在民营经济组织工作的专业技术人员每年学时下限",
         "minimum credit hours per year for personnel working in private economic organisations"),
    Rule("professional_share_min", Fraction(2, 3), "s4-2",
         "专业科目一般不少于总学时的比例", "minimum share of the total for professional subjects (“generally”)"),
    Rule("digital_training_counts", True, "s4-1",
         "用人单位委托贵州师范大学开展的大数据专业数字技术工程师培训，培训学时可记入参训人员当年继续教育学时",
         "hours of the big-data digital-technology-engineer training commissioned from Guizhou Normal University may count "
         "towards the trainees' continuing-education hours of that year"),
    Rule("quota_national", 2, "s2-3",
         "国家级专精特新“小巨人”企业每年度最多举荐人数",
         "nominations per year at most by a national-level SRDI “little giant” enterprise"),
    Rule("quota_provincial", 1, "s2-3",
         "省级专精特新“小巨人”企业每年度最多举荐人数",
         "nominations per year at most by a provincial-level SRDI “little giant” enterprise"),
    Rule("expert_min_title", "deputy_senior", "s2-3",
         "署名推荐的同行业专家的最低职称层级", "lowest title level of the peer expert who signs the nomination"),
)

RULES: dict[str, Rule] = {rule.key: rule for rule in _RULES}


def value(key: str) -> Any:
    """The value of one rule; a missing key is a programming error and raises."""
    return RULES[key].value


def clause(key: str) -> str:
    """The clause id one rule comes from."""
    return RULES[key].clause


def _json_value(raw: Any) -> Any:
    if isinstance(raw, _dt.date):
        return raw.isoformat()
    if isinstance(raw, Fraction):
        return {"numerator": raw.numerator, "denominator": raw.denominator}
    if isinstance(raw, tuple):
        return list(raw)
    return raw


def rules_as_json() -> list[dict[str, Any]]:
    """The table as plain JSON data, for the published ``rules.json``."""
    return [
        {"key": r.key, "value": _json_value(r.value), "clause": r.clause, "zh": r.zh, "en": r.en}
        for r in _RULES
    ]
