"""``make mutate``: plant deliberate bugs, one at a time, in a scratch copy, and see which the fast suites catch.

Two parts, because no single tool plants both kinds of bug:

- **The engine**, with mutmut: it mutates operators, constants and strings inside the functions of
  ``calculators/`` and runs the engine's CPython tests against each mutant.
- **The site**, from the hand list below: the bugs of the 2026-11-29 test audit (M1-M20) and of the
  review round that followed (R1-R10), in the places mutmut does not reach (the rules table at module
  level, the security policy, the key dates, the Chinese source, the translation, the search exclusion,
  the pages' wording). Each is applied to a clean scratch copy, the site is rebuilt, and the CPython
  suite (then the Node suite, if the CPython one passed) runs against it. A bug that breaks the build
  counts as caught by the build.

Not part of ``make test``: it takes 15 to 25 minutes on a 2-core machine. It prints every bug with
caught/missed and the totals, writes ``mutation-report.json`` and exits 1 if a hand-listed bug was missed.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ENGINE_TESTS = ["tests/engine/test_cases.py", "tests/engine/test_tenure.py", "tests/engine/test_ce_hours.py",
                "tests/engine/test_quota.py", "tests/engine/test_wording.py", "tests/engine/test_contract_details.py",
                "tests/test_cli_and_rules.py", "tests/engine/test_properties.py", "tests/engine/test_batch.py",
                "tests/engine/test_rosters.py", "tests/engine/test_bounded.py", "tests/conftest.py"]
# Tests that cannot run on mutmut's instrumented copy: the first reads the engine's own syntax tree (and
# finds mutmut's trampolines), the others start new processes that do not see the mutant.
NOT_UNDER_MUTMUT = ["tests/test_cli_and_rules.py::test_rule_numbers_live_only_in_the_rules_table",
                    "tests/test_cli_and_rules.py::test_wheel_is_pure_and_has_no_dependency",
                    "tests/test_cli_and_rules.py::test_cli_as_a_process_reports_bugs_only_as_1"]


@dataclass(frozen=True)
class Bug:
    """One planted bug: ``old`` (which must occur exactly once) becomes ``new``; no ``old`` means append."""

    id: str
    what: str
    path: str
    old: str | None
    new: str


HAND: tuple[Bug, ...] = (
    Bug("M1", "grassroots hours 45 -> 40", "calculators/rules.py",
        'Rule("ce_hours_grassroots", 45,', 'Rule("ce_hours_grassroots", 40,'),
    Bug("M2", "provincial quota 1 -> 2", "calculators/rules.py",
        'Rule("quota_provincial", 1,', 'Rule("quota_provincial", 2,'),
    Bug("M3", "deduct only years after the start year", "calculators/tenure.py",
        "return _dt.date(year, 12, 31) > start and", "return year > start.year and"),
    Bug("M4", "earliest date ignores deductions", "calculators/tenure.py",
        "earliest = earliest_date(start, required, unqualified)", "earliest = earliest_date(start, required, [])"),
    Bug("M5", "policy drops object-src, base-uri, form-action", "macros/headers.py",
        "\"object-src 'none'\", \"base-uri 'self'\", \"form-action 'self'\",", ""),
    Bug("M6", "referrer meta unsafe-url", "macros/headers.py",
        '<meta name="referrer" content="no-referrer">', '<meta name="referrer" content="unsafe-url">'),
    Bug("M7", "policy meta at the end of <head>", "macros/headers.py",
        "return page.replace(META_AFTER, META_AFTER + tags, 1)", 'return page.replace("</head>", tags + "</head>", 1)'),
    Bug("M8", "English s4-2 id renamed", "macros/render.py",
        "    calc = CALCULATOR_FOR_CLAUSE.get(clause.id)\n",
        "    clause = __import__('dataclasses').replace(clause, id='s4-02') "
        "if lang == 'en' and clause.id == 's4-2' else clause\n"
        "    calc = CALCULATOR_FOR_CLAUSE.get(clause.id)\n"),
    Bug("M9", "no unknown_field note", "calculators/answer.py",
        '[messages.note("unknown_field", fields=", ".join(unknown))] if unknown else []', "[]"),
    Bug("M10", "s4-1 certificate sentence dropped", "source/notice.en.yml",
        " Trainees who pass the examination and obtain a junior or intermediate professional technical level "
        "certificate may be directly recognised as assistant engineer or engineer (intermediate level) respectively; "
        "a senior professional technical level certificate may serve as one of the performance conditions for "
        "applying for senior engineer.", ""),
    Bug("M10b", "s4-2 'At the same time' sentence dropped", "source/notice.en.yml",
        " At the same time, they shall carry out continuing-education learning in professional subjects well", " "),
    Bug("M11", "site.js fetches from a CDN", "docs/assets/js/site.js",
        None, '\nfetch("https://cdn.jsdelivr.net/npm/probe@1/x.js").catch(function () {});\n'),
    Bug("M12", "source text 90学时 -> 80学时", "source/notice.zh.txt", "90学时", "80学时"),
    Bug("M13", "expert level deputy_senior -> senior", "calculators/rules.py",
        'Rule("expert_min_title", "deputy_senior",', 'Rule("expert_min_title", "senior",'),
    Bug("M14", "digital hours not professional", "calculators/ce_hours.py",
        "professional_total = professional + digital", "professional_total = professional"),
    Bug("M15", "one more year under Pyodide only", "calculators/tenure.py",
        "counted = max(0, full - len(deducted))",
        "counted = max(0, full - len(deducted) + (__import__('sys').platform == 'emscripten' and bool(deducted)))"),
    Bug("M16", "always count from the review-year end", "calculators/tenure.py",
        "if review_year is not None and _dt.date(review_year, 12, 31) < qualified_on:", "if review_year is not None:"),
    Bug("M17", "calculator widget indexed by search", "macros/templates/widgets.html",
        'class="calc" data-search-exclude data-calculator-widget', 'class="calc" data-calculator-widget'),
    Bug("M18", "UTF-8 BOM kept in the header", "calculators/table.py",
        "    while data.startswith(UTF8_BOM):\n        data = data[len(UTF8_BOM):]\n", ""),
    Bug("M19", "termination date 31 -> 30 July", "macros/dates.py", "dt.date(2023, 7, 31)", "dt.date(2023, 7, 30)"),
    Bug("M20", "Permissions-Policy dropped", "macros/headers.py",
        '    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",\n', ""),
    Bug("R1", "s2-3 conditions joined by 'or' again (T1)", "source/notice.en.yml",
        "results and have made major", "results, or have made major"),
    Bug("R2", "two-thirds hint shown on a not-met answer (C1)", "calculators/ce_hours.py",
        "if below and meets_professional:", "if below:"),
    Bug("R3", "English '(s)' plurals", "calculators/wording.py",
        'word = singular if number == 1 else (plural or singular + "s")', 'word = singular + "(s)"'),
    Bug("R4", "earliest date pushed by later unsatisfactory years (F11)", "calculators/tenure.py",
        "if _overlaps(y, start, day))", "if _overlaps(y, start, day) or y > day.year)"),
    Bug("R5", "ISO date in a Chinese note (C9)", "calculators/messages.py",
        '"cutoff_zh": format_day(cutoff, "zh")', '"cutoff_zh": cutoff.isoformat()'),
    Bug("R6", "clause-id words on Chinese pages", "macros/addresses.py",
        "        return clause.label_zh\n    return clause.id", "        return clause.id\n    return clause.id"),
    Bug("R7", "glossary term no longer found in the notice (P3)", "source/glossary.tsv",
        "定向评价定向使用\t", "定向评价、定向使用\t"),
    Bug("R8", "no 'who speaks' beside the answer", "macros/templates/widgets.html",
        '<p class="calc-disclaimer">{{ w.t.who_speaks }}</p>\n', ""),
    Bug("R9", "3分之2 on Chinese pages (P1)", "macros/pages.py",
        'return f"{_ZH_DIGITS[value.denominator]}分之{_ZH_DIGITS[value.numerator]}"',
        'return f"{value.denominator}分之{value.numerator}"'),
    Bug("R10", "nomination line printed when the quota is 0 (C6)", "calculators/quota.py",
        'if r["quota"] > 0:', "if True:"),
    Bug("R11", "a whole year deducted again for an unsatisfactory year holding the start (C1)", "calculators/tenure.py",
        "if start.year in unqualified and start != year_end:", "if False:"),
    Bug("R12", "no public-subject hours answered as met (M2)", "calculators/ce_hours.py",
        "meets = meets_total and meets_professional and meets_public", "meets = meets_total and meets_professional"),
    Bug("R13", "a header that resembles a field read as that field (rosters)", "calculators/columns.py",
        "column.field = named[0] if len(named) == 1 else None",
        "column.field = (named or [f for f in fields if _resembles(k, f)] or [None])[0]"),
    Bug("R14", "GB18030 names that happen to be valid UTF-8 count as UTF-8 lines again (D4)", "calculators/table.py",
        " and not _MOJIBAKE.search(text))", ")"),
    Bug("R15", "every row padded to the widest again (D1)", "calculators/batch.py",
        "cells = row.cells[:width] + [\"\"] * (width - len(row.cells))",
        "cells = row.cells + [\"\"] * (max(len(r.cells) for r in self.table.rows) - len(row.cells))"),
)


def scratch_copy() -> Path:
    """The working tree (tracked and new files, nothing ignored) in a temporary folder, sharing the venv."""
    target = Path(tempfile.mkdtemp(prefix="bijie-mutate-"))
    files = subprocess.run(["git", "ls-files", "-co", "--exclude-standard", "-z"], cwd=ROOT, check=True,
                           capture_output=True, text=True).stdout.split("\0")
    for name in filter(None, files):
        if (ROOT / name).is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, target / name)
    for shared in (".venv", "node_modules", "build/browser-wheels"):
        (target / shared).parent.mkdir(parents=True, exist_ok=True)
        (target / shared).symlink_to(ROOT / shared)
    return target


LAST_OUTPUT: list[str] = [""]


def run(cmd: list[str], cwd: Path, timeout: int = 900) -> bool:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1"}
    try:
        done = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        LAST_OUTPUT[0] = f"timed out after {timeout} s"
        return False
    LAST_OUTPUT[0] = done.stdout[-3000:] + done.stderr[-3000:]
    return done.returncode == 0


def suites(copy: Path) -> str | None:
    """Which stage catches the copy as it is, or None when everything passes."""
    python = str(copy / ".venv" / "bin" / "python")
    if not run([python, "-m", "mkdocs", "build", "--strict", "-q"], copy):
        return "build"
    if not run([python, "-m", "pytest", "-q", "-x", "-p", "no:playwright", "-p", "no:cacheprovider",
                "--ignore=tests/browser"], copy):
        return "CPython"
    if not run(["node", "--test", "tests/node/"], copy):
        return "Node"
    return None


def plant(copy: Path, bug: Bug) -> str:
    path = copy / bug.path
    original = path.read_text(encoding="utf-8")
    if bug.old is None:
        return original + bug.new
    if original.count(bug.old) != 1:
        raise SystemExit(f"{bug.id}: the text to change occurs {original.count(bug.old)} times in {bug.path}; "
                         f"update the hand list in tests/mutate.py")
    return original.replace(bug.old, bug.new)


def hand_list() -> list[dict[str, str | None]]:
    copy = scratch_copy()
    try:
        stage = suites(copy)
        if stage is not None:
            raise SystemExit(f"the unchanged copy fails at the {stage} stage: fix that first\n{LAST_OUTPUT[0]}")
        results = []
        for bug in HAND:
            path = copy / bug.path
            original = path.read_text(encoding="utf-8")
            path.write_text(plant(copy, bug), encoding="utf-8")
            started = time.monotonic()
            caught_by = suites(copy)
            path.write_text(original, encoding="utf-8")
            results.append({"id": bug.id, "what": bug.what, "caught_by": caught_by})
            print(f"{bug.id:5} {'caught by ' + caught_by if caught_by else 'MISSED':18} {bug.what} "
                  f"({time.monotonic() - started:.0f} s)", flush=True)
        return results
    finally:
        shutil.rmtree(copy)


def mutmut_engine() -> dict[str, int]:
    """mutmut over calculators/, with the engine's CPython tests; the counts of its summary."""
    copy = scratch_copy()
    try:
        config = "\n".join([
            "", "[tool.mutmut]",
            'source_paths = ["calculators/"]',
            f"pytest_add_cli_args_test_selection = {json.dumps(ENGINE_TESTS)}",
            'also_copy = ["tests/", "source/", "macros/"]',
            "pytest_add_cli_args = " + json.dumps(["-p", "no:playwright", "-p", "no:cacheprovider", "-q"]
                                                  + [arg for test in NOT_UNDER_MUTMUT for arg in ("--deselect", test)]),
            "",
        ])
        with (copy / "pyproject.toml").open("a", encoding="utf-8") as handle:
            handle.write(config)
        mutmut = str(copy / ".venv" / "bin" / "mutmut")
        run_log = subprocess.run([mutmut, "run"], cwd=copy, capture_output=True, text=True, timeout=3600)
        listing = subprocess.run([mutmut, "results", "--all", "true"], cwd=copy, capture_output=True, text=True)
        counts: dict[str, int] = {}
        for status in re.findall(r":\s*(\w[\w ]*?)\s*$", listing.stdout, re.M):
            counts[status] = counts.get(status, 0) + 1
        if not counts.get("killed"):
            print("mutmut did not run its mutants; the end of what it said:\n"
                  + (run_log.stdout + run_log.stderr)[-3000:], flush=True)
        survivors = [line.split(":")[0].strip() for line in listing.stdout.splitlines() if line.endswith("survived")]
        (ROOT / "mutation-survivors.txt").write_text("\n".join(survivors) + "\n", encoding="utf-8")
        return counts
    finally:
        shutil.rmtree(copy)


def main() -> int:
    print("Hand-listed bugs (build, CPython, Node):", flush=True)
    hand = hand_list()
    missed = [r["id"] for r in hand if not r["caught_by"]]
    print(f"hand list: {len(hand) - len(missed)} of {len(hand)} caught" + (f"; missed: {', '.join(missed)}" if missed
                                                                           else ""))
    print("Engine mutants (mutmut over calculators/, engine tests):", flush=True)
    engine = mutmut_engine()
    total = sum(engine.values())
    killed = engine.get("killed", 0)
    print(f"mutmut: {killed} of {total} killed ({100 * killed / max(total, 1):.0f} %); "
          + ", ".join(f"{status} {count}" for status, count in sorted(engine.items()))
          + "; survivors listed in mutation-survivors.txt")
    (ROOT / "mutation-report.json").write_text(json.dumps({"hand": hand, "mutmut": engine}, indent=1) + "\n",
                                               encoding="utf-8")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
