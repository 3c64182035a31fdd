"""`rollcall names show|compare`, run as a user would."""

from __future__ import annotations

from pathlib import Path


def test_show_json(rollcall) -> None:
    result = rollcall("names", "show", "伊力哈木·土赫提", "--json")
    assert result.code == 0, result.err
    data = result.json()
    assert data["latin"] == "Ilham Toxti" and data["script"] == "han" and data["pinyin"] == "Yilihamu Tuheti"
    assert [p["latin"] for p in data["parts"]] == ["Ilham", "Toxti"]
    assert data["keys"]


def test_show_human(rollcall) -> None:
    result = rollcall("names", "show", "ئىلھام توختى")
    assert result.code == 0, result.err
    assert "Ilham Toxti" in result.out and "arabic" in result.out


def test_compare_json(rollcall) -> None:
    result = rollcall("names", "compare", "Rahile Dawut", "热依拉·达吾提", "--json")
    assert result.code == 0, result.err
    data = result.json()
    assert data["same"] is True and data["score"] == 1.0
    assert [m["b_via"] for m in data["explanation"]] == ["hanzi-table", "hanzi-table"]


def test_compare_human(rollcall) -> None:
    result = rollcall("names", "compare", "Tursun Memet", "Tursun Ehmet")
    assert result.code == 0, result.err
    assert "different" in result.out


def test_compare_pairs_file_one_line_per_pair_in_order(rollcall, tmp_path: Path) -> None:
    pairs = tmp_path / "pairs.csv"
    rows = [("Tursun Memet", "吐尔逊·买买提"), ("Ilham Tohti", "Rahile Dawut"), ("Tursun", "Tursun Memet"),
            ("", "Tursun"), ("Memet Tursun", "TUERXUN MAIMAITI")]
    pairs.write_text("id,a,b\n" + "".join(f'{i},"{a}","{b}"\n' for i, (a, b) in enumerate(rows)), encoding="utf-8")
    result = rollcall("names", "compare", "--pairs", str(pairs), "--json")
    assert result.code == 0, result.err
    lines = result.jsonl()
    assert [(x["a"], x["b"]) for x in lines] == rows
    assert [x["same"] for x in lines] == [True, False, False, False, True]
    assert all(isinstance(x["score"], float) and 0 <= x["score"] <= 1 for x in lines)
    assert [x["row"] for x in lines] == [2, 3, 4, 5, 6]


def test_compare_pairs_with_explanations(rollcall, tmp_path: Path) -> None:
    pairs = tmp_path / "pairs.csv"
    pairs.write_text("a,b\nIlham Tohti,ئىلھام توختى\n", encoding="utf-8")
    result = rollcall("names", "compare", "--pairs", str(pairs), "--json", "--explain")
    assert result.code == 0, result.err
    assert result.jsonl()[0]["explanation"][0]["b_via"] == "arabic→uly"


def test_compare_pairs_missing_column_names_the_file_and_column(rollcall, tmp_path: Path) -> None:
    pairs = tmp_path / "bad.csv"
    pairs.write_text("first,second\nx,y\n", encoding="utf-8")
    result = rollcall("names", "compare", "--pairs", str(pairs), "--json")
    assert result.code == 1
    assert "bad.csv" in result.err and "a, b" in result.err and "Traceback" not in result.err


def test_compare_pairs_short_row_names_the_row(rollcall, tmp_path: Path) -> None:
    pairs = tmp_path / "short.csv"
    pairs.write_text("a,b\nTursun,Memet\nonly-one\n", encoding="utf-8")
    result = rollcall("names", "compare", "--pairs", str(pairs), "--json")
    assert result.code == 1
    assert "row 3" in result.err and "Traceback" not in result.err


def test_compare_pairs_wrong_encoding_is_a_clear_error(rollcall, tmp_path: Path) -> None:
    pairs = tmp_path / "gbk.csv"
    pairs.write_bytes("a,b\n吐尔逊,Tursun\n".encode("gbk"))
    result = rollcall("names", "compare", "--pairs", str(pairs), "--json")
    assert result.code == 1 and "--encoding" in result.err and "Traceback" not in result.err
    ok = rollcall("names", "compare", "--pairs", str(pairs), "--json", "--encoding", "gbk")
    assert ok.code == 0 and ok.jsonl()[0]["same"] is True


def test_compare_pairs_missing_file(rollcall, tmp_path: Path) -> None:
    result = rollcall("names", "compare", "--pairs", str(tmp_path / "nope.csv"))
    assert result.code == 1 and "nope.csv" in result.err and "Traceback" not in result.err


def test_compare_usage_errors(rollcall, tmp_path: Path) -> None:
    assert rollcall("names", "compare", "Tursun").code == 2
    pairs = tmp_path / "p.csv"
    pairs.write_text("a,b\n", encoding="utf-8")
    assert rollcall("names", "compare", "A", "B", "--pairs", str(pairs)).code == 2
