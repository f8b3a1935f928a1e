"""Nominations by SRDI "little giant" enterprises (clause s2-3).

Such an enterprise may nominate outstanding engineers to apply directly for a senior
engineering title: at most two a year for a national-level enterprise, one for a
provincial-level one, none once it has lost the right through irregular nominations.
Each nomination needs the signature of the chairman (or the R&D team's technical
leader) and of one peer expert of the same industry at associate-senior level or above.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from . import messages, rules
from .answer import accepted, read_input, rejected
from .calculator import Calculator, Column, Verdict
from .clauses import name
from .fields import Choice, Field, read_fields
from .inputs import YEAR_MAX, YEAR_MIN
from .wording import count_en

NAME = "quota"

# Its own messages (calculators.messages holds the generic ones).
messages.declare(
    errors={
        "conflicting_fields": (
            "“被举荐人名单”和“本次举荐人数”只能填写一项。",
            "Give either the list of nominees or the number proposed now, not both.",
        ),
    },
    notes={
        "disqualified": (
            "企业因违规或不实举荐已被取消举荐资格，不能举荐。",
            "The enterprise's nomination eligibility has been revoked for irregular or untruthful nominations, "
            "so it cannot nominate.",
        ),
    },
)
VERDICT = {True: ("名额和署名符合要求", "Quota and signatures in order"),
           False: ("名额或署名不符合要求", "Quota or signatures not in order")}
# With only a head count, no signature was checked, and the verdict says so.
COUNT_ONLY_VERDICT = {True: ("在名额内（未核对署名）", "Within the quota (signatures not checked)"),
                      False: ("超出名额（未核对署名）", "Over the quota (signatures not checked)")}
SHORT_VERDICT = {True: ("符合要求", "in order"), False: ("不符合要求", "not in order")}
COUNT_MAX = 1000

LEVELS = (
    Choice("national", "国家级专精特新“小巨人”企业", "National-level SRDI “little giant”", ("国家级",)),
    Choice("provincial", "省级专精特新“小巨人”企业", "Provincial-level SRDI “little giant”", ("省级",)),
    Choice("none", "不是专精特新“小巨人”企业", "Not an SRDI “little giant”", ("无", "否")),
)

TITLE_LEVELS = (
    Choice("none", "无职称", "No title", ("无",)),
    Choice("junior", "初级", "Junior"),
    Choice("intermediate", "中级", "Intermediate"),
    Choice("deputy_senior", "副高级", "Associate senior"),
    Choice("senior", "正高级", "Full senior"),
)

# The lowest title an expert who signs may hold (the rules table), as the form names it.
_MIN = next(c for c in TITLE_LEVELS if c.value == rules.value("expert_min_title"))
_MIN_ZH, _MIN_EN = _MIN.zh, _MIN.en.lower()

# What a nominee's check did not confirm: each is what the form says (a box left unticked, a title not
# chosen), never a finding about the person.
PROBLEMS: dict[str, tuple[str, str]] = {
    "leader_signature_missing": (
        "未确认已有企业董事长（或研发团队技术带头人）署名推荐",
        "not confirmed as signed by the chairman (or the R&D team's technical leader)",
    ),
    "expert_signature_missing": (
        f"未确认已有 1 名同行业专家（{_MIN_ZH}以上）署名推荐",
        f"not confirmed as signed by an expert of the same industry ({_MIN_EN} or above)",
    ),
    "expert_not_same_industry": (
        "未确认署名专家为同行业专家",
        "not confirmed that the signing expert is from the same industry",
    ),
    "expert_title_too_low": (
        "所填署名专家职称为{title_zh}，低于" + _MIN_ZH,
        "the signing expert's title given is {title_en}, below " + _MIN_EN,
    ),
    "expert_title_not_chosen": (
        f"未选择署名专家职称（须为{_MIN_ZH}以上）",
        f"the signing expert's title is not given ({_MIN_EN} or above is needed)",
    ),
}

NOMINEE_FIELDS: tuple[Field, ...] = (
    Field("name", "text", "姓名", "Name", default=""),
    Field("leader_signed", "boolean", "董事长（或研发团队技术带头人）已署名", "Signed by the chairman (or R&D technical leader)",
          default=False, clauses=("s2-3",)),
    Field("expert_signed", "boolean", "1 名同行业专家已署名", "Signed by one expert of the same industry", default=False, clauses=("s2-3",)),
    Field("expert_title", "choice", "署名专家职称", "Signing expert's title", default="none", choices=TITLE_LEVELS,
          clauses=("s2-3",)),
    Field("expert_same_industry", "boolean", "专家与被举荐人同行业", "Expert is from the same industry", default=False,
          clauses=("s2-3",)),
)

FIELDS: tuple[Field, ...] = (
    Field("enterprise_level", "choice", "企业类别", "Enterprise",
          help_zh="国家级或省级专精特新“小巨人”企业。", help_en="A national-level or provincial-level SRDI “little giant” enterprise.",
          required=True, choices=LEVELS, clauses=("s2-3",),
          headers=("企业级别", "企业层级", "小巨人级别", "企业等级"), hints=("级别", "层级", "小巨人", "类别")),
    Field("disqualified", "boolean", "已因违规或不实举荐被取消举荐资格",
          "Nomination eligibility revoked (irregular or untruthful nominations)",
          default=False, clauses=("s2-3",), headers=("已取消举荐资格", "取消举荐资格"), hints=("取消", "违规")),
    Field("already_nominated", "count", "本年度已举荐人数", "People already nominated this year",
          default=0, minimum=0, maximum=COUNT_MAX, clauses=("s2-3",),
          headers=("已举荐人数", "本年已举荐人数"), hints=("已举荐",)),
    Field("nominees", "records", "被举荐人名单", "Nominees",
          help_zh="逐一填写本次拟举荐的人员及署名情况。", help_en="Each person proposed now, with who signed.",
          default=(), maximum=COUNT_MAX, clauses=("s2-3",), extra={"fields": [f.metadata() for f in NOMINEE_FIELDS]}),
    Field("nominee_count", "count", "本次举荐人数", "Number proposed now",
          help_zh="不逐一核对时，只填写人数。", help_en="If you do not list them, just how many.",
          minimum=0, maximum=COUNT_MAX, clauses=("s2-3",),
          headers=("举荐人数", "拟举荐人数", "本次拟举荐人数"), hints=("举荐",)),
    Field("year", "year", "举荐年度", "Nomination year",
          default=rules.NOTICE_YEAR, minimum=YEAR_MIN, maximum=YEAR_MAX, clauses=("s2-3",),
          headers=("年度", "举荐年份"), hints=("年度",)),
)

_TITLE_ORDER = [c.value for c in TITLE_LEVELS]


def _check_nominee(index: int, nominee: dict[str, Any]) -> dict[str, Any]:
    problems = []
    if not nominee["leader_signed"]:
        problems.append("leader_signature_missing")
    if not nominee["expert_signed"]:
        problems.append("expert_signature_missing")
    if not nominee["expert_same_industry"]:
        problems.append("expert_not_same_industry")
    if _TITLE_ORDER.index(nominee["expert_title"]) < _TITLE_ORDER.index(rules.value("expert_min_title")):
        problems.append("expert_title_too_low")
    return {"index": index, "name": nominee["name"], "ok": not problems, "problems": problems}


def _problems_worth_saying(check: dict[str, Any], nominee: dict[str, Any]) -> tuple[list[str], list[str]]:
    """What an explanation says of a nominee's problems, in both languages.

    With no expert's signature confirmed, the expert's industry and title (unticked defaults) are not
    news about an expert who may not exist; a title left at 无职称 is said to be not chosen."""
    problems = check["problems"]
    if "expert_signature_missing" in problems:
        problems = [p for p in problems if p not in ("expert_not_same_industry", "expert_title_too_low")]
    title = next(c for c in TITLE_LEVELS if c.value == nominee["expert_title"])
    zh, en = [], []
    for problem in problems:
        key = "expert_title_not_chosen" if problem == "expert_title_too_low" and title.value == "none" else problem
        words = PROBLEMS[key]
        zh.append(words[0].format(title_zh=title.zh))
        en.append(words[1].format(title_en=title.en))
    return zh, en


def calculate(inputs: Mapping[str, Any], explain: bool = True) -> dict[str, Any]:
    """Count the enterprise's nominations against its quota and check each nominee's signatures
    (``explain=False``: no explanation, for a batch)."""
    values, errors, notes = read_input(FIELDS, inputs)
    nominees: list[dict[str, Any]] = []
    for index, raw in enumerate(values.get("nominees") or ()):
        nominee, nominee_errors = read_fields(NOMINEE_FIELDS, raw, prefix=f"nominees[{index}].")
        nominees.append(nominee)
        errors.extend(nominee_errors)
    if nominees and values.get("nominee_count") is not None:
        errors.append(messages.error("nominee_count", "conflicting_fields"))
    if errors:
        return rejected(NAME, errors)
    values["nominees"] = nominees
    if values["year"] != rules.NOTICE_YEAR:
        notes.append(messages.note("year_assumed", year=values["year"]))

    level = values["enterprise_level"]
    quota = 0 if level == "none" or values["disqualified"] else rules.value(f"quota_{level}")
    if values["disqualified"]:
        notes.append(messages.note("disqualified"))
    proposed = len(nominees) if nominees else (values.get("nominee_count") or 0)
    used = values["already_nominated"] + proposed
    checks = [_check_nominee(i, n) for i, n in enumerate(nominees)]
    ok = used <= quota and all(c["ok"] for c in checks)
    signatures_checked = bool(nominees) or not values.get("nominee_count")
    result = {
        "quota": quota,
        "used": used,
        "remaining": max(0, quota - used),
        "within_quota": used <= quota,
        "excess": max(0, used - quota),
        "nominee_checks": checks,
        "ok": ok,
        "signatures_checked": signatures_checked,
    }
    return accepted(NAME, values, result, [rules.clause("quota_national")],
                    _explain(values, result, proposed) if explain else ([], []), notes)


def _explain(values: dict[str, Any], r: dict[str, Any], proposed: int) -> tuple[list[str], list[str]]:
    level = next(c for c in LEVELS if c.value == values["enterprise_level"])
    if values["enterprise_level"] == "none":
        zh = ["举荐制只适用于专精特新“小巨人”企业，其他企业没有举荐名额。"
              "另外，国家重点实验室、国家技术创新中心和经认证的科技领军企业、行业龙头企业等，可推荐本单位技术（项目）负责人"
              f"或贡献、业绩突出的专业技术人员直接申报相应层级职称（{name('s2-3', 'zh')}），通知未规定人数，不在本计算器范围内。"]
        en = ["The nomination system applies only to SRDI “little giant” enterprises; other enterprises have no "
              "nomination quota. Separately, state key laboratories, national technology innovation centres, "
              "certified leading science and technology enterprises, leading industry enterprises and the like may "
              "recommend their technical (project) leaders, or professional and technical personnel with outstanding "
              f"contributions or performance, to apply directly for a title at the corresponding level ({name('s2-3', 'en')}); the "
              "notice sets no number for that route, and this calculator does not cover it."]
    elif values["disqualified"]:
        zh = [f"{level.zh}：举荐名额为 0（见附注）。"]
        en = [f"{level.en}: the quota is 0 (see the note)."]
    else:
        zh = [f"{level.zh}每年度最多可举荐{r['quota']}人直接申报高级职称。"]
        en = [f"A {level.en.lower().replace('srdi', 'SRDI')} enterprise may nominate at most {count_en(r['quota'], 'person', 'people')} "
              f"a year to apply directly for a senior title."]
    zh.append(f"本年度已举荐{values['already_nominated']}人，本次拟举荐{proposed}人，合计{r['used']}人。")
    en.append(f"Already nominated this year: {values['already_nominated']}; proposed now: {proposed}; "
              f"{r['used']} in all.")
    if r["within_quota"]:
        zh.append(f"未超出名额，尚余{r['remaining']}个名额。" if r["remaining"] else "未超出名额，名额已用完。")
        en.append(f"This is within the quota; {count_en(r['remaining'], 'place')} "
                  f"{'remains' if r['remaining'] == 1 else 'remain'}." if r["remaining"] else
                  "This is within the quota; every place is used.")
    else:
        zh.append(f"超出名额{r['excess']}人，超出部分不能举荐。")
        en.append(f"This exceeds the quota by {count_en(r['excess'], 'person', 'people')}: the excess cannot be "
                  f"nominated.")
    for check in r["nominee_checks"]:
        who_zh = check["name"] or f"第 {check['index'] + 1} 人"
        who_en = check["name"] or f"Nominee {check['index'] + 1}"
        if check["ok"]:
            zh.append(f"{who_zh}：署名符合要求。")
            en.append(f"{who_en}: the signatures meet the requirements.")
        else:
            said_zh, said_en = _problems_worth_saying(check, values["nominees"][check["index"]])
            zh.append(f"{who_zh}：" + "；".join(said_zh) + "。")
            en.append(f"{who_en}: " + "; ".join(said_en) + ".")
    if not r["signatures_checked"]:
        zh.append("未逐一填写被举荐人，本次未核对署名：每位被举荐人须经企业董事长（或研发团队技术带头人）"
                  f"和1名同行业专家（{_MIN_ZH}以上）署名推荐。")
        en.append("No nominee was listed, so no signature was checked: each nominee needs the signatures of the "
                  "chairman (or the R&D team's technical leader) and of one peer expert of the same industry at "
                  f"{_MIN_EN} level or above.")
    if r["quota"] > 0:
        zh.append(f"被举荐人凭企业董事长（或研发团队技术带头人）和1名同行业{_MIN_ZH}以上专家署名推荐的举荐报告（附件1），"
                  "可直接申报工程系列高级职称，评审标准适用工程系列社会化评审条件，评审类型选择“专精特新专项”。")
        en.append("On a nomination report (Annex 1) signed by the chairman (or the R&D team's technical leader) and by "
                  f"one peer expert of the same industry at {_MIN_EN} level or above, a nominee may apply "
                  "directly for a senior title in the engineering series, judged on the engineering series' open "
                  "(socialised) evaluation standards, evaluation type “专精特新专项” (SRDI special track).")
    zh.append("本计算器只核对名额和署名；被举荐人是否属于“具有突出技术创新能力、取得原创性科技成果以及作出重大贡献的优秀工程技术人才”"
              "及举荐报告的内容，由企业举荐、评委会评审认定。")
    en.append("This calculator checks only the quota and the signatures. Whether a nominee is among the outstanding "
              "engineering and technical talent “who have outstanding technological innovation ability, have achieved "
              "original scientific and technological results and have made major contributions”, and what the "
              "nomination report holds, are for the enterprise to nominate and the evaluation committee to judge.")
    return zh, en


def _verdict_words(result: Mapping[str, Any]) -> Mapping[bool, tuple[str, str]]:
    return VERDICT if result["signatures_checked"] else COUNT_ONLY_VERDICT


CALCULATOR = Calculator(
    name=NAME, title=("“小巨人”企业举荐名额", "SRDI “little giant” nomination quota"), page="quota", fields=FIELDS,
    clauses=(rules.clause("quota_national"),),
    verdict=Verdict("ok", VERDICT, SHORT_VERDICT, words_for=_verdict_words), calculate=calculate,
    # The command line checks a file of enterprises; the page has no roster check.
    roster=False,
    result_columns=(
        Column("quota", "名额", "Quota"),
        Column("used", "已用", "Used"),
        Column("remaining", "尚余", "Remaining"),
        Column("within_quota", "是否在名额内", "Within the quota"),
        Column("excess", "超出", "Excess"),
        Column("ok", "名额和署名是否符合要求", "Quota and signatures in order"),
    ),
    template_example={"enterprise_level": ("国家级", "national"), "already_nominated": "0", "nominee_count": "1",
                      "year": str(rules.NOTICE_YEAR)},
)
