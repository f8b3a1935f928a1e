"""Jinja2 macros of the site (mkdocs-macros): the notice, calculator widgets, glossary and dates.

The page language is read per call from the page being rendered, because
``define_env`` runs before the i18n plugin switches language.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from calculators.wording import join_list  # noqa: E402

from . import faq, open_data, pages, render, training, ui, widgets  # noqa: E402


def define_env(env: Any) -> None:
    """Register the macros; each one renders in the language of the page that calls it."""

    def lang() -> str:
        return getattr(env.page.file, "locale", None) or "zh"

    def root() -> str:
        return widgets.page_root(env.page.url)

    def lang_root() -> str:
        return root() + ("en/" if lang() == "en" else "")

    def public_url() -> str:
        return env.conf["extra"]["public_url"]

    @env.macro
    def notice() -> str:
        """The whole notice in the page's language."""
        return render.notice_markdown(lang(), root(), public_url())

    @env.macro
    def clause_link(clause_id: str, text: str | None = None) -> str:
        """A link to one clause of the notice page in the page's language."""
        return pages.clause_link(clause_id, lang(), lang_root(), text)

    @env.macro
    def calculator(name: str) -> str:
        """A calculator widget rendered from the engine's field metadata."""
        return widgets.calculator_html(name, lang(), root(), env.conf["extra"])

    @env.macro
    def readings(name: str) -> str:
        """The readings a calculator takes where the notice is silent, from its own declaration."""
        return pages.readings_list(name, lang(), lang_root())

    @env.macro
    def batch(name: str) -> str:
        """The CSV batch check of a calculator, run by the same worker as the form."""
        return widgets.batch_html(name, lang(), root(), env.conf["extra"]["xlsx_wheels"])

    @env.macro
    def side_by_side() -> str:
        """Every clause in Chinese and English next to each other."""
        return render.side_by_side_html(lang(), root(), public_url())

    @env.macro
    def data_url(name: str) -> str:
        """The address of a published data file, relative to the page."""
        return f"{root()}data/{name}"

    @env.macro
    def roster_templates() -> str:
        """Links to the Excel template of every calculator with a roster check, in the page's language."""
        return join_list(lang(), (f'<a href="{data_url(f"{name}-template.{lang()}.xlsx")}">{name}-template.{lang()}.xlsx</a>'
                                   for name in open_data.BATCH_CALCULATORS))

    @env.macro
    def calendar_link() -> str:
        """A link to the key dates as an .ics file in the page's language."""
        return f'<a href="{root()}data/key-dates.{lang()}.ics" download>{ui.t("download_ics", lang())}</a>'

    @env.macro
    def glossary() -> str:
        """The glossary table, each term linked to the clauses that use it."""
        return pages.glossary_table(lang(), lang_root())

    @env.macro
    def key_dates() -> str:
        """The dates and deadlines of the notice, each linked to its clause."""
        return pages.key_dates_table(lang(), lang_root())

    @env.macro
    def presenter() -> str:
        """Presenter mode: every clause as a slide, with its citation, address and QR code."""
        return training.presenter_html(lang(), root(), public_url())

    @env.macro
    def handout() -> str:
        """The handout builder and the handout it prints."""
        return training.handout_html(lang(), root(), public_url())

    @env.macro
    def questions() -> str:
        """The common questions, each answered from the notice, with worked examples."""
        return faq.questions_html(lang(), lang_root())

    @env.macro
    def rule(key: str) -> Any:
        """One value of the year's rules table, so that pages never repeat a number."""
        return pages.rule_text(key, lang())
