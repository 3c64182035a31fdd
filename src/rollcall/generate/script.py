"""A name part in each script: Uyghur Arabic (via umsc) and passport pinyin of a Chinese transcription."""

from __future__ import annotations

from functools import cache

from pypinyin import Style, lazy_pinyin
from umsc import UgMultiScriptConverter

_TO_ARABIC = UgMultiScriptConverter("ULS", "UAS")

# pypinyin reads some characters as transcriptions never do (卜 is "bu" in Uyghur names, not "bo").
_PINYIN_FIXES = {"卜": "bu"}


@cache
def uly_to_arabic(uly: str) -> str:
    """Uyghur Latin (ULY) text written in Uyghur Arabic script."""
    return _TO_ARABIC(uly.lower())


@cache
def passport_pinyin(hanzi: str) -> str:
    """A Chinese transcription as Chinese passports print it: toneless pinyin, run together, upper case."""
    syllables = []
    for char, syllable in zip(hanzi, lazy_pinyin(hanzi, style=Style.NORMAL, errors="ignore"), strict=False):
        syllable = _PINYIN_FIXES.get(char, syllable)
        syllables.append(syllable.replace("v", "yu"))  # passports write ü as YU (吕 → LYU)
    return "".join(syllables).upper()
