"""Resident ID numbers of the People's Republic of China: check, decode, convert, and suggest corrections.

A number is 18 characters: a 6-digit region code (where it was issued: 65xxxx is Xinjiang), the birth date
YYYYMMDD, a 3-digit sequence (odd for men, even for women) and an ISO 7064 MOD 11-2 check character
(0-9 or X). Old 15-digit numbers lack the century and the check character; they are converted to 18.

The checksum, the date and the region are checked with python-stdnum's `stdnum.cn.ric` and its region
table, against the birth year as stdnum does, with one difference: a code that came into use only after
the birth year is a warning, not an error (numbers are issued for life, so a person first registered
later in a new county carries its new code), while a code retired before the birth year is an error.
The prefecture and the Latin names come from the gazetteer (`rollcall.places`) where it knows the code,
else from the pinyin of the whole Chinese name. The region table's groupings at the prefecture level
(自治区直辖县级行政单位 above the Corps cities, 市辖区 above a municipality's districts) are not
prefectures: such a region has no prefecture, and a note says why.

For an invalid number, `candidates` are the valid numbers one edit away (a typed or OCR'd character, two
swapped neighbours, a character missed or doubled), most plausible first. They are suggestions for a
human to check against the source, never corrections.

Pure library: no Django.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import asdict, dataclass, field
from datetime import date
from functools import lru_cache
from typing import NamedTuple

from stdnum import numdb
from stdnum.cn import ric
from stdnum.exceptions import ValidationError

from rollcall.places.gazetteer import PLACEHOLDERS

XINJIANG_PREFIX = "65"
EARLIEST_YEAR = 1900

# Characters OCR confuses with digits (and digits with each other), read as the digit they stand for.
OCR_LOOKALIKES: dict[str, tuple[str, ...]] = {
    "0": ("O", "D", "Q", "U"), "1": ("I", "L", "|", "7", "!"), "2": ("Z",), "5": ("S",), "6": ("G", "b"),
    "8": ("B", "3"), "9": ("g", "q"), "4": ("A",), "7": ("1", "T"),
}
# Digit pairs that OCR or handwriting often confuse.
OCR_DIGIT_PAIRS = {frozenset(p) for p in ("17", "38", "56", "69", "08", "49", "35", "89", "X8", "X1")}
# Neighbours on the top row of a keyboard and on a numeric keypad.
_ROW = "1234567890"
_PAD = ("789", "456", "123", "0")


def _keyboard_pairs() -> set[frozenset[str]]:
    pairs = {frozenset(_ROW[i:i + 2]) for i in range(len(_ROW) - 1)}
    for row in _PAD:
        pairs |= {frozenset(row[i:i + 2]) for i in range(len(row) - 1)}
    for upper, lower in zip(_PAD, _PAD[1:], strict=False):
        pairs |= {frozenset((a, b)) for a, b in zip(upper, lower, strict=False)}
    return pairs


KEYBOARD_PAIRS = _keyboard_pairs()

# Edit kinds, most plausible first (the order candidates are ranked by).
EDIT_KINDS = ("ocr", "keyboard", "transposition", "omission", "duplication", "substitution")

# ASCII digits only: `\d` would also take full-width and other scripts' digits, which `normalise` folds
_SHAPE = re.compile(r"[0-9]{17}[0-9X]")
_DIGITS15 = re.compile(r"[0-9]{15}")
_ASCII_DIGITS = frozenset("0123456789")
_ARABIC_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
_DIGITS6 = re.compile(r"[0-9]{6}")
_IN_USE = re.compile(r"\[(\d{4})-(\d{4})?\]")
_CJK = re.compile(r"[\u3400-\u9fff]")
_SEPARATORS = re.compile(r"[\s\-‐‑‒–—_./·]")


@dataclass(frozen=True)
class Region:
    """Where a number was issued, as the region table had it in the birth year, in Chinese and Latin.

    `prefecture_zh` and `prefecture` are None when no prefecture stands between the county and the
    province: a Corps city administered by the region itself, a district of a municipality (Beijing),
    a province-level code. `note` then says why, in a sentence (None otherwise).
    """

    code: str
    county_zh: str
    prefecture_zh: str | None
    province_zh: str
    county: str
    prefecture: str | None
    province: str
    in_xinjiang: bool
    note: str | None = None


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a number: a stable `kind` (length, format, checksum, birth_date,
    future_birth_date, unknown_region, region_not_in_use; as warnings: region_created_after_birth) and a
    sentence for people."""

    kind: str
    message: str


@dataclass(frozen=True)
class IdCandidate:
    """A valid number one edit away from what was given: which edit (see EDIT_KINDS), at which
    1-based position of the normalised input, and what the number decodes to."""

    number: str
    edit: str
    position: int
    detail: str
    birth_date: str
    sex: str
    county_code: str
    county: str
    in_xinjiang: bool


@dataclass
class IdCheck:
    """What a resident ID number says, or what is wrong with it.

    `input` is the text exactly as given; `number` the normalised form (digits and capital X; a 15-digit
    number converted to 18 when it can be); `valid` whether checksum, date and region hold.
    """

    input: str
    number: str
    valid: bool
    birth_date: str | None = None
    sex: str | None = None
    county_code: str | None = None
    region: Region | None = None
    converted_from: str | None = None
    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    candidates: list[IdCandidate] = field(default_factory=list)

    def to_dict(self) -> dict:
        """A JSON-ready dictionary (the shape `rollcall id check --json` prints)."""
        data = asdict(self)
        region = data.pop("region")
        data["region"] = region
        return data


def normalise(text: str) -> str:
    """The number with spaces, hyphens and similar separators removed, full-width forms and Arabic-script
    digits (٠-٩, ۰-۹) folded and a lowercase x made capital; other characters are kept so that they can be
    reported."""
    if _SHAPE.fullmatch(text):  # already as stored: most numbers of a register
        return text
    folded = unicodedata.normalize("NFKC", text).strip().translate(_ARABIC_DIGITS)
    folded = _SEPARATORS.sub("", folded)
    return folded[:-1] + "X" if folded.endswith("x") else folded


def check_char(first17: str) -> str:
    """The MOD 11-2 check character (0-9 or X) for the first 17 digits of a number."""
    return ric.calc_check_digit(first17 + "0")


def convert_15(number15: str) -> str:
    """The 18-character form of an old 15-digit number: century 19 inserted, check character added."""
    if not _DIGITS15.fullmatch(number15):
        raise ValueError(f"not a 15-digit number: {number15!r}")
    first17 = number15[:6] + "19" + number15[6:]
    return first17 + check_char(first17)


def _names_in_year(raw: str, year: int) -> str | None:
    """The name a region-table entry gave its code in a year ('[1983-2015]X,[2016-]Y' style)."""
    for entry in raw.split(","):
        if not entry.startswith("["):
            return entry
        span, name = entry[1:].split("]", 1)
        start, end = span.split("-")
        if (not start or year >= int(start)) and (not end or year <= int(end)):
            return name
    return None


@lru_cache(maxsize=4096)
def _table(code: str) -> dict[str, str]:
    return {k: v for _part, props in numdb.get("cn/loc").info(code) for k, v in props.items()}


@lru_cache(maxsize=65536)  # a register's IDs come from a few hundred counties
def region_known(code: str) -> bool:
    """Whether the region table has a county-level entry for a 6-digit code (in any year)."""
    return bool(_DIGITS6.fullmatch(code)) and "county" in _table(code)


# Chinese generic endings and their English level words, longest first.
_KINDS = (("维吾尔自治区", "Uyghur Autonomous Region"), ("自治区", "Autonomous Region"),
          ("自治州", "Autonomous Prefecture"), ("自治县", "Autonomous County"), ("地区", "Prefecture"),
          ("省", "Province"), ("市", "City"), ("县", "County"), ("区", "District"), ("盟", "League"),
          ("旗", "Banner"))
# Groupings the region table lists as if they were units (gazetteer.PLACEHOLDERS), in English.
_PLACEHOLDER_LATIN = {"市辖区": "City Districts", "县": "Counties", "市区": "Urban Area",
                      "省直辖县级行政单位": "County-level units under the province",
                      "省直辖县级行政区划": "County-level units under the province",
                      "自治区直辖县级行政单位": "County-level units under the region",
                      "自治区直辖县级行政区划": "County-level units under the region"}


def _pinyin_latin(name_zh: str) -> str:
    """A Latin name for a Chinese unit name the gazetteer does not know: pinyin plus an English kind,
    the pinyin read from the whole name (朝阳区 → Chaoyang District, not Zhaoyang)."""
    from rollcall.places.pinyin import proper_pinyin

    if name_zh in _PLACEHOLDER_LATIN:
        return _PLACEHOLDER_LATIN[name_zh]
    for suffix, english in _KINDS:
        if name_zh.endswith(suffix) and len(name_zh) > len(suffix):
            return f"{proper_pinyin(name_zh, suffix)} {english}"
    return proper_pinyin(name_zh)


def _no_prefecture_note(code: str, grouping: str, province_zh: str) -> str:
    """Why a code has no prefecture: what the region table's placeholder at the prefecture level means."""
    if "直辖县级" in grouping:
        who = "the autonomous region" if province_zh.endswith("自治区") else "the province"
        corps = "; a city of the Production and Construction Corps" if code.startswith("659") else ""
        return f"a county-level unit administered directly by {who}, not by a prefecture{corps}"
    return f"a {'county' if grouping == '县' else 'district'} of the municipality {province_zh}, which has no " \
           "prefecture level"


@lru_cache(maxsize=4096)
def _gazetteer_latin(code: str) -> dict[str, str]:
    """Latin names of the county, prefecture and province of a code, from the gazetteer if it has them."""
    try:
        from rollcall import places
        chain = places.lineage(code)
    except (ImportError, AttributeError, KeyError, LookupError, ValueError):
        return {}
    latin: dict[str, str] = {}
    for place in chain or []:
        try:
            name = places.latin_name(place.code)
        except (KeyError, LookupError, ValueError):
            name = ""
        # Outside Xinjiang the gazetteer may only know the Chinese name: pinyin is better than hanzi.
        if name and not _CJK.search(name) and place.level in ("county", "prefecture", "province"):
            latin.setdefault(place.level, name)
    return latin


@lru_cache(maxsize=65536)
def decode_region(code: str, year: int) -> Region | None:
    """The region a 6-digit code named in a year (None if the code was not in use then)."""
    try:
        info = ric.get_birth_place(f"{code}{year:04d}0101")
    except KeyError:  # the province is known, the county code is not
        return None
    except ValidationError:
        return None
    county_zh = info["county"]
    province_zh = info.get("province", "")
    prefecture_zh: str | None = None
    note = None
    if code[4:] != "00":
        raw = _table(code[:4] + "00").get("county", "")
        named = (_names_in_year(raw, year) or "") if raw else ""
        if named in PLACEHOLDERS:
            note = _no_prefecture_note(code, named, province_zh)
        elif named:
            prefecture_zh = named
    if county_zh in PLACEHOLDERS:
        whole = _PLACEHOLDER_LATIN.get(county_zh, "units").lower()
        note = f"the code stands for the {whole} of {prefecture_zh or province_zh} as a group ({county_zh}), " \
               "not for one county"
    latin = _gazetteer_latin(code)
    return Region(
        code=code, county_zh=county_zh, prefecture_zh=prefecture_zh, province_zh=province_zh,
        county=latin.get("county") or _pinyin_latin(county_zh),
        prefecture=(latin.get("prefecture") or _pinyin_latin(prefecture_zh)) if prefecture_zh else None,
        province=latin.get("province") or (_pinyin_latin(province_zh) if province_zh else ""),
        in_xinjiang=code.startswith(XINJIANG_PREFIX), note=note,
    )


@lru_cache(maxsize=65536)
def first_year_in_use(code: str, year: int) -> int | None:
    """The first year after `year` in which a region code came into use, if it was not in use in `year`
    but was later (a county created or renamed after the holder's birth)."""
    raw = _table(code).get("county", "")
    starts = [int(m[1]) for m in _IN_USE.finditer(raw)]
    later = [y for y in starts if y > year]
    return min(later) if later else None


def _birth_date(number: str) -> date | None:
    try:
        return date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        return None


def _sex(number: str) -> str:
    return "male" if int(number[16]) % 2 else "female"


class _Reading(NamedTuple):
    """What examining an 18-character number found: its problems, its birth date, the region its code
    named in the birth year, and the later year the code came into use when it was not in use then."""

    problems: list[Problem]
    born: date | None = None
    region: Region | None = None
    in_use_from: int | None = None


def _read(number: str, today: date) -> _Reading:
    """Examine a normalised number once: what is wrong with it (nothing when it is valid) and what it
    encodes."""
    if len(number) != 18:
        return _Reading([Problem("length", f"has {len(number)} characters; a resident ID has 18 (or 15, "
                                           "old style)")])
    if not _SHAPE.fullmatch(number):
        bad = [(i + 1, c) for i, c in enumerate(number) if not (c in _ASCII_DIGITS or (i == 17 and c == "X"))]
        where = ", ".join(f"{c!r} at position {i}" for i, c in bad)
        return _Reading([Problem("format", f"has characters that are not digits: {where} (only the last may "
                                           "be X)")])
    problems: list[Problem] = []
    expected = check_char(number[:17])
    if number[17] != expected:
        problems.append(Problem("checksum", f"check character is {number[17]}, the first 17 digits "
                                            f"give {expected}"))
    born = _birth_date(number)
    if born is None:
        problems.append(Problem("birth_date", f"characters 7-14 ({number[6:14]}) are not a real date"))
    elif born > today:
        problems.append(Problem("future_birth_date", f"birth date {born.isoformat()} is in the future"))
    elif born.year < EARLIEST_YEAR:
        problems.append(Problem("birth_date", f"birth year {born.year} is before {EARLIEST_YEAR}"))
    code = number[:6]
    region = decode_region(code, born.year) if born is not None else None
    in_use_from = first_year_in_use(code, born.year) if born is not None and region is None else None
    if not region_known(code):
        problems.append(Problem("unknown_region", f"region code {code} is not in the region table"))
    elif born is not None and region is None and in_use_from is None:
        problems.append(Problem("region_not_in_use", f"region code {code} was retired before {born.year}, "
                                                     "so no number with this birth year can carry it"))
    return _Reading(problems, born, region, in_use_from)


def is_valid(number: str, *, today: date | None = None) -> bool:
    """Whether a normalised 18-character number is valid (checksum, plausible date, region of its year)."""
    return not _read(number, today or date.today()).problems


def _edits(number: str) -> list[tuple[str, str, int, str]]:
    """Every string one edit from `number`: (candidate, edit kind, 1-based position, description)."""
    out: list[tuple[str, str, int, str]] = []
    alphabet = "0123456789X"
    for i, c in enumerate(number):
        looks = {d for d, shapes in OCR_LOOKALIKES.items() if c in shapes or c.upper() in shapes}
        for d in alphabet:
            if d == c or (d == "X" and i != 17):
                continue
            pair = frozenset((c, d))
            if d in looks or pair in OCR_DIGIT_PAIRS:
                kind = "ocr"
            elif pair in KEYBOARD_PAIRS:
                kind = "keyboard"
            else:
                kind = "substitution"
            out.append((number[:i] + d + number[i + 1:], kind, i + 1, f"{c} read as {d}"))
    for i in range(len(number) - 1):
        if number[i] != number[i + 1]:
            swapped = number[:i] + number[i + 1] + number[i] + number[i + 2:]
            out.append((swapped, "transposition", i + 1, f"{number[i]}{number[i + 1]} swapped"))
    if len(number) == 17:
        for i in range(18):
            for d in alphabet:
                if d == "X" and i != 17:
                    continue
                out.append((number[:i] + d + number[i:], "omission", i + 1, f"missing {d} inserted"))
    if len(number) == 19:
        for i in range(19):
            kind = "duplication" if (i and number[i] == number[i - 1]) else "substitution"
            out.append((number[:i] + number[i + 1:], kind, i + 1, f"extra {number[i]} removed"))
    return out


def find_candidates(number: str, *, today: date | None = None, limit: int | None = None) -> list[IdCandidate]:
    """Valid numbers one edit away from a normalised number, most plausible first: OCR and keyboard
    slips before swaps before other edits, then numbers issued in Xinjiang before others."""
    today = today or date.today()
    if not 17 <= len(number) <= 19:
        return []
    seen: dict[str, IdCandidate] = {}
    rank = {kind: n for n, kind in enumerate(EDIT_KINDS)}
    for text, kind, position, detail in _edits(number):
        if len(text) != 18 or not _SHAPE.fullmatch(text) or text[17] != check_char(text[:17]):
            continue
        reading = _read(text, today)
        born, region = reading.born, reading.region
        if reading.problems or born is None or region is None:
            continue
        cand = IdCandidate(text, kind, position, detail, born.isoformat(), _sex(text), text[:6],
                           region.county_zh, region.in_xinjiang)
        if text not in seen or rank[kind] < rank[seen[text].edit]:
            seen[text] = cand
    ordered = sorted(seen.values(), key=lambda c: (rank[c.edit], not c.in_xinjiang, c.position, c.number))
    return ordered[:limit]


def check(text: str, *, today: date | None = None, candidates: bool = True) -> IdCheck:
    """Check and decode one resident ID number as written (separators and a lowercase x are allowed).

    Invalid numbers carry `errors`, and, when `candidates` is true, the valid numbers one edit away.
    """
    today = today or date.today()
    number = normalise(text)
    converted_from = None
    if _DIGITS15.fullmatch(number):
        converted_from, number = number, convert_15(number)
    result = IdCheck(input=text, number=number, valid=False, converted_from=converted_from)
    reading = _read(number, today)
    result.errors = reading.problems
    if len(number) == 18 and _SHAPE.fullmatch(number):
        born = reading.born
        result.county_code = number[:6]
        result.sex = _sex(number)
        if born is not None:
            result.birth_date = born.isoformat()
            result.region = reading.region
            if reading.in_use_from is not None:
                result.region = decode_region(number[:6], reading.in_use_from)
                # numbers are issued for life: a person first registered later can carry a newer code
                if not result.errors and region_known(number[:6]):
                    result.warnings = [Problem(
                        "region_created_after_birth",
                        f"region code {number[:6]} came into use in {reading.in_use_from}, after the birth "
                        f"year {born.year}: possible for a late first registration, but worth checking")]
    result.valid = not result.errors
    if not result.valid and candidates:
        result.candidates = find_candidates(number, today=today)
    return result
