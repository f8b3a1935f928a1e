"""The command line: JSON in, JSON out, so scripts and other tools can use the calculators."""

from __future__ import annotations

import argparse
import json
import sys
from typing import TextIO

from . import CALCULATORS, TITLES, batch, run

EXIT_OK, EXIT_BUG, EXIT_REJECTED = 0, 1, 2


def _text(answer: dict, lang: str) -> str:
    if not answer["ok"]:
        return "\n".join(e[lang] for e in answer["errors"])
    lines = list(answer["explanation"][lang])
    lines += [n[lang] for n in answer["notes"]]
    label = "依据条款" if lang == "zh" else "Clauses"
    lines.append(f"{label}: {', '.join(answer['clauses'])}")
    return "\n".join(lines)


def main(argv: list[str] | None = None, stdin: TextIO | None = None, stdout: TextIO | None = None) -> int:
    """Run the CLI; returns the exit status (0 answered, 2 input rejected, 1 a bug)."""
    stdin = stdin or sys.stdin
    stdout = stdout or sys.stdout
    parser = argparse.ArgumentParser(prog="python -m calculators",
                                     description="Calculators of the Bijie professional-title notice (see calculators.rules for the year).")
    parser.add_argument("name", nargs="?", choices=sorted(CALCULATORS), help="calculator to run")
    parser.add_argument("--list", action="store_true", help="list the calculators")
    parser.add_argument("--text", action="store_true", help="print the explanation instead of JSON")
    parser.add_argument("--lang", choices=("zh", "en"), default="zh", help="language of --text and CSV errors")
    parser.add_argument("--csv", metavar="FILE", help="run every row of a CSV file, '-' for standard input")
    args = parser.parse_args(argv)

    if args.list:
        for name in CALCULATORS:
            zh, en = TITLES[name]
            stdout.write(f"{name}\t{zh}\t{en}\n")
        return EXIT_OK
    if not args.name:
        parser.error("a calculator name is required (or --list)")
    if args.csv:
        try:
            data = sys.stdin.buffer.read() if args.csv == "-" else open(args.csv, "rb").read()
        except OSError as exc:
            sys.stderr.write(f"cannot read {args.csv}: {exc.strerror}\n")
            return EXIT_REJECTED
        stdout.write(batch.run_csv(args.name, batch.decode(data), args.lang))
        return EXIT_OK
    try:
        inputs = json.loads(stdin.read() or "{}")
    except ValueError as exc:
        inputs = None
        sys.stderr.write(f"input is not JSON: {exc}\n")
    answer = run(args.name, inputs)
    if args.text:
        stdout.write(_text(answer, args.lang) + "\n")
    else:
        stdout.write(json.dumps(answer, ensure_ascii=False, indent=1) + "\n")
    return EXIT_OK if answer["ok"] else EXIT_REJECTED
