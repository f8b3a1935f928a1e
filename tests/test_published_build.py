"""What a build knows of its published address (SITE_URL): with it, a sitemap of real addresses with
both languages as alternates, robots.txt naming it, canonical links, and printed codes for it; without it
(the build the other tests read), no sitemap at all rather than one of "None…" addresses. Neither brings
back the theme's language redirect, which a <link rel="alternate"> in the head would."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT

SITE = ROOT / "site"
PUBLISHED = "https://example.org/bijie/"


@pytest.fixture(scope="module")
def published(tmp_path_factory) -> Path:
    target = tmp_path_factory.mktemp("published") / "site"
    env = {**os.environ, "SITE_URL": PUBLISHED, "NO_MKDOCS_2_WARNING": "1"}
    subprocess.run([str(Path(sys.executable).parent / "mkdocs"), "build", "--strict", "--quiet", "-d", str(target)],
                   cwd=ROOT, env=env, check=True, timeout=600)
    return target


def test_the_build_under_test_has_a_sitemap_only_if_it_was_told_its_address():
    """make test builds without SITE_URL here; the GitHub workflow builds with its Pages address."""
    told = os.environ.get("SITE_URL")
    robots = (SITE / "robots.txt").read_text(encoding="utf-8")
    if not told:
        assert not (SITE / "sitemap.xml").exists() and not (SITE / "sitemap.xml.gz").exists()
        assert robots == "User-agent: *\nAllow: /\n"
    else:
        locations = re.findall(r"<loc>([^<]+)</loc>", (SITE / "sitemap.xml").read_text(encoding="utf-8"))
        assert locations and all(location.startswith(told) for location in locations)
        assert "Sitemap: " in robots


def test_with_an_address_the_sitemap_lists_every_page_there_in_both_languages(published):
    sitemap = (published / "sitemap.xml").read_text(encoding="utf-8")
    locations = re.findall(r"<loc>([^<]+)</loc>", sitemap)
    pages = sorted(path for path in published.rglob("index.html"))
    assert len(locations) == len(pages) == 28
    assert all(location.startswith(PUBLISHED) for location in locations)
    assert f'hreflang="en" href="{PUBLISHED}en/notice/"' in sitemap and f'hreflang="zh" href="{PUBLISHED}notice/"' in sitemap
    assert (published / "robots.txt").read_text(encoding="utf-8").endswith(f"Sitemap: {PUBLISHED}sitemap.xml\n")


def test_with_an_address_pages_are_canonical_and_printed_codes_point_there(published):
    notice = (published / "en" / "notice" / "index.html").read_text(encoding="utf-8")
    assert f'<link rel="canonical" href="{PUBLISHED}en/notice/">' in notice
    assert f'data-address="en/notice/#s4-2">{PUBLISHED}en/notice/#s4-2<' in notice
    for page in published.rglob("*.html"):
        assert '<link rel="alternate"' not in page.read_text(encoding="utf-8"), page


def test_each_language_has_its_own_not_found_page():
    chinese, english = (SITE / "404.html").read_text(encoding="utf-8"), (SITE / "en" / "404.html").read_text(encoding="utf-8")
    assert '<html lang="zh"' in chinese and "找不到该页面" in chinese and "Page not found" not in chinese
    assert '<html lang="en"' in english and "Page not found" in english and "找不到该页面" not in english
