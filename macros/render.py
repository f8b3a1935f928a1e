"""HTML for the notice: clauses with permanent anchors, copy controls and links to calculators."""

from __future__ import annotations

import html
import re
from typing import Any

from markupsafe import Markup

import calculators
from calculators import rules
from calculators.wording import pick

from .addresses import anchor_text, clause_path, clause_qr, clause_url
from .notice import Clause, clauses
from .templating import Words, macros
from .ui import t

URL = re.compile(r"https?://[A-Za-z0-9.:/_\-]+[A-Za-z0-9/]")
PHONE = re.compile(r"(?<![\d-])0\d{2,3}-\d{7,8}(?![\d-])")
LINKED = re.compile(f"{URL.pattern}|{PHONE.pattern}")
NOTICE = macros("notice.html")
CITATION_TITLE_ZH = f"《{rules.NOTICE.title[0]}》"
CITATION_TITLE_EN = f"{rules.NOTICE.issuer[1]}, Notice on the {rules.NOTICE_YEAR} Professional Title Work"
# The calculator page a clause's "use the calculator" button opens: the one whose fields rest on it.
CALCULATOR_FOR_CLAUSE = {clause: calculators.metadata(name)["page"]
                         for name in calculators.CALCULATORS for clause in calculators.metadata(name)["clauses"]}


def external_link(url: str, lang: str) -> str:
    """A link out of the site, marked as such for the eye (the stylesheet's mark) and for screen readers
    (its accessible name): no hidden words in the text, which a reader copying a quotation would carry."""
    shown = html.escape(url)
    return (f'<a class="external" href="{shown}" rel="external noopener noreferrer" '
            f'aria-label="{shown}{"" if lang == "zh" else " "}{html.escape(t("external", lang))}">{shown}</a>')


def phone_link(number: str) -> str:
    """A telephone number a phone can call with one tap (the text stays as the notice writes it)."""
    return f'<a class="tel" href="tel:{number.replace("-", "")}">{html.escape(number)}</a>'


def text_with_links(text: str, lang: str) -> str:
    """Escape a paragraph of the notice and turn the platform addresses and the telephone number in it
    into links."""
    out, last = [], 0
    for match in LINKED.finditer(text):
        out.append(html.escape(text[last:match.start()]))
        found = match.group(0)
        out.append(phone_link(found) if PHONE.fullmatch(found) else external_link(found, lang))
        last = match.end()
    out.append(html.escape(text[last:]))
    return "".join(out)


def citation(clause: Clause, lang: str) -> str:
    """The formal citation of a clause, in the forms of source/clauses.md."""
    if lang == "zh":
        return CITATION_TITLE_ZH + ("" if clause.kind == "title" else clause.label_zh)
    return CITATION_TITLE_EN + ("" if clause.kind == "title" else f", {clause.label_en}")


def _tools(clause: Clause, lang: str, public_url: str) -> dict[str, Any]:
    """What a clause's permalink, copy controls and print reference show."""
    return {"id": clause.id, "anchor": anchor_text(clause, lang), "citation": citation(clause, lang), "t": Words(lang),
            "url": clause_url(clause.id, lang, public_url), "path": clause_path(clause.id, lang),
            "qr": Markup(clause_qr(clause, lang, public_url))}


def heading_end(clause: Clause, paragraph: str, lang: str) -> int:
    """Where an item's heading sentence ends in its paragraph."""
    if lang == "zh":
        return paragraph.index("。") + 1
    return paragraph.index(clause.heading_en) + len(clause.heading_en)


def _annex_text(clause: Clause, lang: str) -> tuple[str, str]:
    """An annex's heading and the note that the source does not include it."""
    heading = clause.zh[0] if lang == "zh" else f"{clause.label_en}: {clause.heading_en}"
    note = t("annex_missing", lang) if lang == "zh" else clause.en[0]
    return heading, note


def _part_title(clause: Clause, lang: str) -> str:
    return clause.zh[0] if lang == "zh" else f"{clause.label_en}. {clause.heading_en}"


def _links(texts: list[str] | tuple[str, ...], lang: str) -> list[Markup]:
    return [Markup(text_with_links(text, lang)) for text in texts]


def clause_html(clause: Clause, lang: str, calculators_url: str, public_url: str) -> str:
    """One clause; its id (the same in both languages) is on its heading, or on the clause itself."""
    calc = CALCULATOR_FOR_CLAUSE.get(clause.id)
    view: dict[str, Any] = {"id": clause.id, "kind": clause.kind, "lang": lang, "tools": _tools(clause, lang, public_url),
                            "calculator": f"{calculators_url}{calc}/" if calc else ""}
    paragraphs = pick((clause.zh, clause.en), lang)
    if clause.kind == "item":
        cut = heading_end(clause, paragraphs[0], lang)
        view |= {"heading": paragraphs[0][:cut], "rest": Markup(text_with_links(paragraphs[0][cut:], lang))}
    elif clause.kind == "annex":
        view["heading"], view["note"] = _annex_text(clause, lang)
    else:
        view["paragraphs"] = _links(paragraphs, lang)
    return str(NOTICE.clause(view))


def part_heading(clause: Clause, lang: str) -> str:
    """A part of the notice as a Markdown heading, so that it shows in the table of contents."""
    return f'## {_part_title(clause, lang)} {{ #{clause.id} data-source="{lang}" }}'


def notice_markdown(lang: str, root: str, public_url: str) -> str:
    """The whole notice in one language: title, parts, clauses, closing, signature, annexes; and the
    script that redraws the printed addresses for the site the page is open at."""
    calculators_url = f"{root}{'en/' if lang == 'en' else ''}calculators/"
    blocks = []
    for clause in clauses():
        if clause.kind == "title":
            text = pick((clause.zh, clause.en), lang)[0]
            blocks.append(f'# {text} {{ #title data-source="{lang}" }}')
            blocks.append(str(NOTICE.tools_row(_tools(clause, lang, public_url))))
            blocks.append(str(NOTICE.unofficial(Words(lang)) if lang == "en" else NOTICE.not_the_bureau(Words(lang))))
            blocks.append(str(NOTICE.address_warning(Words(lang))))
        elif clause.kind == "part":
            blocks.append(part_heading(clause, lang))
            blocks.append(str(NOTICE.tools_row(_tools(clause, lang, public_url))))
            if clause.zh[1:]:
                blocks.append(str(NOTICE.paragraphs(lang, _links(clause.zh[1:] if lang == "zh" else clause.en, lang))))
        else:
            if clause.kind == "annex" and clause.id == "annex-1":
                blocks.append(f'## {t("annexes", lang)} {{ #annexes }}')
            blocks.append(clause_html(clause, lang, calculators_url, public_url))
    blocks.append(str(NOTICE.addresses_script(root)))
    return "\n\n".join(blocks)


def _pair_cell(clause: Clause, lang: str) -> dict[str, Any]:
    """One language's text of a clause, for the side-by-side page."""
    if clause.kind == "annex":
        heading, note = _annex_text(clause, lang)
        return {"annex": True, "heading": heading, "note": note}
    paragraphs = list(pick((clause.zh, clause.en), lang))
    if lang == "en" and clause.kind == "part":
        paragraphs.insert(0, _part_title(clause, lang))
    return {"annex": False, "lang": lang, "paragraphs": [
        {"html": html, "heading": index == 0 and clause.kind in ("title", "part")}
        for index, html in enumerate(_links(paragraphs, lang))]}


def side_by_side_html(lang: str, root: str, public_url: str) -> str:
    """Each clause as one row: Chinese on the left, English on the right (stacked on a phone)."""
    rows = [str(NOTICE.side_by_side_note(Words(lang))), str(NOTICE.address_warning(Words(lang)))]
    rows += [str(NOTICE.pair({"id": clause.id, "kind": clause.kind, "tools": _tools(clause, lang, public_url),
                              "zh": _pair_cell(clause, "zh"), "en": _pair_cell(clause, "en")})) for clause in clauses()]
    rows.append(str(NOTICE.addresses_script(root)))
    return "\n".join(rows)
