"""Header recognition across Chinese, Uyghur (Arabic and Latin script) and English; mapping files."""

from __future__ import annotations

import pytest

from rollcall.errors import InputError
from rollcall.records.readers import CANONICAL_FIELDS, FIELD_MEANINGS, load_mapping, open_table, recognise

REQUIRED = ("name", "other_names", "sex", "ethnicity", "birth_date", "age", "id_number", "household_address",
            "current_address", "phone", "occupation", "detention_start", "detention_end", "facility",
            "detention_status", "reason", "sentence", "notes", "relation")


def test_required_fields_are_canonical_and_documented():
    assert set(REQUIRED) <= set(CANONICAL_FIELDS)
    assert all(FIELD_MEANINGS[f] for f in CANONICAL_FIELDS)


@pytest.mark.parametrize("header, field", [
    # Chinese, as registers write them (some only match by a word inside a longer header)
    ("姓名", "name"), ("被羁押人员姓名", "name"), ("曾用名", "other_names"), ("性别", "sex"), ("民族", "ethnicity"),
    ("出生年月", "birth_date"), ("年龄", "age"), ("公民身份号码", "id_number"), ("户籍所在地", "household_address"),
    ("现住址", "current_address"), ("联系电话", "phone"), ("职业", "occupation"), ("收押时间", "detention_start"),
    ("释放日期", "detention_end"), ("关押场所", "facility"), ("人员状态", "detention_status"), ("羁押原因", "reason"),
    ("刑期", "sentence"), ("备注", "notes"), ("与本人关系", "relation"), ("父亲姓名", "father_name"),
    ("身份证号码（18位）", "id_number"), ("姓 名", "name"), ("出生地", "birth_place"),
    # Uyghur, Arabic script
    ("ئىسمى", "name"), ("جىنسى", "sex"), ("مىللىتى", "ethnicity"), ("تۇغۇلغان ۋاقتى", "birth_date"),
    ("يېشى", "age"), ("كىملىك نومۇرى", "id_number"), ("تېلېفون نومۇرى", "phone"), ("ئىزاھات", "notes"),
    ("تۇتۇلغان ۋاقتى", "detention_start"), ("قويۇپ بېرىلگەن ۋاقتى", "detention_end"),
    # Uyghur, Latin script (ULY)
    ("ismi", "name"), ("Jinsi", "sex"), ("tughulghan waqti", "birth_date"), ("kimlik nomuri", "id_number"),
    ("munasiwiti", "relation"), ("kespi", "occupation"),
    # English, in the spellings and cases people type
    ("Full Name", "name"), ("Also known as", "other_names"), ("Gender", "sex"), ("Date of Birth", "birth_date"),
    ("DOB", "birth_date"), ("date_of_birth", "birth_date"), ("Age at detention", "age"),
    ("ID number", "id_number"), ("Hukou", "household_address"), ("Current address", "current_address"),
    ("Phone:", "phone"), ("Occupation", "occupation"), ("Date detained", "detention_start"),
    ("Released", "detention_end"), ("Camp", "facility"), ("Status", "detention_status"),
    ("Reason for detention", "reason"), ("Sentence", "sentence"), ("Notes(tmp)", "notes"),
    ("Relationship", "relation"), ("Father's name", "father_name"), ("Place of birth", "birth_place"),
    # testimonies: the testifier is kept apart from the person testified about
    ("Your name", "testifier_name"), ("Your relation to the missing person", "testifier_relation"),
    ("testifier.name", "testifier_name"), ("报告人姓名", "testifier_name"), ("Missing person's name", "name"),
    ("Passport name (if known)", "other_names"), ("Submitted", "recorded_at"),
    # two header rows, and dotted JSON keys
    ("基本信息 / 姓名", "name"), ("羁押情况 / 羁押场所", "facility"), ("person.name", "name"),
    ("detained.facility", "facility"),
])
def test_recognise(header, field):
    assert recognise(header) == field


@pytest.mark.parametrize("header", ["序号", "Number", "id", "Links 2", "Distance to County Centre", "",
                                    "corroboration level", "How long ago", "XJVDB",
                                    "This is a long sentence that somebody typed into a header cell about names"])
def test_not_recognised(header):
    assert recognise(header) is None


def _register(tmp_path):
    f = tmp_path / "r.csv"
    f.write_text("序号,姓名,户籍地址,电话,电话\n1,艾力 FICTIONAL,某县,1,2\n", encoding="utf-8")
    return f


def test_mapping_file_overrides_and_keeps_columns_raw(tmp_path):
    m = tmp_path / "map.yaml"
    m.write_text("columns:\n  序号: notes\n  户籍地址: current_address\n  姓名: null\n  电话 (2): other_names\n"
                 "  不存在: name\n", encoding="utf-8")
    mapping = load_mapping(m)
    table = open_table(_register(tmp_path), mapping=mapping)
    assert [(c.key, c.field, c.how) for c in table.columns] == [
        ("序号", "notes", "mapping"), ("姓名", None, "mapping"), ("户籍地址", "current_address", "mapping"),
        ("电话", "phone", "recognised"), ("电话 (2)", "other_names", "mapping")]
    assert any("'不存在'" in w and "matches no column" in w for w in table.warnings)


def test_mapping_header_row_and_encoding(tmp_path):
    f = tmp_path / "h.csv"
    f.write_bytes("说明 FICTIONAL,x\nfoo,bar\nA Fictional,1\n".encode("gbk"))
    m = tmp_path / "map.yaml"
    m.write_text("header_row: 2\nencoding: gbk\ncolumns:\n  foo: name\n", encoding="utf-8")
    table = open_table(f, mapping=load_mapping(m))
    assert table.encoding == "gbk" and "mapping" in table.encoding_reason
    assert table.header_rows == [2] and table.title_rows == [1]
    assert table.columns[0].field == "name" and [r.number for r in table.rows] == [3]


@pytest.mark.parametrize("text, needle", [
    ("columns:\n  姓名: surname\n", "'姓名' maps to unknown field 'surname'"),
    ("columns: [a, b]\n", "'columns' must map"),
    ("colums:\n  a: name\n", "unknown entry 'colums'"),
    ("columns:\n  a: name\n b: [\n", "not valid YAML"),
    ("header_row: -1\n", "header_row must be a positive"),
    ("encoding: klingon\n", "unknown encoding 'klingon'"),
    ("", "empty"),
])
def test_bad_mapping_files_are_named(tmp_path, text, needle):
    m = tmp_path / "bad.yaml"
    m.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as err:
        load_mapping(m)
    assert "bad.yaml" in str(err.value) and needle in str(err.value)


def test_missing_mapping_file(tmp_path):
    with pytest.raises(InputError, match="no such mapping file"):
        load_mapping(tmp_path / "nope.yaml")


def test_mapping_header_row_far_down(tmp_path):
    f = tmp_path / "far.csv"
    notes = "".join(f"note {i} FICTIONAL\n" for i in range(60))
    f.write_text(notes + "foo,bar\nA Fictional,1\n", encoding="utf-8")
    m = tmp_path / "map.yaml"
    m.write_text("header_row: 61\ncolumns:\n  foo: name\n", encoding="utf-8")
    table = open_table(f, mapping=load_mapping(m))
    assert table.header_rows == [61] and len(table.title_rows) == 60
    assert [(r.number, r.cells) for r in table.rows] == [(62, ["A Fictional", "1"])]
