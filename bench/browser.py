"""Headless Chromium driven over its DevTools pipe with the fewest domains the bench needs.

Why not Playwright here (the browser tests keep it): Playwright switches on DevTools' network
agent in every page and worker, and that agent records a JavaScript stack for each request a
script makes. To do so V8 parses the requesting script again for its source positions, on the
main thread, inside the task that asked. Measured on this machine (traces of the same page):
Material's bundle asks for the search index while it is evaluated, and that request took
20-30 ms with the agent on (a reparse of the whole bundle) against under 1 ms without it; Pyodide
makes its requests from a 1.2 MB script. A reader's browser has no DevTools attached, so the bench
uses only Target, Page (init scripts, load events), Runtime (evaluate), Emulation (CPU throttling)
and DOM (a picked file).

Nor does a reader's browser load its own address bar with every page. In this Chromium (156), every
new window loads the address bar's drop-down as a WebUI page of its own (chrome://omnibox-popup, 416
requests), and the bench opens a new window for every cold visit (a new browser context) and for
the warm one (its first page was the window's only tab). Traced on a warm visit: that page took about
1 s of another renderer's main thread and 0.3 s of script parsing on its threads, while the visit ran
on the same two cores. A reader's window has loaded it long before. Switched off (BROWSER_UI), four
alternating runs of the same build: the calculator page ready cold in 849-941 ms instead of
1,131-1,601, warm in 586-697 instead of 630-1,085, and 0 of 24 page loads with a task of 50 ms or
more instead of 7.
"""

from __future__ import annotations

import fcntl
import json
import os
import shutil
import subprocess
import tempfile
import time
from collections import deque
from pathlib import Path
from typing import Any

DEFAULT_ARGS = ["--headless", "--remote-debugging-pipe", "--window-size=1280,720", "--hide-scrollbars",
                "--mute-audio", "--disable-extensions", "--disable-default-apps", "--no-default-browser-check",
                "--disable-renderer-backgrounding", "--disable-background-timer-throttling",
                "--disable-backgrounding-occluded-windows", "--disable-dev-shm-usage"]


class Chromium:
    """One browser process; its pipe carries the commands (fd 3) and the answers and events (fd 4)."""

    def __init__(self, executable: str, args: list[str]) -> None:
        self.profile = tempfile.mkdtemp(prefix="bench-chromium-")
        to_browser, self._write = os.pipe()
        self._read, from_browser = os.pipe()

        def pipes() -> None:
            # Moved out of the way first: either end may itself be descriptor 3 or 4.
            commands, answers = (fcntl.fcntl(fd, fcntl.F_DUPFD, 10) for fd in (to_browser, from_browser))
            os.dup2(commands, 3)
            os.dup2(answers, 4)

        self.process = subprocess.Popen(
            [executable, *DEFAULT_ARGS, *args, f"--user-data-dir={self.profile}", "about:blank"],
            preexec_fn=pipes, close_fds=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(to_browser)
        os.close(from_browser)
        self._buffer = b""
        self._last_id = 0
        self.events: deque[dict[str, Any]] = deque()

    def _message(self) -> dict[str, Any]:
        while b"\0" not in self._buffer:
            chunk = os.read(self._read, 1 << 20)
            if not chunk:
                raise RuntimeError("Chromium closed its DevTools pipe")
            self._buffer += chunk
        line, self._buffer = self._buffer.split(b"\0", 1)
        return json.loads(line)

    def send(self, method: str, params: dict[str, Any] | None = None, session: str | None = None) -> dict[str, Any]:
        """A command, and its answer once it comes; events that arrive meanwhile are kept."""
        self._last_id += 1
        message: dict[str, Any] = {"id": self._last_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        os.write(self._write, json.dumps(message).encode() + b"\0")
        while True:
            answer = self._message()
            if "method" in answer:
                self.events.append(answer)
            elif answer.get("id") == self._last_id:
                if "error" in answer:
                    raise RuntimeError(f"{method}: {answer['error'].get('message')}")
                return answer["result"]

    def new_context(self) -> Context:
        """A fresh profile of its own (cache, storage, service workers), as a new visitor has."""
        return Context(self, self.send("Target.createBrowserContext")["browserContextId"])

    def close(self) -> None:
        try:
            self.send("Browser.close")
            self.process.wait(timeout=20)
        except (RuntimeError, OSError, subprocess.TimeoutExpired):
            self.process.kill()
        os.close(self._read)
        os.close(self._write)
        shutil.rmtree(self.profile, ignore_errors=True)


class Context:
    def __init__(self, browser: Chromium, context_id: str) -> None:
        self.browser = browser
        self.id = context_id
        self.init_scripts: list[str] = []

    def add_init_script(self, source: str) -> None:
        """Run in every page of the context before the page's own scripts."""
        self.init_scripts.append(source)

    def new_page(self) -> Tab:
        target = self.browser.send("Target.createTarget", {"url": "about:blank", "browserContextId": self.id})
        session = self.browser.send("Target.attachToTarget", {"targetId": target["targetId"], "flatten": True})
        tab = Tab(self.browser, target["targetId"], session["sessionId"])
        tab.send("Page.enable")
        for source in self.init_scripts:
            tab.send("Page.addScriptToEvaluateOnNewDocument", {"source": source})
        return tab

    def close(self) -> None:
        self.browser.send("Target.disposeBrowserContext", {"browserContextId": self.id})


class Tab:
    """A page, with just what the bench does in it: go to an address, read a value, fill, click, pick a file."""

    def __init__(self, browser: Chromium, target: str, session: str) -> None:
        self.browser = browser
        self.target = target
        self.session = session

    def send(self, method: str, params: dict[str, Any] | None = None) -> dict[str, Any]:
        return self.browser.send(method, params, self.session)

    def goto(self, url: str, timeout_s: float = 300) -> None:
        """Navigate and wait for the load event, as Playwright's ``goto`` does."""
        events = self.browser.events
        events.clear()
        self.send("Page.navigate", {"url": url})
        deadline = time.monotonic() + timeout_s
        while not any(e["method"] == "Page.loadEventFired" and e.get("sessionId") == self.session for e in events):
            if time.monotonic() > deadline:
                raise TimeoutError(f"no load event from {url}")
            time.sleep(0.02)
            self.browser.send("Browser.getVersion")  # reads the pipe, so that events arrive

    def evaluate(self, expression: str) -> Any:
        answer = self.send("Runtime.evaluate", {"expression": expression, "returnByValue": True,
                                                "awaitPromise": True})
        if "exceptionDetails" in answer:
            raise RuntimeError(f"{expression}: {answer['exceptionDetails'].get('text')}")
        return answer["result"].get("value")

    def fill(self, selector: str, value: str) -> None:
        """Set a field's value and fire the events typing fires."""
        self.evaluate(f"""(() => {{ const field = document.querySelector({json.dumps(selector)});
            field.value = {json.dumps(value)};
            field.dispatchEvent(new Event("input", {{ bubbles: true }}));
            field.dispatchEvent(new Event("change", {{ bubbles: true }})); }})()""")

    def click(self, selector: str) -> None:
        self.evaluate(f"document.querySelector({json.dumps(selector)}).click()")

    def set_input_file(self, selector: str, name: str, data: bytes) -> None:
        """Pick a file in a file field, as a reader choosing it would (input and change events)."""
        folder = Path(tempfile.mkdtemp(prefix="file-", dir=self.browser.profile))  # read lazily: kept until close
        (folder / name).write_bytes(data)
        element = self.send("Runtime.evaluate", {"expression": f"document.querySelector({json.dumps(selector)})"})
        self.send("DOM.setFileInputFiles", {"files": [str(folder / name)], "objectId": element["result"]["objectId"]})

    def throttle_cpu(self, rate: int) -> None:
        """The page's CPU slowed ``rate`` times (workers included: one renderer process)."""
        self.send("Emulation.setCPUThrottlingRate", {"rate": rate})

    def close(self) -> None:
        self.browser.send("Target.closeTarget", {"targetId": self.target})
