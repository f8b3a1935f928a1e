"""The build's HTML templates (macros/templates/*.html) escape what they are given: a label, a help text
or a clause's words that hold markup characters reach the page as text, and only HTML our own code made
(markupsafe.Markup: a clause's text with its links, a QR code) passes as HTML."""

from __future__ import annotations

import jinja2
import pytest
from markupsafe import Markup

from macros import templating, widgets

HOSTILE = '<script>alert("x")</script> & "quoted"'


def test_a_link_text_is_escaped():
    html = str(templating.macros("pages.html").clause_link({"href": "notice/#s4-2", "text": HOSTILE}))
    assert "<script>" not in html and "&lt;script&gt;" in html and "&amp;" in html


def test_a_field_with_markup_in_its_words_is_escaped_in_the_form(monkeypatch):
    real = widgets.calculators.metadata

    def hostile(name):
        meta = real(name)
        field = {**meta["fields"][0], "label": {"zh": HOSTILE, "en": HOSTILE}, "help": {"zh": HOSTILE, "en": HOSTILE}}
        return {**meta, "fields": [field, *meta["fields"][1:]]}

    monkeypatch.setattr(widgets.calculators, "metadata", hostile)
    extra = {"qr_wheel": "q.whl"}
    page = widgets.calculator_html("tenure", "en", "../", extra)
    assert "<script>alert" not in page and page.count("&lt;script&gt;alert") >= 2
    assert 'data-fields="qualified_on,' in page


def test_html_made_by_our_code_passes_as_html():
    text = {"css": "c", "lang": "zh", "heading": "<h>", "unofficial": "",
            "paragraphs": [Markup('<a class="tel" href="tel:08578">0857-8</a>')]}
    html = str(templating.macros("training.html").text(text))
    assert '<a class="tel" href="tel:08578">' in html and "&lt;h&gt;" in html


@pytest.mark.parametrize("name", ["widgets.html", "training.html", "notice.html", "pages.html"])
def test_a_missing_value_is_an_error_not_an_empty_string(name):
    module = templating.macros(name)
    macro = next(getattr(module, attr) for attr in dir(module) if not attr.startswith("_"))
    with pytest.raises(jinja2.UndefinedError):
        str(macro({}))
