"""The build's HTML templates (macros/templates/*.html): Jinja with autoescape, so that no text reaches
a page unescaped unless it is marked as HTML made by our own code (markupsafe.Markup)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import jinja2

from .ui import t

FOLDER = Path(__file__).resolve().parent / "templates"
ENVIRONMENT = jinja2.Environment(loader=jinja2.FileSystemLoader(FOLDER), autoescape=True,
                                 undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)


def macros(name: str) -> Any:
    """The macros of a template file, each called with one dictionary (its view) and giving back HTML."""
    return ENVIRONMENT.get_template(name).module


class Words(dict):
    """The interface words a template asks for by key (w.t.calculate), in one language."""

    def __init__(self, lang: str) -> None:
        super().__init__()
        self.lang = lang

    def __getattr__(self, key: str) -> str:
        return t(key, self.lang)


def data_words(keys: tuple[str, ...], lang: str) -> list[tuple[str, str]]:
    """Interface words the page's scripts show, as (data-msg-… attribute name, words) in one language."""
    return [(key.replace("_", "-"), t(key, lang)) for key in keys]
