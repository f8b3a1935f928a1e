"""Link integrity of the built site: every internal link and anchor resolves, in both languages.

The crawl starts at each language's home page and follows every ``href`` and ``src`` it
finds, so a page nobody links to is not checked, and a link nobody can follow is found.
The only links that leave the site are the provincial platforms the notice names; they
are listed here and must be marked as external on the page.
"""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import PurePosixPath
from urllib.parse import unquote, urljoin, urlsplit

import pytest
from conftest import ROOT

SITE = ROOT / "site"
BASE = "http://site.invalid/"
EXTERNAL = {
    "http://rcrs.gzsrs.cn:8888/ips/",  # 贵州省专业技术人员职称申报评审系统 (s3-3)
    "http://www.gzjxjy.gzsrs.cn/",  # 贵州省专业技术人员继续教育平台 (s4-1)
    "http://www.ggcjxjy.cn/",  # 贵州省公共课程继续教育平台 (s4-1)
    "http://www.gzbjyzjxjy.cn/",  # 毕节市专业技术人员继续教育平台 (s4-1)
}


class Links(HTMLParser):
    """The links, the anchor targets and the external-link markup of one page."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.ids: set[str] = set()
        self.external: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        for key in ("id", "name"):
            if found.get(key) and (key == "id" or tag == "a"):
                self.ids.add(found[key])
        target = found.get("href") if tag in ("a", "link") else found.get("src") if tag in ("script", "img") else None
        if not target or target.startswith(("mailto:", "javascript:", "data:", "tel:")):
            return
        if tag == "link" and found.get("rel") in ("canonical", "alternate") and target.startswith("http"):
            return
        if target.startswith(("http://", "https://")):
            self.external.append((target, found))
        else:
            self.links.append(target)


def file_for(url: str):
    """The file a static host would serve for a URL of the site (directory URLs give index.html)."""
    path = unquote(urlsplit(url).path)[len(urlsplit(BASE).path):]
    target = SITE / PurePosixPath(path)
    if path == "" or path.endswith("/"):
        target = target / "index.html"
    return target


@pytest.fixture(scope="module")
def crawl():
    """Every page reached from both home pages: {url: parsed page}, plus the broken links found."""
    pages: dict[str, Links] = {}
    queue = [BASE, BASE + "en/"]
    seen_targets: list[tuple[str, str]] = []
    while queue:
        url = queue.pop()
        if url in pages:
            continue
        parser = Links()
        parser.feed(file_for(url).read_text(encoding="utf-8"))
        pages[url] = parser
        for link in parser.links:
            target = urljoin(url, link)
            seen_targets.append((url, target))
            page = target.split("#")[0].split("?")[0]
            if file_for(page).suffix == ".html" and file_for(page).exists() and page not in pages:
                queue.append(page)
    return pages, seen_targets


def test_both_languages_are_crawled(crawl):
    pages, _ = crawl
    urls = set(pages)
    for path in ("", "notice/", "calculators/tenure/", "calculators/ce-hours/", "calculators/quota/",
                 "key-dates/", "glossary/", "about/"):
        assert BASE + path in urls and BASE + "en/" + path in urls


def test_no_broken_internal_link_or_anchor(crawl):
    pages, targets = crawl
    broken = []
    for source, target in targets:
        page, _, anchor = target.partition("#")
        page = page.split("?")[0]
        if not file_for(page).exists():
            broken.append((source, target, "no such file"))
        elif anchor and file_for(page).suffix == ".html":
            ids = pages[page].ids if page in pages else set()
            if unquote(anchor) not in ids:
                broken.append((source, target, "no such anchor"))
    assert broken == []


def test_external_links_are_the_named_platforms_and_marked(crawl):
    pages, _ = crawl
    found = {href for page in pages.values() for href, _ in page.external}
    assert found == EXTERNAL
    for page in pages.values():
        for href, attrs in page.external:
            assert "external" in (attrs.get("class") or "").split(), href
            assert "noopener" in (attrs.get("rel") or ""), href
