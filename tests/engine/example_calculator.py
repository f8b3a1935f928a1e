"""The smallest whole calculator, as CONTRIBUTING.md tells a contributor to write one.

Not part of the site: the tests register it and run it through every way an answer is given (the
CLI, ``--text``, a roster, the worker's functions, Pyodide in Node), so that the steps in
CONTRIBUTING.md are known to be enough.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from calculators import rules
from calculators.answer import accepted, read_input, rejected
from calculators.calculator import Calculator, Verdict
from calculators.fields import Field

NAME = "example_hours"
MINIMUM = rules.value("ce_hours_general")
FIELDS = (
    Field("hours", "hours", "本年度学时", "Hours this year", required=True, minimum=0, maximum=8784,
          clauses=(rules.clause("ce_hours_general"),), headers=("学时", "hours")),
)
VERDICT = Verdict("enough",
                  words={True: ("学时够了", "Enough hours"), False: ("学时不够", "Not enough hours")},
                  short={True: ("够", "enough"), False: ("不够", "not enough")})


def calculate(inputs: Mapping[str, Any], explain: bool = True) -> dict[str, Any]:
    """Whether one year's hours reach the general minimum."""
    values, errors, notes = read_input(FIELDS, inputs)
    if errors:
        return rejected(NAME, errors)
    short = max(Decimal(0), MINIMUM - values["hours"])
    result = {"enough": not short, "short": short}
    explanation = ([f"每年不少于{MINIMUM}学时。"], [f"At least {MINIMUM} hours a year."]) if explain else ([], [])
    return accepted(NAME, values, result, [rules.clause("ce_hours_general")], explanation, notes)


CALCULATOR = Calculator(name=NAME, title=("学时示例", "Hours example"), page="example-hours", fields=FIELDS,
                        clauses=(rules.clause("ce_hours_general"),), verdict=VERDICT, calculate=calculate)
