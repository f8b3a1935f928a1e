"""The browser code's house rules, read from the tree and the built site: scripts small and split by
role, every message between page and worker named in one protocol module, no Python in a string, the
patches of globals in one module and pinned to the Pyodide they were checked against, and our scripts and
styles served under content names with year-long caching."""

from __future__ import annotations

import hashlib
import json
import re

import pytest
from conftest import ROOT

from macros import asset_names, headers

SITE = ROOT / "site"
JS = ROOT / "docs" / "assets" / "js"
TEMPLATES = ROOT / "macros" / "templates"
SCRIPTS = sorted([*JS.glob("*.js"), *JS.glob("*.mjs"), *TEMPLATES.glob("*.js")])
MODULES = sorted([*JS.glob("*.mjs"), JS / "calculator.js", JS / "calculator-worker.js"])


def protocol() -> dict[str, dict[str, str]]:
    text = (JS / "protocol.mjs").read_text(encoding="utf-8")
    tables = {}
    for name, body in re.findall(r"export const (\w+) = Object\.freeze\(\{(.*?)\}\);", text, re.S):
        tables[name] = dict(re.findall(r'(\w+): "([\w-]+)"', body))
    return tables


@pytest.mark.parametrize("path", SCRIPTS, ids=lambda path: path.name)
def test_no_browser_script_is_over_250_lines(path):
    assert len(path.read_text(encoding="utf-8").splitlines()) <= 250


@pytest.mark.parametrize("path", SCRIPTS, ids=lambda path: path.name)
def test_no_python_hides_in_a_script(path):
    text = path.read_text(encoding="utf-8")
    assert not re.search(r"runPython|\bimport calculators|\bdef \w+\(|\bfrom calculators", text)


def test_every_message_named_anywhere_is_in_the_protocol():
    tables = protocol()
    assert set(tables) == {"TO_WORKER", "FROM_WORKER", "STAGE", "FAILURE", "BATCH_STAGE", "BATCH_FAILURE"}
    for path in MODULES:
        text = path.read_text(encoding="utf-8")
        for table, key in re.findall(r"\b(TO_WORKER|FROM_WORKER|BATCH_STAGE|STAGE|BATCH_FAILURE|FAILURE)\.(\w+)", text):
            assert key in tables[table], f"{path.name}: {table}.{key} is not in protocol.mjs"
        literal = re.search(r'(postMessage|ask)\(\{\s*type:\s*"|\b(data|reply|message)\.type\s*[!=]==\s*"'
                            r'|\b(stage|key):\s*"batch_', text)
        assert not literal, f"{path.name} names a message, a stage or a failure outside protocol.mjs"


def test_the_heads_engine_script_sends_the_protocols_names():
    """runtime.js is written inline into the head (no module, no import): its two messages are checked here."""
    sent = re.findall(r'postMessage\(\{ type: "(\w+)"', (TEMPLATES / "runtime.js").read_text(encoding="utf-8"))
    assert sorted(sent) == sorted(["prepare", "start"])
    assert set(sent) <= set(protocol()["TO_WORKER"].values())


def test_two_scripts_patch_a_global_and_the_downloads_module_names_the_pyodide_it_was_checked_with():
    """The served modules and the build's templates alike: only the download module (fetch, WebAssembly)
    and the search worker's wrapper (its postMessage) replace a global (ARCHITECTURE.md's invariant)."""
    built_in = r"(fetch|postMessage|importScripts|XMLHttpRequest|WebSocket|setTimeout|setInterval|addEventListener)"
    patches = re.compile(rf"^\s*((self|globalThis|window)\.{built_in}|WebAssembly\.\w+)\s*=(?!=)", re.M)
    scripts = [*MODULES, *JS.glob("*.js"), *TEMPLATES.glob("*.js")]
    patching = sorted({path.name for path in scripts if patches.search(path.read_text(encoding="utf-8"))})
    assert patching == ["search-deferred.js", "worker-downloads.mjs"]
    pinned = re.search(r'export const PATCHED_FOR = "([^"]+)"', (JS / "worker-downloads.mjs").read_text(encoding="utf-8"))
    installed = json.loads((ROOT / "package.json").read_text(encoding="utf-8"))["dependencies"]["pyodide"]
    assert pinned[1] == installed, (
        "Pyodide was upgraded: check that it still calls fetch for the standard library and "
        "WebAssembly.instantiateStreaming for its WebAssembly (worker-downloads.mjs), then update PATCHED_FOR")


def test_the_worker_entry_names_every_module_of_the_worker():
    """Each level of imports is one more round trip before a cold start can begin on a slow link."""
    (entry,) = (path.relative_to(SITE).as_posix() for path in (SITE / "assets" / "js").glob("calculator-worker.*.js"))
    direct = asset_names.imports_of((SITE / entry).read_text(encoding="utf-8"))
    closure = asset_names.import_closure(SITE, entry)
    assert len(closure) >= 6
    assert sorted(f"assets/js/{name}" for name in direct) == sorted(set(closure) - {entry})


def test_our_scripts_and_styles_carry_a_hash_of_their_content():
    own = sorted(path for folder in asset_names.OWN_FOLDERS for path in (SITE / folder).iterdir())
    assert len(own) >= 15
    for path in own:
        stem, digest, suffix = path.name.rsplit(".", 2)
        assert len(digest) == asset_names.HASH_LENGTH
        assert hashlib.sha256(path.read_bytes()).hexdigest().startswith(digest), path.name


def test_no_page_names_a_plain_asset_and_every_named_asset_exists():
    plain = re.compile(r"""["'/](assets/(?:js|css)/[\w-]+\.(?:m?js|css))["'?#]""")
    named = re.compile(r"""["'/](assets/(?:js|css)/[\w.-]+\.(?:m?js|css))["'?#]""")
    for page in SITE.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert plain.findall(html) == [], page
        assert all((SITE / path).is_file() for path in named.findall(html)), page


def test_hosts_cache_our_assets_for_a_year():
    rules = headers.read_netlify_headers((SITE / "_headers").read_text(encoding="utf-8"))
    for path in [*(SITE / "assets" / "js").iterdir(), *(SITE / "assets" / "css").iterdir()]:
        served = "/" + path.relative_to(SITE).as_posix()
        assert headers.headers_for(rules, served)["Cache-Control"] == headers.IMMUTABLE
    nginx = (SITE / "nginx-headers.conf").read_text(encoding="utf-8")
    assert re.search(r'location ~ "\^/assets/\([^)]*\bjs\|css\)/', nginx)


def test_a_module_renamed_renames_what_imports_it(tmp_path):
    js = tmp_path / "assets" / "js"
    js.mkdir(parents=True)
    (js / "leaf.mjs").write_text("export const a = 1;\n", encoding="utf-8")
    (js / "entry.js").write_text('import { a } from "./leaf.mjs";\nconsole.log(a);\n', encoding="utf-8")
    (tmp_path / "index.html").write_text('<script type="module" src="assets/js/entry.js"></script>', encoding="utf-8")
    first = asset_names.rename_assets(tmp_path)
    entry = (tmp_path / first["assets/js/entry.js"]).read_text(encoding="utf-8")
    assert f'from "./{first["assets/js/leaf.mjs"].rpartition("/")[2]}"' in entry
    assert first["assets/js/entry.js"] in (tmp_path / "index.html").read_text(encoding="utf-8")
    for path in js.iterdir():
        path.unlink()
    (js / "leaf.mjs").write_text("export const a = 2;\n", encoding="utf-8")
    (js / "entry.js").write_text('import { a } from "./leaf.mjs";\nconsole.log(a);\n', encoding="utf-8")
    second = asset_names.rename_assets(tmp_path)
    assert second["assets/js/entry.js"] != first["assets/js/entry.js"]
