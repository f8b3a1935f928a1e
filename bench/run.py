"""`make bench`: how fast the calculators get ready and answer, against the naive embedding.

The built site is served on 127.0.0.1 with the headers of its own ``_headers`` file and
gzip for compressible types (as a static host would, ``devkit/host.py``), and measured in
headless Chromium (driven over its DevTools pipe without the network agent, see ``bench/browser.py``),
in two profiles: ``desktop`` (no throttling) and ``phone`` (Lighthouse's
mobile throttling: CPU 4x slower through CDP, and 1.6 Mbit/s with 150 ms per response in the
server itself, one budget for every connection). Each run launches a new browser, so every
cold visit has a fresh profile; the warm visit is a second page in the same profile, opened once
the first has kept its files. In the
same run the same figures are taken for a baseline page: our tenure page with the worker
replaced by ``bench/baseline.js``, which loads the same Pyodide and wheel on the main thread
at page load. The figures are medians over the runs; the ratios are ours / baseline. The
desktop profile also opens every page of the site, three times, for its longest main-thread task. Results
go to ``bench/results.json``.
"""

from __future__ import annotations

import json
import os
import re
import statistics
import sys
import threading
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.browser import Chromium, Tab  # noqa: E402
from devkit.chromium import CHROMIUM_ARGS  # noqa: E402
from devkit.host import Host, Link  # noqa: E402

SITE = ROOT / "site"
RUNS = int(os.environ.get("BENCH_RUNS", "5"))
BATCH_100K_RUNS = 3
CALCULATOR = "calculators/tenure/"
BASELINE = "calculators/baseline/"
BATCH = "calculators/ce-hours/"
NOTICE = "notice/"
READY_TIMEOUT_MS = 300_000
LAUNCH_SETTLE_S = 2
SHEET_KEYS = ("sheet_qr_first_ms", "sheet_qr_next_ms", "sheet_qr_bytes")
PHONE_RUNS = int(os.environ.get("BENCH_PHONE_RUNS", "3"))
PAGE_RUNS = 3  # each page's longest task is the median of this many cold loads: one load moves by 50 ms or more
PHONE_CPU = 4  # Lighthouse mobile: CPU 4x slower
PHONE_LINK = (1.6e6, 0.150)  # 1.6 Mbit/s down, 150 ms round trip (requests are small: upload is not throttled)
KEYS = ("cold_ready_ms", "warm_ready_ms", "answer_ms", "longest_task_ms", "calculator_page_bytes")
# Records, in page time (ms since navigation start), when the result first reaches each state,
# and every main-thread task of 50 ms or more (Long Tasks API).
PROBE = """
window.__bench = {};
window.__longTasks = [];
new PerformanceObserver((list) => {
  for (const task of list.getEntries()) window.__longTasks.push([task.startTime, task.duration]);
}).observe({ type: "longtask", buffered: true });
new MutationObserver(() => {
  const result = document.querySelector("[data-calculator-result], [data-batch-result]");
  const state = result && result.dataset.state;
  if (state && !(state in window.__bench)) window.__bench[state] = performance.now();
}).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ["data-state"] });
document.addEventListener("submit", () => {
  window.__bench.submit = performance.now();
  delete window.__bench.ok;
}, true);
"""


def baseline_page() -> bytes:
    """Our tenure page with its worker-based scripts swapped for the main-thread baseline: the head's
    inline engine script is switched off (a script of an unknown type; baseline.js reads its addresses)."""
    page = (SITE / CALCULATOR / "index.html").read_text(encoding="utf-8")
    ours = re.compile(r'<script type="module" src="\.\./\.\./assets/js/calculator\.[0-9a-f]+\.js"></script>')
    engine = "<script data-runtime="
    if not ours.search(page) or engine not in page:
        raise SystemExit("the tenure page no longer loads its scripts as expected: update bench/run.py")
    page = page.replace(engine, '<script type="text/plain" data-switched-off data-runtime=')
    return ours.sub('<script type="module" src="/bench/baseline.js"></script>', page).encode()


def poll(page: Tab, expression: str) -> Any:
    """Wait until ``expression`` is truthy in the page. ``wait_for_function`` would evaluate a
    string, which the site's policy (no 'unsafe-eval') refuses; the page keeps the exact times."""
    deadline = time.monotonic() + READY_TIMEOUT_MS / 1000
    while time.monotonic() < deadline:
        value = page.evaluate(expression)
        if value:
            return value
        time.sleep(0.02)
    raise TimeoutError(expression)


def wait_for(page: Tab, state: str) -> float:
    return poll(page, f"window.__bench && window.__bench['{state}']")


# A page has loaded when its load event has fired and, on a calculator page, the engine is ready (the
# worker's downloads are not the document's, so the load event does not wait for them).
LOADED = ("document.readyState === 'complete' && (!document.querySelector('[data-calculator-result]') "
          "|| window.__bench.ready || window.__bench.failed)")


# What our worker keeps for the next visit (calculator-worker.js) has been written: the snapshot and the
# plain WebAssembly and standard library. A reader comes back long after that; the bench must not close
# the page while the files are still being written, or the "warm" visit would be a half-cold one.
KEPT = """caches.keys().then(async (names) => {
  const count = async (name) => names.includes(name) ? (await (await caches.open(name)).keys()).length : 0;
  return (await count("python-snapshot")) >= 1 && (await count("python-files")) >= 2;
})"""


def settled(page: Tab, quiet_s: float = 0.5) -> None:
    """Wait until the page has asked for nothing new for ``quiet_s`` (Playwright's "network idle")."""
    count, since = None, time.monotonic()
    while time.monotonic() - since < quiet_s:
        now = page.evaluate("performance.getEntriesByType('resource').length")
        if now != count:
            count, since = now, time.monotonic()
        time.sleep(0.05)


def longest_task_ms(page: Tab, until: float) -> float:
    """The longest main-thread task that started before ``until`` (0 if none reached 50 ms)."""
    tasks = page.evaluate("window.__longTasks")
    return round(max((duration for start, duration in tasks if start < until), default=0), 1)


def new_page(context: Any, cpu: int) -> Tab:
    """A page of the context, its CPU slowed ``cpu`` times (workers included: one renderer process)."""
    page = context.new_page()
    if cpu > 1:
        page.throttle_cpu(cpu)
    return page


def calculator_run(browser: Chromium, host: Host, path: str, cpu: int = 1) -> dict[str, float]:
    """One cold visit (up to the first answer) and one warm visit, in a fresh profile."""
    context = browser.new_context()
    context.add_init_script(PROBE)
    page = new_page(context, cpu)
    host.transferred.take()
    page.goto(host.url + path, READY_TIMEOUT_MS / 1000)
    cold = wait_for(page, "ready")
    page_bytes, _ = host.transferred.take()
    page.fill('[name="qualified_on"]', "2018-12-31")
    page.fill('[name="required_years"]', "5")
    page.click('form[data-calculator] button[type="submit"]')
    answered = wait_for(page, "ok")
    answer = answered - page.evaluate("window.__bench.submit")
    longest = longest_task_ms(page, answered)
    sheet = answer_sheet_qr(page, host, answered) if path == CALCULATOR and cpu == 1 else {}
    if path != BASELINE:
        poll(page, KEPT)
    page.close()
    page = new_page(context, cpu)
    page.goto(host.url + path, READY_TIMEOUT_MS / 1000)
    warm = wait_for(page, "ready")
    context.close()
    return {"cold_ready_ms": cold, "warm_ready_ms": warm, "answer_ms": answer,
            "longest_task_ms": longest, "calculator_page_bytes": page_bytes, **sheet}


QR_SHOWN = "(() => {{ const svg = document.querySelector('[data-sheet-qr] svg'); " \
           "return svg && svg.getAttribute('aria-label').includes('{marker}') && performance.now(); }})()"


def answer_sheet_qr(page: Tab, host: Host, answered: float) -> dict[str, float]:
    """What the QR code of the printed answer sheet costs: the first one (segno's wheel fetched and
    imported in the worker) and the next (drawn only), in ms after the answer, and the bytes it fetched."""
    first = poll(page, QR_SHOWN.format(marker="required_years=5"))
    wheel_bytes, _ = host.transferred.take()
    page.fill('[name="required_years"]', "6")
    page.click('form[data-calculator] button[type="submit"]')
    submitted = page.evaluate("window.__bench.submit")
    second = poll(page, QR_SHOWN.format(marker="required_years=6"))
    return {"sheet_qr_first_ms": first - answered, "sheet_qr_next_ms": second - submitted,
            "sheet_qr_bytes": wheel_bytes}


def page_run(browser: Chromium, host: Host, path: str) -> tuple[int, int, float]:
    """One page, cold, until it has loaded and asks for nothing more: bytes, of which runtime bytes, and its
    longest task."""
    context = browser.new_context()
    context.add_init_script(PROBE)
    page = context.new_page()
    host.transferred.take()
    page.goto(host.url + path)
    poll(page, LOADED)
    settled(page)
    longest = longest_task_ms(page, float("inf"))
    total, runtime = host.transferred.take()
    context.close()
    return total, runtime, longest


def site_pages() -> list[str]:
    """Every page of the built site, both languages."""
    return sorted(p.parent.relative_to(SITE).as_posix().removeprefix(".") + "/"
                  for p in SITE.rglob("index.html") if "baseline" not in str(p))


def renderer_rss_mb() -> int:
    """The largest resident size among Chromium's renderer processes (the tab, with its worker and
    Pyodide's WebAssembly memory): a stricter figure than the JS heap alone."""
    largest = 0
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            if b"--type=renderer" not in Path(f"/proc/{pid}/cmdline").read_bytes():
                continue
            status = Path(f"/proc/{pid}/status").read_text()
        except OSError:
            continue
        largest = max(largest, int(status.split("VmRSS:")[1].split()[0]) // 1024)
    return largest


def ce_hours_rows(rows: int) -> bytes:
    lines = "".join(f"{20 + i % 50},{30 + i % 70},{i % 11},grassroots\n" for i in range(rows))
    return f"public_hours,professional_hours,digital_hours,category\n{lines}".encode()


def tenure_rows(rows: int) -> bytes:
    """A unit's staff as the issue sizes it: 100,000 rows are about 1.3 MB."""
    lines = "".join(f"2018-{1 + i % 12:02d}-{1 + i % 28:02d},{1 + i % 9}\n" for i in range(rows))
    return f"qualified_on,required_years\n{lines}".encode()


def batch_run(browser: Chromium, host: Host, path: str, data: bytes) -> tuple[float, int]:
    """A file picked on a calculator page until the summary and the download are ready; and the tab's
    peak resident memory meanwhile (MB)."""
    context = browser.new_context()
    context.add_init_script(PROBE)
    page = context.new_page()
    page.goto(host.url + path)
    wait_for(page, "ready")
    peak = [renderer_rss_mb()]
    stop = threading.Event()

    def watch() -> None:
        while not stop.wait(0.1):
            peak.append(renderer_rss_mb())

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    start = page.evaluate("performance.now()")
    page.set_input_file("input[type=file][data-batch-file]", "rows.csv", data)
    done = poll(page, "document.querySelector('[data-batch-result][data-state=done] [data-batch-download]') "
                      "&& performance.now()")
    stop.set()
    watcher.join()
    context.close()
    return done - start, max(peak)


def median(runs: list[dict[str, float]], key: str) -> float:
    return round(statistics.median(run[key] for run in runs), 1)


def summary(runs: dict[str, list[dict[str, float]]], count: int) -> dict[str, Any]:
    """Medians of both pages and the ratios ours / baseline."""
    result: dict[str, Any] = {"runs": count}
    for name in runs:
        result[name] = {key: median(runs[name], key) for key in KEYS}
        result[name]["calculator_page_bytes"] = int(result[name]["calculator_page_bytes"])
    result["ratios"] = {key.removesuffix("_ms"): round(result["ours"][key] / result["baseline"][key], 3)
                        if result["baseline"][key] else None
                        for key in ("cold_ready_ms", "warm_ready_ms", "longest_task_ms")}
    return result


def launch() -> Chromium:
    """A new browser, given LAUNCH_SETTLE_S to finish starting: its own start-up work (processes, the
    profile) otherwise shares the two cores with the first visit, which a reader's running browser does not
    (measured: the cold start 2.1-2.6 s instead of 1.4-1.8 s, for the same page)."""
    browser = Chromium(os.environ.get("CHROMIUM", "/usr/bin/chromium"), CHROMIUM_ARGS)
    time.sleep(LAUNCH_SETTLE_S)
    return browser


def main() -> None:
    extra = {"/" + BASELINE: (baseline_page, "text/html; charset=utf-8"),
             "/bench/baseline.js": (lambda: (ROOT / "bench" / "baseline.js").read_bytes(), "text/javascript")}
    desktop = Host(SITE, extra=extra)
    phone = Host(SITE, Link(*PHONE_LINK), extra=extra)
    runs: dict[str, list[dict[str, float]]] = {"ours": [], "baseline": []}
    phone_runs: dict[str, list[dict[str, float]]] = {"ours": [], "baseline": []}
    notice: list[tuple[int, int, float]] = []
    batch: list[float] = []
    batch_100k: list[tuple[float, int]] = []
    for number in range(1, RUNS + 1):
        for name, path in (("ours", CALCULATOR), ("baseline", BASELINE)):
            print(f"desktop run {number}/{RUNS}: {name}", file=sys.stderr, flush=True)
            browser = launch()
            runs[name].append(calculator_run(browser, desktop, path))
            if name == "ours":
                notice.append(page_run(browser, desktop, NOTICE))
                batch.append(batch_run(browser, desktop, BATCH, ce_hours_rows(1000))[0])
                if number <= BATCH_100K_RUNS:
                    batch_100k.append(batch_run(browser, desktop, CALCULATOR, tenure_rows(100_000)))
            browser.close()
    for number in range(1, PHONE_RUNS + 1):
        for name, path in (("ours", CALCULATOR), ("baseline", BASELINE)):
            browser = launch()
            phone.link.restart_count()
            phone_runs[name].append(calculator_run(browser, phone, path, PHONE_CPU))
            print(f"phone run {number}/{PHONE_RUNS}: {name}: cold {phone_runs[name][-1]['cold_ready_ms']:,.0f} ms; "
                  f"the link carried {phone.link.throughput_kbit():,} kbit/s while busy",
                  file=sys.stderr, flush=True)
            browser.close()
    browser = launch()
    pages = {"/" + path.lstrip("/"): statistics.median(page_run(browser, desktop, path)[2] for _ in range(PAGE_RUNS))
             for path in site_pages()}
    browser.close()
    desktop.close()
    phone.close()
    results = summary(runs, RUNS)
    for key in SHEET_KEYS:
        results["ours"][key] = median(runs["ours"], key)
    results["phone"] = summary(phone_runs, PHONE_RUNS)
    results["pages_longest_task_ms"] = pages
    results["notice_page_bytes"] = int(statistics.median(total for total, _, _ in notice))
    results["notice_page_pyodide_bytes"] = int(statistics.median(runtime for _, runtime, _ in notice))
    results["notice_page_longest_task_ms"] = round(statistics.median(longest for _, _, longest in notice), 1)
    results["batch_1000_rows_ms"] = round(statistics.median(batch), 1)
    results["batch_100k_rows_ms"] = round(statistics.median(took for took, _ in batch_100k), 1)
    results["batch_100k_rows_peak_mb"] = max(peak for _, peak in batch_100k)
    (ROOT / "bench" / "results.json").write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(table(results))


def profile_table(results: dict[str, Any], title: str) -> list[str]:
    lines = [f"{title}: medians over {results['runs']} runs (ms, bytes transferred with gzip).", "",
             "| figure | ours (worker) | baseline (main thread) | ours / baseline |", "|---|---:|---:|---:|"]
    for key in KEYS:
        ratio = results["ratios"].get(key.removesuffix("_ms"))
        lines.append(f"| {key} | {results['ours'][key]:,} | {results['baseline'][key]:,} | "
                     f"{'' if ratio is None else ratio} |")
    warm = round(results["ours"]["warm_ready_ms"] / results["baseline"]["cold_ready_ms"], 3)
    return [*lines, f"| warm ready, ours / baseline cold | | | {warm} |", ""]


def table(results: dict[str, Any]) -> str:
    """The figures as Markdown tables (dev/PERFORMANCE.md uses the same)."""
    pages = results["pages_longest_task_ms"]
    worst = max(pages, key=pages.get)
    lines = [*profile_table(results, "desktop"), *profile_table(results["phone"], "phone (CPU 4x, 1.6 Mbit/s, 150 ms)"),
             f"longest main-thread task over all {len(pages)} pages: {pages[worst]} ms ({worst})",
             f"notice page: {results['notice_page_bytes']:,} bytes, "
             f"of which Pyodide and wheel: {results['notice_page_pyodide_bytes']:,}; "
             f"its longest main-thread task: {results['notice_page_longest_task_ms']} ms",
             f"answer sheet's QR code: first {results['ours']['sheet_qr_first_ms']} ms after the answer "
             f"(segno fetched, {int(results['ours']['sheet_qr_bytes']):,} bytes, and imported), "
             f"then {results['ours']['sheet_qr_next_ms']} ms after each press of Calculate",
             f"batch of 1,000 rows: {results['batch_1000_rows_ms']} ms; of 100,000 rows: "
             f"{results['batch_100k_rows_ms']} ms, tab's peak resident memory {results['batch_100k_rows_peak_mb']} MB"]
    return "\n".join(lines)


if __name__ == "__main__":
    main()
