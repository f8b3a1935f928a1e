"""Calculators for the Bijie 2023 professional-title notice.

Pure standard-library Python, so that the same code answers in CPython (tests, CLI)
and in the reader's browser under Pyodide. ``run(name, inputs)`` never raises on
input: bad input is a normal answer with ``ok: false``.
"""

from __future__ import annotations

from types import ModuleType
from typing import Any

from . import ce_hours, messages, quota, tenure
from .clauses import NAMES, named
from .rules import rules_as_json

__all__ = ["CALCULATORS", "metadata", "run", "rules_as_json"]

CALCULATORS: dict[str, ModuleType] = {module.NAME: module for module in (tenure, ce_hours, quota)}

# Each calculator module declares its own facts (title, page, result columns, template example,
# whether the page checks a roster); the registry only gathers them.
TITLES = {name: module.TITLE for name, module in CALCULATORS.items()}


def run(name: str, inputs: Any, explain: bool = True) -> dict[str, Any]:
    """Answer one calculator for one raw input mapping; never raises.

    Bad input is a normal answer. A failure inside a calculator is a bug: it is answered as
    ``internal_error`` (with the exception under ``bug``), so that a page or a batch of a
    hundred thousand rows keeps going, and the CLI exits 1 for it. A batch, which shows only
    the figures, passes ``explain=False``.
    """
    module = CALCULATORS.get(name) if isinstance(name, str) else None
    if module is None:
        shown = name if isinstance(name, str) else ""
        return {"ok": False, "calculator": shown,
                "errors": [messages.error(None, "unknown_calculator", name=shown,
                                          names=", ".join(CALCULATORS))]}
    try:
        return module.calculate(inputs, explain)
    except Exception as bug:  # noqa: BLE001 - reported as a bug, never raised at a reader
        return {"ok": False, "calculator": name, "errors": [messages.error(None, "internal_error")],
                "bug": f"{type(bug).__name__}: {bug}"}


def metadata(name: str) -> dict[str, Any]:
    """Everything a page needs to render one calculator's form, in both languages."""
    module = CALCULATORS[name]
    zh, en = TITLES[name]
    clauses = sorted({c for f in module.FIELDS for c in f.clauses})
    return {"name": name, "title": {"zh": zh, "en": en}, "page": module.PAGE, "clauses": clauses,
            "clause_names": {lang: dict(zip(NAMES, named(list(NAMES), lang), strict=True)) for lang in ("zh", "en")},
            "fields": [f.metadata() for f in module.FIELDS]}
