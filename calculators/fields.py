"""Field metadata: what each calculator asks for, how it is read, how it is labelled.

The page renders its forms from these objects, the CLI validates with them and the
tests enumerate them, so a field is described once, here, in both languages.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from . import inputs, messages
from .inputs import Invalid
from .jsonable import to_json

HOURS_MAX = Decimal(8784)
HOURS_DECIMALS = 2


@dataclass(frozen=True)
class Choice:
    """One allowed value of a choice field, with the words people use for it."""

    value: str
    zh: str
    en: str
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Field:
    """One input of a calculator.

    ``kind`` is one of ``date``, ``integer``, ``count`` (of people), ``year``, ``years``,
    ``hours``, ``choice``, ``boolean``, ``text`` or ``records`` (a list of objects); the page
    picks its control from it, and error messages are worded for it.
    """

    name: str
    kind: str
    label_zh: str
    label_en: str
    help_zh: str = ""
    help_en: str = ""
    required: bool = False
    default: Any = None
    choices: tuple[Choice, ...] = ()
    minimum: int | None = None
    maximum: int | None = None
    clauses: tuple[str, ...] = ()
    extra: Mapping[str, Any] = field(default_factory=dict)
    # A roster's column: the other ways offices write this header, and the words that make a
    # header look like this field (see calculators.columns).
    headers: tuple[str, ...] = ()
    hints: tuple[str, ...] = ()
    # Words that make a header mean something else that offices keep beside this field (聘任: the
    # appointment, not the date a title was obtained), and what that is: such a column is never read
    # as this field, and a roster that has only it is refused, saying why.
    impostors: tuple[str, ...] = ()
    impostor_why: tuple[str, str] = ("", "")
    # For a list of years kept as one column per year (2019年度 … 2023年度): each grade a cell can hold,
    # and whether it puts that year in the list (不合格: True). Any other word refuses the row.
    grades: Mapping[str, bool] = field(default_factory=dict)

    def metadata(self) -> dict[str, Any]:
        """The field as plain JSON data, for the page and the documentation."""
        data: dict[str, Any] = {
            "name": self.name,
            "type": self.kind,
            "required": self.required,
            "default": to_json(self.default),
            "label": {"zh": self.label_zh, "en": self.label_en},
            "help": {"zh": self.help_zh, "en": self.help_en},
            "min": self.minimum,
            "max": self.maximum,
            "clauses": list(self.clauses),
        }
        if self.choices:
            data["choices"] = [{"value": c.value, "zh": c.zh, "en": c.en} for c in self.choices]
        data.update(self.extra)
        return data

    def parse(self, raw: Any) -> Any:
        """Read one given (non-blank) value, raising ``Invalid`` when it cannot be read."""
        return _READERS[self.kind](self, raw)


def _check_range(f: Field, number: Any) -> None:
    low = f.minimum if f.minimum is not None else float("-inf")
    high = f.maximum if f.maximum is not None else float("inf")
    if not low <= number <= high:
        raise Invalid("out_of_range", low=f.minimum, high=f.maximum)


def _read_integer(f: Field, raw: Any) -> int:
    number = inputs.parse_integer(raw)
    _check_range(f, number)
    return number


def _read_hours(f: Field, raw: Any) -> Decimal:
    number = inputs.parse_decimal(raw)
    _check_range(f, number)
    if inputs.decimal_places(number) > HOURS_DECIMALS:
        raise Invalid("invalid_number")
    return number


def _read_choice(f: Field, raw: Any) -> str:
    text = inputs.normalise(raw).lower() if isinstance(raw, str) else None
    for choice in f.choices:
        if text in (choice.value, choice.zh.lower(), choice.en.lower(), *choice.aliases):
            return choice.value
    raise Invalid(
        "invalid_choice",
        choices_zh="、".join(c.zh for c in f.choices),
        choices_en=", ".join(f"{c.value} ({c.en})" for c in f.choices),
    )


def _read_records(f: Field, raw: Any) -> list[dict[str, Any]]:
    """A list of objects, or its JSON text as a query string carries it."""
    if isinstance(raw, str):
        try:
            raw = json.loads(raw)
        except (ValueError, RecursionError):
            raise Invalid("invalid_list") from None
    if not isinstance(raw, list) or not all(isinstance(item, dict) for item in raw):
        raise Invalid("invalid_list")
    if f.maximum is not None and len(raw) > f.maximum:
        raise Invalid("out_of_range", low=0, high=f.maximum)
    return raw


def _read_text(f: Field, raw: Any) -> str:
    if isinstance(raw, bool) or not isinstance(raw, (str, int, float)):
        raise Invalid("invalid_text")
    try:
        return inputs.normalise(str(raw))
    except ValueError:  # an int past Python's 4,300-digit limit for str()
        raise Invalid("invalid_text") from None


_READERS: dict[str, Callable[[Field, Any], Any]] = {
    "date": lambda f, raw: inputs.parse_date(raw),
    "integer": _read_integer,
    "count": _read_integer,
    "year": _read_integer,
    "years": lambda f, raw: inputs.parse_year_list(raw),
    "hours": _read_hours,
    "choice": _read_choice,
    "boolean": lambda f, raw: inputs.parse_bool(raw),
    "records": _read_records,
    "text": _read_text,
}


def error_for(f: Field, problem: Invalid, prefix: str = "") -> dict[str, Any]:
    """Turn a reading problem into an error that names the field in both languages."""
    params = {"label_zh": f.label_zh, "label_en": f.label_en, **problem.params}
    if problem.code == "out_of_range":
        params.setdefault("low", f.minimum)
        params.setdefault("high", f.maximum)
    if problem.code == "invalid_choice":
        params.setdefault("choices_zh", "是/否")
        params.setdefault("choices_en", "true/false")
    return messages.error(prefix + f.name, problem.code, kind=f.kind, **params)


def read_fields(
    fields: tuple[Field, ...], raw: Mapping[str, Any], prefix: str = ""
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """Read every field of a mapping, collecting every error rather than stopping at one."""
    values: dict[str, Any] = {}
    errors: list[dict[str, Any]] = []
    for f in fields:
        given = raw.get(f.name)
        if inputs.is_blank(given) or (f.kind in ("years", "records") and given == []):
            if f.required:
                errors.append(messages.error(prefix + f.name, "required",
                                             label_zh=f.label_zh, label_en=f.label_en))
            values[f.name] = f.default
            continue
        try:
            values[f.name] = f.parse(given)
        except Invalid as problem:
            errors.append(error_for(f, problem, prefix))
    return values, errors
