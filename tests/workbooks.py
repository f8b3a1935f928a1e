"""Workbooks made for the tests, shared by the engine's tests and the browser's: rosters as Excel saves
them (openpyxl), and workbooks written by hand in shapes openpyxl never writes."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import openpyxl

NS = ('xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
      'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"')
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def xlsx(sheet_data: str | bytes, *, dimension: str | None = None, hidden_first: str | None = None,
         streamed_rows: int = 0, shared_strings: int = 0, after_data: str = "") -> bytes:
    """A workbook written by hand, as the review's generator does: any shape openpyxl would not write.
    shared_strings: that many distinct shared strings, which a reader parses whole before the first row;
    after_data: XML put after the sheet's data (merged areas, or rows where none belong)."""
    sheets = ([("Hidden", hidden_first, ' state="hidden"')] if hidden_first else []) + [("Staff", sheet_data, "")]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("[Content_Types].xml",
                   '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                   '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                   '<Default Extension="xml" ContentType="application/xml"/>'
                   '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.'
                   'spreadsheetml.sheet.main+xml"/>'
                   + "".join(f'<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="application/'
                             f'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
                             for i in range(1, len(sheets) + 1))
                   + ('<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-'
                      'officedocument.spreadsheetml.sharedStrings+xml"/>' if shared_strings else "") + "</Types>")
        z.writestr("_rels/.rels", f'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
                   f'relationships"><Relationship Id="rId1" Type="{REL}/officeDocument" Target="xl/workbook.xml"/>'
                   f"</Relationships>")
        z.writestr("xl/workbook.xml", f"<workbook {NS}><sheets>" + "".join(
            f'<sheet name="{n}" sheetId="{i}" r:id="rId{i}"{st}/>' for i, (n, _, st) in enumerate(sheets, 1))
            + "</sheets></workbook>")
        z.writestr("xl/_rels/workbook.xml.rels",
                   '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                   + "".join(f'<Relationship Id="rId{i}" Type="{REL}/worksheet" Target="worksheets/sheet{i}.xml"/>'
                             for i in range(1, len(sheets) + 1))
                   + (f'<Relationship Id="rIdS" Type="{REL}/sharedStrings" Target="sharedStrings.xml"/>'
                      if shared_strings else "") + "</Relationships>")
        if shared_strings:
            with z.open("xl/sharedStrings.xml", "w", force_zip64=True) as h:
                h.write(f'<sst {NS} count="{shared_strings}" uniqueCount="{shared_strings}">'.encode())
                for start in range(0, shared_strings, 1000):
                    h.write("".join(f"<si><t>string {i}</t></si>" for i in range(start, min(start + 1000, shared_strings)))
                            .encode())
                h.write(b"</sst>")
        for i, (_, data, _) in enumerate(sheets, 1):
            dim = f'<dimension ref="{dimension}"/>' if dimension and i == len(sheets) else ""
            with z.open(f"xl/worksheets/sheet{i}.xml", "w", force_zip64=True) as h:
                h.write(f"<worksheet {NS}>{dim}<sheetData>".encode())
                h.write(data.encode() if isinstance(data, str) else data)
                chunk = b'<row><c t="inlineStr"><is><t>2018-12-31</t></is></c><c><v>5</v></c></row>' * 1000
                for _ in range(streamed_rows // 1000 if i == len(sheets) else 0):
                    h.write(chunk)
                h.write(b"</sheetData>" + after_data.encode() + b"</worksheet>")
    return out.getvalue()


def cell(ref: str, text: str) -> str:
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


HEAD = '<row r="1">' + cell("A1", "qualified_on") + cell("B1", "required_years") + cell("C1", "name") + "</row>"


def two_visible_sheets(first: tuple[str, str, str], second: tuple[str, str, str]) -> bytes:
    """A workbook of two visible sheets, each (its name, a date obtained, a person's name)."""
    import openpyxl
    book = openpyxl.Workbook()
    book.remove(book.active)
    for title, date, name in (first, second):
        sheet = book.create_sheet(title)
        sheet.append(["取得现资格时间", "姓名"])
        sheet.append([date, name])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def roster_workbook(rows: list[list], *, merged_title: bool, epoch_1904: bool = False,
                    title: str = "XX县人民医院2023年职称申报人员名单") -> bytes:
    """A roster as Excel saves one: date cells in a Chinese date format, a merged title row above the header."""
    book = openpyxl.Workbook()
    if epoch_1904:
        book.epoch = openpyxl.utils.datetime.CALENDAR_MAC_1904
    sheet = book.active
    start = 1
    if merged_title:
        sheet.cell(1, 1, title)
        sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(rows[0]))
        start = 2
    for r, row in enumerate(rows, start=start):
        for c, value in enumerate(row, start=1):
            cell = sheet.cell(r, c, value)
            if isinstance(value, dt.date):
                cell.number_format = 'yyyy"年"m"月"d"日"'
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
