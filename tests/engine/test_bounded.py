"""Files of unusual shape end in bounded time and memory, in the CLI, or are refused by name.

The generators follow the adversarial review of 5 December 2026 (D1-D5, D8, D9, D14-D16), at sizes
of our own. Every CLI run here has a 2 GB address-space cap and a time limit: a hang or a blow-up
fails the test instead of the machine.
"""

from __future__ import annotations

import io
import os
import resource
import subprocess
import sys
import time
import zipfile

import pytest
from workbooks import HEAD, NS, cell, two_visible_sheets, xlsx

from calculators import batch, table

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CAP = 2 * 1024**3


def _capped() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (CAP, CAP))


def cli(data: bytes, *args: str, timeout: int = 60) -> subprocess.CompletedProcess:
    path = os.path.join(os.environ.get("TMPDIR", "/tmp"), f"bounded-{os.getpid()}.bin")
    with open(path, "wb") as handle:
        handle.write(data)
    try:
        return subprocess.run([sys.executable, "-m", "calculators", "tenure", "--csv", path, *args],
                              capture_output=True, cwd=ROOT, timeout=timeout, preexec_fn=_capped)
    finally:
        os.unlink(path)


def ended_well(proc: subprocess.CompletedProcess, data: bytes) -> None:
    """Exit 0 or 2, no traceback, and output in proportion to the input."""
    assert proc.returncode in (0, 2), proc.stderr.decode(errors="replace")[-2000:]
    assert b"Traceback" not in proc.stderr
    assert len(proc.stdout) <= 20 * len(data) + 10_000


def test_one_wide_row_does_not_pad_every_row():
    data = ("qualified_on,required_years\n2018-12-31,5" + ",x" * 150 + "\n" + "2018-12-31,5\n" * 20_000).encode()
    proc = cli(data)
    ended_well(proc, data)
    assert proc.returncode == 0 and len(proc.stdout) < 8 * len(data)  # the result columns, not 150 padded cells
    wider = ("qualified_on,required_years\n2018-12-31,5" + "," * 300_000 + "x\n" + "2018-12-31,5\n" * 50_000).encode()
    proc = cli(wider)
    ended_well(proc, wider)
    assert proc.returncode == 2 and b"256" in proc.stderr and not proc.stdout


def test_trailing_empty_cells_are_set_aside():
    data = ("qualified_on,required_years" + "," * 5000 + "\n" + ("2018-12-31,5" + "," * 5000 + "\n") * 100).encode()
    run = batch.run_file("tenure", data)
    assert run.problem is None and run.counts["ok"] == 100 and len(run.csv_bytes()) < len(data)


@pytest.mark.parametrize("shape", ["dimension", "far_row", "far_header"])
def test_a_workbook_that_claims_a_huge_sheet(shape):
    data = {
        "dimension": xlsx(HEAD + '<row r="1048000">' + cell("A1048000", "2018-12-31") + "</row>",
                          dimension="A1:XFD1048576"),
        "far_row": xlsx(HEAD + '<row r="40000000">' + cell("A40000000", "2018-12-31") + "</row>"),
        "far_header": xlsx('<row r="900000">' + cell("A900000", "qualified_on") + "</row>"),
    }[shape]
    started = time.monotonic()
    proc = cli(data, timeout=30)
    ended_well(proc, data)
    assert proc.returncode == 2 and b"200000" in proc.stderr
    assert time.monotonic() - started < 30


def test_a_zip_bomb_is_refused_before_it_is_unpacked():
    data = xlsx(HEAD, streamed_rows=1_200_000)
    assert len(data) < table.MAX_FILE_BYTES
    proc = cli(data, timeout=30)
    ended_well(proc, data)
    assert proc.returncode == 2 and "xl/worksheets/sheet1.xml" in proc.stderr.decode()


def test_a_large_honest_workbook_is_read_in_slices_and_stays_bounded():
    data = xlsx(HEAD, streamed_rows=60_000)
    run = batch.BatchRun("tenure", data)
    slices = 0
    while run.reading:
        run.step(5_000)
        slices += 1
    assert slices >= 12 and run.problem is None
    while not run.done:
        run.step(50_000)
    assert run.counts == {"rows": 60_000, "ok": 60_000, "rejected": 0, "empty": 0, "skipped": 0}


def test_blank_lines_before_the_header_are_linear():
    def seconds(blank: int) -> float:
        data = ("\n" * blank + "qualified_on,required_years\n2018-12-31,5\n").encode()
        started = time.perf_counter()
        run = batch.run_file("tenure", data)
        assert run.problem is None and run.counts["ok"] == 1
        return time.perf_counter() - started
    seconds(1000)
    small, large = min(seconds(40_000) for _ in range(5)), min(seconds(80_000) for _ in range(5))
    assert large < 2.6 * small + 0.05, (small, large)  # linear with noise; the quadratic removal took 4x


def test_doubling_blank_columns_at_most_doubles_the_time():
    def seconds(blank: int) -> float:
        row = "2018-12-31,5" + "," * blank + "\n"
        data = ("qualified_on,required_years\n" + row * 2000).encode()
        started = time.perf_counter()
        assert batch.run_file("tenure", data).counts["ok"] == 2000
        return time.perf_counter() - started
    seconds(10)
    small, large = min(seconds(400) for _ in range(5)), min(seconds(800) for _ in range(5))
    assert large < 2.6 * small + 0.05, (small, large)


@pytest.mark.parametrize("names", [["张三", "郑小平", "李四"], ["郑小平"], ["伟", "叶志强", "谢英", "肖雪"],
                                   ["陆萍", "石梅", "史小平", "王芳"]])
def test_gb18030_names_survive_even_when_one_is_valid_utf8(names):
    for header in ("姓名,取得现资格时间,申报上一级职称要求的年限", "name,qualified_on,required_years"):
        text = header + "\r\n" + "".join(f"{name},2018-12-31,5\r\n" for name in names)
        run = batch.run_file("tenure", text.encode("gb18030"))
        assert run.problem is None, run.problem
        kept = [line.split(",")[3] for line in run.csv().splitlines()[1:]]
        assert kept == names, kept
        assert "�" not in run.csv()


def test_a_utf8_file_with_a_stray_byte_stays_utf8():
    data = "姓名,取得现资格时间\r\n张三,2018-12-31\r\n李四,2019-01-01\r\n".encode() + b"\xff\xfe\xfd,2018-01-01\r\n"
    run = batch.run_file("tenure", data)
    assert "张三" in run.csv() and "李四" in run.csv() and "UTF-8" in run.csv()


def test_the_visible_sheet_is_read_and_named():
    visible = HEAD + '<row r="2">' + cell("A2", "2018-12-31") + cell("B2", "5") + cell("C2", "VISIBLE") + "</row>"
    hidden = HEAD + '<row r="2">' + cell("A2", "2000-01-01") + cell("B2", "5") + cell("C2", "HIDDEN") + "</row>"
    run = batch.run_file("tenure", xlsx(visible, hidden_first=hidden))
    assert "VISIBLE" in run.csv() and "HIDDEN" not in run.csv()
    assert "1 个隐藏的工作表" in run.mapping


def test_several_visible_sheets_name_the_one_read_and_another_can_be_chosen():
    data = two_visible_sheets(("2022年", "2000-01-01", "旧表"), ("2023年", "2018-12-31", "新表"))
    first = batch.run_file("tenure", data)
    assert "旧表" in first.csv() and "读取的是工作表“2022年”（可见的工作表：2022年、2023年）" in first.mapping
    chosen = batch.run_file("tenure", data, sheet="2023年")
    assert "新表" in chosen.csv() and first.summary()["sheets"] == ["2022年", "2023年"]
    proc = cli(data, "--sheet", "2023年")
    assert proc.returncode == 0 and "新表".encode() in proc.stdout


@pytest.mark.parametrize("rows", [
    "".join(f'<row r="{r}">' + cell(f"A{r}", "2018-12-31") + "</row>" for r in (5, 3, 4)),
    "".join('<row r="2">' + cell("A2", "2018-12-31") + cell("C2", n) + "</row>" for n in ("a", "b")),
    '<row r="0">' + cell("A0", "2018-12-31") + "</row>",
    '<row r="2">' + cell("A2", "2018-12-31") + cell("A2", "2019-12-31") + "</row>",
])
def test_a_workbook_that_would_lose_a_row_or_a_cell_is_refused(rows):
    proc = cli(xlsx(HEAD + rows))
    assert proc.returncode == 2 and b"Traceback" not in proc.stderr and not proc.stdout


def test_the_cli_ends_cleanly_on_endless_or_closed_streams():
    for command in ("--csv /dev/zero", "< in.json > /dev/full", "< in.json >&-", "<&-", "--csv - <&-"):
        shell = (f"cd {ROOT} && echo '{{\"qualified_on\":\"2018-12-31\"}}' > /tmp/in.json && cd /tmp && "
                 f"{sys.executable} -m calculators tenure {command.replace('in.json', '/tmp/in.json')}")
        proc = subprocess.run(["bash", "-c", shell], capture_output=True, timeout=60, preexec_fn=_capped,
                              env={**os.environ, "PYTHONPATH": ROOT})
        assert proc.returncode in (0, 2), (command, proc.stderr)
        assert b"Traceback" not in proc.stderr and b"Exception ignored" not in proc.stderr, command


def test_an_alt_enter_cell_with_a_comma_is_one_cell():
    data = b'qualified_on,required_years,note\r\n2018-12-31,5,"Room 1, Building 2\nTransferred in 2019"\r\n'
    run = batch.run_file("tenure", data, "en")
    assert run.counts["ok"] == 1


def test_workbook_cells_as_excel_shows_them():
    rows = (HEAD.replace("name", "public") + '<row r="2">' + cell("A2", "2018-12-31") + '<c r="B2"><v>5</v></c>'
            '<c r="C2"><f>10.1+20.2</f><v>30.299999999999997</v></c></row>'
            '<row r="3"><c r="A3"><f>DATE(2018,12,31)</f></c><c r="B3"><v>5</v></c></row>')
    run = batch.run_file("tenure", xlsx(rows))
    text = run.csv()
    assert ",30.3," in text and "30.299999999999997 按 Excel 显示读作 30.3" in text
    assert "没有计算结果的公式" in text


def test_one_bad_byte_or_cell_rejects_its_row_not_the_file():
    data = ("qualified_on,required_years,name\n" + "2018-12-31,5,a\n" * 500 + "2018-12-31,5,b\x00c\n").encode()
    run = batch.run_file("tenure", data)
    assert run.problem is None and run.counts["rows"] == 501
    bad = xlsx(HEAD + '<row r="2">' + cell("A2", "2018-12-31") + '<c r="B2" t="d"><v>not a date</v></c></row>'
               + '<row r="3">' + cell("A3", "2018-12-31") + '<c r="B3"><v>5</v></c></row>')
    run = batch.run_file("tenure", bad)
    assert run.problem is None and run.counts == {"rows": 2, "ok": 1, "rejected": 1, "empty": 0, "skipped": 0}


def test_a_workbook_row_of_many_cells_is_bounded():
    far = xlsx(HEAD + '<row r="2">' + cell("A2", "2018-12-31") + cell("XFD2", "x") + "</row>")
    run = batch.run_file("tenure", far)
    assert run.problem["code"] == "too_many_columns" and "16384" in run.problem["en"]
    empty = "".join(f'<c r="{_letters(i)}2" s="0"/>' for i in range(1, 16_000))
    styled = xlsx(HEAD + '<row r="2">' + cell("A2", "2018-12-31") + empty[len('<c r="A2" s="0"/>'):] + "</row>")
    run = batch.run_file("tenure", styled)
    assert run.problem is None and run.counts["ok"] == 1


def _letters(number: int) -> str:
    text = ""
    while number:
        number, rest = divmod(number - 1, 26)
        text = chr(65 + rest) + text
    return text


def _rewritten(data: bytes, name: str, change) -> bytes:
    """The same workbook with one part changed as a hostile file would change it."""
    source, out = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for info in source.infolist():
            body = source.read(info.filename)
            z.writestr(info.filename, change(body) if info.filename == name else body)
    return out.getvalue()


def test_a_document_type_in_any_part_is_refused_before_a_library_parses_it():
    good = xlsx('<row r="1"><c r="A1" t="inlineStr"><is><t>取得现资格时间</t></is></c></row>')
    assert batch.run_file("tenure", good).problem["code"] == "no_rows"
    for part in ("xl/workbook.xml", "[Content_Types].xml", "xl/worksheets/sheet1.xml", "_rels/.rels"):
        hostile = _rewritten(good, part, lambda body: b'<?xml version="1.0"?><!-- x --><!DOCTYPE x [<!ENTITY a "a">]>' + body)
        assert batch.run_file("tenure", hostile).problem["code"] == "workbook_doctype", part
    padded = _rewritten(good, "xl/workbook.xml", lambda body: b"<!--" + b"x" * 70_000 + b"-->" + body)
    assert batch.run_file("tenure", padded).problem["code"] == "workbook_doctype"


def test_a_number_format_longer_than_excel_allows_is_refused_at_once():
    styles = ('<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="1">'
              '<numFmt numFmtId="164" formatCode="' + "[" * 4000 + '"/></numFmts></styleSheet>')
    good = xlsx('<row r="1"><c r="A1" t="inlineStr"><is><t>取得现资格时间</t></is></c></row>')
    buffer = io.BytesIO(good)
    with zipfile.ZipFile(buffer, "a") as z:
        z.writestr("xl/styles.xml", styles)
    hostile = buffer.getvalue()
    started = time.monotonic()
    run = batch.run_file("tenure", hostile)
    assert run.problem["code"] == "workbook_number_format" and "4000" in run.problem["zh"]
    assert time.monotonic() - started < 5


def test_only_the_parts_declared_worksheets_get_the_larger_limit():
    from calculators import workbook
    data = xlsx('<row r="1"><c r="A1" t="inlineStr"><is><t>取得现资格时间</t></is></c></row>')
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert workbook._sheet_parts(archive, archive.infolist()) == {"xl/worksheets/sheet1.xml"}
    moved = _rewritten(data, "[Content_Types].xml", lambda body: body.replace(b"worksheet+xml", b"sharedStrings+xml"))
    with zipfile.ZipFile(io.BytesIO(moved)) as archive:
        assert workbook._sheet_parts(archive, archive.infolist()) == set()


def test_full_width_formula_marks_are_neutralised_too():
    assert [batch.safe_cell(text) for text in ("＝SUM(A1)", "＋1", "－1", "＠x", "2018")] == [
        "'＝SUM(A1)", "'＋1", "'－1", "'＠x", "2018"]


def test_any_failure_inside_a_library_ends_as_a_named_refusal(monkeypatch):
    from calculators import workbook
    data = xlsx('<row r="1"><c r="A1" t="inlineStr"><is><t>取得现资格时间</t></is></c></row>')
    for fault, code in ((MemoryError(), "out_of_memory"), (NotImplementedError("zip 8.4"), "workbook_unreadable")):
        def failing(*args, fault=fault):
            raise fault
            yield
        monkeypatch.setattr(workbook, "_rows", failing)
        run = batch.run_file("tenure", data)
        assert run.problem["code"] == code and run.problem["zh"] and run.problem["en"]


def test_a_row_not_calculated_keeps_a_clipped_copy_and_the_results_stay_a_small_multiple():
    long = "x" * 5_000
    data = ("取得现资格时间,备注\r\n" + "".join(f"not a date,{long}\r\n" for _ in range(50))).encode()
    run = batch.run_file("tenure", data)
    assert run.counts["rejected"] == 50 and len(run.csv_bytes()) < len(data) / 10
    assert "x" * batch.CLIPPED + "…" in run.csv()
    small = batch.BatchRun("tenure", ("取得现资格时间\r\n" + "2018-01-01\r\n" * 5_000).encode())
    small.result_limit = 10_000
    while not small.done:
        small.step(1_000)
    assert small.problem["code"] == "result_too_big" and small.csv_bytes() == b""


def test_a_stray_quote_in_a_one_column_roster_is_noticed_and_every_person_counted():
    run = batch.run_file("tenure", '取得现资格时间\n"2018-01-01\n2019-02-02\n2020-03-03\n'.encode())
    assert run.counts == {"rows": 3, "ok": 0, "rejected": 3, "empty": 0, "skipped": 0}
    assert "文件第 2 至 4 行被并入了同一个单元格" in run.csv()
    kept = batch.run_file("tenure", '取得现资格时间,备注\n2018-01-01,"第一行\n第二行"\n'.encode())
    assert kept.counts["ok"] == 1  # a cell typed with Alt+Enter is kept as it is


def test_utf8_with_an_accented_name_or_one_stray_byte_stays_utf8():
    rows = "姓名,取得现资格时间\r\n张三,2018-12-31\r\n李四,2019-01-01\r\nMüller,2018-01-01\r\n"
    for data in (rows.encode(), b"\xef\xbb\xbf" + rows.encode()):
        run = batch.run_file("tenure", data)
        assert run.table.source.startswith("UTF-8") and "张三" in run.csv() and "Müller" in run.csv()
    latin = "姓名,取得现资格时间\r\nAnna,2018-12-31\r\nBob,2019-01-01\r\n".encode() + b"Carl\xff,2018-01-01\r\n"
    run = batch.run_file("tenure", latin)
    assert run.problem is None and run.table.source.startswith("UTF-8") and run.counts["ok"] == 3


def test_a_formula_without_a_value_in_a_deciding_column_refuses_its_row():
    rows = ('<row r="1"><c r="A1" t="inlineStr"><is><t>取得现资格时间</t></is></c>'
            '<c r="B1" t="inlineStr"><is><t>年度考核不合格年份</t></is></c><c r="C1" t="inlineStr"><is><t>备注</t></is></c></row>'
            '<row r="2"><c r="A2" t="inlineStr"><is><t>2017-06-28</t></is></c><c r="B2"><f>2019</f></c></row>'
            '<row r="3"><c r="A3" t="inlineStr"><is><t>2017-06-28</t></is></c><c r="C3"><f>1+1</f></c></row>')
    run = batch.run_file("tenure", xlsx(rows))
    assert run.counts["rejected"] == 1 and run.counts["ok"] == 1
    assert "第 2 列是没有计算结果的公式" in run.csv().splitlines()[1]


def number(ref: str, value: str, style: int | None = None) -> str:
    return f'<c r="{ref}"{f" s={chr(34)}{style}{chr(34)}" if style is not None else ""}><v>{value}</v></c>'


def person(row: int, date_cell: str, years: str = "5", name: str = "") -> str:
    return (f'<row r="{row}">{date_cell}{number(f"B{row}", years)}'
            + (cell(f"C{row}", name) if name else "") + "</row>")


def checked(data: bytes) -> batch.BatchRun:
    return batch.run_file("tenure", data, "en")


def results(run: batch.BatchRun) -> list[dict[str, str]]:
    import csv
    return list(csv.DictReader(io.StringIO(run.csv())))


@pytest.mark.filterwarnings("ignore:Duplicate name")  # zipfile's, while the test writes the file
def test_two_parts_of_one_name_are_refused_not_one_of_them_read():
    good = xlsx(HEAD + person(2, cell("A2", "2018-12-31"), name="GOOD"))
    evil = xlsx(HEAD + person(2, cell("A2", "2018-12-31"), name="EVIL"))
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(good)) as first, zipfile.ZipFile(out, "w") as z:
        for item in first.infolist():
            z.writestr(item, first.read(item))
        with zipfile.ZipFile(io.BytesIO(evil)) as second:
            z.writestr("xl/worksheets/sheet1.xml", second.read("xl/worksheets/sheet1.xml"))
    proc = cli(out.getvalue())
    ended_well(proc, out.getvalue())
    assert proc.returncode == 2 and b"EVIL" not in proc.stdout
    assert "two parts named “xl/worksheets/sheet1.xml”" in proc.stderr.decode()


@pytest.mark.parametrize("after", ['<row r="3"><c r="A3" t="inlineStr"><is><t>2000-01-01</t></is></c></row>',
                                   '<sheetData><row r="3"><c r="A3" t="inlineStr"><is><t>2000-01-01</t></is></c>'
                                   '</row></sheetData>'])
def test_rows_outside_the_sheets_data_refuse_the_file(after):
    run = checked(xlsx(HEAD + person(2, cell("A2", "2018-12-31")), after_data=after))
    assert run.problem and "rows outside its data" in run.problem["en"]


@pytest.mark.parametrize("index", ["-1", "0_5", " 1e0", "+0"])
def test_a_shared_string_index_that_is_not_a_plain_number_rejects_its_row(index):
    data = xlsx(HEAD + f'<row r="2"><c r="A2" t="s"><v>{index}</v></c>{number("B2", "5")}</row>',
                shared_strings=10)
    run = checked(data)
    assert run.counts["rejected"] == 1 and run.counts["ok"] == 0
    assert "cannot be read" in results(run)[0]["Reason or note"]


def test_an_inline_string_that_is_both_a_text_and_runs_rejects_its_row():
    data = xlsx(HEAD + '<row r="2"><c r="A2" t="inlineStr"><is><t>2018-12-3</t><r><t>1</t></r></is></c>'
                + number("B2", "5") + "</row>")
    run = checked(data)
    assert run.counts["rejected"] == 1 and "cannot be read" in results(run)[0]["Reason or note"]


def test_a_value_hidden_under_a_merged_area_is_read_as_excel_shows_the_area():
    rows = (HEAD + person(2, cell("A2", "2016-06-30"), name="甲") + person(3, cell("A3", "2023-01-01"), name="乙")
            + '<row r="4">' + cell("A4", "2018-12-31") + number("B4", "5") + cell("C4", "丙") + cell("D4", "hidden")
            + "</row>")
    run = checked(xlsx(rows, after_data='<mergeCells count="2"><mergeCell ref="A2:A3"/><mergeCell ref="C4:D4"/>'
                                        '</mergeCells>'))
    rows = results(run)
    assert rows[1]["qualified_on"] == "2016-06-30" and "merged" in rows[1]["Reason or note"]  # as Excel shows row 3
    assert run.counts["ok"] == 3
    assert "hidden" not in " ".join(rows[2].values()) and "merged" in rows[2]["Reason or note"]


def test_a_number_format_that_shows_fixed_text_rejects_the_row_when_the_column_decides():
    import openpyxl
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["qualified_on", "required_years", "note"])
    sheet.append(["2018-12-31", 5, 1])
    sheet.append(["2018-12-31", 5, 1])
    sheet["B2"].number_format = '"6"'
    sheet["C3"].number_format = '"seen"'  # a column no answer rests on
    sheet["B3"].number_format = '0;"neg";"zero"'  # places the number for a positive value
    out = io.BytesIO()
    book.save(out)
    run = checked(out.getvalue())
    rows = results(run)
    assert [row["Result"] for row in rows] == ["rejected", "calculated"]
    assert '"6"' in rows[0]["Reason or note"] and "shows fixed text" in rows[0]["Reason or note"]


def rezipped(data: bytes, name: str, change) -> bytes:
    """The workbook with one part changed."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as z:
        for item in source.infolist():
            z.writestr(item, change(source.read(item)) if item.filename == name else source.read(item))
    return out.getvalue()


def test_two_sheets_of_one_name_can_each_be_chosen():
    first = '<row r="1">' + cell("A1", "qualified_on") + cell("B1", "name") + "</row>"
    data = xlsx(first + '<row r="2">' + cell("A2", "2018-12-31") + cell("B2", "SECOND") + "</row>",
                hidden_first=first + '<row r="2">' + cell("A2", "2018-12-31") + cell("B2", "FIRST") + "</row>")
    data = rezipped(data, "xl/workbook.xml", lambda xml: xml.replace(b'name="Hidden"', b'name="Staff"')
                    .replace(b' state="hidden"', b""))
    run = checked(data)
    assert run.table.sheets == ["Staff (1)", "Staff (2)"]
    assert results(run)[0]["name"] == "FIRST"
    assert results(batch.run_file("tenure", data, "en", "Staff (2)"))[0]["name"] == "SECOND"


def test_the_cli_says_nothing_of_the_librarys_warnings_and_escapes_control_characters():
    import openpyxl
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["qualified_on", "required_years"])
    sheet.append([10**9, 5])
    sheet["A2"].number_format = "yyyy-mm-dd"  # a date past Excel's, which openpyxl warns of
    out = io.BytesIO()
    book.save(out)
    proc = cli(out.getvalue())
    ended_well(proc, out.getvalue())
    err = proc.stderr.decode()
    assert "Warning" not in err and "site-packages" not in err and ".venv" not in err
    data = "qualified_on,required_years,na\x9bme\x1b[2J\n2018-12-31,5,x\n".encode()
    proc = cli(data)
    ended_well(proc, data)
    err = proc.stderr.decode()
    assert proc.returncode == 0 and "\x9b" not in err and "\x1b" not in err and "na\\x9bme" in err


def test_strings_in_formatted_runs_read_as_their_text_shared_or_in_the_cell():
    runs = "".join(f"<r><rPr><b/><sz val=\"{9 + i}\"/></rPr><t>{part}</t></r>" for i, part in enumerate(("2018-", "12-", "31")))
    rows = ('<row r="2"><c r="A2" t="inlineStr"><is>' + runs + "</is></c>" + number("B2", "5")
            + '<c r="C2" t="s"><v>0</v></c></row>')
    data = rezipped(xlsx(HEAD + rows, shared_strings=1), "xl/sharedStrings.xml",
                    lambda _: f"<sst {NS}><si>{runs.replace('2018-', '张')}</si></sst>".encode())
    row = results(checked(data))[0]
    assert (row["qualified_on"], row["name"], row["Result"]) == ("2018-12-31", "张12-31", "calculated")
