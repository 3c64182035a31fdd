"""XLSX and XLS reading: workbooks written by openpyxl and xlwt, with merged two-row headers.

All people here are fictional."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import Workbook

from rollcall.errors import InputError
from rollcall.records.readers import open_table, sheets, sniff_format

FICTIONAL = "虚构数据 FICTIONAL TEST DATA"


def merged_xlsx(path: Path) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.title = "名单"
    ws.append([f"人员信息表 {FICTIONAL}"])
    ws.merge_cells("A1:F1")
    ws.append(["序号", "基本信息", None, None, "羁押情况", None])
    ws.merge_cells("A2:A3")
    ws.merge_cells("B2:D2")
    ws.merge_cells("E2:F2")
    ws.append([None, "姓名", "性别", "民族", "羁押开始时间", "羁押场所"])
    ws.append([1, "艾力·买买提", "男", "维吾尔族", datetime(2017, 6, 1), "疏附县职业技能教育培训中心"])
    ws.append([])
    ws.append([2, "古丽·吐尔逊", "女", "维吾尔族", date(2018, 1, 15), "疏附县看守所"])
    wb.create_sheet("空白")
    notes = wb.create_sheet("Notes")
    notes.append(["name", "notes"])
    notes.append(["A Fictional", "x"])
    wb.save(path)
    return path


def test_merged_two_row_header_xlsx(tmp_path):
    f = merged_xlsx(tmp_path / "名单.xlsx")
    assert sniff_format(f) == "xlsx"
    table = open_table(f)
    assert table.reader == "xlsx" and table.sheet == "名单" and table.encoding is None
    assert table.title_rows == [1] and table.header_rows == [2, 3]
    assert [c.name for c in table.columns] == ["序号", "基本信息 / 姓名", "基本信息 / 性别", "基本信息 / 民族",
                                              "羁押情况 / 羁押开始时间", "羁押情况 / 羁押场所"]
    assert [c.field for c in table.columns] == [None, "name", "sex", "ethnicity", "detention_start", "facility"]
    rows = list(table.rows)
    assert [r.number for r in rows] == [4, 6] and table.skipped_blank == 1
    assert rows[0].cells == ["1", "艾力·买买提", "男", "维吾尔族", "2017-06-01", "疏附县职业技能教育培训中心"]
    assert rows[1].cells[4] == "2018-01-15"


def test_sheets_lists_sheets_with_values_and_unknown_sheet_lists_them(tmp_path):
    f = merged_xlsx(tmp_path / "book.xlsx")
    assert sheets(f) == ["名单", "Notes"]
    table = open_table(f, sheet="Notes")
    assert table.sheet == "Notes" and [r.cells for r in table.rows] == [["A Fictional", "x"]]
    with pytest.raises(InputError) as err:
        open_table(f, sheet="Missing")
    assert "'Missing'" in str(err.value) and "'名单', '空白', 'Notes'" in str(err.value)
    with pytest.raises(InputError, match="no non-blank rows"):
        open_table(f, sheet="空白")


def test_single_table_formats_have_one_unnamed_sheet(tmp_path):
    f = tmp_path / "a.csv"
    f.write_text("name\nA Fictional\n", encoding="utf-8")
    assert sheets(f) == [""]


def test_cell_values_become_text_as_stored(tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.append(["姓名", "年龄", "身高", "出生日期", "羁押时间", "在押", "身份证号"])
    ws.append(["FICTIONAL", 45, 1.75, date(1979, 2, 3), datetime(2018, 3, 4, 9, 30), True, "65312119790203123X"])
    f = tmp_path / "types.xlsx"
    wb.save(f)
    row = next(open_table(f).rows)
    assert row.cells == ["FICTIONAL", "45", "1.75", "1979-02-03", "2018-03-04 09:30:00", "TRUE", "65312119790203123X"]


def test_unnamed_column_with_values_is_kept(tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.append(["name", "sex"])
    ws.append(["A Fictional", "male", "scribbled note"])
    f = tmp_path / "wide.xlsx"
    wb.save(f)
    table = open_table(f)
    assert [c.key for c in table.columns] == ["name", "sex", "column_3"]
    assert next(table.rows).cells == ["A Fictional", "male", "scribbled note"]


def test_merged_cell_in_data_is_named_in_a_warning(tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.append(["家庭", "姓名"])
    ws.append(["户1 FICTIONAL", "艾力"])
    ws.append([None, "古丽"])
    ws.merge_cells("A2:A3")
    f = tmp_path / "family.xlsx"
    wb.save(f)
    table = open_table(f)
    assert [r.cells for r in table.rows] == [["户1 FICTIONAL", "艾力"], ["", "古丽"]]
    assert any("rows 2-3" in w and "row 2 only" in w for w in table.warnings)


def test_truncated_xlsx_is_refused(tmp_path):
    good = merged_xlsx(tmp_path / "good.xlsx").read_bytes()
    f = tmp_path / "cut.xlsx"
    f.write_bytes(good[: len(good) // 2])
    for call in (sniff_format, open_table, sheets):
        with pytest.raises(InputError) as err:
            call(f)
        assert "cut.xlsx" in str(err.value) and "truncated" in str(err.value)


def test_a_zip_that_is_not_a_workbook(tmp_path):
    import zipfile

    f = tmp_path / "doc.xlsx"
    with zipfile.ZipFile(f, "w") as z:
        z.writestr("word/document.xml", "<w/>")
    with pytest.raises(InputError, match="a Word document, not a table"):
        open_table(f)


def test_legacy_xls_with_merged_header(tmp_path):
    import xlwt  # test dependency (unmaintained, but it writes real BIFF8 .xls files as old Excel did)
    book = xlwt.Workbook(encoding="utf-8")
    sh = book.add_sheet("Sheet1")
    sh.write_merge(0, 0, 0, 3, f"名单 {FICTIONAL}")
    sh.write(1, 0, "姓名")
    sh.write(1, 1, "性别")
    sh.write(1, 2, "出生日期")
    sh.write(1, 3, "身份证号")
    sh.write(2, 0, "吐尔逊·买买提")
    sh.write(2, 1, "男")
    sh.write(2, 2, datetime(1985, 3, 7), xlwt.easyxf(num_format_str="YYYY-MM-DD"))
    sh.write(2, 3, "653121198503071234")
    sh.write(4, 0, "热依拉·达吾提")
    sh.write(4, 1, 1985)
    f = tmp_path / "old.xls"
    book.save(str(f))
    assert sniff_format(f) == "xls" and sheets(f) == ["Sheet1"]
    table = open_table(f)
    assert table.reader == "xls" and table.title_rows == [1] and table.header_rows == [2]
    assert [c.field for c in table.columns] == ["name", "sex", "birth_date", "id_number"]
    rows = list(table.rows)
    assert [(r.number, r.cells) for r in rows] == [
        (3, ["吐尔逊·买买提", "男", "1985-03-07", "653121198503071234"]), (5, ["热依拉·达吾提", "1985"])]


def test_damaged_xls_is_refused(tmp_path):
    f = tmp_path / "bad.xls"
    f.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600))
    with pytest.raises(InputError, match="bad.xls: cannot read this XLS"):
        open_table(f)


def test_id_number_stored_as_a_number_is_warned_about(tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.append(["姓名", "身份证号"])
    for i in range(40):
        ws.append([f"FICTIONAL {i}", "653121198503071234"])
    ws.append(["FICTIONAL late", 6.53121198503071e17])  # what Excel keeps of an ID typed as a number
    f = tmp_path / "ids.xlsx"
    wb.save(f)
    table = open_table(f)
    rows = list(table.rows)
    assert rows[-1].number == 42 and rows[-1].cells[1] == "6.53121198503071e+17"
    assert any("row 42 column 2" in w and "15 digits" in w for w in table.warnings)


def test_legacy_xls_two_header_rows_from_merged_cells(tmp_path):
    import xlwt

    book = xlwt.Workbook(encoding="utf-8")
    sh = book.add_sheet("名单")
    sh.write_merge(0, 1, 0, 0, "序号")
    sh.write_merge(0, 0, 1, 2, "基本信息")
    sh.write_merge(0, 0, 3, 4, "羁押情况")
    for col, text in enumerate(["姓名", "性别", "羁押开始时间", "羁押场所"], start=1):
        sh.write(1, col, text)
    for col, value in enumerate([1, "古丽·吐尔逊 FICTIONAL", "女", "2018-01-15", "某县看守所"]):
        sh.write(2, col, value)
    f = tmp_path / "two.xls"
    book.save(str(f))
    table = open_table(f)
    assert table.header_rows == [1, 2] and table.title_rows == []
    assert [c.name for c in table.columns] == ["序号", "基本信息 / 姓名", "基本信息 / 性别", "羁押情况 / 羁押开始时间",
                                              "羁押情况 / 羁押场所"]
    assert [c.field for c in table.columns] == [None, "name", "sex", "detention_start", "facility"]
    assert [(r.number, r.cells) for r in table.rows] == [(3, ["1", "古丽·吐尔逊 FICTIONAL", "女", "2018-01-15",
                                                              "某县看守所"])]
