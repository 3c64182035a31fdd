"""CSV/TSV reading: real files written in real encodings, with the quirks leaked registers have.

All people here are fictional."""

from __future__ import annotations

import codecs
import csv
import io
import tracemalloc
from pathlib import Path

import pytest

from rollcall.errors import InputError
from rollcall.records.readers import open_table

FICTIONAL = "虚构数据 FICTIONAL TEST DATA"


def write_csv(path: Path, rows: list[list[str]], encoding: str, *, delimiter: str = ",", eol: str = "\r\n",
              bom: bytes = b"") -> Path:
    buf = io.StringIO()
    csv.writer(buf, delimiter=delimiter, lineterminator=eol).writerows(rows)
    path.write_bytes(bom + buf.getvalue().encode(encoding))
    return path


def gbk_register(path: Path) -> Path:
    return write_csv(path, [
        [f"某县在押人员名单（{FICTIONAL}）", "", "", "", "", ""],
        ["序号", "姓名", "性别", "出生日期", "身份证号", "户籍地址"],
        ["1", "吐尔逊·买买提", "男", "1985-03-07", "653121198503071234", "新疆喀什地区疏附县托克扎克镇"],
        ["", "", "", "", "", ""],
        ["2", "热依拉·达吾提", "女", "1966年5月1日", "", "和田地区墨玉县"],
        ["3", "阿不都热依木·艾合买提", "男", "", "65322219900101001X", " 英吉沙县 "],
    ], "gbk")


def test_gbk_register_title_row_blank_row_crlf(tmp_path):
    table = open_table(gbk_register(tmp_path / "register.csv"))
    assert table.encoding == "gb18030" and "gb18030" in table.encoding_reason
    assert table.reader == "csv" and table.delimiter == "," and table.sheet is None
    assert table.title_rows == [1] and table.header_rows == [2]
    assert table.title_text == [f"某县在押人员名单（{FICTIONAL}）"]
    assert [(c.name, c.field, c.how) for c in table.columns] == [
        ("序号", None, "unrecognised"), ("姓名", "name", "recognised"), ("性别", "sex", "recognised"),
        ("出生日期", "birth_date", "recognised"), ("身份证号", "id_number", "recognised"),
        ("户籍地址", "household_address", "recognised")]
    rows = list(table.rows)
    assert [r.number for r in rows] == [3, 5, 6]
    assert rows[0].cells[1] == "吐尔逊·买买提" and rows[1].cells[3] == "1966年5月1日"
    assert rows[2].cells[5] == " 英吉沙县 "  # exactly as decoded, spaces kept
    assert table.skipped_blank == 1


def test_gbk_detected_even_with_a_gbk_only_header(tmp_path):
    f = write_csv(tmp_path / "list.csv", [["姓名", "民族", "羁押场所"], ["艾力·买买提", "维吾尔族", "看守所"]], "gbk")
    table = open_table(f)
    assert table.encoding == "gb18030"
    assert [c.field for c in table.columns] == ["name", "ethnicity", "facility"]


def test_utf8_bom_is_not_part_of_the_first_header(tmp_path):
    f = write_csv(tmp_path / "bom.csv", [["name", "sex"], ["Ayshem Fictional", "female"]], "utf-8",
                  bom=codecs.BOM_UTF8)
    table = open_table(f)
    assert table.encoding == "utf-8-sig" and "BOM" in table.encoding_reason
    assert table.columns[0].name == "name" and table.columns[0].field == "name"
    assert next(table.rows).cells == ["Ayshem Fictional", "female"]


def test_utf16_tsv_with_uyghur_arabic_headers(tmp_path):
    text = ("ئىسمى\tجىنسى\tتۇغۇلغان ۋاقتى\tئىزاھات\r\n"
            "تۇرسۇن مەمەت\tئەر\t1985\tFICTIONAL\r\n"
            "راھىلە داۋۇت\tئايال\t1966\tFICTIONAL\r\n")
    f = tmp_path / "tizim.tsv"
    f.write_bytes(text.encode("utf-16"))
    table = open_table(f)
    assert table.encoding.startswith("utf-16") and "BOM" in table.encoding_reason
    assert table.delimiter == "\t"
    assert [c.field for c in table.columns] == ["name", "sex", "birth_date", "notes"]
    rows = list(table.rows)
    assert [r.number for r in rows] == [2, 3]
    assert rows[0].cells[:2] == ["تۇرسۇن مەمەت", "ئەر"]


def test_utf16_without_bom_is_recognised(tmp_path):
    f = tmp_path / "nobom.tsv"
    f.write_bytes("姓名\t性别\n艾力\t男\n".encode("utf-16-le"))
    table = open_table(f)
    assert table.encoding == "utf-16-le" and "NUL" in table.encoding_reason
    assert next(table.rows).cells == ["艾力", "男"]


def test_ascii_utf16_without_bom_is_not_taken_for_utf8(tmp_path):
    f = tmp_path / "ascii16.csv"
    f.write_bytes("name,sex\nA Fictional,male\n".encode("utf-16-be"))
    table = open_table(f)
    assert table.encoding == "utf-16-be" and next(table.rows).cells == ["A Fictional", "male"]


def test_windows_1252_with_uyghur_latin_letters(tmp_path):
    rows = [["Name", "Place", "Notes"], ["Tursun Fictional", "Ürümqi", "Qeshqer – Kashgar “FICTIONAL”"],
            ["Gülnar Fictional", "Yéngisar", "née X"]]
    table = open_table(write_csv(tmp_path / "w.csv", rows, "cp1252"))
    assert table.encoding == "cp1252", table.encoding_reason
    assert [r.cells for r in table.rows] == rows[1:]


def test_mac_roman_file(tmp_path):
    rows = [["Name", "Town"], ["Ömer Fictional", "Ürümqi"], ["Gülnar Fictional", "Qumul"]]
    f = write_csv(tmp_path / "mac.tsv", rows, "mac_roman", delimiter="\t", eol="\r")
    table = open_table(f)
    assert table.encoding == "mac_roman", table.encoding_reason
    assert [r.cells for r in table.rows] == rows[1:]


def test_real_buzzfeed_file(shared_data):
    """The published file: tab-separated despite a .csv past, CRLF, three blank rows after the header.

    Its README calls it Mac Roman, but the bytes for Ürümqi are 9a 72 81 6d 71 69: in Mac Roman that is
    'örÅmqi'; in the DOS code pages 437/850 it is 'Ürümqi'. The reader must decode it as the latter.
    """
    f = shared_data / "facilities" / "buzzfeed_2021-07-20_all_locations.tsv"
    raw = f.read_bytes()
    assert bytes.fromhex("9a72816d7169") in raw
    assert bytes.fromhex("9a72816d7169").decode("mac_roman") == "örÅmqi"
    table = open_table(f)
    assert table.delimiter == "\t" and table.header_rows == [1] and table.title_rows == []
    assert table.encoding in {"cp437", "cp850"} and "mac_roman" in table.encoding_reason
    assert bytes.fromhex("9a72816d7169").decode(table.encoding) == "Ürümqi"
    rows = list(table.rows)
    assert len(rows) == 551 and table.skipped_blank == 3
    assert rows[0].number == 5 and rows[-1].number == 555
    town = next(c.index for c in table.columns if c.name == "Prefecture")
    assert sum(r.cells[town] == "Ürümqi" for r in rows) >= 1
    assert {c.name: c.field for c in table.columns}["Name"] == "name"


def test_explicit_encoding_overrides_detection(tmp_path):
    f = write_csv(tmp_path / "w.csv", [["Name"], ["Ürümqi"]], "cp1252")
    table = open_table(f, encoding="latin-1")
    assert table.encoding == "iso8859-1" and table.encoding_reason == "--encoding given"
    assert next(table.rows).cells == ["Ürümqi"]


def test_wrong_encoding_names_row_and_offset(tmp_path):
    f = tmp_path / "u16.tsv"
    f.write_bytes("姓名\t性别\n艾力\t男\n".encode("utf-16-le"))
    with pytest.raises(InputError) as err:
        open_table(f, display_name="u16.tsv", encoding="utf-8")
    message = str(err.value)
    assert "u16.tsv" in message and "row 1" in message and "offset 0" in message and "--encoding" in message
    with pytest.raises(InputError, match="unknown encoding 'no-such-codec'"):
        open_table(f, encoding="no-such-codec")


def test_decode_error_late_in_the_file_is_raised_from_the_stream(tmp_path):
    lines = ["name,notes"] + [f"Person {i} Fictional,ok" for i in range(1, 5000)] + ["Late Fictional,\xd6\xd0"]
    data = "\r\n".join(lines[:-1]).encode() + b"\r\nLate Fictional," + "中文".encode("gbk") + b"\r\n"
    f = tmp_path / "late.csv"
    f.write_bytes(data)
    table = open_table(f, encoding="utf-8")
    with pytest.raises(InputError) as err:
        for _ in table.rows:
            pass
    message = str(err.value)
    assert "row 5001" in message and f"offset {data.index(chr(0x4E2D).encode('gbk'))}" in message
    assert "d6 d0" in message


def test_nul_characters_under_a_given_encoding_are_refused(tmp_path):
    f = tmp_path / "ascii16.csv"
    f.write_bytes("name,sex\nA Fictional,male\n".encode("utf-16-le"))
    with pytest.raises(InputError, match="NUL"):
        open_table(f, encoding="utf-8")


def test_duplicate_and_empty_headers_get_unique_keys(tmp_path):
    f = write_csv(tmp_path / "d.csv", [["姓名", "电话", "", "电话", "电话 (2)"],
                                       ["古丽·FICTIONAL", "1", "x", "2", "3"]], "utf-8")
    table = open_table(f)
    assert [c.key for c in table.columns] == ["姓名", "电话", "column_3", "电话 (2)", "电话 (2) (2)"]
    assert [c.name for c in table.columns] == ["姓名", "电话", "", "电话", "电话 (2)"]
    assert [c.field for c in table.columns][:4] == ["name", "phone", None, "phone"]
    assert next(table.rows).cells == ["古丽·FICTIONAL", "1", "x", "2", "3"]


def test_two_header_rows_with_blank_continued_cells(tmp_path):
    f = write_csv(tmp_path / "two.csv", [
        ["人员信息表 FICTIONAL", "", "", "", ""],
        ["序号", "基本信息", "", "羁押情况", ""],
        ["", "姓名", "性别", "羁押开始时间", "羁押场所"],
        ["1", "艾力·买买提", "男", "2017-06-01", "某县看守所"],
    ], "utf-8")
    table = open_table(f)
    assert table.title_rows == [1] and table.header_rows == [2, 3]
    assert [c.name for c in table.columns] == ["序号", "基本信息 / 姓名", "基本信息 / 性别", "羁押情况 / 羁押开始时间",
                                              "羁押情况 / 羁押场所"]
    assert [c.field for c in table.columns] == [None, "name", "sex", "detention_start", "facility"]
    assert [r.number for r in table.rows] == [4]


def test_header_found_below_several_title_lines_and_blank_lines(tmp_path):
    f = write_csv(tmp_path / "t.csv", [[""], ["Fictional county list"], ["Compiled: 2019", ""], [""],
                                       ["Name", "Age", "Detained", "Camp"], ["A Fictional", "45", "2018", "X"]],
                  "utf-8")
    table = open_table(f)
    assert table.title_rows == [2, 3] and table.header_rows == [5]
    assert [c.field for c in table.columns] == ["name", "age", "detention_start", "facility"]
    assert [(r.number, r.cells) for r in table.rows] == [(6, ["A Fictional", "45", "2018", "X"])]


def test_header_without_any_known_word_is_still_the_header(tmp_path):
    f = write_csv(tmp_path / "u.csv", [["foo", "bar", "baz"], ["1", "2", "3"]], "utf-8")
    table = open_table(f)
    assert table.header_rows == [1] and [c.how for c in table.columns] == ["unrecognised"] * 3
    assert next(table.rows).cells == ["1", "2", "3"]


def test_ragged_row_names_file_row_and_position(tmp_path):
    f = tmp_path / "ragged.csv"
    f.write_text("name,sex\nA Fictional,male\nB Fictional,female,surprise\nC Fictional,male,,\n", encoding="utf-8")
    table = open_table(f, display_name="ragged.csv")
    assert next(table.rows).number == 2
    with pytest.raises(InputError) as err:
        next(table.rows)
    message = str(err.value)
    assert "file ragged.csv" in message and "row 3" in message and "column '3'" in message
    assert "surprise" in message and "--keep-ragged" in message


def test_keep_ragged_adds_extra_columns(tmp_path):
    f = tmp_path / "ragged.csv"
    f.write_text("name,sex\nA Fictional,male\nB Fictional,female,surprise,again\nC Fictional,male,,\n",
                 encoding="utf-8")
    table = open_table(f, keep_ragged=True)
    rows = list(table.rows)
    assert [c.key for c in table.columns] == ["name", "sex", "extra_1", "extra_2"]
    assert rows[1].cells == ["B Fictional", "female", "surprise", "again"]
    assert rows[2].cells == ["C Fictional", "male", "", ""]
    assert any("row 3" in w for w in table.warnings)


def test_ragged_row_deep_in_a_long_file(tmp_path):
    f = tmp_path / "deep.csv"
    body = "".join(f"P{i} Fictional,x\n" for i in range(3000))
    f.write_text("name,notes\n" + body + "Q Fictional,x,extra\n", encoding="utf-8")
    table = open_table(f)
    with pytest.raises(InputError, match="row 3002"):
        for _ in table.rows:
            pass


def test_quoted_multiline_cell_keeps_its_text_and_row_numbers(tmp_path):
    f = tmp_path / "m.csv"
    f.write_bytes(b'name,notes\r\nA Fictional,"line one\r\nline two"\r\nB Fictional,plain\r\n')
    rows = list(open_table(f).rows)
    assert [(r.number, r.cells) for r in rows] == [(2, ["A Fictional", "line one\r\nline two"]),
                                                  (4, ["B Fictional", "plain"])]


def test_unclosed_quote_is_an_error_not_a_swallowed_file(tmp_path):
    f = tmp_path / "q.csv"
    f.write_text('name,notes\nA Fictional,"never closed\nB Fictional,x\n', encoding="utf-8")
    with pytest.raises(InputError, match="row 2: .*never closed"):
        list(open_table(f).rows)


@pytest.mark.parametrize("delimiter", [";", "|", "\t"])
def test_delimiter_is_sniffed(tmp_path, delimiter):
    f = write_csv(tmp_path / "s.csv", [["name", "address"], ["A Fictional", "Street 1, Town"],
                                       ["B Fictional", "Road 2, Village"]], "utf-8", delimiter=delimiter)
    table = open_table(f)
    assert table.delimiter == delimiter
    assert [r.cells for r in table.rows][0] == ["A Fictional", "Street 1, Town"]


def test_display_name_is_used_in_messages(tmp_path):
    f = tmp_path / "ab12cd"
    f.write_bytes(b"")
    with pytest.raises(InputError, match="file original.csv: the file is empty"):
        open_table(f, display_name="original.csv")


def test_rows_stream_in_bounded_memory(tmp_path):
    f = tmp_path / "big.csv"
    with open(f, "w", encoding="gbk", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["序号", "姓名", "性别", "出生日期", "户籍地址", "备注"])
        for i in range(50_000):
            w.writerow([i, f"虚构人{i}", "男", "1980-01-01", "新疆喀什地区疏附县", f"FICTIONAL {i}"])
    table = open_table(f)
    tracemalloc.start()
    count = sum(1 for _ in table.rows)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert count == 50_000 and table.encoding == "gb18030"
    # holding 50,000 rows of six strings would take tens of MB; a stream holds a buffer and one row
    assert peak < 2_000_000, peak


def test_utf8_file_with_a_gbk_row_is_refused_not_misread(tmp_path):
    head = "姓名,民族,备注\r\n" + "".join(f"艾力·买买提{i},维吾尔族,虚构数据\r\n" for i in range(10))
    data = head.encode("utf-8") + "古丽,维吾尔族,虚构\r\n".encode("gbk")
    f = tmp_path / "mixed.csv"
    f.write_bytes(data)
    with pytest.raises(InputError) as err:
        open_table(f)
    message = str(err.value)
    assert "row 12" in message and "mixes encodings" in message and f"offset {len(head.encode())}" in message


def test_excel_sep_line_names_the_delimiter(tmp_path):
    f = tmp_path / "sep.csv"
    f.write_text("sep=;\nname;address\nA Fictional;Street 1, Town\n", encoding="utf-8")
    table = open_table(f)
    assert table.delimiter == ";" and table.title_rows == [1] and table.header_rows == [2]
    assert next(table.rows).cells == ["A Fictional", "Street 1, Town"]


def test_given_utf16_le_skips_a_matching_bom(tmp_path):
    f = tmp_path / "bom16.tsv"
    f.write_bytes("姓名\t性别\n艾力\t男\n".encode("utf-16"))  # little-endian with BOM here
    table = open_table(f, encoding="utf-16-le")
    assert table.columns[0].name == "姓名" and "BOM skipped" in table.encoding_reason


@pytest.mark.parametrize("first_row", [["1", "古丽 FICTIONAL", "x", "父亲"], ["", "古丽 FICTIONAL", "x", "父亲"]])
def test_first_data_row_under_a_blank_header_cell_is_data(tmp_path, first_row):
    f = write_csv(tmp_path / "b.csv", [["序号", "姓名", "", "关系"], first_row, ["2", "艾力 FICTIONAL", "", "儿子"]],
                  "utf-8")
    table = open_table(f)
    assert table.header_rows == [1]
    assert [r.cells for r in table.rows][0] == first_row


def test_wide_rows_taken_as_titles_are_warned_about(tmp_path):
    f = write_csv(tmp_path / "w.csv", [["a1", "b1", "c1"], ["a2", "b2", "c2"], ["姓名", "性别", "年龄"],
                                       ["A Fictional", "female", "40"]], "utf-8")
    table = open_table(f)
    assert table.header_rows == [3] and table.title_rows == [1, 2]
    assert any("rows 1, 2" in w and "--dry-run" in w for w in table.warnings)
    plain = open_table(gbk_register(tmp_path / "register.csv"))
    assert not any("titles" in w for w in plain.warnings)
