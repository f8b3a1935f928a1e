"""Calculator forms rendered from the engine's own field metadata, in the page's language.

Nothing about a field is written here: labels, help, choices, defaults and limits all
come from ``calculators.metadata``, so the form and the engine cannot drift apart.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from markupsafe import Markup

import calculators
from calculators.clauses import named
from calculators.inputs import TRUE_WORDS
from calculators.table import MAX_FILE_BYTES
from calculators.wording import join_list

from . import open_data
from .notice import by_id
from .pages import clause_link
from .render import citation, text_with_links
from .templating import Words, data_words, macros
from .ui import t

RUNTIME_JS = Path(__file__).resolve().parent / "templates" / "runtime.js"
INPUT_MODES = {"integer": "numeric", "count": "numeric", "year": "numeric", "hours": "decimal", "date": "text", "years": "text"}
BATCH_KEYS = ("batch_waiting", "batch_reading", "batch_loading_xlsx", "batch_running", "batch_cancelled", "batch_done",
              "batch_shown", "batch_only_rejected", "batch_download", "batch_too_big", "batch_file_failed",
              "batch_engine_failed", "batch_table", "batch_result_suffix", "batch_reading_rows",
              "batch_cancelled_reading", "batch_xlsx_failed", "batch_sheet", "batch_starting", "batch_worker_failed")
BATCH_MAX_MB = MAX_FILE_BYTES // 1024 // 1024
STATUS_KEYS = ("loading", "repairing", "loading_runtime", "eta_seconds", "eta_minutes", "wait_method", "shared_waiting",
               "loading_kept", "save_data", "loading_python", "loading_wheel", "ready", "queued", "failed",
               "failed_network", "no_worker",
               "no_wasm", "errors_title", "clauses_cited", "rests_on", "notes", "copied",
               "copy_failed", "remove_nominee", "nominee", "answer_heading", "shared_note", "shared_clear",
               "sheet_print", "sheet_yes", "sheet_no", "qr_of", "sheet_no_qr", "no_data", "retried", "retry",
               "shared_failed", "shared_save_data", "shared_download")


WIDGETS = macros("widgets.html")


def _control(prefix: str, field: dict[str, Any], lang: str, name: str) -> dict[str, Any]:
    """One labelled control with its help and the place where its error will show."""
    kind, default = field["type"], field["default"]
    control = {"id": f"{prefix}-{name}".replace("[", "-").replace("]", "").replace(".", "-"), "name": name,
               "label": field["label"][lang], "help": field["help"][lang], "required": field["required"],
               "required_mark": t("required_mark", lang),
               "kind": kind if kind in ("choice", "boolean") else "text"}
    if kind == "choice":
        control["options"] = [{"value": c["value"], "text": c[lang], "selected": c["value"] == default}
                              for c in field["choices"]]
        control["blank"] = default is None
    elif kind == "boolean":
        control["checked"] = bool(default)
        control["true_words"] = ",".join(TRUE_WORDS)
    else:
        control["value"] = "" if default in (None, 0, [], "") or kind == "hours" else default
        control["mode"] = INPUT_MODES.get(kind, "text")
    return control


def _records(prefix: str, field: dict[str, Any], lang: str) -> dict[str, Any]:
    """A list of objects (the nominees): a row template the page clones, and add/remove buttons."""
    name = field["name"]
    return {"id": f"{prefix}-{name}", "name": name, "max": field["max"], "label": field["label"][lang],
            "help": field["help"][lang], "nominee": t("nominee", lang), "remove": t("remove_nominee", lang),
            "add": t("add_nominee", lang),
            "controls": [_control(f"{prefix}-{name}-__i__", sub, lang, f"{name}[__i__].{sub['name']}")
                         for sub in field["fields"]]}


def _sheet(name: str, lang: str) -> dict[str, Any]:
    """The printed answer sheet, filled by the page after each answer: inputs, verdict and explanation,
    the full text of the clauses cited, the date, who decides, and the shared link with its QR code.
    A technician takes it to the HR office, so an English page prints the Chinese clause text too."""
    meta = calculators.metadata(name)
    languages = ("zh",) if lang == "zh" else ("zh", "en")
    label = {"zh": t("sheet_chinese", lang), "en": t("sheet_english", lang)}
    clauses = [{"id": cid, "citation": citation(by_id()[cid], lang),
                "texts": [{"lang": text_lang, "label": label[text_lang],
                           "paragraphs": [Markup(text_with_links(p, text_lang))
                                          for p in (by_id()[cid].zh if text_lang == "zh" else by_id()[cid].en)]}
                          for text_lang in languages]}
               for cid in meta["clauses"]]
    return {"id": f"calc-{name}", "title": meta["title"][lang], "t": Words(lang), "clauses": clauses}


def page_root(page_url: str) -> str:
    """The relative path from a page (its URL within the site, "calculators/tenure/") to the site's root."""
    return "../" * page_url.count("/")


def engine_script(root: str, extra: dict[str, Any], names: list[str]) -> str:
    """The head's script that starts the engine (runtime.js, inline: it runs while the page is still being
    read) and the addresses it starts it from: the worker, the runtime, the engine's wheel, both parts of
    the standard library and the modules only the full zip has, the build's snapshot, and the bytes a
    start downloads on a fast and on a slow link (for the progress bar); and the page's calculators, the
    ones a restored engine warms up."""
    where = [("runtime", f"{root}{extra['pyodide_dir']}"), ("worker", f"{root}assets/js/calculator-worker.js"),
             ("calculators", ",".join(names)), ("wheel", f"{root}{extra['calculators_wheel']}"),
             ("stdlib", f"{root}{extra['stdlib']}"), ("stdlib-more", f"{root}{extra['stdlib_more']}"),
             ("snapshot", f"{root}{extra['snapshot']}"), ("stdlib-fallback", ",".join(extra["stdlib_fallback"])),
             ("bytes-fast", extra["runtime_bytes_fast"]), ("bytes-slow", extra["runtime_bytes_slow"])]
    # Without the file's last newline: validators (vnu) hash an inline script with its trailing line break
    # trimmed, and the policy's hash must be of the bytes every reader of the page sees alike.
    body = Markup(RUNTIME_JS.read_text(encoding="utf-8").rstrip("\n"))
    return str(WIDGETS.engine_script({"where": where, "body": body}))


def calculator_html(name: str, lang: str, root: str, extra: dict[str, Any]) -> str:
    """The whole widget: form, result region, what shows without JavaScript, and the printed sheet."""
    meta = calculators.metadata(name)
    prefix = f"calc-{name}"
    lang_root = f"{root}{'en/' if lang == 'en' else ''}"
    links = join_list(lang, (clause_link(c, lang, lang_root, named([c], lang)[0]) for c in meta["clauses"]))
    messages = data_words(STATUS_KEYS, lang)
    return str(WIDGETS.calculator({
        "name": name, "lang": lang, "id": prefix, "root": root, "notice": f"{lang_root}notice/",
        "qr_wheel": f"{root}{extra['qr_wheel']}", "fields": ",".join(f["name"] for f in meta["fields"]),
        "title": meta["title"][lang], "messages": messages, "links": Markup(links), "t": Words(lang),
        "clause_names": json.dumps(meta["clause_names"][lang], ensure_ascii=False),
        "controls": [_records(prefix, f, lang) if f["type"] == "records" else _control(prefix, f, lang, f["name"])
                     for f in meta["fields"]],
        "sheet": _sheet(name, lang), "privacy": _privacy(meta["fields"], lang)}))


def _privacy(fields: list[dict[str, Any]], lang: str) -> str:
    """What a shared link carries, naming exactly the fields of this form (a nominee's included)."""
    labels = [sub["label"][lang] for field in fields for sub in (field["fields"] if field["type"] == "records" else [field])]
    return t("link_privacy", lang).replace("{fields}", join_list(lang, labels))


def batch_html(name: str, lang: str, root: str, xlsx_wheels: list[str]) -> str:
    """Checking a spreadsheet of many people in the browser: templates, file picker, progress, results."""
    return str(WIDGETS.batch({
        "name": name, "lang": lang, "id": f"batch-{name}", "max_mb": BATCH_MAX_MB, "t": Words(lang),
        "wheels": ",".join(f"{root}{wheel}" for wheel in xlsx_wheels), "messages": data_words(BATCH_KEYS, lang),
        "templates": [(f"{root}data/{open_data.template_name(name, lang, kind)}", t(f"batch_template_{kind}", lang))
                      for kind in ("xlsx", "csv")]}))
