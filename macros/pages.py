"""Tables and links of the site's pages: glossary, key dates, clause links, rule values."""

from __future__ import annotations

import csv
import re
from fractions import Fraction

import calculators
from calculators import readings, rules
from calculators.clauses import named
from calculators.wording import format_day, pick

from .dates import KEY_DATES, UNDATED
from .notice import SOURCE, by_id, clauses
from .templating import macros
from .ui import t

PAGES = macros("pages.html")

# As the translation writes them: "two thirds", never "2/3".
_EN_FRACTIONS = {(2, 3): "two thirds", (1, 2): "one half", (1, 3): "one third", (3, 4): "three quarters"}

def link_to(clause_id: str, lang: str, lang_root: str, text: str | None = None) -> dict[str, str]:
    """A link to a clause on the notice page (href, text), labelled with its number and heading."""
    clause = by_id()[clause_id]
    heading = pick((clause.heading_zh, clause.heading_en), lang).rstrip("。.")
    label = text or (f"{clause.label_zh}：{heading}" if lang == "zh" else f"{clause.label_en}: {heading}")
    return {"href": f"{lang_root}notice/#{clause_id}", "text": label}


def clause_link(clause_id: str, lang: str, lang_root: str, text: str | None = None) -> str:
    """The same link as HTML."""
    return str(PAGES.clause_link(link_to(clause_id, lang, lang_root, text)))


def short_label(clause_id: str, lang: str) -> str:
    """A clause's number as a reader writes it in a narrow column: 四（二） / IV(2)."""
    clause = by_id()[clause_id]
    if clause.kind == "item":
        return clause.label_zh.replace("第", "").replace("部分", "").replace("项", "") if lang == "zh" \
            else clause.label_en.removeprefix("Part ")
    if clause.kind == "part":
        return pick((clause.label_zh, clause.label_en), lang)
    return pick((clause.label_zh, clause.label_en), lang)


def glossary_terms() -> list[dict[str, str]]:
    """The glossary of source/glossary.tsv."""
    with (SOURCE / "glossary.tsv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


def clauses_using(term_zh: str) -> list[str]:
    """Ids of the clauses whose Chinese text uses the term or one of its variants."""
    variants = [re.sub(r"[“”\s]", "", v) for v in re.split(r"\s*/\s*", term_zh)]
    variants += [re.sub(r"（.*?）", "", v) for v in variants]
    found = []
    for clause in clauses():
        text = re.sub(r"[“”]", "", "".join(clause.zh))
        if clause.kind != "annex" and any(v and v in text for v in variants):
            found.append(clause.id)
    return found


def glossary_table(lang: str, lang_root: str) -> str:
    """The glossary as an HTML table, each term linked to where the notice uses it."""
    head = pick((("中文", "英文", "出现于"), ("Chinese", "English", "Used in")), lang)
    rows = [{"zh": term["zh"], "en": term["en"],
             "links": [link_to(c, lang, lang_root, short_label(c, lang)) for c in clauses_using(term["zh"])]}
            for term in glossary_terms()]
    return str(PAGES.glossary({"lang": lang, "head": head, "rows": rows, "caption": t("glossary_caption", lang)}))


def key_dates_table(lang: str, lang_root: str) -> str:
    """The notice's dates, in order, each linked to its clause; undated time points after them."""
    head = pick((("日期", "事项", "条款"), ("Date", "What happens", "Clause")), lang)
    rows = [{"iso": k.day.isoformat(), "day": format_day(k.day, lang), "what": pick((k.zh, k.en), lang),
             "link": link_to(k.clause, lang, lang_root, short_label(k.clause, lang))} for k in KEY_DATES]
    rows += [{"iso": "", "what": pick((zh, en), lang),
              "link": link_to(cid, lang, lang_root, short_label(cid, lang))} for cid, zh, en in UNDATED]
    return str(PAGES.key_dates({"head": head, "rows": rows, "caption": t("key_dates_caption", lang)}))


_ZH_DIGITS = "零一二三四五六七八九十"


def rule_text(key: str, lang: str) -> str:
    """One rule's value written for a page."""
    value = rules.value(key)
    if key == "cutoff":
        return format_day(value, lang)
    if isinstance(value, Fraction):
        if lang == "zh":
            return f"{_ZH_DIGITS[value.denominator]}分之{_ZH_DIGITS[value.numerator]}"
        return _EN_FRACTIONS.get((value.numerator, value.denominator), f"{value.numerator}/{value.denominator}")
    if isinstance(value, tuple):
        return pick((" 或 ", " or "), lang).join(map(str, value))
    return str(value)


def readings_list(name: str, lang: str, lang_root: str) -> str:
    """The readings a calculator takes where the notice is silent, as its method page lists them: each as
    this site's reading, with the notice's words and the other reading (from the calculator's own
    declaration, which its answers use too)."""
    items = readings.method_items(calculators.CALCULATORS[name].readings, lang)
    for item in items:
        item["link"] = link_to(item["clause"], lang, lang_root, named([item["clause"]], lang)[0])
    zh = lang == "zh"
    return str(PAGES.readings({"name": name, "list": items, "colon": "：" if zh else ": ", "space": "" if zh else " ",
                               "open": "（" if zh else " (", "close": "）" if zh else ")"}))
