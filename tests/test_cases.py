"""The contract's acceptance cases, through the library and through the CLI."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from conftest import CASES, ROOT, check_case

import calculators


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_case_through_run(case):
    check_case(case, calculators.run(case["calculator"], case["input"]))


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_case_through_cli(case):
    proc = subprocess.run(
        [sys.executable, "-m", "calculators", case["calculator"]],
        input=json.dumps(case["input"], ensure_ascii=False), capture_output=True, text=True, cwd=ROOT,
        encoding="utf-8",
    )
    assert proc.returncode == (0 if case["expect"]["ok"] else 2), proc.stderr
    check_case(case, json.loads(proc.stdout))
