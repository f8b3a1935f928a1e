"""Files the site publishes for reuse: the notice and the year's rules as JSON, the key
dates as iCalendar, and the batch-check templates as CSV and Excel workbooks in each language.

Each is derived from the same sources as the pages (the notice's clauses, the engine's
rules table, the key-dates table, the engine's field metadata), so that the data and
the pages cannot disagree. The schema is documented on the developers' page.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import zipfile
from pathlib import Path
from typing import Any

import icalendar
import openpyxl

import calculators
from calculators import batch, rules
from calculators.wording import pick

from .addresses import clause_url
from .dates import KEY_DATES
from .notice import clauses
from .render import citation
from .ui import t

SCHEMA_VERSION = 1
DATA_DIR = "data"
BATCH_CALCULATORS = tuple(name for name, calc in calculators.CALCULATORS.items() if calc.roster)
# The notice's date, as every file's own stamp: a rebuild writes the same bytes.
ISSUED = dt.datetime.combine(rules.NOTICE.issued, dt.time())
ICS_STAMP = ISSUED.replace(tzinfo=dt.UTC)


# A calendar event travels alone into a phone: it says itself where it came from.
ICS_UNOFFICIAL = {"zh": "（非官方整理，以通知原文为准）", "en": "(unofficial summary; the Chinese notice is authoritative)"}

def notice_json() -> dict[str, Any]:
    """Every clause with its id, number, heading and text in both languages."""
    return {
        "schema_version": SCHEMA_VERSION,
        "title": {"zh": clauses()[0].zh[0], "en": clauses()[0].en[0]},
        "authoritative_language": "zh",
        "translation_note": t("unofficial", "en"),
        "clauses": [{
            "id": clause.id,
            "number": number,
            "kind": clause.kind,
            "label": {"zh": clause.label_zh, "en": clause.label_en},
            "heading": {"zh": clause.heading_zh, "en": clause.heading_en},
            "citation": {"zh": citation(clause, "zh"), "en": citation(clause, "en")},
            "text": {"zh": list(clause.zh), "en": list(clause.en)},
            "page": {"zh": f"notice/#{clause.id}", "en": f"en/notice/#{clause.id}"},
        } for number, clause in enumerate(clauses(), start=1)],
    }


def rules_json() -> dict[str, Any]:
    """The year's rules exactly as the engine's table holds them, and the calculators that use them."""
    return {
        "schema_version": SCHEMA_VERSION,
        "notice_year": rules.NOTICE_YEAR,
        "rules": rules.rules_as_json(),
        "calculators": {name: {"title": calculators.metadata(name)["title"],
                               "clauses": calculators.metadata(name)["clauses"]}
                        for name in calculators.CALCULATORS},
    }


def key_dates_ics(lang: str, site_url: str | None = None) -> bytes:
    """The notice's dates as all-day events, in the page's language, each citing its clause, and with the
    clause's published address when the build knows it (SITE_URL; a guessed one would lead nowhere).

    Written by icalendar (escaping, folding at 75 octets, CRLF); every stamp is the notice's
    date, so that the file is the same for every build of one address."""
    by_id = {c.id: c for c in clauses()}
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//bijie-title-2023//key dates//" + lang.upper())
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", t("calendar_name", lang))
    for date in KEY_DATES:
        event = icalendar.Event()
        event.add("uid", f"{date.uid}-{lang}@bijie-title-2023")
        event.add("dtstamp", ICS_STAMP)
        event.add("dtstart", date.day)
        event.add("dtend", date.day + dt.timedelta(days=1))
        event.add("summary", pick((date.zh, date.en), lang))
        event.add("description", f"{citation(by_id[date.clause], lang)} {ICS_UNOFFICIAL[lang]}")
        event.add("x-clause", date.clause)  # for programs; a reader sees the clause's name, never its id
        if site_url:
            event.add("url", clause_url(date.clause, lang, site_url))
        event.add("transp", "TRANSPARENT")
        calendar.add_component(event)
    return calendar.to_ical()


def write_all(site: Path, site_url: str | None) -> None:
    """Write every published file under ``site/data/`` (site_url: the configured SITE_URL, or None)."""
    out = site / DATA_DIR
    out.mkdir(parents=True, exist_ok=True)
    (out / "notice.json").write_text(json.dumps(notice_json(), ensure_ascii=False, indent=1), encoding="utf-8")
    (out / "rules.json").write_text(json.dumps(rules_json(), ensure_ascii=False, indent=1), encoding="utf-8")
    for lang in ("zh", "en"):
        (out / f"key-dates.{lang}.ics").write_bytes(key_dates_ics(lang, site_url))
    for name in BATCH_CALCULATORS:
        for lang in ("zh", "en"):
            (out / template_name(name, lang, "csv")).write_bytes(("\ufeff" + batch.template_csv(name, lang)).encode("utf-8"))
            (out / template_name(name, lang, "xlsx")).write_bytes(template_xlsx(name, lang))


def template_name(name: str, lang: str, kind: str) -> str:
    """The published name of a batch template: tenure-template.zh.xlsx."""
    return f"{name}-template.{lang}.{kind}"


def template_xlsx(name: str, lang: str) -> bytes:
    """The template as a real Excel workbook (openpyxl): the labels, one example row, every cell text,
    so that Excel keeps dates and years as typed. Byte-stable between builds."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = pick(("模板", "Template"), lang)
    for row in batch.template_rows(name, lang):
        sheet.append(row)
    for column in sheet.columns:
        sheet.column_dimensions[column[0].column_letter].width = max(12, 2 * len(str(column[0].value)) + 2)
        for cell in column:
            cell.number_format = "@"
    book.properties.created = book.properties.modified = ISSUED
    raw = io.BytesIO()
    book.save(raw)
    return stable_zip(raw.getvalue())


def stable_zip(data: bytes) -> bytes:
    """The same archive with every entry dated 1980-01-01 and the workbook's own "modified" stamp fixed,
    so that a rebuild writes the same bytes."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for entry in source.infolist():
            info = zipfile.ZipInfo(entry.filename, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            content = source.read(entry.filename)
            if entry.filename == "docProps/core.xml":  # openpyxl stamps the time of saving here
                stamp = f"{rules.NOTICE.issued.isoformat()}T00:00:00Z".encode()
                content = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>" + stamp, content)
            target.writestr(info, content)
    return out.getvalue()
