"""Reading the notice beyond its page: side by side in columns (stacked on a phone), and the key dates
as a calendar file."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect


@pytest.mark.parametrize("lang", ["", "en/"])
def test_side_by_side_columns_then_stacked_on_a_phone(page, site_url, requests_seen, lang):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{site_url}{lang}side-by-side/#s4-2")
    row = page.locator("#s4-2")
    expect(row).to_be_in_viewport()
    zh, en = row.locator(".pair-zh").bounding_box(), row.locator(".pair-en").bounding_box()
    assert en["x"] > zh["x"] + zh["width"] - 1 and abs(en["y"] - zh["y"]) < 2
    assert row.evaluate("e => getComputedStyle(e).backgroundColor") != page.locator("#s4-3").evaluate(
        "e => getComputedStyle(e).backgroundColor")
    expect(row.locator(".pair-zh")).to_contain_text("继续教育")
    expect(row.locator(".pair-en")).to_contain_text("continuing education")
    page.set_viewport_size({"width": 390, "height": 844})
    zh, en = row.locator(".pair-zh").bounding_box(), row.locator(".pair-en").bounding_box()
    assert en["y"] >= zh["y"] + zh["height"] - 1 and abs(en["x"] - zh["x"]) < 2


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_key_dates_calendar_downloads(page, site_url, requests_seen, lang):
    page.goto(f"{site_url}{'en/' if lang == 'en' else ''}key-dates/")
    with page.expect_download() as download:
        page.locator(f'a[href$="key-dates.{lang}.ics"]').click()
    assert download.value.path().read_bytes().startswith(b"BEGIN:VCALENDAR\r\n")
