"""The site's HTTP policy, written once and shipped three ways: a meta tag on every page,
a ``_headers`` file (Netlify / Cloudflare Pages) and an nginx snippet.

The meta tag alone is not enough: a worker takes its Content-Security-Policy from its own
response headers, and ``frame-ancestors`` is ignored in a meta tag. The theme needs a few
inline scripts; they are allowed by their SHA-256 hashes, computed from the built pages, so
that ``'unsafe-inline'`` is never needed for scripts.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Iterable
from pathlib import Path

INLINE_SCRIPT = re.compile(r"<script(?P<attrs>[^>]*)>(?P<body>.*?)</script>", re.S)
NOT_JAVASCRIPT = re.compile(r'\b(src=|type="(?!module|text/javascript)[^"]*")')
META_AFTER = '<meta charset="utf-8">'
OUR_META = re.compile(r'<meta http-equiv="Content-Security-Policy" content="[^"]*"><meta name="referrer" content="[^"]*">')

SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
}
# Paths (from the site root) whose names change with their content, so a year of caching is safe: the
# runtime's folder is named by its version, the wheels by theirs, the theme's files and ours
# (asset_names.py) by a hash of their content. The service worker keeps the same folders cache-first.
VERSIONED = ("/assets/pyodide/*", "/assets/wheels/*", "/assets/javascripts/*", "/assets/stylesheets/*",
             "/assets/js/*", "/assets/css/*")
IMMUTABLE = "public, max-age=31536000, immutable"


def versioned_pattern() -> str:
    """The same folders as a regular expression over a path, for the service worker (sw.js)."""
    return "/assets/(" + "|".join(path.split("/")[2] for path in VERSIONED) + ")/"
REVALIDATE = "no-cache"
MIME_TYPES = {".wasm": "application/wasm", ".mjs": "text/javascript", ".zip": "application/zip",
              ".whl": "application/zip", ".zst": "application/zstd", ".gz": "application/gzip"}


def inline_scripts(page: str) -> list[str]:
    """The bodies of the inline scripts a page runs (JSON data blocks are not run)."""
    return [m["body"] for m in INLINE_SCRIPT.finditer(page)
            if m["body"].strip() and not NOT_JAVASCRIPT.search(m["attrs"])]


def script_hash(body: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode() + "'"


def policy(hashes: Iterable[str]) -> str:
    """The Content-Security-Policy for pages: everything from the site itself, WebAssembly allowed."""
    scripts = " ".join(["'self'", "'wasm-unsafe-eval'", *sorted(set(hashes))])
    return "; ".join([
        "default-src 'self'", f"script-src {scripts}", "style-src 'self'", "img-src 'self' data:",
        "font-src 'self'", "connect-src 'self'", "worker-src 'self'", "manifest-src 'self'",
        "object-src 'none'", "base-uri 'self'", "form-action 'self'",
    ])


def header_policy(hashes: Iterable[str]) -> str:
    """The page policy plus what only a header can say: no framing by other sites."""
    return policy(hashes) + "; frame-ancestors 'self'"


def without_meta(page: str) -> str:
    """The page as the theme wrote it: the i18n plugin runs the post-build step once per language."""
    return OUR_META.sub("", page)


def add_meta(page: str, csp: str) -> str:
    """The policy as the first thing in <head>, before any script can run."""
    tags = (f'<meta http-equiv="Content-Security-Policy" content="{csp}">'
            '<meta name="referrer" content="no-referrer">')
    if META_AFTER not in page:
        raise ValueError("page has no <meta charset>: cannot place the security policy first")
    return page.replace(META_AFTER, META_AFTER + tags, 1)


def netlify_headers(csp: str, runtime_files: Iterable[str]) -> str:
    """The ``_headers`` file: rules for every path, then caching, then exact MIME types."""
    lines = ["/*", f"  Content-Security-Policy: {csp}"]
    lines += [f"  {name}: {value}" for name, value in SECURITY_HEADERS.items()]
    # No Cache-Control here: Cloudflare Pages joins the headers of every matching rule, so a
    # "no-cache" for /* would spoil the year-long caching of the versioned folders below. Both
    # hosts already make pages revalidate by default ("max-age=0, must-revalidate").
    lines += [""]
    for path in VERSIONED:
        lines += [path, f"  Cache-Control: {IMMUTABLE}", ""]
    for path in runtime_files:
        mime = MIME_TYPES.get(Path(path).suffix)
        if mime:
            lines += [path, f"  Content-Type: {mime}", ""]
    return "\n".join(lines)


# What a host that reads the request's Save-Data header tells a page, as a Server-Timing entry (of the
# headers a page was sent, the one its script can read): "on" or "off", never left out, so that a page
# revalidated (304) never keeps an earlier visit's "on". runtime.js then defers the engine as it does
# for navigator.connection.saveData.
SAVE_DATA = "save-data;desc=$save_data"


def save_data_timing(request_header: str | None) -> str:
    """The Server-Timing entry for a request whose Save-Data header is ``request_header``."""
    return SAVE_DATA.replace("$save_data", "on" if (request_header or "").strip().lower() == "on" else "off")


# nginx's own mime.types (1.21 and later) already maps .wasm and .zip.
NGINX_LACKS = (".mjs", ".whl", ".zst", ".gz")


def read_netlify_headers(text: str) -> list[tuple[re.Pattern[str], str, str]]:
    """A ``_headers`` file read back as (path pattern, header, value), in order, for local servers."""
    rules: list[tuple[re.Pattern[str], str, str]] = []
    pattern = re.compile("^$")
    for line in text.splitlines():
        if line.strip() and not line[0].isspace():
            pattern = re.compile("^" + re.escape(line.strip()).replace(r"\*", ".*") + "$")
        elif line.strip():
            name, value = line.strip().split(": ", 1)
            rules.append((pattern, name, value))
    return rules


def headers_for(rules: list[tuple[re.Pattern[str], str, str]], path: str) -> dict[str, str]:
    """The headers a host applies to ``path`` (from the site root); later rules win, as on Netlify."""
    return {name: value for pattern, name, value in rules if pattern.match(path)}


def nginx_snippet(csp: str) -> str:
    """An nginx ``server`` block fragment with the same policy (``add_header`` is not inherited
    into a ``location`` that sets its own, so each location repeats the security headers)."""
    common = "".join(f'    add_header {name} "{value}" always;\n'
                     for name, value in {"Content-Security-Policy": csp, **SECURITY_HEADERS}.items())
    types = "".join(f"        {mime} {ext[1:]};\n" for ext, mime in MIME_TYPES.items() if ext in NGINX_LACKS)
    versioned = "|".join(p.strip("/*").removeprefix("assets/") for p in VERSIONED)
    pages = common + f'    add_header Cache-Control "{REVALIDATE}" always;\n' + f'    add_header Server-Timing "{SAVE_DATA}" always;\n'
    return (
        "# Include inside the server { } block that serves the built site (generated by the build).\n"
        "include /etc/nginx/mime.types;\n"
        "types {\n" + types.replace("        ", "    ") + "}\n"
        "# A page tells the calculators whether its request asked to save data (runtime.js).\n"
        'set $save_data "off";\nif ($http_save_data = "on") {\n    set $save_data "on";\n}\n'
        "# An address with several slashes in a row is sent to its canonical one: served as it is, its\n"
        "# relative links would resolve under a folder that does not exist.\n"
        'if ($request_uri ~ "^[^?]*//") {\n    return 301 $uri$is_args$args;\n}\n'
        "location / {\n" + pages +
        "    error_page 404 /404.html;\n    try_files $uri $uri/ =404;\n}\n"
        "location /en/ {\n" + pages +
        "    error_page 404 /en/404.html;\n    try_files $uri $uri/ =404;\n}\n"
        f"location ~ /assets/({versioned})/ {{\n" + common + f'    add_header Cache-Control "{IMMUTABLE}" always;\n'
        "}\n"
    )
