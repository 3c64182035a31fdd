"""Which registry facilities a facility name, as a register or testimony writes it, may mean.

A name is read for three things: the county it is in (any writing the gazetteer resolves: 疏附县,
Shufu, Konasheher), the kind of facility (职业技能教育培训中心 or "vocational training centre" is a
re-education camp, 看守所 a detention centre, 监狱 a prison, 拘留所 an administrative detention centre
...), and an ordinal ("#1", "- I", "一所"). Facilities are then ranked: same county first, then same
type, then the same ordinal, then name similarity. A name that says only its county and kind
(疏附县职业技能教育培训中心) shares no letters with the datasets' names ("Konasheher Facility #1"), so its
name score comes from what it describes: high for a facility of that kind in that county, lower for one
of unknown type, lowest for another kind. A match is a candidate for a person to confirm.

Pure library: no Django; the registry passes its facilities in.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from rollcall.places.facilities import DETENTION, PRISON, RE_EDUCATION
from rollcall.places.normalise import simplified

# Longest keywords first: 职业技能教育培训中心 must win over 中心.
TYPE_KEYWORDS: tuple[tuple[str, str], ...] = (
    ("职业技能教育培训中心", RE_EDUCATION), ("职业技能培训中心", RE_EDUCATION), ("教育转化培训中心", RE_EDUCATION),
    ("教育转化", RE_EDUCATION), ("培训中心", RE_EDUCATION), ("培训学校", RE_EDUCATION), ("再教育", RE_EDUCATION),
    ("vocational", RE_EDUCATION), ("re-education", RE_EDUCATION), ("reeducation", RE_EDUCATION),
    ("training", RE_EDUCATION), ("camp", RE_EDUCATION), ("terbiyilesh", RE_EDUCATION),
    ("看守所", DETENTION), ("拘留所", DETENTION), ("留置", DETENTION), ("detention", DETENTION),
    ("戒毒所", DETENTION), ("jail", DETENTION),
    ("监狱", PRISON), ("劳改", PRISON), ("prison", PRISON), ("türme", PRISON), ("turme", PRISON),
)
# What a keyword says beyond the type (kept for people reading the match).
SUBTYPES = {"拘留所": "administrative detention", "戒毒所": "drug rehabilitation", "留置": "liuzhi"}

ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5, "vi": 6, "vii": 7, "viii": 8, "ix": 9, "x": 10,
         "xi": 11, "xii": 12}
CHINESE_NUMERALS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}


@dataclass(frozen=True)
class FacilityQuery:
    """What a facility name says: candidate county codes, a type, a subtype and an ordinal (numbering
    scheme, number): an ordinal only agrees with a name numbered in the same scheme. `descriptive` is
    true when the name says nothing but its place, its kind and perhaps its number (疏附县职业技能教育培训中心,
    'Shufu detention centre'): such a name is scored by what it describes (see `DESCRIPTIVE_SCORES`)."""

    text: str
    county_codes: tuple[str, ...]
    type: str | None
    subtype: str | None
    ordinal: tuple[str, int] | None
    descriptive: bool = False


@dataclass(frozen=True)
class FacilityEntry:
    """What the matcher needs to know of a registry facility."""

    key: str
    names: tuple[str, ...]
    type: str | None
    county_code: str | None
    prefecture_code: str | None = None


@dataclass
class FacilityMatch:
    """A facility the name may mean, with what agreed (county, type, ordinal) and a name score 0-100."""

    key: str
    name: str
    matched_name: str
    county: bool
    type: bool
    ordinal: bool
    name_score: float
    reasons: list[str] = field(default_factory=list)

    def to_dict(self) -> dict:
        """A JSON-ready dictionary."""
        return dict(self.__dict__)


def _ordinal(text: str) -> tuple[str, int] | None:
    """The facility's number within its county and the numbering scheme it belongs to ('#' for ASPI's
    "Facility #3", 'roman' for BuzzFeed's "Kashgar - III", 'zh' for 第三所), else None."""
    if m := re.search(r"#\s*(\d+)", text):
        return ("#", int(m[1]))
    if (m := re.search(r"(?:^|[\s\-–])([ivx]{1,4})\s*$", text.strip(), re.I)) and m[1].casefold() in ROMAN:
        return ("roman", ROMAN[m[1].casefold()])
    if m := re.search(r"第?([一二三四五六七八九十])(?:所|中心|监狱|看守所)", text):
        return ("zh", CHINESE_NUMERALS[m[1]])
    if m := re.search(r"(?:no\.?|number)\s*(\d+)", text, re.I):
        return ("#", int(m[1]))
    return None


# Words a facility name uses for "a facility", which tell nothing about which one.
_GENERIC_WORDS = re.compile(r"#\s*\d+|\bfacility\b|\bcentre\b|\bcenter\b|\bcounty\b|\bcity\b|\bno\.?\s*\d+|"
                            r"[-–(),.#·]|第?[一二三四五六七八九十]+|[中心所县市区]", re.I)


def _without_type_words(text: str) -> str:
    for keyword, _ in TYPE_KEYWORDS:
        text = re.sub(re.escape(keyword), " ", text, flags=re.I)
    return text


def _place_part(text: str) -> tuple[tuple[str, ...], str]:
    """County codes the name's place part resolves to (the longest place-like prefix that resolves), and
    that part as written ('' when none resolves)."""
    from rollcall import places

    stripped = _without_type_words(text)
    stripped = re.sub(r"#\s*\d+|\bfacility\b|\bcentre\b|\bcenter\b|\bcounty\b|\bcity\b|[-–(),]", " ", stripped,
                      flags=re.I)
    stripped = re.sub(r"\s+(?:[ivx]{1,4})\s*$", " ", stripped.strip(), flags=re.I).strip()
    tries: list[str] = []
    if re.search(r"[\u4e00-\u9fff]", stripped):
        # Chinese: the place is the leading run up to its suffix (县, 市, 区, 镇, 乡).
        if m := re.match(r"^(.+?[县市区镇乡])", stripped):
            tries.append(m[1])
        tries.append(stripped[:2])
    else:
        words = stripped.split()
        tries += [" ".join(words[:n]) for n in range(len(words), 0, -1)]
    for attempt in tries:
        found = [c for c in places.resolve(attempt, limit=10)
                 if c.place.level in ("county", "prefecture") and c.place.current and c.confidence >= 0.8]
        if found:
            best = max(c.confidence for c in found)
            return tuple(dict.fromkeys(c.place.code for c in found if c.confidence == best)), attempt
    return (), ""


def _county_codes(text: str) -> tuple[str, ...]:
    """County codes the name's place part resolves to (the longest place-like prefix that resolves)."""
    return _place_part(text)[0]


def parse_facility_name(text: str) -> FacilityQuery:
    """Read a facility name (simplified or traditional characters, any Latin spelling) for its county,
    type and ordinal."""
    text = simplified(text)
    folded = text.casefold()
    ftype = subtype = None
    for keyword, kind in TYPE_KEYWORDS:
        if keyword.casefold() in folded:
            ftype, subtype = kind, SUBTYPES.get(keyword)
            break
    codes, place_text = _place_part(text)
    rest = _without_type_words(text.replace(place_text, " ", 1)) if place_text else ""
    rest = re.sub(r"(?:^|\s)[ivx]{1,4}\s*$", " ", _GENERIC_WORDS.sub(" ", rest), flags=re.I)
    descriptive = bool(codes) and ftype is not None and not rest.strip()
    return FacilityQuery(text, codes, ftype, subtype, _ordinal(text), descriptive)


# Name scores (0-100) of a descriptive name (county + kind) for a facility of its county, by the
# facility's type: its own kind, a facility of unknown type, one of another kind. An agreeing ordinal
# adds ORDINAL_BONUS.
DESCRIPTIVE_SCORES = {"same": 90.0, "unknown": 60.0, "other": 30.0}
ORDINAL_BONUS = 10.0


def _descriptive_score(query: FacilityQuery, fac: FacilityEntry, same_ordinal: bool) -> float:
    """What a name that only says county and kind scores for a facility of that county."""
    if fac.type is None:
        base = DESCRIPTIVE_SCORES["unknown"]
    else:
        base = DESCRIPTIVE_SCORES["same" if fac.type == query.type else "other"]
    return min(100.0, base + (ORDINAL_BONUS if same_ordinal else 0.0))


def match_facility(text: str, facilities: Iterable[FacilityEntry] = (), *, limit: int = 5) -> list[FacilityMatch]:
    """Registry facilities `text` may name, best first: same county, then type, then ordinal, then name
    similarity. Facilities in another county are left out when the county is known."""
    query = parse_facility_name(text)
    out: list[FacilityMatch] = []
    for fac in facilities:
        in_county = bool(query.county_codes) and (fac.county_code in query.county_codes
                                                  or fac.prefecture_code in query.county_codes)
        if query.county_codes and not in_county:
            continue
        same_type = query.type is not None and fac.type == query.type
        ordinals = {_ordinal(n) for n in fac.names}
        same_ordinal = query.ordinal is not None and query.ordinal in ordinals
        scored = sorted(((fuzz.WRatio(query.text, n), n) for n in fac.names), key=lambda p: -p[0])
        score, best_name = scored[0] if scored else (0.0, "")
        if query.descriptive and in_county:
            # 疏附县职业技能教育培训中心 shares no letters with 'Konasheher Facility #1': score what it describes
            score = max(score, _descriptive_score(query, fac, same_ordinal))
        reasons = [r for r, ok in (("county", in_county), ("type", same_type), ("ordinal", same_ordinal)) if ok]
        if not reasons and score < 70:
            continue
        out.append(FacilityMatch(fac.key, fac.names[0] if fac.names else fac.key, best_name, in_county, same_type,
                                 same_ordinal, round(score, 1), reasons))
    out.sort(key=lambda m: (not m.county, not m.type, not m.ordinal, -m.name_score, m.key))
    return out[:limit]
