"""The command line: JSON in, JSON out, so scripts and other tools can use the calculators.

Whatever it is given (any bytes on standard input, any file, any output encoding) it answers
with exit status 0 (answered) or 2 (the input or file was rejected, with a message in both
languages); 1 is kept for a bug in the calculators, never for bad input.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import warnings
from typing import IO, Any

from . import CALCULATORS, batch, messages, run, table, transcript

EXIT_OK, EXIT_BUG, EXIT_REJECTED = 0, 1, 2


class OutputFailed(Exception):
    """Standard output could not take the answer (closed, a full disk): the answer was not delivered."""


def _emit(stream: IO[Any] | None, text: str) -> None:
    """Write text that never fails to encode: a console gets its own encoding (GBK on Chinese
    Windows), a file or pipe gets UTF-8; what the encoding lacks (a rare character, a lone
    surrogate) becomes a backslash escape instead of a crash. A stream that cannot be written
    raises ``OutputFailed`` (for stderr, the words are dropped: there is nowhere else to say them)."""
    if stream is None:
        if stream is sys.stderr:
            return
        raise OutputFailed("closed")
    try:
        _write(stream, text)
    except (OSError, ValueError) as problem:
        if stream is sys.stderr:
            return
        raise OutputFailed(str(problem)) from None


# Control characters other than a line's end or a tab: from a file's header or a name, a terminal would
# take them as commands (an 8-bit CSI moves the cursor); they are written as escapes where one reads.
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _write(stream: IO[Any], text: str) -> None:
    if stream is sys.stderr or (hasattr(stream, "isatty") and stream.isatty()):
        text = _CONTROLS.sub(lambda control: f"\\x{ord(control.group()):02x}", text)
    if not hasattr(stream, "buffer"):
        stream.write(text.encode("utf-8", errors="backslashreplace").decode("utf-8"))
        return
    encoding = (stream.encoding or "utf-8") if stream.isatty() else "utf-8"
    stream.flush()
    stream.buffer.write(text.encode(encoding, errors="backslashreplace"))
    stream.buffer.flush()


def _both(problem: dict[str, str]) -> str:
    return f"{problem['zh']}\n{problem['en']}\n"


def _read_limited(stream: IO[Any] | None) -> bytes | None:
    """Standard input, at most the file size limit and one byte more (so ``/dev/zero`` ends); None when closed."""
    if stream is None:
        return b""
    source = stream.buffer if hasattr(stream, "buffer") else None
    try:
        if source is not None:
            return source.read(table.MAX_FILE_BYTES + 1)
        return stream.read(table.MAX_FILE_BYTES + 1).encode("utf-8")
    except (OSError, ValueError):
        return None


def _read_json(raw: bytes | str) -> tuple[Any, bool]:
    """The input object, and whether it could be read at all (not JSON, not UTF-8, nested too deep)."""
    try:
        text = raw.decode("utf-8-sig") if isinstance(raw, bytes) else raw
        return json.loads(text or "{}"), True
    except (ValueError, RecursionError):
        return None, False


def main(argv: list[str] | None = None, stdin: IO[Any] | None = None, stdout: IO[Any] | None = None) -> int:
    """Run the CLI; returns the exit status (0 answered, 2 input rejected or output impossible, 1 a bug)."""
    stdin = stdin or sys.stdin
    stdout = stdout or sys.stdout
    # A library's warnings (openpyxl's name the file's cells and its own install path) are not the CLI's
    # words: what a row or a file lacks is said in the answer, in both languages.
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return _main(argv, stdin, stdout)
    except OutputFailed as problem:
        _emit(sys.stderr, f"无法写出结果（{problem}）/ the answer could not be written ({problem})\n")
        _quiet_stdout()
        return EXIT_REJECTED


def _quiet_stdout() -> None:
    """After a failed write, point standard output at nothing, so that the interpreter's own flush at
    exit does not fail a second time with a traceback."""
    try:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.stdout.fileno())
    except (OSError, AttributeError, ValueError):
        sys.stdout = None  # type: ignore[assignment]


def _main(argv: list[str] | None, stdin: IO[Any] | None, stdout: IO[Any] | None) -> int:
    parser = argparse.ArgumentParser(prog="python -m calculators",
                                     description="Calculators of the Bijie professional-title notice (see calculators.rules for the year).")
    parser.add_argument("name", nargs="?", choices=sorted(CALCULATORS), help="calculator to run")
    parser.add_argument("--list", action="store_true", help="list the calculators")
    parser.add_argument("--text", action="store_true", help="print the explanation instead of JSON")
    parser.add_argument("--lang", choices=("zh", "en"), default="zh", help="language of --text and of the CSV")
    parser.add_argument("--sheet", metavar="NAME", help="with --csv and a workbook: the sheet to read "
                                                         "(the first visible one by default)")
    parser.add_argument("--csv", metavar="FILE", help="check every row of a spreadsheet file (CSV, TXT or XLSX); "
                                                     "'-' for standard input")
    args = parser.parse_args(argv)

    if args.list:
        for name, calc in CALCULATORS.items():
            zh, en = calc.title
            _emit(stdout, f"{name}\t{zh}\t{en}\n")
        return EXIT_OK
    if not args.name:
        parser.error("a calculator name is required (or --list)")
    if args.csv is not None:
        return _batch(args, stdin, stdout)
    raw = _read_limited(stdin)
    inputs, readable = _read_json(raw) if raw is not None and len(raw) <= table.MAX_FILE_BYTES else (None, False)
    answer = run(args.name, inputs) if readable else {
        "ok": False, "calculator": args.name, "errors": [messages.error(None, "invalid_input")]}
    if args.text:
        _emit(stdout, transcript.text(answer, args.lang) + "\n")
    else:
        _emit(stdout, json.dumps(answer, ensure_ascii=False, indent=1) + "\n")
    if any(e["code"] == "internal_error" for e in answer.get("errors", [])):
        _emit(sys.stderr, f"bug: {answer.get('bug', '')}\n")
        return EXIT_BUG
    return EXIT_OK if answer["ok"] else EXIT_REJECTED


def _batch(args: argparse.Namespace, stdin: IO[Any], stdout: IO[Any]) -> int:
    if not args.csv:
        _emit(sys.stderr, "--csv 需要文件名，或用 - 表示标准输入 / --csv needs a file name, or '-' for standard input\n")
        return EXIT_REJECTED
    try:
        if args.csv == "-":
            data = _read_limited(stdin)
            if data is None:
                raise OSError(0, "standard input is closed")
        else:
            with open(args.csv, "rb") as handle:
                data = handle.read(table.MAX_FILE_BYTES + 1)
    except OSError as exc:
        _emit(sys.stderr, f"无法读取 {args.csv}：{exc.strerror} / cannot read {args.csv}: {exc.strerror}\n")
        return EXIT_REJECTED
    result = batch.run_file(args.name, data, args.lang, args.sheet)
    if result.problem:
        _emit(sys.stderr, _both(result.problem))
        return EXIT_REJECTED
    _emit(sys.stderr, result.mapping + "\n")
    _emit(stdout, result.download_bytes().decode("utf-8"))
    return EXIT_OK
