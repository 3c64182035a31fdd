"""compare(): one name across scripts, order, partial names, and what is not the same name."""

from __future__ import annotations

import itertools
import json

import pytest

from rollcall.names import THRESHOLD, compare

ILHAM_TOHTI = ["Ilham Tohti", "Ilham Toxti", "伊力哈木·土赫提", "ئىلھام توختى", "YILIHAMU TUHETI"]
RAHILE_DAWUT = ["Rahile Dawut", "热依拉·达吾提", "راھىلە داۋۇت", "REYILA DAWUTI"]
TURSUN_MEMET = ["Tursun Memet", "吐尔逊·买买提", "تۇرسۇن مەمەت", "TUERXUN MAIMAITI", "Tursun Mamat",
                "吐爾遜•買買提"]


@pytest.mark.parametrize("writings", [ILHAM_TOHTI, RAHILE_DAWUT, TURSUN_MEMET])
def test_every_writing_of_a_name_is_the_same_name(writings: list[str]) -> None:
    for a, b in itertools.combinations(writings, 2):
        result = compare(a, b)
        assert result.same, (a, b, result.score)
        assert result.score >= THRESHOLD


def test_different_people_are_not_the_same_name() -> None:
    for a, b in itertools.product(ILHAM_TOHTI, RAHILE_DAWUT + TURSUN_MEMET):
        assert not compare(a, b).same, (a, b)


def test_same_given_name_with_another_father_is_not_the_same_name() -> None:
    for a, b in [("Tursun Memet", "Tursun Ehmet"), ("吐尔逊·买买提", "Tursun Ehmet"),
                 ("Tursun Memet", "تۇرسۇن ئەخمەت")]:
        result = compare(a, b)
        assert not result.same, (a, b, result.score)


def test_order_does_not_matter() -> None:
    assert compare("Memet Tursun", "Tursun Memet").score == 1.0
    assert compare("买买提·吐尔逊", "Tursun Memet").same


def test_a_given_name_alone_matches_its_full_name_with_a_lower_score() -> None:
    full = compare("Tursun Memet", "吐尔逊·买买提")
    partial = compare("Tursun", "吐尔逊·买买提")
    assert partial.partial and not full.partial
    assert 0 < partial.score < full.score
    assert not partial.same
    assert compare("Tursun", "Rahile Dawut").score < partial.score


def test_explanation_says_which_parts_matched_through_which_conversion() -> None:
    result = compare("Ilham Tohti", "伊力哈木·土赫提")
    assert [(m.a, m.b, m.b_latin, m.b_via) for m in result.explanation] == [
        ("Ilham", "伊力哈木", "Ilham", "hanzi-table"), ("Tohti", "土赫提", "Toxti", "hanzi-table")]
    assert {m.b_via for m in compare("Ilham Tohti", "ئىلھام توختى").explanation} == {"arabic→uly"}
    assert {m.b_via for m in compare("Tursun Memet", "TUERXUN MAIMAITI").explanation} == {"pinyin"}


def test_to_dict_is_json() -> None:
    data = compare("Rahile Dawut", "热依拉·达吾提").to_dict()
    assert json.loads(json.dumps(data, ensure_ascii=False)) == data
    assert set(data) >= {"score", "same", "threshold", "explanation", "partial"}


def test_a_compound_written_as_one_part_or_two() -> None:
    assert compare("吐尔逊买买提", "Tursun Memet").same
    assert compare("Abdu Rehim Tursun", "Abdurehim Tursun").same


def test_a_grandfathers_name_on_one_side_lowers_but_does_not_break_the_match() -> None:
    two = compare("Ilham Tohti", "伊力哈木·土赫提")
    three = compare("Ilham Tohti Ehmet", "伊力哈木·土赫提")
    assert three.same and three.score < two.score
    assert three.unmatched_a == ("Ehmet",)


def test_kazakh_patronymic_ending() -> None:
    assert compare("Nurlan Serikuly", "Nurlan Serik").same
    assert compare("Nurlan Serik uly", "Serik Nurlan").same


def test_nothing_to_compare_scores_zero() -> None:
    for a, b in [("", "Tursun"), ("😀", "Tursun"), ("123", "456"), ("", "")]:
        result = compare(a, b)
        assert result.score == 0.0 and not result.same


def test_shared_name_elements_do_not_dilute_a_difference() -> None:
    from rollcall.names.compare import form_score

    # without table knowledge (both_known=False), a shared Abdu- or -jan is left out of the length
    unknown = (False, False)
    assert form_score("abdukasim", "abdukarim", unknown) == form_score("kasim", "karim", unknown) < 0.8
    assert form_score("kasimjan", "karimjan", unknown) == form_score("kasim", "karim", unknown)
    assert form_score("tursun", "tursn", unknown) == 0.8


def test_different_table_names_differ_however_close_their_letters() -> None:
    assert not compare("Tursun Memet", "Tursun Mamut").same
    assert compare("Tursun Tahir", "Tursun Tayir").same  # one name, two spellings: both 塔依尔


def test_cyrillic_writings() -> None:
    assert compare("Нурлан Серикулы", "Nurlan Serikuly").same
    assert compare("Турсун Мемет", "Tursun Memet").same
    assert compare("Нурлан Серикұлы", "Nurlan Serik").same  # Kazakh patronymic in Cyrillic
    assert compare("Нурлан Турсунов", "Nurlan Tursun").same


def test_one_slip_from_exactly_one_table_name_reads_as_that_name() -> None:
    assert compare("Mijti Tursun", "米吉提·吐尔逊").same  # Mijit with two letters swapped
    assert compare("Tursun Mijti", "Tursun Mijit").explanation[1].score >= 0.9
