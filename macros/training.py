"""The training kit: clause slides for a projector, a handout builder, and the printed clause references.

Everything a room or a sheet of paper needs is rendered here at build time from the notice's
clauses: the text in both languages, the formal citation, the clause's permanent address at
the published site (``public_url``), and its QR code (segno, as SVG). The pages' scripts only
choose which of these prepared parts to show.
"""

from __future__ import annotations

from typing import Any

from markupsafe import Markup

from calculators.wording import pick

from .addresses import anchor_text, clause_path, clause_qr, clause_url
from .notice import Clause, clauses
from .render import citation, heading_end, text_with_links
from .templating import Words, data_words, macros
from .ui import t

OTHER = {"zh": "en", "en": "zh"}
TRAINING = macros("training.html")


# A typed title goes into the handout's address: hosts refuse addresses over about 8 KB.
HANDOUT_TITLE_MAX = 200
UNOFFICIAL_TAG = "(非官方译文 / Unofficial translation)"  # it follows English text

def heading(clause: Clause, lang: str) -> str:
    """A clause's heading as a slide or handout shows it."""
    if clause.kind == "title":
        return pick((clause.zh, clause.en), lang)[0]
    if clause.kind in ("preamble", "closing", "signature"):
        return pick((clause.label_zh, clause.label_en), lang)
    return pick((clause.heading_zh, clause.heading_en), lang)


def body(clause: Clause, lang: str) -> list[str]:
    """A clause's paragraphs without its heading, which is shown above them."""
    if clause.kind == "title":
        return []
    if clause.kind == "annex":
        return [t("annex_missing", lang) if lang == "zh" else clause.en[0]]
    if clause.kind == "part":
        return list(clause.zh[1:] if lang == "zh" else clause.en)
    paragraphs = list(pick((clause.zh, clause.en), lang))
    if clause.kind == "item":
        paragraphs[0] = paragraphs[0][heading_end(clause, paragraphs[0], lang):]
    return paragraphs


def label(clause: Clause, lang: str) -> str:
    """The clause's number in words, as its citation writes it."""
    return pick((clause.label_zh, clause.label_en), lang)


def _text(clause: Clause, lang: str, css: str) -> dict[str, Any]:
    """A clause's text in one language; English is labelled as the unofficial translation it is."""
    return {"css": css, "lang": lang, "heading": heading(clause, lang), "unofficial": UNOFFICIAL_TAG if lang == "en" else "",
            "paragraphs": [Markup(text_with_links(p, lang)) for p in body(clause, lang)]}


def _reference(clause: Clause, lang: str, public_url: str, css: str) -> dict[str, Any]:
    return {"css": css, "id": anchor_text(clause, lang), "citation": citation(clause, lang),
            "url": clause_url(clause.id, lang, public_url), "path": clause_path(clause.id, lang),
            "qr": Markup(clause_qr(clause, lang, public_url))}


def _deck(lang: str, public_url: str) -> dict[str, Any]:
    """Every clause as one slide: number, heading and text in the page's language, the other language
    below it (shown on request), citation, address and QR code."""
    return {"t": Words(lang), "slides": [
        {"id": clause.id, "label": label(clause, lang), "heading": heading(clause, lang),
         "first": _text(clause, lang, "slide-first"), "second": _text(clause, OTHER[lang], "slide-second"),
         "reference": _reference(clause, lang, public_url, "slide-ref")} for clause in clauses()]}


def _choices(lang: str) -> list[list[dict[str, str]]]:
    """The handout's clause checkboxes, one group per part of the notice."""
    groups: list[list[dict[str, str]]] = [[]]
    for clause in clauses():
        if clause.kind == "part" or clause.kind == "closing":
            groups.append([])
        named, titled = label(clause, lang), heading(clause, lang)
        text = f"{named} {titled}" if clause.kind != "title" and titled != named else named
        groups[-1].append({"id": clause.id, "text": text})
    return [group for group in groups if group]


def presenter_html(lang: str, root: str, public_url: str) -> str:
    """Presenter mode: the slides, a bar of controls, and the keys that drive them (present.js)."""
    return str(TRAINING.presenter({
        "lang": lang, "root": root, "lang_root": root + ("en/" if lang == "en" else ""),
        "other_root": root + ("" if lang == "en" else "en/"), "other": OTHER[lang], "t": Words(lang),
        "messages": data_words(("present_unknown", "present_jump"), lang), "deck": _deck(lang, public_url),
        "choices": [choice for group in _choices(lang) for choice in group]}))


def handout_html(lang: str, root: str, public_url: str) -> str:
    """The handout builder: a title, clause checkboxes and the English option, above the handout itself
    as it will print (handout.js shows the chosen clauses): every clause's Chinese text (authoritative),
    the English below it when chosen, then citation, address and QR code."""
    return str(TRAINING.handout({
        "lang": lang, "root": root, "lang_root": root + ("en/" if lang == "en" else ""), "t": Words(lang),
        "english": lang == "en", "title_max": HANDOUT_TITLE_MAX, "groups": _choices(lang),
        "clauses": [{"id": clause.id, "label": label(clause, lang), "zh": _text(clause, "zh", "handout-zh"),
                     "en": _text(clause, "en", "handout-en"),
                     "reference": _reference(clause, lang, public_url, "handout-ref")} for clause in clauses()]}))
