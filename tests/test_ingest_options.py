"""What ingest does with the user's own reading options and with headers about relatives: an --encoding
that cannot be right fails with one message, one that only reads oddly is applied with a warning, a
repeated ingest says which options it did not apply, and a spouse's or father's ID never becomes the
person's own. Every person here is fictional."""

from __future__ import annotations

import csv
import io

import pytest

from rollcall.records.readers import open_table, recognise
from rollcall.records.readers.delimited import sniff_delimiter

ROWS = "name,sex,birth date\r\nTursun Memet,male,1985-03-07\r\nAygul Eli,female,1990-01-02\r\n"
GBK = "姓名,性别,出生日期\r\n吐尔逊·买买提,男,1985-03-07\r\n阿依古丽·艾力,女,1990-01-02\r\n"


def _no_traceback(r) -> None:
    assert "Traceback" not in r.err and "Traceback" not in r.out


@pytest.mark.parametrize("order", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_reads_with_encoding_utf16(tmp_path, rollcall, order):
    f = tmp_path / "nobom.csv"
    f.write_bytes(ROWS.encode(order))
    r = rollcall("ingest", str(f), "--encoding", "utf-16", "--json")
    assert r.code == 0, r.err
    (result,) = r.json()
    assert result["encoding"] == order and result["records"] == 2
    names = [s["original"] for rec in rollcall("records", "nobom.csv", "--json").jsonl()
             for s in rec["statements"] if s["field"] == "name"]
    assert names == ["Tursun Memet", "Aygul Eli"]


@pytest.mark.parametrize("encoding, says", [
    ("utf-16", "not UTF-16 or UTF-32"),
    ("utf-32", "not UTF-16 or UTF-32"),
    ("base64", "not a text encoding"),
    ("rot13", "not a text encoding"),
    ("idna", "not a text encoding"),
])
def test_impossible_encoding_fails_with_one_message(tmp_path, rollcall, encoding, says):
    f = tmp_path / "register.csv"
    f.write_bytes(GBK.encode("gbk"))
    for extra in ([], ["--dry-run"]):
        r = rollcall("ingest", str(f), "--encoding", encoding, *extra)
        assert r.code == 1 and says in r.err and "register.csv" in r.err, r.err
        _no_traceback(r)
    assert rollcall("sources", "--json").json() == []


def test_odd_reading_of_given_encoding_is_applied_with_a_warning(tmp_path, rollcall):
    f = tmp_path / "register.csv"
    f.write_bytes(GBK.encode("gbk"))
    r = rollcall("ingest", str(f), "--encoding", "cp437", "--json")
    assert r.code == 0, r.err
    (result,) = r.json()
    assert result["encoding"] == "cp437"
    assert any("wrong code page" in w for w in result["warnings"])


def test_detected_encoding_gives_no_doubt(tmp_path, rollcall):
    f = tmp_path / "register.csv"
    f.write_bytes(GBK.encode("gbk"))
    (result,) = rollcall("ingest", str(f), "--json").json()
    assert result["encoding"] == "gb18030" and not any("code page" in w for w in result["warnings"])


def test_repeated_ingest_says_which_options_it_did_not_apply(tmp_path, rollcall):
    f = tmp_path / "register.csv"
    f.write_bytes(GBK.encode("gbk"))
    assert rollcall("ingest", str(f)).code == 0
    again = rollcall("ingest", str(f), "--encoding", "cp1252")
    assert again.code == 0 and "already ingested" in again.out
    assert "not applied: --encoding cp1252" in again.out.replace("\n", " ")
    (result,) = rollcall("ingest", str(f), "--encoding", "gb18030", "--json").json()
    assert "not_applied" not in result  # the same reading: nothing ignored
    (result,) = rollcall("ingest", str(f), "--encoding", "latin-1", "--json").json()
    assert result["not_applied"] == "--encoding latin-1"


def test_delimiter_from_quoted_cells_holding_line_breaks_and_tabs(tmp_path):
    buf = io.StringIO()
    cells = [["", "\t", "\r\t0"], ["", "\t", "\r\t0"], ["a\tb", "\n\t", "x"]]
    csv.writer(buf, lineterminator="\r\n").writerows([["姓名", "性别", "备注"], *cells])
    assert sniff_delimiter(buf.getvalue(), ".csv") == ","
    f = tmp_path / "q.csv"
    f.write_text(buf.getvalue(), encoding="utf-8", newline="")
    table = open_table(f)
    assert [c.field for c in table.columns] == ["name", "sex", "notes"]
    assert [r.cells for r in table.rows] == [c for c in cells if any(x.strip() for x in c)]


@pytest.mark.parametrize("header, field", [
    ("户主姓名", None), ("配偶姓名", None), ("亲属姓名", None), ("紧急联系人姓名", None),
    ("父亲身份证号", None), ("配偶身份证号码", None), ("Father ID number", None), ("Spouse name", None),
    ("Son's age", None), ("ئانىسىنىڭ كىملىك نومۇرى", None),
    ("父亲姓名", "father_name"), ("Mother name", "mother_name"), ("ئاتىسىنىڭ ئىسمى", "father_name"),
    ("与户主关系", "relation"), ("Relationship to detainee", "relation"),
    ("姓名", "name"), ("身份证号", "id_number"), ("Person name", "name"), ("联系电话", "phone"),
    ("户籍地址", "household_address"),
])
def test_headers_about_relatives_are_not_the_persons_own(header, field):
    assert recognise(header) == field


def test_spouse_columns_stay_apart_end_to_end(tmp_path, rollcall):
    f = tmp_path / "spouse.csv"
    f.write_text("姓名,性别,身份证号,配偶姓名,配偶身份证号\n吐尔逊·买买提,男,653121198503071239,阿依古丽·艾力,"
                 "653121199001020028\n", encoding="utf-8")
    assert rollcall("ingest", str(f)).code == 0
    (record,) = rollcall("records", "spouse.csv", "--json").jsonl()
    by_field: dict = {}
    for s in record["statements"]:
        by_field.setdefault(s["field"] or f"raw:{s['column']}", []).append(s["original"])
    assert by_field["name"] == ["吐尔逊·买买提"] and by_field["id_number"] == ["653121198503071239"]
    # nothing lost: the spouse's cells are kept as raw statements under their own headers
    assert by_field["raw:配偶姓名"] == ["阿依古丽·艾力"] and by_field["raw:配偶身份证号"] == ["653121199001020028"]


UNDATED = "name,sex,age\r\nTursun Memet,male,{age}\r\n"


def _birth_ranges(home) -> list[list[list[int]]]:
    """The birth-year range of each record's age, in record order, as linkage reads it and as ingest wrote
    it into the search index."""
    import json
    import subprocess
    import sys

    code = ("import json, sys\nfrom rollcall.home import open_home\nopen_home(sys.argv[1])\n"
            "from django.db import connection\n"
            "from rollcall.people import namekeys\nfrom rollcall.people.features import record_features\n"
            "cur = connection.cursor()\n"
            "cur.execute('SELECT birth_lo, birth_hi FROM search_recordfacets ORDER BY record_id')\n"
            "print(json.dumps([[[f['birth_lo'], f['birth_hi']] for f in record_features(namekeys.features)],\n"
            "                  [list(r) for r in cur.fetchall()]]))")
    out = subprocess.run([sys.executable, "-c", code, str(home)], capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


def test_the_day_a_list_was_compiled_dates_its_ages(tmp_path, rollcall, home):
    undated, dated = tmp_path / "list-a.csv", tmp_path / "list-b.csv"
    undated.write_text(UNDATED.format(age=29), encoding="utf-8", newline="")
    dated.write_text(UNDATED.format(age=40), encoding="utf-8", newline="")
    assert rollcall("ingest", str(undated)).code == 0
    # read in a forked child, as a large file is: the day must reach it
    (result,) = rollcall("ingest", str(dated), "--as-of", "2020-06-30", "--json",
                         env={"ROLLCALL_FORK_FROM_BYTES": "0"}).json()
    assert result["as_of"] == "2020-06-30"
    assert [s["as_of"] for s in rollcall("sources", "--json").json()] == [None, "2020-06-30"]
    ingested = [e["detail"] for e in rollcall("log", "--json").jsonl() if e["action"] == "ingested"]
    assert "as_of" not in ingested[0] and ingested[1]["as_of"] == "2020-06-30"
    # 29 on a list of unknown date: born in 1987 at the earliest (29 in 2017) and 1995 at the latest (2024);
    # 40 on 2020-06-30: born in 1979 or 1980
    linkage, index = _birth_ranges(home)
    assert linkage == index == [[1987, 1995], [1979, 1980]]
    again = rollcall("ingest", str(dated), "--as-of", "2021-01-01")
    assert again.code == 0 and "already ingested" in again.out
    assert "not applied: --as-of 2021-01-01 (the source is as of 2020-06-30)" in again.out.replace("\n", " ")


@pytest.mark.parametrize("day", ["2020-13-01", "30/06/2020", "June 2020", "20200630", "1850-01-01", "2999-01-01"])
def test_an_as_of_that_is_not_a_date_fails_with_one_message(tmp_path, rollcall, day):
    f = tmp_path / "list.csv"
    f.write_text(UNDATED.format(age=29), encoding="utf-8", newline="")
    r = rollcall("ingest", str(f), "--as-of", day)
    assert r.code == 1 and "--as-of" in r.err and ("YYYY-MM-DD" in r.err or "between 1900 and today" in r.err), r.err
    _no_traceback(r)
    assert rollcall("sources", "--json").json() == []
