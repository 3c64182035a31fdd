"""A deterministic generator of fictional people whose names are written four ways, for the names benchmark.

Every person is invented: a given name and a father's name drawn at random from the package's table of
name parts. Each name is written as a relative abroad might (informal Latin with spelling noise), in
Uyghur Arabic script, in Chinese characters (a random transcription variant, separator, sometimes
traditional characters) and in passport pinyin of those characters.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from hanziconv import HanziConv

from rollcall.names import table
from rollcall.names.latin import fold
from rollcall.names.pinyin import of_hanzi
from rollcall.names.uyghur import latin_to_arabic

WRITINGS = ("latin", "arabic", "hanzi", "pinyin")
SEPARATORS = ("·", "·", "·", "•", "・", "‧", ".", " ")
TYPO_RATE = 0.05  # share of Latin name parts with one slip of the pen beyond the usual spelling variants


@dataclass(frozen=True)
class Person:
    """One fictional person: the ULY Latin of each name part, the Chinese transcription used, and writings."""

    given: str
    father: str
    given_hanzi: str
    father_hanzi: str
    writings: dict[str, str]


@dataclass(frozen=True)
class NamePool:
    """Name parts of the table usable as a given name (any sex) or father's name (male), with transcriptions."""

    given: list[str]
    fathers: list[str]
    hanzi: dict[str, list[str]]
    origin: dict[str, str]


def pool() -> NamePool:
    """The table's whole names, grouped by Latin form."""
    hanzi: dict[str, list[str]] = {}
    origin: dict[str, str] = {}
    sex: dict[str, set[str]] = {}
    for e in table.name_parts():
        if e.kind != "name":
            continue
        hanzi.setdefault(e.latin, [])
        if e.hanzi not in hanzi[e.latin]:
            hanzi[e.latin].append(e.hanzi)
        origin[e.latin] = e.origin
        sex.setdefault(e.latin, set()).add(e.sex)
    given = sorted(hanzi)
    fathers = sorted(n for n in given if sex[n] & {"m", "u"})
    return NamePool(given, fathers, hanzi, origin)


def _replace_each(text: str, old: str, choices: list[tuple[str, float]], rng: random.Random) -> str:
    out = []
    pieces = text.split(old)
    for i, piece in enumerate(pieces):
        out.append(piece)
        if i < len(pieces) - 1:
            roll, acc, chosen = rng.random(), 0.0, old
            for new, p in choices:
                acc += p
                if roll < acc:
                    chosen = new
                    break
            out.append(chosen)
    return "".join(out)


def informal(uly: str, rng: random.Random, typo_rate: float = TYPO_RATE) -> str:
    """`uly` spelled as people informally do: e/a, x/kh/h, q/k, gh/g, é/e, w/v, o/u, ö, ü, doubling, -jang."""
    s = uly.lower()
    s = _replace_each(s, "x", [("kh", 0.35), ("h", 0.35)], rng)
    s = _replace_each(s, "sh", [("x", 0.05), ("ş", 0.02)], rng)
    s = _replace_each(s, "q", [("k", 0.5)], rng)
    s = _replace_each(s, "gh", [("g", 0.4), ("ğ", 0.05)], rng)
    s = _replace_each(s, "é", [("e", 0.8), ("i", 0.1)], rng)
    s = _replace_each(s, "ö", [("o", 0.6), ("u", 0.2)], rng)
    s = _replace_each(s, "ü", [("u", 0.7)], rng)
    s = _replace_each(s, "w", [("v", 0.3)], rng)
    s = _replace_each(s, "e", [("a", 0.25)], rng)
    s = _replace_each(s, "o", [("u", 0.1)], rng)
    s = s.replace("'", "" if rng.random() < 0.7 else "'")
    if s.endswith("jan") and rng.random() < 0.3:
        s += "g"
    if rng.random() < 0.1:
        consonants = [i for i, c in enumerate(s) if c in "bdklmnprstyz"]
        if consonants:
            i = rng.choice(consonants)
            s = s[:i] + s[i] + s[i:]
    if rng.random() < typo_rate and len(s) > 3:
        i = rng.randrange(1, len(s) - 1)
        s = s[:i] + s[i + 1:] if rng.random() < 0.5 else s[:i] + s[i + 1] + s[i] + s[i + 2:]
    return s.upper() if rng.random() < 0.1 else s[:1].upper() + s[1:]


def write(given: str, father: str, given_hanzi: str, father_hanzi: str, origin: str,
          rng: random.Random) -> dict[str, str]:
    """The four writings of one name."""
    latin_father = informal(father, rng)
    if origin in ("kazakh", "kyrgyz") and rng.random() < 0.3:
        latin_father += "uly" if origin == "kazakh" else " uulu"
    latin_parts = [informal(given, rng), latin_father]
    if rng.random() < 0.1:  # some lists put the father's name first
        latin_parts.reverse()
    hanzi = given_hanzi + rng.choice(SEPARATORS) + father_hanzi
    if rng.random() < 0.1:
        hanzi = HanziConv.toTraditional(hanzi)
    py = f"{of_hanzi(given_hanzi)} {of_hanzi(father_hanzi)}"
    return {
        "latin": " ".join(latin_parts),
        "arabic": f"{latin_to_arabic(given)} {latin_to_arabic(father)}",
        "hanzi": hanzi,
        "pinyin": py.upper() if rng.random() < 0.8 else py.title(),
    }


def people(n: int, seed: int = 1) -> list[Person]:
    """`n` fictional people, the same for the same seed."""
    rng = random.Random(seed)
    names = pool()
    out = []
    for _ in range(n):
        given = rng.choice(names.given)
        father = rng.choice(names.fathers)
        gh, fh = rng.choice(names.hanzi[given]), rng.choice(names.hanzi[father])
        writings = write(given, father, gh, fh, names.origin[father], rng)
        out.append(Person(given, father, gh, fh, writings))
    return out


def _stem(latin: str) -> str:
    folded = fold(latin)
    return folded[:-3] if folded.endswith("jan") and len(folded) >= 6 else folded


def same_name(a: Person, b: Person, names: NamePool) -> bool:
    """Whether two people's names count as one name: the same parts up to spelling, parts sharing a Chinese
    transcription (Memet and Mehmet are both 买买提, so no matcher can tell them apart in characters), or
    parts differing only by the endearment -jan (Alim, Alimjan), which the library treats as one name, or
    parts whose passport pinyin coincides or reads as the other's Latin (艾沙 AISHA is also how Ayshe is spelled)."""
    def alike(x: str, y: str) -> bool:
        hx = {h.removesuffix("江") for h in names.hanzi[x]}
        hy = {h.removesuffix("江") for h in names.hanzi[y]}
        px = {fold(of_hanzi(h)) for h in hx} | {_stem(x)}
        py = {fold(of_hanzi(h)) for h in hy} | {_stem(y)}
        return _stem(x) == _stem(y) or bool(hx & hy) or bool(px & py)

    return (alike(a.given, b.given) and alike(a.father, b.father)) or (
        alike(a.given, b.father) and alike(a.father, b.given))
