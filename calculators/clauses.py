"""How the notice itself names the clauses the calculators rest on (source/clauses.md): 第五部分第（五）项
in Chinese, Part V(5) in English. A reader sees these names; ids (s5-5) stay in addresses. A test holds
this table to the notice's own labels."""

from __future__ import annotations

from .wording import join_list, pick

NAMES: dict[str, tuple[str, str]] = {
    "s2-3": ("第二部分第（三）项", "Part II(3)"),
    "s4-1": ("第四部分第（一）项", "Part IV(1)"),
    "s4-2": ("第四部分第（二）项", "Part IV(2)"),
    "s5-5": ("第五部分第（五）项", "Part V(5)"),
}


def name(clause_id: str, lang: str) -> str:
    """One clause as the notice names it, for a sentence: 第四部分第（二）项 / Part IV(2)."""
    return pick(NAMES[clause_id], lang)


def named(ids: list[str], lang: str) -> list[str]:
    """The clauses as the notice names them in one language (an id the table lacks stays an id)."""
    return [pick(NAMES[i], lang) if i in NAMES else i for i in ids]


# What the line naming an answer's clauses starts with: on the page (macros/ui.py takes it from here), in
# a transcript and in a roster's result file alike.
CITED = ("依据条款：", "Clauses relied on:")


def cited(ids: list[str], lang: str) -> str:
    """The line an answer ends with in plain text: 依据条款：第五部分第（五）项 / Clauses relied on: Part V(5)."""
    label = pick((CITED[0], CITED[1] + " "), lang)
    return label + join_list(lang, named(ids, lang))
