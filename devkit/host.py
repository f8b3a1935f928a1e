"""The built site served as a static host serves it, optionally over a slow link.

The one host of ``make bench`` (both profiles) and of the browser tests (under a sub-path, at the root
with its 404 page, a copy a test changes or switches off, a slow or stalled link).
The host: the headers of the site's own ``_headers``, ETag revalidation, gzip for compressible
types, and the nginx snippet's answer to a request's Save-Data header. The link (``Link``): one
bandwidth budget shared by every connection, and a latency added to every response, as the phone
profile of `make bench` (dev/PERFORMANCE.md) asks; CDP's network emulation is not used because a service
worker's own requests escape it. A link can also stall a file halfway until it is released, cut it
there, or drop every request (a lost signal).
"""

from __future__ import annotations

import functools
import gzip
import re
import sys
import threading
import time
from collections.abc import Callable
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from macros import headers

CHUNK = 16 * 1024


class Link:
    """A shared link: ``bits_per_second`` for all connections together (None: unlimited), plus
    ``latency_s`` before each response. ``stall`` names a path ending whose body stops halfway
    until ``release()``; ``cut`` names those whose connection closes halfway, once; ``down`` drops every request
    unanswered, as a lost signal does; ``range_from`` makes every range answered from that byte instead of
    the one asked for (saying so in its Content-Range), as a host gone wrong does."""

    def __init__(self, bits_per_second: float | None = None, latency_s: float = 0.0) -> None:
        self.rate = bits_per_second / 8 if bits_per_second else None
        self.latency = latency_s
        self.lock = threading.Lock()
        self.next_free = 0.0
        self.stall: str | None = None
        self.cut: frozenset[str] = frozenset()
        self.down = False
        self.range_from: int | None = None
        self.released = threading.Event()
        self.sent = 0
        self.busy = 0.0

    def send(self, write: Callable[[bytes], Any], body: bytes, path: str) -> None:
        """Write ``body`` in chunks, each waiting for its share of the budget."""
        for start in range(0, len(body), CHUNK):
            if self.stall and path.endswith(self.stall) and start >= len(body) // 2:
                self.released.wait()
            cut = next((ending for ending in self.cut if path.endswith(ending)), None)
            if cut and start >= len(body) // 2:
                self.cut = self.cut - {cut}
                raise ConnectionAbortedError(path)
            chunk = body[start:start + CHUNK]
            if self.rate:
                with self.lock:
                    now = time.monotonic()
                    begin = max(now, self.next_free)
                    self.next_free = begin + len(chunk) / self.rate
                    self.busy += len(chunk) / self.rate
                    wait = self.next_free - now
                time.sleep(max(0.0, wait))
            write(chunk)
            with self.lock:
                self.sent += len(chunk)

    def restart_count(self) -> None:
        """Count what the link carries afresh (one cold run's throughput)."""
        with self.lock:
            self.sent, self.busy = 0, 0.0

    def throughput_kbit(self) -> float:
        """What the link carried while it was busy, in kbit/s (shows that the throttle held)."""
        return round(self.sent * 8 / 1000 / self.busy, 1) if self.busy else 0.0

    def release(self) -> None:
        self.stall = None
        self.released.set()


class Transferred:
    """Bytes the server sent (headers and body), overall and for the Pyodide runtime and wheels."""

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
    """A static host over a ``Link``. ``extra`` serves pages that are not files (the bench's baseline);
    ``ranges`` honours a request for the rest of a file (Range: bytes=N-, with If-Range), as hosts do;
    ``ranged`` records each such request. ``prefix`` is the sub-path the site is served from (anything else is not found); ``not_found`` answers a
    missing page with the site's not-found page: "nearest" the 404.html of the nearest folder that has one
    (Cloudflare Pages, the nginx snippet), "root" always the root's (GitHub Pages, Netlify)."""

    site: Path
    ranges: bool
    ranged: list[tuple[str, int]]
    requested: list[str]
    prefix: str
    not_found: str | None
    link: Link
    rules: list
    transferred: Transferred
    extra: dict[str, tuple[Callable[[], bytes], str]]
    gzipped: dict[tuple[Path, str | None], bytes]
    protocol_version = "HTTP/1.1"

    def log_message(self, *args: Any) -> None:
        return

    def send_header(self, keyword: str, value: str) -> None:
        self.transferred.add(urlsplit(self.path).path, len(keyword) + len(value) + 4)
        super().send_header(keyword, value)

    def do_GET(self) -> None:  # noqa: N802 - the name http.server calls
        if self.server.stopped or self.link.down:  # a kept-alive connection outlives shutdown()
            self.close_connection = True
            return None
        if self.link.latency:
            time.sleep(self.link.latency)
        self.requested.append(self.path)
        target = urlsplit(self.path)
        path = target.path
        if "//" in path:
            return self.send_redirect(re.sub("/{2,}", "/", path) + (f"?{target.query}" if target.query else ""))
        if path in self.extra:
            make, mime = self.extra[path]
            return self.send_body(path, make(), mime, None)
        if not path.startswith(self.prefix):
            return self.send_not_found("/")
        path = "/" + path[len(self.prefix):]
        file = Path(self.translate_path(path))
        if file.is_dir() and not path.endswith("/"):
            return self.send_redirect(self.prefix + path[1:] + "/")
        if file.is_dir():
            file = file / "index.html"
        if not file.is_file():
            return self.send_not_found(path)
        stat = file.stat()
        etag = f'"{stat.st_mtime_ns:x}-{stat.st_size:x}"'
        if self.headers.get("If-None-Match") == etag:
            self.send_response(304)
            self.send_site_headers(path, etag)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return None
        wanted = re.fullmatch(r"bytes=(\d+)-", self.headers.get("Range", ""))
        if wanted and self.ranges and self.headers.get("If-Range", etag) == etag:
            return self.send_range(path, file.read_bytes(), int(wanted[1]), self.type_of(path, file), etag)
        return self.send_body(path, file.read_bytes(), self.type_of(path, file), etag, file)

    def type_of(self, path: str, file: Path) -> str:
        """The type ``_headers`` gives the path, as Netlify and Cloudflare Pages send it, else the usual guess."""
        return headers.headers_for(self.rules, path).get("Content-Type") or self.guess_type(str(file))

    def send_redirect(self, location: str) -> None:
        """A permanent redirect to the canonical address: a folder's with its slash, and one slash where an
        address has several (relative links resolve against the address the browser shows)."""
        self.send_response(301)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def send_range(self, path: str, body: bytes, start: int, mime: str, etag: str) -> None:
        """The rest of a file from byte ``start`` (206), as sent: never compressed."""
        start = start if self.link.range_from is None else self.link.range_from
        part = body[start:]
        self.send_response(206)
        self.send_header("Content-Type", mime)
        self.send_header("Content-Range", f"bytes {start}-{len(body) - 1}/{len(body)}")
        self.send_header("Content-Length", str(len(part)))
        self.send_site_headers(path, etag)
        self.end_headers()
        self.ranged.append((path, start))
        self.send_over_link(path, part)

    def send_over_link(self, path: str, body: bytes) -> None:
        """The body over the link, counted once it has all gone."""
        try:
            self.link.send(self.wfile.write, body, path)
        except ConnectionError:  # the browser went away, or the link cut the body short
            self.close_connection = True
            return
        self.transferred.add(path, len(body))

    def send_not_found(self, path: str) -> None:
        folders = [self.site] if self.not_found == "root" else [self.site / part for part in
                                                                 reversed(self.cumulative(path))] + [self.site]
        page = next((folder / "404.html" for folder in folders if (folder / "404.html").is_file()), None)
        body = page.read_bytes() if self.not_found and page else b"not found"
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8" if self.not_found and page else "text/plain")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    @staticmethod
    def cumulative(path: str) -> list[str]:
        """The folders a path lies in, from the root down: /en/a/b -> ["en", "en/a"]."""
        parts = path.strip("/").split("/")[:-1]
        return ["/".join(parts[:depth]) for depth in range(1, len(parts) + 1)]

    def send_site_headers(self, path: str, etag: str | None) -> None:
        for name, value in headers.headers_for(self.rules, path).items():
            if name not in ("Content-Type", headers.HSTS[0]):  # the type is sent first; this host is plain HTTP
                self.send_header(name, value)
        self.send_header("Server-Timing", headers.save_data_timing(self.headers.get("Save-Data")))
        if etag:
            self.send_header("ETag", etag)

    def send_body(self, path: str, body: bytes, mime: str, etag: str | None, file: Path | None = None) -> None:
        """A 200 response, gzipped (and the result kept, for files) when the client accepts it."""
        encoded = "gzip" in self.headers.get("Accept-Encoding", "") and (Path(path).suffix or ".html") in headers.COMPRESSED
        if encoded and file is None:
            body = gzip.compress(body, 6)
        elif encoded:
            if (file, etag) not in self.gzipped:  # a test may change a file while it is served
                self.gzipped[(file, etag)] = gzip.compress(body, 6)
            body = self.gzipped[(file, etag)]
        self.send_response(200)
        self.send_header("Content-Type", mime)
        self.send_header("Content-Length", str(len(body)))
        if encoded:
            self.send_header("Content-Encoding", "gzip")
        self.send_site_headers(path, etag)
        self.end_headers()
        self.send_over_link(path, body)


class _Server(ThreadingHTTPServer):
    """A server that, once shut down, also stops answering on the connections it had kept open."""

    daemon_threads = True
    stopped = False

    def shutdown(self) -> None:
        self.stopped = True
        super().shutdown()

    def handle_error(self, request: Any, client_address: Any) -> None:
        """A browser that cancels a download (a page closed, a stall given up on) is not the host's error;
        anything else is printed, as socketserver does."""
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


class Host:
    """The site at ``prefix`` of <address>:<port> over a link, in a thread; ``url`` is its address. ``address``
    is this machine only by default; a room's network needs its own (or 0.0.0.0, every interface)."""

    def __init__(self, site: Path, link: Link | None = None,
                 extra: dict[str, tuple[Callable[[], bytes], str]] | None = None,
                 prefix: str = "/", not_found: str | None = None, ranges: bool = True,
                 address: str = "127.0.0.1", port: int = 0) -> None:
        self.link = link or Link()
        self.transferred = Transferred()
        handler = type("SiteHandler", (Handler,), {
            "site": site, "link": self.link, "transferred": self.transferred, "extra": extra or {}, "gzipped": {},
            "prefix": prefix, "not_found": not_found, "ranges": ranges, "ranged": [], "requested": [],
            "rules": headers.read_netlify_headers((site / "_headers").read_text(encoding="utf-8"))})
        self.server = _Server((address, port), functools.partial(handler, directory=str(site)))
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        shown = "127.0.0.1" if address in ("0.0.0.0", "") else address  # noqa: S104 - compared, not bound
        self.url = f"http://{shown}:{self.server.server_address[1]}{prefix}"
        self.ranged = handler.ranged  # (path, first byte) of each request for the rest of a file
        self.requested = handler.requested  # the access log: each request's target, its query included

    def close(self) -> None:
        self.link.release()
        self.server.shutdown()
        self.server.server_close()

