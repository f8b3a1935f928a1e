"""The built site: the Chinese text verbatim, clause ids in both languages, search, no third-party bytes."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser

import pytest
from conftest import ROOT

from macros.notice import STRUCTURE, clauses, reflow, source_text
from macros.pages import glossary_terms

SITE = ROOT / "site"
CLAUSE_IDS = [line.split("`")[1] for line in (ROOT / "source" / "clauses.md").read_text(encoding="utf-8").splitlines()
              if line.startswith("| `")]


class NoticeText(HTMLParser):
    """Collects the text of elements marked data-source (the notice itself), minus hidden helper text."""

    VOID = {"br", "img", "input", "meta", "link", "hr", "source", "wbr"}

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[tuple[str, bool]] = []
        self.parts: list[str] = []
        self.ids: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.append(attrs["id"])
        if tag in self.VOID:
            return
        inside = bool(self.stack and self.stack[-1][1])
        hidden = "visually-hidden" in (attrs.get("class") or "")
        collecting = (inside or "data-source" in attrs) and not hidden
        self.stack.append((tag, collecting))

    def handle_endtag(self, tag):
        if tag in self.VOID:
            return
        while self.stack:
            if self.stack.pop()[0] == tag:
                break

    def handle_data(self, data):
        if self.stack and self.stack[-1][1]:
            self.parts.append(data)


def parse(path):
    parser = NoticeText()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


@pytest.fixture(scope="module")
def zh():
    return parse(SITE / "notice" / "index.html")


@pytest.fixture(scope="module")
def en():
    return parse(SITE / "en" / "notice" / "index.html")


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_the_build_is_there():
    assert len(list(SITE.rglob("index.html"))) >= 22, "site/ is missing or empty: run make build"


def test_chinese_page_is_the_source_exactly_whitespace_aside(zh):
    assert reflow("".join(zh.parts)) == reflow(source_text())


def test_every_source_sentence_appears_in_order(zh):
    page = reflow("".join(zh.parts))
    sentences = [s for s in re.split(r"(?<=[。；：！？])", reflow(source_text())) if s]
    assert len(sentences) > 60
    position = 0
    for sentence in sentences:
        found = page.find(sentence, position)
        assert found >= 0, sentence
        position = found + len(sentence)



@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_clause_id_exists_once(lang, zh, en):
    ids = (zh if lang == "zh" else en).ids
    assert sorted(CLAUSE_IDS) == sorted({c.id for c in clauses()})
    for clause_id in CLAUSE_IDS:
        assert ids.count(clause_id) == 1, clause_id


def test_structure_covers_every_clause_of_the_spec():
    assert [s[0] for s in STRUCTURE] + ["annex-1", "annex-2", "annex-3"] == CLAUSE_IDS


def test_english_is_complete_and_labelled(en):
    text = " ".join(en.parts)
    for clause in clauses():  # sentence by sentence: tests/test_against_the_notice.py
        assert clause.en or clause.heading_en, clause.id
        for paragraph in clause.en if clause.kind != "annex" else ():
            assert squeeze(paragraph) in squeeze(text), clause.id
    page = (SITE / "en" / "notice" / "index.html").read_text(encoding="utf-8")
    assert "unofficial translation" in page.lower()
    for kept in ("http://rcrs.gzsrs.cn:8888/ips/", "http://www.gzjxjy.gzsrs.cn/", "http://www.ggcjxjy.cn/",
                 "http://www.gzbjyzjxjy.cn/", "黔人社通〔2023〕37号", "Qian Ren She Tong [2023] No. 37", "0857-8222283"):
        assert kept in text, kept


def _words(text, keep_parentheses=False):
    """English reduced for comparison: no hyphens, quotes or articles, plurals singular."""
    text = text.lower() if keep_parentheses else re.sub(r"\s*\([^()]*\)", "", text.lower())
    words = [w for w in re.findall(r"[a-z]+", text) if w not in ("the", "a", "an")]
    return " ".join(re.sub(r"(?<=[^s])s$", "", re.sub(r"ies$", "y", w)) for w in words)


def test_english_follows_the_glossary():
    """Where a clause's Chinese uses a glossary term, its English uses the glossary's English."""
    missing = []
    for term in glossary_terms():
        variants = [re.sub(r"[“”]", "", z.strip()) for z in term["zh"].split(" / ")]
        english = term["en"].split(" / ")
        if len(english) != len(variants):
            english = [term["en"]] * len(variants)
        for clause in clauses():
            if clause.kind == "annex":
                continue
            zh_text = re.sub(r"[“”]", "", "".join(clause.zh))
            en_text = " ".join((clause.heading_en, *clause.en))
            for zh_term, en_term in zip(variants, english, strict=True):
                used = any(_words(en_term, a) in _words(en_text, b) for a in (False, True) for b in (False, True))
                if zh_term in zh_text and not used:
                    missing.append(f"{clause.id}: {zh_term} -> {en_term}")
    assert missing == []


def test_search_index_holds_both_languages():
    index = json.loads((SITE / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert index["config"]["pipeline"] == ["stopWordFilter"]
    separator = re.compile(index["config"]["separator"])
    tokens: dict[str, set[str]] = {}
    for doc in index["docs"]:
        text = re.sub(r"<[^>]+>", " ", doc["title"] + " " + doc["text"])
        for token in separator.split(text.lower()):
            tokens.setdefault(token, set()).add(doc["location"])
    assert "notice/#s4-2" in tokens["继续教育"]
    assert "notice/#s2-3" in tokens["专精特新"]
    assert "notice/#s5-5" in tokens["任职年限"]
    assert "en/notice/#s4-2" in tokens["continuing"]
    assert "en/notice/#s2-3" in tokens["nomination"]
    assert "en/notice/#s5-5" in tokens["cutoff"]


THIRD_PARTY = re.compile(r"""(?:src|href)\s*=\s*["'](?:https?:)?//|url\(\s*["']?(?:https?:)?//|@import\s+["']?(?:https?:)?//""")


def test_no_page_loads_anything_from_elsewhere():
    offenders = []
    for path in SITE.rglob("*"):
        if path.suffix not in (".html", ".css", ".js", ".mjs"):
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        for match in THIRD_PARTY.finditer(text):
            line = text[max(0, match.start() - 80):match.end() + 80]
            if re.search(r"<a\b[^>]*$", text[max(0, match.start() - 400):match.start()]):
                continue  # a link the reader may follow is not a request the page makes
            offenders.append(f"{path.relative_to(SITE)}: {line!r}")
    assert offenders == []


# URLs inside the project's own scripts and styles: a fetch(), import(), new URL(), importScripts or a
# plain string URL to another host is a request the page would make. The theme's vendored bundle
# names CDNs it never calls here (unpkg, jsdelivr), so only our own files are read.
OWN_CODE = sorted(path for pattern in ("*.js", "*.mjs", "*.css") for path in (ROOT / "docs").rglob(pattern)) + sorted(
    (ROOT / "macros" / "templates").glob("*.js"))
ANY_URL = re.compile(r"""(?:fetch|import|importScripts|new\s+URL)\s*\(\s*[`'"](?:https?:)?//|[`'"](?:https?:)?//[\w.-]+""")


def test_own_scripts_and_styles_name_no_other_host():
    assert len(OWN_CODE) >= 5
    offenders = [(path.name, m.group(0)) for path in OWN_CODE
                 for m in ANY_URL.finditer(path.read_text(encoding="utf-8"))]
    assert offenders == []


def test_the_url_scan_sees_urls_in_code():
    code = 'fetch("https://cdn.example/x"); import(`//cdn.example/m.js`); const u = "http://a.example/";'
    assert len(ANY_URL.findall(code)) == 3


def test_no_pyodide_on_pages_without_a_calculator():
    for path in [SITE / "notice" / "index.html", SITE / "en" / "notice" / "index.html", SITE / "index.html"]:
        text = path.read_text(encoding="utf-8")
        assert "assets/js/calculator." not in text and "data-runtime=" not in text


def test_every_data_table_on_every_page_has_a_caption():
    """A screen reader names a table by its caption (the external audit's finding): the templates'
    tables and the Markdown ones, whose caption the build moves in (build_hooks.py)."""
    tables = captioned = 0
    for path in SITE.rglob("*.html"):
        for table in re.findall(r"<table\b[^>]*>\s*(<caption\b[^>]*>\s*[^<\s])?", path.read_text(encoding="utf-8")):
            tables += 1
            captioned += bool(table)
    assert tables >= 14 and captioned == tables
    assert "table-caption" not in (SITE / "developers" / "index.html").read_text(encoding="utf-8")


def test_make_serve_prints_the_addresses_a_phone_can_open_never_0_0_0_0():
    from devkit import addresses
    mine = ["127.0.0.1", "192.168.1.20", "fe80::1%eth0", "fd00::5", "::1"]
    assert addresses.urls("0.0.0.0:8000", mine) == [("http://127.0.0.1:8000/", False), ("http://192.168.1.20:8000/", True)]
    assert addresses.urls("[::]:8000", mine) == [("http://127.0.0.1:8000/", False), ("http://192.168.1.20:8000/", True),
                                                 ("http://[fd00::5]:8000/", True), ("http://[::1]:8000/", False)]
    assert addresses.urls("127.0.0.1:8000") == [("http://127.0.0.1:8000/", False)]
    assert addresses.urls("room.local:8000") == [("http://room.local:8000/", True)]
    assert all("0.0.0.0" not in url for url, _ in addresses.urls("0.0.0.0:8000"))
