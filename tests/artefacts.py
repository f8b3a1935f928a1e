"""Every acceptance case's full answer, in both languages, as reviewed text under ``tests/artefacts/``.

``python tests/artefacts.py`` (``make artefacts``) writes them; ``test_artefacts.py`` fails on any
difference, so a change of wording reaches review as a diff of these files.
Cases: the contract's (``tests/data/cases.json``), our own (``tests/data/own_cases.json``) and the
worked examples of the common questions (``source/faq.yml``).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import calculators  # noqa: E402
from calculators import transcript  # noqa: E402

FOLDER = ROOT / "tests" / "artefacts"


def cases() -> list[dict]:
    """Every case an artefact is kept for: id, calculator and input."""
    found = []
    for source in ("cases.json", "own_cases.json"):
        found += json.loads((ROOT / "tests" / "data" / source).read_text(encoding="utf-8"))
    for question in yaml.safe_load((ROOT / "source" / "faq.yml").read_text(encoding="utf-8")):
        if "example" in question:
            example = question["example"]
            found.append({"id": f"faq-{question['id']}", "calculator": example["calculator"],
                          "input": example["inputs"]})
    return found


def rendered() -> dict[str, str]:
    """File name → text, for every case and language."""
    files = {}
    for case in cases():
        answer = calculators.run(case["calculator"], case["input"])
        given = json.dumps(case["input"], ensure_ascii=False, sort_keys=True)
        for lang in ("zh", "en"):
            files[f"{case['id']}.{lang}.txt"] = f"{case['id']}\ninput: {given}\n\n{transcript.text(answer, lang)}\n"
    return files


def write() -> None:
    """Accept the current answers: write every artefact and remove those whose case is gone."""
    files = rendered()
    FOLDER.mkdir(exist_ok=True)
    for stale in FOLDER.glob("*.txt"):
        if stale.name not in files:
            stale.unlink()
    for name, text in files.items():
        (FOLDER / name).write_text(text, encoding="utf-8")
    print(f"{len(files)} artefacts in {FOLDER.relative_to(ROOT)}")


if __name__ == "__main__":
    write()
