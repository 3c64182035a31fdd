"""Resident ID numbers: decoding, conversion, errors and correction candidates (library and CLI).

All numbers here are generated for the tests (synthetic people); check characters are computed by an
independent implementation of ISO 7064 MOD 11-2 below, not by the code under test.
"""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rollcall.places import ids

WEIGHTS = [pow(2, 17 - i, 11) for i in range(17)]


def mod11_2(first17: str) -> str:
    """ISO 7064 MOD 11-2 check character, from the standard's definition."""
    value = (12 - sum(int(c) * w for c, w in zip(first17, WEIGHTS, strict=True)) % 11) % 11
    return "X" if value == 10 else str(value)


def make(region: str, born: str, seq: str) -> str:
    first17 = region + born + seq
    return first17 + mod11_2(first17)


SHUFU_MAN = make("653121", "19850301", "123")  # Shufu (Konasheher) county, Kashgar prefecture
MOYU_WOMAN = make("653222", "19920715", "046")  # Moyu (Karakax) county, Hotan prefecture
TODAY = date(2026, 1, 1)


def test_independent_checksum_agrees_with_published_example() -> None:
    # The example number in python-stdnum's documentation.
    assert mod11_2("36042619910101007") == "1"


def test_valid_number_is_decoded() -> None:
    r = ids.check(SHUFU_MAN, today=TODAY)
    assert r.valid and r.errors == [] and r.candidates == []
    assert r.birth_date == "1985-03-01"
    assert r.sex == "male"
    assert r.county_code == "653121"
    assert (r.region.county_zh, r.region.prefecture_zh, r.region.province_zh) == ("疏附县", "喀什地区",
                                                                                  "新疆维吾尔自治区")
    assert r.region.in_xinjiang
    latin = f"{r.region.county} {r.region.prefecture} {r.region.province}"
    assert latin.isascii() or all(ch.isalpha() or ch in " '-" for ch in latin)
    assert any(w in r.region.county for w in ("Shufu", "Konasheher", "Kona Sheher"))
    assert any(w in r.region.prefecture for w in ("Kashgar", "Kashi", "Qeshqer"))
    assert "Xinjiang" in r.region.province


def test_even_sequence_is_female_and_other_county() -> None:
    r = ids.check(MOYU_WOMAN, today=TODAY)
    assert r.valid and r.sex == "female" and r.birth_date == "1992-07-15"
    assert r.region.county_zh == "墨玉县" and r.region.prefecture_zh == "和田地区"


def test_outside_xinjiang_has_pinyin_latin() -> None:
    r = ids.check(make("110101", "19700101", "001"), today=TODAY)
    assert r.valid and r.region.county_zh == "东城区" and not r.region.in_xinjiang
    assert "Dongcheng" in r.region.county


def test_fifteen_digit_number_is_converted() -> None:
    old = "653121850301123"
    r = ids.check(old, today=TODAY)
    assert r.converted_from == old
    assert r.number == SHUFU_MAN
    assert r.valid and r.birth_date == "1985-03-01" and r.sex == "male"
    assert ids.convert_15(old) == SHUFU_MAN


def test_separators_and_lowercase_x_are_normalised_and_original_echoed() -> None:
    numbers = (make("653121", "19800101", f"{seq:03d}") for seq in range(1000))
    number = next(n for n in numbers if n.endswith("X"))
    written = f"{number[:6]} {number[6:14]}-{number[14:17]}{number[17].lower()}"
    r = ids.check(written, today=TODAY)
    assert r.input == written
    assert r.number == number and r.valid


def test_full_width_and_arabic_script_digits_are_read_as_digits() -> None:
    """Typed in a Chinese input method's full-width mode, or with a Uyghur or Persian keyboard's digits."""
    full_width = SHUFU_MAN.translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    arabic = SHUFU_MAN.translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"))
    persian = SHUFU_MAN.translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹"))
    for text in (full_width, arabic, persian, SHUFU_MAN[:-1] + full_width[-1]):
        r = ids.check(text, today=TODAY)
        assert r.valid and r.number == SHUFU_MAN and r.input == text, text
        assert r.birth_date == "1985-03-01" and r.county_code == "653121"


def test_digits_of_other_scripts_are_named_not_taken_for_digits() -> None:
    bengali = SHUFU_MAN[:10] + "০" + SHUFU_MAN[11:]  # a decimal digit NFKC leaves as it is
    r = ids.check(bengali, today=TODAY)
    assert not r.valid and [e.kind for e in r.errors] == ["format"]
    assert "'০' at position 11" in r.errors[0].message and r.birth_date is None


def test_checksum_error_is_named() -> None:
    wrong = SHUFU_MAN[:17] + ("0" if SHUFU_MAN[17] != "0" else "1")
    r = ids.check(wrong, today=TODAY)
    assert not r.valid
    assert [p.kind for p in r.errors] == ["checksum"]
    assert SHUFU_MAN in [c.number for c in r.candidates]


def test_unknown_county_is_an_error_not_a_crash() -> None:
    r = ids.check(make("659999", "19850301", "123"), today=TODAY)
    assert not r.valid
    assert [p.kind for p in r.errors] == ["unknown_region"]
    assert r.region is None


def test_region_retired_before_birth_is_an_error() -> None:
    # 652101 was Turpan city from 1984 to 2015 only (python-stdnum's table).
    assert ids.check(make("652101", "19900101", "011"), today=TODAY).valid
    r = ids.check(make("652101", "20180101", "011"), today=TODAY)
    assert [p.kind for p in r.errors] == ["region_not_in_use"]


def test_region_created_after_birth_is_a_warning() -> None:
    # 650402 (Gaochang district, Turpan) exists from 2015: someone born in 1990 and first registered
    # there later carries it for life.
    r = ids.check(make("650402", "19900101", "011"), today=TODAY)
    assert r.valid and r.errors == []
    assert [p.kind for p in r.warnings] == ["region_created_after_birth"]
    assert r.region.county_zh == "高昌区"
    assert ids.check(make("650402", "20160101", "011"), today=TODAY).warnings == []


def test_impossible_and_future_dates() -> None:
    assert [p.kind for p in ids.check(make("653121", "19850230", "123"), today=TODAY).errors] == ["birth_date"]
    assert [p.kind for p in ids.check(make("653121", "20300101", "123"), today=TODAY).errors] == [
        "future_birth_date"]


def test_length_and_format_errors() -> None:
    assert [p.kind for p in ids.check("6531211985", today=TODAY).errors] == ["length"]
    r = ids.check(SHUFU_MAN[:8] + "A" + SHUFU_MAN[9:], today=TODAY)
    assert [p.kind for p in r.errors] == ["format"]
    assert "position 9" in r.errors[0].message


def test_ocr_letter_for_digit_is_the_first_candidate() -> None:
    i = SHUFU_MAN.index("0", 6)
    scanned = SHUFU_MAN[:i] + "O" + SHUFU_MAN[i + 1:]
    r = ids.check(scanned, today=TODAY)
    assert not r.valid
    assert r.candidates[0].number == SHUFU_MAN
    assert r.candidates[0].edit == "ocr" and r.candidates[0].position == i + 1


def test_transposition_is_found_and_named() -> None:
    i = 14  # swap two sequence digits "12" -> "21"
    swapped = SHUFU_MAN[:i] + SHUFU_MAN[i + 1] + SHUFU_MAN[i] + SHUFU_MAN[i + 2:]
    r = ids.check(swapped, today=TODAY)
    assert not r.valid
    found = {c.number: c for c in r.candidates}
    assert found[SHUFU_MAN].edit == "transposition"


def test_missing_character_is_found() -> None:
    r = ids.check(SHUFU_MAN[:10] + SHUFU_MAN[11:], today=TODAY)
    assert [p.kind for p in r.errors] == ["length"]
    assert SHUFU_MAN in [c.number for c in r.candidates]
    assert all(c.edit == "omission" for c in r.candidates)


def test_candidates_are_all_valid_and_ranked_by_kind() -> None:
    wrong = SHUFU_MAN[:3] + "9" + SHUFU_MAN[4:]  # 1 -> 9 in the region code
    r = ids.check(wrong, today=TODAY)
    assert r.candidates
    for c in r.candidates:
        assert ids.check(c.number, today=TODAY).valid
    ranks = [ids.EDIT_KINDS.index(c.edit) for c in r.candidates]
    assert ranks == sorted(ranks)


valid_numbers = st.builds(
    lambda region, d, seq: make(region, d.strftime("%Y%m%d"), f"{seq:03d}"),
    st.sampled_from(["653121", "653222", "653123", "650102", "652101", "110101"]),  # all in use 1984-2015
    st.dates(min_value=date(1984, 1, 1), max_value=date(2015, 12, 31)),
    st.integers(0, 999),
)


@settings(max_examples=150, deadline=None)
@given(valid_numbers, st.integers(0, 17), st.sampled_from("0123456789X"))
def test_any_single_substitution_is_caught_and_the_original_suggested(number, pos, char) -> None:
    if char == number[pos] or (char == "X" and pos != 17):
        return
    assert ids.check(number, today=TODAY).valid
    typo = number[:pos] + char + number[pos + 1:]
    r = ids.check(typo, today=TODAY)
    assert not r.valid
    assert number in [c.number for c in r.candidates]


# --- regions without a prefecture, and Latin names outside Xinjiang -------------------------------------

@pytest.mark.parametrize("code, county", [("659001", "Shihezi"), ("659002", "Aral"), ("659003", "Tumxuk"),
                                          ("659004", "Wujiaqu")])
def test_corps_city_has_no_prefecture_but_a_note(code, county) -> None:
    # stdnum files the Corps cities under 659000 自治区直辖县级行政单位, a grouping, not a prefecture
    r = ids.check(make(code, "20050101", "011"), today=TODAY)
    assert r.valid and r.region.prefecture_zh is None and r.region.prefecture is None
    assert county in r.region.county and "Xinjiang" in r.region.province
    assert "administered directly by the autonomous region" in r.region.note
    assert "直辖" not in str(r.to_dict()) and "Zizhiqu" not in str(r.to_dict())


def test_municipality_district_has_no_prefecture_and_keeps_its_reading() -> None:
    r = ids.check(make("110105", "19900101", "123"), today=TODAY)  # 北京市朝阳区
    assert r.valid and r.region.county_zh == "朝阳区" and r.region.province_zh == "北京市"
    assert r.region.county == "Chaoyang District"  # the whole name's reading, not 朝阳 read alone (zhao)
    assert r.region.prefecture_zh is None and r.region.prefecture is None
    assert "municipality" in r.region.note and "市辖区" not in str(r.to_dict()) and "Shixia" not in str(r.to_dict())


def test_a_prefecture_of_a_province_is_still_given() -> None:
    r = ids.check(make("130102", "19900101", "123"), today=TODAY)  # 河北省石家庄市长安区
    assert r.region.prefecture_zh == "石家庄市" and r.region.prefecture == "Shijiazhuang City"
    assert r.region.note is None


def test_a_code_for_a_city_s_districts_as_a_group_says_so() -> None:
    r = ids.check(make("130101", "19900101", "123"), today=TODAY)  # 石家庄市市辖区
    assert r.region.county_zh == "市辖区" and r.region.county == "City Districts"
    assert "not for one county" in r.region.note


@pytest.mark.parametrize("name, latin", [("朝阳区", "Chaoyang District"), ("朝阳市", "Chaoyang City"),
                                         ("朝阳县", "Chaoyang County"), ("长沙市", "Changsha City"),
                                         ("重庆市", "Chongqing City"), ("疏附县", "Shufu County")])
def test_pinyin_is_read_from_the_whole_name(name, latin) -> None:
    from rollcall.places.pinyin import pinyin_name

    assert ids._pinyin_latin(name) == latin
    assert pinyin_name(name).split(" ")[0] == latin.split(" ")[0]


# --- the CLI -------------------------------------------------------------------------------------------

def test_cli_check_json(rollcall) -> None:
    res = rollcall("id", "check", SHUFU_MAN, "--json")
    assert res.code == 0, res.err
    data = res.json()
    assert data["valid"] is True and data["birth_date"] == "1985-03-01" and data["sex"] == "male"
    assert data["county_code"] == "653121" and data["region"]["county_zh"] == "疏附县"
    assert data["region"]["prefecture_zh"] == "喀什地区" and data["region"]["province"]


def test_cli_invalid_number_exits_1_with_errors_and_candidates(rollcall) -> None:
    wrong = SHUFU_MAN[:17] + ("0" if SHUFU_MAN[17] != "0" else "1")
    res = rollcall("id", "check", wrong, "--json")
    assert res.code == 1
    data = res.json()
    assert data["valid"] is False and data["errors"][0]["kind"] == "checksum"
    assert SHUFU_MAN in [c["number"] for c in data["candidates"]]
    assert "Traceback" not in res.err


def test_cli_human_output(rollcall) -> None:
    res = rollcall("id", "check", SHUFU_MAN)
    assert res.code == 0 and "valid" in res.out and "疏附县" in res.out and "1985-03-01" in res.out


def test_cli_batch_keeps_order_one_object_per_line(rollcall, tmp_path) -> None:
    moyu_wrong = MOYU_WOMAN[:17] + ("0" if MOYU_WOMAN[17] != "0" else "1")
    lines = [SHUFU_MAN, "", "653121850301123", moyu_wrong,
             "  " + MOYU_WOMAN.lower() + " "]
    path = tmp_path / "numbers.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    res = rollcall("id", "check", "--batch", str(path), "--json")
    assert res.code == 0, res.err
    out = res.jsonl()
    assert [o["line"] for o in out] == [1, 2, 3, 4, 5]
    assert [o["input"] for o in out] == lines
    assert [o["valid"] for o in out] == [True, False, True, False, True]
    assert out[1]["errors"][0]["kind"] == "empty"
    assert out[2]["number"] == SHUFU_MAN and out[2]["converted_from"] == "653121850301123"


def test_cli_batch_missing_file_is_one_clear_error(rollcall, tmp_path) -> None:
    res = rollcall("id", "check", "--batch", str(tmp_path / "nope.txt"), "--json")
    assert res.code == 1 and "nope.txt" in res.err and "Traceback" not in res.err


def test_cli_batch_not_utf8_names_the_line(rollcall, tmp_path) -> None:
    path = tmp_path / "gbk.txt"
    path.write_bytes((SHUFU_MAN + "\n").encode() + "疏附".encode("gbk") + b"\n")
    res = rollcall("id", "check", "--batch", str(path), "--json")
    assert res.code == 1 and "row 2" in res.err and "Traceback" not in res.err


@pytest.mark.parametrize("args", [("id", "check"), ("id", "check", SHUFU_MAN, "--batch", "x")])
def test_cli_number_or_batch_not_both(rollcall, args) -> None:
    assert rollcall(*args).code == 2


def test_cli_corps_city_and_municipality_district(rollcall) -> None:
    shihezi = rollcall("id", "check", make("659001", "19900101", "123"), "--json").json()["region"]
    assert (shihezi["county_zh"], shihezi["prefecture_zh"], shihezi["prefecture"]) == ("石河子市", None, None)
    assert shihezi["note"]
    chaoyang = rollcall("id", "check", make("110105", "19900101", "123"), "--json").json()["region"]
    assert (chaoyang["county"], chaoyang["prefecture_zh"], chaoyang["prefecture"]) == ("Chaoyang District", None,
                                                                                      None)
    human = rollcall("id", "check", make("659001", "19900101", "123"))
    assert human.code == 0 and "None" not in human.out and "Corps" in human.out
