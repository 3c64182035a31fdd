"""Normalised values of cells, by canonical field: what a value means, beside the text as written.

Pure functions, no Django. A normaliser returns None when it cannot read the text with confidence:
the original is always kept, so no value is better than a wrong one.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from datetime import date
from functools import lru_cache

import orjson

_SEX = {
    "male": {"男", "男性", "m", "male", "man", "ئەر", "er", "эр", "ер", "erkek", "boy", "son"},
    "female": {"女", "女性", "f", "female", "woman", "ئايال", "ayal", "قىز", "qiz", "аял", "әйел", "girl",
               "daughter"},
}
_SEX_LOOKUP = {word: sex for sex, words in _SEX.items() for word in words}

_ETHNICITY = {
    "uyghur": ("维吾尔", "維吾爾", "维族", "ئۇيغۇر", "uyghur", "uighur", "uygur", "weiwuer"),
    "kazakh": ("哈萨克", "哈薩克", "قازاق", "kazakh", "qazaq", "kazak"),
    "kyrgyz": ("柯尔克孜", "柯爾克孜", "قىرغىز", "kyrgyz", "kirghiz", "qirghiz"),
    "uzbek": ("乌孜别克", "ئۆزبېك", "uzbek"),
    "tajik": ("塔吉克", "تاجىك", "tajik"),
    "tatar": ("塔塔尔", "تاتار", "tatar"),
    "hui": ("回族", "خۇيزۇ", "hui"),
    "han": ("汉族", "漢族", "خەنزۇ", "han chinese", "han"),
    "mongol": ("蒙古", "موڭغۇل", "mongol"),
    "xibe": ("锡伯", "سىبە", "xibe", "sibe"),
}

_FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")


def _clean(text: str) -> str:
    return unicodedata.normalize("NFKC", text).translate(_FULLWIDTH_DIGITS).strip()


def sex(text: str) -> str | None:
    """'male' or 'female' for the ways registers and testimonies write sex, else None."""
    return _SEX_LOOKUP.get(_clean(text).casefold().rstrip("."))


def ethnicity(text: str) -> str | None:
    """A lowercase English ethnonym (uyghur, kazakh, ...) for Chinese, Uyghur or Latin writings."""
    folded = _clean(text).casefold()
    for name, writings in _ETHNICITY.items():
        if any(w.casefold() in folded for w in writings):
            return name
    return None


_YMD = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[ T]00:00(?::00)?)?$")
_YM = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*月?$")
_Y = re.compile(r"^(\d{4})\s*年?$")
_DMY = re.compile(r"^(\d{1,2})[./](\d{1,2})[./](\d{4})$")
_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})$")


def _iso(y: int, m: int, d: int) -> str | None:
    try:
        return date(y, m, d).isoformat()
    except ValueError:
        return None


def date_value(text: str) -> str | None:
    """An ISO date (YYYY-MM-DD), month (YYYY-MM) or year (YYYY) for the usual writings, else None.

    Day-first forms (07.03.1985) are read day-first only when unambiguous or dotted (the European habit);
    a slashed pair that could be either way (03/07/1985) gives None rather than a guess.
    """
    t = _clean(text)
    if m := _YMD.match(t):
        return _iso(int(m[1]), int(m[2]), int(m[3]))
    if m := _COMPACT.match(t):
        return _iso(int(m[1]), int(m[2]), int(m[3]))
    if m := _YM.match(t):
        month = int(m[2])
        return f"{int(m[1]):04d}-{month:02d}" if 1 <= month <= 12 else None
    if m := _Y.match(t):
        return m[1] if 1880 <= int(m[1]) <= 2100 else None
    if m := _DMY.match(t):
        a, b, y = int(m[1]), int(m[2]), int(m[3])
        if "." in t or a > 12:
            return _iso(y, b, a)
        if b > 12:
            return _iso(y, a, b)
        return None
    return None


_AGE_EXACT = re.compile(r"^(?:age\s*)?(\d{1,3})\s*(?:岁|周岁|yaş|yash|ياش|years?(?: old)?|y\.?o\.?)?$", re.I)
_AGE_DECADE = re.compile(r"(?:in\s+(?:his|her|their)\s+)?(?:early\s+|mid[- ]?|late\s+)?(?<!\d)(1?\d)0\s*['’]?s\b", re.I)
_AGE_ABOUT = re.compile(r"^(?:about|around|approximately|approx\.?|circa|c\.|~|约|大约)\s*(\d{1,3})", re.I)
_AGE_ZH_DECADE = re.compile(r"^(1?\d)0\s*多岁$")


def age(text: str) -> str | None:
    """An age as '45' (stated), or a range 'lo-hi' for approximate ages ('in his 40s' → '40-49')."""
    t = _clean(text)
    if m := _AGE_EXACT.match(t):
        return m[1] if int(m[1]) < 130 else None
    if m := _AGE_ABOUT.match(t):
        n = int(m[1])
        return f"{max(n - 3, 0)}-{n + 3}" if n < 130 else None
    if m := _AGE_ZH_DECADE.match(t):
        return f"{m[1]}1-{m[1]}9"
    if m := _AGE_DECADE.search(t):
        decade = int(m[1]) * 10
        low = t.casefold()
        if "early" in low:
            return f"{decade}-{decade + 3}"
        if "mid" in low:
            return f"{decade + 3}-{decade + 6}"
        if "late" in low:
            return f"{decade + 6}-{decade + 9}"
        return f"{decade}-{decade + 9}"
    return None


def id_number(text: str) -> str | None:
    """A resident ID number folded to its canonical writing (digits, capital X), if it looks like one."""
    t = re.sub(r"[\s\-‐]", "", _clean(text)).upper()
    return t if re.fullmatch(r"\d{17}[\dX]|\d{15}", t) else None


def phone(text: str) -> str | None:
    """A phone number as its digits (with a leading + kept), if it has 5 to 15 digits."""
    t = _clean(text)
    digits = re.sub(r"\D", "", t)
    if not 5 <= len(digits) <= 15:
        return None
    return ("+" if t.startswith("+") else "") + digits


NORMALISERS: dict[str, Callable[[str], str | None]] = {
    "sex": sex,
    "ethnicity": ethnicity,
    "birth_date": date_value,
    "detention_start": date_value,
    "detention_end": date_value,
    "recorded_at": date_value,
    "age": age,
    "id_number": id_number,
    "phone": phone,
}


_ID_SHAPE = re.compile(r"[0-9]{17}[0-9X]")


@lru_cache(maxsize=256)
def checked_id(text: str):
    """The `rollcall.places.ids.check` result for an ID as written (cached: ingest reads it twice a row)."""
    from rollcall.places import ids

    return ids.check(text, candidates=False)


def decode_id_number(text: str) -> tuple[str | None, dict | None]:
    """A resident ID folded to its canonical writing, with what it says: validity, birth date, sex,
    issuing county (code and Latin name) and what is wrong with it."""
    result = checked_id(text)
    if not _ID_SHAPE.fullmatch(result.number):
        return None, ({"valid": False, "errors": [e.kind for e in result.errors]} if result.number else None)
    detail = {"valid": result.valid, "birth_date": result.birth_date, "sex": result.sex,
              "county_code": result.county_code, "errors": [e.kind for e in result.errors]}
    if result.region is not None:
        detail["county"] = result.region.county
        detail["county_zh"] = result.region.county_zh
    if result.converted_from:
        detail["converted_from"] = result.converted_from
    return result.number, detail


PLACE_MIN_CONFIDENCE = 0.6


@lru_cache(maxsize=65536)
def decode_place(text: str) -> tuple[str | None, dict | None]:
    """The administrative code of the place an address or place name most likely names (any script),
    with the candidate's level, name and confidence, and the runner-up where there is one."""
    from rollcall import places

    found = places.resolve(text, limit=2)
    if not found or found[0].confidence < PLACE_MIN_CONFIDENCE:
        return None, None
    best = found[0]
    detail = {"code": best.place.code, "level": best.place.level, "name_zh": best.place.name_zh,
              "name": places.latin_name(best.place.code), "confidence": round(best.confidence, 3),
              "matched": best.matched}
    if len(found) > 1:
        detail["runner_up"] = {"code": found[1].place.code, "confidence": round(found[1].confidence, 3)}
    return best.place.code, detail


def decode_name(text: str) -> tuple[str | None, dict | None]:
    """A name in any script read by `rollcall.names`: the value is its best Latin reading ('ئىلھام توختى'
    → 'Ilham Toxti'); the detail gives the script, each part's Latin forms when there are several
    (买买提 → Memet, Mehmet, Muhemmet), the passport pinyin of a name in Chinese characters, and the
    blocking keys linkage and search meet on. None when the text holds no letters to read."""
    from rollcall import names

    # parse and keys rather than names.show: the same reading without building a view of every part,
    # which cost a quarter of the time on a register of distinct names
    parsed = names.parse(text)
    latin = " ".join(p.latin for p in parsed.parts if p.latin)
    if not latin:
        return None, None
    detail: dict = {"script": str(parsed.script), "latin": latin}
    if any(len(p.forms) > 1 for p in parsed.parts):
        detail["forms"] = [[f.latin for f in p.forms] for p in parsed.parts]
    if parsed.parts and all(p.script == names.Script.HAN for p in parsed.parts):
        from rollcall.names.pinyin import of_hanzi  # the passport pinyin names.show gives

        detail["pinyin"] = " ".join(of_hanzi(p.text).capitalize() for p in parsed.parts)
    detail["keys"] = sorted(names.keys(text))
    if parsed.extra:
        detail["not_compared"] = list(parsed.extra)
    return latin, detail


# Fields whose normalisation also decodes detail (an ID's birth date, an address's place code, a name's
# Latin forms): field -> fn(text) -> (value, detail). A testifier's name is left alone: it is kept, never
# made searchable.
Decoder = Callable[[str], tuple[str | None, dict | None]]
DECODERS: dict[str, Decoder] = {"id_number": decode_id_number, "household_address": decode_place,
                                "current_address": decode_place, "place": decode_place, "birth_place": decode_place,
                                "name": decode_name, "other_names": decode_name, "father_name": decode_name,
                                "mother_name": decode_name}


def normalise(field: str | None, text: str) -> str | None:
    """The normalised value of a cell mapped to `field`, or None where there is none."""
    return normalise_cell(field, text)[0]


def json_text(data: object) -> str:
    """JSON text as stored for every detail and flag: compact, letters of any script as written (orjson:
    an ID's detail in a seventh of the standard library's time, which counts at a million rows)."""
    return orjson.dumps(data).decode()


UNCACHED = {"id_number", "phone"}  # values that rarely repeat: a cache would only cost


def cell_normaliser(field: str | None) -> Callable[[str], tuple[str | None, str | None]] | None:
    """For the cells of one field: a function giving (normalised value, decoded detail as JSON text),
    or None when the field has no normaliser. Repeated values are served from a cache."""
    key = field or ""
    if key not in DECODERS and key not in NORMALISERS:
        return None

    def run(text: str) -> tuple[str | None, str | None]:
        value, detail = normalise_cell(key, text)
        return value, (json_text(detail) if detail else None)

    return run if key in UNCACHED else lru_cache(maxsize=65536)(run)


def normalise_cell(field: str | None, text: str) -> tuple[str | None, dict | None]:
    """The normalised value of a cell and what was decoded from it (or None for either)."""
    key = field or ""
    try:
        if key in DECODERS:
            return DECODERS[key](text)
        fn = NORMALISERS.get(key)
        return (fn(text), None) if fn else (None, None)
    except Exception:  # a normaliser must never lose a cell; the original is kept regardless
        return None, None
