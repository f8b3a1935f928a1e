"""Reading raw input as people type it: forms send strings, JSON sends numbers.

Everything is normalised with NFKC first, so full-width digits and punctuation
(``２０１８－１２－３１``) read like their ASCII forms. Hours are ``Decimal`` so that
``0.1 + 0.2`` hours is exactly 0.3 hours.
"""

from __future__ import annotations

import datetime as _dt
import math
import re
import unicodedata
from decimal import Decimal, InvalidOperation
from typing import Any

YEAR_MIN = 1949
YEAR_MAX = 2100

_DATE_FORMS = (
    re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})"),
    re.compile(r"(\d{4})/(\d{1,2})/(\d{1,2})"),
    re.compile(r"(\d{4})\.(\d{1,2})\.(\d{1,2})"),
    re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日?"),
)
_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)")
_YEAR_SUFFIX = re.compile(r"(年度|年)$")
_LIST_SEPARATORS = re.compile(r"[,，、;；\s]+")
_INTEGER_DIGITS_MAX = 18
# The words a checkbox's value reads as ticked: the page's form reads a shared link with the same words.
TRUE_WORDS = ("true", "1", "on", "yes", "y", "是")
_TRUE = frozenset(TRUE_WORDS)
_FALSE = {"false", "0", "off", "no", "n", "否", ""}


class Invalid(Exception):
    """A value that cannot be read; caught by the field layer and turned into an error."""

    def __init__(self, code: str, **params: Any) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


def is_blank(raw: Any) -> bool:
    """Whether a raw value means "not given" (absent, null or an empty string)."""
    return raw is None or (isinstance(raw, str) and normalise(raw) == "")


def normalise(text: str) -> str:
    """Fold full-width forms to ASCII and drop surrounding space (ASCII is already folded)."""
    return text.strip() if text.isascii() else unicodedata.normalize("NFKC", text).strip()


def parse_date(raw: Any) -> _dt.date:
    """A calendar date in any of the forms of the contract."""
    if not isinstance(raw, str):
        raise Invalid("invalid_date")
    text = normalise(raw)
    for form in _DATE_FORMS:
        match = form.fullmatch(text)
        if match:
            year, month, day = (int(part) for part in match.groups())
            if not YEAR_MIN <= year <= YEAR_MAX:
                raise Invalid("out_of_range", low=YEAR_MIN, high=YEAR_MAX)
            try:
                return _dt.date(year, month, day)
            except ValueError:
                raise Invalid("invalid_date") from None
    raise Invalid("invalid_date")


def parse_decimal(raw: Any) -> Decimal:
    """A finite number, read exactly (JSON floats through their shortest repr); ``-0`` is 0."""
    number = _decimal(raw)
    return number.copy_abs() if number.is_zero() else number


def _decimal(raw: Any) -> Decimal:
    if isinstance(raw, bool):
        raise Invalid("invalid_number")
    if isinstance(raw, int):
        return Decimal(raw)
    if isinstance(raw, float):
        if math.isnan(raw):
            raise Invalid("invalid_number")
        if math.isinf(raw):
            raise Invalid("out_of_range")
        return Decimal(repr(raw))
    if not isinstance(raw, str):
        raise Invalid("invalid_number")
    text = normalise(raw).replace("。", ".")  # NFKC leaves the ideographic full stop alone
    if not _NUMBER.fullmatch(text):
        lowered = text.lower().lstrip("+-")
        if lowered in {"inf", "infinity", "∞"}:
            raise Invalid("out_of_range")
        raise Invalid("invalid_number")
    try:
        return Decimal(text)
    except InvalidOperation:
        raise Invalid("invalid_number") from None


def decimal_places(number: Decimal) -> int:
    """How many digits the number has after the decimal point, trailing zeros aside."""
    exponent = number.normalize().as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


def parse_integer(raw: Any) -> int:
    """A whole number; ``5.0`` is 5, ``5.5`` is ``not_integer``.

    A number of more than 18 digits is out of every field's range; it is refused
    before ``int()``, whose cost grows with the square of the digits.
    """
    if isinstance(raw, str):
        raw = _YEAR_SUFFIX.sub("", normalise(raw))
    number = parse_decimal(raw)
    if number.adjusted() > _INTEGER_DIGITS_MAX:
        raise Invalid("out_of_range")
    if number != number.to_integral_value():
        raise Invalid("not_integer")
    return int(number)


def parse_year_list(raw: Any) -> list[int]:
    """Years as a JSON list or one string split on commas, 、, semicolons or spaces."""
    if isinstance(raw, str):
        items: list[Any] = [part for part in _LIST_SEPARATORS.split(normalise(raw)) if part]
    elif isinstance(raw, (list, tuple)):
        items = list(raw)
    elif isinstance(raw, int) and not isinstance(raw, bool):
        items = [raw]
    else:
        raise Invalid("invalid_list")
    years = []
    for item in items:
        try:
            year = parse_integer(item)
        except Invalid as problem:
            if problem.code == "out_of_range":
                raise Invalid("out_of_range", low=YEAR_MIN, high=YEAR_MAX) from None
            raise
        if not YEAR_MIN <= year <= YEAR_MAX:
            raise Invalid("out_of_range", low=YEAR_MIN, high=YEAR_MAX)
        years.append(year)
    return years


def parse_bool(raw: Any) -> bool:
    """A checkbox: JSON booleans, 0/1, or the words a form or a person sends."""
    if isinstance(raw, bool):
        return raw
    if isinstance(raw, int) and raw in (0, 1):
        return bool(raw)
    if isinstance(raw, str):
        text = normalise(raw).lower()
        if text in _TRUE:
            return True
        if text in _FALSE:
            return False
    raise Invalid("invalid_choice")
