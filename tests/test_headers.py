"""The built site's security policy: on every page, in the host header files, and consistent."""

from __future__ import annotations

import re

import pytest
from conftest import ROOT

from macros import build_hooks, headers

SITE = ROOT / "site"
PAGES = sorted(SITE.rglob("*.html"))
META = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">')
REFERRER = re.compile(r'<meta name="referrer" content="([^"]*)">')

# The policy as the README states it, written out here rather than read from macros/headers.py,
# so that a change on either side alone fails.
EXPECTED_DIRECTIVES = {
    "default-src": "'self'", "style-src": "'self'", "img-src": "'self' data:", "font-src": "'self'",
    "connect-src": "'self'", "worker-src": "'self'", "manifest-src": "'self'", "object-src": "'none'",
    "base-uri": "'self'", "form-action": "'self'",
}
EXPECTED_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
}


def test_the_build_is_there():
    assert len(PAGES) >= 22, "site/ is missing or empty: run make build"


def page_policies() -> dict[str, str]:
    return {str(p.relative_to(SITE)): META.findall(p.read_text(encoding="utf-8")) for p in PAGES}


def test_every_page_has_one_policy_before_any_script():
    for path in PAGES:
        text = path.read_text(encoding="utf-8")
        assert len(META.findall(text)) == 1, path
        assert text.index("Content-Security-Policy") < text.index("<script"), path
        assert REFERRER.findall(text) == ["no-referrer"], path
        assert text.index('name="referrer"') < text.index("<script"), path


def test_scripts_only_from_the_site_and_inline_scripts_by_hash():
    policies = {p[0] for p in page_policies().values()}
    assert len(policies) == 1
    policy = policies.pop()
    directives = dict(d.split(" ", 1) for d in policy.split("; "))
    scripts = directives.pop("script-src").split()
    assert directives == EXPECTED_DIRECTIVES
    assert scripts[:2] == ["'self'", "'wasm-unsafe-eval'"]
    assert all(s.startswith("'sha256-") for s in scripts[2:])
    assert "unsafe-inline" not in policy and "unsafe-eval'" not in policy.replace("wasm-unsafe-eval", "")
    assert "http" not in policy
    for path in PAGES:
        for body in headers.inline_scripts(path.read_text(encoding="utf-8")):
            assert headers.script_hash(body) in scripts, path


def test_host_header_files_carry_the_same_policy():
    page_policy = next(iter(page_policies().values()))[0]
    rules = (SITE / "_headers").read_text(encoding="utf-8")
    assert f"  Content-Security-Policy: {page_policy}; frame-ancestors 'self'\n" in rules
    nginx = (SITE / "nginx-headers.conf").read_text(encoding="utf-8")
    locations = nginx.count("\nlocation ") - nginx.count("\nlocation = ")  # not the sub-path's redirect
    assert locations == 4
    assert nginx.count(f'add_header Content-Security-Policy "{page_policy}; frame-ancestors') == locations
    for name, value in EXPECTED_HEADERS.items():
        assert f"  {name}: {value}\n" in rules, name
        assert nginx.count(f'add_header {name} "{value}" always;') == locations, name
    # HSTS: always from the HTTPS-only hosts, from nginx only over HTTPS (test_nginx.py serves both).
    assert "  Strict-Transport-Security: max-age=31536000\n" in rules
    assert nginx.count("add_header Strict-Transport-Security $hsts always;") == locations
    assert 'if ($scheme = "https") {\n    set $hsts "max-age=31536000";\n}' in nginx


def test_host_files_give_runtime_mime_types_and_cache_versioned_assets():
    rules = (SITE / "_headers").read_text(encoding="utf-8")
    runtime = next((SITE / "assets" / "pyodide").iterdir()).name
    assert f"/assets/pyodide/{runtime}/pyodide.asm.wasm\n  Content-Type: application/wasm" in rules
    assert f"/assets/pyodide/{runtime}/pyodide.mjs\n  Content-Type: text/javascript" in rules
    assert "/assets/wheels/*\n  Cache-Control: public, max-age=31536000, immutable" in rules
    assert "/data/key-dates.zh.ics\n  Content-Type: text/calendar; charset=utf-8" in rules
    assert "/data/tenure-template.zh.csv\n  Content-Type: text/csv; charset=utf-8" in rules
    # A host that joins the headers of every matching rule (Cloudflare Pages) must still send one
    # Cache-Control: so no path may match two rules that set it.
    parsed = headers.read_netlify_headers(rules)
    for path in ["/" + p.relative_to(SITE).as_posix() for p in SITE.rglob("*") if p.is_file()]:
        assert len([v for p, n, v in parsed if n == "Cache-Control" and p.match(path)]) <= 1, path
    nginx = (SITE / "nginx-headers.conf").read_text(encoding="utf-8")
    assert "include /etc/nginx/mime.types;" in nginx and "text/javascript mjs;" in nginx


def test_a_year_of_caching_for_every_hashed_or_versioned_name_and_for_nothing_else():
    """The theme's search languages and source maps are named plainly: a theme upgrade changes them in
    place, so they revalidate; every file whose name carries its content's hash, or sits in a folder
    named by a version, is kept for a year (test_nginx.py: the same from a real nginx)."""
    rules = headers.read_netlify_headers((SITE / "_headers").read_text(encoding="utf-8"))
    kept, plain = [], []
    for file in (p for p in (SITE / "assets").rglob("*") if p.is_file()):
        path = "/" + file.relative_to(SITE).as_posix()
        immutable = headers.headers_for(rules, path).get("Cache-Control") == headers.IMMUTABLE
        (kept if immutable else plain).append(path)
        assert immutable == headers.is_immutable(path), path
    assert any(p.endswith("/lunr/tinyseg.js") for p in plain) and any(p.endswith(".min.js.map") for p in plain)
    assert any(re.search(r"/bundle\.[0-9a-f]{8}\.min\.js$", p) for p in kept)
    assert any(re.search(r"/search-deferred\.[0-9a-f]{12}\.js$", p) for p in kept)
    assert all(p.startswith(("/assets/pyodide/", "/assets/wheels/")) or re.search(headers.HASHED_NAME, p) for p in kept)


@pytest.mark.parametrize(("site_url", "prefix", "note"), [
    (None, "/", False), ("https://example.gov.cn/", "/", False), ("https://example.gov.cn/bijie/", "/bijie/", True)])
def test_the_snippet_and_the_robots_note_follow_the_sub_path(site_url, prefix, note):
    snippet = headers.nginx_snippet("default-src 'self'", build_hooks.site_prefix(site_url))
    assert f"location {prefix} {{" in snippet and f"error_page 404 {prefix}en/404.html;" in snippet
    said = build_hooks.robots_note(site_url)
    assert (said is not None) == note
    if note:
        assert "https://example.gov.cn/robots.txt" in said and "Allow: /bijie/" in said
        assert "Sitemap: https://example.gov.cn/bijie/sitemap.xml" in said


def test_the_nginx_snippet_tells_every_page_whether_its_request_asked_to_save_data():
    """Both pages' locations answer with the Server-Timing entry runtime.js reads, "on" or "off" (never
    left out: a revalidated page would keep an earlier "on"); browser test: test_wait.py."""
    nginx = (SITE / "nginx-headers.conf").read_text(encoding="utf-8")
    assert 'set $save_data "off";\nif ($http_save_data = "on") {\n    set $save_data "on";\n}\n' in nginx
    assert nginx.count('add_header Server-Timing "save-data;desc=$save_data" always;') == 2
    assert [headers.save_data_timing(v) for v in ("on", " On ", "off", "", None)] == [
        "save-data;desc=on", "save-data;desc=on", "save-data;desc=off", "save-data;desc=off", "save-data;desc=off"]
