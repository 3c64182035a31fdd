"""The pieces ingest runs on every row, called directly: the name decoder and the record checks (which
place fields an ID number is compared with, and the age on the record's date). Fictional people."""

from __future__ import annotations

import json

import pytest

from rollcall.records.checks import id_consistency
from rollcall.records.normalise import DECODERS, cell_normaliser, decode_name, normalise_cell

WEIGHTS = [pow(2, 17 - i, 11) for i in range(17)]


def make_id(region: str, born: str, seq: str) -> str:
    first17 = region + born + seq
    value = (12 - sum(int(c) * w for c, w in zip(first17, WEIGHTS, strict=True)) % 11) % 11
    return first17 + ("X" if value == 10 else str(value))


SHUFU_MAN = make_id("653121", "19850301", "123")


# --- names -------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, latin, script", [
    ("ئىلھام توختى", "Ilham Toxti", "arabic"), ("艾力·买买提", "Eli Memet", "han"),
    ("Ilham Tohti", "Ilham Tohti", "latin"), ("吐爾遜·買買提", "Tursun Memet", "han"),
])
def test_a_name_gets_its_latin_reading_script_and_keys(text, latin, script) -> None:
    value, detail = decode_name(text)
    assert value == latin and detail["script"] == script and detail["latin"] == latin
    assert detail["keys"] and detail["keys"] == sorted(detail["keys"])


def test_latin_and_arabic_writings_of_one_name_share_a_key() -> None:
    assert set(decode_name("ئىلھام توختى")[1]["keys"]) & set(decode_name("Ilham Tohti")[1]["keys"])


def test_chinese_names_carry_pinyin_and_every_reading() -> None:
    _, detail = decode_name("艾力·买买提")
    assert detail["pinyin"] == "Aili Maimaiti"
    assert detail["forms"] == [["Eli"], ["Memet", "Mehmet", "Muhemmet"]]
    assert "pinyin" not in decode_name("Ilham Tohti")[1] and "forms" not in decode_name("Ilham Tohti")[1]


@pytest.mark.parametrize("text", ["", "   ", "123", "—"])
def test_no_letters_no_value(text) -> None:
    assert decode_name(text) == (None, None)


def test_name_fields_are_decoded_but_not_a_testifier_s_name() -> None:
    for field in ("name", "other_names", "father_name", "mother_name"):
        assert DECODERS[field] is decode_name
        assert normalise_cell(field, "Tursun Memet")[0] == "Tursun Memet"
    assert "testifier_name" not in DECODERS and normalise_cell("testifier_name", "Tursun Memet") == (None, None)


def test_the_cell_normaliser_gives_json_detail_and_caches_repeated_names() -> None:
    run = cell_normaliser("name")
    value, detail = run("吐尔逊·买买提")
    assert value == "Tursun Memet" and json.loads(detail)["script"] == "han"
    assert run("吐尔逊·买买提") is not None and run.cache_info().hits >= 1


# --- record checks -------------------------------------------------------------------------------------------

def kinds(values: dict) -> list[str]:
    return [f["kind"] for f in id_consistency(values)]


def test_birth_place_is_compared() -> None:
    assert kinds({"id_number": [(SHUFU_MAN, None)], "birth_place": [("墨玉县", "653222")]}) == ["place_mismatch"]
    assert kinds({"id_number": [(SHUFU_MAN, None)], "birth_place": [("疏附县", "653121")]}) == []


def test_born_or_registered_there_is_enough() -> None:
    values = {"id_number": [(SHUFU_MAN, None)], "birth_place": [("疏附县", "653121")],
              "household_address": [("墨玉县", "653222")]}
    assert kinds(values) == []


def test_current_address_is_never_compared() -> None:
    values = {"id_number": [(SHUFU_MAN, None)], "current_address": [("墨玉县", "653222")]}
    assert kinds(values) == []
    values["household_address"] = [("疏附县", "653121")]
    assert kinds(values) == []


def test_a_generic_place_column_stands_in_only_without_home_places() -> None:
    assert kinds({"id_number": [(SHUFU_MAN, None)], "place": [("墨玉县", "653222")]}) == ["place_mismatch"]
    values = {"id_number": [(SHUFU_MAN, None)], "place": [("墨玉县", "653222")],
              "household_address": [("疏附县", "653121")]}
    assert kinds(values) == []


def test_age_is_compared_on_the_record_date() -> None:
    base = {"id_number": [(SHUFU_MAN, None)], "age": [("40岁", "40")]}
    assert kinds(base) == []  # no record date: no age to compare with
    assert kinds({**base, "recorded_at": [("2017-06-01", "2017-06-01")]}) == ["age_mismatch"]
    # born 1985-03-01: a record dated only by its year allows both ages of that year
    assert kinds({**base, "recorded_at": [("2024年", "2024")]}) == ["age_mismatch"]  # 38, then 39
    assert kinds({**base, "recorded_at": [("2025年", "2025")]}) == []  # 39, then 40
    assert kinds({**base, "recorded_at": [("2025年2月", "2025-02")]}) == ["age_mismatch"]  # 39 all month
    assert kinds({**base, "age": [("40多岁", "41-49")], "recorded_at": [("2026", "2026")]}) == []  # 40, 41
