"""The training kit: clause slides for a projector, a handout builder, and the printed clause references.

Everything a room or a sheet of paper needs is rendered here at build time from the notice's
clauses: the text in both languages, the formal citation, the clause's permanent address at
the published site (``public_url``), and its QR code (segno, as SVG). The pages' scripts only
choose which of these prepared parts to show.
"""

from __future__ import annotations

import html

from .addresses import anchor_text, clause_qr, clause_url
from .notice import Clause, clauses
from .render import citation, heading_end, text_with_links
from .ui import t

OTHER = {"zh": "en", "en": "zh"}


# A typed title goes into the handout's address: hosts refuse addresses over about 8 KB.
HANDOUT_TITLE_MAX = 200
UNOFFICIAL_TAG = "（非官方译文 / Unofficial translation）"

def heading(clause: Clause, lang: str) -> str:
    """A clause's heading as a slide or handout shows it."""
    if clause.kind == "title":
        return clause.zh[0] if lang == "zh" else clause.en[0]
    if clause.kind in ("preamble", "closing", "signature"):
        return clause.label_zh if lang == "zh" else clause.label_en
    return clause.heading_zh if lang == "zh" else clause.heading_en


def body(clause: Clause, lang: str) -> list[str]:
    """A clause's paragraphs without its heading, which is shown above them."""
    if clause.kind == "title":
        return []
    if clause.kind == "annex":
        return [t("annex_missing", lang) if lang == "zh" else clause.en[0]]
    if clause.kind == "part":
        return list(clause.zh[1:] if lang == "zh" else clause.en)
    paragraphs = list(clause.zh if lang == "zh" else clause.en)
    if clause.kind == "item":
        paragraphs[0] = paragraphs[0][heading_end(clause, paragraphs[0], lang):]
    return paragraphs


def label(clause: Clause, lang: str) -> str:
    """The clause's number in words, as its citation writes it."""
    return clause.label_zh if lang == "zh" else clause.label_en


def _text(clause: Clause, lang: str, css: str) -> str:
    """A clause's text in one language; English is labelled as the unofficial translation it is."""
    paragraphs = "".join(f"<p>{text_with_links(p, lang)}</p>" for p in body(clause, lang))
    tag = f' <span class="unofficial-tag">{UNOFFICIAL_TAG}</span>' if lang == "en" else ""
    return (f'<div class="{css}" lang="{lang}"><p class="{css}-heading">{html.escape(heading(clause, lang))}{tag}</p>'
            f"{paragraphs}</div>")


def _reference(clause: Clause, lang: str, public_url: str, css: str) -> str:
    url = clause_url(clause.id, lang, public_url)
    return (f'<div class="{css}"><p><span class="{css}-id">{anchor_text(clause, lang)}</span> '
            f'<span class="{css}-cite">{html.escape(citation(clause, lang))}</span><br>'
            f'<span class="{css}-url">{html.escape(url)}</span></p>{clause_qr(clause, lang, public_url)}</div>')


def slides_html(lang: str, public_url: str) -> str:
    """Every clause as one slide: number, heading and text in the page's language, the other language
    below it (shown on request), citation, address and QR code."""
    slides = []
    for clause in clauses():
        slides.append(
            f'<section class="slide" id="{clause.id}" data-slide="{clause.id}" hidden '
            f'aria-roledescription="{t("slide", lang)}" aria-label="{html.escape(label(clause, lang))}">'
            f'<p class="slide-label">{html.escape(label(clause, lang))}</p>'
            f'<h2 class="slide-heading">{html.escape(heading(clause, lang))}</h2>'
            f'<div class="slide-body">{_text(clause, lang, "slide-first")}{_text(clause, OTHER[lang], "slide-second")}</div>'
            f'{_reference(clause, lang, public_url, "slide-ref")}'
            f'<p class="slide-unofficial">{t("not_the_bureau", lang)}</p></section>')
    return "\n".join(slides)


def clause_choices(lang: str) -> str:
    """The handout's clause checkboxes, one group per part of the notice."""
    groups: list[list[str]] = [[]]
    for clause in clauses():
        if clause.kind == "part" or clause.kind == "closing":
            groups.append([])
        text = f"{label(clause, lang)} {heading(clause, lang)}" if clause.kind != "title" else label(clause, lang)
        groups[-1].append(f'<label class="handout-choice"><input type="checkbox" name="c" value="{clause.id}"> '
                          f'{html.escape(text)}</label>')
    return "".join(f'<div class="handout-group">{"".join(group)}</div>' for group in groups if group)


def handout_clauses(lang: str, public_url: str) -> str:
    """Every clause as it prints on a handout: Chinese text (authoritative), the English below it when
    chosen, then citation, address and QR code."""
    parts = []
    for clause in clauses():
        parts.append(
            f'<section class="handout-clause" data-handout-clause="{clause.id}" hidden>'
            f'<p class="handout-label">{html.escape(label(clause, lang))}</p>'
            f'{_text(clause, "zh", "handout-zh")}{_text(clause, "en", "handout-en")}'
            f'{_reference(clause, lang, public_url, "handout-ref")}</section>')
    return "".join(parts)


def _data_messages(keys: tuple[str, ...], lang: str) -> str:
    return " ".join(f'data-msg-{key.replace("_", "-")}="{html.escape(t(key, lang), quote=True)}"' for key in keys)


def presenter_html(lang: str, root: str, public_url: str) -> str:
    """Presenter mode: the slides, a bar of controls, and the keys that drive them (present.js)."""
    lang_root = root + ("en/" if lang == "en" else "")
    other_root = root + ("" if lang == "en" else "en/")
    messages = _data_messages(("present_unknown", "present_jump"), lang)
    return f'''<div class="present" data-present data-lang="{lang}" {messages}>
<h1 class="visually-hidden">{t("present_title", lang)}</h1>
<p class="present-problem" data-present-problem role="status" hidden></p>
<div class="present-deck">{slides_html(lang, public_url)}</div>
<nav class="present-bar" aria-label="{t("present_controls", lang)}">
<button type="button" data-present-prev>{t("present_prev", lang)}</button>
<span class="present-counter" data-present-counter aria-live="polite"></span>
<button type="button" data-present-next>{t("present_next", lang)}</button>
<button type="button" data-present-second aria-pressed="false">{t("present_second", lang)}</button>
<button type="button" data-present-fullscreen>{t("present_fullscreen", lang)}</button>
<a href="{other_root}present/" data-present-other data-keeps-place hreflang="{OTHER[lang]}" lang="{OTHER[lang]}">{t("present_other", lang)}</a>
<a href="{lang_root}handout/" data-present-handout>{t("present_handout", lang)}</a>
<a href="{lang_root}notice/">{t("present_exit", lang)}</a>
<span class="present-keys">{t("present_keys", lang)}</span>
</nav>
<script type="module" src="{root}assets/js/present.js"></script>
</div>'''


def handout_html(lang: str, root: str, public_url: str) -> str:
    """The handout builder: a title, clause checkboxes and the English option, above the handout itself
    as it will print (handout.js shows the chosen clauses)."""
    lang_root = root + ("en/" if lang == "en" else "")
    english = " checked" if lang == "en" else ""
    return f'''<form class="handout-form" data-handout-form data-present-url="{lang_root}present/" data-lang="{lang}">
<div class="calc-field"><label for="handout-title">{t("handout_title_label", lang)}</label>
<input type="text" id="handout-title" name="title" value="{html.escape(t("handout_default_title", lang), quote=True)}" maxlength="{HANDOUT_TITLE_MAX}" autocomplete="off"></div>
<div class="calc-field calc-field--check"><input type="checkbox" id="handout-english" name="en" value="1"{english}>
<label for="handout-english">{t("handout_english", lang)}</label></div>
<fieldset class="handout-choices"><legend>{t("handout_choose", lang)}</legend>
<p class="handout-bulk"><button type="button" class="md-button" data-handout-all>{t("handout_all", lang)}</button>
<button type="button" class="md-button" data-handout-none>{t("handout_none", lang)}</button></p>
{clause_choices(lang)}</fieldset>
<div class="calc-actions"><button type="button" class="md-button md-button--primary" data-handout-print>{t("handout_print", lang)}</button>
<button type="button" class="md-button" data-copy-address data-copied="{t("copied", lang)}" data-copy-failed="{t("copy_failed", lang)}">{t("handout_copy", lang)}</button>
<a class="md-button" href="{lang_root}present/" data-handout-present>{t("handout_present", lang)}</a></div>
</form>
<article class="handout" data-handout data-english="{"on" if english else "off"}" lang="{lang}">
<h2 class="handout-title" data-handout-title>{html.escape(t("handout_default_title", lang))}</h2>
<p class="handout-source">{t("handout_source", lang)} <span class="handout-date">{t("printed_on", lang)}<span data-printed-date></span></span></p>
<p class="handout-empty" data-handout-empty>{t("handout_empty", lang)}</p>
{handout_clauses(lang, public_url)}
</article>
<script type="module" src="{root}assets/js/handout.js"></script>'''
