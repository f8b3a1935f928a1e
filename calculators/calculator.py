"""What a calculator is: one declared object that everything else reads.

The page's form, the worker, the CLI, the transcript and the roster check all go through a
``Calculator``: its fields, its clauses, its readings, which result is its verdict and how that
verdict is worded, and the columns a roster's result file shows. Nothing outside it looks for a
result by key name, so a new calculator cannot lose its verdict on one of them. The registry
(``calculators.register``) checks each declaration when the package is imported and names what is
missing, because a half-declared calculator would otherwise break the worker for every calculator.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from . import readings
from .clauses import NAMES
from .fields import Field
from .readings import Reading
from .wording import join_list, pick

Words = Mapping[bool, tuple[str, str]]
# Where a calculator's verdict is said in one word: a roster's verdict column.
MET = {True: ("符合", "met"), False: ("不符合", "not met")}
VERDICT_TITLE = ("结论", "Verdict")


class DeclarationError(ValueError):
    """A calculator declared without something the site needs; the message names it."""


@dataclass(frozen=True)
class Verdict:
    """The headline of an answer: which result states it (True, False, or None: nothing judged) and
    its words. ``short`` says it in a word or two where a reading's other outcome is named (不满足),
    ``bare`` is the headline without a label of its own, for a qualified line to carry one label, and
    ``words_for`` picks other words for some results (a quota checked without signatures)."""

    key: str
    words: Words
    short: Words
    bare: Words | None = None
    words_for: Callable[[Mapping[str, Any]], Words] | None = None

    def met(self, result: Mapping[str, Any]) -> bool | None:
        """The verdict a result states."""
        value = result.get(self.key)
        return None if value is None else bool(value)

    def line(self, result: Mapping[str, Any], declared: tuple[Reading, ...]) -> dict[str, Any] | None:
        """The verdict in both languages, qualified where a reading decides it (None: nothing judged)."""
        words = self.words_for(result) if self.words_for else self.words
        return readings.verdict_line(words, self.short, self.met(result), declared, result.get("readings", ()),
                                     self.bare)


def _plain(value: Any, lang: str) -> str:
    """A result as a reader writes it in a cell: 是/否, 90 not 90.0, 2019、2020."""
    if type(value) is str:  # an ISO date, the commonest (a roster shows ten results a row)
        return value
    if type(value) is int:  # a count of years or hours, the next commonest
        return str(value)
    if value is None:
        return ""
    if isinstance(value, bool):
        return pick(("是", "yes") if value else ("否", "no"), lang)
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else f"{value}"
    if isinstance(value, list):
        return join_list(lang, (str(item) for item in value))
    return str(value)


def percent(value: Any, lang: str) -> str:
    """A share (0.6667) as a percentage with at most two places (66.67%)."""
    if value is None:
        return ""
    shown = round(float(value) * 100, 2)
    return f"{int(shown) if shown.is_integer() else shown}%"


@dataclass(frozen=True)
class Column:
    """One result a roster's file shows: its key in the result, its titles, how a cell writes it."""

    key: str
    zh: str
    en: str
    show: Callable[[Any, str], str] = _plain


@dataclass(frozen=True)
class Calculator:
    """One calculator, declared once: what it asks, what it rests on, how its answer is judged and shown.

    ``calculate(inputs, explain)`` is built from ``answer.read_input``, ``answer.accepted`` and
    ``answer.rejected`` and never raises on input; its result carries ``readings`` (each a
    ``readings.used``) and the result the verdict names. The registry adds the verdict line and the
    readings in words to every accepted answer, from ``verdict`` and ``readings``."""

    name: str
    title: tuple[str, str]
    page: str  # docs/calculators/<page>.md and .en.md
    fields: tuple[Field, ...]
    clauses: tuple[str, ...]  # every clause an answer may cite
    verdict: Verdict
    calculate: Callable[[Mapping[str, Any], bool], dict[str, Any]]
    readings: tuple[Reading, ...] = ()
    # A roster: whether the page offers a check of one, the result columns its file adds, the filled-in
    # row of its templates (a pair is Chinese, English), and the fields without which every row would be
    # answered from defaults (a file-level refusal, said once).
    roster: bool = False
    result_columns: tuple[Column, ...] = ()
    template_example: Mapping[str, Any] = field(default_factory=dict)
    roster_needs: tuple[str, ...] = ()

    def answer(self, inputs: Any, explain: bool = True) -> dict[str, Any]:
        """The calculator's answer with what every answer carries: whether a reading decides the verdict,
        the verdict line, and the readings in words (``explain=False``: only those that changed figures)."""
        answer = self.calculate(inputs, explain)
        if answer.get("ok"):
            result = answer["result"]
            if self.verdict.key not in result:
                raise DeclarationError(f"calculator {self.name!r}: its result has no {self.verdict.key!r}, "
                                       "the key its Verdict names")
            listed = result.setdefault("readings", [])
            result["depends_on_reading"] = readings.depends(self.verdict.met(result), listed)
            answer["verdict"] = self.verdict.line(result, self.readings)
            answer["rests_on"] = readings.said(self.readings, listed, self.verdict.short, figures_only=not explain)
        return answer

    def cells(self, answer: Mapping[str, Any], lang: str) -> list[str]:
        """A roster row's result cells, one per column: the verdict column says the answer's own verdict."""
        result, verdict = answer["result"], answer.get("verdict")
        met = pick(MET[bool(verdict["met"])], lang) if verdict else ""
        return [met if is_verdict else show(result.get(key), lang) for key, is_verdict, show in self._cell_plan]

    @cached_property
    def _cell_plan(self) -> tuple[tuple[str, bool, Callable[[Any, str], str]], ...]:
        # Worked out once: a roster asks for it on every one of a hundred thousand rows.
        return tuple((c.key, c.key == self.verdict.key, c.show) for c in self.columns)

    @cached_property
    def columns(self) -> tuple[Column, ...]:
        """The result columns of a roster's file: those declared, or the verdict alone."""
        return self.result_columns or (Column(self.verdict.key, *VERDICT_TITLE),)

    @cached_property
    def verdict_column(self) -> int:
        """Where the verdict is among the result columns."""
        return next(i for i, c in enumerate(self.columns) if c.key == self.verdict.key)


_NAME = re.compile(r"[a-z][a-z0-9_]*")
_PAGE = re.compile(r"[a-z][a-z0-9-]*")


def _pair(value: Any) -> bool:
    return isinstance(value, tuple) and len(value) == 2 and all(isinstance(v, str) and v.strip() for v in value)


def _words(value: Any) -> bool:
    return isinstance(value, Mapping) and set(value) == {True, False} and all(_pair(v) for v in value.values())


def problems(calc: Any) -> list[str]:
    """What a declaration lacks or gets wrong, each named as a contributor would fix it."""
    if not isinstance(calc, Calculator):
        return [f"{calc!r} is not a calculators.calculator.Calculator"]
    found = []
    if not isinstance(calc.name, str) or not _NAME.fullmatch(calc.name):
        found.append("name: lower-case letters, digits and _ (it is the CLI's name and the roster's id)")
    if not _pair(calc.title):
        found.append("title: a pair of non-empty strings, (Chinese, English)")
    if not isinstance(calc.page, str) or not _PAGE.fullmatch(calc.page):
        found.append("page: the pages' slug, docs/calculators/<page>.md")
    if not calc.fields or not all(isinstance(f, Field) for f in calc.fields):
        found.append("fields: a tuple of calculators.fields.Field, at least one")
    names = {f.name for f in calc.fields if isinstance(f, Field)}
    cited = set(calc.clauses) | {r.clause for r in calc.readings if isinstance(r, Reading)}
    cited |= {c for f in calc.fields if isinstance(f, Field) for c in f.clauses}
    if not calc.clauses:
        found.append("clauses: the clause ids its answers cite (calculators.clauses.NAMES)")
    if unknown := sorted(c for c in cited if c not in NAMES):
        found.append(f"clauses: {', '.join(unknown)} not in calculators.clauses.NAMES")
    if not all(isinstance(r, Reading) for r in calc.readings):
        found.append("readings: a tuple of calculators.readings.Reading (empty where the notice decides everything)")
    if not isinstance(calc.verdict, Verdict):
        found.append("verdict: a calculators.calculator.Verdict (the result key and its words)")
    elif not (_words(calc.verdict.words) and _words(calc.verdict.short)):
        found.append("verdict: words and short, each {True: (zh, en), False: (zh, en)}")
    if not callable(calc.calculate):
        found.append("calculate: a function (inputs, explain) -> answer")
    if not all(isinstance(c, Column) for c in calc.result_columns):
        found.append("result_columns: a tuple of calculators.calculator.Column")
    elif (calc.result_columns and isinstance(calc.verdict, Verdict)
          and all(c.key != calc.verdict.key for c in calc.result_columns)):
        found.append(f"result_columns: none for the verdict ({calc.verdict.key!r}); leave them out for the verdict alone")
    if calc.roster and not calc.template_example:
        found.append("template_example: the example row of the roster's templates (roster=True)")
    if extra := sorted(set(calc.template_example) - names):
        found.append(f"template_example: {', '.join(extra)} not among the fields")
    if extra := sorted(set(calc.roster_needs) - names):
        found.append(f"roster_needs: {', '.join(extra)} not among the fields")
    return found


def checked(calc: Any) -> Calculator:
    """The declaration, or a DeclarationError naming everything it lacks."""
    found = problems(calc)
    if found:
        name = getattr(calc, "name", calc)
        raise DeclarationError(f"calculator {name!r} is not declared in full:\n  - " + "\n  - ".join(found))
    return calc
