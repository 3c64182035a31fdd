"""Pinyin of Chinese transcriptions (the form on Chinese passports: TUERXUN MAIMAITI), both ways.

`of_hanzi` writes a transcription in toneless pinyin with the readings transcriptions use (卜 bu, 都 du,
什 shi, where pypinyin's everyday default differs). `readings` recognises a Latin part as such pinyin: it
segments the letters into the pinyin of table transcriptions (tuerxun = 吐尔逊 = Tursun), falling back to
single transcription syllables, and returns the Uyghur Latin names it spells. A part that does not
segment completely is not pinyin and gets no reading.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from functools import cache, lru_cache

from pypinyin import Style, lazy_pinyin

from rollcall.names import table
from rollcall.names.hanzi import to_simplified

# Readings of transcription characters where pypinyin's default is not the one names use.
NAME_READINGS = {"卜": "bu", "都": "du", "什": "shi", "吕": "lv", "单": "dan", "茜": "xi", "尉": "wei",
                 "朴": "pu", "乐": "le", "曾": "zeng", "蕃": "fan", "堡": "bao", "叶": "ye", "区": "qu"}
MAX_READINGS = 8
_MAX_SPELLINGS = 32
_BEAM = 24


@dataclass(frozen=True, slots=True)
class PinyinReading:
    """One way to read a Latin part as the pinyin of a Chinese transcription."""

    latin: str  # the Uyghur name in ULY Latin, e.g. "Tursun"
    method: str  # "pinyin" (table transcriptions only) or "pinyin-syllables"
    pieces: tuple[str, ...]  # the pinyin pieces, e.g. ("tuerxun",)


@lru_cache(maxsize=65536)
def of_hanzi(text: str) -> str:
    """Toneless pinyin of a Chinese-character name part, as one word (阿卜杜 → abudu), character by character
    as passports spell transcriptions; characters without a reading are kept."""
    out = []
    for ch in to_simplified(text):
        spellings = _char_spellings(ch)
        out.append(spellings[0].replace("v", "u") if spellings else ch)
    return "".join(out)


def _char_spellings(ch: str) -> list[str]:
    """The spellings a passport may use for one character: its name reading, its standard reading, and the
    ü spelled v, u or yu. (Rarer heteronyms are left out: they made unrelated names collide, 哈 as "ta".)"""
    options = [NAME_READINGS[ch]] if ch in NAME_READINGS else []
    options.extend(lazy_pinyin(ch, style=Style.NORMAL, errors="ignore"))
    out: list[str] = []
    for o in options:
        out.extend([o, o.replace("v", "u"), o.replace("v", "yu")] if "v" in o else [o])
    return list(dict.fromkeys(out))


def _spellings(hanzi: str) -> list[str]:
    per_char = [_char_spellings(ch) for ch in hanzi]
    if not all(per_char):
        return []
    return ["".join(combo) for combo in itertools.islice(itertools.product(*per_char), _MAX_SPELLINGS)]


@cache
def _table_index() -> dict[str, tuple[tuple[str, str], ...]]:
    """Pinyin spelling of each table transcription → (ULY Latin, kind) it stands for."""
    index: dict[str, dict[tuple[str, str], None]] = {}
    for entry in table.name_parts():
        for spelling in _spellings(entry.hanzi):
            index.setdefault(spelling, {})[(entry.latin, entry.kind)] = None
    return {k: tuple(v) for k, v in index.items()}


@cache
def _syllable_index() -> dict[str, tuple[tuple[str, str], ...]]:
    """Pinyin syllable of each transcription character → (Latin sound, position)."""
    index: dict[str, dict[tuple[str, str], None]] = {}
    for s in table.syllables():
        for spelling in _char_spellings(s.hanzi):
            index.setdefault(spelling, {})[(s.latin, s.position)] = None
    return {k: tuple(v) for k, v in index.items()}


@cache
def _longest() -> int:
    return max((len(k) for k in _table_index()), default=0)


@cache
def _syllable_set() -> frozenset[str]:
    """Every piece a reading may use: table transcriptions' spellings and single syllables."""
    return frozenset(_syllable_index()) | frozenset(_table_index())


def _segments(letters: str) -> bool:
    """Whether `letters` splits completely into pieces the indexes know (a fast test before reading)."""
    known, n = _syllable_set(), len(letters)
    longest = _longest()
    reach = [False] * (n + 1)
    reach[0] = True
    for i in range(n):
        if reach[i]:
            for j in range(i + 1, min(n, i + max(longest, 6)) + 1):
                if not reach[j] and letters[i:j] in known:
                    reach[j] = True
    return reach[n]


@lru_cache(maxsize=65536)
def readings(letters: str) -> tuple[PinyinReading, ...]:
    """Uyghur Latin names that `letters` (a Latin part, lower case a-z only) spells as transcription pinyin."""
    n = len(letters)
    if n < 2 or n > 60 or not _segments(letters):
        return ()
    tindex, sindex = _table_index(), _syllable_index()
    whole = tindex.get(letters)
    if whole:  # the pinyin of a transcription the table knows
        latins = list(dict.fromkeys(latin[:1].upper() + latin[1:] for latin, _ in whole))[:MAX_READINGS]
        return tuple(PinyinReading(latin, "pinyin", (letters,)) for latin in latins)
    longest = _longest()
    best: list[list[tuple[float, str, tuple[str, ...], bool]]] = [[] for _ in range(n + 1)]
    best[0] = [(0.0, "", (), False)]
    for i in range(n):
        if not best[i]:
            continue
        for j in range(min(n, i + max(longest, 6)), i, -1):
            piece = letters[i:j]
            steps: list[tuple[float, list[str], bool]] = []
            entries = tindex.get(piece)
            if entries:
                steps.append((1.0, list(dict.fromkeys(latin for latin, _ in entries)), False))
            if j - i <= 6:
                sounds = sindex.get(piece)
                if sounds:
                    position = "initial" if i == 0 else "final" if j == n else "medial"
                    fitting = [s for s, p in sounds if p in ("any", position)] or [s for s, _ in sounds]
                    steps.append((2.5, list(dict.fromkeys(fitting)), True))
            for cost, latins, fallback in steps:
                for c0, l0, p0, f0 in best[i]:
                    for latin in latins:
                        joined = l0 + (latin.lower() if l0 else latin)
                        best[j].append((c0 + cost, joined, p0 + (piece,), f0 or fallback))
            if len(best[j]) > _BEAM:
                best[j] = sorted(best[j], key=lambda r: r[0])[:_BEAM]
    out: list[PinyinReading] = []
    seen: set[str] = set()
    for _cost, latin, pieces, fallback in sorted(best[n], key=lambda r: r[0]):
        if latin.lower() in seen:
            continue
        seen.add(latin.lower())
        out.append(PinyinReading(latin[:1].upper() + latin[1:], "pinyin-syllables" if fallback else "pinyin", pieces))
        if len(out) >= MAX_READINGS:
            break
    return tuple(out)
