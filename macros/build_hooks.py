"""MkDocs hooks: ship the calculators and the Pyodide runtime with the site, from this repository only.

The wheel is built from ``calculators/`` with ``python -m build`` and placed under a
folder named by the hash of its sources, so a new build never meets a stale cached
copy. The runtime files come from the pinned npm package ``pyodide`` (``npm ci``).
"""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
PYODIDE = ROOT / "node_modules" / "pyodide"
RUNTIME_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip", "pyodide-lock.json")
WHEEL_DIR = ROOT / "build" / "wheels"


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


def on_config(config: Any) -> Any:
    """Build the wheel and tell the pages where it will be served."""
    wheel = build_wheel()
    config["extra"]["calculators_wheel"] = f"assets/wheels/{wheel.parent.name}/{wheel.name}"
    return config


def on_post_build(config: Any) -> None:
    """Copy the wheel and the runtime files (and nothing else of the npm package) into the site."""
    site = Path(config["site_dir"])
    if not (PYODIDE / "pyodide.mjs").exists():
        raise SystemExit("node_modules/pyodide is missing: run `npm ci` (make build does)")
    runtime = site / "assets" / "pyodide"
    runtime.mkdir(parents=True, exist_ok=True)
    for name in RUNTIME_FILES:
        shutil.copy2(PYODIDE / name, runtime / name)
    wheel = build_wheel()
    target = site / config["extra"]["calculators_wheel"]
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy2(wheel, target)
