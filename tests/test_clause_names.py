"""Answers name their clauses as the notice does (第五部分第（五）项, Part V(5)); the engine's table of
names is held to the notice's own labels (source/clauses.md), and covers every clause an answer cites."""

from __future__ import annotations

import csv
import io
import json

from conftest import ROOT

import calculators
from calculators import batch
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


def test_a_rosters_results_name_the_clauses_its_rows_rest_on_and_keep_ids_out():
    rows = "姓名,公需科目学时,专业科目学时,数字技术工程师学时\r\n张三,30,60,10\r\n李四,30,70,\r\n王五,x,1,\r\n"
    run = batch.run_file("ce_hours", rows.encode("utf-8"), "zh")
    assert run.summary()["clauses"] == ["s4-2", "s4-1"]
    first = run.download_bytes().decode("utf-8-sig").split("\r\n")[0]
    assert "依据条款：第四部分第（二）项、第四部分第（一）项。" in first and "s4-" not in first
    assert first.endswith("本站的理解：专业科目按最低学时的三分之二核对；数字技术工程师培训学时按专业科目计。")
    english = batch.run_file("tenure", b"Date the current title was obtained\r\n2018-01-01\r\n", "en")
    first = next(csv.reader(io.StringIO(english.download_bytes().decode("utf-8-sig"))))[0]
    assert first.endswith(" Clauses relied on: Part V(5). This site's readings: whole years counted by anniversaries.")
    nothing = batch.run_file("tenure", b"Date the current title was obtained\r\nnot a date\r\n", "en")
    assert nothing.summary()["clauses"] == [] and "Clauses" not in nothing.download_bytes().decode("utf-8-sig")
