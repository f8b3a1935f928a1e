"""What a page says of itself to search engines, home screens and validators: its own description in its
own language, the site's icons and manifest, focusable scrolling code, and inline scripts hashed alike."""

from __future__ import annotations

import html
import io
import json
import os
import re
from pathlib import Path

from conftest import ROOT
from PIL import Image

from macros import build_hooks, headers, icons

SITE = ROOT / "site"
PREFIX = build_hooks.site_prefix(os.environ.get("SITE_URL"))  # the not-found pages' links start with it
PAGES = sorted(SITE.rglob("*.html"))
CJK = re.compile(r"[\u4e00-\u9fff]")


def language(page: Path) -> str:
    return "en" if page.relative_to(SITE).parts[0] == "en" else "zh"


def descriptions(page: Path) -> list[str]:
    return [html.unescape(d) for d in re.findall(r'<meta name="description" content="([^"]*)">', page.read_text(encoding="utf-8"))]


def test_every_page_has_a_description_of_its_own_in_its_own_language():
    seen: dict[str, Path] = {}
    for page in PAGES:
        [description] = descriptions(page)
        assert description not in seen, (page, seen.get(description))
        seen[description] = page
        assert bool(CJK.search(description)) == (language(page) == "zh"), page
        assert 30 <= len(description) <= 200 if language(page) == "en" else 20 <= len(description) <= 90, page
    assert len(seen) == len(PAGES) >= 30


def test_every_page_names_the_sites_own_icons_and_its_languages_manifest():
    for page in PAGES:
        text = page.read_text(encoding="utf-8")
        linked = dict(re.findall(r'<link rel="(icon|apple-touch-icon|manifest)" href="([^"]+)"', text))
        assert set(linked) == {"icon", "apple-touch-icon", "manifest"}, page
        targets = {}
        for rel, href in re.findall(r'<link rel="(icon|apple-touch-icon|manifest)" href="([^"]+)"', text):
            target = (page.parent / href).resolve() if not href.startswith("/") else SITE / href.removeprefix(PREFIX)
            assert target.is_file(), (page, rel, href)
            targets[rel] = target.relative_to(SITE.resolve()).as_posix()
        assert targets["manifest"] == ("en/" if language(page) == "en" else "") + "manifest.webmanifest", page
        assert f'<meta name="theme-color" content="{icons.RED}">' in text
    assert not (SITE / "assets" / "images" / "favicon.png").exists(), "the theme's own favicon is still shipped"


def test_the_icons_are_the_sizes_they_say_and_home_screen_icons_fill_their_square():
    for name, (pixels, rounded) in icons.PNGS.items():
        image = Image.open(io.BytesIO((SITE / icons.FOLDER / name).read_bytes()))
        assert image.size == (pixels, pixels), name
        corner = image.convert("RGBA").getpixel((0, 0))
        assert (corner[3] < 32) == rounded, name  # a home screen shows transparency as black
        assert min(image.convert("RGB").getpixel((pixels // 2, pixels // 4 + 1))) > 240, name  # the white page
    assert (SITE / icons.FOLDER / "icon.svg").read_text(encoding="utf-8").startswith('<svg xmlns="http://www.w3.org/2000/svg"')


def test_each_languages_manifest_names_the_site_in_it_and_its_icons_exist():
    for lang, path in (("zh", SITE / "manifest.webmanifest"), ("en", SITE / "en" / "manifest.webmanifest")):
        manifest = json.loads(path.read_text(encoding="utf-8"))
        assert manifest["lang"] == lang and bool(CJK.search(manifest["name"])) == (lang == "zh")
        assert (path.parent / manifest["start_url"]).resolve() == path.parent.resolve()
        assert (path.parent / manifest["scope"]).resolve() == SITE.resolve()
        for icon in manifest["icons"]:
            assert (path.parent / icon["src"]).resolve().is_file(), icon
        purposes = {icon["purpose"] for icon in manifest["icons"]}
        assert purposes == {"any", "maskable"}


def test_the_icons_red_is_the_sites_own():
    css = (ROOT / "docs" / "assets" / "css" / "site.css").read_text(encoding="utf-8")
    assert f"--md-primary-fg-color: {icons.RED};" in css


def test_the_icons_page_sits_inside_the_circle_every_home_screen_crop_keeps():
    """A maskable icon's safe zone: a circle of 40% of the width around the centre."""
    centre = icons.UNITS / 2
    for x, y in icons.PAGE:
        assert ((x - centre) ** 2 + (y - centre) ** 2) ** 0.5 <= 0.4 * icons.UNITS, (x, y)


def test_a_wide_code_block_scrolls_from_the_keyboard():
    """The theme scrolls a code block's <code>, not its <pre>: the element that scrolls takes the focus."""
    blocks = 0
    for page in PAGES:
        text = page.read_text(encoding="utf-8")
        assert "<pre tabindex" not in text, page
        for block in re.findall(r"<pre>(?:<span></span>)?<code[^>]*>", text):
            assert 'tabindex="0"' in block, (page, block)
            blocks += 1
    assert blocks >= 3


def test_no_inline_script_ends_in_a_line_break():
    """Validators (vnu) trim it before hashing: the policy's hash must be of the bytes all of them see."""
    for page in PAGES:
        for body in headers.inline_scripts(page.read_text(encoding="utf-8")):
            assert not body.endswith("\n"), page
