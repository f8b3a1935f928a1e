"""HTML for the notice: clauses with permanent anchors, copy controls and links to calculators."""

from __future__ import annotations

import html
import re

import calculators

from .addresses import anchor_text, print_reference
from .notice import Clause, clauses
from .ui import t

URL = re.compile(r"https?://[A-Za-z0-9.:/_\-]+[A-Za-z0-9/]")
PHONE = re.compile(r"(?<![\d-])0\d{2,3}-\d{7,8}(?![\d-])")
LINKED = re.compile(f"{URL.pattern}|{PHONE.pattern}")
CITATION_TITLE_ZH = "《毕节市人力资源和社会保障局关于做好2023年职称工作的通知》"
CITATION_TITLE_EN = "Bijie Municipal HRSS Bureau, Notice on the 2023 Professional Title Work"
# The calculator page a clause's "use the calculator" button opens: the one whose fields rest on it.
CALCULATOR_FOR_CLAUSE = {clause: calculators.metadata(name)["page"]
                         for name in calculators.CALCULATORS for clause in calculators.metadata(name)["clauses"]}


def external_link(url: str, lang: str) -> str:
    """A link out of the site, marked as such for the eye and for screen readers."""
    return (f'<a class="external" href="{html.escape(url)}" rel="external noopener noreferrer">{html.escape(url)}'
            f'<span class="visually-hidden">{t("external", lang)}</span></a>')


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


def clause_tools(clause: Clause, lang: str, public_url: str) -> str:
    """The permalink and copy controls of a clause, kept out of the search index; in print, the clause's
    id, published address and QR code instead."""
    copied = t("copied", lang)
    return (
        f'<span class="clause-tools" data-search-exclude>'
        f'<a class="clause-anchor" href="#{clause.id}" title="{t("clause_link_title", lang)}">#{anchor_text(clause, lang)}</a>'
        f'<button type="button" class="clause-copy" data-copy-link="{clause.id}" data-copied="{copied}">'
        f'{t("copy_link", lang)}</button>'
        f'<button type="button" class="clause-copy" data-copy-citation="{html.escape(citation(clause, lang))}" '
        f'data-copied="{copied}">{t("copy_citation", lang)}</button>{print_reference(clause, lang, public_url)}</span>'
    )


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


def clause_html(clause: Clause, lang: str, calculators_url: str, public_url: str) -> str:
    """One clause; its id (the same in both languages) is on its heading, or on the clause itself."""
    calc = CALCULATOR_FOR_CLAUSE.get(clause.id)
    link = (f'<p class="clause-calc" data-search-exclude><a href="{calculators_url}{calc}/">'
            f'{t("to_calculator", lang)}</a></p>') if calc else ""
    paragraphs = clause.zh if lang == "zh" else clause.en
    tools = clause_tools(clause, lang, public_url)
    if clause.kind == "item":
        text = paragraphs[0]
        cut = heading_end(clause, text, lang)
        return (f'<section class="clause clause--item" data-clause="{clause.id}">'
                f'<h3 class="clause-heading" id="{clause.id}" data-source="{lang}">{html.escape(text[:cut])}</h3>'
                f'{tools}<p data-source="{lang}">{text_with_links(text[cut:], lang)}</p>{link}</section>')
    if clause.kind == "annex":
        heading, note = _annex_text(clause, lang)
        body = f'<h3 class="clause-heading">{html.escape(heading)}</h3><p class="annex-note">{html.escape(note)}</p>'
    else:
        body = "".join(f'<p data-source="{lang}">{text_with_links(p, lang)}</p>' for p in paragraphs)
    return (f'<section class="clause clause--{clause.kind}" id="{clause.id}" data-clause="{clause.id}">'
            f"{tools}{body}{link}</section>")


def part_heading(clause: Clause, lang: str) -> str:
    """A part of the notice as a Markdown heading, so that it shows in the table of contents."""
    return f'## {_part_title(clause, lang)} {{ #{clause.id} data-source="{lang}" }}'


def notice_markdown(lang: str, calculators_url: str, public_url: str) -> str:
    """The whole notice in one language: title, parts, clauses, closing, signature, annexes."""
    blocks = []
    for clause in clauses():
        if clause.kind == "title":
            text = clause.zh[0] if lang == "zh" else clause.en[0]
            blocks.append(f'# {text} {{ #title data-source="{lang}" }}')
            blocks.append(f'<div class="clause-tools-row">{clause_tools(clause, lang, public_url)}</div>')
            if lang == "en":
                blocks.append(f'<div class="admonition note" data-search-exclude><p class="admonition-title">'
                              f'{t("unofficial_title", lang)}</p><p>{t("unofficial", lang)} '
                              f'<a href="../../notice/" hreflang="zh" lang="zh">中文</a></p></div>')
            else:
                blocks.append(f'<p class="not-the-bureau" data-search-exclude>{t("not_the_bureau", lang)}</p>')
        elif clause.kind == "part":
            blocks.append(part_heading(clause, lang))
            blocks.append(f'<div class="clause-tools-row">{clause_tools(clause, lang, public_url)}</div>')
            if clause.zh[1:]:
                rest = clause.zh[1:] if lang == "zh" else clause.en
                blocks.append("".join(f'<p data-source="{lang}">{text_with_links(p, lang)}</p>' for p in rest))
        else:
            if clause.kind == "annex" and clause.id == "annex-1":
                blocks.append(f'## {t("annexes", lang)} {{ #annexes }}')
            blocks.append(clause_html(clause, lang, calculators_url, public_url))
    return "\n\n".join(blocks)


def _pair_cell(clause: Clause, lang: str) -> str:
    """One language's text of a clause, for the side-by-side page."""
    if clause.kind == "annex":
        heading, note = _annex_text(clause, lang)
        return f'<p class="pair-heading">{html.escape(heading)}</p><p class="annex-note">{html.escape(note)}</p>'
    if lang == "zh":
        return "".join(f'<p data-source="zh"{_heading_class(clause, i)}>{text_with_links(p, lang)}</p>'
                       for i, p in enumerate(clause.zh))
    paragraphs = list(clause.en)
    if clause.kind == "part":
        paragraphs.insert(0, _part_title(clause, lang))
    return "".join(f'<p{_heading_class(clause, i)}>{text_with_links(p, lang)}</p>' for i, p in enumerate(paragraphs))


def _heading_class(clause: Clause, index: int) -> str:
    return ' class="pair-heading"' if index == 0 and clause.kind in ("title", "part") else ""


def side_by_side_html(lang: str, public_url: str) -> str:
    """Each clause as one row: Chinese on the left, English on the right (stacked on a phone)."""
    rows = [f'<p class="unofficial" data-search-exclude>{t("side_by_side_note", lang)} {t("not_the_bureau", lang)}</p>']
    for clause in clauses():
        rows.append(
            f'<section class="pair clause clause--{clause.kind}" id="{clause.id}" data-clause="{clause.id}">'
            f'<div class="pair-tools">{clause_tools(clause, lang, public_url)}</div>'
            f'<div class="pair-zh" lang="zh">{_pair_cell(clause, "zh")}</div>'
            f'<div class="pair-en" lang="en">{_pair_cell(clause, "en")}</div></section>')
    return "\n".join(rows)
