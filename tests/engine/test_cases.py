"""The contract's acceptance cases, through the library and through the CLI."""

from __future__ import annotations

import json
import os
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


HASH_SEED_PROBE = """
import json, sys
import calculators, calculators.batch as batch, calculators.share as share
cases = json.load(sys.stdin)
out = [calculators.run(c["calculator"], c["input"]) for c in cases]
out += [share.query(c["input"]) for c in cases if isinstance(c["input"], dict)]
for name, text in (("tenure", "取得现资格时间,晋升所需年限,备注\\n2018-01-01,5,a\\n=1,x,b\\n"),
                   ("ce_hours", "public_hours,professional_hours\\n30,60\\n-1,5\\n")):
    run = batch.run_file(name, text.encode("gb18030"), "zh")
    out.append([run.summary(), run.csv()])
print(json.dumps(out, ensure_ascii=False))
"""


def test_answers_do_not_depend_on_the_hash_seed():
    """The snapshot a fast link starts from is made once, by the build, so every reader's Python has the
    same hash seed (docs/assets/js/snapshot.mjs). Answers, shared links and batch results must not depend
    on it: the same under any seed."""
    outputs = {
        subprocess.run([sys.executable, "-c", HASH_SEED_PROBE], input=json.dumps(CASES, ensure_ascii=False),
                       capture_output=True, text=True, cwd=ROOT, encoding="utf-8", check=True,
                       env={**os.environ, "PYTHONHASHSEED": seed}).stdout
        for seed in ("0", "1", "2654435761")
    }
    assert len(outputs) == 1 and len(next(iter(outputs))) > 1000
