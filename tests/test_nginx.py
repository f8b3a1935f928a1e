"""The nginx snippet on a real nginx (Debian's, installed by make test), serving the built site under
/bijie/ as a bureau's web team would: over HTTP and HTTPS, with the snippet written for that sub-path.

What a host owes the site: the text and the WebAssembly compressed and nothing compressed twice, the
types a calendar and a template open with, the site's own not-found pages under the sub-path, a year's
caching only for what never changes under its name, HSTS over HTTPS alone; and a phone's first visit
no heavier than from devkit's host, which the bench measures.
"""

from __future__ import annotations

import gzip
import http.client
import os
import re
import socket
import ssl
import subprocess
import time
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from conftest import ROOT

from devkit.host import Host
from macros import headers

SITE = ROOT / "site"
PREFIX = "/bijie/"
NGINX = os.environ.get("NGINX", "/usr/sbin/nginx")
TENURE = "calculators/tenure/"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def host_policy() -> str:
    rules = headers.read_netlify_headers((SITE / "_headers").read_text(encoding="utf-8"))
    return headers.headers_for(rules, "/")["Content-Security-Policy"]


@pytest.fixture(scope="module")
def nginx(tmp_path_factory) -> dict[str, str]:
    """nginx serving site/ under /bijie/ on two loopback ports, plain and TLS (a certificate of its own)."""
    if not Path(NGINX).exists():
        pytest.fail("nginx is missing: make test installs Debian's nginx package (as root: apt-get install nginx)")
    work = tmp_path_factory.mktemp("nginx")
    (work / "www").mkdir()
    (work / "www" / PREFIX.strip("/")).symlink_to(SITE)
    (work / "site.conf").write_text(headers.nginx_snippet(host_policy(), PREFIX), encoding="utf-8")
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=127.0.0.1",
                    "-keyout", str(work / "key.pem"), "-out", str(work / "cert.pem")], check=True, capture_output=True)
    plain, tls = free_port(), free_port()
    temp = "".join(f"  {kind}_temp_path {work}/{kind};\n" for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    (work / "nginx.conf").write_text(
        ("user root root;\n" if os.geteuid() == 0 else "")
        + f"worker_processes 1;\ndaemon off;\npid {work}/nginx.pid;\nerror_log {work}/error.log;\nevents {{}}\n"
        f"http {{\n  access_log off;\n{temp}  server {{\n    listen 127.0.0.1:{plain};\n"
        f"    listen 127.0.0.1:{tls} ssl;\n    ssl_certificate {work}/cert.pem;\n    ssl_certificate_key {work}/key.pem;\n"
        f"    root {work}/www;\n    include {work}/site.conf;\n  }}\n}}\n", encoding="utf-8")
    command = [NGINX, "-p", str(work), "-e", str(work / "error.log"), "-c", str(work / "nginx.conf")]
    checked = subprocess.run([*command, "-t"], capture_output=True, text=True)
    assert checked.returncode == 0, checked.stderr
    server = subprocess.Popen(command)
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", plain), timeout=1).close()
            break
        except OSError:
            time.sleep(0.05)
    yield {"http": f"http://127.0.0.1:{plain}{PREFIX}", "https": f"https://127.0.0.1:{tls}{PREFIX}",
           "warnings": checked.stderr}
    server.terminate()
    server.wait(timeout=10)


@pytest.fixture(scope="module")
def devkit_host():
    served = Host(SITE, prefix=PREFIX)
    yield served.url
    served.close()


def get(url: str, gzip_ok: bool = True) -> tuple[int, dict[str, str], bytes]:
    """One GET as a browser sends it (gzip accepted); the status, headers (lower-case names), body as sent."""
    parts = urlsplit(url)
    if parts.scheme == "https":
        connection = http.client.HTTPSConnection(parts.hostname, parts.port, context=ssl._create_unverified_context())  # noqa: S323 - our own certificate
    else:
        connection = http.client.HTTPConnection(parts.hostname, parts.port)
    connection.request("GET", parts.path, headers={"Accept-Encoding": "gzip, deflate, br"} if gzip_ok else {})
    response = connection.getresponse()
    body = response.read()
    connection.close()
    return response.status, {name.lower(): value for name, value in response.getheaders()}, body


def a_file(suffix: str, least: int = 257) -> str:
    """A file of the built site with that ending, big enough for a host to compress (path from the site root)."""
    found = sorted(p for p in SITE.rglob(f"*{suffix}") if p.is_file() and p.stat().st_size >= least)
    assert found, f"the build has no {suffix} file"
    return found[0].relative_to(SITE).as_posix()


def test_nginx_takes_the_snippet_without_a_warning(nginx):
    assert "warn" not in nginx["warnings"], nginx["warnings"]


# Every type the host compresses that the build has a file of (pages: below).
SERVED_COMPRESSED = sorted(s for s in set(headers.COMPRESSED) - {".html"} if any(
    p.stat().st_size > 256 for p in SITE.rglob(f"*{s}")))


def test_the_build_has_a_file_of_nearly_every_compressed_type():
    assert len(SERVED_COMPRESSED) >= 9, SERVED_COMPRESSED


@pytest.mark.parametrize("suffix", SERVED_COMPRESSED)
def test_every_text_type_and_the_webassembly_are_compressed(nginx, suffix):
    path = a_file(suffix)
    status, sent, body = get(nginx["http"] + path)
    assert status == 200 and sent.get("content-encoding") == "gzip", (path, sent)
    assert "Accept-Encoding" in sent.get("vary", ""), path
    assert gzip.decompress(body) == (SITE / path).read_bytes()


def test_pages_are_compressed_and_what_is_compressed_already_is_not(nginx):
    status, sent, _ = get(nginx["http"] + TENURE)
    assert status == 200 and sent["content-encoding"] == "gzip" and sent["content-type"] == "text/html; charset=utf-8"
    for suffix in (".zst", ".whl", ".zip", ".gz"):
        path = a_file(suffix)
        status, sent, body = get(nginx["http"] + path)
        assert status == 200 and "content-encoding" not in sent and body == (SITE / path).read_bytes(), path


TYPES = {".ics": "text/calendar; charset=utf-8", ".csv": "text/csv; charset=utf-8", ".mjs": "text/javascript",
         ".wasm": "application/wasm", ".zst": "application/zstd", ".whl": "application/zip",
         ".webmanifest": "application/manifest+json"}


@pytest.mark.parametrize("suffix", TYPES)
def test_both_hosts_send_each_file_with_its_type(nginx, devkit_host, suffix):
    """A calendar opens in the calendar and a template in the spreadsheet, not as a download of unknown bytes."""
    path = a_file(suffix, least=1)
    for base in (nginx["http"], devkit_host):
        status, sent, _ = get(base + path)
        assert status == 200 and sent["content-type"] == TYPES[suffix], (base, path)


@pytest.mark.parametrize(("path", "lang"), [("no/such/page/", "zh"), ("en/no/such/page/", "en"), ("assets/none.js", "zh")])
def test_a_missing_address_under_the_sub_path_gets_the_sites_own_not_found_page(nginx, path, lang):
    status, sent, body = get(nginx["http"] + path, gzip_ok=False)
    assert status == 404
    assert f'data-not-found="{lang}"' in body.decode("utf-8")
    assert sent["content-security-policy"].startswith("default-src 'self'")


def test_the_sub_path_without_its_slash_is_sent_to_the_home_page(nginx):
    status, sent, _ = get(nginx["http"].rstrip("/"))
    assert status == 301 and sent["location"].endswith(PREFIX)


def test_a_year_of_caching_only_for_names_that_change_with_their_content(nginx):
    """The theme's plainly named files (its search languages, its source maps) revalidate: a theme upgrade
    changes them under the same name. The hashed and versioned ones are kept for a year."""
    rules = headers.read_netlify_headers((SITE / "_headers").read_text(encoding="utf-8"))
    plain = ["assets/javascripts/lunr/tinyseg.js", a_file(".min.js.map"), TENURE]
    kept = [a_file(".min.js"), a_file(".min.css"), next(p.relative_to(SITE).as_posix() for p in (SITE / "assets" / "js").glob("site.*.js")),
            a_file(".wasm"), a_file(".whl")]
    for path in plain + kept:
        status, sent, _ = get(nginx["http"] + path)
        expected = headers.IMMUTABLE if path in kept else headers.REVALIDATE
        assert status == 200 and sent["cache-control"] == expected, path
        assert headers.headers_for(rules, "/" + path).get("Cache-Control", headers.REVALIDATE) == expected, path


def test_hsts_over_https_only(nginx):
    assert "strict-transport-security" not in get(nginx["http"] + TENURE)[1]
    for path in (TENURE, a_file(".wasm"), "no/such/page/"):
        assert get(nginx["https"] + path)[1]["strict-transport-security"] == "max-age=31536000", path


def first_visit(base: str) -> int:
    """The bytes a phone's first visit to the tenure calculator receives: the page, what its head and body
    load, and what a start on a slow link downloads (the compressed WebAssembly and standard library)."""
    status, _, body = get(base + TENURE)
    page = gzip.decompress(body).decode("utf-8")
    assets = set(re.findall(r'(?:src|href)="((?:\.\./)+assets/[^"]+\.(?:m?js|css))"', page))
    runtime = re.search(r'data-runtime="([^"]+)"', page)[1]
    slow = ["pyodide.asm.wasm.zst", "pyodide.mjs", "pyodide.asm.mjs", "pyodide-lock.json"]
    stdlib = re.search(r'data-stdlib="([^"]+)"', page)[1] + ".zst"
    wheel = re.search(r'data-wheel="([^"]+)"', page)[1]
    paths = [*sorted(assets), *(runtime + name for name in slow), stdlib, wheel]
    total = len(body)
    for path in paths:
        status, _, sent = get(urljoin(base + TENURE, path))
        assert status == 200, path
        total += len(sent)
    return total


def test_a_phones_first_visit_is_no_heavier_from_nginx_than_from_the_benchs_host(nginx, devkit_host):
    ours, theirs = first_visit(nginx["http"]), first_visit(devkit_host)
    assert ours <= theirs * 1.02, (ours, theirs)
