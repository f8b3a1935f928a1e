"""The two shapes every calculator returns: an accepted answer or a rejection."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from . import messages
from .fields import Field, read_fields
from .jsonable import to_json


def rejected(name: str, errors: list[dict[str, Any]]) -> dict[str, Any]:
    """The answer to input that could not be used, with every problem found."""
    return {"ok": False, "calculator": name, "errors": errors}


def accepted(
    name: str,
    values: Mapping[str, Any],
    result: Mapping[str, Any],
    clauses: list[str],
    explanation: tuple[list[str], list[str]],
    notes: list[dict[str, str]],
) -> dict[str, Any]:
    """The answer to usable input: the figures, why, on which clauses they rest.

    ``verdict`` (the headline in both languages with the value it states; None: nothing is judged)
    and ``rests_on`` (the site's readings in words) are filled by the registry from the calculator's
    declaration (``Calculator.answer``): the page, the transcript and a roster show them as they are,
    so that none of them decides which result key is the verdict."""
    return {
        "ok": True,
        "calculator": name,
        "inputs": to_json(dict(values)),
        # The readings are JSON already; converting them again would cost a roster a tenth of its time.
        "result": {key: item if key == "readings" else to_json(item) for key, item in result.items()},
        "clauses": clauses,
        "verdict": None,
        "explanation": {"zh": explanation[0], "en": explanation[1]},
        "rests_on": {"zh": [], "en": []},
        "notes": notes,
    }


def read_input(
    fields: tuple[Field, ...], raw: Any
) -> tuple[dict[str, Any], list[dict[str, Any]], list[dict[str, str]]]:
    """Read a whole input object: the values, the errors, and a note on unknown fields."""
    if not isinstance(raw, Mapping):
        return {}, [messages.error(None, "invalid_input")], []
    values, errors = read_fields(fields, raw)
    known = {f.name for f in fields}
    unknown = sorted(str(key) for key in raw if key not in known)
    notes = [messages.note("unknown_field", fields=", ".join(unknown))] if unknown else []
    return values, errors, notes
