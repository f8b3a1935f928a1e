"""Our own scripts and styles, served under names that carry a hash of their content.

A name that changes whenever the content does lets hosts serve the file as immutable (``_headers``, the
nginx snippet) and the service worker keep it cache-first, as the theme's own bundles are: a page view
then never revalidates them. A module's hash covers the hashed names of the modules it imports, so a
change anywhere renames every module that leads to it. The build renames the files in ``site/`` and every
reference to them in its pages; the source files keep their plain names.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

OWN_FOLDERS = ("assets/js", "assets/css")
SUFFIXES = (".js", ".mjs", ".css")
HASH_LENGTH = 12
# A static import of a module beside this one: `from "./x.mjs"` or `import "./x.mjs"`.
CONTENT_NAME = re.compile(rf"^(?P<stem>[\w-]+)\.(?P<hash>[0-9a-f]{{{HASH_LENGTH}}})(?P<suffix>\.m?js|\.css)$")
IMPORT = re.compile(r"""(\b(?:from|import)\s*")\./([\w.-]+\.m?js)(")""")


def content_name(path: str, text: str) -> str:
    """``assets/js/site.js`` -> ``assets/js/site.<hash>.js``."""
    stem, dot, suffix = path.rpartition(".")
    return f"{stem}.{hashlib.sha256(text.encode()).hexdigest()[:HASH_LENGTH]}{dot}{suffix}"


def imports_of(text: str) -> list[str]:
    """The file names a module imports from beside it, in order."""
    return [match[2] for match in IMPORT.finditer(text)]


def rename_assets(site: Path) -> dict[str, str]:
    """Rename our scripts and styles in the built site to content names, their imports first, and point
    every page at the new names; gives back {plain path: content path}."""
    files: dict[str, Path] = {}
    names: dict[str, str] = {}  # the build runs this once per language: what an earlier run named stays
    for folder in OWN_FOLDERS:
        for path in sorted((site / folder).glob("*")):
            rel = path.relative_to(site).as_posix()
            named = CONTENT_NAME.match(path.name)
            if named and hashlib.sha256(path.read_bytes()).hexdigest().startswith(named["hash"]):
                names[f"{folder}/{named['stem']}{named['suffix']}"] = rel
            elif path.suffix in SUFFIXES:
                files[rel] = path

    def rename(rel: str, trail: tuple[str, ...] = ()) -> str:
        if rel in names:
            return names[rel]
        if rel in trail:
            raise SystemExit(f"modules import each other in a circle: {' -> '.join([*trail, rel])}")
        folder = rel.rpartition("/")[0]
        text = files[rel].read_text(encoding="utf-8")

        def renamed_import(match: re.Match[str]) -> str:
            imported = f"{folder}/{match[2]}"
            if imported not in files and imported not in names:
                raise SystemExit(f"{rel} imports {match[2]}, which the build does not serve")
            return f"{match[1]}./{rename(imported, (*trail, rel)).rpartition('/')[2]}{match[3]}"

        if not rel.endswith(".css"):
            text = IMPORT.sub(renamed_import, text)
        names[rel] = content_name(rel, text)
        (site / names[rel]).write_text(text, encoding="utf-8")
        files[rel].unlink()
        return names[rel]

    for rel in files:
        names.pop(rel, None)  # a file the build wrote again (fzstd.mjs) is named afresh
    for rel in list(files):
        rename(rel)
    alternatives = "|".join(map(re.escape, names))
    reference = re.compile(rf"""(?<=["'/])({alternatives})(?=["'?#])""")
    for page in site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        renamed = reference.sub(lambda match: names[match[1]], html)
        if renamed != html:
            page.write_text(renamed, encoding="utf-8")
    return names


def import_closure(site: Path, path: str) -> list[str]:
    """A (renamed) module and every module it imports, at any depth, as site paths."""
    folder = path.rpartition("/")[0]
    seen: list[str] = []
    todo = [path]
    while todo:
        current = todo.pop()
        if current in seen:
            continue
        seen.append(current)
        todo += [f"{folder}/{name}" for name in imports_of((site / current).read_text(encoding="utf-8"))]
    return seen


def preload_modules(site: Path, entry: str) -> None:
    """Every page that loads the module ``entry`` (a content path) asks for all the modules it imports at
    once, from its head (modulepreload), instead of one level of imports after another: on a slow link
    each level is a round trip before the page's script can run (and fill a shared link's form)."""
    modules = import_closure(site, entry)[1:]
    name = entry.rpartition("/")[2]
    for page in site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        found = re.search(rf'<script type="module" src="([^"]*?)assets/js/{re.escape(name)}"', html)
        if not found or 'rel="modulepreload"' in html:  # the build runs this once per language
            continue
        links = "".join(f'<link rel="modulepreload" href="{found[1]}{module}">' for module in modules)
        page.write_text(html.replace("</head>", links + "</head>", 1), encoding="utf-8")
