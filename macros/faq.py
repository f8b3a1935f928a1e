"""The common questions (source/faq.yml): each answered from a quoted clause, with a worked example
that is a calculator's shared link and answers by itself when opened."""

from __future__ import annotations

import functools
import html
from typing import Any

import yaml

import calculators
from calculators import share

from .notice import SOURCE
from .pages import clause_link, short_label
from .ui import t

CALCULATOR_PAGES = {name: module.PAGE for name, module in calculators.CALCULATORS.items()}


@functools.cache
def questions() -> tuple[dict[str, Any], ...]:
    """The questions as source/faq.yml holds them."""
    return tuple(yaml.safe_load((SOURCE / "faq.yml").read_text(encoding="utf-8")))


def example_link(example: dict[str, Any], lang_root: str) -> str:
    """The shared link of a worked example: the calculator page with the example's inputs."""
    return f"{lang_root}calculators/{CALCULATOR_PAGES[example['calculator']]}/?{share.query(example['inputs'])}"


def _quote(quote: dict[str, str], lang: str, lang_root: str) -> str:
    source = clause_link(quote["clause"], lang, lang_root, short_label(quote["clause"], lang))
    return (f'<blockquote class="faq-quote"><p lang="{lang}">{html.escape(quote[lang])}</p>'
            f'<p class="faq-source">— {source}</p></blockquote>')


def questions_html(lang: str, lang_root: str) -> str:
    """Every question as a heading with its anchor, the quoted clauses, the answer and the worked example."""
    blocks = []
    for number, entry in enumerate(questions(), start=1):
        quotes = "".join(_quote(quote, lang, lang_root) for quote in entry["quotes"])
        example = entry.get("example")
        worked = ""
        if example:
            worked = (f'<p class="faq-example">{t("faq_example", lang)} '
                      f'<a href="{html.escape(example_link(example, lang_root))}" data-faq-example>'
                      f'{html.escape(example[lang])}</a></p>')
        blocks.append(f'<section class="faq" id="{entry["id"]}" data-question="{entry["id"]}">'
                      f'<h2>{number}. {html.escape(entry["q"][lang])}</h2>{quotes}'
                      f'<p class="faq-answer">{html.escape(entry["a"][lang])}</p>{worked}</section>')
    return "\n".join(blocks)
