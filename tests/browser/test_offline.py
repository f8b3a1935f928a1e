"""Offline use through the service worker: a second visit answers without the network, a new build
replaces the old cache, only what changed is written again, nothing with a query string is kept."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect
from reader import (
    READY,
    open_calculator,
    search_box,
    stays_on,
    submitted_answer,
    type_into,
    until,
    wait_until_kept,
)


@pytest.mark.parametrize("lang", ["", "en/"])
def test_second_visit_works_offline(page, own_server, context_requests, lang):
    """The second visit starts Python from the snapshot the first one kept, with no network."""
    root, url, server = own_server
    open_calculator(page, f"{url}{lang}calculators/ce-hours/")
    wait_until_kept(page)
    until(page, "caches.open('python-snapshot').then((c) => c.keys()).then((k) => k.length === 1)")
    server.shutdown()
    server.server_close()
    page.reload()
    expect(page.locator("[data-calculator-result]")).to_have_attribute("data-state", "ready", timeout=READY)
    type_into(page, "public_hours", "5")
    type_into(page, "professional_hours", "95")
    page.locator('[name="professional_hours"]').press("Enter")
    assert submitted_answer(page)["result"]["meets"] is True
    page.locator(".calc-clauses a").first.click()  # the clause an answer cites, never opened before
    expect(page.locator('[data-clause="s4-2"]')).to_be_in_viewport()
    stays_on(context_requests, url)


def test_a_page_is_asked_for_while_the_service_worker_starts(page, own_server, context_requests):
    """Navigation preload: once the service worker controls the site, a page's request goes out with the
    navigation (marked by the browser's preload header), not after the worker has started, and is answered
    from it online; offline the kept copy still answers."""
    _, url, server = own_server
    page.goto(f"{url}notice/")
    until(page, "navigator.serviceWorker.controller !== null")
    until(page, "navigator.serviceWorker.ready.then((r) => r.navigationPreload.getState()).then((s) => s.enabled)")
    until(page, "caches.match(location.href).then((hit) => Boolean(hit))")  # the first visit's own copy, kept
    context_requests.clear()
    page.reload()
    expect(page.locator("#s5-5")).to_be_attached()
    # The navigation as the page sees it, and the one request that went out for it: the preload (a
    # service worker's own fetch would carry no preload header, and would ask a second time).
    asked = sorted((bool(r.service_worker), r.headers.get("service-worker-navigation-preload"))
                   for r in context_requests if r.url == f"{url}notice/")
    assert asked == [(False, None), (True, "true")], asked
    server.shutdown()
    server.server_close()
    page.reload()
    expect(page.locator("#s5-5")).to_be_attached()


def test_new_build_replaces_the_old_cache(page, own_server, context_requests):
    root, url, _ = own_server
    open_calculator(page, f"{url}calculators/ce-hours/")
    wait_until_kept(page)
    old = page.evaluate("caches.keys()")
    assert [name for name in old if name.startswith("site-")]
    worker = root / "sw.js"
    text = worker.read_text(encoding="utf-8")
    build = text.split('const BUILD = "')[1].split('"')[0]
    worker.write_text(text.replace(build, "0" * len(build)), encoding="utf-8")
    notice = root / "calculators" / "ce-hours" / "index.html"
    notice.write_text(notice.read_text(encoding="utf-8").replace("<h1", "<p id=new-build>new</p><h1", 1),
                      encoding="utf-8")
    page.evaluate("navigator.serviceWorker.getRegistration().then((r) => r.update())")
    until(page, f"caches.keys().then((k) => !k.includes('site-{build}'))")
    page.reload()
    expect(page.locator("#new-build")).to_be_attached()
    until(page, "caches.keys().then((k) => k.includes('site-' + '0'.repeat(16)))")
    runtime = [name for name in old if name.startswith("runtime-")]
    assert len(runtime) == 1 and runtime[0] in page.evaluate("caches.keys()")
    stays_on(context_requests, url)


def test_a_calculator_page_registers_the_service_worker_once_its_engine_is_ready(page, context, site_url):
    """Installing it and keeping the page's files took the two cores from Python's start."""
    held = []
    # Plain, or compressed where the page judged the link slow (a busy machine's first byte can be late).
    wasm = re.compile(r"/pyodide\.asm\.wasm(\.zst)?$")
    context.route(wasm, lambda route: held.append(route))
    with page.expect_request(lambda request: wasm.search(request.url) is not None):
        page.goto(f"{site_url}calculators/tenure/")
    until(page, "document.readyState === 'complete'")
    page.wait_for_timeout(500)
    assert page.evaluate("navigator.serviceWorker.getRegistration().then((r) => r === undefined)")
    for route in held:
        route.continue_()
    expect(page.locator("[data-calculator-result]")).to_have_attribute("data-state", "ready", timeout=READY)
    until(page, "navigator.serviceWorker.getRegistration().then((r) => r !== undefined)")


def test_a_second_visit_rewrites_only_what_changed(page, own_server):
    """The service worker keeps a fresh copy of what the network gave (pages and files without a version
    in their name), but writes it again only when the server's version of it (date and length) differs
    from the copy's: the search index is unchanged and keeps a copy the test marked, the page changed and
    is written anew."""
    root, url, _ = own_server
    page.goto(f"{url}notice/")
    kept = """(async (path, text) => {
      const name = (await caches.keys()).find((n) => n.startsWith("site-"));
      const hit = name && await (await caches.open(name)).match(new URL(path, location.href).href);
      return Boolean(hit) && (text === null || (await hit.text()).includes(text));
    })"""
    until(page, f"{kept}('../search/search_index.json', null)")
    until(page, f"{kept}('./', null)")
    page.evaluate("""(async () => {
      const name = (await caches.keys()).find((n) => n.startsWith("site-"));
      const cache = await caches.open(name);
      const address = new URL("../search/search_index.json", location.href).href;
      const kept = await cache.match(address);
      await cache.put(address, new Response('{"marked": true}', { headers: kept.headers }));
    })()""")
    notice = root / "notice" / "index.html"
    notice.write_text(notice.read_text(encoding="utf-8") + "\n<!-- changed -->\n", encoding="utf-8")
    page.evaluate("""(async () => {
      for (const path of ["../search/search_index.json", "./"]) await fetch(path, { cache: "no-cache" });
    })()""")  # asked of the server again (a reload would take both from the browser's own cache)
    until(page, f"{kept}('./', '<!-- changed -->')")
    assert page.evaluate(f"{kept}('../search/search_index.json', 'marked')")


def test_our_scripts_and_styles_are_kept_cache_first_under_their_content_names(page, own_server):
    """Named by a hash of their content, our scripts and styles never change under one name: once kept,
    the service worker answers from its copy and asks the network nothing (hosts serve them immutable)."""
    root, url, _ = own_server
    page.goto(f"{url}notice/")
    until(page, "navigator.serviceWorker.controller !== null")
    style = page.evaluate("[...document.styleSheets].map((s) => s.href).find((h) => h && /site\\.[0-9a-f]{12}\\.css$/.test(h))")
    assert style, "the page's own stylesheet has no content name"
    until(page, f"caches.match({style!r}).then(Boolean)")
    served = root / style.removeprefix(url)
    served.write_text("/* the server's copy changed under the same name */", encoding="utf-8")
    text = page.evaluate(f"fetch({style!r}, {{ cache: 'no-cache' }}).then((r) => r.text())")
    assert "changed under the same name" not in text and text.strip()


def test_search_works_offline_for_a_reader_who_never_searched_online(page, own_server):
    """The search worker asks for its language files only when the reader searches; the service worker
    keeps them with the first page the reader opens."""
    _, url, server = own_server
    page.goto(f"{url}notice/")
    until(page, "navigator.serviceWorker.controller !== null")
    until(page, "caches.match(new URL('../assets/javascripts/lunr/min/lunr.zh.min.js', location.href).href)"
                ".then(Boolean)")
    server.shutdown()
    server.server_close()
    page.reload()
    box = search_box(page)
    box.fill("继续教育")
    box.press("End")
    expect(page.locator('.md-search-result__link[href$="#s4-2"]').first).to_be_attached()


def test_the_offline_copy_keeps_no_query_string(page, own_server, context_requests):
    """A shared link's inputs (names included) never go into Cache Storage."""
    _, url, _ = own_server
    shared = f"{url}calculators/tenure/?qualified_on=2018-12-31&required_years=5"
    page.goto(shared)
    expect(page.locator("[data-calculator-result]")).to_have_attribute("data-state", "ok", timeout=READY)
    wait_until_kept(page)
    page.reload()
    expect(page.locator("[data-calculator-result]")).to_have_attribute("data-state", "ok", timeout=READY)
    until(page, "caches.keys().then((k) => k.some((n) => n.startsWith('site-')))")
    kept = page.evaluate("""(async () => {
      const urls = [];
      for (const name of await caches.keys()) {
        const cache = await caches.open(name);
        for (const r of await cache.keys()) urls.push(r.url, (await cache.match(r)).url);
      }
      return urls;
    })()""")
    assert [u for u in kept if u.endswith("/calculators/tenure/")], kept
    assert [u for u in kept if "?" in u or "2018-12-31" in u] == []  # neither the key nor the stored response's
    stays_on(context_requests, url)
