"""The published files agree with the pages and the engine: notice.json, rules.json, the
calendars, the CSV templates, and the side-by-side page."""

from __future__ import annotations

import html
import json
import re

import icalendar
import openpyxl
import pytest
from conftest import ROOT
from test_site import CLAUSE_IDS, parse

import calculators
from calculators import batch, rules
from macros.dates import KEY_DATES
from macros.notice import reflow, source_text

SITE = ROOT / "site"
DATA = SITE / "data"


@pytest.fixture(scope="module")
def notice():
    return json.loads((DATA / "notice.json").read_text(encoding="utf-8"))


def page_text(path) -> str:
    """The visible text of a page without whitespace (layout) and screen-reader-only hints."""
    text = re.sub(r'<span class="visually-hidden">.*?</span>', "", path.read_text(encoding="utf-8"))
    return squeeze(html.unescape(re.sub(r"<[^>]+>", "", text)))


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_notice_json_has_every_clause_in_order(notice):
    assert [c["id"] for c in notice["clauses"]] == CLAUSE_IDS
    assert [c["number"] for c in notice["clauses"]] == list(range(1, len(CLAUSE_IDS) + 1))
    assert notice["authoritative_language"] == "zh" and notice["schema_version"] == 1
    for clause in notice["clauses"]:
        assert clause["heading"]["zh"] and clause["heading"]["en"], clause["id"]
        assert clause["text"]["zh"] and (clause["text"]["en"] or clause["kind"] == "part"), clause["id"]


def test_notice_json_chinese_is_the_source(notice):
    text = "".join(p for c in notice["clauses"] if c["kind"] != "annex" for p in c["text"]["zh"])
    assert text == reflow(source_text())


def test_notice_json_agrees_with_the_pages(notice):
    zh_page = reflow("".join(parse(SITE / "notice" / "index.html").parts))
    en_page = squeeze("".join(parse(SITE / "en" / "notice" / "index.html").parts))
    zh_ids, en_ids = parse(SITE / "notice" / "index.html").ids, parse(SITE / "en" / "notice" / "index.html").ids
    for clause in notice["clauses"]:
        assert clause["id"] in zh_ids and clause["id"] in en_ids
        assert clause["page"] == {"zh": f"notice/#{clause['id']}", "en": f"en/notice/#{clause['id']}"}
        for paragraph in clause["text"]["zh"] if clause["kind"] != "annex" else []:
            assert reflow(paragraph) in zh_page, clause["id"]
        for paragraph in clause["text"]["en"] if clause["kind"] != "annex" else []:
            assert squeeze(paragraph) in en_page, clause["id"]


def test_rules_json_is_the_engine_table():
    published = json.loads((DATA / "rules.json").read_text(encoding="utf-8"))
    assert published["rules"] == rules.rules_as_json()
    assert published["notice_year"] == rules.NOTICE_YEAR
    by_key = {rule["key"]: rule for rule in published["rules"]}
    assert by_key["cutoff"]["value"] == rules.value("cutoff").isoformat()
    assert by_key["cutoff"]["clause"] == "s5-5"
    assert set(published["calculators"]) == set(calculators.CALCULATORS)
    for name, meta in published["calculators"].items():
        assert meta["clauses"] == calculators.metadata(name)["clauses"]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_key_dates_calendar_parses(lang):
    raw = (DATA / f"key-dates.{lang}.ics").read_bytes()
    assert all(len(line) <= 75 for line in raw.split(b"\r\n"))
    assert b"\n" not in raw.replace(b"\r\n", b"")
    calendar = icalendar.Calendar.from_ical(raw)
    events = calendar.walk("VEVENT")
    assert len(events) == len(KEY_DATES)
    for event, date in zip(events, KEY_DATES, strict=True):
        assert event.decoded("DTSTART") == date.day
        assert str(event.get("SUMMARY")) == (date.zh if lang == "zh" else date.en)
        assert str(event.get("X-CLAUSE")) == date.clause and f"({date.clause})" not in str(event.get("DESCRIPTION"))
    cutoff = [e for e in events if e.decoded("DTSTART") == rules.value("cutoff")]
    assert len(cutoff) == 1


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_key_dates_page_offers_the_calendar(lang):
    page = (SITE / ("en/" if lang == "en" else "") / "key-dates" / "index.html").read_text(encoding="utf-8")
    assert re.search(rf'href="[./]*data/key-dates\.{lang}\.ics" download', page)


@pytest.mark.parametrize("name", ["tenure", "ce_hours"])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_templates_speak_the_page_language_and_are_accepted(name, lang):
    """The published CSV and workbook hold the labels of the page's language and one example row,
    and a batch check of either, as downloaded, calculates that row."""
    labels = [f.label_zh if lang == "zh" else f.label_en for f in calculators.CALCULATORS[name].fields
              if f.kind != "records"]
    text = (DATA / f"{name}-template.{lang}.csv").read_bytes().decode("utf-8")
    assert text.startswith("\ufeff") and text.splitlines()[0].split(",")[1:] == labels
    book = openpyxl.load_workbook(DATA / f"{name}-template.{lang}.xlsx")
    assert [cell.value for cell in next(book.active.iter_rows())][1:] == labels
    for kind in ("csv", "xlsx"):
        run = batch.run_file(name, (DATA / f"{name}-template.{lang}.{kind}").read_bytes(), lang)
        assert run.problem is None and run.counts == {"rows": 1, "ok": 1, "rejected": 0, "empty": 0, "skipped": 0}, kind


def test_templates_are_byte_stable():
    from macros.open_data import template_xlsx
    assert template_xlsx("tenure", "zh") == template_xlsx("tenure", "zh") == (DATA / "tenure-template.zh.xlsx").read_bytes()


@pytest.mark.parametrize("lang", ["", "en/"])
def test_side_by_side_holds_both_texts_with_the_clause_anchors(lang, notice):
    path = SITE / lang / "side-by-side" / "index.html"
    zh = parse(path)
    assert reflow("".join(zh.parts)) == reflow(source_text())
    for clause_id in CLAUSE_IDS:
        assert zh.ids.count(clause_id) == 1, clause_id
    text = page_text(path)
    for clause in notice["clauses"]:
        for paragraph in clause["text"]["en"]:
            assert squeeze(paragraph) in text, clause["id"]
