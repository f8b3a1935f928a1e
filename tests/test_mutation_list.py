"""The planted bugs of ``make mutate`` still fit the code: each replaces text that occurs exactly once,
so that a refactoring cannot quietly turn a planted bug into a no-op."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
import mutate  # noqa: E402 - the tool lives beside the tests


@pytest.mark.parametrize("bug", [bug for bug in mutate.HAND if bug.old is not None], ids=lambda bug: bug.id)
def test_every_planted_bug_finds_its_text_once(bug):
    assert (ROOT / bug.path).read_text(encoding="utf-8").count(bug.old) == 1, bug.what
