"""Which standard-library modules the engine imports, traced under Pyodide by ``macros/stdlib.mjs``.

Run in Pyodide only (it reads Pyodide's own zip at ``/lib/python314.zip``): the Node script defines
these functions, calls ``trace_start`` with the build's trace inputs, installs the browser wheels,
then calls ``trace_more`` and ``write_parts``. Every module that came from the standard library zip is
kept, as bytecode for this Python: Python then starts without compiling its startup modules from
source. Docstrings are left out of the bytecode (asserts stay), and so are column positions (the
interpreter runs with PYTHONNODEBUGRANGES: tracebacks keep their line numbers): a third of the bytes.
"""

from __future__ import annotations

import ast
import importlib._bootstrap_external as external
import importlib.util
import json
import sys
import zipfile
from typing import Any

STDLIB = "/lib/python314.zip"
# Batch files of every encoding and separator, so that the start part holds what decoding them takes.
TRACE_FILES = (("tenure", "取得现资格时间,晋升所需年限\n2018-01-01,5\n=1,x\n", "gb18030"),
               ("ce_hours", "public_hours\tprofessional_hours\n30\t60\n", "utf-16"),
               ("quota", "\ufeffenterprise_level;nominee_count\nnational;3\n", "utf-8"))
_traced: dict[str, set[str]] = {}


def from_stdlib() -> set[str]:
    return {m.__file__[len(STDLIB) + 1:] for m in list(sys.modules.values())
            if (getattr(m, "__file__", None) or "").startswith(STDLIB + "/")}


def _check(run: Any) -> None:
    while not run.done:
        run.step(100)
    run.csv_bytes()
    run.summary()


def trace_start(cases_json: str) -> None:
    """What a start, every answer, its shared link and a batch file of every encoding import."""
    import calculators
    import calculators.webworker  # noqa: F401 - the module the page imports first
    from calculators import batch, share
    for case in json.loads(cases_json):
        calculators.run(case["calculator"], case["input"])
        share.query(case["input"] if isinstance(case["input"], dict) else {})
    for name, text, encoding in TRACE_FILES:
        _check(batch.BatchRun(name, text.encode(encoding), "zh"))
    # Every registered calculator, a new one too, answers its warm-up and its own template as a roster.
    calculators.webworker.after_restore([])
    for name in calculators.CALCULATORS:
        _check(batch.BatchRun(name, batch.template_csv(name, "zh").encode("utf-8"), "zh"))
    _traced["start"] = from_stdlib()


def trace_more(workbook: Any, old_workbook: Any) -> None:
    """What a workbook (openpyxl, or xlrd for an Excel 97-2003 one) and a QR code (segno) import on top,
    once their wheels are installed."""
    from calculators import batch, share
    share.qr_svg("https://example.org/calculators/tenure/?qualified_on=2018-12-31", "QR")
    for data, lang in ((workbook, "en"), (old_workbook, "zh")):
        run = batch.BatchRun("tenure", bytes(data.to_py()), lang)
        _check(run)
        if run.problem is not None:
            raise RuntimeError(f"the trace's workbook was refused: {run.problem['en']}")
    start = _traced["start"]
    more = from_stdlib() - start
    # A package lives in one part: its __path__ is that zip, so a submodule in the other part would not be found.
    packages_at_start = {name.split("/")[0] for name in start if "/" in name}
    start |= {name for name in more if name.split("/")[0] in packages_at_start}
    _traced["more"] = more - start


def _without_docstrings(tree: ast.AST) -> ast.AST:
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant) \
                    and isinstance(body[0].value.value, str):
                node.body = body[1:] or [ast.Pass()]
    return tree


def write_parts(start_path: str, more_path: str) -> None:
    """Both parts as zips of bytecode, stored, not deflated: the build compresses each part whole with
    zstd, which finds what modules share."""
    full = zipfile.ZipFile(STDLIB)
    for names, path in ((_traced["start"], start_path), (_traced["more"], more_path)):
        with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as trimmed:
            for name in sorted(names):
                source = full.read(name)
                code = compile(ast.fix_missing_locations(_without_docstrings(ast.parse(source))), f"{STDLIB}/{name}",
                               "exec", dont_inherit=True)
                entry = zipfile.ZipInfo(name + "c", full.getinfo(name).date_time)
                trimmed.writestr(entry, bytes(external._code_to_hash_pyc(code, importlib.util.source_hash(source), False)))
