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
# HTTPS only from the second visit on, for a year. Not includeSubDomains: a bureau's other hosts under
# the same name may still be plain HTTP. Browsers ignore it over plain HTTP (a room's laptop); the nginx
# snippet sends it only over HTTPS, and devkit's host (plain HTTP) never (dev/HOSTING.md).
HSTS = ("Strict-Transport-Security", "max-age=31536000")
# Folders named by a version or by a hash: nothing in them changes under the same name.
VERSIONED_FOLDERS = ("/assets/pyodide/", "/assets/wheels/")
# Folders where only names that carry a hash of their content are safe to keep for a year: the theme's
# bundles and ours (asset_names.py). Beside them the theme ships files named plainly (its search
# languages, its source maps), which a theme upgrade changes in place: those revalidate like pages.
HASHED_NAMES_IN = ("/assets/javascripts/", "/assets/stylesheets/", "/assets/js/", "/assets/css/")
HASHED_NAME = r"\.[0-9a-f]{8,12}\.(min\.)?(m?js|css)$"
IMMUTABLE = "public, max-age=31536000, immutable"


def _names(folders: tuple[str, ...]) -> str:
    """The folders' own names ("pyodide|wheels"), for a pattern over their paths."""
    return "|".join(folder.split("/")[2] for folder in folders)


def versioned_pattern() -> str:
    """The versioned and hashed folders as a regular expression over a path, for the service worker
    (sw.js): it keeps them cache-first within one build's cache, which the next build replaces."""
    return f"/assets/({_names((*VERSIONED_FOLDERS, *HASHED_NAMES_IN))})/"


def is_immutable(path: str) -> bool:
    """Whether a host may keep ``path`` (from the site root) for a year without asking again."""
    return path.startswith(VERSIONED_FOLDERS) or (path.startswith(HASHED_NAMES_IN) and re.search(HASHED_NAME, path) is not None)


REVALIDATE = "no-cache"
# Types a host must send that not every host knows (nginx's mime.types lacks the last seven; it serves them
# as application/octet-stream): a calendar and a roster template open in the reader's own program.
MIME_TYPES = {".wasm": "application/wasm", ".mjs": "text/javascript", ".zip": "application/zip",
              ".whl": "application/zip", ".zst": "application/zstd", ".gz": "application/gzip",
              ".ics": "text/calendar; charset=utf-8", ".csv": "text/csv; charset=utf-8",
              ".webmanifest": "application/manifest+json", ".map": "application/json"}
# What a host compresses on the fly, by the type it sends: text, and the WebAssembly (half its size).
# Never the zip, wheel, zstd and gzip files: they are compressed already.
COMPRESSED = {".html": "text/html", ".css": "text/css", ".js": "text/javascript", ".mjs": "text/javascript",
              ".json": "application/json", ".wasm": "application/wasm", ".svg": "image/svg+xml",
              ".xml": "text/xml", ".txt": "text/plain", ".csv": "text/csv", ".ics": "text/calendar",
              ".webmanifest": "application/manifest+json", ".map": "application/json"}
# The names nginx's own mime.types gives some of those (gzip_types matches the type sent).
NGINX_NAMES = {".js": "application/javascript", ".xml": "text/xml"}


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


def netlify_headers(csp: str, files: Iterable[str]) -> str:
    """The ``_headers`` file for a site holding ``files`` (paths from its root): rules for every path,
    then a year's caching for what never changes under its name, then the types not every host knows."""
    lines = ["/*", f"  Content-Security-Policy: {csp}"]
    lines += [f"  {name}: {value}" for name, value in (*SECURITY_HEADERS.items(), HSTS)]
    # No Cache-Control here: Cloudflare Pages joins the headers of every matching rule, so a
    # "no-cache" for /* would spoil the year-long caching below. Both hosts already make everything
    # else revalidate by default ("max-age=0, must-revalidate").
    lines += [""]
    for folder in VERSIONED_FOLDERS:
        lines += [f"{folder}*", f"  Cache-Control: {IMMUTABLE}", ""]
    for path in sorted(files):
        rule = []
        if path.startswith(HASHED_NAMES_IN) and is_immutable(path):
            rule.append(f"  Cache-Control: {IMMUTABLE}")
        if Path(path).suffix in MIME_TYPES:
            rule.append(f"  Content-Type: {MIME_TYPES[Path(path).suffix]}")
        if rule:
            lines += [path, *rule, ""]
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
NGINX_LACKS = (".mjs", ".whl", ".zst", ".gz", ".ics", ".csv", ".webmanifest", ".map")


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


def nginx_snippet(csp: str, prefix: str = "/") -> str:
    """An nginx ``server`` block fragment with the same policy, for a site at ``prefix`` (the path of
    SITE_URL). ``add_header`` is not inherited into a ``location`` that sets its own, so each location
    repeats the security headers."""
    common = "".join(f'    add_header {name} "{value}" always;\n'
                     for name, value in {"Content-Security-Policy": csp, **SECURITY_HEADERS}.items())
    common += f"    add_header {HSTS[0]} $hsts always;\n"
    types = "".join(f"    {mime.split(';')[0]} {ext[1:]};\n" for ext, mime in MIME_TYPES.items() if ext in NGINX_LACKS)
    compressed = sorted({NGINX_NAMES.get(ext, mime) for ext, mime in COMPRESSED.items()} - {"text/html"})
    charset = sorted({mime.split(";")[0] for mime in MIME_TYPES.values() if "charset" in mime})
    pages = common + f'    add_header Cache-Control "{REVALIDATE}" always;\n' + f'    add_header Server-Timing "{SAVE_DATA}" always;\n'
    immutable = common + f'    add_header Cache-Control "{IMMUTABLE}" always;\n'
    return (
        f"# Include inside the server {{ }} block that serves the built site at {prefix} (generated by the\n"
        f"# build from SITE_URL). The server's root is the folder that holds the site at {prefix}: for\n"
        "# https://example.gov.cn/bijie/, `root /srv/www;` with the built site/ copied to /srv/www/bijie/.\n"
        "include /etc/nginx/mime.types;\n"
        "types {\n" + types + "}\n"
        "charset utf-8;\ncharset_types " + " ".join(charset) + ";\n"
        "# Text and the WebAssembly compressed on the fly; the zip, wheel, .zst and .gz files are already.\n"
        "gzip on;\ngzip_vary on;\ngzip_comp_level 6;\ngzip_types " + " ".join(compressed) + ";\n"
        "# HTTPS only, from the second visit on (dev/HOSTING.md): sent over HTTPS alone, so that a room's\n"
        "# plain-HTTP laptop never sends it. To never send it, delete the `if` block.\n"
        'set $hsts "";\nif ($scheme = "https") {\n' f'    set $hsts "{HSTS[1]}";\n' "}\n"
        "# A page tells the calculators whether its request asked to save data (runtime.js).\n"
        'set $save_data "off";\nif ($http_save_data = "on") {\n    set $save_data "on";\n}\n'
        "# An address with several slashes in a row is sent to its canonical one: served as it is, its\n"
        "# relative links would resolve under a folder that does not exist.\n"
        'if ($request_uri ~ "^[^?]*//") {\n    return 301 $uri$is_args$args;\n}\n'
        + (f"# The sub-path typed without its slash is the site's home page.\n"
           f"location = {prefix.rstrip('/')} {{\n    return 301 {prefix};\n}}\n" if prefix != "/" else "")
        + f"location {prefix} {{\n" + pages +
        f"    error_page 404 {prefix}404.html;\n    try_files $uri $uri/ =404;\n}}\n"
        f"location {prefix}en/ {{\n" + pages +
        f"    error_page 404 {prefix}en/404.html;\n    try_files $uri $uri/ =404;\n}}\n"
        "# A year for what never changes under its name; the theme's plainly named files revalidate.\n"
        f'location ~ "^{prefix}assets/({_names(VERSIONED_FOLDERS)})/" {{\n' + immutable + "}\n"
        f'location ~ "^{prefix}assets/({_names(HASHED_NAMES_IN)})/.*{HASHED_NAME}" {{\n' + immutable + "}\n"
    )
