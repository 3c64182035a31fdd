"""Uyghur (and Kazakh) Arabic script and Cyrillic to ULY Latin, and ULY Latin back to Arabic script.

Arabic→Latin is our own one-pass table (the ULY letter values, the same as umsc's UAS→ULS, which the
tests check), extended with what real files contain beside standard Uyghur letters: Arabic/Persian
look-alikes (ي ی ك ک ه), Kazakh hamza-marked vowels (ٵ ٶ ٷ ٸ, U+0674) and presentation forms (folded
by NFKC). Latin→Arabic uses umsc, and serves the benchmark's generator.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

_ARABIC = {
    "ا": "a", "ە": "e", "ب": "b", "پ": "p", "ت": "t", "ج": "j", "چ": "ch", "خ": "x", "د": "d", "ر": "r",
    "ز": "z", "ژ": "zh", "س": "s", "ش": "sh", "ف": "f", "ڭ": "ng", "ل": "l", "م": "m", "ھ": "h", "و": "o",
    "ۇ": "u", "ۆ": "ö", "ۈ": "ü", "ۋ": "w", "ې": "é", "ى": "i", "ي": "y", "ق": "q", "ك": "k", "گ": "g",
    "ن": "n", "غ": "gh",
    # look-alikes typed on Arabic or Persian keyboards
    "ه": "e", "ی": "i", "ک": "k", "ة": "e", "أ": "a", "إ": "i", "آ": "a", "ؤ": "o", "ح": "h", "ع": "",
    "ص": "s", "ض": "z", "ط": "t", "ظ": "z", "ث": "s", "ذ": "z", "ء": "", "ۉ": "o", "ۅ": "o",
    # Kazakh Arabic: hamza-marked front vowels
    "ٵ": "e", "ٶ": "ö", "ٷ": "ü", "ٸ": "i", "\u0674": "",
}
_DIGRAPH_CLASH = {("n", "g"), ("s", "h"), ("c", "h"), ("z", "h"), ("g", "h")}

_CYRILLIC = {
    "а": "a", "ә": "e", "б": "b", "в": "v", "г": "g", "ғ": "gh", "д": "d", "е": "é", "ё": "yo", "ж": "zh",
    "җ": "j", "з": "z", "и": "i", "й": "y", "к": "k", "қ": "q", "л": "l", "м": "m", "н": "n", "ң": "ng",
    "о": "o", "ө": "ö", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ұ": "u", "ү": "ü", "ф": "f",
    "х": "x", "һ": "h", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "i", "і": "i", "ь": "",
    "э": "e", "ю": "yu", "я": "ya", "ў": "w", "ї": "yi", "є": "ye",
}


@lru_cache(maxsize=65536)
def arabic_to_latin(text: str) -> str:
    """ULY Latin (lower case) for Uyghur text in Arabic script; characters of other scripts pass through."""
    # presentation forms (old software) to letters; not all of NFKC, which would split Kazakh ٵ into ا + ٴ
    text = "".join(unicodedata.normalize("NFKC", ch) if "\ufb50" <= ch <= "\ufeff" else ch for ch in text)
    out: list[str] = []
    prev_letter = ""  # last Latin letter written within the current word
    for ch in text:
        if ch == "ئ":  # hamza carrier: silent at word start, a syllable break (ULY ') within a word
            if prev_letter:
                out.append("'")
            continue
        latin = _ARABIC.get(ch)
        if latin is None:
            if ch in "\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652\u0640\u200c\u200d":
                continue  # harakat, tatweel, joiners: no sound of their own in Uyghur writing
            out.append(ch)
            prev_letter = ""
            continue
        if not latin:
            continue
        if prev_letter and (prev_letter[-1], latin[0]) in _DIGRAPH_CLASH:
            out.append("'")  # ULY writes n'g, s'h... where two letters would read as one
        out.append(latin)
        prev_letter = latin
    return "".join(out)


@lru_cache(maxsize=65536)
def cyrillic_to_latin(text: str) -> str:
    """Latin letters (ULY values) for a name written in Uyghur, Kazakh or Kyrgyz Cyrillic."""
    out = []
    for ch in text:
        low = ch.lower()
        out.append(_CYRILLIC.get(low, low))
    return "".join(out)


@lru_cache(maxsize=4096)
def latin_to_arabic(text: str) -> str:
    """Uyghur Arabic script for a name in ULY Latin (via umsc)."""
    return _uls_to_uas()(text.lower()) if text else ""


@lru_cache(maxsize=1)
def _uls_to_uas():
    from umsc import UgMultiScriptConverter

    return UgMultiScriptConverter("ULS", "UAS")
