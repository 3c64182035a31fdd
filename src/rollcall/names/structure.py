"""A name split into its parts, each part read into the Latin forms it can be compared by.

Uyghur names have no family name: given name, then father's given name (Ilham Tohti = Ilham, son of
Tohti). Kazakh and Kyrgyz names may mark the father's name with -uly/-kyzy (or a separate word). Roles
are a hint (`given`, `father`, `other`); comparison never depends on the order of parts.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

from rollcall.names import hanzi, latin, pinyin, table, uyghur
from rollcall.names.scripts import Script, char_script, detect_script

MAX_PARTS = 8  # parts beyond this are kept in `extra` and not compared
MAX_PART_LETTERS = 48  # a longer "part" is compared by its first letters only

# Separators between name parts: spaces, every middle dot in use (· • ・ ‧ ∙ ⋅ ･), full stops, commas...
_SEPARATORS = re.compile(r"[\s\u00b7\u2022\u30fb\u2027\u2219\u22c5\uff65\u0387\u16eb\u2e31.\uff0e\u3002,\uff0c\u060c"
                         r"\u3001;；:/\\|()\[\]{}（）<>《》\"“”_=+*&#@!?！？~]+")

TABLE_METHODS = frozenset({"hanzi-table", "pinyin"})
METHOD_WEIGHT = {  # how much a match through each conversion is trusted (multiplies the part score)
    "exact": 1.0, "latin-fold": 1.0, "arabic→uly": 1.0, "cyrillic→latin": 1.0, "hanzi-table": 1.0,
    "pinyin": 1.0, "hanzi-syllables": 0.95, "pinyin-syllables": 0.93, "-jan dropped": 0.9, "joined parts": 0.97,
}


@dataclass(frozen=True, slots=True)
class Form:
    """One comparable Latin form of a name part and how it was obtained."""

    latin: str  # readable Latin (ULY where converted), e.g. "Tursun"
    skeleton: str  # latin.fold of it
    method: str  # key of METHOD_WEIGHT
    weight: float = field(init=False, compare=False)  # trust in the method (METHOD_WEIGHT)
    known: bool = field(init=False, compare=False)  # a name the table knows: read through it or spelled like one

    def __post_init__(self) -> None:
        object.__setattr__(self, "weight", METHOD_WEIGHT.get(self.method, 0.9))
        object.__setattr__(self, "known", self.method in TABLE_METHODS or self.skeleton in table.known_skeletons())


@dataclass(frozen=True, slots=True)
class Part:
    """One part of a name as written, with its script, role hint and comparable forms."""

    text: str
    script: Script
    role: str  # "given", "father" or "other"
    forms: tuple[Form, ...]
    patronymic: str = ""  # a -uly/-kyzy/-ov ending or particle that marked this part as a father's name

    @property
    def latin(self) -> str:
        """The best Latin reading of this part ("" when it has none)."""
        return self.forms[0].latin if self.forms else ""


@dataclass(frozen=True, slots=True)
class ParsedName:
    """A name as written, split into parts."""

    text: str
    script: Script
    parts: tuple[Part, ...]
    extra: tuple[str, ...] = field(default=())  # parts beyond MAX_PARTS, kept but not compared


def as_text(value: object) -> str:
    """A name given as something other than a string (None, a number from a spreadsheet) as text."""
    if isinstance(value, str):
        return value
    return "" if value is None else str(value)


_ASCII_CONTROLS = {i: " " for i in [*range(0x20), 0x7F]}


def _clean(text: str) -> str:
    if text.isascii():
        return text.translate(_ASCII_CONTROLS)
    text = unicodedata.normalize("NFC", text)
    return "".join(" " if unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp", "Zs") and ch not in "\u200c\u200d"
                   else ch for ch in text)


def _runs(chunk: str) -> list[tuple[str, Script]]:
    """A chunk split where its script changes (Tursun吐尔逊 → Tursun, 吐尔逊); unscripted characters follow."""
    if chunk.isascii():
        return [(chunk, Script.LATIN)] if any(ch.isalpha() for ch in chunk) else []
    runs: list[list] = []
    for ch in chunk:
        s = char_script(ch)
        if s is None:
            if runs:
                runs[-1][0] += ch
            continue
        if runs and runs[-1][1] in (s, None):
            runs[-1][0] += ch
            runs[-1][1] = s
        else:
            runs.append([ch, s])
    return [(text, s) for text, s in runs if s is not None]


@lru_cache(maxsize=131072)
def forms_of(text: str, script: Script) -> tuple[Form, ...]:
    """Every comparable Latin form of one name part written in `script`, best first.

    Readings through the curated table, when there are any, replace syllable-by-syllable guesses: the
    guesses are for parts the table does not know.
    """
    out: list[Form] = []
    if script is Script.HAN:
        found = hanzi.readings(text)
        if any(r.method == "hanzi-table" for r in found):
            found = tuple(r for r in found if r.method == "hanzi-table")
        out = [Form(r.latin, latin.fold(r.latin), r.method) for r in found]
    elif script is Script.ARABIC:
        uly = uyghur.arabic_to_latin(text)
        out = [Form(uly[:1].upper() + uly[1:], latin.fold(uly), "arabic→uly")]
    elif script is Script.CYRILLIC:
        lat = uyghur.cyrillic_to_latin(text)
        out = [Form(lat[:1].upper() + lat[1:], latin.fold(lat), "cyrillic→latin")]
    elif script is Script.LATIN:
        letters = latin.ascii_letters(text)[:MAX_PART_LETTERS]
        out = [Form(text, latin.fold(letters), "latin-fold")]
        found_py = pinyin.readings(letters)
        if any(r.method == "pinyin" for r in found_py):
            found_py = tuple(r for r in found_py if r.method == "pinyin")
        out.extend(Form(r.latin, latin.fold(r.latin), r.method) for r in found_py)
    for f in list(out):
        if f.skeleton.endswith("jan") and len(f.skeleton) >= 6:
            out.append(Form(f.latin[:-3] if f.latin.lower().endswith("jan") else f.latin, f.skeleton[:-3],
                            "-jan dropped"))
    return _dedupe(tuple(out))


def _split(text: str) -> list[tuple[str, Script]]:
    """Name parts in order. Hyphens join a Latin or Arabic compound (Abdu-Rehim) but separate Chinese parts."""
    pieces: list[tuple[str, Script]] = []
    for chunk in _SEPARATORS.split(_clean(text)):
        for run, script in _runs(chunk):
            if script is Script.HAN:
                for sub in re.split(r"[-‐‑–—－]+", run):
                    pieces.extend((p, script) for p in hanzi.split_run(sub) if p)
            else:
                pieces.append((run.strip("-‐‑–—－"), script))
    return [(p, s) for p, s in pieces if p]


@lru_cache(maxsize=131072)
def first_part(text: str) -> str:
    """The first part of a name as written ("" when it has none): split as `parse` splits, without working
    out any part's forms (a search weighs thousands of names by their given name alone)."""
    pieces = _split(as_text(text))
    return pieces[0][0] if pieces else ""


@lru_cache(maxsize=131072)
def parse(text: str) -> ParsedName:
    """`text` (any script, any separators) split into name parts with their comparable forms."""
    text = as_text(text)
    pieces = _split(text)
    parts: list[Part] = []
    mark_next_father = False
    for piece, script in pieces:
        if script in (Script.LATIN, Script.CYRILLIC):
            letters = latin.ascii_letters(piece if script is Script.LATIN else uyghur.cyrillic_to_latin(piece))
            if letters in latin.PATRONYMIC_WORDS and parts:
                # "Serik uly" / "bin Serik": the particle marks its neighbour as the father's name
                if letters in ("bin", "binti", "ibn", "bint"):
                    mark_next_father = True
                else:
                    last = parts[-1]
                    parts[-1] = Part(last.text, last.script, "father", last.forms, letters)
                continue
            stem, ending = latin.split_patronymic(letters)
            if ending:
                if script is Script.LATIN:
                    shown = piece[: -len(ending)] if piece.lower().endswith(ending) else stem
                    stem_form = Form(shown, latin.fold(stem), "latin-fold")
                else:
                    stem_form = Form(stem.capitalize(), latin.fold(stem), "cyrillic→latin")
                forms = (stem_form, *forms_of(piece, script))
                parts.append(Part(piece, script, "father", _dedupe(forms), ending))
                continue
        role = "father" if mark_next_father else ""
        mark_next_father = False
        parts.append(Part(piece, script, role, forms_of(piece, script)))
    compared, extra = parts[:MAX_PARTS], tuple(p.text for p in parts[MAX_PARTS:])
    compared = _assign_roles(compared)
    return ParsedName(text, detect_script(text), tuple(compared), extra)


def _dedupe(forms: tuple[Form, ...]) -> tuple[Form, ...]:
    seen: set[str] = set()
    out = []
    for f in forms:
        if f.skeleton and f.skeleton not in seen:
            seen.add(f.skeleton)
            out.append(f)
    return tuple(out)


def _assign_roles(parts: list[Part]) -> list[Part]:
    """Given name first, father's name second (the Uyghur order), unless a patronymic says otherwise."""
    has_father = any(p.role == "father" for p in parts)
    out = []
    given_done = False
    for i, p in enumerate(parts):
        role = p.role
        if not role:
            if not given_done:
                role = "given"
            elif not has_father and i == 1:
                role = "father"
            else:
                role = "other"
        if role == "given":
            given_done = True
        out.append(Part(p.text, p.script, role, p.forms, p.patronymic))
    return out
