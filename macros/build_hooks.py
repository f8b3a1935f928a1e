"""MkDocs hooks: ship the calculators and the Pyodide runtime with the site, from this repository only.

The wheel is built from ``calculators/`` with ``python -m build`` and placed under a
folder named by the hash of its sources, so a new build never meets a stale cached
copy. The runtime files come from the pinned npm package ``pyodide`` (``npm ci``).
"""

from __future__ import annotations

import gzip
import hashlib
import json
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import zstandard
from mkdocs.utils.yaml import yaml_load

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from macros import asset_names, headers, icons, open_data, widgets  # noqa: E402
from macros.ui import t  # noqa: E402

TEMPLATES = Path(__file__).resolve().parent / "templates"  # what the build fills in; never served as it is
PYODIDE = ROOT / "node_modules" / "pyodide"
RUNTIME_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip", "pyodide-lock.json")
# The WebAssembly and the cut-down standard library also go out compressed with zstd, which the worker
# decompresses as they arrive (fzstd, 24 KB): 2.9 MB and 0.8 MB instead of the 3.6 MB a host's gzip
# makes of the first and the 1.1 MB of the second (zip entries cannot share a dictionary). A window of
# 2 MB (2^21) keeps the decoder's work small; a larger one saves 1%.
ZSTD_LEVEL = 19
ZSTD_WINDOW_LOG = 21
FZSTD = ROOT / "node_modules" / "fzstd" / "esm" / "index.mjs"
# The QR encoder the pages use to redraw a printed code for the site they are open at (addresses.js).
UQR = ROOT / "node_modules" / "uqr" / "dist" / "index.mjs"
STDLIB_CACHE = ROOT / "build" / "stdlib"
# The inputs the build runs under Pyodide to learn which standard-library modules the engine imports:
# the build's own file (every calculator, accepted and rejected inputs), not the tests' data.
TRACE_CASES = ROOT / "macros" / "trace_inputs.json"
# An Excel 97-2003 roster (made with xlwt): what reading one imports goes into the more part of the library.
TRACE_XLS = ROOT / "macros" / "trace.xls"
WHEEL_DIR = ROOT / "build" / "wheels"
BROWSER_WHEELS = ROOT / "build" / "browser-wheels"
COMPILED_WHEELS = ROOT / "build" / "compiled-wheels"


def sources_hash() -> str:
    """A short hash of everything that goes into the wheel."""
    digest = hashlib.sha256()
    for path in sorted([ROOT / "pyproject.toml", *(ROOT / "calculators").glob("*.py")]):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:12]


def build_wheel() -> Path:
    """The calculators wheel for the current sources, built once per change."""
    out = WHEEL_DIR / sources_hash()
    wheels = list(out.glob("*.whl"))
    if not wheels:
        subprocess.run([sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(out), str(ROOT)],
                       check=True, capture_output=True)
        shutil.rmtree(ROOT / "build" / "lib", ignore_errors=True)
        wheels = list(out.glob("*.whl"))
    return wheels[0]


def pyodide_version() -> str:
    package = PYODIDE / "package.json"
    if not package.exists():
        raise SystemExit("node_modules/pyodide is missing: run `npm ci` (make build does)")
    return json.loads(package.read_text())["version"]


def on_config(config: Any) -> Any:
    """Build the wheel and tell the pages where it and the runtime (by version) will be served."""
    wheel = build_wheel()
    config["extra"]["calculators_wheel"] = f"assets/wheels/{wheel.parent.name}/{wheel.name}"
    config["extra"]["pyodide_dir"] = f"assets/pyodide/{pyodide_version()}/"
    stdlib, more = trimmed_stdlib(wheel)
    config["extra"]["stdlib"] = f"{config['extra']['pyodide_dir']}{stdlib.name}"
    config["extra"]["stdlib_more"] = f"{config['extra']['pyodide_dir']}{more.name}"
    snapshot = built_snapshot(stdlib, wheel)
    config["extra"]["snapshot"] = f"{config['extra']['pyodide_dir']}{snapshot.name.removesuffix('.gz')}"
    # What the worker fetches, and counts, while Python starts, on a fast link (the plain WebAssembly with
    # the host's gzip, counted decoded, and the build's snapshot instead of the engine's wheel) and on a
    # slow one: the total of the page's progress bar (pyodide.mjs and pyodide.asm.mjs are imported as
    # modules, outside the count; a .zst or .gz file is counted as it arrives).
    fetched = [PYODIDE / "pyodide-lock.json", zstd_copy(stdlib)]
    for link, files in (("fast", [PYODIDE / "pyodide.asm.wasm", snapshot]),
                        ("slow", [zstd_copy(PYODIDE / "pyodide.asm.wasm"), wheel])):
        config["extra"][f"runtime_bytes_{link}"] = sum(path.stat().st_size for path in [*files, *fetched])
    config["extra"]["stdlib_fallback"] = fallback_modules(stdlib)
    wheels = {path.name.split("-")[0]: f"assets/wheels/{path.parent.name}/{path.name}" for path in compiled_wheels()}
    config["extra"]["xlsx_wheels"] = [wheels["et_xmlfile"], wheels["openpyxl"], wheels["xlrd"]]
    config["extra"]["qr_wheel"] = wheels["segno"]
    config["extra"]["public_url"] = public_url(config["extra"].get("public_url"))
    return config


def public_url(configured: str | None) -> str:
    """The address the site is published at (SITE_URL), ending in "/": printed QR codes and URLs point there,
    since a sheet of paper has no address bar to take it from."""
    url = (configured or "").strip()
    if not url.startswith(("http://", "https://")):
        raise SystemExit(f"SITE_URL must be an absolute http(s) address, not {url!r}")
    return url if url.endswith("/") else url + "/"


def trimmed_stdlib(wheel: Path) -> tuple[Path, Path]:
    """Pyodide's standard library zip cut down to the modules the calculators import, as bytecode
    (macros/stdlib.mjs, under Pyodide in Node), in two parts: what a start and every answer need, which
    the page downloads, and the more that a workbook or the answer sheet's QR code needs, fetched with
    their wheels. A phone's first visit downloads less, and Python starts without compiling its own
    modules. Named by what they were made from, so that a changed engine never meets a stale copy; the
    worker falls back to the full zip for a missed module."""
    wheels = [wheel, *browser_wheels()]
    # The engine by its sources, not its wheel: a rebuilt wheel's bytes differ (file times), its code does not.
    digest = hashlib.sha256(f"{pyodide_version()} {sources_hash()}".encode())
    for path in [*browser_wheels(), TRACE_CASES, TRACE_XLS, ROOT / "macros" / "stdlib.mjs",
                 ROOT / "macros" / "stdlib_trace.py"]:
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    start = STDLIB_CACHE / f"python_stdlib-{digest.hexdigest()[:12]}.zip"
    more = STDLIB_CACHE / f"python_stdlib_more-{digest.hexdigest()[:12]}.zip"
    if start.exists() and more.exists():
        return start, more
    workbook = STDLIB_CACHE / "trace.xlsx"
    STDLIB_CACHE.mkdir(parents=True, exist_ok=True)
    workbook.write_bytes(open_data.template_xlsx("tenure", "zh"))
    try:
        run_under_pyodide("stdlib.mjs", TRACE_CASES, workbook, TRACE_XLS, start, more, *wheels)
    except SystemExit:
        start.unlink(missing_ok=True)
        more.unlink(missing_ok=True)
        raise
    return start, more


def run_under_pyodide(script: str, *args: Path) -> None:
    """Run one of the build's Node scripts (``macros/<script>``) with the pinned Pyodide as its first
    argument. A failure stops the build with the script's error output, less the lines Pyodide's
    tracebacks quote from its minified runtime (one line of it is tens of kilobytes and would hide the
    Python traceback)."""
    made = subprocess.run(["node", str(ROOT / "macros" / script), str(PYODIDE), *map(str, args)],
                          capture_output=True, text=True)
    if made.returncode:
        raise SystemExit(f"macros/{script} failed:\n" + "\n".join(
            line for line in made.stderr.splitlines() if len(line) < 300)[-3000:])


def built_snapshot(stdlib: Path, wheel: Path) -> Path:
    """The interpreter with the engine imported, as a memory snapshot made in Node the way the worker makes
    one (macros/snapshot.mjs), packed and gzipped (4.3 MB), for a fast link's first visit: it saves that
    visit starting Python and importing the engine, about a second of CPU on a desktop, for 4.3 MB that
    such a link brings in well under that. Named by everything it is made from; gzip, not zstd, because
    the browser decodes gzip natively (DecompressionStream) in a few milliseconds."""
    digest = hashlib.sha256(f"{pyodide_version()} {stdlib.name} {sources_hash()}".encode())
    for path in (ROOT / "macros" / "snapshot.mjs", ROOT / "docs" / "assets" / "js" / "snapshot.mjs"):
        digest.update(path.read_bytes())
    target = STDLIB_CACHE / f"python-snapshot-{digest.hexdigest()[:12]}.bin.gz"
    if target.exists():
        return target
    packed = target.with_suffix("")
    run_under_pyodide("snapshot.mjs", stdlib, wheel, packed)
    target.write_bytes(gzip.compress(packed.read_bytes(), 9, mtime=0))
    packed.unlink()
    return target


def zstd_copy(path: Path) -> Path:
    """``path`` compressed with zstd beside the build's cut-down standard library (kept: level 19 takes
    seconds), named after it with ``.zst``; the runtime's files are named by their version."""
    name = path.name if path.parent == STDLIB_CACHE else f"{pyodide_version()}-{path.name}"
    target = STDLIB_CACHE / f"{name}.zst"
    if not target.exists():
        parameters = zstandard.ZstdCompressionParameters.from_level(ZSTD_LEVEL, window_log=ZSTD_WINDOW_LOG,
                                                                    write_content_size=True)
        STDLIB_CACHE.mkdir(parents=True, exist_ok=True)
        target.write_bytes(zstandard.ZstdCompressor(compression_params=parameters).compress(path.read_bytes()))
    return target


def fallback_modules(trimmed: Path) -> list[str]:
    """The top-level modules and packages of which the full standard library zip holds more than the
    trimmed one: the worker fetches the full zip for these, and never for a module Pyodide lacks
    altogether (``pwd``, which a package may merely try)."""
    def python_files(names: list[str]) -> set[str]:
        return {name.removesuffix("c") for name in names if name.endswith((".py", ".pyc"))}

    missing = python_files(zipfile.ZipFile(PYODIDE / "python_stdlib.zip").namelist()) - python_files(
        zipfile.ZipFile(trimmed).namelist())
    return sorted({name.split("/")[0].removesuffix(".py") for name in missing})


def configured_public_url() -> str:
    """The published address a build from this checkout uses (mkdocs.yml with SITE_URL); the tests read it."""
    return public_url(yaml_load((ROOT / "mkdocs.yml").read_bytes())["extra"]["public_url"])


def browser_wheels() -> list[Path]:
    """The pinned wheels (requirements-browser.txt) the page loads into Pyodide when they are needed."""
    wheels = sorted(BROWSER_WHEELS.glob("*.whl"))
    if len(wheels) != 4:
        raise SystemExit("build/browser-wheels is incomplete: run `make build` (it downloads requirements-browser.txt)")
    return wheels


def compiled_wheels() -> list[Path]:
    """The pinned wheels as the page gets them: their modules compiled to bytecode for the page's Python
    (macros/wheels.mjs, under Pyodide in Node), so that installing one does not compile it (openpyxl: 178
    modules, about a second). In a folder named by what they were made from, which the site serves too:
    the files are cached forever under their address."""
    digest = hashlib.sha256(pyodide_version().encode())
    for path in [ROOT / "macros" / "wheels.mjs", ROOT / "macros" / "compile_wheel.py", *browser_wheels()]:
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    folder = COMPILED_WHEELS / f"bytecode-{digest.hexdigest()[:12]}"
    wheels = [folder / path.name for path in browser_wheels()]
    if all(path.exists() for path in wheels):
        return wheels
    made = folder.with_name(folder.name + ".partial")
    shutil.rmtree(made, ignore_errors=True)
    made.mkdir(parents=True)
    run_under_pyodide("wheels.mjs", made, *browser_wheels())
    shutil.rmtree(folder, ignore_errors=True)
    made.rename(folder)
    return wheels


TABLE_CAPTION = re.compile(r'<p class="table-caption">(.*?)</p>\s*<table>', re.S)


def on_env(env: Any, config: Any, files: Any) -> Any:
    """The theme's own templates (the not-found page) take their words from ``macros/ui.py`` too, and the
    head its icon's colour (the browser's bar) from ``macros/icons.py``."""
    env.globals["ui_words"] = t
    env.globals["icon_colour"] = icons.RED
    return env


def on_page_context(context: dict[str, Any], page: Any, config: Any, nav: Any) -> dict[str, Any]:
    """The home pages' language links, which the i18n plugin writes as paths from the host's root ("/",
    "/en/") when no SITE_URL says where the site is, become paths from the site's root: the theme then
    writes them relative to the page, and they work under any sub-path."""
    if not config.get("site_url"):
        # The plugin sets the links as an attribute of extra, which the theme's template reads first.
        for alternate in getattr(config.extra, "alternate", None) or config.extra.get("alternate") or []:
            alternate["link"] = alternate["link"].lstrip("/")
    return context


def on_post_page(output: str, page: Any, config: Any) -> str:
    """A code block wider than its column can be scrolled from the keyboard: its ``<code>``, the element
    the theme scrolls, takes the focus. A Markdown table takes the paragraph marked
    ``{: .table-caption }`` just before it as its caption (Markdown has no syntax for one). A page with a
    calculator starts its engine first thing in its head (only the security policy, which on_post_build
    puts right after the charset, comes before), before the theme's stylesheets and scripts are asked for."""
    output = re.sub(r"(<pre>(?:<span></span>)?<code)(?=[ >])", r'\1 tabindex="0"', output)
    output = TABLE_CAPTION.sub(r"<table>\n<caption>\1</caption>", output)
    names = sorted(set(re.findall(r'data-calculator="([a-z_]+)"', output)))
    if not names:
        return output
    return output.replace(headers.META_AFTER, headers.META_AFTER + widgets.engine_script(
        widgets.page_root(page.url), config["extra"], names), 1)


NOT_FOUND: dict[str, str] = {}  # the Chinese not-found page, kept while the English build writes its own


def on_post_template(output: str, template_name: str, config: Any) -> str:
    """The site's own templates, per language build: each language gets its not-found page (Chinese at
    the root, English at en/404.html, where hosts that look for the nearest one find it); and a build
    that was not told its published address writes no sitemap, whose every address would be "None…"."""
    if template_name == "sitemap.xml" and not config["site_url"]:
        return ""
    if template_name != "404.html":
        return output
    if config["theme"]["language"] != "en":
        NOT_FOUND["zh"] = output
        return output
    english = Path(config["site_dir"]) / "en" / "404.html"
    english.parent.mkdir(parents=True, exist_ok=True)
    english.write_text(output, encoding="utf-8")
    return NOT_FOUND.get("zh", output)


def robots_txt(site_url: str | None) -> str:
    """Every page may be indexed; the sitemap is named where the build knows the published address."""
    return "User-agent: *\nAllow: /\n" + (f"\nSitemap: {site_url}sitemap.xml\n" if site_url else "")


def site_prefix(site_url: str | None) -> str:
    """The path the site is published under ("/bijie/"), or "/" at a host's root or when unsaid."""
    return (urlsplit(site_url).path or "/") if site_url else "/"


SAID: set[str] = set()  # what the build has printed for the person building


def robots_note(site_url: str | None) -> str | None:
    """What to add to the host's own robots.txt when the site is under a sub-path: crawlers read only
    the one at the host's root, never ours (dev/HOSTING.md)."""
    prefix = site_prefix(site_url)
    if prefix == "/":
        return None
    root = urlsplit(site_url)._replace(path="/robots.txt").geturl()
    return (f"The site is published under {prefix}: crawlers read only {root}. Add to it:\n"
            f"  Allow: {prefix}\n  Sitemap: {site_url}sitemap.xml")


def on_post_build(config: Any) -> None:
    """Complete the built site: the wheel and the runtime files (nothing else of the npm package),
    the open data files, the security policy on every page and for hosts, and the service worker."""
    site = Path(config["site_dir"])
    runtime = site / config["extra"]["pyodide_dir"]
    runtime.mkdir(parents=True, exist_ok=True)
    for name in RUNTIME_FILES:
        shutil.copy2(PYODIDE / name, runtime / name)
    # Served compressed: with zstd the WebAssembly (beside its plain copy) and both parts of the standard
    # library, with gzip the build's snapshot.
    compressed = {f"{config['extra']['pyodide_dir']}pyodide.asm.wasm.zst": zstd_copy(PYODIDE / "pyodide.asm.wasm")}
    for part in ("stdlib", "stdlib_more"):
        compressed[f"{config['extra'][part]}.zst"] = zstd_copy(STDLIB_CACHE / Path(config["extra"][part]).name)
    compressed[f"{config['extra']['snapshot']}.gz"] = STDLIB_CACHE / f"{Path(config['extra']['snapshot']).name}.gz"
    for path, source in compressed.items():
        shutil.copy2(source, site / path)
    shutil.copy2(FZSTD, site / "assets" / "js" / "fzstd.mjs")
    shutil.copy2(UQR, site / "assets" / "js" / "uqr.mjs")
    names = asset_names.rename_assets(site)
    asset_names.preload_modules(site, names["assets/js/calculator.js"])
    wheel = build_wheel()
    target = site / config["extra"]["calculators_wheel"]
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy2(wheel, target)
    for path in compiled_wheels():
        (site / "assets" / "wheels" / path.parent.name).mkdir(parents=True, exist_ok=True)
        shutil.copy2(path, site / "assets" / "wheels" / path.parent.name / path.name)
    open_data.write_all(site, config["site_url"])
    (site / "robots.txt").write_text(robots_txt(config["site_url"]), encoding="utf-8")
    icons.write_all(site)
    note = robots_note(config["site_url"])
    if note and note not in SAID:  # the i18n plugin ends the build once per language
        SAID.add(note)
        print(note, file=sys.stderr)
    search_files = defer_search_index(site)
    runtime_files = [f"{config['extra']['pyodide_dir']}{name}" for name in RUNTIME_FILES]
    secure_pages(site, site_prefix(config["site_url"]))
    # Kept for offline use: what a start downloads (the full standard library only if it was ever needed).
    # The WebAssembly and the standard library are not listed: the worker keeps them plain itself, in
    # whichever form it fetched them.
    # The worker's modules load in the worker, which the page's list of what it loaded does not see.
    started = [path for path in runtime_files if not path.endswith(("/python_stdlib.zip", "/pyodide.asm.wasm"))]
    worker = asset_names.import_closure(site, names["assets/js/calculator-worker.js"])
    write_service_worker(site, [*started, config["extra"]["calculators_wheel"], *worker], search_files,
                         names["assets/css/site.css"])


def defer_search_index(site: Path) -> list[str]:
    """Point every page's theme at our search worker (macros/templates/search-deferred.js),
    which imports the theme's own and builds its index only when the page asks: the theme's worker built
    it as every page loaded, on the cores the page and the calculators' Python start on. Its name carries
    a hash of its text, as the theme's does: hosts serve that folder as immutable. Gives back the files
    the search worker imports (search_files), which the service worker keeps for offline search."""
    workers = site / "assets" / "javascripts" / "workers"
    (theme,) = (path.name for path in workers.glob("search.*.min.js"))
    text = (TEMPLATES / "search-deferred.js").read_text(encoding="utf-8")
    text = text.replace("__THEME_WORKER__", theme)
    ours = f"search-deferred.{hashlib.sha256(text.encode()).hexdigest()[:12]}.js"
    (workers / "search-deferred.js").unlink(missing_ok=True)
    (workers / ours).write_text(text, encoding="utf-8")
    for page in site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        if 'id="__config"' not in html or f'workers/{ours}"' in html:  # each language's build ends here
            continue
        if f'workers/{theme}"' not in html:
            raise SystemExit(f"{page}: the theme's configuration no longer names {theme}: update defer_search_index")
        page.write_text(html.replace(f'workers/{theme}"', f'workers/{ours}"'), encoding="utf-8")
    return search_files(site, theme)


def search_files(site: Path, theme: str) -> list[str]:
    """The theme's search worker and the language files it imports to build its index, as its
    setupSearchLanguages chooses them from the index's languages. Loaded only when the reader searches,
    they are kept by the service worker with the page, so that search works offline without a search
    made online first."""
    languages = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["config"]["lang"]
    segmenters = {"ja": ["tinyseg.js"], "hi": ["wordcut.js"], "th": ["wordcut.js"]}
    scripts = [name for lang in languages
               for name in [*segmenters.get(lang, []), *([f"min/lunr.{lang}.min.js"] if lang != "en" else [])]]
    if len(languages) > 1:
        scripts.append("min/lunr.multi.min.js")
    lunr = ["min/lunr.stemmer.support.min.js", *scripts] if scripts else []
    files = [f"assets/javascripts/workers/{theme}", *(f"assets/javascripts/lunr/{name}" for name in lunr)]
    missing = [path for path in files if not (site / path).is_file()]
    if missing:
        raise SystemExit(f"the theme's search files are not where its worker looks for them: {missing}")
    return files


def write_service_worker(site: Path, calculator_files: list[str], search_files: list[str], style: str) -> None:
    """Name the service worker's caches after this build (a hash of every file it serves)
    and the runtime's version, so that a new build replaces the old site cache; list what it keeps
    beyond what a page loaded: a calculator's runtime, the search worker's files; and give it the words
    and the stylesheet of the page it answers with offline for a page it does not have."""
    offline = {lang: {key: t(f"offline_{key}", lang) for key in ("title", "lead", "kept", "none")} for lang in ("zh", "en")}
    worker = site / "sw.js"
    digest = hashlib.sha256()
    for path in sorted(p for p in site.rglob("*") if p.is_file() and p != worker):
        digest.update(str(path.relative_to(site)).encode() + b"\0" + path.read_bytes())
    text = (TEMPLATES / "sw.js").read_text(encoding="utf-8")
    text = (text.replace("__BUILD__", digest.hexdigest()[:16]).replace("__RUNTIME__", pyodide_version())
            .replace("__RUNTIME_FILES__", json.dumps(calculator_files)).replace("__SEARCH_FILES__", json.dumps(search_files))
            .replace("__OFFLINE__", json.dumps({**offline, "style": style}, ensure_ascii=False))
            .replace("__VERSIONED__", json.dumps(headers.versioned_pattern())))
    worker.write_text(text, encoding="utf-8")


def secure_pages(site: Path, prefix: str) -> None:
    """Give every page the policy meta tag, and write the host header files with the same policy (the
    nginx snippet for the site at ``prefix``)."""
    pages = sorted(site.rglob("*.html"))
    texts = {path: headers.without_meta(path.read_text(encoding="utf-8")) for path in pages}
    hashes = {headers.script_hash(body) for text in texts.values() for body in headers.inline_scripts(text)}
    page_policy, host_policy = headers.policy(hashes), headers.header_policy(hashes)
    for path, text in texts.items():
        path.write_text(headers.add_meta(text, page_policy), encoding="utf-8")
    files = ["/" + path.relative_to(site).as_posix() for path in site.rglob("*") if path.is_file()]
    (site / "_headers").write_text(headers.netlify_headers(host_policy, files), encoding="utf-8")
    (site / "nginx-headers.conf").write_text(headers.nginx_snippet(host_policy, prefix), encoding="utf-8")
