"""The common questions (source/faq.yml): each answered from a quoted clause, with a worked example
that is a calculator's shared link and answers by itself when opened."""

from __future__ import annotations

import functools
from typing import Any

import yaml

import calculators
from calculators import share

from .notice import SOURCE
from .pages import PAGES, link_to, short_label
from .templating import Words

CALCULATOR_PAGES = {name: calc.page for name, calc in calculators.CALCULATORS.items()}


@functools.cache
def questions() -> tuple[dict[str, Any], ...]:
    """The questions as source/faq.yml holds them."""
    return tuple(yaml.safe_load((SOURCE / "faq.yml").read_text(encoding="utf-8")))


def example_link(example: dict[str, Any], lang_root: str) -> str:
    """The shared link of a worked example: the calculator page with the example's inputs."""
    return f"{lang_root}calculators/{CALCULATOR_PAGES[example['calculator']]}/?{share.query(example['inputs'])}"


def questions_html(lang: str, lang_root: str) -> str:
    """Every question as a heading with its anchor, the quoted clauses, the answer and the worked example."""
    blocks = []
    for number, entry in enumerate(questions(), start=1):
        example = entry.get("example")
        blocks.append(str(PAGES.question({
            "id": entry["id"], "number": number, "lang": lang, "t": Words(lang), "question": entry["q"][lang],
            "answer": entry["a"][lang],
            "quotes": [{"text": quote[lang], "link": link_to(quote["clause"], lang, lang_root,
                                                             short_label(quote["clause"], lang))}
                       for quote in entry["quotes"]],
            "example": {"href": example_link(example, lang_root), "text": example[lang]} if example else None})))
    return "\n".join(blocks)
