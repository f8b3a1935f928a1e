"""Boundary cases of clause s5-5 beyond the acceptance cases."""

from __future__ import annotations

import pytest

from calculators import run


def tenure(**inputs):
    return run("tenure", inputs)


def codes(answer):
    return sorted(e["code"] for e in answer["errors"])


def test_start_on_cutoff_counts_zero_years():
    r = tenure(qualified_on="2023-12-31", required_years=1)["result"]
    assert (r["full_years"], r["counted_years"], r["meets"], r["earliest_date"]) == (0, 0, False, "2024-12-31")


def test_day_after_cutoff_is_rejected_with_both_messages():
    answer = tenure(qualified_on="2024-01-01")
    assert codes(answer) == ["start_after_cutoff"]
    assert answer["errors"][0]["field"] == "qualified_on"
    assert "2024年1月1日" in answer["errors"][0]["zh"] and "1 January 2024" in answer["errors"][0]["en"]


@pytest.mark.parametrize(("qualified_on", "cutoff_year", "years"), [
    ("2020-02-29", 2023, 3),  # anniversary on 28 February 2023
    ("2016-02-29", 2020, 4),  # real 29 February in a leap year
    ("2019-02-28", 2023, 4),
])
def test_leap_day_start(qualified_on, cutoff_year, years):
    r = tenure(qualified_on=qualified_on, apply_year=cutoff_year)["result"]
    assert r["full_years"] == years


def test_leap_day_earliest_date_in_common_year():
    r = tenure(qualified_on="2020-02-29", required_years=5)["result"]
    assert r["earliest_date"] == "2025-02-28"
    assert r["earliest_apply_year"] == 2025


@pytest.mark.parametrize(("year", "deducted"), [
    (2018, []),      # ends on the start day: nothing of it is counted
    (2019, [2019]),  # first year inside the window
    (2023, [2023]),  # the cutoff year itself
    (2024, []),      # after the cutoff
    (2010, []),
])
def test_unqualified_year_at_each_end_of_window(year, deducted):
    r = tenure(qualified_on="2018-12-31", unqualified_years=[year])["result"]
    assert r["deducted_years"] == deducted
    assert r["ignored_years"] == ([] if deducted else [year])


def test_start_inside_an_unsatisfactory_year_moves_to_its_end():
    """The notice leaves "that year" out: only its part after the start, not a whole year."""
    r = tenure(qualified_on="2018-06-30", unqualified_years="2018", required_years=5)["result"]
    assert (r["start"], r["start_basis"], r["start_moved_by"]) == ("2018-12-31", "unqualified_year_end", [2018])
    assert (r["deducted_years"], r["ignored_years"], r["counted_years"], r["meets"]) == ([], [], 5, True)
    assert r["earliest_date"] == "2023-12-31"


def test_a_moved_start_still_deducts_later_whole_years():
    r = tenure(qualified_on="2018-06-30", unqualified_years="2018, 2019", required_years=5)["result"]
    assert (r["start"], r["start_moved_by"], r["deducted_years"]) == ("2018-12-31", [2018], [2019])
    assert (r["full_years"], r["counted_years"], r["earliest_date"]) == (5, 4, "2024-12-31")


def test_a_start_on_31_december_or_from_a_review_year_never_moves():
    on_end = tenure(qualified_on="2018-12-31", unqualified_years="2018")["result"]
    assert (on_end["start_basis"], on_end["start_moved_by"], on_end["ignored_years"]) == ("qualified_on", [], [2018])
    delayed = tenure(qualified_on="2023-03-01", review_year=2022, unqualified_years="2022")["result"]
    assert (delayed["start"], delayed["start_basis"], delayed["start_moved_by"]) == ("2022-12-31", "review_year_end", [])


def test_duplicates_count_once_and_separators():
    r = tenure(qualified_on="2015-01-01", unqualified_years="2020、2020；2021 2017;2017")["result"]
    assert r["deducted_years"] == [2017, 2020, 2021]
    assert r["counted_years"] == 8 - 3


def test_counted_years_never_negative():
    r = tenure(qualified_on="2022-01-01", unqualified_years=[2022, 2023])["result"]
    assert r["full_years"] == 1 and r["counted_years"] == 0


def test_review_year_later_than_qualified_on_keeps_qualified_on():
    r = tenure(qualified_on="2021-05-01", review_year="2022")["result"]
    assert (r["start"], r["start_basis"]) == ("2021-05-01", "qualified_on")


def test_review_year_2022_and_chinese_year_form():
    r = tenure(qualified_on="2023-06-01", review_year="2022年度", required_years=1)["result"]
    assert (r["start"], r["start_basis"], r["full_years"], r["meets"]) == ("2022-12-31", "review_year_end", 1, True)


@pytest.mark.parametrize("review_year", [2019, 2020, 2023])
def test_review_year_not_covered(review_year):
    assert codes(tenure(qualified_on="2021-03-01", review_year=review_year)) == ["review_year_not_covered"]


def test_other_apply_year_moves_cutoff_and_notes_it():
    answer = tenure(qualified_on="2019-01-01", apply_year=2024, required_years=5)
    assert answer["result"]["cutoff"] == "2024-12-31"
    assert answer["result"]["meets"] is True
    assert [n["code"] for n in answer["notes"]] == ["cutoff_assumed"]


def test_no_note_for_2023():
    assert tenure(qualified_on="2019-01-01")["notes"] == []


@pytest.mark.parametrize("form", ["2018-12-31", "2018/12/31", "2018.12.31", "2018年12月31日", "２０１８－１２－３１",
                                  "２０１８年１２月３１日", " 2018-12-31 "])
def test_date_forms(form):
    assert tenure(qualified_on=form)["result"]["start"] == "2018-12-31"


def test_short_month_day_forms():
    assert tenure(qualified_on="2018/1/5")["result"]["start"] == "2018-01-05"
    assert tenure(qualified_on="2018年1月5日")["result"]["start"] == "2018-01-05"


@pytest.mark.parametrize(("value", "code"), [
    ("2023-02-30", "invalid_date"), ("2023-13-01", "invalid_date"), ("yesterday", "invalid_date"),
    ("1948-12-31", "out_of_range"), ("2101-01-01", "out_of_range"), (20181231, "invalid_date"),
    ("", "required"), (None, "required"),
])
def test_bad_dates(value, code):
    assert codes(tenure(qualified_on=value)) == [code]


def test_every_problem_at_once():
    answer = tenure(qualified_on="nope", required_years="5.5", apply_year="abc", unqualified_years="20x0")
    assert {(e["field"], e["code"]) for e in answer["errors"]} == {
        ("qualified_on", "invalid_date"), ("required_years", "not_integer"),
        ("apply_year", "invalid_number"), ("unqualified_years", "invalid_number"),
    }


@pytest.mark.parametrize("required", [0, 51, -3])
def test_required_years_range(required):
    assert codes(tenure(qualified_on="2018-01-01", required_years=required)) == ["out_of_range"]


def test_explanation_says_what_was_deducted_and_ignored():
    answer = tenure(qualified_on="2018-12-31", unqualified_years="2020,2017", required_years=5)
    zh, en = "\n".join(answer["explanation"]["zh"]), "\n".join(answer["explanation"]["en"])
    assert "2020" in zh and "2017" in zh and "2024" in zh
    assert "deducted" in en and "2017" in en and "2024" in en
