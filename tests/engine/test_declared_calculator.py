"""A calculator is one declared object: a new one, written as CONTRIBUTING.md says, answers with its
verdict everywhere an answer is given, and a declaration that lacks something is refused by name."""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

import calculators
from calculators import batch, transcript, webworker
from calculators.calculator import Calculator, Column, DeclarationError, Verdict, problems

HERE = Path(__file__).parent
ROOT = HERE.parent.parent
sys.path.insert(0, str(HERE))
import example_calculator  # noqa: E402 - the example lives beside the tests, not in the package

EXAMPLE = example_calculator.CALCULATOR
# The CLI as a process, with the example registered as the package's own tuple registers the others.
CLI = ("import sys; sys.path.insert(0, sys.argv.pop(1)); import calculators, example_calculator; "
       "calculators.register(example_calculator.CALCULATOR); from calculators import cli; sys.exit(cli.main())")


@pytest.fixture
def registered():
    calculators.register(EXAMPLE)
    yield EXAMPLE
    del calculators.CALCULATORS[EXAMPLE.name]


def cli(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", CLI, str(HERE), *args], input=stdin, capture_output=True,
                          text=True, encoding="utf-8", cwd=ROOT, timeout=60)


def test_the_example_is_declared_in_full():
    assert problems(EXAMPLE) == []


def test_the_cli_answers_it_with_its_verdict_as_json_and_as_text():
    answer = json.loads(cli("example_hours", stdin='{"hours": "100"}').stdout)
    assert answer["verdict"] == {"met": True, "zh": "学时够了", "en": "Enough hours"}
    assert answer["result"]["readings"] == [] and answer["result"]["depends_on_reading"] is False
    short = cli("example_hours", "--text", "--lang", "en", stdin='{"hours": 12.5}')
    assert short.returncode == 0 and "Verdict: Not enough hours" in short.stdout.splitlines()
    assert "Clauses relied on: Part IV(2)" in short.stdout
    assert cli("--list").stdout.splitlines()[-1] == "example_hours\t学时示例\tHours example"
    bad = cli("example_hours", stdin='{"hours": "lots"}')
    assert bad.returncode == 2 and json.loads(bad.stdout)["errors"][0]["field"] == "hours" and not bad.stderr


def test_a_roster_of_it_carries_its_verdict_in_a_column_of_its_own(tmp_path):
    roster = tmp_path / "roster.csv"
    roster.write_text("姓名,学时\n甲,95\n乙,30\n丙,很多\n", encoding="utf-8")
    done = cli("example_hours", "--csv", str(roster))
    assert done.returncode == 0, done.stderr
    rows = list(csv.reader(io.StringIO(done.stdout.lstrip("\ufeff"))))
    assert rows[1][-1] == "结论" and [row[-1] for row in rows[2:]] == ["符合", "不符合", ""]
    assert [row[0] for row in rows[2:]] == ["已计算", "已计算", "退回"]
    assert "依据条款：第四部分第（二）项" in rows[0][0]


def test_the_page_gets_its_form_answer_and_roster_summary_through_the_worker(registered):
    form = calculators.metadata("example_hours")
    assert form["title"] == {"zh": "学时示例", "en": "Hours example"} and form["fields"][0]["name"] == "hours"
    answer = json.loads(webworker.answer("example_hours", json.dumps({"hours": 90})))
    assert answer["verdict"]["met"] is True and answer["explanation"]["en"] == ["At least 90 hours a year."]
    assert json.loads(webworker.after_restore(["example_hours"])) == [True]  # warmed up from its own form
    run = webworker.start_batch("example_hours", b"hours\n90\n", "en", None)
    while not run.done:
        run.step()
    summary = json.loads(webworker.batch_summary(run))
    assert summary["header"][:2] == ["Result", "Verdict"] and summary["rows"][0]["cells"][:2] == ["calculated", "met"]
    assert transcript.verdict(answer, "zh") == "学时够了"


def test_a_half_declared_calculator_is_refused_naming_every_missing_part():
    half = dataclasses.replace(EXAMPLE, name="Example", title=("示例", ""), clauses=(), roster=True,
                               result_columns=(Column("short", "差额", "Short"),), roster_needs=("minutes",))
    with pytest.raises(DeclarationError) as refused:
        calculators.register(half)
    said = str(refused.value)
    for part in ("name:", "title:", "clauses: the clause ids", "result_columns: none for the verdict ('enough')",
                 "template_example: the example row", "roster_needs: minutes"):
        assert part in said
    assert "Example" not in calculators.CALCULATORS
    with pytest.raises(DeclarationError, match="is not a calculators.calculator.Calculator"):
        calculators.register(example_calculator)  # the module, not its declaration
    with pytest.raises(DeclarationError, match="s9-9 not in calculators.clauses.NAMES"):
        calculators.register(dataclasses.replace(EXAMPLE, clauses=("s9-9",)))


def test_a_name_is_registered_once():
    with pytest.raises(ValueError, match="registered already"):
        calculators.register(dataclasses.replace(calculators.CALCULATORS["tenure"], page="other"))


def test_a_verdict_its_result_lacks_is_a_bug_named_not_a_silent_answer(registered):
    calculators.CALCULATORS[EXAMPLE.name] = dataclasses.replace(EXAMPLE, verdict=Verdict(
        "met", EXAMPLE.verdict.words, EXAMPLE.verdict.short))
    answer = calculators.run(EXAMPLE.name, {"hours": 1})
    assert answer["errors"][0]["code"] == "internal_error" and "'met'" in answer["bug"]


# One row each calculator answers, as a form's fields or a roster's columns.
ROWS = {"tenure": {"qualified_on": "2018-12-31", "required_years": "5"},
        "ce_hours": {"public_hours": "30", "professional_hours": "50"},
        "quota": {"enterprise_level": "national", "nominee_count": "1"}}


@pytest.mark.parametrize("name", sorted(calculators.CALCULATORS))
def test_every_answer_states_the_declared_verdict_and_a_roster_shows_it(name):
    calc: Calculator = calculators.CALCULATORS[name]
    answer = calculators.run(name, ROWS[name])
    assert answer["ok"] and answer["verdict"]["met"] == answer["result"][calc.verdict.key]
    roster = batch.run_file(name, "\n".join([",".join(ROWS[name]), ",".join(ROWS[name].values())]).encode())
    row = list(csv.reader(io.StringIO(roster.csv())))[1]
    assert row[3 + len(ROWS[name]) + calc.verdict_column] == ("符合" if answer["verdict"]["met"] else "不符合")
    assert roster.summary()["rows"][0]["cells"][1] == row[3 + len(ROWS[name]) + calc.verdict_column]


def test_rows_cover_every_calculator():
    assert set(ROWS) == set(calculators.CALCULATORS)
