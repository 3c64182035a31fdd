"""Uyghur Arabic script (and Cyrillic) to ULY Latin, and back."""

from __future__ import annotations

import pytest
from umsc import UgMultiScriptConverter

from rollcall.names.uyghur import arabic_to_latin, cyrillic_to_latin, latin_to_arabic


@pytest.mark.parametrize(("arabic", "uly"), [
    ("ئىلھام توختى", "ilham toxti"),
    ("راھىلە داۋۇت", "rahile dawut"),
    ("تۇرسۇن مەمەت", "tursun memet"),
    ("ئابدۇرېھىم", "abduréhim"),
    ("ئۆركەش", "örkesh"),
    ("غۇلجا", "ghulja"),
    ("مەسئۇل", "mes'ul"),
])
def test_arabic_to_uly(arabic: str, uly: str) -> None:
    assert arabic_to_latin(arabic) == uly


@pytest.mark.parametrize("arabic", ["ئىلھام توختى", "راھىلە داۋۇت", "تۇرسۇن مەمەت", "ئابدۇۋەلى ئايۇپ",
                                    "گۈلنار ئەخمەت", "نۇرمۇھەممەت ھېيت", "دىلنۇر قاسىم", "سەنۇبەر ياقۇپ"])
def test_agrees_with_umsc_on_standard_uyghur(arabic: str) -> None:
    assert arabic_to_latin(arabic) == UgMultiScriptConverter("UAS", "ULS")(arabic)


def test_separate_n_and_g_are_kept_apart_from_ng() -> None:
    assert arabic_to_latin("ڭ") == "ng"
    assert arabic_to_latin("نگ") == "n'g"


def test_arabic_keyboard_look_alikes_and_presentation_forms_read_like_uyghur_letters() -> None:
    # Arabic yeh/kaf typed for Uyghur ي/ك, and the isolated presentation form of ت
    assert arabic_to_latin("يۈسۈپ") == "yüsüp"
    assert arabic_to_latin("كامىل") == arabic_to_latin("کامىل") == "kamil"
    assert arabic_to_latin("\ufe95") == "t"


def test_kazakh_hamza_vowels_are_read() -> None:
    assert arabic_to_latin("ٴالىم") == "alim"
    assert arabic_to_latin("ٵلي") == "ely"


def test_cyrillic() -> None:
    assert cyrillic_to_latin("Нурлан") == "nurlan"
    assert cyrillic_to_latin("Әлихан") == "elixan"
    assert cyrillic_to_latin("Қасым") == "qasim"


@pytest.mark.parametrize("uly", ["ilham toxti", "rahile dawut", "tursun memet", "örkesh", "ghulja"])
def test_latin_to_arabic_round_trips(uly: str) -> None:
    assert arabic_to_latin(latin_to_arabic(uly)) == uly
