"""Search finds the notice's own words: every word and phrase of every clause, as a reader would type it,
in both languages, finds the clause that holds it. The words come from the notice's text (notice.json, cut
by jieba as the index is), not from a list; the queries go to the site's own search worker, the theme's
behind ours, with the index the site serves. Typing into the page's box is tested in test_notice.py."""

from __future__ import annotations

import json
import re

import jieba
from conftest import SITE
from playwright.sync_api import Page, expect

NOTICE = json.loads((SITE / "data" / "notice.json").read_text(encoding="utf-8"))
WORKERS = SITE / "assets" / "javascripts" / "workers"
STOP_ZH = set(re.search(r'generateStopWordFilter\("([^"]*)"', (SITE / "assets/javascripts/lunr/min/lunr.zh.min.js")
                        .read_text(encoding="utf-8"))[1].split())
PUNCTUATION = r"[\s，。；：、！？（）()“”‘’《》〔〕【】…—\-/·,.;:]+"

# The site's search worker, set up as the theme sets it up, with the index the site serves.
SETUP = """async ({ worker }) => {
  const index = await (await fetch("search/search_index.json")).json();
  window.__search = new Worker(worker);
  await new Promise((resolve) => {
    window.__search.onmessage = ({ data }) => { if (data.type === 1) resolve(); };
    window.__search.postMessage({ type: 0, data: { ...index, options: { suggest: false } } });
  });
}"""
# Each query in turn; what each found: location, title and text of every result.
QUERY = """async (queries) => {
  const found = [];
  for (const query of queries) {
    found.push(await new Promise((resolve) => {
      window.__search.onmessage = ({ data }) => {
        if (data.type === 3) resolve(data.data.items.flat().map((item) => [item.location, item.title, item.text]));
      };
      window.__search.postMessage({ type: 2, data: query });
    }));
  }
  return found;
}"""


def worker_url() -> str:
    return "assets/javascripts/workers/" + next(WORKERS.glob("search-deferred.*.js")).name


def searcher(page: Page, site_url: str):
    page.goto(site_url)
    page.evaluate(SETUP, {"worker": worker_url()})
    return lambda queries: page.evaluate(QUERY, queries)


def clause_texts(lang: str) -> dict[str, str]:
    """Each clause's text (a part's English is its heading)."""
    joiner = "" if lang == "zh" else " "
    return {c["id"]: joiner.join(c["text"][lang]) or c["heading"][lang] for c in NOTICE["clauses"]}


def chinese(text: str) -> bool:
    return all("\u4e00" <= ch <= "\u9fff" for ch in text)


def chinese_queries() -> dict[str, set[str]]:
    """Each word of each clause (as the index cuts it) and each stretch between punctuation marks, with the
    clauses that hold it."""
    jieba.load_userdict(str(SITE.parent / "source" / "jieba_user_dict.txt"))
    wanted: dict[str, set[str]] = {}
    for clause, text in clause_texts("zh").items():
        stretches = [s for s in re.split(PUNCTUATION, text) if 2 <= len(s) <= 16 and chinese(s)]
        words = [w for w in jieba.cut(text) if chinese(w) and not all(ch in STOP_ZH for ch in w)]
        for query in {*words, *stretches}:
            wanted.setdefault(query, set()).add(clause)
    return wanted


def homes(prefix: str) -> dict[str, str]:
    """Where the index holds each clause: its own section, or the part of the page around it (the title and
    the preamble at the page's top, the closing and the signature with the annexes)."""
    index = json.loads((SITE / "search" / "search_index.json").read_text(encoding="utf-8"))
    sections = {doc["location"]: re.sub(r"<[^>]*>|\u200b|\s", "", doc["title"] + doc["text"])
                for doc in index["docs"] if doc["location"].startswith(f"{prefix}notice/")}
    lang = "en" if prefix else "zh"
    found = {}
    for clause, text in clause_texts(lang).items():
        start = re.sub(r"\s", "", text)[:24]
        found[clause] = next(location for location, held in sections.items() if start in held)
    return found


def missing(found: list[list[list[str]]], wanted: dict[str, set[str]], prefix: str) -> list[str]:
    home = homes(prefix)
    return [f"{query} → {sorted(clauses)}" for (query, clauses), hits in zip(wanted.items(), found, strict=True)
            if not {home[c] for c in clauses} <= {location for location, _, _ in hits}]


def test_every_chinese_word_and_phrase_of_the_notice_finds_its_clause(page, site_url, requests_seen):
    wanted = chinese_queries()
    ask = searcher(page, site_url)
    found = ask(list(wanted))
    assert missing(found, wanted, "") == []
    typed = {"不合格": "s5-5", "“不合格”": "s5-5", '"不合格"': "s5-5", "不计入任职年限": "s5-5", "科目": "s4-2"}
    for (query, clause), hits in zip(typed.items(), ask(list(typed)), strict=True):
        assert f"notice/#{clause}" in {location for location, _, _ in hits}, query
        assert not any("\u200b" in (title or "") + (text or "") for _, title, text in hits)


def test_every_english_word_of_the_notice_finds_its_clause(page, site_url, requests_seen):
    stop = set(re.search(r'generateStopWordFilter\(\["([^\]]*)"\]', next(WORKERS.glob("search.*.min.js"))
                         .read_text(encoding="utf-8"))[1].split('","'))
    wanted: dict[str, set[str]] = {}
    for clause, text in clause_texts("en").items():
        for word in re.findall(r"[A-Za-z]+(?:['’][a-z]+)?", text):
            if word.lower() not in stop and len(word) > 1:
                wanted.setdefault(word.lower(), set()).add(clause)
    found = searcher(page, site_url)(list(wanted))
    lost = missing(found, wanted, "en/")
    assert lost == [], "\n".join(lost)


def test_text_pasted_into_the_search_box_searches_without_a_key(page, site_url, requests_seen):
    page.goto(site_url)
    page.wait_for_load_state("networkidle")
    box = page.locator("input.md-search__input")
    box.focus()
    box.fill("不合格")  # an input event and no key, as a phone's paste gives
    result = page.locator(".md-search-result__list a[href*='/notice/'][href$='#s5-5']").first
    expect(result).to_be_attached(timeout=15_000)


# Queries typed faster than the index is built (a busy phone): each letter's query reaches the worker before
# the index exists, then a marker query once the first answer is in.
TYPED_FAST = """async ({ worker, queries }) => {
  const index = await (await fetch("search/search_index.json")).json();
  const search = new Worker(worker);
  const answers = [];
  let heard;
  search.onmessage = ({ data }) => {
    if (data.type === 3) answers.push(data.data.items.flat().map((item) => item.location));
    if (data.type === 1 || data.type === 3) heard?.(data);
  };
  const next = () => new Promise((resolve) => { heard = resolve; });
  let ready = next();
  search.postMessage({ type: 0, data: { ...index, options: { suggest: false } } });
  await ready;
  const first = next();
  for (const query of queries) search.postMessage({ type: 2, data: query });
  await first;
  const marker = new Promise((resolve) => {
    const check = () => (answers.at(-1)?.length === 0 ? resolve() : (heard = check));
    heard = check;
  });
  search.postMessage({ type: 2, data: "zzzzqqqq" });
  await marker;
  const typed = answers.slice(0, -1);
  const alone = next();
  search.postMessage({ type: 2, data: queries.at(-1) });
  return { typed, alone: (await alone).data.items.flat().map((item) => item.location) };
}"""


def test_what_is_typed_while_the_index_is_built_is_answered_for_the_last_letter(page: Page, site_url):
    """A query for each letter as a reader types, all before the index is built: the answer shown last is
    the full query's, never an earlier letter's."""
    page.goto(site_url)
    typed = ["c", "co", "con", "continuing", "continuing education"]
    found = page.evaluate(TYPED_FAST, {"worker": worker_url(), "queries": typed})
    assert found["typed"] and found["typed"][-1] == found["alone"] and found["alone"]
