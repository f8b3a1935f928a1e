"""What a reader does on the site's pages, as the browser tests do it: open a calculator, type, submit,
pick a roster, wait for the page; and the checks every test shares (axe-core, no request elsewhere)."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
import zxingcpp
from conftest import PREFIX
from PIL import Image
from playwright.sync_api import Page, expect

READY = 60_000
LANGS = {"": "zh", "en/": "en"}
SHARP = pytest.mark.browser_context_args(device_scale_factor=3)  # QR modules several pixels wide
AXE = (Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js").read_text(encoding="utf-8")


def open_calculator(page: Page, url: str) -> None:
    page.goto(url)
    expect(page.locator("[data-calculator-result]")).to_have_attribute("data-state", "ready", timeout=READY)


def type_into(page: Page, name: str, text: str) -> None:
    box = page.locator(f'[name="{name}"]')
    box.click()
    box.fill("")
    box.press_sequentially(text)


def submitted_answer(page: Page, state: str = "ok") -> dict:
    result = page.locator("[data-calculator-result]")
    expect(result).to_have_attribute("data-state", state)
    return json.loads(result.get_attribute("data-json"))


def pick(page: Page, name: str, filename: str, data: bytes) -> None:
    page.locator(f'[data-batch="{name}"] [data-batch-file]').set_input_files(
        files=[{"name": filename, "mimeType": "application/octet-stream", "buffer": data}])


def batch_done(page: Page, name: str, timeout: int = READY):
    result = page.locator(f'[data-batch="{name}"] [data-batch-result]')
    expect(result).to_have_attribute("data-state", "done", timeout=timeout)
    return result


def search_box(page: Page):
    """The search box, opened with its "/" key, once it shows its cursor: a reader types then. On a busy
    machine the theme focuses it a moment after the key, and text typed before that went in reversed."""
    page.keyboard.press("/")
    box = page.locator("input.md-search__input")
    expect(box).to_be_focused()
    return box


def until(page: Page, expression: str, tries: int = 600) -> None:
    """Poll ``expression`` in the page (``wait_for_function`` would need 'unsafe-eval', which the policy refuses)."""
    for _ in range(tries):
        if page.evaluate(expression):
            return
        page.wait_for_timeout(100)
    raise AssertionError(f"never true: {expression}")


def wait_until_kept(page: Page, runtime_files: int = 3) -> None:
    """Until the service worker controls the page and holds the runtime's scripts and lock file, and the
    worker has kept the WebAssembly and the standard library plain."""
    until(page, "navigator.serviceWorker.controller !== null")
    until(page, f"""(async () => {{
      const runtime = (await caches.keys()).find((n) => n.startsWith("runtime-"));
      return runtime && (await (await caches.open(runtime)).keys()).length >= {runtime_files};
    }})()""")
    until(page, "caches.open('python-files').then((c) => c.keys()).then((k) => k.length === 2)")


def stays_on(seen: list, url: str) -> None:
    origin = url.split(PREFIX)[0]
    outside = [r.url for r in seen if not (r.url.startswith(origin + "/") or r.url.startswith(("data:", "blob:")))]
    assert seen and outside == []
    assert any(r.service_worker for r in seen), "the service worker's own requests were not seen"


def axe_violations(page: Page) -> list[str]:
    """axe-core's WCAG 2.x A/AA (and best-practice) violations on the page as it is now, once its running
    transitions have ended: the theme fades its tabs back in when an answer scrolls the page, and a
    colour halfway through a fade is not what a reader is left with."""
    page.evaluate(AXE + ";0")
    found = page.evaluate("""async () => {
      const ending = document.getAnimations().filter((a) => a.effect?.getComputedTiming().endTime !== Infinity);
      await Promise.all(ending.map((a) => a.finished.catch(() => {})));
      const r = await axe.run(document, { resultTypes: ["violations"] });
      return r.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
    }""")
    return found


def decoded(png: bytes) -> list[str]:
    """The texts of every QR code a decoder (zxing-cpp) finds in a screenshot."""
    return [found.text for found in zxingcpp.read_barcodes(Image.open(io.BytesIO(png)))]


def on_slide(page: Page, position: int, total: int, clause_id: str) -> None:
    expect(page.locator("[data-present-counter]")).to_have_text(f"{position} / {total}")
    shown = page.locator("[data-slide]:visible")
    expect(shown).to_have_count(1)
    expect(shown).to_have_attribute("data-slide", clause_id)
    expect(shown.locator("svg.qr")).to_be_visible()
    assert page.url.endswith("#" + clause_id)


def answered(page: Page, url: str, state: str = "ok", **inputs: str) -> dict:
    """Open a calculator, type each input into its field in turn, press Enter in the last: the answer
    (``state``: the answer box's state it must reach, ``error`` for input the engine refuses)."""
    open_calculator(page, url)
    for name, text in inputs.items():
        type_into(page, name, text)
    page.locator(f'[name="{list(inputs)[-1]}"]').press("Enter")
    return submitted_answer(page, state)
