"""Properties that must hold for every input, not only for the cases we thought of."""

from __future__ import annotations

import datetime as dt
import json

from hypothesis import given, settings
from hypothesis import strategies as st

import calculators
from calculators import messages, quota

SCALARS = st.one_of(st.none(), st.booleans(), st.integers(-10**6, 10**6), st.floats(), st.text(max_size=12),
                    st.sampled_from(["2018-12-31", "２０１８年１２月３１日", "2021", "45.5", "national", "on", ""]))
JSONISH = st.recursive(SCALARS, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner,
                                                                                             max_size=3), max_leaves=8)
RESULT_KEYS = {
    "tenure": {"start", "start_basis", "cutoff", "full_years", "start_moved_by", "deducted_years", "ignored_years", "counted_years",
               "required_years", "meets", "shortfall_years", "earliest_date", "earliest_apply_year", "readings",
               "depends_on_reading"},
    "ce_hours": {"required_total", "required_professional", "total", "professional_total", "meets_total",
                 "meets_professional", "meets_public", "meets", "shortfall_total", "shortfall_professional", "hours_still_needed",
                 "professional_share", "share_below_two_thirds", "readings", "depends_on_reading"},
    "quota": {"quota", "used", "remaining", "within_quota", "excess", "nominee_checks", "ok", "signatures_checked",
              "readings", "depends_on_reading"},
}


def field_inputs(name):
    names = [f.name for f in calculators.CALCULATORS[name].fields] + ["extra"]
    return st.dictionaries(st.sampled_from(names), JSONISH, max_size=6)


def assert_shape(name, answer):
    json.dumps(answer, allow_nan=False)
    assert answer["calculator"] == name
    if answer["ok"]:
        assert set(answer["result"]) == RESULT_KEYS[name]
        assert_readings(answer)
        assert answer["clauses"] and all(answer["explanation"][lang] for lang in ("zh", "en"))
        assert all(set(n) == {"code", "zh", "en"} for n in answer["notes"])
    else:
        assert answer["errors"]
        assert all(set(e) == {"field", "code", "zh", "en"} and e["zh"] and e["en"] for e in answer["errors"])


def assert_readings(answer):
    """Every reading is listed with its other outcome, the verdict states the result's own, and it is
    qualified exactly when a reading decides it."""
    result = answer["result"]
    declared = [r.id for r in calculators.CALCULATORS[answer["calculator"]].readings]
    ids = [r["id"] for r in result["readings"]]
    assert ids == [i for i in declared if i in ids] and all(set(r) == {"id", "otherwise"} for r in result["readings"])
    met = result.get("meets", result.get("ok"))
    others = [r["otherwise"]["meets"] for r in result["readings"] if r["otherwise"] and r["otherwise"]["meets"] is not None]
    assert result["depends_on_reading"] == (met is not None and any(o != met for o in others))
    if met is None:
        assert answer["verdict"] is None
        return
    assert answer["verdict"]["met"] == met
    qualified = ("按本站的理解；" in answer["verdict"]["zh"], "on this site's reading;" in answer["verdict"]["en"])
    assert qualified == (result["depends_on_reading"],) * 2


@settings(max_examples=300)
@given(st.sampled_from(sorted(calculators.CALCULATORS)), st.data())
def test_never_raises_and_keeps_shape(name, data):
    raw = data.draw(st.one_of(field_inputs(name), JSONISH))
    assert_shape(name, calculators.run(name, raw))


HOURS = st.decimals(min_value=0, max_value=3000, places=2)


@given(st.sampled_from(["general", "grassroots", "private"]), HOURS, HOURS, HOURS, HOURS,
       st.sampled_from(["public_hours", "professional_hours", "digital_hours"]))
def test_more_hours_never_unmeet(category, public, professional, digital, extra, where):
    base = {"category": category, "public_hours": str(public), "professional_hours": str(professional),
            "digital_hours": str(digital)}
    more = dict(base, **{where: str(dict(zip(["public_hours", "professional_hours", "digital_hours"],
                                              [public, professional, digital], strict=False))[where] + extra)})
    before, after = calculators.run("ce_hours", base), calculators.run("ce_hours", more)
    assert after["ok"]
    if before["result"]["meets"]:
        assert after["result"]["meets"]


@settings(max_examples=1000)
@given(st.dates(dt.date(1950, 1, 1), dt.date(2023, 12, 31)), st.integers(0, 3000),
       st.lists(st.integers(1950, 2030), max_size=4))
def test_earlier_start_never_fewer_years(later, days_earlier, unqualified):
    """An earlier start never counts fewer years, whatever the unsatisfactory years are."""
    earlier = max(dt.date(1949, 1, 1), later - dt.timedelta(days=days_earlier))
    a = calculators.run("tenure", {"qualified_on": earlier.isoformat(), "unqualified_years": unqualified})
    b = calculators.run("tenure", {"qualified_on": later.isoformat(), "unqualified_years": unqualified})
    assert a["result"]["full_years"] >= b["result"]["full_years"]
    assert a["result"]["counted_years"] >= b["result"]["counted_years"]


def test_a_start_on_30_december_of_an_unsatisfactory_year_counts_as_31_december():
    a = calculators.run("tenure", {"qualified_on": "2019-12-30", "unqualified_years": [2019]})["result"]
    b = calculators.run("tenure", {"qualified_on": "2019-12-31", "unqualified_years": [2019]})["result"]
    assert (a["start"], a["full_years"], a["deducted_years"], a["counted_years"]) == ("2019-12-31", 4, [], 4)
    assert (b["start"], b["full_years"], b["deducted_years"], b["counted_years"]) == ("2019-12-31", 4, [], 4)


def test_every_code_has_both_messages():
    for table in (messages.ERRORS, messages.NOTES, messages.FILE_PROBLEMS, quota.PROBLEMS):
        for code, (zh, en) in table.items():
            assert zh.strip() and en.strip(), code
            assert any("\u4e00" <= ch <= "\u9fff" for ch in zh), code
