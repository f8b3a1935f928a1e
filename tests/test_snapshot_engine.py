"""A module the engine imports only inside a function must be imported by calculators.webworker, which the
snapshot is taken with.

The page restores Python from a memory snapshot whose file system holds none of the engine's files:
what the snapshot did not import cannot be imported afterwards (a workbook failed so, in the page only).
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_every_module_the_engine_imports_late_is_in_the_snapshot():
    module = re.search(r'export const ENGINE_MODULE = "([^"]+)"', (ROOT / "docs/assets/js/snapshot.mjs").read_text())
    assert module.group(1) == "calculators.webworker"
    imported = {"calculators"}
    for node in ast.walk(ast.parse((ROOT / "calculators" / "webworker.py").read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module == "calculators":
            imported |= {f"calculators.{alias.name}" for alias in node.names}
    late = set()
    for path in (ROOT / "calculators").glob("*.py"):
        for function in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(function, ast.FunctionDef):
                for node in ast.walk(function):
                    if isinstance(node, ast.ImportFrom) and node.level == 1 and node.module:
                        late.add(f"calculators.{node.module}")
    assert late and late <= imported, late - imported
