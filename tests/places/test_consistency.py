"""An ID number checked against a record's stated birth date, sex, place and age (synthetic people)."""

from __future__ import annotations

from datetime import date

from rollcall.places.consistency import KINDS, check_record

WEIGHTS = [pow(2, 17 - i, 11) for i in range(17)]


def make(region: str, born: str, seq: str) -> str:
    first17 = region + born + seq
    value = (12 - sum(int(c) * w for c, w in zip(first17, WEIGHTS, strict=True)) % 11) % 11
    return first17 + ("X" if value == 10 else str(value))


MAN = make("653121", "19850301", "123")  # Shufu county, Kashgar prefecture, born 1 March 1985


def kinds(found) -> list[str]:
    return [d.kind for d in found]


def test_agreeing_record_has_no_discrepancy() -> None:
    assert check_record(MAN, birth_date="1985-03-01", sex="male", place_code="653121", age="32",
                        on="2017-06-01") == []


def test_place_at_any_level_containing_the_region_agrees() -> None:
    for code in ("650000", "653100", "653121", "653121100"):
        assert check_record(MAN, place_code=code) == [], code


def test_birth_date_mismatch_is_named_with_both_values() -> None:
    (d,) = check_record(MAN, birth_date="1986-03-01")
    assert d.kind == "birth_date_mismatch" and d.stated == "1986-03-01" and d.from_id == "1985-03-01"


def test_day_and_month_swapped_is_said() -> None:
    (d,) = check_record(MAN, birth_date="1985-01-03")
    assert d.kind == "birth_date_mismatch" and "swapped" in d.message


def test_birth_date_compared_at_stated_precision() -> None:
    assert check_record(MAN, birth_date="1985") == []
    assert check_record(MAN, birth_date="1985-03") == []
    assert kinds(check_record(MAN, birth_date="1984")) == ["birth_date_mismatch"]
    assert check_record(MAN, birth_date=date(1985, 3, 1)) == []


def test_sex_mismatch() -> None:
    (d,) = check_record(MAN, sex="female")
    assert d.kind == "sex_mismatch" and d.from_id == "male"
    assert kinds(check_record(MAN, sex="女")) == ["sex_mismatch"]
    assert check_record(MAN, sex="男") == []


def test_place_mismatch() -> None:
    (d,) = check_record(MAN, place_code="653222")  # Moyu (Karakax) county, Hotan
    assert d.kind == "place_mismatch" and d.from_id == "653121"
    assert kinds(check_record(MAN, place_code="653200")) == ["place_mismatch"]
    assert kinds(check_record(MAN, place_code="110000")) == ["place_mismatch"]


def test_age_on_the_record_date() -> None:
    assert check_record(MAN, age="32", on="2017-06-01") == []
    assert check_record(MAN, age="31", on="2017-02-28") == []  # birthday not yet reached
    assert kinds(check_record(MAN, age="40", on="2017-06-01")) == ["age_mismatch"]
    assert check_record(MAN, age="30-39", on="2017-06-01") == []
    assert kinds(check_record(MAN, age="40-49", on="2017-06-01")) == ["age_mismatch"]
    assert check_record(MAN, age="40") == []  # no record date: nothing to compare against


def test_invalid_id_is_flagged_and_readable_parts_still_compared() -> None:
    wrong = MAN[:17] + ("0" if MAN[17] != "0" else "1")
    assert kinds(check_record(wrong, sex="male")) == ["invalid_id"]
    assert kinds(check_record(wrong, sex="female")) == ["invalid_id", "sex_mismatch"]
    assert kinds(check_record("12345", birth_date="1985-03-01", sex="male")) == ["invalid_id"]


def test_unreadable_stated_values_are_not_flags() -> None:
    assert check_record(MAN, birth_date="spring 1985", sex="unknown", place_code="Kashgar", age="old") == []


def test_fifteen_digit_number_is_compared_after_conversion() -> None:
    assert check_record("653121850301123", birth_date="1985-03-01", sex="male", place_code="653121") == []


def test_kinds_are_the_documented_ones() -> None:
    wrong = MAN[:17] + ("0" if MAN[17] != "0" else "1")
    found = check_record(wrong, birth_date="1990", sex="female", place_code="653222", age="10", on="2017-01-01")
    assert kinds(found) == list(KINDS)


# --- units that changed code ----------------------------------------------------------------------------

def test_a_number_issued_before_a_re_coding_agrees_with_the_new_code() -> None:
    kuqa_county = make("652923", "19900101", "123")  # 库车县, which became 库车市 652902 in 2019
    assert check_record(kuqa_county, place_code="652902") == []
    assert check_record(kuqa_county, place_code="652900") == []  # Aksu prefecture
    # and an address written with the old name agrees with a number issued under the new code
    assert check_record(make("652902", "20200101", "123"), place_code="652923") == []


def test_re_codings_are_followed_through_several_steps_and_across_prefecture_codes() -> None:
    # 伊宁县: 652421 until 1984, 654121 (伊犁地区) until 2001, 654021 since
    yining = make("652421", "19800101", "123")
    assert check_record(yining, place_code="654021") == []
    assert check_record(yining, place_code="654000") == []  # 伊犁哈萨克自治州
    # Turpan: 652101 吐鲁番市 (county-level, to 2015) is 高昌区 650402 of the new 吐鲁番市 650400
    turpan = make("652101", "19900101", "123")
    assert check_record(turpan, place_code="650402") == []
    assert check_record(turpan, place_code="650400") == []
    hami = make("652201", "19900101", "123")  # 哈密市 (county-level) → 伊州区 650502 in 2016
    assert check_record(hami, place_code="650502") == []
    assert check_record(make("650108", "19900101", "123"), place_code="650109") == []  # 东山区 → 米东区
    assert check_record(make("659001", "19900101", "123"), place_code="650300") == []  # 石河子


def test_a_re_coded_unit_still_differs_from_its_neighbours() -> None:
    assert kinds(check_record(make("652923", "19900101", "123"), place_code="652901")) == ["place_mismatch"]
    assert kinds(check_record(make("652201", "19900101", "123"), place_code="650521")) == ["place_mismatch"]


def test_outside_xinjiang_a_county_re_coded_under_its_name_is_the_same_unit() -> None:
    # 昌平县 (Beijing): 110201 until 1982, then 110221; the gazetteer knows no re-codings outside Xinjiang
    assert check_record(make("110201", "19700101", "123"), place_code="110221") == []


def test_same_name_in_another_province_is_another_place() -> None:
    chaoyang_beijing = make("110105", "19900101", "123")
    assert kinds(check_record(chaoyang_beijing, place_code="220104")) == ["place_mismatch"]  # 长春市朝阳区


# --- several places ---------------------------------------------------------------------------------------

def test_any_home_place_containing_the_region_agrees() -> None:
    assert check_record(MAN, places={"birth_place": "653222", "household_address": "653121"}) == []
    assert check_record(MAN, places={"birth_place": "653100", "household_address": "653222"}) == []


def test_one_place_mismatch_names_every_place_compared() -> None:
    (d,) = check_record(MAN, places={"birth_place": "653222", "household_address": "653201"})
    assert d.kind == "place_mismatch" and d.field == "birth_place, household_address"
    assert d.stated == "653222, 653201" and d.from_id == "653121"
    assert "birth_place 653222" in d.message and "household_address 653201" in d.message


# --- ages on loosely dated records ------------------------------------------------------------------------

def test_age_on_a_record_dated_by_year_or_month() -> None:
    # born 1985-03-01: in 2017 aged 31 (January, February) then 32
    assert check_record(MAN, age="31", on="2017") == []
    assert check_record(MAN, age="32", on="2017") == []
    (d,) = check_record(MAN, age="34", on="2017")
    assert d.kind == "age_mismatch" and d.from_id == "31-32"
    assert check_record(MAN, age="31", on="2017-02") == []
    assert kinds(check_record(MAN, age="32", on="2017-02")) == ["age_mismatch"]
    assert check_record(MAN, age="40", on="sometime") == []  # an unreadable date compares nothing
