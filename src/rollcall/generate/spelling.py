"""How relatives abroad spell Uyghur names in English: a documented noise model over ULY spellings.

Each rule below fires independently with its probability, per occurrence, so one name yields many
plausible spellings (Abduweli Ayup / Abduwali Ayup; Rebiya Kadeer / Rabiye Qadir):

| rule | example | p |
|---|---|---|
| x → h, kh | Toxti → Tohti, Tokhti | 0.6 h, 0.3 kh |
| q → k | Qasim → Kasim | 0.6 |
| gh → g | Turghun → Turgun | 0.5 |
| é → e, i | Kérim → Kerim, Kirim | 0.7 e, 0.3 i |
| ö → o, u | Ömer → Omer, Umer | 0.75 o, 0.15 u (else kept) |
| ü → u, ue | Yüsüp → Yusup, Yuesuep | 0.8 u, 0.1 ue (else kept) |
| e → a | Ehmet → Ahmet, Memet → Mamat | 0.25 |
| w → v | Dawut → Davut | 0.15 |
| doubled consonant (l, m, n, s) before a vowel | Abdula → Abdulla | 0.1 |
| final a → ah | Abdulla → Abdullah | 0.3 |
| j → dj | Mijit → Midjit | 0.03 |
| affectionate -jan on a given name | Tursun → Tursunjan | 0.08 |

Output is title-cased per word. Passport pinyin is a different form (see `script.passport_pinyin`).
For speed at a million people, each name part gets a fixed set of `VARIANTS` spellings drawn by this
model once (from an RNG seeded by the name), and a relative's spelling is one of them.
"""

from __future__ import annotations

import random
from functools import cache

from rollcall.generate.draw import one

VARIANTS = 32


def english_spelling(uly: str, rng: random.Random, *, given: bool = False) -> str:
    """One informal English spelling of a ULY name part, as a relative abroad might write it."""
    return one(rng, _variants(uly, given))


@cache
def _variants(uly: str, given: bool) -> tuple[str, ...]:
    model = random.Random(f"rollcall-spelling:{uly}:{given}")
    return tuple(spell(uly, model, given=given) for _ in range(VARIANTS))


def spell(uly: str, rng: random.Random, *, given: bool = False) -> str:
    """Apply the noise model once to a ULY name part."""
    text = uly.lower()
    out: list[str] = []
    i = 0
    while i < len(text):
        ch = text[i]
        nxt = text[i + 1] if i + 1 < len(text) else ""
        r = rng.random()
        if ch == "g" and nxt == "h":
            out.append("g" if r < 0.5 else "gh")
            i += 2
            continue
        if ch == "x":
            out.append("h" if r < 0.6 else "kh" if r < 0.9 else "x")
        elif ch == "q":
            out.append("k" if r < 0.6 else "q")
        elif ch == "é":
            out.append("e" if r < 0.7 else "i")
        elif ch == "ö":
            out.append("o" if r < 0.75 else "u" if r < 0.9 else "ö")
        elif ch == "ü":
            out.append("u" if r < 0.8 else "ue" if r < 0.9 else "ü")
        elif ch == "e":
            out.append("a" if r < 0.25 else "e")
        elif ch == "w":
            out.append("v" if r < 0.15 else "w")
        elif ch == "j":
            out.append("dj" if r < 0.03 else "j")
        elif ch in "lmns" and nxt and nxt in "aeiouéöü" and i > 0 and r < 0.1:
            out.append(ch + ch)
        else:
            out.append(ch)
        i += 1
    word = "".join(out)
    if word.endswith("a") and rng.random() < 0.3:
        word += "h"
    if given and rng.random() < 0.08:
        word += "jan"
    return word[:1].upper() + word[1:]
