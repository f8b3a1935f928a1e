"""The command line: JSON in, JSON out, so scripts and other tools can use the calculators.

Whatever it is given (any bytes on standard input, any file, any output encoding) it answers
with exit status 0 (answered) or 2 (the input or file was rejected, with a message in both
languages); 1 is kept for a bug in the calculators, never for bad input.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import IO, Any

from . import CALCULATORS, TITLES, batch, messages, run, transcript

EXIT_OK, EXIT_BUG, EXIT_REJECTED = 0, 1, 2


def _emit(stream: IO[Any], text: str) -> None:
    """Write text that never fails to encode: a console gets its own encoding (GBK on Chinese
    Windows), a file or pipe gets UTF-8; what the encoding lacks (a rare character, a lone
    surrogate) becomes a backslash escape instead of a crash."""
    if not hasattr(stream, "buffer"):
        stream.write(text.encode("utf-8", errors="backslashreplace").decode("utf-8"))
        return
    encoding = (stream.encoding or "utf-8") if stream.isatty() else "utf-8"
    stream.flush()
    stream.buffer.write(text.encode(encoding, errors="backslashreplace"))
    stream.buffer.flush()


def _both(problem: dict[str, str]) -> str:
    return f"{problem['zh']}\n{problem['en']}\n"


def _read_json(raw: bytes | str) -> tuple[Any, bool]:
    """The input object, and whether it could be read at all (not JSON, not UTF-8, nested too deep)."""
    try:
        text = raw.decode("utf-8-sig") if isinstance(raw, bytes) else raw
        return json.loads(text or "{}"), True
    except (ValueError, RecursionError):
        return None, False


def main(argv: list[str] | None = None, stdin: IO[Any] | None = None, stdout: IO[Any] | None = None) -> int:
    """Run the CLI; returns the exit status (0 answered, 2 input rejected, 1 a bug)."""
    stdin = stdin or sys.stdin
    stdout = stdout or sys.stdout
    parser = argparse.ArgumentParser(prog="python -m calculators",
                                     description="Calculators of the Bijie professional-title notice (see calculators.rules for the year).")
    parser.add_argument("name", nargs="?", choices=sorted(CALCULATORS), help="calculator to run")
    parser.add_argument("--list", action="store_true", help="list the calculators")
    parser.add_argument("--text", action="store_true", help="print the explanation instead of JSON")
    parser.add_argument("--lang", choices=("zh", "en"), default="zh", help="language of --text and of the CSV")
    parser.add_argument("--csv", metavar="FILE", help="check every row of a spreadsheet file (CSV, TXT or XLSX); "
                                                     "'-' for standard input")
    args = parser.parse_args(argv)

    if args.list:
        for name in CALCULATORS:
            zh, en = TITLES[name]
            _emit(stdout, f"{name}\t{zh}\t{en}\n")
        return EXIT_OK
    if not args.name:
        parser.error("a calculator name is required (or --list)")
    if args.csv is not None:
        return _batch(args, stdin, stdout)
    raw = stdin.buffer.read() if hasattr(stdin, "buffer") else stdin.read()
    inputs, readable = _read_json(raw)
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
            data = stdin.buffer.read() if hasattr(stdin, "buffer") else stdin.read().encode("utf-8")
        else:
            with open(args.csv, "rb") as handle:
                data = handle.read()
    except OSError as exc:
        _emit(sys.stderr, f"无法读取 {args.csv}：{exc.strerror} / cannot read {args.csv}: {exc.strerror}\n")
        return EXIT_REJECTED
    result = batch.run_file(args.name, data, args.lang)
    if result.problem:
        _emit(sys.stderr, _both(result.problem))
        return EXIT_REJECTED
    _emit(sys.stderr, result.mapping + "\n")
    _emit(stdout, "\ufeff" + result.csv())
    return EXIT_OK
