"""Calculators for the Bijie 2023 professional-title notice.

The calculators themselves are standard-library Python, so that the same code answers in CPython (tests, CLI)
and in the reader's browser under Pyodide. ``run(name, inputs)`` never raises on
input: bad input is a normal answer with ``ok: false``.
"""

from __future__ import annotations

from typing import Any

from . import ce_hours, messages, quota, tenure
from .calculator import Calculator, checked
from .clauses import NAMES, named
from .rules import rules_as_json

__all__ = ["CALCULATORS", "Calculator", "metadata", "register", "run", "rules_as_json"]

# Every calculator, by name: each module declares one ``Calculator``; the registry checks it and gathers.
CALCULATORS: dict[str, Calculator] = {}


def register(calc: Calculator) -> Calculator:
    """Add a declared calculator, or raise ``DeclarationError`` naming what it lacks (or that its name is taken)."""
    checked(calc)
    if calc.name in CALCULATORS and CALCULATORS[calc.name] is not calc:
        raise ValueError(f"calculator {calc.name!r} is registered already")
    CALCULATORS[calc.name] = calc
    return calc


for _module in (tenure, ce_hours, quota):
    register(_module.CALCULATOR)


def run(name: str, inputs: Any, explain: bool = True) -> dict[str, Any]:
    """Answer one calculator for one raw input mapping; never raises.

    Bad input is a normal answer. A failure inside a calculator is a bug: it is answered as
    ``internal_error`` (with the exception under ``bug``), so that a page or a batch of a
    hundred thousand rows keeps going, and the CLI exits 1 for it. A batch, which shows only
    the figures, passes ``explain=False``.
    """
    calc = CALCULATORS.get(name) if isinstance(name, str) else None
    if calc is None:
        shown = name if isinstance(name, str) else ""
        return {"ok": False, "calculator": shown,
                "errors": [messages.error(None, "unknown_calculator", name=shown,
                                          names=", ".join(CALCULATORS))]}
    try:
        return calc.answer(inputs, explain)
    except Exception as bug:  # noqa: BLE001 - reported as a bug, never raised at a reader
        return {"ok": False, "calculator": name, "errors": [messages.error(None, "internal_error")],
                "bug": f"{type(bug).__name__}: {bug}"}


def metadata(name: str) -> dict[str, Any]:
    """Everything a page needs to render one calculator's form, in both languages."""
    calc = CALCULATORS[name]
    zh, en = calc.title
    clauses = sorted({c for f in calc.fields for c in f.clauses})
    return {"name": name, "title": {"zh": zh, "en": en}, "page": calc.page, "clauses": clauses,
            "clause_names": {lang: dict(zip(NAMES, named(list(NAMES), lang), strict=True)) for lang in ("zh", "en")},
            "fields": [f.metadata() for f in calc.fields]}
