"""Which writing system a name, or one part of it, is written in."""

from __future__ import annotations

import unicodedata
from enum import StrEnum
from functools import lru_cache


class Script(StrEnum):
    """The writing system of a piece of text, as far as names are concerned."""

    ARABIC = "arabic"  # Uyghur (or Kazakh) Arabic script
    LATIN = "latin"
    CYRILLIC = "cyrillic"
    HAN = "han"  # Chinese characters
    MIXED = "mixed"  # letters of more than one of the above
    NONE = "none"  # no letters at all (empty, digits, punctuation, emoji)


@lru_cache(maxsize=8192)
def char_script(ch: str) -> Script | None:
    """The script one character belongs to, or None for anything that is not a letter of a name."""
    cp = ord(ch)
    if cp < 0x80:
        return Script.LATIN if ch.isalpha() else None
    if 0x0600 <= cp <= 0x06FF or 0x0750 <= cp <= 0x077F or 0xFB50 <= cp <= 0xFDFF or 0xFE70 <= cp <= 0xFEFF:
        if unicodedata.category(ch).startswith("L") or cp == 0x0674:
            return Script.ARABIC
        return None
    if 0x0400 <= cp <= 0x052F:
        return Script.CYRILLIC if ch.isalpha() else None
    if 0x4E00 <= cp <= 0x9FFF or 0x3400 <= cp <= 0x4DBF or 0xF900 <= cp <= 0xFAFF or 0x20000 <= cp <= 0x2FFFF:
        return Script.HAN
    if ch.isalpha():
        name = unicodedata.name(ch, "")
        if name.startswith("LATIN") or 0x00C0 <= cp <= 0x024F or 0x1E00 <= cp <= 0x1EFF:
            return Script.LATIN
    return None


def detect_script(text: str) -> Script:
    """The single script of `text`: one of Script, MIXED when letters of several scripts occur, NONE if no letters."""
    if text.isascii():
        return Script.LATIN if any(ch.isalpha() for ch in text) else Script.NONE
    found: set[Script] = set()
    for ch in set(text):
        s = char_script(ch)
        if s is not None:
            found.add(s)
            if len(found) > 1:
                return Script.MIXED
    return found.pop() if found else Script.NONE
