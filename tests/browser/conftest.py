"""Chromium (Debian's, never a downloaded one) against the built site served under a sub-path."""

from __future__ import annotations

import functools
import os
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import pytest

SITE = Path(__file__).resolve().parents[2] / "site"
PREFIX = "/bijie/"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


class SubPathHandler(SimpleHTTPRequestHandler):
    """Serves site/ under /bijie/ only, as a host serving the site from a sub-path would."""

    def translate_path(self, path: str) -> str:
        parts = urlsplit(path).path
        if not parts.startswith(PREFIX):
            return str(SITE / "__not_here__")
        return super().translate_path("/" + parts[len(PREFIX):])

    def log_message(self, *args) -> None:  # keep test output quiet
        return


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {**browser_type_launch_args, "executable_path": os.environ.get("CHROMIUM", "/usr/bin/chromium"),
            "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def site_url():
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(SubPathHandler, directory=str(SITE)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}{PREFIX}"
    server.shutdown()


@pytest.fixture
def requests_seen(page, site_url):
    """Every request the page makes; after the test, none may have left the site's origin."""
    seen: list[str] = []
    page.on("request", lambda request: seen.append(request.url))
    yield seen
    origin = site_url.split(PREFIX)[0]
    outside = [url for url in seen if not (url.startswith(origin + "/") or url.startswith(("data:", "blob:")))]
    assert outside == []
