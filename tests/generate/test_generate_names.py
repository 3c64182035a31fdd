"""Names as the generator writes them: Uyghur script, passport pinyin, and relatives' English spellings."""

from __future__ import annotations

import random

from rollcall.generate.script import passport_pinyin, uly_to_arabic
from rollcall.generate.spelling import english_spelling


def test_uyghur_script_and_passport_pinyin_of_public_examples() -> None:
    assert uly_to_arabic("Ilham Toxti") == "ئىلھام توختى"
    assert passport_pinyin("吐尔逊") == "TUERXUN"
    assert passport_pinyin("买买提") == "MAIMAITI"
    assert passport_pinyin("艾合买提") == "AIHEMAITI"
    assert passport_pinyin("吾尔开希") == "WUERKAIXI"  # no apostrophe on passports
    assert passport_pinyin("阿卜杜") == "ABUDU"  # 卜 is "bu" in transcriptions, not pypinyin's "bo"


def _spellings(uly: str, n: int = 400, **kw) -> set[str]:
    rng = random.Random(3)
    return {english_spelling(uly, rng, **kw) for _ in range(n)}


def test_english_spellings_vary_as_relatives_write_them() -> None:
    assert {"Tohti", "Tokhti", "Toxti"} <= _spellings("Toxti")
    assert {"Abduweli", "Abduwali", "Abduveli"} <= _spellings("Abduweli")
    assert {"Qasim", "Kasim"} <= _spellings("Qasim")
    assert {"Turghun", "Turgun"} <= _spellings("Turghun")
    assert any(s.endswith("jan") for s in _spellings("Tursun", given=True))
    assert not any(s.endswith("jan") for s in _spellings("Tursun"))


def test_english_spelling_is_reproducible_from_the_rng() -> None:
    first = [english_spelling("Abdukérim", random.Random(8)) for _ in range(3)]
    assert len(set(first)) == 1
    assert all(s[0].isupper() and " " not in s for s in _spellings("Abdukérim"))
