"""The dates and deadlines the notice sets, each with its clause (the .ics and the key-dates page read this)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from calculators import rules


@dataclass(frozen=True)
class KeyDate:
    """One date of the notice and what happens on it, in both languages."""

    uid: str
    day: dt.date
    clause: str
    zh: str
    en: str


KEY_DATES: tuple[KeyDate, ...] = (
    KeyDate("issued", rules.NOTICE.issued, "signature", f"本通知成文日期（{rules.NOTICE.issuer[0]}落款日期）",
            f"Date of this notice, as signed by the {rules.NOTICE.issuer[1]}"),
    KeyDate("terminate-2022", dt.date(2023, 7, 31), "s5-4",
            "系统对2022年度未完成流程的申报记录统一作终止处理",
            "The system terminates all application records of the 2022 review year whose process is unfinished"),
    KeyDate("open-2023", dt.date(2023, 8, 1), "s5-4", "申报2023年度职称评审的，从本日起新增申报记录",
            "Applicants for the 2023 professional title evaluation can create new application records from this day"),
    KeyDate("cutoff", rules.value("cutoff"), rules.clause("cutoff"),
            "2023年申报者任职年限（工作年限）终算时间", "Cutoff date of years in the current title (years of service) for 2023 applicants"),
)

UNDATED: tuple[tuple[str, str, str], ...] = (
    ("s5-1", "全省统一的个人资料上传、申报、审核等时间节点（详见附件3，原文未附）；各评委会自定的时间不得晚于全省节点",
     "Province-wide unified time points for uploading personal materials, application and review (Annex 3, not included "
     "in the source); each committee's own deadlines may not be later than the province-wide time points"),
    ("s5-5", "2021、2022年度通过评审、所在评委会受系统建设、疫情影响未能在当年度完成评审的：年限可从申报人申报当年12月31日起算",
     "Titles passed in the 2021 or 2022 review year whose committee could not finish that year because of the system "
     "build-out or the epidemic: years may be counted from 31 December of the year in which the applicant applied"),
)
