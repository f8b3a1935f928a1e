"""Shared fixtures: the acceptance cases and the project's paths. Nothing of the site's toolchain is imported
here: the engine's tests (tests/engine/) run without it (make test-engine)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CASES = json.loads((ROOT / "tests" / "data" / "cases.json").read_text(encoding="utf-8"))


def check_case(case: dict, answer: dict) -> None:
    """Assert one answer against one acceptance case of the contract."""
    expect = case["expect"]
    assert answer["ok"] is expect["ok"], answer
    if expect["ok"]:
        assert answer["result"] == expect["result"]
    else:
        assert sorted({e["code"] for e in answer["errors"]}) == sorted(expect["error_codes"])


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT
