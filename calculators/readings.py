"""Readings: what an answer rests on where the notice is silent.

A reading is the site's own way of applying a clause the notice leaves open (how a whole year is
counted, two thirds of what). It is never the notice's rule, and an answer that rests on one says
so: each reading's facts (the notice's words, the site's reading, the other reading) are declared
once, here per calculator, and the answer, the method page, the printed sheet and the roster take
them from that one declaration. Where the other reading would give another verdict, the verdict
line itself says so (``depends_on_reading``), because that line is what a reader acts on.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from .clauses import named
from .wording import pick

# How a qualified verdict and an answer's readings are introduced, in both languages.
OWN = ("按本站的理解", "on this site's reading")
TITLE = ("本答案依据的本站理解", "This answer rests on this site's readings")
ROSTER = ("本站的理解：", "This site's readings:")


@dataclass(frozen=True)
class Reading:
    """One reading of one clause: the notice's words, how the site reads them, the other reading.

    ``other`` is the other reasonable reading as a sentence; ``otherwise`` names it in a verdict line
    (如按整年扣除，{figures}{verdict}), where ``figures`` writes what that reading's ``otherwise``
    holds (计入4年，) and ``verdict`` is the calculator's short verdict (不满足).
    """

    id: str
    clause: str
    short: tuple[str, str]  # the reading in a few words, for a roster's first line
    notice: tuple[str, str]  # the notice's own words, quoted
    site: tuple[str, str]  # the site's reading, as a sentence
    other: tuple[str, str]  # the other reasonable reading, as a sentence
    otherwise: tuple[str, str] = ("", "")
    figures: Callable[[Mapping[str, Any], str], str] = lambda otherwise, lang: ""


_BY_ID: dict[int, dict[str, Reading]] = {}


def _by_id(declared: Sequence[Reading]) -> dict[str, Reading]:
    """A calculator's readings by id, made once per declaration (a module constant): a roster asks for
    them on every row, and hashing the readings themselves would cost more than the row's answer."""
    if id(declared) not in _BY_ID:
        _BY_ID[id(declared)] = {r.id: r for r in declared}
    return _BY_ID[id(declared)]


def used(reading: Reading, otherwise: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """A reading as a result lists it: its id and what the other reading gives (None: not computed)."""
    return {"id": reading.id, "otherwise": dict(otherwise) if otherwise is not None else None}


def _turning(verdict: bool | None, listed: Sequence[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    """The listed readings whose other reading gives another verdict than the answer's own."""
    if verdict is None:
        return []
    return [r for r in listed if r["otherwise"] is not None and r["otherwise"].get("meets") not in (None, verdict)]


def depends(verdict: bool | None, listed: Sequence[Mapping[str, Any]]) -> bool:
    """Whether some listed reading's other verdict differs from the answer's own."""
    return bool(_turning(verdict, listed))


def _otherwise(reading: Reading, otherwise: Mapping[str, Any], short: Mapping[bool, tuple[str, str]],
               lang: str) -> str:
    """What the other reading gives, in the words of a verdict line: 如按整年扣除，计入4年，不满足."""
    return pick(reading.otherwise, lang).format(figures=reading.figures(otherwise, lang),
                                                 verdict=pick(short[bool(otherwise["meets"])], lang))


def verdict_line(words: Mapping[bool, tuple[str, str]], short: Mapping[bool, tuple[str, str]], verdict: bool | None,
                 declared: Sequence[Reading], listed: Sequence[Mapping[str, Any]],
                 bare: Mapping[bool, tuple[str, str]] | None = None) -> dict[str, Any] | None:
    """The verdict an answer states, in both languages (None when it judges nothing), qualified by
    every reading whose other verdict differs: 任职年限已满足要求（按本站的理解；如按整年扣除，计入4年，不满足）.
    ``bare`` is the verdict without a label of its own, for the qualified line to carry the one label."""
    if verdict is None:
        return None
    turning = _turning(verdict, listed)
    if not turning:
        return {"met": verdict, "zh": words[verdict][0], "en": words[verdict][1]}
    by_id = _by_id(declared)
    line: dict[str, Any] = {"met": verdict}
    for index, lang in enumerate(("zh", "en")):
        others = [_otherwise(by_id[r["id"]], r["otherwise"], short, lang) for r in turning]
        plain = (bare or words)[verdict][index]
        line[lang] = (f"{plain}（{OWN[0]}；" + "；".join(others) + "）") if lang == "zh" else (
            f"{plain} ({OWN[1]}; " + "; ".join(others) + ")")
    return line


def _other_outcome(reading: Reading, otherwise: Mapping[str, Any] | None, short: Mapping[bool, tuple[str, str]],
                   lang: str) -> str:
    """What the other reading gives for this answer where it was computed, else the other reading in words."""
    if otherwise is None or otherwise.get("meets") is None or not reading.otherwise[0]:
        return pick(reading.other, lang)
    text = _otherwise(reading, otherwise, short, lang)
    return text + "。" if lang == "zh" else text[:1].upper() + text[1:] + "."


def said(declared: Sequence[Reading], listed: Sequence[Mapping[str, Any]],
         short: Mapping[bool, tuple[str, str]], figures_only: bool = False) -> dict[str, list[str]]:
    """The readings an answer rests on, one line each in both languages: the clause, the reading named
    as this site's, and what the other reading gives (the page, the printed sheet and ``--text``).

    ``figures_only`` keeps the readings that changed this answer's figures (a roster row says those
    in its notes column, and names the others once, in the file's first line)."""
    out: dict[str, list[str]] = {"zh": [], "en": []}
    if figures_only and all(entry["otherwise"] is None for entry in listed):
        return out
    by_id = _by_id(declared)
    for entry in listed:
        reading = by_id[entry["id"]]
        if figures_only and not (entry["otherwise"] is not None and reading.figures(entry["otherwise"], "zh")):
            continue
        for lang in ("zh", "en"):
            clause = named([reading.clause], lang)[0]
            other = _other_outcome(reading, entry["otherwise"], short, lang)
            if lang == "zh":
                out[lang].append(f"{clause}：{reading.short[0]}（本站的理解）。{other}")
            else:
                out[lang].append(f"{clause}: {reading.short[1]} (this site's reading). {other}")
    return out


def short_names(declared: Sequence[Reading], ids: Sequence[str], lang: str) -> str:
    """The readings a roster's rows rest on, in a few words each, for the file's first line."""
    by_id = _by_id(declared)
    sep = pick(("；", "; "), lang)
    return pick((ROSTER[0], ROSTER[1] + " "), lang) + sep.join(pick(by_id[i].short, lang) for i in ids)


def method_items(declared: Sequence[Reading], lang: str) -> list[dict[str, str]]:
    """Every reading of a calculator as its method page lists it: the notice's words, the site's
    reading and the other one."""
    return [{"id": r.id, "clause": r.clause, "short": pick(r.short, lang), "notice": pick(r.notice, lang),
             "site": pick(r.site, lang), "other": pick(r.other, lang)} for r in declared]
