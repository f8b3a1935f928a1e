"""What the page's worker calls in Python (calculators.webworker), tested in CPython like the rest of the engine."""

from __future__ import annotations

import json
import sys

import calculators
from calculators import webworker


def test_an_answer_is_the_engines_json():
    inputs = {"qualified_on": "2018-06-30", "unqualified_years": "2018", "required_years": 5}
    assert json.loads(webworker.answer("tenure", json.dumps(inputs))) == calculators.run("tenure", inputs)


def test_a_roster_is_checked_a_slice_at_a_time_and_summarised():
    run = webworker.start_batch("tenure", bytearray(b"qualified_on,required_years\n2018-12-31,5\n"), "en", None)
    while not run.done:
        run.step(1)
    summary = json.loads(webworker.batch_summary(run))
    assert summary["counts"] == {"rows": 1, "ok": 1, "rejected": 0, "empty": 0, "skipped": 0} and summary["mapping"]


def test_the_warm_up_answers_the_pages_calculators_or_all_of_them():
    assert json.loads(webworker.after_restore(["tenure"])) == [True]
    assert json.loads(webworker.after_restore(["no_such_calculator"])) == [True] * len(calculators.CALCULATORS)


def test_a_link_too_long_for_a_qr_code_gets_none():
    assert webworker.qr_svg("https://example.org/?" + "a=1&" * 10, "QR").startswith("<svg")
    assert webworker.qr_svg("https://example.org/?" + "x" * 5000, "QR") is None


def test_the_finder_serves_only_the_modules_it_was_given_and_knows_its_parts():
    finder = webworker.add_finder([["https://h/more.zip", True], ["https://h/full.zip", False]], ["tomllib"])
    try:
        assert finder.find_spec("json") is None
        assert finder.served("https://h/more.zip") == "https://h/more.zip.zst"
        assert finder.served("https://h/full.zip") == "https://h/full.zip"
        assert finder.part("https://h/full.zip") == ("/lib/full.zip", False)
    finally:
        sys.meta_path.remove(finder)


def test_the_worker_loads_the_workbook_reader_only_for_what_the_engine_reads_as_a_workbook(tmp_path):
    """The worker asks the engine, by the file's first bytes, whether to load the workbook reader's wheels:
    the same test the engine reads the file by."""
    from workbooks import roster_workbook
    xlsx = roster_workbook([["qualified_on"], ["2018-12-31"]], merged_title=False)
    xls = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)
    assert webworker.is_workbook(xlsx[:8]) and webworker.is_workbook(xls[:8])
    for text in (b"qualified_on\n2018-12-31\n", "取得现资格时间\n".encode("gb18030"), b"\xd0\xcf\x11\xe0 not a workbook"):
        assert not webworker.is_workbook(text[:8])
