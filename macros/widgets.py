"""Calculator forms rendered from the engine's own field metadata, in the page's language.

Nothing about a field is written here: labels, help, choices, defaults and limits all
come from ``calculators.metadata``, so the form and the engine cannot drift apart.
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

import calculators
from calculators.table import MAX_FILE_BYTES

from . import open_data
from .notice import by_id
from .pages import clause_link
from .render import citation, text_with_links
from .ui import t

RUNTIME_JS = Path(__file__).resolve().parent.parent / "docs" / "assets" / "js" / "runtime.js"
INPUT_MODES = {"integer": "numeric", "count": "numeric", "year": "numeric", "hours": "decimal", "date": "text", "years": "text"}
BATCH_KEYS = ("batch_waiting", "batch_reading", "batch_loading_xlsx", "batch_running", "batch_cancelled", "batch_done",
              "batch_shown", "batch_only_rejected", "batch_download", "batch_too_big", "batch_file_failed",
              "batch_engine_failed", "batch_table", "batch_result_suffix", "batch_reading_rows",
              "batch_cancelled_reading", "batch_xlsx_failed", "batch_sheet")
BATCH_MAX_MB = MAX_FILE_BYTES // 1024 // 1024
STATUS_KEYS = ("loading", "repairing", "loading_runtime", "loading_python", "loading_wheel", "ready", "queued", "failed",
               "failed_network", "no_worker",
               "no_wasm", "errors_title", "clauses_cited", "notes", "copied",
               "copy_failed", "remove_nominee", "nominee", "answer_heading", "shared_note", "shared_clear",
               "sheet_print", "sheet_yes", "sheet_no", "qr_of", "sheet_no_qr")


def _attr(value: Any) -> str:
    return html.escape(str(value), quote=True)


def _messages(keys: tuple[str, ...], lang: str) -> str:
    """Interface words the page layer shows, as data attributes in the page's language."""
    return " ".join(f'data-msg-{key.replace("_", "-")}="{_attr(t(key, lang))}"' for key in keys)


def _control(prefix: str, field: dict[str, Any], lang: str, name: str) -> str:
    """One labelled control with its help and the place where its error will show."""
    control_id = f"{prefix}-{name}".replace("[", "-").replace("]", "").replace(".", "-")
    described = f"{control_id}-help {control_id}-error"
    label = _attr(field["label"][lang])
    req = f' <span class="required">{t("required_mark", lang)}</span>' if field["required"] else ""
    required = " required aria-required=\"true\"" if field["required"] else ""
    kind = field["type"]
    default = field["default"]
    if kind == "choice":
        options = "".join(
            f'<option value="{_attr(c["value"])}"{" selected" if c["value"] == default else ""}>{_attr(c[lang])}</option>'
            for c in field["choices"])
        if default is None:
            options = f'<option value="" selected>—</option>{options}'
        widget = f'<select id="{control_id}" name="{_attr(name)}" aria-describedby="{described}"{required}>{options}</select>'
    elif kind == "boolean":
        checked = " checked" if default else ""
        widget = (f'<input type="checkbox" id="{control_id}" name="{_attr(name)}" value="true" '
                  f'aria-describedby="{described}"{checked}>')
    else:
        value = "" if default in (None, 0, [], "") or kind in ("hours",) else _attr(default)
        mode = INPUT_MODES.get(kind, "text")
        widget = (f'<input type="text" id="{control_id}" name="{_attr(name)}" value="{value}" inputmode="{mode}" '
                  f'autocomplete="off" aria-describedby="{described}"{required}>')
    help_text = f'<span class="calc-help" id="{control_id}-help">{_attr(field["help"][lang])}</span>'
    error = f'<span class="calc-error" id="{control_id}-error" data-error-for="{_attr(name)}" hidden></span>'
    if kind == "boolean":
        return (f'<div class="calc-field calc-field--check" data-field="{_attr(name)}">{widget}'
                f'<label for="{control_id}">{label}{req}</label>{help_text}{error}</div>')
    return (f'<div class="calc-field" data-field="{_attr(name)}"><label for="{control_id}">{label}{req}</label>'
            f'{widget}{help_text}{error}</div>')


def _records(prefix: str, field: dict[str, Any], lang: str) -> str:
    """A list of objects (the nominees): a row template the page clones, and add/remove buttons."""
    name = field["name"]
    row = "".join(_control(f"{prefix}-{name}-__i__", sub, lang, f"{name}[__i__].{sub['name']}")
                  for sub in field["fields"])
    return (f'<fieldset class="calc-records" data-records="{_attr(name)}" data-max="{_attr(field["max"])}"><legend>{_attr(field["label"][lang])}</legend>'
            f'<span class="calc-help" id="{prefix}-{name}-help">{_attr(field["help"][lang])}</span>'
            f'<span class="calc-error" id="{prefix}-{name}-error" data-error-for="{_attr(name)}" hidden></span>'
            f'<ol class="calc-rows" data-rows></ol>'
            f'<template data-row-template><li class="calc-row" data-row><fieldset><legend>{t("nominee", lang)} '
            f'<span data-row-number></span></legend>{row}'
            f'<button type="button" class="md-button calc-remove" data-remove-row>{t("remove_nominee", lang)}</button>'
            f'</fieldset></li></template>'
            f'<button type="button" class="md-button" data-add-row>{t("add_nominee", lang)}</button></fieldset>')


def answer_sheet_html(name: str, lang: str) -> str:
    """The printed answer sheet, filled by the page after each answer: inputs, verdict and explanation,
    the full text of the clauses cited, the date, who decides, and the shared link with its QR code.
    A technician takes it to the HR office, so an English page prints the Chinese clause text too."""
    meta = calculators.metadata(name)
    languages = ("zh",) if lang == "zh" else ("en", "zh")
    clause_texts = "".join(
        f'<div class="sheet-clause" data-sheet-clause="{cid}" hidden><p><strong>{html.escape(citation(by_id()[cid], lang))}</strong></p>'
        + "".join(f'<p lang="{text_lang}">{text_with_links(p, text_lang)}</p>' for text_lang in languages
                  for p in (by_id()[cid].zh if text_lang == "zh" else by_id()[cid].en))
        + "</div>" for cid in meta["clauses"])
    return f'''<section class="answer-sheet" data-answer-sheet="calc-{name}" data-search-exclude hidden>
<h2>{_attr(meta["title"][lang])}：{t("sheet_title", lang)}</h2>
<p>{t("printed_on", lang)}<span data-printed-date></span></p>
<h3>{t("sheet_inputs", lang)}</h3><table class="sheet-inputs"><tbody data-sheet-inputs></tbody></table>
<div data-sheet-answer></div>
<h3>{t("sheet_clauses", lang)}</h3>{clause_texts}
<p><strong>{t("who_speaks", lang)}</strong></p>
<div class="sheet-link"><div data-sheet-qr></div><p>{t("sheet_link", lang)}<br><span class="sheet-url" data-sheet-url></span></p></div>
</section>'''


def page_root(page_url: str) -> str:
    """The relative path from a page (its URL within the site, "calculators/tenure/") to the site's root."""
    return "../" * page_url.count("/")


def engine_script(root: str, extra: dict[str, Any], names: list[str]) -> str:
    """The head's script that starts the engine (runtime.js, inline: it runs while the page is still being
    read) and the addresses it starts it from: the worker, the runtime, the engine's wheel, both parts of
    the standard library and the modules only the full zip has, the build's snapshot, and the bytes a
    start downloads on a fast and on a slow link (for the progress bar); and the page's calculators, the
    ones a restored engine warms up."""
    return (f'<script data-runtime="{root}{extra["pyodide_dir"]}" data-worker="{root}assets/js/calculator-worker.js" '
            f'data-calculators="{",".join(names)}" '
            f'data-wheel="{root}{extra["calculators_wheel"]}" data-stdlib="{root}{extra["stdlib"]}" '
            f'data-stdlib-more="{root}{extra["stdlib_more"]}" data-snapshot="{root}{extra["snapshot"]}" '
            f'data-stdlib-fallback="{",".join(extra["stdlib_fallback"])}" '
            f'data-bytes-fast="{extra["runtime_bytes_fast"]}" data-bytes-slow="{extra["runtime_bytes_slow"]}">'
            f'{RUNTIME_JS.read_text(encoding="utf-8")}</script>')


def calculator_html(name: str, lang: str, root: str, extra: dict[str, Any]) -> str:
    """The whole widget: form, result region, and what shows without JavaScript."""
    meta = calculators.metadata(name)
    prefix = f"calc-{name}"
    fields = "".join(_records(prefix, f, lang) if f["type"] == "records" else _control(prefix, f, lang, f["name"])
                     for f in meta["fields"])
    lang_root = f"{root}{'en/' if lang == 'en' else ''}"
    notice = f"{lang_root}notice/"
    links = ("、" if lang == "zh" else ", ").join(clause_link(c, lang, lang_root, c) for c in meta["clauses"])
    messages = _messages(STATUS_KEYS, lang) + "".join(
        f' data-msg-verdict-{key}="{_attr(words[lang])}"' for key, words in meta["verdict"].items())
    # A <section>, not a <div>: the theme's search indexer ends an excluded element at the first
    # closing tag of the same name, and the form is full of <div>s.
    return f'''<section class="calc" data-search-exclude data-calculator-widget="{name}" lang="{lang}">
<noscript><p class="calc-noscript">{t("noscript", lang)} {links}</p></noscript>
<form data-calculator="{name}" id="{prefix}" novalidate data-lang="{lang}" data-notice-url="{notice}" data-root="{root}" data-qr-wheel="{root}{extra["qr_wheel"]}" data-fields="{_attr(",".join(f["name"] for f in meta["fields"]))}" aria-label="{_attr(meta["title"][lang])}" {messages}>
{fields}
<div class="calc-actions"><button type="submit" class="md-button md-button--primary">{t("calculate", lang)}</button>
<button type="button" class="md-button" data-copy-calc-link aria-describedby="{prefix}-link-privacy">{t("copy_calc_link", lang)}</button></div>
<p class="calc-help" id="{prefix}-link-privacy">{t("link_privacy", lang)}</p>
</form>
<div class="calc-result" data-calculator-result data-for="{prefix}" data-state="loading" role="status" aria-live="polite" aria-atomic="true" tabindex="-1">
<p class="calc-status">{t("loading", lang)}</p>
<p class="calc-fallback" hidden>{t("check_clause", lang)} {links} <button type="button" class="md-button" data-calc-retry>{t("retry", lang)}</button></p>
</div>
<p class="calc-disclaimer">{t("who_speaks", lang)}</p>
<script type="module" src="{root}assets/js/calculator.js"></script>
</section>
{answer_sheet_html(name, lang)}'''


def batch_html(name: str, lang: str, root: str, xlsx_wheels: list[str]) -> str:
    """Checking a spreadsheet of many people in the browser: templates, file picker, progress, results."""
    section = f"batch-{name}"
    messages = _messages(BATCH_KEYS, lang)
    templates = " ".join(
        f'<a href="{root}data/{open_data.template_name(name, lang, kind)}" download>{t(f"batch_template_{kind}", lang)}</a>'
        for kind in ("xlsx", "csv"))
    wheels = ",".join(f"{root}{wheel}" for wheel in xlsx_wheels)
    return f'''<section class="calc-batch" data-search-exclude data-batch="{name}" data-lang="{lang}" data-max-mb="{BATCH_MAX_MB}" data-xlsx-wheels="{_attr(wheels)}" aria-labelledby="{section}-title" {messages}>
<h2 id="{section}-title">{t("batch_title", lang)}</h2>
<p class="calc-help" id="{section}-help">{t("batch_help", lang)}</p>
<p>{t("batch_template", lang)} {templates}</p>
<div class="calc-field"><label for="{section}-file">{t("batch_pick", lang)}</label>
<input type="file" id="{section}-file" accept=".xlsx,.csv,.txt,text/csv,text/plain,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" aria-describedby="{section}-help" data-batch-file></div>
<div class="calc-batch-progress" data-batch-progress hidden>
<progress max="1" value="0" aria-labelledby="{section}-progress-label"></progress>
<span id="{section}-progress-label" data-batch-progress-label></span>
<button type="button" class="md-button" data-batch-cancel>{t("batch_cancel", lang)}</button></div>
<div class="calc-batch-result" data-batch-result data-state="idle" role="status" aria-live="polite"></div>
</section>'''
