"""Ingest-time checks end to end: a register written by the test, ingested through the real CLI, read back
with `rollcall records --json`. Every ID discrepancy becomes a named flag on its record, the decoded
values (ID fields, place codes, names' Latin forms) sit beside the originals, and nothing as written is
changed: flags, never corrections. All people here are fictional; ID numbers are generated.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from cli_run import run_rollcall

WEIGHTS = [pow(2, 17 - i, 11) for i in range(17)]


def make_id(region: str, born: str, seq: str) -> str:
    """A resident ID number with its ISO 7064 MOD 11-2 check character (computed here, independently)."""
    first17 = region + born + seq
    value = (12 - sum(int(c) * w for c, w in zip(first17, WEIGHTS, strict=True)) % 11) % 11
    return first17 + ("X" if value == 10 else str(value))


SHUFU_MAN = make_id("653121", "19850301", "123")  # 疏附县 (Konasheher), born 1985-03-01, male
KUQA_COUNTY_WOMAN = make_id("652923", "19900101", "124")  # 库车县, re-coded 652902 库车市 in 2019
BAD_CHECKSUM = SHUFU_MAN[:17] + ("0" if SHUFU_MAN[17] != "0" else "1")

HEADER = ["序号", "姓名", "性别", "出生日期", "年龄", "身份证号", "出生地", "户籍地址", "现住址", "填表日期"]
# (label, row cells after 序号, expected flag kinds)
ROWS = [
    ("agrees", ["吐尔逊·买买提", "男", "1985-03-01", "32", SHUFU_MAN, "疏附县", "新疆喀什地区疏附县托克扎克镇",
                "乌鲁木齐市天山区", "2017-06-01"], []),
    ("birth date", ["吐尔逊·买买提", "男", "1986-03-01", "", SHUFU_MAN, "", "喀什地区疏附县", "", ""],
     ["birth_date_mismatch"]),
    ("sex", ["古丽·吐尔逊", "女", "", "", SHUFU_MAN, "", "", "", ""], ["sex_mismatch"]),
    ("place", ["艾力·买买提", "男", "", "", SHUFU_MAN, "墨玉县", "新疆和田地区墨玉县", "", ""], ["place_mismatch"]),
    ("invalid", ["艾力·买买提", "男", "1985-03-01", "", BAD_CHECKSUM, "", "", "", ""], ["invalid_id"]),
    ("age", ["吐尔逊·买买提", "男", "", "40", SHUFU_MAN, "", "", "", "2017-06-01"], ["age_mismatch"]),
    ("re-coded", ["热依拉·达吾提", "女", "1990-01-01", "", KUQA_COUNTY_WOMAN, "", "新疆阿克苏地区库车市", "", ""], []),
    ("moved", ["吐尔逊·买买提", "男", "", "", SHUFU_MAN, "", "", "和田地区墨玉县", ""], []),
    ("traditional", ["吐爾遜·買買提", "男", "", "", SHUFU_MAN, "", "新疆喀什地區疏附縣", "", ""], []),
]


def write_register(path: Path, encoding: str) -> Path:
    """The register as a CSV in the given encoding, Chinese headers, CRLF line ends."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(HEADER)
    for number, (_label, cells, _flags) in enumerate(ROWS, start=1):
        writer.writerow([str(number), *cells])
    path.write_bytes(buf.getvalue().encode(encoding))
    return path


def by_field(record: dict) -> dict:
    return {s["field"] or s["column"]: s for s in record["statements"]}


@pytest.fixture(scope="module")
def ingested(tmp_path_factory) -> tuple[list[dict], dict]:
    """The GBK register ingested into a fresh data folder: its records and the ingest result."""
    tmp = tmp_path_factory.mktemp("flags")
    home = tmp / "rc-home"
    register = write_register(tmp / "登记表.csv", "gbk")
    result = run_rollcall("ingest", str(register), "--json", home=home)
    assert result.code == 0, result.err
    records = run_rollcall("records", "登记表.csv", "--json", home=home)
    assert records.code == 0, records.err
    return records.jsonl(), result.json()[0]


def test_every_discrepancy_is_a_named_flag(ingested) -> None:
    records, result = ingested
    assert result["encoding"] in {"gbk", "gb18030"} and result["records"] == len(ROWS)
    got = {label: [f["kind"] for f in rec["flags"]] for (label, _, _), rec in zip(ROWS, records, strict=True)}
    assert got == {label: flags for label, _, flags in ROWS}
    assert result["flagged"] == sum(1 for _, _, flags in ROWS if flags)


def test_flags_say_what_each_side_says(ingested) -> None:
    records, _ = ingested
    flags = {label: rec["flags"] for (label, _, _), rec in zip(ROWS, records, strict=True)}
    (birth,) = flags["birth date"]
    assert (birth["field"], birth["stated"], birth["from_id"]) == ("birth_date", "1986-03-01", "1985-03-01")
    (sex,) = flags["sex"]
    assert (sex["stated"], sex["from_id"]) == ("female", "male")
    (place,) = flags["place"]  # both home places named, neither contains 疏附县
    assert place["field"] == "birth_place, household_address" and place["stated"] == "653222, 653222"
    assert place["from_id"] == "653121" and "疏附县" in place["message"]
    (age,) = flags["age"]
    assert (age["stated"], age["from_id"]) == ("40", "32") and "2017-06-01" in age["message"]
    (invalid,) = flags["invalid"]
    assert invalid["field"] == "id_number" and "check" in invalid["message"]


def test_a_current_address_elsewhere_is_no_discrepancy(ingested) -> None:
    records, _ = ingested
    moved = by_field(records[7])
    assert moved["current_address"]["value"] == "653222"  # decoded, but not compared with the ID
    assert records[7]["flags"] == []


def test_a_number_issued_before_its_county_was_re_coded_agrees(ingested) -> None:
    records, _ = ingested
    kuqa = by_field(records[6])
    assert kuqa["household_address"]["value"] == "652902"
    assert kuqa["id_number"]["detail"]["county_code"] == "652923"
    assert records[6]["flags"] == []


def test_decoded_values_beside_the_originals(ingested) -> None:
    records, _ = ingested
    first = by_field(records[0])
    id_st = first["id_number"]
    assert id_st["value"] == SHUFU_MAN
    assert {k: id_st["detail"][k] for k in ("valid", "birth_date", "sex", "county_code", "county_zh")} == {
        "valid": True, "birth_date": "1985-03-01", "sex": "male", "county_code": "653121", "county_zh": "疏附县"}
    assert "Konasheher" in id_st["detail"]["county"] or "Shufu" in id_st["detail"]["county"]
    assert first["household_address"]["value"] == "653121"
    assert first["household_address"]["detail"]["name_zh"] == "疏附县"
    assert first["birth_place"]["value"] == "653121"
    assert (first["sex"]["value"], first["birth_date"]["value"], first["age"]["value"]) == ("male", "1985-03-01",
                                                                                          "32")
    assert first["recorded_at"]["value"] == "2017-06-01"
    name = first["name"]
    assert name["value"] == "Tursun Memet"
    assert name["detail"]["script"] == "han" and name["detail"]["pinyin"] == "Tuerxun Maimaiti"
    assert "Mehmet" in name["detail"]["forms"][1] and name["detail"]["keys"]
    invalid = by_field(records[4])["id_number"]
    assert invalid["detail"]["valid"] is False and invalid["detail"]["errors"] == ["checksum"]
    traditional = by_field(records[8])
    assert traditional["household_address"]["value"] == "653121"
    assert traditional["name"]["value"] == "Tursun Memet"  # 吐爾遜·買買提 reads as 吐尔逊·买买提


def test_originals_are_kept_exactly_as_written(ingested) -> None:
    records, _ = ingested
    for (label, cells, _), record in zip(ROWS, records, strict=True):
        written = {h: c for h, c in zip(HEADER, [None, *cells], strict=True) if c}
        kept = {s["column"]: s["original"] for s in record["statements"] if s["column"] != "序号"}
        assert kept == written, label
    # the flagged values stay as the record states them: no correction from the ID number
    assert by_field(records[1])["birth_date"]["value"] == "1986-03-01"
    assert by_field(records[2])["sex"]["value"] == "female"
    assert by_field(records[4])["id_number"]["original"] == BAD_CHECKSUM


def test_utf8_register_with_uyghur_names_and_a_father(tmp_path, rollcall) -> None:
    path = tmp_path / "tizim.csv"
    path.write_text("姓名,父亲姓名,性别,身份证号,籍贯\n"
                    f"ئىلھام توختى,توختى,男,{SHUFU_MAN},喀什地区疏附县\n"
                    f"Tursun Memet,Memet,女,{SHUFU_MAN},Karakax\n", encoding="utf-8")
    result = rollcall("ingest", str(path), "--json")
    assert result.code == 0, result.err
    first, second = rollcall("records", "tizim.csv", "--json").jsonl()
    a = by_field(first)
    assert a["name"]["original"] == "ئىلھام توختى" and a["name"]["value"] == "Ilham Toxti"
    assert a["name"]["detail"]["script"] == "arabic" and a["father_name"]["value"] == "Toxti"
    assert a["birth_place"]["value"] == "653121" and first["flags"] == []
    b = by_field(second)
    assert b["name"]["value"] == "Tursun Memet" and b["name"]["detail"]["script"] == "latin"
    assert b["birth_place"]["value"] == "653222"
    assert sorted(f["kind"] for f in second["flags"]) == ["place_mismatch", "sex_mismatch"]
