"""The training kit as built: slides, handout, printed clause references, common questions, shared
links and the calendar. The QR codes themselves are decoded in Chromium (tests/browser/test_training.py)."""

from __future__ import annotations

import os
import re
from html.parser import HTMLParser
from urllib.parse import parse_qsl, urlsplit

import icalendar
import pytest
from conftest import ROOT

import calculators
from calculators import share
from macros import build_hooks, faq, open_data
from macros.addresses import clause_path, clause_url
from macros.build_hooks import configured_public_url
from macros.notice import by_id, clauses

SITE = ROOT / "site"
IDS = [clause.id for clause in clauses()]
LANGS = {"zh": "", "en": "en/"}
# Where the build says the site is published (SITE_URL, or mkdocs.yml's default): printed addresses and QR codes.
PUBLIC_URL = configured_public_url()


def page(lang: str, path: str) -> str:
    return (SITE / LANGS[lang] / path / "index.html").read_text(encoding="utf-8")


class Scripts(HTMLParser):
    """The page's scripts: inline bodies and the addresses of external ones."""

    def __init__(self) -> None:
        super().__init__()
        self.inline: list[str] = []
        self.external: list[str] = []
        self._open = False

    def handle_starttag(self, tag, attrs):
        if tag == "script":
            src = dict(attrs).get("src")
            self._open = src is None
            if src:
                self.external.append(src)

    def handle_data(self, data):
        if self._open:
            self.inline.append(data)
            self._open = False


def scripts(text: str) -> Scripts:
    parser = Scripts()
    parser.feed(text)
    return parser


# ---- presenter ------------------------------------------------------------------------------
@pytest.mark.parametrize("lang", LANGS)
def test_every_clause_is_a_slide_with_its_citation_address_and_qr_code(lang):
    text = page(lang, "present")
    slides = re.findall(r'<section class="slide" id="([^"]+)" data-slide="\1" hidden', text)
    assert slides == IDS
    for clause_id in IDS:
        slide = text.split(f'data-slide="{clause_id}"')[1].split("</section>")[0]
        assert f">{clause_url(clause_id, lang, PUBLIC_URL)}<" in slide
        assert slide.count('<svg class="qr" role="img"') == 1
        assert 'class="slide-second"' in slide and f'lang="{"en" if lang == "zh" else "zh"}"' in slide


@pytest.mark.parametrize("lang", LANGS)
def test_the_presenter_adds_no_inline_script(lang):
    """The theme's own inline scripts (hashed in the policy) are on every page; the presenter adds none."""
    presenter, notice = scripts(page(lang, "present")), scripts(page(lang, "notice"))
    assert sorted(presenter.inline) == sorted(notice.inline)
    assert any(re.search(r"assets/js/present\.[0-9a-f]{12}\.js$", src) for src in presenter.external)


def test_addresses_point_at_the_published_site():
    assert clause_url("s4-2", "zh", "https://example.org/bijie/") == "https://example.org/bijie/notice/#s4-2"
    assert clause_url("s4-2", "en", "https://example.org/bijie/") == "https://example.org/bijie/en/notice/#s4-2"
    assert build_hooks.public_url("https://example.org/bijie") == "https://example.org/bijie/"
    for wrong in ("", "example.org", "/bijie/", "ftp://example.org/"):
        with pytest.raises(SystemExit):
            build_hooks.public_url(wrong)


# ---- printed notice and handout ------------------------------------------------------------
@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("path", ["notice", "side-by-side"])
def test_each_printed_clause_carries_its_address_and_qr_code(lang, path):
    text = page(lang, path)
    for clause_id in IDS:
        ref = text.split(f'data-print-ref="{clause_id}"')[1].split("</svg>")[0]
        assert f'data-address="{clause_path(clause_id, lang)}">{clause_url(clause_id, lang, PUBLIC_URL)}<' in ref
        assert '<svg class="qr" role="img"' in ref


@pytest.mark.parametrize("lang", LANGS)
def test_the_handout_offers_every_clause_with_both_texts_and_a_qr_code(lang):
    text = page(lang, "handout")
    assert re.findall(r'<input type="checkbox" name="c" value="([^"]+)">', text) == IDS
    for clause in clauses():
        part = text.split(f'data-handout-clause="{clause.id}"')[1].split("</section>")[0]
        assert 'class="handout-zh" lang="zh"' in part and 'class="handout-en" lang="en"' in part
        assert f">{clause_url(clause.id, lang, PUBLIC_URL)}<" in part and '<svg class="qr"' in part
    assert ('id="handout-english" name="en" value="1" checked' in text) is (lang == "en")


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("name", list(calculators.CALCULATORS))
def test_the_answer_sheet_holds_the_full_text_of_every_clause_the_calculator_cites(lang, name):
    text = page(lang, f"calculators/{name.replace('_', '-')}")
    sheet = text.split(f'data-answer-sheet="calc-{name}"')[1].split("</section>")[0]
    for clause_id in calculators.metadata(name)["clauses"]:
        part = sheet.split(f'data-sheet-clause="{clause_id}"')[1].split("</div>")[0]
        plain = re.sub(r"<[^>]+>", "", part)
        assert "".join(by_id()[clause_id].zh)[-30:] in plain.replace("&quot;", '"')
        assert (by_id()[clause_id].en[0][:40] in plain) is (lang == "en")


# ---- common questions ------------------------------------------------------------------------
def test_there_are_ten_to_fifteen_questions_each_in_both_languages():
    questions = faq.questions()
    assert 10 <= len(questions) <= 15
    assert len({q["id"] for q in questions}) == len(questions)
    for question in questions:
        for lang in LANGS:
            assert question["q"][lang].strip() and question["a"][lang].strip()
        assert question["quotes"], question["id"]


@pytest.mark.parametrize("question", faq.questions(), ids=lambda q: q["id"])
def test_every_quote_is_the_notices_own_words(question):
    for quote in question["quotes"]:
        clause = by_id()[quote["clause"]]
        assert quote["zh"] in "".join(clause.zh)
        assert quote["en"] in " ".join(clause.en)


@pytest.mark.parametrize("question", [q for q in faq.questions() if "example" in q], ids=lambda q: q["id"])
def test_every_worked_example_gives_the_verdict_the_answer_states(question):
    example = question["example"]
    answer = calculators.run(example["calculator"], example["inputs"])
    assert answer["ok"], answer
    assert answer["result"].get("meets", answer["result"].get("ok")) is example["expect"]
    assert set(answer["clauses"]) & {quote["clause"] for quote in question["quotes"]}


@pytest.mark.parametrize("lang", LANGS)
def test_the_questions_page_links_each_example_and_cites_existing_clauses(lang):
    text = page(lang, "faq")
    for question in faq.questions():
        assert f'id="{question["id"]}"' in text
    links = re.findall(r'<a href="([^"]+)" data-faq-example>', text)
    assert len(links) == sum("example" in q for q in faq.questions())
    cited = set(re.findall(r'href="[./]*(?:en/)?notice/#([^"]+)"', text))
    assert cited and cited <= set(IDS)


def test_a_shared_link_holds_what_the_page_reads_back():
    inputs = {"enterprise_level": "national", "disqualified": True, "already_nominated": "",
              "nominees": [{"name": "张 三&", "leader_signed": True}], "flag": False, "year": 2023}
    pairs = dict(parse_qsl(share.query(inputs)))
    assert pairs == {"enterprise_level": "national", "disqualified": "true",
                     "nominees": '[{"name":"张 三&","leader_signed":true}]', "year": "2023"}
    link = faq.example_link({"calculator": "ce_hours", "inputs": {"public_hours": 30}}, "../")
    assert urlsplit(link).path == "../calculators/ce-hours/" and urlsplit(link).query == "public_hours=30"


# ---- calendar ----------------------------------------------------------------------------------
@pytest.mark.parametrize("lang", LANGS)
def test_the_calendar_is_written_by_icalendar_and_byte_stable(lang):
    published = (SITE / "data" / f"key-dates.{lang}.ics").read_bytes()
    site_url = os.environ.get("SITE_URL") or None
    assert published == open_data.key_dates_ics(lang, site_url) == open_data.key_dates_ics(lang, site_url)
    assert icalendar.Calendar.from_ical(published).to_ical() == published


@pytest.mark.parametrize("lang", LANGS)
def test_each_key_date_links_back_to_its_clause_where_the_site_is_published(lang):
    public = "https://example.gov.cn/bijie/"
    events = icalendar.Calendar.from_ical(open_data.key_dates_ics(lang, public)).walk("VEVENT")
    assert events and all(str(e["url"]) == clause_url(str(e["x-clause"]), lang, public) for e in events)
    assert all("(s" not in str(e["description"]) and "signature)" not in str(e["description"]) for e in events)
    assert not any("url" in e for e in icalendar.Calendar.from_ical(open_data.key_dates_ics(lang)).walk("VEVENT"))
