"""`rollcall place resolve` and `rollcall place show`, run as a user runs them."""

from __future__ import annotations


def test_resolve_json_shape(rollcall):
    result = rollcall("place", "resolve", "Karakax", "--json")
    assert result.code == 0, result.err
    data = result.json()
    assert data["query"] == "Karakax"
    assert data["code"] == "653222"
    top = data["candidates"][0]
    assert top["code"] == "653222" and top["level"] == "county" and top["name_zh"] == "墨玉县"
    assert top["name_ug"] == "قاراقاش ناھىيىسى"
    assert top["latin"] == "Karakax (Moyu) County"
    assert 0 < top["confidence"] <= 1 and top["matched"]
    assert top["parent"] == "653200"


def test_resolve_unknown_gives_null_code(rollcall):
    result = rollcall("place", "resolve", "Springfield", "--json")
    assert result.code == 0
    assert result.json() == {"query": "Springfield", "code": None, "candidates": []}


def test_resolve_human_output(rollcall):
    result = rollcall("place", "resolve", "Hotan")
    assert result.code == 0
    for code in ("653200", "653201", "653221"):
        assert code in result.out


def test_resolve_within_and_limit(rollcall):
    data = rollcall("place", "resolve", "Hotan", "--within", "653200", "--limit", "2", "--json").json()
    assert [c["code"] for c in data["candidates"]] == ["653200", "653201"]
    bad = rollcall("place", "resolve", "Hotan", "--within", "000001")
    assert bad.code == 1 and "000001" in bad.err and "Traceback" not in bad.err


def test_batch_keeps_order_and_one_line_per_query(rollcall, tmp_path):
    queries = ["疏附县", "Qaraqash", "", "新疆喀什地区疏附县托克扎克镇", "not a place at all", "Ürümqi",
               "Shūfù Xiàn"]
    batch = tmp_path / "queries.txt"
    batch.write_text("\n".join(queries) + "\n", encoding="utf-8")
    result = rollcall("place", "resolve", "--batch", str(batch), "--json")
    assert result.code == 0, result.err
    lines = result.jsonl()
    assert [line["query"] for line in lines] == queries
    assert [line["code"] for line in lines] == ["653121", "653222", None, "653121", None, "650100", "653121"]
    assert all(isinstance(line["candidates"], list) for line in lines)


def test_batch_from_stdin_with_bom_and_crlf(rollcall):
    result = rollcall("place", "resolve", "--batch", "-", "--json", input="\ufeffYengisar\r\nKashgar\r\n")
    assert result.code == 0, result.err
    assert [line["code"] for line in result.jsonl()] == ["653123", "653100"]


def test_bad_batch_file_is_one_clear_error(rollcall, tmp_path):
    missing = rollcall("place", "resolve", "--batch", str(tmp_path / "nope.txt"), "--json")
    assert missing.code == 1 and "nope.txt" in missing.err and "Traceback" not in missing.err
    gbk = tmp_path / "gbk.txt"
    gbk.write_bytes("疏附县\n".encode() + "墨玉县\n".encode("gbk"))
    result = rollcall("place", "resolve", "--batch", str(gbk), "--json")
    assert result.code == 1
    assert "gbk.txt" in result.err and "line 2" in result.err and "UTF-8" in result.err
    assert "Traceback" not in result.err
    utf16 = tmp_path / "utf16.txt"
    utf16.write_text("疏附县\n", encoding="utf-16")
    result = rollcall("place", "resolve", "--batch", str(utf16), "--json")
    assert result.code == 1 and "--encoding utf-16" in result.err and "Traceback" not in result.err


def test_text_and_batch_together_is_a_usage_error(rollcall, tmp_path):
    batch = tmp_path / "q.txt"
    batch.write_text("Hotan\n", encoding="utf-8")
    assert rollcall("place", "resolve", "Hotan", "--batch", str(batch)).code == 2
    assert rollcall("place", "resolve").code == 2


def test_show(rollcall):
    result = rollcall("place", "show", "653121", "--json")
    assert result.code == 0
    data = result.json()
    assert data["name_uly"] == "Konasheher Nahiyisi"
    assert [p["code"] for p in data["lineage"]] == ["653121", "653100", "650000"]
    human = rollcall("place", "show", "6531")
    assert human.code == 0 and "喀什地区" in human.out and "Kashgar" in human.out
    unknown = rollcall("place", "show", "123")
    assert unknown.code == 1 and "123" in unknown.err


def test_batch_in_a_named_encoding(rollcall, tmp_path):
    gbk = tmp_path / "gbk.txt"
    gbk.write_bytes("疏附县\r\n新疆和田地区墨玉县\r\n".encode("gbk"))
    result = rollcall("place", "resolve", "--batch", str(gbk), "--encoding", "gbk", "--json")
    assert result.code == 0, result.err
    assert [line["code"] for line in result.jsonl()] == ["653121", "653222"]
    utf16 = tmp_path / "utf16.txt"
    utf16.write_text("Karakax\nYengisar\n", encoding="utf-16")
    result = rollcall("place", "resolve", "--batch", str(utf16), "--encoding", "utf-16", "--json")
    assert [line["code"] for line in result.jsonl()] == ["653222", "653123"]
    unknown = rollcall("place", "resolve", "--batch", str(gbk), "--encoding", "no-such-codec", "--json")
    assert unknown.code == 1 and "no-such-codec" in unknown.err and "Traceback" not in unknown.err


def test_show_gives_re_codings(rollcall):
    old = rollcall("place", "show", "652923", "--json").json()
    assert old["successors"] == ["652902"] and old["former_codes"] == [] and old["valid_to"] == 2019
    new = rollcall("place", "show", "652902", "--json").json()
    assert new["former_codes"] == ["652923"] and new["successors"] == []
    human = rollcall("place", "show", "652923")
    assert human.code == 0 and "652902" in human.out
