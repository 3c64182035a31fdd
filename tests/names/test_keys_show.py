"""Blocking keys and show()."""

from __future__ import annotations

import itertools
import json

import pytest

from rollcall.names import keys, latin_forms, show

WRITINGS = [
    ["Ilham Tohti", "Ilham Toxti", "伊力哈木·土赫提", "ئىلھام توختى", "YILIHAMU TUHETI", "Toxti Ilham"],
    ["Rahile Dawut", "热依拉·达吾提", "راھىلە داۋۇت", "REYILA DAWUTI", "Rahila Davut"],
    ["Tursun Memet", "吐尔逊·买买提", "تۇرسۇن مەمەت", "TUERXUN MAIMAITI", "Tursn Memet", "吐爾遜•買買提"],
]


@pytest.mark.parametrize("writings", WRITINGS)
@pytest.mark.parametrize("slips", [True, False])
def test_every_writing_of_a_name_shares_a_key(writings: list[str], slips: bool) -> None:
    # linkage blocks without the keys for slips: every writing of one name must still meet
    for a, b in itertools.combinations(writings, 2):
        assert keys(a, slips=slips) & keys(b, slips=slips), (a, b)


def test_a_slip_in_one_consonant_shares_only_a_slip_key() -> None:
    assert keys("Tursum Memet") & keys("Tursun Memet")
    assert not keys("Tursum Memet", slips=False) & keys("Tursun Memet", slips=False)
    assert keys("Tursun Memet", slips=False) < keys("Tursun Memet")


def test_unrelated_names_share_no_key() -> None:
    for x, y in itertools.combinations(WRITINGS, 2):
        for a, b in itertools.product(x, y):
            assert not keys(a) & keys(b), (a, b)


def test_a_given_name_alone_finds_its_full_name_only_with_partial_keys() -> None:
    assert not keys("Tursun") & keys("Tursun Memet")
    assert keys("Tursun") & keys("吐尔逊·买买提", partial=True)


def test_keys_are_few_and_empty_for_no_name() -> None:
    assert 0 < len(keys("Tursun Memet")) <= 20
    assert keys("") == frozenset() and keys("😀 123") == frozenset()


def test_show_reads_every_part() -> None:
    view = show("伊力哈木·土赫提")
    assert view.script == "han"
    assert view.latin == "Ilham Toxti"
    assert view.pinyin == "Yilihamu Tuheti"
    assert [(p.text, p.role, p.latin) for p in view.parts] == [("伊力哈木", "given", "Ilham"),
                                                               ("土赫提", "father", "Toxti")]
    assert ("Ilham", "hanzi-table") in view.parts[0].forms
    assert set(view.keys) == keys("伊力哈木·土赫提")


def test_show_to_dict_is_json() -> None:
    data = show("ئىلھام توختى").to_dict()
    assert json.loads(json.dumps(data, ensure_ascii=False)) == data
    assert data["latin"] == "Ilham Toxti" and data["script"] == "arabic"


def test_show_marks_a_patronymic_as_the_fathers_name() -> None:
    view = show("Nurlan Serikuly")
    assert [(p.role, p.patronymic) for p in view.parts] == [("given", ""), ("father", "uly")]


def test_latin_forms() -> None:
    assert latin_forms("TUERXUN MAIMAITI")[0][:2] == ["TUERXUN", "Tursun"]
