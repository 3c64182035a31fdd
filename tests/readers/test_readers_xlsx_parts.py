"""The streaming XLSX parser against openpyxl, on a workbook written the way Excel writes them (shared
strings, rich text with phonetic runs, date styles, formulas, booleans, errors, omitted references).

All values are fictional."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook

from rollcall.errors import InputError
from rollcall.records.readers import open_table, sheets
from rollcall.records.readers.workbook import cell_text
from rollcall.records.readers.xlsx import XlsxBook, column_index

NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
R_NS = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'

CT = "application/vnd.openxmlformats-officedocument.spreadsheetml"
OD = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
CONTENT_TYPES = f"""<?xml version="1.0" encoding="UTF-8"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/xl/workbook.xml" ContentType="{CT}.sheet.main+xml"/>
<Override PartName="/xl/worksheets/sheet1.xml" ContentType="{CT}.worksheet+xml"/>
<Override PartName="/xl/worksheets/sheet2.xml" ContentType="{CT}.worksheet+xml"/>
<Override PartName="/xl/sharedStrings.xml" ContentType="{CT}.sharedStrings+xml"/>
<Override PartName="/xl/styles.xml" ContentType="{CT}.styles+xml"/>
</Types>"""
ROOT_RELS = f"""<?xml version="1.0" encoding="UTF-8"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="{OD}/officeDocument" Target="xl/workbook.xml"/>
</Relationships>"""
WORKBOOK = f"""<?xml version="1.0" encoding="UTF-8"?>
<workbook {NS} {R_NS}><workbookPr/><sheets>
<sheet name="登记表" sheetId="1" r:id="rId1"/><sheet name="Empty" sheetId="2" r:id="rId2"/>
</sheets></workbook>"""
WORKBOOK_RELS = f"""<?xml version="1.0" encoding="UTF-8"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="{OD}/worksheet" Target="worksheets/sheet1.xml"/>
<Relationship Id="rId2" Type="{OD}/worksheet" Target="worksheets/sheet2.xml"/>
<Relationship Id="rId3" Type="{OD}/sharedStrings" Target="sharedStrings.xml"/>
<Relationship Id="rId4" Type="{OD}/styles" Target="styles.xml"/>
</Relationships>"""
SHARED = f"""<?xml version="1.0" encoding="UTF-8"?>
<sst {NS} count="8" uniqueCount="8">
<si><t>姓名</t></si><si><t>出生日期</t></si><si><t>身份证号</t></si><si><t>在押</t></si><si><t>备注</t></si>
<si><r><t>艾力·</t></r><r><rPr><b/></rPr><t>买买提</t></r><rPh sb="0" eb="1"><t>AILI</t></rPh></si>
<si><t xml:space="preserve"> 古丽 FICTIONAL </t></si><si><t>羁押时间</t></si>
</sst>"""
STYLES = f"""<?xml version="1.0" encoding="UTF-8"?>
<styleSheet {NS}><numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy/m/d h:mm"/></numFmts>
<cellXfs count="4"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="164"/><xf numFmtId="49"/></cellXfs>
</styleSheet>"""
SHEET = f"""<?xml version="1.0" encoding="UTF-8"?>
<worksheet {NS}><dimension ref="A1:F5"/><sheetData>
<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c>
<c r="D1" t="s"><v>3</v></c><c r="E1" t="s"><v>4</v></c><c r="F1" t="s"><v>7</v></c></row>
<row r="2"><c r="A2" t="s"><v>5</v></c><c r="B2" s="1"><v>31113</v></c><c r="C2" t="s"><v>2</v></c>
<c r="D2" t="b"><v>1</v></c><c r="E2" t="str"><f>CONCAT("a","b")</f><v>ab</v></c>
<c r="F2" s="2"><v>42887.5</v></c></row>
<row r="4"><c t="s"><v>6</v></c><c><v>1985</v></c><c t="inlineStr"><is><t>65312119850307123X</t></is></c>
<c t="b"><v>0</v></c><c t="e"><v>#N/A</v></c><c><v>0.1</v></c></row>
<row><c r="A5" t="s"><v>6</v></c><c r="C5" s="3"><v>6.53121198503071E+17</v></c></row>
</sheetData><mergeCells count="1"><mergeCell ref="E4:E5"/></mergeCells></worksheet>"""
EMPTY_SHEET = f'<?xml version="1.0" encoding="UTF-8"?>\n<worksheet {NS}><sheetData/></worksheet>'


def excel_like(path: Path, sheet: str = SHEET) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", CONTENT_TYPES)
        z.writestr("_rels/.rels", ROOT_RELS)
        z.writestr("xl/workbook.xml", WORKBOOK)
        z.writestr("xl/_rels/workbook.xml.rels", WORKBOOK_RELS)
        z.writestr("xl/sharedStrings.xml", SHARED)
        z.writestr("xl/styles.xml", STYLES)
        z.writestr("xl/worksheets/sheet1.xml", sheet)
        z.writestr("xl/worksheets/sheet2.xml", EMPTY_SHEET)
    return path


def openpyxl_rows(path: Path, sheet: str) -> list[tuple[int, list[str]]]:
    ws = load_workbook(path, data_only=True)[sheet]
    out = []
    for number, row in enumerate(ws.iter_rows(values_only=True), start=1):
        cells = [cell_text(v) for v in row]
        while cells and cells[-1] == "":
            cells.pop()
        out.append((number, cells))
    return out


@pytest.mark.filterwarnings("ignore:Workbook contains no default style")
def test_streaming_parser_agrees_with_openpyxl(tmp_path):
    f = excel_like(tmp_path / "excel.xlsx")
    book = XlsxBook(f, "excel.xlsx")
    try:
        ours = list(book.rows("登记表"))
    finally:
        book.close()
    assert ours == openpyxl_rows(f, "登记表")
    assert ours[1][1] == ["艾力·买买提", "1985-03-07", "身份证号", "TRUE", "ab", "2017-06-01 12:00:00"]
    assert ours[2] == (3, [])
    assert ours[3][1] == [" 古丽 FICTIONAL ", "1985", "65312119850307123X", "FALSE", "#N/A", "0.1"]


def test_excel_like_workbook_as_a_table(tmp_path):
    f = excel_like(tmp_path / "excel.xlsx")
    assert sheets(f) == ["登记表"]
    table = open_table(f)
    assert [c.field for c in table.columns] == ["name", "birth_date", "id_number", None, "notes", "detention_start"]
    rows = list(table.rows)
    assert [r.number for r in rows] == [2, 4, 5] and table.skipped_blank == 1
    assert rows[2].cells == [" 古丽 FICTIONAL ", "", "6.53121198503071e+17"]
    assert any("row 5 column 3" in w for w in table.warnings)
    assert any("rows 4-5" in w for w in table.warnings)


def test_prefixed_namespace_sheet(tmp_path):
    sheet = SHEET.replace(f"<worksheet {NS}>", '<x:worksheet xmlns:x="http://schemas.openxmlformats.org/'
                          'spreadsheetml/2006/main">').replace("</worksheet>", "</x:worksheet>")
    for tag in ("dimension", "sheetData", "row", "c", "v", "f", "is", "t", "mergeCells", "mergeCell"):
        sheet = sheet.replace(f"<{tag} ", f"<x:{tag} ").replace(f"<{tag}>", f"<x:{tag}>")
        sheet = sheet.replace(f"</{tag}>", f"</x:{tag}>").replace(f"<{tag}/>", f"<x:{tag}/>")
    f = excel_like(tmp_path / "prefixed.xlsx", sheet)
    book = XlsxBook(f, "prefixed.xlsx")
    try:
        assert list(book.rows("登记表"))[1][1][0] == "艾力·买买提"
    finally:
        book.close()
    assert any("rows 4-5" in w for w in open_table(f).warnings)


def test_damaged_sheet_xml_names_the_row(tmp_path):
    f = excel_like(tmp_path / "broken.xlsx", SHEET.replace('<row r="4">', '<row r="4"><c'))
    with pytest.raises(InputError) as err:
        list(open_table(f, display_name="broken.xlsx").rows)
    assert "broken.xlsx" in str(err.value) and "'登记表'" in str(err.value)


@pytest.mark.parametrize("ref, index", [("A1", 0), ("Z9", 25), ("AA10", 26), ("XFD1", 16383)])
def test_column_index(ref, index):
    assert column_index(ref) == index


def test_formula_without_a_stored_result_is_warned_about(tmp_path):
    sheet = SHEET.replace('<c r="E2" t="str"><f>CONCAT("a","b")</f><v>ab</v></c>',
                          '<c r="E2" t="str"><f>CONCAT("a","b")</f></c>')
    table = open_table(excel_like(tmp_path / "f.xlsx", sheet))
    rows = list(table.rows)
    assert rows[0].cells[4] == ""
    assert any("row 2 column 5" in w and "formula" in w for w in table.warnings)


def test_damage_deep_in_a_sheet_is_raised_from_the_stream(tmp_path):
    body = "".join(f'<row r="{n}"><c r="A{n}" t="inlineStr"><is><t>P{n} FICTIONAL</t></is></c></row>'
                   for n in range(2, 5000))
    sheet = (f'<?xml version="1.0" encoding="UTF-8"?>\n<worksheet {NS}><sheetData>'
             '<row r="1"><c r="A1" t="s"><v>0</v></c></row>' + body + '<row r="5000"><c r="A5000"></row>'
             "</sheetData></worksheet>")
    table = open_table(excel_like(tmp_path / "deep.xlsx", sheet), display_name="deep.xlsx")
    seen = []
    with pytest.raises(InputError) as err:
        for row in table.rows:
            seen.append(row.number)
    assert seen[-1] == 4999 and "deep.xlsx" in str(err.value) and "row 5000" in str(err.value)
