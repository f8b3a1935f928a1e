"""Answers name their clauses as the notice does (第五部分第（五）项, Part V(5)); the engine's table of
names is held to the notice's own labels (source/clauses.md), and covers every clause an answer cites."""

from __future__ import annotations

import json

from conftest import ROOT

import calculators
from calculators.clauses import NAMES, named
from calculators.transcript import text
from macros.notice import by_id


def test_the_names_are_the_notices_own_labels():
    for clause_id, (zh, en) in NAMES.items():
        assert (zh, en) == (by_id()[clause_id].label_zh, by_id()[clause_id].label_en)


def test_every_clause_an_answer_cites_has_a_name():
    cases = json.loads((ROOT / "tests" / "data" / "cases.json").read_text(encoding="utf-8"))
    cited = {c for case in cases for c in calculators.run(case["calculator"], case["input"]).get("clauses", [])}
    cited |= {c for name in calculators.CALCULATORS for c in calculators.metadata(name)["clauses"]}
    assert cited and cited <= set(NAMES)


def test_a_transcript_names_clauses_and_keeps_ids_out():
    answer = calculators.run("ce_hours", {"public_hours": "30", "professional_hours": "60", "digital_hours": "10"})
    zh, en = text(answer, "zh"), text(answer, "en")
    assert "依据条款：第四部分第（二）项、第四部分第（一）项" in zh and "s4-" not in zh.split("依据条款")[1]
    assert "Part IV(2), Part IV(1)" in en
    assert named(["s5-5", "zz"], "en") == ["Part V(5)", "zz"]
