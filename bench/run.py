"""`make bench`: how fast the calculators get ready and answer, against the naive embedding.

The built site is served on 127.0.0.1 with the headers of its own ``_headers`` file and
gzip for compressible types (as a static host would), and measured in headless Chromium.
Each run launches a new browser, so every cold visit has a fresh profile; the warm visit
is a second page in the same profile. In the same run the same figures are taken for a
baseline page: our tenure page with the worker replaced by ``bench/baseline.js``, which
loads the same Pyodide and wheel on the main thread at page load. The figures are medians
over the runs; the ratios are ours / baseline. Results go to ``bench/results.json``.
"""

from __future__ import annotations

import functools
import gzip
import json
import os
import statistics
import sys
import threading
import time
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from playwright.sync_api import Browser, Page, sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from macros import headers  # noqa: E402

SITE = ROOT / "site"
RUNS = int(os.environ.get("BENCH_RUNS", "5"))
BATCH_100K_RUNS = 3
CALCULATOR = "calculators/tenure/"
BASELINE = "calculators/baseline/"
BATCH = "calculators/ce-hours/"
NOTICE = "notice/"
READY_TIMEOUT_MS = 120_000
SHEET_KEYS = ("sheet_qr_first_ms", "sheet_qr_next_ms", "sheet_qr_bytes")
COMPRESSIBLE = {".html", ".css", ".js", ".mjs", ".json", ".wasm", ".svg", ".xml", ".txt", ".csv"}
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
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


class Transferred:
    """Bytes the server sent (headers and body), overall and for the Pyodide runtime and wheel."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.total = 0
        self.runtime = 0

    def add(self, path: str, size: int) -> None:
        with self.lock:
            self.total += size
            if "/pyodide/" in path or path.endswith(".whl"):
                self.runtime += size

    def take(self) -> tuple[int, int]:
        with self.lock:
            figures = (self.total, self.runtime)
            self.total = self.runtime = 0
            return figures


class Handler(SimpleHTTPRequestHandler):
    """A static host: the site's ``_headers``, ETag revalidation, gzip, and the baseline page."""

    rules = headers.read_netlify_headers((SITE / "_headers").read_text(encoding="utf-8"))
    transferred = Transferred()
    gzipped: dict[Path, bytes] = {}

    def log_message(self, *args: Any) -> None:
        return

    def send_header(self, keyword: str, value: str) -> None:
        self.transferred.add(urlsplit(self.path).path, len(keyword) + len(value) + 4)
        super().send_header(keyword, value)

    def do_GET(self) -> None:  # noqa: N802 - the name http.server calls
        path = urlsplit(self.path).path
        if path == "/" + BASELINE:
            return self.send_body(path, baseline_page(), "text/html; charset=utf-8", None)
        if path == "/bench/baseline.js":
            return self.send_body(path, (ROOT / "bench" / "baseline.js").read_bytes(), "text/javascript", None)
        file = Path(self.translate_path(path))
        if file.is_dir():
            file = file / "index.html"
        if not file.is_file():
            return self.send_error(404)
        stat = file.stat()
        etag = f'"{stat.st_mtime_ns:x}-{stat.st_size:x}"'
        if self.headers.get("If-None-Match") == etag:
            self.send_response(304)
            self.send_site_headers(path, etag)
            self.end_headers()
            return None
        return self.send_body(path, file.read_bytes(), self.guess_type(str(file)), etag, file)

    def send_site_headers(self, path: str, etag: str | None) -> None:
        for name, value in headers.headers_for(self.rules, path).items():
            if name != "Content-Type":
                self.send_header(name, value)
        if etag:
            self.send_header("ETag", etag)

    def send_body(self, path: str, body: bytes, mime: str, etag: str | None, file: Path | None = None) -> None:
        """A 200 response, gzipped (and the result kept, for files) when the client accepts it."""
        encoded = "gzip" in self.headers.get("Accept-Encoding", "") and (Path(path).suffix or ".html") in COMPRESSIBLE
        if encoded and file is None:
            body = gzip.compress(body, 6)
        elif encoded:
            if file not in self.gzipped:
                self.gzipped[file] = gzip.compress(body, 6)
            body = self.gzipped[file]
        self.send_response(200)
        self.send_header("Content-Type", mime)
        self.send_header("Content-Length", str(len(body)))
        if encoded:
            self.send_header("Content-Encoding", "gzip")
        self.send_site_headers(path, etag)
        self.end_headers()
        self.wfile.write(body)
        self.transferred.add(path, len(body))


def baseline_page() -> bytes:
    """Our tenure page with its worker-based script swapped for the main-thread baseline."""
    page = (SITE / CALCULATOR / "index.html").read_text(encoding="utf-8")
    ours = '<script type="module" src="../../assets/js/calculator.js"></script>'
    if ours not in page:
        raise SystemExit("the tenure page no longer loads calculator.js as expected: update bench/run.py")
    return page.replace(ours, '<script type="module" src="/bench/baseline.js"></script>').encode()


def poll(page: Page, expression: str) -> Any:
    """Wait until ``expression`` is truthy in the page. ``wait_for_function`` would evaluate a
    string, which the site's policy (no 'unsafe-eval') refuses; the page keeps the exact times."""
    deadline = time.monotonic() + READY_TIMEOUT_MS / 1000
    while time.monotonic() < deadline:
        value = page.evaluate(expression)
        if value:
            return value
        page.wait_for_timeout(20)
    raise TimeoutError(expression)


def wait_for(page: Page, state: str) -> float:
    return poll(page, f"window.__bench && window.__bench['{state}']")


def longest_task_ms(page: Page, until: float) -> float:
    """The longest main-thread task that started before ``until`` (0 if none reached 50 ms)."""
    tasks = page.evaluate("window.__longTasks")
    return round(max((duration for start, duration in tasks if start < until), default=0), 1)


def calculator_run(browser: Browser, base: str, path: str) -> dict[str, float]:
    """One cold visit (up to the first answer) and one warm visit, in a fresh profile."""
    context = browser.new_context()
    context.add_init_script(PROBE)
    page = context.new_page()
    Handler.transferred.take()
    page.goto(base + path)
    cold = wait_for(page, "ready")
    page_bytes, _ = Handler.transferred.take()
    page.fill('[name="qualified_on"]', "2018-12-31")
    page.fill('[name="required_years"]', "5")
    page.locator('form[data-calculator] button[type="submit"]').click()
    answered = wait_for(page, "ok")
    answer = answered - page.evaluate("window.__bench.submit")
    longest = longest_task_ms(page, answered)
    sheet = answer_sheet_qr(page, answered) if path == CALCULATOR else {}
    page.close()
    page = context.new_page()
    page.goto(base + path)
    warm = wait_for(page, "ready")
    context.close()
    return {"cold_ready_ms": cold, "warm_ready_ms": warm, "answer_ms": answer,
            "longest_task_ms": longest, "calculator_page_bytes": page_bytes, **sheet}


QR_SHOWN = "(() => {{ const svg = document.querySelector('[data-sheet-qr] svg'); " \
           "return svg && svg.getAttribute('aria-label').includes('{marker}') && performance.now(); }})()"


def answer_sheet_qr(page: Page, answered: float) -> dict[str, float]:
    """What the QR code of the printed answer sheet costs: the first one (segno's wheel fetched and
    imported in the worker) and the next (drawn only), in ms after the answer, and the bytes it fetched."""
    first = poll(page, QR_SHOWN.format(marker="required_years=5"))
    wheel_bytes, _ = Handler.transferred.take()
    page.fill('[name="required_years"]', "6")
    page.locator('form[data-calculator] button[type="submit"]').click()
    submitted = page.evaluate("window.__bench.submit")
    second = poll(page, QR_SHOWN.format(marker="required_years=6"))
    return {"sheet_qr_first_ms": first - answered, "sheet_qr_next_ms": second - submitted,
            "sheet_qr_bytes": wheel_bytes}


def notice_run(browser: Browser, base: str) -> tuple[int, int, float]:
    """The notice page, cold: bytes, runtime bytes (none expected), and its longest task for reference."""
    context = browser.new_context()
    context.add_init_script(PROBE)
    page = context.new_page()
    Handler.transferred.take()
    page.goto(base + NOTICE)
    page.wait_for_load_state("networkidle")
    longest = longest_task_ms(page, float("inf"))
    total, runtime = Handler.transferred.take()
    context.close()
    return total, runtime, longest


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


def batch_run(browser: Browser, base: str, path: str, data: bytes) -> tuple[float, int]:
    """A file picked on a calculator page until the summary and the download are ready; and the tab's
    peak resident memory meanwhile (MB)."""
    context = browser.new_context()
    context.add_init_script(PROBE)
    page = context.new_page()
    page.goto(base + path)
    wait_for(page, "ready")
    peak = [renderer_rss_mb()]
    stop = threading.Event()

    def watch() -> None:
        while not stop.wait(0.1):
            peak.append(renderer_rss_mb())

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    start = page.evaluate("performance.now()")
    page.locator("input[type=file][data-batch-file]").set_input_files(files=[{
        "name": "rows.csv", "mimeType": "text/csv", "buffer": data}])
    done = poll(page, "document.querySelector('[data-batch-result][data-state=done] [data-batch-download]') "
                      "&& performance.now()")
    stop.set()
    watcher.join()
    context.close()
    return done - start, max(peak)


def median(runs: list[dict[str, float]], key: str) -> float:
    return round(statistics.median(run[key] for run in runs), 1)


def main() -> None:
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Handler, directory=str(SITE)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    runs: dict[str, list[dict[str, float]]] = {"ours": [], "baseline": []}
    notice: list[tuple[int, int, float]] = []
    batch: list[float] = []
    batch_100k: list[tuple[float, int]] = []
    with sync_playwright() as playwright:
        for number in range(1, RUNS + 1):
            for name, path in (("ours", CALCULATOR), ("baseline", BASELINE)):
                print(f"run {number}/{RUNS}: {name}", file=sys.stderr, flush=True)
                browser = playwright.chromium.launch(executable_path=os.environ.get("CHROMIUM", "/usr/bin/chromium"),
                                                     args=CHROMIUM_ARGS)
                runs[name].append(calculator_run(browser, base, path))
                if name == "ours":
                    notice.append(notice_run(browser, base))
                    batch.append(batch_run(browser, base, BATCH, ce_hours_rows(1000))[0])
                    if number <= BATCH_100K_RUNS:
                        batch_100k.append(batch_run(browser, base, CALCULATOR, tenure_rows(100_000)))
                browser.close()
    server.shutdown()
    keys = ("cold_ready_ms", "warm_ready_ms", "answer_ms", "longest_task_ms", "calculator_page_bytes")
    results: dict[str, Any] = {"runs": RUNS}
    for name in runs:
        results[name] = {key: median(runs[name], key) for key in keys}
        results[name]["calculator_page_bytes"] = int(results[name]["calculator_page_bytes"])
    for key in SHEET_KEYS:
        results["ours"][key] = median(runs["ours"], key)
    results["ratios"] = {key.removesuffix("_ms"): round(results["ours"][key] / results["baseline"][key], 3)
                         if results["baseline"][key] else None
                         for key in ("cold_ready_ms", "warm_ready_ms", "longest_task_ms")}
    results["notice_page_bytes"] = int(statistics.median(total for total, _, _ in notice))
    results["notice_page_pyodide_bytes"] = int(statistics.median(runtime for _, runtime, _ in notice))
    results["notice_page_longest_task_ms"] = round(statistics.median(longest for _, _, longest in notice), 1)
    results["batch_1000_rows_ms"] = round(statistics.median(batch), 1)
    results["batch_100k_rows_ms"] = round(statistics.median(took for took, _ in batch_100k), 1)
    results["batch_100k_rows_peak_mb"] = max(peak for _, peak in batch_100k)
    (ROOT / "bench" / "results.json").write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(table(results))


def table(results: dict[str, Any]) -> str:
    """The figures as a Markdown table (the README's performance section uses the same)."""
    lines = [f"Medians over {results['runs']} runs (ms, bytes transferred with gzip).", "",
             "| figure | ours (worker) | baseline (main thread) | ours / baseline |", "|---|---:|---:|---:|"]
    for key in ("cold_ready_ms", "warm_ready_ms", "answer_ms", "longest_task_ms", "calculator_page_bytes"):
        ratio = results["ratios"].get(key.removesuffix("_ms"))
        lines.append(f"| {key} | {results['ours'][key]:,} | {results['baseline'][key]:,} | "
                     f"{'' if ratio is None else ratio} |")
    lines += ["", f"notice page: {results['notice_page_bytes']:,} bytes, "
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
