"""Latin spellings of Uyghur, Kazakh and Kyrgyz names, folded to one comparable "skeleton".

People write one name many ways: e/a, x/sh/kh/h, q/k, gh/g, é/e, w/v, o/u, ö/o, ü/u, doubled letters,
apostrophes and hyphens, -jan/-jang, Russian-style -ov/-eva endings, Kazakh/Kyrgyz -uly/-kyzy. `fold`
maps all of these to one form, so "Abduweli Ayup" and "Abduwali Ayyup" fold alike. A skeleton is for
comparison only, never for display.

Skeleton alphabet: vowels a (a e é ä ə), i (i ı, ee, y not before a vowel), u (o u ö ü oo); consonants
as written except h (h x kh sh), k (k q), g (g gh ğ), j (j zh dzh dj), c (ch ç), v (v w), p (p f);
doubled letters once; word-final voiced stops devoiced (d→t, b→p, g→k) because both spellings are common.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from anyascii import anyascii

_SPECIAL = str.maketrans({
    "é": "e", "è": "e", "ê": "e", "ë": "e", "ä": "e", "ə": "e", "ә": "e", "á": "a", "à": "a", "â": "a",
    "ö": "o", "ø": "o", "ó": "o", "ò": "o", "ô": "o", "ü": "u", "ú": "u", "ù": "u", "û": "u",
    "ı": "i", "í": "i", "ì": "i", "î": "i", "ï": "i", "ş": "sh", "ș": "sh", "ç": "ch", "ğ": "gh",
    "ñ": "ng", "ž": "zh", "š": "sh", "č": "ch", "ʼ": "", "’": "", "‘": "", "`": "", "´": "", "'": "",
})
# longest first; applied left to right
# dj: the French-style j (Djamila, Khadidja, Salamdjan), anywhere in a name
_DIGRAPHS = (("shch", "h"), ("kh", "h"), ("sh", "h"), ("zh", "j"), ("dzh", "j"), ("dj", "j"), ("ch", "c"),
             ("gh", "g"), ("ph", "p"), ("ck", "k"), ("tch", "c"), ("ee", "i"), ("oo", "u"))
_SINGLE = str.maketrans({"e": "a", "o": "u", "x": "h", "q": "k", "w": "v", "f": "p", "z": "z"})
_DIGRAPH_RE = re.compile("|".join(sorted((d for d, _ in _DIGRAPHS), key=len, reverse=True)))
_DIGRAPH_MAP = dict(_DIGRAPHS)
_DOUBLE_RE = re.compile(r"(.)\1+")
_NOT_LETTER_RE = re.compile(r"[^a-z]+")
_Y_VOWEL_RE = re.compile(r"y(?![aiu])")  # y not before a vowel is the vowel i (Aysha = Aisha)
_FINAL_DEVOICE = {"d": "t", "b": "p", "g": "k"}

# Patronymic endings (Kazakh/Kyrgyz -uly/-kyzy, Turkic -oglu, Russian-style -ov/-ova/-ovich): the part is a
# father's name; the ending is dropped for comparison.
PATRONYMIC_ENDINGS = ("uulu", "ovich", "evich", "ovna", "evna", "oglu", "oghli", "ogli", "kyzy", "qizi", "kizi",
                      "gyzy", "uly", "uli", "ulu", "ova", "eva", "ov", "ev")
# Stand-alone particles between given name and father's name ("Nurlan uly Serik", "bin", "binti").
PATRONYMIC_WORDS = frozenset({"uly", "uli", "ulu", "uulu", "kyzy", "qizi", "kizi", "gyzy", "oglu", "ogli",
                              "bin", "binti", "ibn", "bint"})
_MIN_STEM = 3
_ENDING_LETTERS = tuple({e[-1] for e in PATRONYMIC_ENDINGS})


@lru_cache(maxsize=262144)
def ascii_letters(text: str) -> str:
    """The letters of a Latin name part, lower case, diacritics resolved, everything else dropped."""
    text = unicodedata.normalize("NFC", text).lower().translate(_SPECIAL)
    if not text.isascii():
        # only letters are transliterated: anyascii spells symbols out (an emoji would become ":grinning:")
        text = anyascii("".join(ch for ch in text if unicodedata.category(ch)[0] in "LM")).lower()
    return _NOT_LETTER_RE.sub("", text)


def split_patronymic(letters: str) -> tuple[str, str]:
    """(stem, ending) when `letters` (from ascii_letters) ends in a patronymic ending, else (letters, "")."""
    if len(letters) < _MIN_STEM + 2 or not letters.endswith(_ENDING_LETTERS):
        return letters, ""
    for ending in PATRONYMIC_ENDINGS:
        if letters.endswith(ending) and len(letters) - len(ending) >= _MIN_STEM + (len(ending) <= 2):
            return letters[: -len(ending)], ending
    return letters, ""


@lru_cache(maxsize=262144)
def fold(text: str) -> str:
    """The comparable skeleton of one Latin name part ("" when it has no Latin letters)."""
    letters = ascii_letters(text)
    if not letters:
        return ""
    letters = _DIGRAPH_RE.sub(lambda m: _DIGRAPH_MAP[m.group()], letters)
    letters = _Y_VOWEL_RE.sub("i", _DOUBLE_RE.sub(r"\1", letters.translate(_SINGLE)))
    if letters.endswith("jang"):
        letters = letters[:-1]
    letters = _DOUBLE_RE.sub(r"\1", letters)
    last = letters[-1]
    if last in _FINAL_DEVOICE and len(letters) > 2:
        letters = letters[:-1] + _FINAL_DEVOICE[last]
    return letters


@lru_cache(maxsize=262144)
def consonants(skeleton: str) -> str:
    """The consonant frame of a skeleton (vowels and h dropped): the coarse form blocking keys are made of."""
    frame = "".join(ch for ch in skeleton if ch not in "aiuh")
    return frame or skeleton[:2]
