"""Mutation fuzzing of the roster reader, as the third red team ran it: seed rosters (CSV in several
encodings and shapes, workbooks written by openpyxl and by hand) mutated as bytes, inside one XML part
of a workbook, or in the zip's own headers, each checked through ``batch.run_file``.

Every mutant must end within a time limit, never raise, and give a result whose rows are those below
the header, numbered without a gap, with no cell a spreadsheet would run as a formula, and a summary
that serialises. CI runs a small budget with a fixed seed; a longer run is ``make fuzz`` (dev/TESTING.md),
or ``FUZZ_CASES=N FUZZ_SEED=S`` with this file.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import random
import signal
import zipfile

import pytest
from workbooks import HEAD, cell, xlsx

from calculators import batch

CASES = int(os.environ.get("FUZZ_CASES", "240"))
SEED = int(os.environ.get("FUZZ_SEED", "20261207"))
SECONDS = 20  # per file; the reader's own bounds end any file well inside it
ZIP_RECORDS = {b"PK\x03\x04": 30, b"PK\x01\x02": 46, b"PK\x05\x06": 22}  # signature, fixed part's length


def _csv(rows: list[list[str]], encoding: str = "utf-8", delimiter: str = ",") -> bytes:
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    return out.getvalue().encode(encoding)


def _openpyxl_book() -> bytes:
    import openpyxl
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["XX县2023年职称申报花名册"])
    sheet.append(["姓名", "现职称取得时间", "年度考核不合格年份", "申报职称要求年限"])
    sheet.append(["郝敏倩", dt.date(2018, 9, 3), 2020, 5])
    sheet.append(["石云", dt.date(2016, 6, 30), None, 5])
    sheet.append(["李四", 43281, None, 5])
    sheet.merge_cells("A1:D1")
    second = book.create_sheet("说明")
    second.append(["填表说明"])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def seeds() -> list[bytes]:
    people = [["姓名", "取得现资格时间", "不合格年份", "要求年限"], ["张三", "2018-12-31", "2020", "5"],
              ["李四", "2019/6/30", "", "5"], ["王五", "2017年3月1日", "2019、2021", "5"]]
    rows = "".join(f'<row r="{n}">' + cell(f"A{n}", "2018-12-31") + f'<c r="B{n}"><v>5</v></c>'
                   + cell(f"C{n}", f"人{n}") + "</row>" for n in range(2, 8))
    return [
        _csv(people), b"\xef\xbb\xbf" + _csv(people), _csv(people, "gb18030"), _csv(people, "utf-16"),
        _csv(people, delimiter=";"), _csv([["2023年名单"], *people, ["合计", "3"]]),
        _csv([["qualified_on", "required_years", "name"], ["2018-12-31", "5", '"quoted, name"']]),
        _openpyxl_book(), xlsx(HEAD + rows), xlsx(HEAD + rows, shared_strings=20, hidden_first=HEAD),
    ]


def _bytes_mutated(data: bytes, rng: random.Random) -> bytes:
    """One to four edits: a byte changed, inserted or deleted, a slice dropped or repeated."""
    out = bytearray(data)
    for _ in range(rng.randint(1, 4)):
        at = rng.randrange(len(out) or 1)
        kind = rng.randrange(5)
        if kind == 0 and out:
            out[at] = rng.randrange(256)
        elif kind == 1:
            out[at:at] = bytes([rng.choice(b'<>"&;,\r\n\x00\xff=') if rng.random() < 0.7 else rng.randrange(256)])
        elif kind == 2:
            del out[at:at + rng.randint(1, 8)]
        elif kind == 3:
            del out[at:at + rng.randint(1, 200)]
        else:
            length = rng.randint(1, 300)
            out[at:at] = out[at:at + length] * rng.randint(1, 20)
    return bytes(out)


def _part_mutated(data: bytes, rng: random.Random) -> bytes:
    """One XML part of a workbook mutated, the zip then written afresh (so that it is a valid zip)."""
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        items = source.infolist()
        chosen = rng.choice([i for i in items if i.filename.endswith((".xml", ".rels"))])
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
            for item in items:
                body = source.read(item)
                target.writestr(item.filename, _bytes_mutated(body, rng) if item is chosen else body)
    return out.getvalue()


def _headers_mutated(data: bytes, rng: random.Random) -> bytes:
    """Bytes changed inside the zip's local headers, central directory or end record."""
    places = [(at, length) for signature, length in ZIP_RECORDS.items()
              for at in range(len(data)) if data.startswith(signature, at)]
    out = bytearray(data)
    for _ in range(rng.randint(1, 3)):
        at, length = rng.choice(places)
        where = at + rng.randrange(4, length)
        if where < len(out):
            out[where] = rng.choice((0, 0xFF, out[where] ^ (1 << rng.randrange(8)), rng.randrange(256)))
    return bytes(out)


class Hang(BaseException):
    """A file past the time limit: a BaseException, so that no boundary of the reader swallows it."""


def _alarm(*_: object) -> None:
    raise Hang


def check(data: bytes, name: str = "tenure") -> None:
    """One file through the reader, held to what every answer or refusal must be."""
    previous = signal.signal(signal.SIGALRM, _alarm)
    signal.alarm(SECONDS)
    try:
        run = batch.run_file(name, data, "zh")
        summary = json.dumps(run.summary())
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
    assert summary
    if run.problem is not None:
        assert run.problem["zh"] and run.problem["en"]
        return
    lines = list(csv.reader(io.StringIO(run.download_bytes().decode("utf-8-sig"))))
    assert len(lines[0]) == 1 and not lines[0][0].startswith(batch.FORMULA_START)
    header, rows = lines[1], lines[2:]
    counts = run.counts
    # Lines a stray quote merged into one record count as the people they were (their record says so).
    assert counts["rows"] == counts["ok"] + counts["rejected"] + counts["empty"] + counts["skipped"]
    assert len(rows) <= counts["rows"] and (len(rows) == counts["rows"] or counts["rejected"])
    numbers = [int(row[header.index("表格行号")]) for row in rows]
    assert numbers == list(range(numbers[0], numbers[0] + len(numbers))) if numbers else True
    assert not [c for row in [header, *rows] for c in row if c.startswith(batch.FORMULA_START)]


def test_the_seeds_are_read():
    for data in seeds():
        run = batch.run_file("tenure", data, "zh")
        assert run.problem is None and run.counts["ok"] >= 1, run.problem


@pytest.mark.filterwarnings("ignore::UserWarning")  # openpyxl warns of the damage it reads past
def test_mutated_rosters_end_in_an_answer_or_a_named_refusal():
    rng = random.Random(SEED)
    found = seeds()
    for case in range(CASES):
        data = rng.choice(found)
        workbook = data.startswith(b"PK")
        how = rng.choice((_bytes_mutated, _part_mutated, _headers_mutated) if workbook else (_bytes_mutated,))
        mutant = how(data, rng)
        try:
            check(mutant, rng.choice(("tenure", "ce_hours")))
        except (AssertionError, Hang, Exception) as failure:
            pytest.fail(f"case {case} (seed {SEED}, {how.__name__}): {type(failure).__name__} {failure}; "
                        f"replay with FUZZ_SEED={SEED} FUZZ_CASES={case + 1}")
