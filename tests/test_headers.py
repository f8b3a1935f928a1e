"""The built site's security policy: on every page, in the host header files, and consistent."""

from __future__ import annotations

import re

from conftest import ROOT

from macros import headers

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
    assert nginx.count(f'add_header Content-Security-Policy "{page_policy}; frame-ancestors') == 3
    for name, value in EXPECTED_HEADERS.items():
        assert f"  {name}: {value}\n" in rules, name
        assert nginx.count(f'add_header {name} "{value}" always;') == 3, name


def test_host_files_give_runtime_mime_types_and_cache_versioned_assets():
    rules = (SITE / "_headers").read_text(encoding="utf-8")
    runtime = next((SITE / "assets" / "pyodide").iterdir()).name
    assert f"/assets/pyodide/{runtime}/pyodide.asm.wasm\n  Content-Type: application/wasm" in rules
    assert f"/assets/pyodide/{runtime}/pyodide.mjs\n  Content-Type: text/javascript" in rules
    assert "/assets/wheels/*\n  Cache-Control: public, max-age=31536000, immutable" in rules
    # A host that joins the headers of every matching rule (Cloudflare Pages) must still send one
    # Cache-Control: so no path may match two rules that set it.
    parsed = headers.read_netlify_headers(rules)
    for path in ("/notice/", f"/assets/pyodide/{runtime}/pyodide.asm.wasm", "/assets/wheels/x/y.whl"):
        assert len([v for p, n, v in parsed if n == "Cache-Control" and p.match(path)]) <= 1, path
    nginx = (SITE / "nginx-headers.conf").read_text(encoding="utf-8")
    assert "include /etc/nginx/mime.types;" in nginx and "text/javascript mjs;" in nginx


def test_the_nginx_snippet_tells_every_page_whether_its_request_asked_to_save_data():
    """Both pages' locations answer with the Server-Timing entry runtime.js reads, "on" or "off" (never
    left out: a revalidated page would keep an earlier "on"); browser test: test_wait.py."""
    nginx = (SITE / "nginx-headers.conf").read_text(encoding="utf-8")
    assert 'set $save_data "off";\nif ($http_save_data = "on") {\n    set $save_data "on";\n}\n' in nginx
    assert nginx.count('add_header Server-Timing "save-data;desc=$save_data" always;') == 2
    assert [headers.save_data_timing(v) for v in ("on", " On ", "off", "", None)] == [
        "save-data;desc=on", "save-data;desc=on", "save-data;desc=off", "save-data;desc=off", "save-data;desc=off"]
