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
