"""JSON and JSONL as tables: testimony-style objects with nested values. All people are fictional."""

from __future__ import annotations

import json

import pytest

from rollcall.errors import InputError
from rollcall.records.readers import open_table, sniff_format

TESTIMONIES = [
    {"person": {"name": "Tursun Memet (FICTIONAL)", "born": "around 1985"}, "sex": "male",
     "detained": {"date": "2017-06", "facility": "Kona Sheher camp"}, "phones": ["+86 1", "+86 2"], "age": 38},
    {"person": {"name": "Rahile Fictional"}, "relation": "sister of the testifier", "height": 1.60, "alive": None},
    {"person": {"name": "Ayshe Fictional"}, "extra": True},
]


def test_json_array_of_objects_flattened(tmp_path):
    f = tmp_path / "testimonies.json"
    text = json.dumps(TESTIMONIES, ensure_ascii=False, indent=2).replace('"height": 1.6', '"height": 1.60')
    f.write_text(text, encoding="utf-8")
    assert sniff_format(f) == "json"
    table = open_table(f)
    assert table.reader == "json" and table.header_rows == [] and table.encoding == "utf-8"
    keys = [c.key for c in table.columns]
    assert keys == ["person.name", "person.born", "sex", "detained.date", "detained.facility", "phones.0",
                    "phones.1", "age", "relation", "height", "alive", "extra"]
    fields = {c.key: c.field for c in table.columns}
    assert fields["person.name"] == "name" and fields["sex"] == "sex" and fields["detained.facility"] == "facility"
    assert fields["age"] == "age" and fields["relation"] == "relation" and fields["extra"] is None
    rows = list(table.rows)
    assert [r.number for r in rows] == [1, 2, 3]
    first = dict(zip(keys, rows[0].cells, strict=True))
    assert first["person.name"] == "Tursun Memet (FICTIONAL)" and first["phones.1"] == "+86 2"
    assert first["age"] == "38"
    second = dict(zip(keys, rows[1].cells, strict=True))
    assert second["height"] == "1.60" and second["alive"] == ""  # number text exactly as written; null empty
    assert dict(zip(keys, rows[2].cells, strict=True))["extra"] == "true"


def test_jsonl_with_blank_lines_numbers_rows_by_line(tmp_path):
    f = tmp_path / "t.jsonl"
    lines = [json.dumps(t, ensure_ascii=False) for t in TESTIMONIES]
    f.write_text(lines[0] + "\n\n" + lines[1] + "\n" + lines[2] + "\n", encoding="utf-8")
    table = open_table(f)
    rows = list(table.rows)
    assert [r.number for r in rows] == [1, 3, 4] and table.skipped_blank == 1
    assert "relation" in [c.key for c in table.columns]  # a key first seen on a later line is a column


def test_jsonl_bad_line_names_the_line(tmp_path):
    f = tmp_path / "bad.jsonl"
    f.write_text('{"name": "A Fictional"}\n{"name": "B Fictional",}\n', encoding="utf-8")
    with pytest.raises(InputError, match=r"file bad.jsonl, row 2: invalid JSON"):
        open_table(f)


def test_json_document_error_names_line(tmp_path):
    f = tmp_path / "bad.json"
    f.write_text('[\n  {"name": "A Fictional"},\n  {"name": }\n]\n', encoding="utf-8")
    with pytest.raises(InputError, match="row 3: invalid JSON"):
        open_table(f)


def test_array_of_non_objects_is_refused(tmp_path):
    f = tmp_path / "list.json"
    f.write_text('[{"name": "A"}, "B"]', encoding="utf-8")
    with pytest.raises(InputError, match="item 2 is str"):
        open_table(f)


def test_repeated_keys_are_kept(tmp_path):
    f = tmp_path / "dup.json"
    f.write_text('[{"name": "A Fictional", "name": "Another Fictional"}]', encoding="utf-8")
    table = open_table(f)
    assert [c.key for c in table.columns] == ["name", "name (2)"]
    assert next(table.rows).cells == ["A Fictional", "Another Fictional"]


def test_wrapped_list_and_single_object(tmp_path):
    f = tmp_path / "wrapped.json"
    f.write_text(json.dumps({"testimonies": TESTIMONIES[:2]}), encoding="utf-8")
    table = open_table(f)
    assert len(list(table.rows)) == 2 and any("testimonies" in w for w in table.warnings)
    g = tmp_path / "one.json"
    g.write_text(json.dumps({"name": "A Fictional", "sex": "female"}), encoding="utf-8")
    assert [r.cells for r in open_table(g).rows] == [["A Fictional", "female"]]


def test_utf16_json(tmp_path):
    f = tmp_path / "u.json"
    f.write_bytes(json.dumps([{"ئىسمى": "تۇرسۇن FICTIONAL"}], ensure_ascii=False).encode("utf-16"))
    table = open_table(f)
    assert table.columns[0].field == "name" and next(table.rows).cells == ["تۇرسۇن FICTIONAL"]


@pytest.mark.parametrize("chunk", [7, 64, 1 << 20])
def test_json_array_is_streamed_across_any_chunk_boundary(tmp_path, monkeypatch, chunk):
    from rollcall.records.readers import jsontable

    monkeypatch.setattr(jsontable, "ARRAY_CHUNK", chunk)
    items = [{"name": f"虚构 {i} \\ \"q\" }} ]", "n": i, "x": {"y": [i, 1.50]}} for i in range(300)]
    text = json.dumps(items, ensure_ascii=False, indent=1).replace("1.5", "1.50")
    f = tmp_path / "big.json"
    f.write_text(text, encoding="utf-8")
    table = open_table(f)
    rows = list(table.rows)
    assert [c.key for c in table.columns] == ["name", "n", "x.y.0", "x.y.1"]
    assert len(rows) == 300 and rows[299].number == 300
    assert rows[7].cells == [items[7]["name"], "7", "7", "1.50"]


@pytest.mark.parametrize("text, needle", [
    ('[{"a": 1},\n{"a": 2}\n', "never closed"),
    ('[{"a": 1}\n{"a": 2}]', "expected ',' or ']' at line 2"),
    ('[{"a": 1}] x', "extra data"),
])
def test_broken_json_arrays_name_the_line(tmp_path, text, needle):
    f = tmp_path / "broken.json"
    f.write_text(text, encoding="utf-8")
    with pytest.raises(InputError, match=needle):
        list(open_table(f).rows)
