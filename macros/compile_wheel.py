"""A pure-Python wheel with each module's source replaced by its bytecode, compiled under Pyodide by
``macros/wheels.mjs`` (a sourceless .pyc where the .py was); RECORD lists the new files with their hashes."""

from __future__ import annotations

import base64
import hashlib
import importlib._bootstrap_external as external
import importlib.util
import sys
import zipfile


def _record_line(name: str, data: bytes) -> str:
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
    return f"{name},sha256={digest},{len(data)}\n"


def compile_wheel(source_path: str, target_path: str) -> None:
    site_packages = next(p for p in sys.path if p.endswith("site-packages"))
    with zipfile.ZipFile(source_path) as wheel, zipfile.ZipFile(target_path, "w", zipfile.ZIP_DEFLATED) as compiled:
        record = next(name for name in wheel.namelist() if name.endswith(".dist-info/RECORD"))
        lines = []
        for info in wheel.infolist():
            if info.filename == record:
                continue
            data = wheel.read(info)
            if info.filename.endswith(".py"):
                code = compile(data, f"{site_packages}/{info.filename}", "exec", dont_inherit=True)
                data = bytes(external._code_to_hash_pyc(code, importlib.util.source_hash(data), False))
                info = zipfile.ZipInfo(info.filename + "c", info.date_time)
            compiled.writestr(info, data, zipfile.ZIP_DEFLATED)
            lines.append(_record_line(info.filename, data))
        compiled.writestr(zipfile.ZipInfo(record, wheel.getinfo(record).date_time), "".join(lines) + f"{record},,\n",
                          zipfile.ZIP_DEFLATED)
