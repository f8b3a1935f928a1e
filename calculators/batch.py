"""Many rows at once: a unit's HR officer checks a whole department from one CSV file.

Used by the CLI (``--csv``) and by the page's batch upload, which runs this same
code in the reader's browser. A bad row never stops the batch: it gets its reason in
the ``errors`` column and the next row goes on.
"""

from __future__ import annotations

import csv
import io
from typing import Any

from . import CALCULATORS, run

KEY_RESULTS: dict[str, tuple[str, ...]] = {
    "tenure": ("start", "cutoff", "full_years", "deducted_years", "ignored_years", "counted_years",
               "meets", "shortfall_years", "earliest_apply_year"),
    "ce_hours": ("required_total", "total", "professional_total", "meets", "shortfall_total",
                 "shortfall_professional", "hours_still_needed", "professional_share"),
    "quota": ("quota", "used", "remaining", "within_quota", "excess", "ok"),
}
STATUS = "status"
ERRORS = "errors"


def decode(data: bytes) -> str:
    """CSV bytes as text: UTF-8 (with or without BOM), else GB18030 as Excel saves it in China."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("gb18030", errors="replace")


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return ";".join(str(item) for item in value)
    return str(value)


def template(name: str) -> str:
    """An empty CSV with one column per field, to fill in and upload."""
    fields = [f.name for f in CALCULATORS[name].FIELDS if f.kind != "records"]
    return ",".join(fields) + "\r\n"


def run_rows(name: str, text: str, lang: str = "zh") -> tuple[list[str], list[list[str]]]:
    """Run every row of a CSV text; the header and rows of the answer, one row per input row."""
    reader = csv.reader(io.StringIO(text))
    header = [column.strip() for column in next(reader, [])]
    out_header = ["row", *header, STATUS, *KEY_RESULTS[name], ERRORS]
    rows = []
    for number, cells in enumerate(reader, start=1):
        if not any(cell.strip() for cell in cells):
            continue
        record = {column: cells[i] if i < len(cells) else "" for i, column in enumerate(header) if column}
        answer = run(name, record)
        base = [str(number), *(record.get(column, "") for column in header)]
        if answer["ok"]:
            result = answer["result"]
            rows.append([*base, "ok", *(_cell(result[key]) for key in KEY_RESULTS[name]), ""])
        else:
            reasons = "; ".join(f"{e['field']}: {e[lang]}" if e["field"] else e[lang] for e in answer["errors"])
            rows.append([*base, "rejected", *("" for _ in KEY_RESULTS[name]), reasons])
    return out_header, rows


def run_csv(name: str, text: str, lang: str = "zh") -> str:
    """Run every row of a CSV text and give the answers back as CSV text."""
    return to_csv(*run_rows(name, text, lang))


def to_csv(header: list[str], rows: list[list[str]]) -> str:
    """The answers as CSV text with CRLF line ends, as spreadsheets expect."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()


def run_upload(name: str, data: bytes, lang: str = "zh") -> dict[str, Any]:
    """A file picked on the page: its answers as a table to show and as CSV to download."""
    header, rows = run_rows(name, decode(data), lang)
    rejected = sum(1 for row in rows if row[header.index(STATUS)] == "rejected")
    return {"header": header, "rows": rows, "csv": to_csv(header, rows),
            "counts": {"rows": len(rows), "ok": len(rows) - rejected, "rejected": rejected}}
