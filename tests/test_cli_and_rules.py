"""The CLI's exits and batch mode, the wheel, and the single table of rules."""

from __future__ import annotations

import ast
import io
import re
import subprocess
import sys
import zipfile

from conftest import ROOT

import calculators
from calculators import cli, rules


def run_cli(*args, stdin=""):
    out = io.StringIO()
    status = cli.main(list(args), stdin=io.StringIO(stdin), stdout=out)
    return status, out.getvalue()


def test_exit_codes_and_text():
    assert run_cli("tenure", stdin='{"qualified_on": "2018-12-31"}')[0] == 0
    assert run_cli("tenure", stdin='{"qualified_on": "x"}')[0] == 2
    assert run_cli("tenure", stdin="not json")[0] == 2
    status, text = run_cli("ce_hours", "--text", "--lang", "en", stdin='{"public_hours": 30, "professional_hours": 60}')
    assert status == 0 and "are both met" in text and "Clauses relied on: Part IV(2)" in text
    status, text = run_cli("ce_hours", "--text", stdin='{"public_hours": -1}')
    assert status == 2 and "须在" in text


def test_list():
    status, text = run_cli("--list")
    assert status == 0 and [line.split("\t")[0] for line in text.splitlines()] == ["tenure", "ce_hours", "quota"]


BUGGY_ENGINE = """
import dataclasses, sys
from calculators import CALCULATORS, cli
def broken(inputs, explain=True):
    raise ZeroDivisionError("a planted bug")
CALCULATORS["tenure"] = dataclasses.replace(CALCULATORS["tenure"], calculate=broken)
sys.exit(cli.main(sys.argv[1:]))
"""


def test_cli_as_a_process_reports_bugs_only_as_1():
    bug = subprocess.run([sys.executable, "-c", BUGGY_ENGINE, "tenure"], input='{"qualified_on": "2018-12-31"}',
                         capture_output=True, text=True, cwd=ROOT)
    assert bug.returncode == 1 and "ZeroDivisionError" in bug.stderr
    for name, stdin in [("quota", '{"enterprise_level": "national"}'), ("tenure", '{"qualified_on": "x"}'),
                        ("tenure", "not json"), ("tenure", ""), ("tenure", "[1, 2]"), ("ce_hours", "null"),
                        ("ce_hours", '{"public_hours": 1e400}'), ("quota", '{"nominees": "[{"}')]:
        proc = subprocess.run([sys.executable, "-m", "calculators", name], input=stdin,
                              capture_output=True, text=True, cwd=ROOT)
        assert proc.returncode in (0, 2) and "Traceback" not in proc.stderr, (name, stdin, proc.stderr)


def _docstrings(tree):
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.FunctionDef, ast.ClassDef)) and ast.get_docstring(node) is not None:
            yield node.body[0].value


def test_rule_numbers_live_only_in_the_rules_table():
    """90, 45, 60, 30, two thirds, the quotas' year and the cutoff year appear once, in calculators/rules.py."""
    number = re.compile(r"(?<![\d.])(90|45|60|30|2021|2022|2023)(?![\d.])")
    offenders = []
    for path in (ROOT / "calculators").glob("*.py"):
        if path.name == "rules.py":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docs = {id(node) for node in _docstrings(tree)}
        for node in ast.walk(tree):
            if not isinstance(node, ast.Constant) or id(node) in docs:
                continue
            if isinstance(node.value, int) and number.fullmatch(str(node.value)) or (
                    isinstance(node.value, str) and number.search(node.value)):
                offenders.append(f"{path.name}:{node.lineno}: {node.value!r}")
        offenders += [f"{path.name}: Fraction" for node in ast.walk(tree)
                      if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "Fraction" and len(node.args) == 2
                      and all(isinstance(a, ast.Constant) for a in node.args)]
    assert offenders == []


def test_rules_carry_clause_ids():
    ids = {"title", "s2-3", "s4-1", "s4-2", "s5-5"}
    assert {r["clause"] for r in calculators.rules_as_json()} <= ids
    assert rules.value("ce_hours_general") == 90 and rules.clause("quota_national") == "s2-3"


def test_metadata_lists_every_field_in_both_languages():
    for name in calculators.CALCULATORS:
        meta = calculators.metadata(name)
        assert meta["fields"] and all(f["label"]["zh"] and f["label"]["en"] for f in meta["fields"])


def test_wheel_is_pure_and_has_no_dependency(tmp_path):
    subprocess.run([sys.executable, "-m", "build", "--wheel", "--outdir", str(tmp_path), str(ROOT)],
                   check=True, capture_output=True)
    wheel = next(tmp_path.glob("*.whl"))
    assert wheel.name.endswith("-py3-none-any.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        meta = archive.read(next(n for n in names if n.endswith("METADATA"))).decode()
    assert "calculators/tenure.py" in names and not any(n.startswith("tests/") for n in names)
    assert "Requires-Dist" not in meta
