"""Plain JSON data from the values the calculators compute with."""

from __future__ import annotations

import datetime as _dt
from decimal import Decimal
from typing import Any

_PLAIN = frozenset({str, int, float, bool, type(None)})


def to_json(value: Any) -> Any:
    """Dates as ISO text, decimals as numbers, tuples as lists, recursively.

    By exact type first: a roster of a hundred thousand rows calls this some thirty times a row."""
    kind = type(value)
    if kind in _PLAIN:
        return value
    if kind is dict:
        return {key: to_json(item) for key, item in value.items()}
    if kind is list or kind is tuple:
        return [to_json(item) for item in value]
    if kind is _dt.date:
        return value.isoformat()
    if kind is Decimal:
        return float(value)
    if isinstance(value, (str, int, float)):
        return value
    if isinstance(value, _dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, (list, tuple)):
        return [to_json(item) for item in value]
    if isinstance(value, dict):
        return {key: to_json(item) for key, item in value.items()}
    return value
