"""The site's own icon, drawn once as shapes and written two ways: SVG for the browsers that take it (the
favicon), PNG for those that do not and for home screens (the touch icon and the manifest's icons).

A page of the notice, white on the site's red. Home screens crop an icon to their own shape, so those
copies fill the whole square (no rounded corners of ours) and keep the page inside the middle circle
that every crop leaves whole (the "maskable" safe zone: 80% of the width).
"""

from __future__ import annotations

import io
import json
from pathlib import Path

from PIL import Image, ImageColor, ImageDraw

from macros.ui import t

RED = "#8c1c13"  # the site's primary colour (site.css --md-primary-fg-color; a test holds them equal)
FOLD = "#e3c4c0"
WHITE = "#ffffff"
UNITS = 64  # the drawing's own square
CORNER = 12  # the favicon's rounded corner (home screens round their own)
PAGE = [(20, 12), (37, 12), (44, 19), (44, 52), (20, 52)]
FOLDED = [(37, 12), (37, 19), (44, 19)]
LINES = [((25, 28), (39, 28)), ((25, 35), (39, 35)), ((25, 42), (33, 42))]
LINE_WIDTH = 3
FOLDER = "assets/images"
# name: (pixels, rounded corners)
PNGS = {"icon-32.png": (32, True), "apple-touch-icon.png": (180, False), "icon-192.png": (192, False),
        "icon-512.png": (512, False)}


def svg() -> str:
    """The icon as SVG, with rounded corners (a favicon is shown as it is drawn)."""
    def points(shape: list[tuple[int, int]]) -> str:
        return " ".join(f"{x},{y}" for x, y in shape)
    lines = "".join(f'<line x1="{a[0]}" y1="{a[1]}" x2="{b[0]}" y2="{b[1]}"/>' for a, b in LINES)
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {UNITS} {UNITS}">'
            f'<rect width="{UNITS}" height="{UNITS}" rx="{CORNER}" fill="{RED}"/>'
            f'<polygon points="{points(PAGE)}" fill="{WHITE}"/><polygon points="{points(FOLDED)}" fill="{FOLD}"/>'
            f'<g stroke="{RED}" stroke-width="{LINE_WIDTH}" stroke-linecap="round">{lines}</g></svg>\n')


def png(pixels: int, rounded: bool) -> bytes:
    """The same shapes drawn at four times the size and scaled down, which smooths their edges."""
    scale = pixels * 4 / UNITS
    size = pixels * 4
    image = Image.new("RGBA", (size, size), (0, 0, 0, 0) if rounded else ImageColor.getrgb(RED))
    draw = ImageDraw.Draw(image)
    if rounded:
        draw.rounded_rectangle((0, 0, size - 1, size - 1), radius=CORNER * scale, fill=RED)
    draw.polygon([(x * scale, y * scale) for x, y in PAGE], fill=WHITE)
    draw.polygon([(x * scale, y * scale) for x, y in FOLDED], fill=FOLD)
    width = round(LINE_WIDTH * scale)
    for (x1, y1), (x2, y2) in LINES:
        draw.line((x1 * scale, y1 * scale, x2 * scale, y2 * scale), fill=RED, width=width)
        for x, y in ((x1, y1), (x2, y2)):  # round caps, as the SVG's
            draw.ellipse((x * scale - width / 2, y * scale - width / 2, x * scale + width / 2, y * scale + width / 2),
                         fill=RED)
    out = io.BytesIO()
    image.resize((pixels, pixels), Image.Resampling.LANCZOS).save(out, "PNG", optimize=True)
    return out.getvalue()


def manifest(lang: str) -> str:
    """The web app manifest of one language's pages (site root or en/): its name, its start, the icons."""
    root = "../" if lang == "en" else "./"
    icons = [{"src": f"{root}{FOLDER}/icon.svg", "sizes": "any", "type": "image/svg+xml", "purpose": "any"}]
    for name, (pixels, rounded) in PNGS.items():
        if pixels >= 192 and not rounded:  # full-bleed, the page inside the safe zone: fit to be cropped
            icons += [{"src": f"{root}{FOLDER}/{name}", "sizes": f"{pixels}x{pixels}", "type": "image/png",
                       "purpose": purpose} for purpose in ("any", "maskable")]
    return json.dumps({
        "name": t("app_name", lang), "short_name": t("app_short_name", lang), "lang": lang, "dir": "ltr",
        "start_url": "./", "scope": root, "display": "standalone", "background_color": WHITE, "theme_color": RED,
        "icons": icons,
    }, ensure_ascii=False, indent=1) + "\n"


def write_all(site: Path) -> None:
    """The icon files and both manifests into the built site, in place of the theme's favicon."""
    folder = site / FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "favicon.png").unlink(missing_ok=True)
    (folder / "icon.svg").write_text(svg(), encoding="utf-8")
    for name, (pixels, rounded) in PNGS.items():
        (folder / name).write_bytes(png(pixels, rounded))
    (site / "manifest.webmanifest").write_text(manifest("zh"), encoding="utf-8")
    (site / "en").mkdir(exist_ok=True)
    (site / "en" / "manifest.webmanifest").write_text(manifest("en"), encoding="utf-8")
