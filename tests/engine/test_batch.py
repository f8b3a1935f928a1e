"""Batch checks of a whole unit: every spreadsheet export read, no row lost, nothing run as a formula.

Each problem a reliability review reproduced (stray quotes, lost rows, formulas, exports) has a test
here that failed on the code the review read.
"""

from __future__ import annotations

import csv
import io
import os
import subprocess
import sys

import openpyxl
import pytest
from conftest import ROOT
from hypothesis import example, given, settings
from hypothesis import strategies as st

from calculators import batch, table

HEADER_ZH = ["结果", "退回原因或说明", "表格行号"]


def results(name, data, lang="en"):
    """The CSV the CLI and the page write, read back as rows (the header first)."""
    run = batch.run_file(name, data, lang)
    assert run.problem is None, run.problem
    return list(csv.reader(io.StringIO(run.csv())))


def column(rows, title):
    return [row[rows[0].index(title)] for row in rows[1:]]


def cli(*args, data=b"", env=None):
    return subprocess.run([sys.executable, "-m", "calculators", *args], input=data, capture_output=True, cwd=ROOT,
                          env={**os.environ, **(env or {})})


TENURE = "qualified_on,required_years\r\n2018-12-31,5\r\n2019-06-30,5\r\n"


@pytest.mark.parametrize(("label", "data"), [
    ("CR-only line ends (Excel for Mac)", TENURE.replace("\r\n", "\r").encode()),
    ("UTF-16 with a BOM, tab-separated (Excel's Unicode Text)", TENURE.replace(",", "\t").encode("utf-16")),
    ("UTF-16 little-endian without a BOM", TENURE.encode("utf-16-le")),
    ("UTF-8 with a BOM, semicolons", ("\ufeff" + TENURE.replace(",", ";")).encode()),
    ("a doubled BOM", ("\ufeff\ufeff" + TENURE).encode()),
    ("GB18030", TENURE.encode("gb18030")),
])
def test_every_export_is_read(label, data):
    rows = results("tenure", data)
    assert column(rows, "Result") == ["calculated", "calculated"], label
    assert column(rows, "Row in file") == ["2", "3"]


def test_a_lone_cr_inside_a_crlf_file_is_a_line_end_not_a_crash():
    rows = results("tenure", b"qualified_on,required_years\r\n2018-12-31,5\r2019-06-30,5\r\n")
    assert column(rows, "Result") == ["calculated", "calculated"]


def test_a_cell_over_the_csv_modules_limit_is_read():
    rows = results("tenure", ("qualified_on,required_years,name\n2018-12-31,5," + "x" * 200_000 + "\n").encode())
    assert column(rows, "Result") == ["calculated"] and len(column(rows, "name")[0]) == 200_000


@pytest.mark.parametrize("data", [bytes(range(256)) * 4, b"\x00\x01\x02" * 100, b"PK\x03\x04garbage"])
def test_binary_files_are_refused_clearly(data):
    run = batch.run_file("tenure", data)
    assert run.problem and run.problem["zh"] and run.problem["en"]


@pytest.mark.parametrize("payload", ['=HYPERLINK("http://evil.example","x")', "+cmd|' /C calc'!A0", "@SUM(1+1)",
                                     "-2+3", "\t=1+2", "\r=1+2"])
def test_formulas_are_neutralised_in_cells_header_and_rejected_rows(payload):
    text = io.StringIO()
    csv.writer(text).writerows([["qualified_on", "required_years", "name", payload],
                                ["2018-12-31", "5", payload, "x"], [payload, "5", "y", "z"]])
    written = batch.run_file("tenure", text.getvalue().encode()).csv()
    cells = [cell for row in csv.reader(io.StringIO(written)) for cell in row]
    assert not [cell for cell in cells if cell.startswith(batch.FORMULA_START)]
    assert cells.count("'" + payload) >= 2  # a kept cell and a rejected row's cell (a header loses its spaces)


def test_deep_nesting_is_an_answer():
    proc = cli("tenure", data=b"[" * 100_000)
    assert proc.returncode == 2 and b"Traceback" not in proc.stderr
    proc = cli("quota", data=b'{"enterprise_level": "national", "nominees": "' + b"[" * 100_000 + b'"}')
    assert proc.returncode == 2 and "无法读取".encode() in proc.stdout


@pytest.mark.parametrize("data", [b'{"\\ud800": 1, "qualified_on": "2018-12-31"}',
                                  b'{"enterprise_level":"national","nominees":[{"name":"\\udfff"}]}'])
def test_lone_surrogates_do_not_crash_the_cli(data):
    name = "quota" if b"nominees" in data else "tenure"
    proc = cli(name, data=data)
    assert proc.returncode in (0, 2) and b"Traceback" not in proc.stderr and proc.stdout.decode("utf-8")


@pytest.mark.parametrize("encoding", ["gbk", "ascii"])
def test_a_non_utf8_console_does_not_crash_the_cli(encoding, tmp_path):
    env = {"PYTHONIOENCODING": encoding}
    proc = cli("quota", data='{"enterprise_level":"national","nominees":[{"name":"😀"}]}'.encode(), env=env)
    assert proc.returncode == 0 and b"Traceback" not in proc.stderr
    sheet = tmp_path / "e.csv"
    sheet.write_bytes("qualified_on,name\n2018-12-31,😀\n".encode())
    proc = cli("tenure", "--csv", str(sheet), env=env)
    assert proc.returncode == 0 and "😀".encode() in proc.stdout and proc.stdout.startswith(b"\xef\xbb\xbf")
    assert cli("tenure", "--text", data=b'{"qualified_on":"2018-12-31"}', env=env).returncode == 0


def test_a_stray_quote_that_swallows_rows_is_reported():
    data = b'qualified_on,required_years,name\n2018-12-31,5,a\n2018-12-31,5,"Bob\n2018-12-31,5,c\n2018-12-31,5,d\n'
    rows = results("tenure", data)
    assert column(rows, "Result") == ["calculated", "rejected"]
    assert "Lines 3 to 5" in column(rows, "Reason or note")[1]


def test_duplicate_columns_are_refused_with_their_numbers():
    run = batch.run_file("tenure", b"qualified_on,qualified_on,,required_years\n2018-12-31,2020-01-01,KEEP,5,EXTRA\n")
    assert run.problem["code"] == "duplicate_column" and "第 1 列“qualified_on”、第 2 列“qualified_on”" in run.problem["zh"]


def test_unnamed_columns_and_extra_cells_are_kept_and_reported():
    rows = results("tenure", b"qualified_on,,required_years\n2018-12-31,KEEP,5,EXTRA\n")
    assert rows[0][3:7] == ["qualified_on", "column 2 (no name)", "required_years", "Cells beyond the named columns"]
    assert rows[1][3:7] == ["2018-12-31", "KEEP", "5", "EXTRA"]
    assert "1 extra" in rows[1][1] and rows[1][0] == "calculated"


def test_blank_rows_are_reported_not_dropped():
    rows = results("tenure", b"qualified_on,required_years\n2018-12-31,5\n\n,\n \n2019-01-01,5\n")
    assert column(rows, "Result") == ["calculated", "empty", "empty", "empty", "calculated"]
    assert column(rows, "Row in file") == ["2", "3", "4", "5", "6"]


def test_long_digit_strings_are_refused_fast():
    rows = results("tenure", ("qualified_on,required_years\n2018-12-31," + "9" * 1_000_000 + "\n").encode())
    assert column(rows, "Result") == ["rejected"]


def test_one_stray_byte_does_not_turn_utf8_into_mojibake():
    data = b"qualified_on,required_years,\xe5\xa7\x93\xe5\x90\x8d\n2018-12-31,5,\xe5\xbc\xa0\xe4\xb8\x89\n2018-12-31,5,Jos\xe9\n"
    rows = results("tenure", data, "zh")
    assert "姓名" in rows[0] and column(rows, "姓名")[0] == "张三"
    assert column(rows, "退回原因或说明") == ["", column(rows, "退回原因或说明")[1]]
    assert "UTF-8" in column(rows, "退回原因或说明")[1] and column(rows, "姓名")[1] == "Jos\ufffd"


def test_cli_odds_and_ends(tmp_path):
    assert cli("tenure", "--csv", "").returncode == 2
    assert cli("tenure", "--csv", str(tmp_path)).returncode == 2
    assert cli("tenure", "--csv", str(tmp_path / "missing.csv")).returncode == 2


def test_labels_in_either_language_name_the_columns():
    for header in ("取得现资格时间,申报上一级职称要求的年限", "Date the current title was obtained,Years the next title requires",
                   "“取得现资格时间”（必填）,申报上一级职称要求的年限"):
        rows = results("tenure", (header + "\n2019-06-30,5\n").encode("gb18030"), "zh")
        assert column(rows, "结果") == ["已计算"], header


def test_a_file_with_no_known_column_says_so():
    run = batch.run_file("tenure", "姓名,部门\n张三,办公室\n".encode())
    assert run.problem["code"] == "no_known_column" and "取得现资格时间" in run.problem["zh"]


def test_header_only_and_empty_files_say_so():
    assert batch.run_file("tenure", b"qualified_on,required_years\n").problem["code"] == "no_rows"
    assert batch.run_file("tenure", b"").problem["code"] == "no_header"
    assert batch.run_file("tenure", b"\n\n").problem["code"] == "no_header"


def test_results_speak_the_readers_language():
    rows = results("ce_hours", "人员类别,公需科目学时,专业科目学时\n基层,15,30\n".encode(), "zh")
    assert rows[0][:3] == HEADER_ZH
    assert column(rows, "学时是否达到要求（本站口径）") == ["符合"] and column(rows, "总学时") == ["45"]
    assert column(rows, "专业科目占比") == ["66.67%"]
    en = results("ce_hours", b"category,public_hours,professional_hours\ngrassroots,15,30.5\n", "en")
    assert column(en, "Hours met (this site's reading)") == ["met"] and column(en, "Total hours") == ["45.5"]
    tenure = results("tenure", b"qualified_on,unqualified_years,required_years\n2018-06-30,2019 2020,5\n", "zh")
    assert column(tenure, "扣除的年度") == ["2019、2020"] and column(tenure, "年限是否满足要求（本站计算方法）") == ["不符合"]


def test_the_reason_is_in_the_second_column():
    rows = results("tenure", b"qualified_on,required_years\nbad,5\n", "en")
    assert rows[0][1] == "Reason or note" and "not a valid date" in rows[1][1]


@pytest.mark.parametrize("name", ["tenure", "ce_hours"])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_templates_are_accepted_as_they_are(name, lang):
    rows = results(name, batch.template_csv(name, lang).encode(), lang)
    assert column(rows, HEADER_ZH[0] if lang == "zh" else "Result") == ["已计算" if lang == "zh" else "calculated"]


def test_an_excel_workbook_is_read(tmp_path):
    book = openpyxl.Workbook()
    book.active.append(["姓名", "取得现资格时间", "申报上一级职称要求的年限"])
    book.active.append(["张三", "2019-06-30", 5])
    book.active.append([None, None, None])
    book.active.append(["李四", __import__("datetime").datetime(2018, 12, 31), 5.0])
    raw = io.BytesIO()
    book.save(raw)
    rows = results("tenure", raw.getvalue(), "zh")
    assert column(rows, "结果") == ["已计算", "空行", "已计算"] and column(rows, "起算日期")[2] == "2018-12-31"


def test_a_slice_at_a_time_gives_the_same_file_as_all_at_once():
    data = ("qualified_on,required_years\n" + "2018-12-31,5\nbad,5\n\n" * 1000).encode()
    whole = batch.run_file("tenure", data)
    sliced = batch.BatchRun("tenure", data)
    steps = 0
    while not sliced.done:
        sliced.step(7)
        steps += 1
    assert sliced.csv() == whole.csv() and steps == 429 + 429  # 3,001 records read, then 3,000 rows checked, 7 at a time
    assert whole.counts == {"rows": 3000, "ok": 1000, "rejected": 1000, "empty": 1000, "skipped": 0}
    summary = whole.summary()
    assert len(summary["rows"]) == batch.PREVIEW_ROWS and len(summary["rejected"]) == batch.PREVIEW_ROWS
    assert all(row["status"] == "rejected" for row in summary["rejected"])


def data_records(data: bytes, header_row: int = 1) -> tuple[int, int] | None:
    """How many records below the header row the file holds, as the reader sees them, and how many people
    they stand for (a record that swallowed lines through a stray quote counts each line); None if refused."""
    read = table.read(data)
    if read.problem:
        return None
    below = [row for row in read.rows if row.number > header_row]
    return len(below), sum(row.people for row in below)


SHEET_TEXT = st.text(alphabet=st.sampled_from(list('ab,;\t"\r\n =+-@张0123456789')), max_size=300)


@settings(max_examples=400, deadline=None)
@example(b'qualifiedon,requiredyears\n"\r0000-0')  # a stray quote and a lone CR: one record standing for two lines
@given(st.binary(max_size=600)
       | st.tuples(SHEET_TEXT, st.sampled_from(["utf-8", "utf-8-sig", "gb18030", "utf-16"])).map(
           lambda pair: ("qualified_on,required_years\n" + pair[0]).encode(pair[1])))
def test_any_bytes_never_raise_and_never_lose_a_row(data):
    run = batch.run_file("tenure", data)
    if run.problem is not None:
        assert run.problem["zh"] and run.problem["en"]
        return
    rows = list(csv.reader(io.StringIO(run.csv())))
    assert (len(rows) - 1, run.counts["rows"]) == data_records(data, run.plan.header_row)
    assert [int(row[2]) for row in rows[1:]] == sorted(int(row[2]) for row in rows[1:])


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_clis_result_file_is_the_pages_download_byte_for_byte(lang):
    """One result file: the CLI's --csv output is what the page offers as its download (download_bytes),
    byte order mark included, so an officer gets the same file either way."""
    done = cli("tenure", "--csv", "-", "--lang", lang, data=TENURE.encode("gb18030"))
    assert done.returncode == 0
    assert done.stdout == batch.run_file("tenure", TENURE.encode("gb18030"), lang).download_bytes()
    assert done.stdout.startswith(b"\xef\xbb\xbf")
