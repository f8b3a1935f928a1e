"""Small clauses of the contract that the acceptance cases do not reach; each one closed a gap
that ``make mutate`` (mutmut over calculators/) showed."""

from __future__ import annotations

import pytest

import calculators


def run(name, **inputs):
    return calculators.run(name, inputs)


def test_unknown_fields_are_listed_in_a_note():
    answer = run("tenure", qualified_on="2018-12-31", foo=1, bar="x")
    notes = [n for n in answer["notes"] if n["code"] == "unknown_field"]
    assert len(notes) == 1 and "bar, foo" in notes[0]["zh"] and "bar, foo" in notes[0]["en"]
    assert [n["code"] for n in run("tenure", qualified_on="2018-12-31")["notes"]] == []


@pytest.mark.parametrize("name", sorted(calculators.CALCULATORS))
def test_every_answer_names_its_calculator(name):
    assert calculators.run(name, {})["calculator"] == name
    assert calculators.run(name, {"year": "x", "apply_year": "x"})["calculator"] == name


def test_rejections_name_their_field():
    assert [e["field"] for e in run("tenure", qualified_on="2020-06-30", review_year=2020)["errors"]] == ["review_year"]
    assert [e["field"] for e in run("tenure", qualified_on="2024-06-30")["errors"]] == ["qualified_on"]
    both = run("quota", enterprise_level="national", nominees=[{"name": "a"}], nominee_count=1)
    assert [(e["field"], e["code"]) for e in both["errors"]] == [("nominee_count", "conflicting_fields")]
    assert run("tenure", qualified_on="2024-06-30")["calculator"] == "tenure"


def test_an_anniversary_on_1_january_overlaps_that_year():
    """1 January of an unsatisfactory year is on or before the anniversary, so that year counts against it."""
    result = run("tenure", qualified_on="2019-01-01", unqualified_years=[2023], required_years=4)["result"]
    assert result["earliest_date"] == "2024-01-01"
    assert run("tenure", qualified_on="2019-01-02", unqualified_years=[2023], required_years=4)["result"][
        "earliest_date"] == "2024-01-02"


def test_a_review_year_end_equal_to_the_date_obtained_is_no_advantage():
    result = run("tenure", qualified_on="2021-12-31", review_year=2021)["result"]
    assert (result["start"], result["start_basis"]) == ("2021-12-31", "qualified_on")
    assert run("tenure", qualified_on="2021-12-31")["clauses"] == ["s5-5"]


@pytest.mark.parametrize(("text", "ok"), [("1949-01-01", True), ("2100-12-31", True), ("1948-12-31", False),
                                          ("2101-01-01", False)])
def test_date_years_within_the_range(text, ok):
    answer = run("tenure", qualified_on=text, apply_year=2100)
    assert answer["ok"] is ok or (not ok and answer["errors"][0]["code"] == "out_of_range")
    if not ok:
        assert "1949" in answer["errors"][0]["zh"] and "2100" in answer["errors"][0]["en"]


@pytest.mark.parametrize(("years", "ok"), [([1949, 2100], True), ("1948", False), ("2101", False), (2020, True),
                                           (True, False)])
def test_year_lists_within_the_range(years, ok):
    assert run("tenure", qualified_on="2018-12-31", unqualified_years=years)["ok"] is ok


@pytest.mark.parametrize(("raw", "value"), [(0, False), (1, True), ("0", False), ("false", False), ("否", False),
                                            ("on", True), ("是", True), (True, True)])
def test_booleans(raw, value):
    assert run("quota", enterprise_level="national", disqualified=raw)["inputs"]["disqualified"] is value


@pytest.mark.parametrize("raw", [2, -1, "maybe", [True]])
def test_bad_booleans(raw):
    assert [e["code"] for e in run("quota", enterprise_level="national", disqualified=raw)["errors"]] == [
        "invalid_choice"]


@pytest.mark.parametrize(("raw", "code"), [("-inf", "out_of_range"), ("+Infinity", "out_of_range"),
                                           ("∞", "out_of_range"), ("1，000", "invalid_number"),
                                           ("1e3", "invalid_number")])
def test_numbers_that_are_not_hours(raw, code):
    assert [e["code"] for e in run("ce_hours", public_hours=raw)["errors"]] == [code]


def test_an_ideographic_full_stop_is_a_decimal_point():
    assert run("ce_hours", public_hours="１２。５")["inputs"]["public_hours"] == 12.5


def test_quota_keeps_the_read_nominees_and_notes_another_year():
    answer = run("quota", enterprise_level="national", year=2024, nominees='[{"name": " 张三 ", "leader_signed": "是"}]')
    assert answer["inputs"]["nominees"][0]["name"] == "张三" and answer["inputs"]["nominees"][0]["leader_signed"]
    assert [n["code"] for n in answer["notes"]] == ["year_assumed"]
    assert "2024" in answer["notes"][0]["zh"] and "2024" in answer["notes"][0]["en"]
    assert [n["code"] for n in run("quota", enterprise_level="national")["notes"]] == []


def test_assumed_cutoff_is_written_in_each_language():
    note = run("tenure", qualified_on="2018-12-31", apply_year=2024)["notes"][0]
    assert "2023年12月31日" in note["zh"] and "31 December 2023" in note["en"]


def test_metadata_names_the_calculator_and_its_clauses():
    meta = calculators.metadata("ce_hours")
    assert meta["name"] == "ce_hours" and meta["clauses"] == ["s4-1", "s4-2"]
    assert meta["title"] == {"zh": "继续教育学时核对", "en": "Continuing-education hours"}
