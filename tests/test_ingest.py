"""Tabular ingest end to end: real files in real encodings, through the real CLI and database."""

from __future__ import annotations

import csv
import io
import sqlite3
from pathlib import Path

import pytest
from openpyxl import Workbook

from cli_run import kill_mid_ingest

FICTIONAL = "虚构数据 FICTIONAL TEST DATA"


def gbk_register(path: Path) -> Path:
    """A leaked-style register: a title row, Chinese headers, CRLF, GBK, blank rows."""
    rows = [
        [f"某县在押人员名单（{FICTIONAL}）", "", "", "", "", ""],
        ["序号", "姓名", "性别", "出生日期", "身份证号", "户籍地址"],
        ["1", "吐尔逊·买买提", "男", "1985-03-07", "653121198503071234", "新疆喀什地区疏附县托克扎克镇"],
        ["", "", "", "", "", ""],
        ["2", "热依拉·达吾提", "女", "1966年5月1日", "", "和田地区墨玉县"],
        ["3", "阿不都热依木·艾合买提", "男", "", "65322219900101001X", ""],
    ]
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\r\n").writerows(rows)
    path.write_bytes(buf.getvalue().encode("gbk"))
    return path


def merged_xlsx(path: Path) -> Path:
    """An XLSX with a title row and a two-row header whose top cells are merged over sub-headers."""
    wb = Workbook()
    ws = wb.active
    ws.title = "名单"
    ws.append([f"人员信息表 {FICTIONAL}"])
    ws.merge_cells("A1:E1")
    ws.append(["基本信息", None, None, "羁押情况", None])
    ws.merge_cells("A2:C2")
    ws.merge_cells("D2:E2")
    ws.append(["姓名", "性别", "民族", "羁押开始时间", "羁押场所"])
    ws.append(["艾力·买买提", "男", "维吾尔族", "2017-06-01", "疏附县职业技能教育培训中心"])
    ws.append(["古丽·吐尔逊", "女", "维吾尔族", "2018-01-15", "疏附县看守所"])
    wb.save(path)
    return path


def utf16_uyghur(path: Path) -> Path:
    """A UTF-16 TSV with Uyghur Arabic-script headers."""
    text = ("ئىسمى\tجىنسى\tتۇغۇلغان ۋاقتى\tئىزاھات\n"
            "تۇرسۇن مەمەت\tئەر\t1985\tFICTIONAL\n"
            "راھىلە داۋۇت\tئايال\t1966\tFICTIONAL\n")
    path.write_bytes(text.encode("utf-16"))
    return path


def statements_by_field(record: dict) -> dict:
    return {s["field"] or s["column"]: s for s in record["statements"]}


def test_gbk_register_with_title_row(tmp_path, rollcall):
    f = gbk_register(tmp_path / "register.csv")
    r = rollcall("ingest", str(f), "--json")
    assert r.code == 0, r.err
    (result,) = r.json()
    assert result["records"] == 3 and result["encoding"] in {"gb18030", "gbk"}
    src = rollcall("sources", "--json").json()
    assert len(src) == 1 and src[0]["records"] == 3 and src[0]["encoding"] == result["encoding"]
    recs = rollcall("records", "register.csv", "--json").jsonl()
    assert [x["locator"] for x in recs] == [{"file": "register.csv", "sheet": None, "row": n} for n in (3, 5, 6)]
    first = statements_by_field(recs[0])
    assert first["name"]["original"] == "吐尔逊·买买提"
    assert first["sex"]["value"] == "male" and first["birth_date"]["value"] == "1985-03-07"
    assert first["id_number"]["original"] == "653121198503071234"
    assert first["household_address"]["original"] == "新疆喀什地区疏附县托克扎克镇"
    assert statements_by_field(recs[1])["birth_date"]["value"] == "1966-05-01"
    assert "序号" in statements_by_field(recs[0])  # unrecognised column kept raw
    # every non-empty cell became a statement, nothing else did
    assert [len(x["statements"]) for x in recs] == [6, 5, 4]


def test_merged_two_row_xlsx_header(tmp_path, rollcall):
    f = merged_xlsx(tmp_path / "名单.xlsx")
    r = rollcall("ingest", str(f), "--json")
    assert r.code == 0, r.err
    recs = rollcall("records", "名单.xlsx", "--json").jsonl()
    assert [x["locator"] for x in recs] == [{"file": "名单.xlsx", "sheet": "名单", "row": n} for n in (4, 5)]
    first = statements_by_field(recs[0])
    assert first["name"]["original"] == "艾力·买买提"
    assert first["ethnicity"]["value"] == "uyghur"
    assert first["detention_start"]["value"] == "2017-06-01"
    assert first["facility"]["original"] == "疏附县职业技能教育培训中心"
    assert "羁押情况" in first["facility"]["column"]


def test_utf16_tsv_with_uyghur_headers(tmp_path, rollcall):
    f = utf16_uyghur(tmp_path / "tizim.tsv")
    r = rollcall("ingest", str(f), "--json")
    assert r.code == 0, r.err
    assert r.json()[0]["encoding"].startswith("utf-16")
    recs = rollcall("records", "tizim.tsv", "--json").jsonl()
    first = statements_by_field(recs[0])
    assert first["name"]["original"] == "تۇرسۇن مەمەت"
    assert first["sex"]["value"] == "male"
    assert statements_by_field(recs[1])["sex"]["value"] == "female"


def test_buzzfeed_real_file_cp437(shared_data, rollcall):
    f = shared_data / "facilities" / "buzzfeed_2021-07-20_all_locations.tsv"
    r = rollcall("ingest", str(f), "--json")
    assert r.code == 0, r.err
    (result,) = r.json()
    # the data README says Mac Roman, but the bytes (9a 72 81 = Ü r ü) are DOS code page 437
    assert result["records"] == 551 and result["encoding"] == "cp437"
    export = rollcall("export", "statements", "--format", "jsonl").jsonl()
    assert any(s["original"] == "Ürümqi" for s in export)
    assert all(s["sha256"] == result["sha256"] for s in export)


def test_ingest_twice_is_a_no_op(tmp_path, rollcall, home):
    f = gbk_register(tmp_path / "register.csv")
    assert rollcall("ingest", str(f)).code == 0
    again = rollcall("ingest", str(f))
    assert again.code == 0 and "already ingested" in again.out
    assert len(rollcall("sources", "--json").json()) == 1
    actions = [e["action"] for e in rollcall("log", "--json").jsonl()]
    assert actions == ["added", "ingested"]
    assert rollcall("verify").code == 0


def test_dry_run_writes_nothing(tmp_path, rollcall, home):
    f = gbk_register(tmp_path / "register.csv")
    r = rollcall("ingest", str(f), "--dry-run", "--json")
    assert r.code == 0, r.err
    (plan,) = r.json()
    fields = {c["name"]: c["field"] for c in plan["columns"]}
    assert fields["姓名"] == "name" and fields["身份证号"] == "id_number" and fields["序号"] is None
    assert plan["first_rows"][0]["row"] == 3
    assert not (home / "rollcall.sqlite3").exists()


def test_mapping_file_overrides_recognition(tmp_path, rollcall):
    f = gbk_register(tmp_path / "register.csv")
    mapping = tmp_path / "map.yaml"
    mapping.write_text("columns:\n  序号: notes\n  户籍地址: current_address\n", encoding="utf-8")
    assert rollcall("ingest", str(f), "--mapping", str(mapping)).code == 0
    first = statements_by_field(rollcall("records", "1", "--json", "--limit", "1").jsonl()[0])
    assert first["notes"]["original"] == "1" and "current_address" in first


def test_export_csv_has_provenance(tmp_path, rollcall):
    f = gbk_register(tmp_path / "register.csv")
    rollcall("ingest", str(f))
    out = tmp_path / "statements.csv"
    r = rollcall("export", "statements", "--format", "csv", "--output", str(out))
    assert r.code == 0, r.err
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert len(rows) == 15
    name = next(x for x in rows if x["field"] == "name")
    assert name["file"] == "register.csv" and name["row"] == "3" and len(name["sha256"]) == 64
    assert "exported" in [e["action"] for e in rollcall("log", "--json").jsonl()]


@pytest.mark.parametrize("content, needle", [
    (b"", "empty"),
    (bytes(range(256)) * 40, "file"),
])
def test_bad_files_fail_cleanly(tmp_path, rollcall, home, content, needle):
    f = tmp_path / "bad.csv"
    f.write_bytes(content)
    r = rollcall("ingest", str(f))
    assert r.code == 1 and "Traceback" not in r.err and "bad.csv" in r.err and needle in r.err.lower()
    assert rollcall("sources", "--json").json() == []
    assert rollcall("log", "--json").out == ""


def test_truncated_xlsx_fails_cleanly(tmp_path, rollcall):
    good = merged_xlsx(tmp_path / "good.xlsx").read_bytes()
    f = tmp_path / "cut.xlsx"
    f.write_bytes(good[: len(good) // 2])
    r = rollcall("ingest", str(f))
    assert r.code == 1 and "cut.xlsx" in r.err and "Traceback" not in r.err
    assert rollcall("sources", "--json").json() == []


def test_wrong_encoding_names_row(tmp_path, rollcall):
    f = tmp_path / "u16.tsv"
    f.write_bytes("姓名\t性别\n艾力\t男\n".encode("utf-16-le"))
    r = rollcall("ingest", str(f), "--encoding", "utf-8")
    assert r.code == 1 and "u16.tsv" in r.err and "Traceback" not in r.err
    assert rollcall("sources", "--json").json() == []
    assert rollcall("ingest", str(f), "--encoding", "no-such-codec").code == 1


def test_ragged_row_names_file_row_and_column(tmp_path, rollcall):
    f = tmp_path / "ragged.csv"
    f.write_text("name,sex\nA Fictional,male\nB Fictional,female,surprise\nC Fictional,male\n", encoding="utf-8")
    r = rollcall("ingest", str(f))
    assert r.code == 1 and "ragged.csv" in r.err and "row 3" in r.err and "Traceback" not in r.err
    assert rollcall("sources", "--json").json() == []
    kept = rollcall("ingest", str(f), "--keep-ragged", "--json")
    assert kept.code == 0, kept.err
    recs = rollcall("records", "ragged.csv", "--json").jsonl()
    assert len(recs) == 3 and any(s["original"] == "surprise" for s in recs[1]["statements"])


def _big_csv(path: Path, rows: int) -> Path:
    with open(path, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["姓名", "性别", "出生日期", "备注"])
        for i in range(rows):
            w.writerow([f"虚构人{i}", "男" if i % 2 else "女", "1980-01-01", f"FICTIONAL {i}"])
    return path


def test_kill_minus_nine_leaves_no_partial_source(tmp_path, home):
    from cli_run import run_rollcall

    f = _big_csv(tmp_path / "big.csv", 80_000)
    kill_mid_ingest(home, f)
    db = home / "rollcall.sqlite3"
    with sqlite3.connect(db) as con:
        assert con.execute("SELECT COUNT(*) FROM records_source").fetchone()[0] == 0
        assert con.execute("SELECT COUNT(*) FROM records_record").fetchone()[0] == 0
        assert con.execute("SELECT COUNT(*) FROM evidence_item").fetchone()[0] == 0
    assert run_rollcall("verify", home=home).code == 0
    again = run_rollcall("ingest", str(f), "--json", home=home)
    assert again.code == 0, again.err
    assert again.json()[0]["records"] == 80_000
    assert run_rollcall("verify", home=home).code == 0


def test_kill_minus_nine_while_committing_leaves_all_or_nothing(tmp_path, home):
    """Killed while the commit writes the log: the source is there whole, or not at all."""
    from cli_run import run_rollcall

    f = _big_csv(tmp_path / "big.csv", 80_000)
    kill_mid_ingest(home, f, during="commit")
    with sqlite3.connect(home / "rollcall.sqlite3") as con:
        counts = [con.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0]
                  for t in ("records_source", "records_record", "evidence_item")]
    assert counts in ([0, 0, 0], [1, 80_000, 1]), counts
    assert run_rollcall("verify", home=home).code == 0
    again = run_rollcall("ingest", str(f), "--json", home=home)
    assert again.code == 0, again.err
    assert again.json()[0]["records"] == 80_000 and again.json()[0]["created"] == (counts[0] == 0)
    assert run_rollcall("verify", home=home).code == 0


def _ingest_with(limit: int, home: Path, *args: str):
    """`rollcall --home HOME ARGS` with the size from which rows are read in a forked child set to `limit`."""
    from cli_run import run_rollcall

    return run_rollcall(*args, home=home, env={"ROLLCALL_FORK_FROM_BYTES": str(limit)})


def _register_rows(path: Path, rows: int, ragged_at: int | None = None) -> Path:
    """A fictional register: names, sex, birth dates, ID numbers (one in fifty mistyped), villages."""
    from stdnum.cn import ric

    with open(path, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["姓名", "性别", "出生日期", "身份证号", "户籍地址", "备注"])
        for i in range(rows):
            first17 = f"653121{1950 + i % 50}0{1 + i % 9}1{i % 10}{i % 1000:03d}"
            number = first17 + ric.calc_check_digit(first17 + "0")
            if i % 50 == 7:
                number = number[:-2] + str((int(number[-2]) + 1) % 10) + number[-1]
            row = [f"虚构{i % 97}·吐尔逊", "男" if i % 2 else "女", f"{1950 + i % 50}-0{1 + i % 9}-1{i % 10}", number,
                   f"新疆喀什地区疏附县虚构村{i % 40}组", f"FICTIONAL {i}"]
            w.writerow(row + ["extra"] if i == ragged_at else row)
    return path


def test_rows_read_in_a_child_process_are_what_reading_in_process_gives(tmp_path):
    """A large file is read and decoded in a forked child while the parent writes; the records, statements
    and search index must be exactly what reading it in one process gives."""
    f = _register_rows(tmp_path / "register.csv", 40_000)
    assert f.stat().st_size > 2_000_000
    forked, plain = tmp_path / "forked", tmp_path / "plain"
    for home, limit in ((forked, 0), (plain, 10**12)):
        r = _ingest_with(limit, home, "ingest", str(f), "--json")
        assert r.code == 0, r.err
        assert r.json()[0]["records"] == 40_000
    tables = {"records_record": "id, source_id, row, flags",
              "records_statement": 'id, record_id, column_index, "column", field, original, value, detail',
              "search_recordfacets": "record_id, birth_lo, birth_hi, county, father, detained_lo, detained_hi, "
                                     "sentence, outcome, public_birth_lo, public_birth_hi, public_county, "
                                     "public_detained_lo, public_detained_hi, public_sentence, public_outcome",
              "search_nameentry": "id, record_id, field, name_id, birth_lo, birth_hi, county, public_birth_lo, "
                                  "public_birth_hi, public_county",
              "search_indexedname": "id, text",
              "search_namekey": "key, name_id"}
    for table, columns in tables.items():
        rows = []
        for home in (forked, plain):
            with sqlite3.connect(home / "rollcall.sqlite3") as con:
                rows.append(con.execute(f"SELECT {columns} FROM {table} ORDER BY {columns}").fetchall())
        assert rows[0] == rows[1], table
        assert rows[0], table
    with sqlite3.connect(forked / "rollcall.sqlite3") as con:
        flagged = con.execute("SELECT COUNT(*) FROM records_record WHERE flags != '[]'").fetchone()[0]
    assert flagged == 800  # the mistyped ID numbers, found by the checks in the child


def test_a_bad_row_read_in_a_child_process_fails_the_ingest_cleanly(tmp_path):
    f = _register_rows(tmp_path / "register.csv", 40_000, ragged_at=39_000)
    home = tmp_path / "home"
    r = _ingest_with(0, home, "ingest", str(f))
    assert r.code == 1, r.err
    assert "register.csv" in r.err and "row 39002" in r.err and "Traceback" not in r.err
    with sqlite3.connect(home / "rollcall.sqlite3") as con:
        assert con.execute("SELECT COUNT(*) FROM records_record").fetchone()[0] == 0
        assert con.execute("SELECT COUNT(*) FROM records_source").fetchone()[0] == 0
