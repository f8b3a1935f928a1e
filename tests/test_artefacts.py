"""The reviewed text of every acceptance case's answer matches what the calculators now say."""

from __future__ import annotations

import pytest
from artefacts import FOLDER, cases, rendered
from conftest import check_case

import calculators

FILES = rendered()


@pytest.mark.parametrize("name", sorted(FILES))
def test_answer_text_is_the_reviewed_one(name):
    kept = FOLDER / name
    assert kept.exists(), f"{name} is new: review it and run `make artefacts`"
    assert kept.read_text(encoding="utf-8") == FILES[name], f"{name} changed: review the diff and run `make artefacts`"


def test_no_artefact_outlives_its_case():
    assert sorted(p.name for p in FOLDER.glob("*.txt")) == sorted(FILES)


@pytest.mark.parametrize("case", [c for c in cases() if "expect" in c], ids=lambda c: c["id"])
def test_own_cases_hold(case):
    answer = calculators.run(case["calculator"], case["input"])
    assert answer["ok"] is case["expect"]["ok"], answer
    for key, value in case["expect"].get("result", {}).items():
        assert answer["result"][key] == value, key
    if not case["expect"]["ok"] and "error_codes" in case["expect"]:
        check_case(case, answer)
