"""Integrity of the curated name-part tables read by `rollcall.names` (name_parts.csv, syllables.csv).

The tables are data edited by hand; these tests catch the mistakes hand edits make (a stray column, a
pinyin letter in the hanzi column, a character the syllable fallback does not know) and pin a few
transcriptions that are certain, so a wrong edit to them is noticed.
"""

from __future__ import annotations

import csv
import re
from collections import Counter
from functools import cache
from pathlib import Path

import pytest
from hanziconv import HanziConv

DATA = Path(__file__).resolve().parents[2] / "src" / "rollcall" / "names" / "data"
NAME_PARTS = DATA / "name_parts.csv"
SYLLABLES = DATA / "syllables.csv"

NAME_PARTS_HEADER = ["latin", "hanzi", "kind", "origin", "sex", "note"]
SYLLABLES_HEADER = ["hanzi", "latin", "position", "note"]
KINDS = {"name", "prefix", "suffix"}
ORIGINS = {"uyghur", "kazakh", "kyrgyz", "shared"}
SEXES = {"m", "f", "u"}
POSITIONS = {"initial", "medial", "final", "any"}

# One or more CJK unified ideographs (basic block and extension A), nothing else: no dots, spaces, Latin.
HANZI = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]+")
# ULY (Uyghur Latin Yeziqi) letters in lower case. "c" exists only inside the digraph "ch".
ULY_WORD = re.compile(r"(?:ch|[abdefghijklmnopqrstuvwxyzéöü])+")


def read(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    """The header and the rows of one table, read as the code reads it: UTF-8, comma-separated."""
    raw = path.read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf"), f"{path.name} must not start with a byte-order mark"
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.reader(fh)
        header = next(reader)
        rows = []
        for number, values in enumerate(reader, start=2):
            assert len(values) == len(header), f"{path.name} line {number}: {len(values)} fields: {values}"
            rows.append(dict(zip(header, values, strict=True)))
    return header, rows


@pytest.fixture(scope="module")
def parts() -> list[dict[str, str]]:
    header, rows = read(NAME_PARTS)
    assert header == NAME_PARTS_HEADER
    return rows


@pytest.fixture(scope="module")
def syllables() -> list[dict[str, str]]:
    header, rows = read(SYLLABLES)
    assert header == SYLLABLES_HEADER
    return rows


def is_uly(text: str) -> bool:
    """Whether a word is spelled only with ULY letters (any case)."""
    return ULY_WORD.fullmatch(text.lower()) is not None


def test_headers_are_exact() -> None:
    assert read(NAME_PARTS)[0] == NAME_PARTS_HEADER
    assert read(SYLLABLES)[0] == SYLLABLES_HEADER


def test_uly_pattern_rejects_what_it_must() -> None:
    assert is_uly("Örkesh") and is_uly("Shöhret") and is_uly("Abdurehim") and is_uly("gül")
    assert not is_uly("Wu'erkaixi") and not is_uly("Abdu-rehim") and not is_uly("Ilham Toxti")
    assert not is_uly("Cemil") and not is_uly("Ahmäd") and not is_uly("")


def test_name_parts_required_fields_and_allowed_values(parts) -> None:
    problems = []
    for number, row in enumerate(parts, start=2):
        for field in ("latin", "hanzi", "kind", "origin", "sex"):
            if not row[field].strip():
                problems.append(f"line {number}: empty {field}")
        if row["kind"] not in KINDS:
            problems.append(f"line {number}: kind {row['kind']!r}")
        if row["origin"] not in ORIGINS:
            problems.append(f"line {number}: origin {row['origin']!r}")
        if row["sex"] not in SEXES:
            problems.append(f"line {number}: sex {row['sex']!r}")
        if row != {k: v.strip() for k, v in row.items()}:
            problems.append(f"line {number}: leading or trailing spaces")
    assert not problems, "\n".join(problems)


def test_name_parts_hanzi_are_only_cjk_characters(parts) -> None:
    bad = [(row["latin"], row["hanzi"]) for row in parts if not HANZI.fullmatch(row["hanzi"])]
    assert not bad


def test_hanzi_are_simplified_and_stable_under_conversion(parts, syllables) -> None:
    # The code converts input to simplified characters before looking it up; a table entry that the
    # conversion changes (traditional, or a converter quirk such as 呼 -> 唿) could never be found.
    changed = sorted({row["hanzi"] for row in [*parts, *syllables]
                      if HanziConv.toSimplified(row["hanzi"]) != row["hanzi"]})
    assert changed == []


def test_name_parts_latin_is_uly_with_usual_capitalisation(parts) -> None:
    bad = []
    for row in parts:
        latin = row["latin"]
        if not is_uly(latin):
            bad.append(latin)
        elif row["kind"] == "suffix" and latin != latin.lower():
            bad.append(latin)  # suffixes are written as they appear inside a name: jan, gül
        elif row["kind"] != "suffix" and latin != latin[0].upper() + latin[1:].lower():
            bad.append(latin)
    assert not bad


def test_name_parts_have_no_duplicate_rows(parts) -> None:
    counts = Counter((row["latin"], row["hanzi"], row["kind"]) for row in parts)
    assert [key for key, n in counts.items() if n > 1] == []


def test_name_parts_cover_enough_names(parts) -> None:
    names = {row["latin"] for row in parts if row["kind"] == "name"}
    assert len(names) >= 650
    by_origin = Counter(row["origin"] for row in parts if row["kind"] == "name")
    assert by_origin["kazakh"] >= 40 and by_origin["kyrgyz"] >= 15
    by_sex = Counter(row["sex"] for row in parts if row["kind"] == "name")
    assert by_sex["f"] >= 150 and by_sex["m"] >= 300


def test_every_common_suffix_and_prefix_is_present(parts) -> None:
    suffixes = {row["latin"] for row in parts if row["kind"] == "suffix"}
    prefixes = {row["latin"] for row in parts if row["kind"] == "prefix"}
    assert {"jan", "gül", "nisa", "bek", "xan", "ay", "nur"} <= suffixes
    assert {"Abdu", "Nur", "Gül", "Ay"} <= prefixes


def test_syllables_fields_and_allowed_values(syllables) -> None:
    problems = []
    for number, row in enumerate(syllables, start=2):
        if len(row["hanzi"]) != 1 or not HANZI.fullmatch(row["hanzi"]):
            problems.append(f"line {number}: hanzi {row['hanzi']!r} is not one CJK character")
        if not row["latin"] or not ULY_WORD.fullmatch(row["latin"]):
            problems.append(f"line {number}: latin {row['latin']!r} is not lower-case ULY")
        if row["position"] not in POSITIONS:
            problems.append(f"line {number}: position {row['position']!r}")
    assert not problems, "\n".join(problems)
    counts = Counter((row["hanzi"], row["latin"], row["position"]) for row in syllables)
    assert [key for key, n in counts.items() if n > 1] == []


def test_syllable_table_covers_every_character_of_the_name_table(parts, syllables) -> None:
    known = {row["hanzi"] for row in syllables}
    missing = {}
    for row in parts:
        for char in row["hanzi"]:
            if char not in known:
                missing.setdefault(char, row["hanzi"])
    assert missing == {}


# What a Chinese transcription cannot show: vowel quality (a/e/é, o/u/ö/ü), q/k, x/h, gh/g, length,
# and final voicing. Spellings are compared after folding these together.
FOLDS = (("gh", "g"), ("x", "h"), ("q", "k"), ("é", "e"), ("a", "e"), ("ö", "u"), ("ü", "u"), ("o", "u"))
VOWELS = set("aeiou")


def fold(latin: str, word: bool = True) -> str:
    """A Latin spelling with the distinctions that hanzi transcription loses folded away.

    A whole word also loses the voicing of its last consonant (Dawud/Dawut, Ayub/Ayup); a syllable does not.
    """
    text = latin.lower()
    # y between consonants is a vowel (Kazakh and Kyrgyz ы): Baqyt.
    text = re.sub(r"(?<=[^aeiouéöü])y(?=[^aeiouéöü])|(?<=[^aeiouéöü])y$", "i", text)
    for old, new in FOLDS:
        text = text.replace(old, new)
    text = re.sub(r"(.)\1", r"\1", text)
    return devoice(text) if word else text


def devoice(text: str) -> str:
    """The text with a final d or b read as t or p, as at the end of a word."""
    return re.sub(r"d$", "t", re.sub(r"b$", "p", text))


def readable(hanzi: str, latin: str, sounds: dict[str, list[tuple[str, str]]], whole_word: bool) -> bool:
    """Whether the characters, each read with one of its sounds from syllables.csv, spell the Latin form.

    Besides the folds, two things transcription habitually leaves unwritten may be skipped: an i between
    consonants (卡德尔 Qadir) and an h before a consonant or between vowels (艾买提 Ehmet, 塔伊尔 Tahir).
    Positions (initial/final) are enforced only for whole words.
    """
    target = fold(latin, word=whole_word)
    last = len(hanzi) - 1

    def fits(index: int, position: str) -> bool:
        if position == "any" or not whole_word:
            return True
        return {"initial": index == 0, "final": index == last, "medial": 0 < index < last}[position]

    def skippable(at: int) -> bool:
        before = target[at - 1] if at else ""
        after = target[at + 1] if at + 1 < len(target) else ""
        if target[at] == "i":
            return bool(before and after) and before not in VOWELS and after not in VOWELS
        if target[at] == "h":
            return bool(before) and (after not in VOWELS or before in VOWELS)
        return False

    @cache
    def match(index: int, at: int) -> bool:
        if at < len(target) and skippable(at) and match(index, at + 1):
            return True
        if index == len(hanzi):
            return at == len(target)
        for sound, position in sounds.get(hanzi[index], ()):
            if not fits(index, position):
                continue
            if whole_word and index == last:
                sound = devoice(sound)
            if target.startswith(sound, at) and match(index + 1, at + len(sound)):
                return True
            # A letter doubled across two characters was folded to one in the target (逊尼 = sun-ni).
            shared = at > 0 and len(sound) > 1 and sound[0] == target[at - 1]
            if shared and target.startswith(sound[1:], at) and match(index + 1, at + len(sound) - 1):
                return True
        return False

    return match(0, 0)


def test_every_transcription_reads_as_its_latin_through_the_syllable_table(parts, syllables) -> None:
    sounds: dict[str, list[tuple[str, str]]] = {}
    for row in syllables:
        sounds.setdefault(row["hanzi"], []).append((fold(row["latin"], word=False), row["position"]))
    exempt = [row for row in parts if "not letter-for-letter" in row["note"]]
    unreadable = [
        f"{row['latin']} {row['hanzi']}"
        for row in parts
        if row not in exempt and not readable(row["hanzi"], row["latin"], sounds, row["kind"] == "name")
    ]
    assert unreadable == []
    assert len(exempt) < 0.03 * len(parts), "exceptions must stay exceptions"


def test_the_reading_check_rejects_wrong_pairs() -> None:
    sounds = {"买": [("me", "any")], "提": [("ti", "any"), ("t", "any")], "吐": [("tu", "any")],
              "尔": [("r", "any")], "逊": [("sun", "any")]}
    assert readable("买买提", "Memet", sounds, True)
    assert readable("吐尔逊", "Tursun", sounds, True)
    assert not readable("买买提", "Tursun", sounds, True)
    assert not readable("吐尔逊", "Tursunjan", sounds, True)
    assert not readable("买提", "Memet", sounds, True)


@pytest.mark.parametrize(
    ("latin", "hanzi"),
    [
        ("Ilham", "伊力哈木"),
        ("Toxti", "土赫提"),
        ("Toxti", "托合提"),
        ("Rahile", "热依拉"),
        ("Dawut", "达吾提"),
        ("Tursun", "吐尔逊"),
        ("Memet", "买买提"),
        ("Memet", "麦麦提"),
        ("Ehmet", "艾合买提"),
        ("Ehmet", "艾买提"),
        ("Örkesh", "吾尔开希"),
        ("Abdu", "阿不都"),
        ("Abdu", "阿卜杜"),
        ("Abdu", "阿布都"),
        ("Abdurehim", "阿不都热依木"),
        ("Aygül", "阿依古丽"),
        ("gül", "古丽"),
        ("jan", "江"),
        ("Nurlan", "努尔兰"),
    ],
)
def test_certain_transcriptions_are_listed(parts, latin: str, hanzi: str) -> None:
    assert any(row["latin"] == latin and row["hanzi"] == hanzi for row in parts)


def test_an_ambiguous_transcription_keeps_all_its_readings(parts) -> None:
    readings = {row["latin"] for row in parts if row["hanzi"] == "买买提"}
    assert {"Memet", "Muhemmet"} <= readings


def test_syllable_readings_that_the_fallback_relies_on(syllables) -> None:
    sounds: dict[str, set[str]] = {}
    for row in syllables:
        sounds.setdefault(row["hanzi"], set()).add(row["latin"])
    assert {"ti", "t"} <= sounds["提"]
    assert {"k", "q"} <= sounds["克"]
    assert {"h", "x"} <= sounds["合"]
    assert {"i", "y"} <= sounds["依"]
    assert {"u", "w", "ö"} <= sounds["吾"]
    assert "r" in sounds["尔"] and "sun" in sounds["逊"] and "a" in sounds["阿"]
