"""Boundary cases of clause s2-3 beyond the acceptance cases."""

from __future__ import annotations

import pytest

from calculators import run


def quota(**inputs):
    return run("quota", inputs)


SIGNED = {"leader_signed": True, "expert_signed": True, "expert_title": "senior", "expert_same_industry": True}


@pytest.mark.parametrize(("level", "count", "within", "excess", "remaining"), [
    ("national", 1, True, 0, 1), ("national", 2, True, 0, 0), ("national", 3, False, 1, 0),
    ("provincial", 1, True, 0, 0), ("provincial", 2, False, 1, 0), ("none", 0, True, 0, 0), ("none", 1, False, 1, 0),
])
def test_quota_met_and_exceeded(level, count, within, excess, remaining):
    r = quota(enterprise_level=level, nominee_count=count)["result"]
    assert (r["within_quota"], r["excess"], r["remaining"], r["ok"]) == (within, excess, remaining, within)


def test_disqualified_has_no_quota():
    answer = quota(enterprise_level="national", disqualified="on", nominee_count="1")
    assert answer["result"]["quota"] == 0 and answer["result"]["excess"] == 1
    assert "disqualified" in [n["code"] for n in answer["notes"]]


def test_already_nominated_counts():
    r = quota(enterprise_level="national", already_nominated=1, nominees=[dict(SIGNED, name="甲")])["result"]
    assert (r["used"], r["remaining"], r["ok"]) == (2, 0, True)


def test_each_nominee_problem():
    checks = quota(enterprise_level="national", nominees=[{"name": "X"}])["result"]["nominee_checks"]
    assert checks[0]["problems"] == ["leader_signature_missing", "expert_signature_missing",
                                     "expert_not_same_industry", "expert_title_too_low"]


@pytest.mark.parametrize(("title", "ok"), [("none", False), ("junior", False), ("intermediate", False),
                                           ("deputy_senior", True), ("senior", True), ("副高级", True)])
def test_expert_title_threshold(title, ok):
    r = quota(enterprise_level="national", nominees=[dict(SIGNED, expert_title=title)])["result"]
    assert r["nominee_checks"][0]["ok"] is ok


def test_nominees_as_json_text_from_a_query_string():
    r = quota(enterprise_level="provincial", nominees='[{"name": "A", "leader_signed": "1", "expert_signed": "true",'
                                                      ' "expert_title": "senior", "expert_same_industry": "on"}]')
    assert r["result"]["ok"] is True


def test_conflicting_fields():
    answer = quota(enterprise_level="national", nominees=[SIGNED], nominee_count=1)
    assert [e["code"] for e in answer["errors"]] == ["conflicting_fields"]


def test_bad_nominee_fields_are_named():
    answer = quota(enterprise_level="nat", nominees=[{"leader_signed": "maybe"}, "x"])
    assert {(e["field"], e["code"]) for e in answer["errors"]} == {
        ("enterprise_level", "invalid_choice"), ("nominees", "invalid_list")}
    answer = quota(enterprise_level="national", nominees=[{"leader_signed": "maybe", "expert_title": "boss"}])
    assert {(e["field"], e["code"]) for e in answer["errors"]} == {
        ("nominees[0].leader_signed", "invalid_choice"), ("nominees[0].expert_title", "invalid_choice")}


def test_level_required():
    assert [e["code"] for e in quota()["errors"]] == ["required"]


def test_explanation_names_the_track():
    answer = quota(enterprise_level="national", nominee_count=1)
    assert "专精特新专项" in "".join(answer["explanation"]["zh"])
    assert "engineering series" in " ".join(answer["explanation"]["en"])


def test_a_name_too_long_to_write_is_invalid_text_not_a_bug():
    answer = run("quota", {"enterprise_level": "national", "nominees": [{"name": 10**5000}]})
    assert answer["ok"] is False and [e["code"] for e in answer["errors"]] == ["invalid_text"]
