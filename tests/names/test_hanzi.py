"""Chinese transcriptions read back into Uyghur Latin, and passport pinyin recognised."""

from __future__ import annotations

import pytest

from rollcall.names import parse, show, table
from rollcall.names.hanzi import readings, split_run
from rollcall.names.pinyin import of_hanzi
from rollcall.names.pinyin import readings as pinyin_readings


def _latins(part: str) -> list[str]:
    return [r.latin for r in readings(part)]


@pytest.mark.parametrize(("hanzi", "latin"), [
    ("伊力哈木", "Ilham"), ("土赫提", "Toxti"), ("热依拉", "Rahile"), ("达吾提", "Dawut"),
    ("吐尔逊", "Tursun"), ("买买提", "Memet"), ("艾合买提", "Ehmet"), ("吾尔开希", "Örkesh"),
])
def test_table_transcriptions(hanzi: str, latin: str) -> None:
    found = readings(hanzi)
    assert latin in [r.latin for r in found]
    assert all(r.method == "hanzi-table" for r in found if r.latin == latin)


@pytest.mark.parametrize("variant", ["阿不都热依木", "阿卜杜热依木", "阿布都热依木"])
def test_character_variants_of_abdu_read_alike(variant: str) -> None:
    assert "Abdurehim" in _latins(variant)


def test_traditional_characters_read_like_simplified() -> None:
    assert show("熱依拉·達吾提").latin == "Rahile Dawut"


def test_ambiguous_transcription_keeps_every_reading() -> None:
    assert {"Memet", "Mehmet", "Muhemmet"} <= set(_latins("买买提"))


@pytest.mark.parametrize("sep", ["·", "•", "・", "‧", ".", " ", "．", "-"])
def test_every_separator_splits_parts(sep: str) -> None:
    assert [p.latin for p in parse(f"伊力哈木{sep}土赫提").parts] == ["Ilham", "Toxti"]


def test_parts_written_without_separator_are_split_by_the_table() -> None:
    assert split_run("热依拉达吾提") == ("热依拉", "达吾提")
    assert [p.latin for p in parse("伊力哈木土赫提").parts] == ["Ilham", "Toxti"]


def test_a_run_the_table_knows_as_one_compound_name_stays_one_part() -> None:
    # Tursunmemet is a given name of its own; compare() still matches it with "Tursun Memet" (see test_compare)
    assert split_run("吐尔逊买买提") == ("吐尔逊买买提",)


def test_a_suffix_stays_with_its_name() -> None:
    assert split_run("吐尔逊江") == ("吐尔逊江",)


def test_characters_outside_the_table_are_read_syllable_by_syllable() -> None:
    # a made-up part, not a name in the table: every character is a transcription syllable
    part = "库尔吐"
    assert part not in table.by_hanzi()
    found = readings(part)
    assert found and all(r.method == "hanzi-syllables" for r in found)
    assert all(r.latin.isalpha() for r in found)


def test_unknown_characters_give_no_reading() -> None:
    assert readings("的了") == () or all(r.method == "hanzi-syllables" for r in readings("的了"))


@pytest.mark.parametrize(("hanzi", "py"), [("吐尔逊", "tuerxun"), ("买买提", "maimaiti"), ("艾合买提", "aihemaiti"),
                                           ("吾尔开希", "wuerkaixi"), ("阿卜杜", "abudu"), ("阿不都", "abudu")])
def test_pinyin_of_transcriptions(hanzi: str, py: str) -> None:
    assert of_hanzi(hanzi) == py


@pytest.mark.parametrize(("py", "latin"), [("tuerxun", "Tursun"), ("maimaiti", "Memet"), ("aihemaiti", "Ehmet"),
                                           ("wuerkaixi", "Örkesh"), ("yilihamu", "Ilham"), ("tuheti", "Toxti")])
def test_passport_pinyin_is_recognised(py: str, latin: str) -> None:
    found = pinyin_readings(py)
    assert latin in [r.latin for r in found]


def test_pinyin_with_apostrophes_and_capitals() -> None:
    assert [p.forms[1].latin for p in parse("WU'ERKAIXI").parts] == ["Örkesh"]


def test_ordinary_latin_is_not_taken_for_pinyin() -> None:
    assert pinyin_readings("tursun") == ()
    assert pinyin_readings("memet") == ()


def test_every_table_transcription_reads_back_to_its_latin() -> None:
    misses = [(e.hanzi, e.latin) for e in table.name_parts()
              if e.latin.lower() not in [x.lower() for x in _latins(e.hanzi)]]
    assert misses == []


def test_every_table_transcription_pinyin_reads_back_to_its_latin() -> None:
    misses = [(e.hanzi, e.latin) for e in table.name_parts()
              if e.kind == "name" and e.latin not in [r.latin for r in pinyin_readings(of_hanzi(e.hanzi))]]
    assert misses == []
