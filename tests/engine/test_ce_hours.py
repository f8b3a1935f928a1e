"""Boundary cases of clauses s4-2 and s4-1 beyond the acceptance cases."""

from __future__ import annotations

import pytest

from calculators import run


def ce(**inputs):
    return run("ce_hours", inputs)


def test_decimals_are_exact():
    r = ce(public_hours="30.1", professional_hours="59.9")["result"]
    assert r["total"] == 90.0 and r["meets_total"] is True
    assert r["professional_total"] == 59.9 and r["shortfall_professional"] == 0.1


def test_point_one_plus_point_two():
    r = ce(category="private", public_hours=0.1, professional_hours=0.2)["result"]
    assert r["total"] == 0.3


def test_three_decimals_rejected():
    assert [e["code"] for e in ce(public_hours="1.234")["errors"]] == ["invalid_number"]


def test_fullwidth_hours_and_chinese_category():
    r = ce(category="基层", public_hours="１５", professional_hours="３０．５")["result"]
    assert (r["required_total"], r["total"], r["meets"]) == (45, 45.5, True)


def test_zero_hours():
    r = ce()["result"]
    assert r["professional_share"] is None and r["share_below_two_thirds"] is False
    assert r["hours_still_needed"] == 90.0 and r["shortfall_professional"] == 60.0


def test_total_met_professional_short_needs_professional_hours():
    r = ce(public_hours=80, professional_hours=10)["result"]
    assert r["meets_total"] and not r["meets_professional"]
    assert r["hours_still_needed"] == 50.0


def test_both_short_takes_the_larger_gap():
    r = ce(category="private", public_hours=10, professional_hours=20)["result"]
    assert (r["shortfall_total"], r["shortfall_professional"], r["hours_still_needed"]) == (15.0, 10.0, 15.0)


def test_share_hint_does_not_change_meets():
    answer = ce(public_hours=40, professional_hours=60)
    assert answer["result"]["meets"] is True and answer["result"]["share_below_two_thirds"] is True
    assert "share_guidance" in [n["code"] for n in answer["notes"]]


def test_digital_hours_cite_s4_1():
    assert ce(digital_hours=1)["clauses"] == ["s4-2", "s4-1"]
    assert ce(professional_hours=1)["clauses"] == ["s4-2"]


@pytest.mark.parametrize(("value", "code"), [
    ("-1", "out_of_range"), (8784.01, "out_of_range"), ("abc", "invalid_number"), (float("nan"), "invalid_number"),
    (float("inf"), "out_of_range"), ("Infinity", "out_of_range"), (True, "invalid_number"), ([1], "invalid_number"),
])
def test_bad_hours(value, code):
    assert [e["code"] for e in ce(public_hours=value)["errors"]] == [code]


def test_max_hours_accepted():
    assert ce(professional_hours="8784")["ok"] is True


def test_bad_category_lists_choices_in_both_languages():
    error = ce(category="teacher")["errors"][0]
    assert error["code"] == "invalid_choice" and "grassroots" in error["en"] and "基层" in error["zh"]


def test_other_year_noted():
    assert [n["code"] for n in ce(year=2024)["notes"]] == ["year_assumed"]


def test_no_public_subject_hours_is_not_met_and_says_why_without_a_minimum():
    answer = ce(category="general", public_hours=0, professional_hours=90)
    r = answer["result"]
    assert (r["meets_total"], r["meets_professional"], r["meets_public"], r["meets"]) == (True, True, False, False)
    zh, en = "".join(answer["explanation"]["zh"]), " ".join(answer["explanation"]["en"])
    assert "应在‘贵州省专业技术人员继续教育平台’" in zh and "未规定公需科目的学时数" in zh
    assert "shall take the study and tests of general (public) subjects" in en and "sets no minimum" in en
    some = ce(category="general", public_hours="0.5", professional_hours=90)
    assert some["result"]["meets_public"] is True and some["result"]["meets"] is True
