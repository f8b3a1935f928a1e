"""Continuing-education hours for one year (clauses s4-2 and s4-1).

Clause s4-2 sets 90 credit hours a year (45 at the grassroots and in private economic
organisations), of which professional subjects "generally" (一般) two thirds. The
notice does not say two thirds of what; this calculator's reading, which every answer
states as its own, is two thirds of the required minimum, and a share of the actual
total under two thirds is only a hint. Clause s4-1 says digital-technology-engineer
training hours "may" count towards the year, not as which subject; the calculator
counts them as professional-subject hours, since it is training in the trade, and
says that this is its reading.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import Any

from . import messages, readings, rules
from .answer import accepted, read_input, rejected
from .calculator import Calculator, Column, Verdict, percent
from .clauses import name
from .fields import HOURS_MAX, Choice, Field
from .inputs import YEAR_MAX, YEAR_MIN

NAME = "ce_hours"

# Its own messages (calculators.messages holds the generic ones).
messages.declare(
    notes={
        "share_guidance": (
            "提示：专业科目占您实际总学时 {total} 学时的比例低于三分之二。通知原文是“专业科目一般不少于总学时的三分之二”；"
            "本站的理解是按最低学时的三分之二核对专业科目，若按实际总学时计，三分之二为 {target} 学时。"
            "因通知用的是“一般”，结论按本站的理解作出，并注明另一种理解的结果。",
            "Hint: professional subjects are under two thirds of your actual total of {total} hours. The notice says "
            "“of which professional subjects shall generally be no less than two thirds of the total credit hours”; this "
            "site's reading checks professional hours against two thirds of the minimum. Two thirds of your actual "
            "total would be {target} hours. Because the notice says “generally”, the verdict follows this site's "
            "reading and states what the other reading gives.",
        ),
    },
)

VERDICT = {True: ("学时达到要求（按本站口径）", "Hours met (on this site's reading)"),
           False: ("学时未达到要求（按本站口径）", "Hours not met (on this site's reading)")}
# The verdict when a reading decides it: the qualification that follows carries the label.
BARE_VERDICT = {True: ("学时达到要求", "Hours met"), False: ("学时未达到要求", "Hours not met")}
SHORT_VERDICT = {True: ("达到要求", "met"), False: ("未达到要求", "not met")}
SHARE_QUOTE_ZH = "专业科目一般不少于总学时的三分之二"
SHARE_QUOTE_EN = "of which professional subjects shall generally be no less than two thirds of the total credit hours"
DIGITAL_QUOTE_ZH = "培训学时可记入参训人员当年继续教育学时"
DIGITAL_QUOTE_EN = "The training hours may be counted towards the trainees' continuing-education credit hours of that year"
PUBLIC_QUOTE_ZH = "专业技术人员应在‘贵州省专业技术人员继续教育平台’（网址：http://www.gzjxjy.gzsrs.cn/）开展公需科目学习测试"
PUBLIC_QUOTE_EN = ("Professional and technical personnel shall take the study and tests of general (public) subjects "
                   "on the ‘Guizhou Province Continuing Education Platform for Professional and Technical Personnel’")

TWO_THIRDS = readings.Reading(
    "two_thirds_of_minimum", "s4-2",
    short=("专业科目按最低学时的三分之二核对", "professional hours checked against two thirds of the minimum"),
    notice=(SHARE_QUOTE_ZH, SHARE_QUOTE_EN),
    site=("通知规定“专业科目一般不少于总学时的三分之二”，未说明“总学时”指应达的最低学时还是实际学时。"
          "本站的理解是以最低学时的三分之二核对专业科目。",
          "The notice says professional subjects are “generally” no less than two thirds of the total, but not "
          "whether that is the required minimum or the hours actually done. This site's reading checks "
          "professional hours against two thirds of the minimum."),
    other=("另一种理解是按实际总学时的三分之二核对；因通知用的是“一般”，本站只在结论中注明这种理解的结果。",
           "On the other reading, they are checked against two thirds of the actual total; because the notice "
           "says “generally”, this site only states that reading's outcome beside the verdict."),
    otherwise=("如按实际总学时的三分之二核对专业科目，{figures}{verdict}",
               "checking professional hours against two thirds of the actual total: {figures}{verdict}"))
DIGITAL = readings.Reading(
    "digital_as_professional", "s4-1",
    short=("数字技术工程师培训学时按专业科目计", "digital-engineer training hours counted as professional"),
    notice=(DIGITAL_QUOTE_ZH, DIGITAL_QUOTE_EN),
    site=("通知规定数字技术工程师培训的“培训学时可记入参训人员当年继续教育学时”，未明确计入公需科目还是专业科目。"
          "本站的理解是按专业科目计。",
          "The notice says digital-technology-engineer “training hours may be counted towards the trainees' "
          "continuing-education credit hours of that year”, but not as which subject. This site's reading counts "
          "them as professional-subject hours."),
    other=("另一种理解是只计入总学时、不计入专业科目。",
           "On the other reading, they count towards the total only, not as professional hours."),
    otherwise=("如数字技术工程师培训学时只计入总学时，{figures}{verdict}",
               "counting the digital-engineer hours in the total only: {figures}{verdict}"))
READINGS = (TWO_THIRDS, DIGITAL)

CATEGORIES = (
    Choice("general", "其他专业技术人员", "Other professional and technical personnel", ("一般", "其他")),
    Choice("grassroots", "在基层工作", "Working at the grassroots", ("基层",)),
    Choice("private", "在民营经济组织工作", "Working in a private economic organisation", ("民营", "民营经济组织")),
)


def _hours(name: str, zh: str, en: str, help_zh: str, help_en: str, clause: str,
           headers: tuple[str, ...], hints: tuple[str, ...]) -> Field:
    return Field(name, "hours", zh, en, help_zh=help_zh, help_en=help_en, default=Decimal(0),
                 minimum=0, maximum=int(HOURS_MAX), clauses=(clause,), headers=headers, hints=hints)


FIELDS: tuple[Field, ...] = (
    Field("category", "choice", "人员类别", "Where you work",
          help_zh=(f"在基层或民营经济组织工作的专业技术人员每年不少于 {rules.value('ce_hours_grassroots')} 学时，"
                   f"其他人员不少于 {rules.value('ce_hours_general')} 学时。是否属于“在基层工作”，按有关规定由用人单位和主管部门认定。"),
          help_en=(f"Personnel at the grassroots or in private economic organisations need at least "
                   f"{rules.value('ce_hours_grassroots')} hours a year; others at least "
                   f"{rules.value('ce_hours_general')}. Whether you count as working at the grassroots is for your "
                   f"employer and the competent authority to decide."),
          default="general", choices=CATEGORIES, clauses=("s4-2",),
          headers=("类别", "人员类型", "单位类别", "工作单位类别"), hints=("类别", "类型", "基层", "民营", "性质", "属性")),
    _hours("public_hours", "公需科目学时", "General (public) subject hours",
           "本年度已登记的公需科目学时，可含两位小数。通知规定在省继续教育平台开展公需科目学习测试，未规定学时数。",
           "Hours of general (public) subjects this year, up to two decimals. The notice says they are studied and "
           "tested on the provincial platform, and sets no number of hours.",
           "s4-2", ("公需科目", "公需学时", "公需课学时", "公需科目学时数", "public hours"), ("公需", "public")),
    _hours("professional_hours", "专业科目学时", "Professional subject hours",
           "本年度已登记的专业科目学时。", "Hours of professional subjects this year.", "s4-2",
           ("专业科目", "专业学时", "专业课学时", "专业科目学时数", "professional hours"), ("专业科目", "专业学时", "专业课")),
    _hours("digital_hours", "数字技术工程师培训学时", "Digital-technology-engineer training hours",
           f"参加数字技术工程师培训（{name('s4-1', 'zh')}所述、用人单位委托贵州师范大学开展的大数据专业数字技术工程师培训）的学时，"
           "可记入当年继续教育学时；"
           "通知未明确计入公需科目还是专业科目，本计算器按专业科目计。",
           "Hours of the big-data digital-technology-engineer training that employers commission from Guizhou "
           f"Normal University ({name('s4-1', 'en')}) may count towards that year's continuing-education hours; the notice does not "
           "say as which subject type, and this calculator counts them as professional.",
           "s4-1", ("数字技术工程师学时", "数字技术培训学时", "数字技术工程师培训", "digital hours"), ("数字", "digital")),
    Field("year", "year", "学时所属年度", "Year the hours belong to",
          default=rules.NOTICE_YEAR, minimum=YEAR_MIN, maximum=YEAR_MAX, clauses=("s4-2",),
          headers=("年度", "学时年度", "统计年度"), hints=("年度",)),
)
# A grassroots year that just meets the minimum, with two thirds of it professional (from the rules table).
_EXAMPLE_HOURS = rules.value("ce_hours_grassroots")
_EXAMPLE_PROFESSIONAL = int(_EXAMPLE_HOURS * rules.value("professional_share_min"))

def _num(hours: Decimal | Fraction) -> str:
    text = f"{Decimal(hours.numerator) / Decimal(hours.denominator):f}" if isinstance(hours, Fraction) else f"{hours:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def _two_places(hours: Fraction) -> Decimal:
    return (Decimal(hours.numerator) / Decimal(hours.denominator)).quantize(Decimal("0.01"), ROUND_HALF_UP)


def calculate(inputs: Mapping[str, Any], explain: bool = True) -> dict[str, Any]:
    """Check one year's hours against clause s4-2, counting s4-1 training as professional
    (``explain=False``: no explanation, for a batch)."""
    values, errors, notes = read_input(FIELDS, inputs)
    if errors:
        return rejected(NAME, errors)
    if values["year"] != rules.NOTICE_YEAR:
        notes.append(messages.note("year_assumed", year=values["year"]))

    category = values["category"]
    required_total = rules.value(f"ce_hours_{category}")
    share_min: Fraction = rules.value("professional_share_min")
    required_professional = Fraction(required_total) * share_min
    public, professional, digital = (values[k] for k in ("public_hours", "professional_hours", "digital_hours"))
    total = public + professional + digital
    professional_total = professional + digital
    # Comparisons with two thirds in exact integer-scaled Decimal (a·3 ≥ b·2): a batch of a whole
    # unit calls this a hundred thousand times, and Fractions are slow.
    meets_total = total >= required_total
    meets_public = public > 0
    meets_professional = professional_total * share_min.denominator >= required_total * share_min.numerator
    shortfall_total = Decimal(0) if meets_total else required_total - total
    shortfall_professional = Fraction(0) if meets_professional else required_professional - Fraction(professional_total)
    share = None
    below = False
    if total > 0:
        below = professional_total * share_min.denominator < total * share_min.numerator
        share = (professional_total / total).quantize(Decimal("0.0001"), ROUND_HALF_UP)
    if below and meets_professional:
        notes.append(messages.note("share_guidance", total=_num(total), target=_num(_two_places(Fraction(total) * share_min))))
    still_needed = max(Fraction(shortfall_total), shortfall_professional) if shortfall_total or shortfall_professional else 0

    meets = meets_total and meets_professional and meets_public
    of_actual = total > 0 and professional_total * share_min.denominator >= total * share_min.numerator
    listed = [readings.used(TWO_THIRDS, {"meets_professional": of_actual,
                                         "meets": meets_total and meets_public and of_actual})]
    if digital > 0:
        in_total_only = professional * share_min.denominator >= required_total * share_min.numerator
        listed.append(readings.used(DIGITAL, {"meets_professional": in_total_only,
                                              "meets": meets_total and meets_public and in_total_only}))
    result = {
        "required_total": required_total,
        "required_professional": float(required_professional),
        "total": total,
        "professional_total": professional_total,
        "meets_total": meets_total,
        "meets_professional": meets_professional,
        "meets_public": meets_public,
        "meets": meets,
        "shortfall_total": shortfall_total,
        "shortfall_professional": float(shortfall_professional),
        "hours_still_needed": float(still_needed),
        "professional_share": share,
        "share_below_two_thirds": below,
        "readings": listed,
        # The explanation says it; the registry sets it for every calculator (Calculator.answer).
        "depends_on_reading": readings.depends(meets, listed),
    }
    clauses = [rules.clause("ce_hours_general")]
    if digital > 0:
        clauses.append(rules.clause("digital_training_counts"))
    explanation = _explain(values, result, required_professional, shortfall_professional) if explain else ([], [])
    return accepted(NAME, values, result, clauses, explanation, notes)


def _explain(values: dict[str, Any], r: dict[str, Any], req_prof: Fraction,
             short_prof: Fraction) -> tuple[list[str], list[str]]:
    category = next(c for c in CATEGORIES if c.value == values["category"])
    total, prof = r["total"], r["professional_total"]
    zh = [f"{category.zh}：每年应不少于{r['required_total']}学时（{name('s4-2', 'zh')}）。"
          f"通知还规定“{SHARE_QUOTE_ZH}”，未说明是最低学时还是实际学时的三分之二；本站的理解是以最低学时的三分之二，"
          f"即{_num(req_prof)}学时，核对专业科目。"]
    en = [f"{category.en}: at least {r['required_total']} credit hours a year ({name('s4-2', 'en')}). The notice adds: "
          f"“{SHARE_QUOTE_EN}”, without saying whether of the minimum or of the hours actually done. This site's "
          f"reading is two thirds of the minimum, {_num(req_prof)} hours, and it checks professional hours "
          f"against that."]
    parts_zh = f"公需科目 {_num(values['public_hours'])} + 专业科目 {_num(values['professional_hours'])}"
    parts_en = f"general (public) {_num(values['public_hours'])} + professional {_num(values['professional_hours'])}"
    if values["digital_hours"] > 0:
        parts_zh += (f" + 数字技术工程师培训 {_num(values['digital_hours'])}"
                     f"（依{name('s4-1', 'zh')}记入当年学时；通知未明确计入哪类科目，本站的理解是按专业科目计）")
        parts_en += (f" + digital-technology-engineer training {_num(values['digital_hours'])} "
                     f"(counted towards the year under {name('s4-1', 'en')}; the notice does not say as which subject, and "
                     f"this site's reading counts them as professional)")
    zh.append(f"已有{parts_zh} = {_num(total)}学时，其中专业科目{_num(prof)}学时。")
    en.append(f"You have {parts_en} = {_num(total)} hours, of which {_num(prof)} are professional.")
    if not r["meets_public"]:
        zh.append(f"公需科目为0学时。通知规定“{PUBLIC_QUOTE_ZH}”。未登记公需科目学时，无法表明已完成公需科目学习测试，"
                  f"本计算器据此判为未达到要求。通知未规定公需科目的学时数，本计算器也不设最低学时；"
                  f"是否符合要求以学时审核登记部门和用人单位的认定为准。")
        en.append(f"General (public) subjects: 0 hours. The notice says “{PUBLIC_QUOTE_EN}”: with no public-subject "
                  f"hours, that study and test is not shown as done, so this calculator does not count the year as "
                  f"met. The notice sets no number of public-subject hours, and this calculator sets no minimum; the "
                  f"office that reviews and registers the hours, and your employer, decide.")
    if r["meets"]:
        own = r["depends_on_reading"]
        zh.append(("按本站的理解，" if own else "") + "总学时、专业科目学时均已达到要求，并已有公需科目学时。"
                  + ("按另一种理解则未达到要求（见结论）。" if own else ""))
        en.append(("On this site's reading, the" if own else "The") + " total and the professional-subject "
                  "requirement are both met, and public-subject hours are recorded."
                  + (" On the other reading they are not (see the verdict)." if own else ""))
    elif not (r["meets_total"] and r["meets_professional"]):
        if not r["meets_total"]:
            zh.append(f"总学时还差{_num(r['shortfall_total'])}学时。")
            en.append(f"The total is {_num(r['shortfall_total'])} hours short.")
        if not r["meets_professional"]:
            zh.append(f"按本站的理解（最低学时的三分之二），专业科目还差{_num(short_prof)}学时。")
            en.append(f"On this site's reading (two thirds of the minimum), professional subjects are "
                      f"{_num(short_prof)} hours short.")
        still = max(Fraction(r["shortfall_total"]), short_prof)
        if r["meets_total"] or r["meets_professional"]:
            zh.append(f"再完成{_num(still)}学时专业科目即可补足学时。")
            en.append(f"{_num(still)} more hours of professional subjects would meet the hours requirement.")
        else:
            zh.append(f"再完成{_num(still)}学时专业科目即可同时补足两项。")
            en.append(f"{_num(still)} more hours of professional subjects would close both gaps.")
    if r["professional_share"] is not None:
        pct = (r["professional_share"] * 100).normalize()
        zh.append(f"专业科目占总学时的{pct:f}%。")
        en.append(f"Professional subjects are {pct:f}% of the total.")
    return zh, en


CALCULATOR = Calculator(
    name=NAME, title=("继续教育学时核对", "Continuing-education hours"), page="ce-hours", fields=FIELDS,
    clauses=(rules.clause("ce_hours_general"), rules.clause("digital_training_counts")), readings=READINGS,
    verdict=Verdict("meets", VERDICT, SHORT_VERDICT, bare=BARE_VERDICT), calculate=calculate,
    roster=True,
    result_columns=(
        Column("required_total", "应达总学时", "Hours required"),
        Column("total", "总学时", "Total hours"),
        Column("professional_total", "计入专业科目的学时", "Hours counted as professional"),
        Column("meets_public", "有无公需科目学时", "Public-subject hours recorded"),
        Column("meets", "学时是否达到要求（本站口径）", "Hours met (this site's reading)"),
        Column("shortfall_total", "总学时差额", "Total hours short"),
        Column("shortfall_professional", "专业科目差额", "Professional hours short"),
        Column("hours_still_needed", "还需学时", "Hours still needed"),
        Column("professional_share", "专业科目占比", "Professional share", percent),
    ),
    template_example={"category": ("在基层工作", "grassroots"), "public_hours": str(_EXAMPLE_HOURS - _EXAMPLE_PROFESSIONAL),
                      "professional_hours": str(_EXAMPLE_PROFESSIONAL), "digital_hours": "0",
                      "year": str(rules.NOTICE_YEAR)},
    # A roster without these columns would be answered from their defaults (0 hours) on every row:
    # one file-level cause, said once.
    roster_needs=("public_hours", "professional_hours"),
)
