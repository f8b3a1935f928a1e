"""What the page's worker asks of Python, as plain functions: the worker imports this module once and
calls them, so that no Python lives in a JavaScript string (where ruff, type checks and the CPython
tests would never see it).

Importing it imports everything a start, an answer or a roster needs: the snapshot a page starts from
is taken with this module imported, and a restored Python has none of the engine's files, so anything
imported later would be missing.
"""

from __future__ import annotations

import importlib.abc
import importlib.machinery
import json
import random
import sys
from typing import Any

import calculators
from calculators import batch, oldexcel, rules, share, table, workbook  # noqa: F401 - imported for the snapshot

__all__ = ["MoreStandardLibrary", "add_finder", "after_restore", "answer", "batch_summary", "import_qr",
           "import_workbook_reader", "is_workbook", "qr_svg", "start_batch"]


def _plain(value: Any) -> Any:
    """A value as Python data: a JavaScript array or object from the worker becomes a list or dict."""
    return value.to_py() if hasattr(value, "to_py") else value


def _bytes(data: Any) -> bytes:
    """Bytes as Python holds them: a JavaScript Uint8Array from the worker, or bytes already."""
    return data.to_bytes() if hasattr(data, "to_bytes") else bytes(data)


def answer(name: str, inputs_json: str) -> str:
    """One calculator's answer to the form's inputs (JSON in, JSON out: the page keeps the text as is)."""
    return json.dumps(calculators.run(name, json.loads(inputs_json)))


def qr_svg(url: str, label: str) -> str | None:
    """The QR code of an answer's shared link, or None when the link is too long for one."""
    return share.qr_svg(url, label)


def start_batch(name: str, data: Any, lang: str, sheet: Any) -> batch.BatchRun:
    """A roster to check a slice at a time (``step``) from the bytes the page read. A sheet not chosen
    comes from JavaScript as null, which Pyodide passes as its own ``jsnull``, not None."""
    return batch.BatchRun(name, _bytes(data), lang, sheet if isinstance(sheet, str) and sheet else None)


def is_workbook(head: Any) -> bool:
    """Whether a file's first bytes are a workbook's, so that the worker loads the workbook reader first."""
    return table.is_workbook(_bytes(head))


def batch_summary(run: batch.BatchRun) -> str:
    """What the page shows of a checked roster, as JSON."""
    return json.dumps(run.summary())


def import_workbook_reader() -> None:
    """openpyxl, once its wheels are installed: its import fails loudly if they are not."""
    import openpyxl  # noqa: F401


def import_qr() -> None:
    """segno, once its wheel is installed."""
    import segno  # noqa: F401


def _example(field: dict[str, Any]) -> Any:
    """A value the field accepts: its default, else its first choice, the year's cutoff for a date, its minimum."""
    if field["default"] is not None or not field["required"]:
        return field["default"]
    if field.get("choices"):
        return field["choices"][0]["value"]
    return rules.value("cutoff").isoformat() if field["type"] == "date" else field["min"]


def after_restore(names: Any) -> str:
    """Run after a snapshot is restored, before the engine says it is ready.

    The snapshot froze the random module's state with the rest of memory, the same for every reader
    of one build: it is drawn afresh. Every calculator of the page (all of them where the page names
    none the engine knows) answers once from its form's defaults, so that a reader's first answer does
    not wait while the browser compiles the WebAssembly it runs through. Gives back whether each
    answer was one (JSON), for the tests: an error would warm up the wrong paths.
    """
    random.seed()
    wanted = [name for name in _plain(names) if name in calculators.CALCULATORS] or list(calculators.CALCULATORS)
    answers = [calculators.run(name, {f["name"]: _example(f) for f in calculators.metadata(name)["fields"]})
               for name in wanted]
    json.dumps(answers)
    return json.dumps([a["ok"] for a in answers])


class MoreStandardLibrary(importlib.abc.MetaPathFinder):
    """The page's standard library holds only what the build traced a start and the answers using; what
    a workbook or a QR code needs on top is a second zip (the "more" part), fetched with their wheels. A
    module of the full zip that is in neither (a path the trace never took; the build lists their
    top-level names) is not an error either: its import fetches the next part that may hold it (once,
    synchronously, which a worker may do), the more part and then the full zip, and carries on from it.
    """

    def __init__(self, parts: list[tuple[str, bool]], only_there: list[str]) -> None:
        # (address, where it goes, whether it is served as .zst): the build's more part, then Pyodide's zip.
        self.parts = [(url, f"/lib/{url.rpartition('/')[2]}", compressed) for url, compressed in parts]
        self.only_there = set(only_there)

    def mount(self, url: str, data: Any) -> None:
        """Put the part served at url (its bytes as served) on the path. A new zip needs no
        invalidate_caches(), which would import importlib.metadata, itself in the more part."""
        path, compressed = self.part(url)
        if path not in sys.path:
            raw = _bytes(data)
            if compressed:
                from compression import zstd  # Python 3.14, as Pyodide runs it

                raw = zstd.decompress(raw)
            with open(path, "wb") as file:
                file.write(raw)
            sys.path.append(path)

    def part(self, url: str) -> tuple[str, bool]:
        """Where the part whose plain address is url goes, and whether it is served compressed."""
        return next((part, compressed) for address, part, compressed in self.parts if address == url)

    def served(self, url: str) -> str:
        """Where that part is fetched from: its .zst when served compressed."""
        return url + ".zst" if self.part(url)[1] else url

    def fetch(self, url: str) -> bool:
        from js import Uint8Array, XMLHttpRequest  # the worker's own, under Pyodide

        request = XMLHttpRequest.new()
        request.open("GET", self.served(url), False)
        request.responseType = "arraybuffer"
        request.send()
        if request.status != 200:
            return False
        self.mount(url, Uint8Array.new(request.response))
        return True

    def find_spec(self, name: str, path: Any = None, target: Any = None) -> importlib.machinery.ModuleSpec | None:
        if name.partition(".")[0] not in self.only_there:
            return None
        for url, part, _ in self.parts:
            if part not in sys.path and not self.fetch(url):
                continue
            # A package that came from another zip looks in this one too, from now on.
            for entry in list(path or []):
                if isinstance(entry, str) and ".zip/" in entry and not entry.startswith(part):
                    twin = part + "/" + entry.split(".zip/", 1)[1]
                    if twin not in path:
                        path.append(twin)
            spec = importlib.machinery.PathFinder.find_spec(name, path)
            if spec:
                return spec
        return None


def add_finder(parts: Any, only_there: Any) -> MoreStandardLibrary:
    """The finder for the page's addresses, last on the import path."""
    finder = MoreStandardLibrary([tuple(p) for p in _plain(parts)], list(_plain(only_there)))
    sys.meta_path.append(finder)
    return finder
