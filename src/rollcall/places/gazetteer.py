"""The table of places: Xinjiang from our own CSV (all scripts), the rest of China from python-stdnum's
`cn/loc.dat` (Chinese names and validity years only), looked up by code."""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from dataclasses import replace
from functools import cache, lru_cache
from importlib import resources

from rollcall.places.model import Place
from rollcall.places.pinyin import pinyin_name

XINJIANG = "65"
PROVINCE_XINJIANG = "650000"
_YEARS = re.compile(r"^\[(\d*)-(\d*)\](.*)$")
# stdnum lists these groupings, which are not administrative units of their own: the districts of a city
# (市辖区), the counties of a municipality (县), county-level units a province or region administers
# directly (Corps cities, 直辖县级行政单位), a city's urban area (市区).
PLACEHOLDERS = ("市辖区", "县", "省直辖县级行政单位", "自治区直辖县级行政单位", "省直辖县级行政区划",
                 "自治区直辖县级行政区划", "市区")


def normalise_code(code: str) -> str:
    """A code as the 6-digit form we key on: '6531' and '653100' both mean Kashgar prefecture."""
    code = (code or "").strip()
    if code.isdigit() and len(code) in (2, 4):
        return code.ljust(6, "0")
    return code


def level_of(code: str) -> str:
    """The level a 6-digit code's shape implies (province, prefecture or county)."""
    if code.endswith("0000"):
        return "province"
    if code.endswith("00"):
        return "prefecture"
    return "county"


def parent_of(code: str) -> str | None:
    """The code one level up, by shape (the table may override it)."""
    if len(code) > 6:
        return code[:6]
    if code.endswith("0000"):
        return None
    if code.endswith("00"):
        return code[:2] + "0000"
    return code[:4] + "00"


def _int(text: str) -> int | None:
    text = (text or "").strip()
    return int(text) if text else None


def _split(text: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in (text or "").split(";") if part.strip())


def _read_xinjiang() -> list[Place]:
    """Our own table of Xinjiang's units (see data/README.md for columns and sources)."""
    source = resources.files("rollcall.places").joinpath("data", "xinjiang.csv")
    with source.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    places = []
    for row in rows:
        places.append(Place(
            code=row["code"].strip(),
            level=row["level"].strip(),
            name_zh=row["name_zh"].strip(),
            pinyin=row["pinyin"].strip(),
            name_ug=row["name_ug"].strip(),
            name_uly=row["name_uly"].strip(),
            english=_split(row["english"]),
            parent=row["parent"].strip() or None,
            valid_from=_int(row["valid_from"]),
            valid_to=_int(row["valid_to"]),
            partial=row["partial"].strip() in ("1", "true", "yes"),
            other_names=_split(row["other_names"]),
            former_codes=_split(row.get("former_codes", "")),
        ))
    return places


def stdnum_entries() -> Iterator[tuple[str, str, int | None, int | None, tuple[str, ...]]]:
    """Every code in stdnum's table: (code, current name, first year, last year, former names)."""
    from stdnum import numdb

    db = numdb.get("cn/loc")
    for _, low, _high, props, children in db.prefixes:
        province = props.get("province", "")
        for _, sub, _subhigh, subprops, _ in children:
            code = low + sub
            spans = []
            for part in subprops.get("county", "").split(","):
                match = _YEARS.match(part.strip())
                if match:
                    spans.append((_int(match.group(1)), _int(match.group(2)), match.group(3).strip()))
                else:
                    spans.append((None, None, part.strip()))
            if not spans:
                continue
            name = spans[-1][2]
            if code.endswith("0000") and not name:
                name = province
            first = spans[0][0]
            last = spans[-1][1]
            former = tuple(dict.fromkeys(s[2] for s in spans[:-1] if s[2] and s[2] != name))
            yield code, name, first, last, former


def _read_rest_of_china() -> list[Place]:
    """Units outside Xinjiang, Chinese names only (partial: no Latin or Uyghur writings)."""
    places = []
    for code, name, first, last, former in stdnum_entries():
        if code.startswith(XINJIANG) and code != PROVINCE_XINJIANG:
            continue
        if name in PLACEHOLDERS or not name:
            continue
        places.append(Place(
            code=code, level=level_of(code), name_zh=name, pinyin="", name_ug="", name_uly="",
            english=(), parent=parent_of(code), valid_from=first, valid_to=last,
            partial=code != PROVINCE_XINJIANG, other_names=former,
        ))
    return places


@cache
def _table() -> dict[str, Place]:
    table: dict[str, Place] = {}
    for place in _read_rest_of_china():
        table[place.code] = place
    for place in _read_xinjiang():
        table[place.code] = place
    for code, place in table.items():
        # Districts of municipalities hang under a placeholder (110100 市辖区) we leave out: climb past it.
        parent = place.parent
        while parent is not None and parent not in table:
            parent = parent_of(parent)
        if parent != place.parent:
            table[code] = replace(place, parent=parent)
    return table


def all_places() -> list[Place]:
    """Every place in the gazetteer, in code order."""
    return sorted(_table().values(), key=lambda p: p.code)


def get(code: str) -> Place | None:
    """The place with this code (6 digits; '65' and '6531' short forms accepted), or None."""
    return _table().get(normalise_code(code))


def children(code: str) -> list[Place]:
    """The places whose parent is this code, in code order."""
    code = normalise_code(code)
    return [p for p in all_places() if p.parent == code]


def lineage(code: str) -> list[Place]:
    """The place and its ancestors, nearest first: county → prefecture → province. Empty if unknown."""
    chain: list[Place] = []
    place = get(code)
    while place is not None and place not in chain:
        chain.append(place)
        place = get(place.parent) if place.parent else None
    return chain


@cache
def _successor_codes() -> dict[str, tuple[str, ...]]:
    """Code → codes of the units that continue it (the inverse of `Place.former_codes`)."""
    table: dict[str, list[str]] = {}
    for place in all_places():
        for old in place.former_codes:
            table.setdefault(old, []).append(place.code)
    return {code: tuple(new) for code, new in table.items()}


def successors(code: str) -> list[Place]:
    """The units that directly continue this code under a new one (库车县 652923 → 库车市 652902), empty
    for a unit never re-coded or one we have no record of."""
    return [p for c in _successor_codes().get(normalise_code(code), ()) if (p := get(c)) is not None]


@lru_cache(maxsize=8192)
def later_codes(code: str) -> tuple[str, ...]:
    """The code and every code that continued it since, following re-codings forward, in the order they
    came (652401 伊宁市 → 654101 → 654002). A unit that was merged leads to the merged unit."""
    code = normalise_code(code)
    seen = [code]
    for current in seen:
        seen.extend(c for c in _successor_codes().get(current, ()) if c not in seen)
    return tuple(seen)


_KINDS = (  # Chinese suffix → English level word, longest first
    ("维吾尔自治区", "Uyghur Autonomous Region"), ("自治区", "Autonomous Region"),
    ("自治州", "Autonomous Prefecture"), ("自治县", "Autonomous County"), ("地区", "Prefecture"),
    ("省", "Province"), ("县", "County"), ("市", "City"), ("区", "District"), ("旗", "Banner"),
)


def english_kind(name_zh: str) -> str:
    """The English level word a Chinese unit name ends in ('疏附县' → 'County'), '' if none."""
    for suffix, word in _KINDS:
        if name_zh.endswith(suffix):
            return word
    return ""


def latin_name(code: str) -> str:
    """The best Latin label for display: the common name, the pinyin name in brackets when it differs,
    and the level word ('Konasheher (Shufu) County'); '' for an unknown code."""
    place = get(code)
    if place is None:
        return ""
    kind = english_kind(place.name_zh)
    pinyin_core = place.pinyin.split(" ")[0] if place.pinyin else ""
    if place.english:
        core = place.english[0]
        # the fullest English form of the preferred name carries the ethnic part: 'Tajik Autonomous County'
        fuller = [e for e in place.english if e.startswith(core + " ") and e.endswith(kind)]
        if kind and fuller:
            kind = max(fuller, key=len)[len(core) + 1:]
        if pinyin_core and _squash(pinyin_core) != _squash(core):
            core = f"{core} ({pinyin_core})"
    else:
        core = pinyin_core or pinyin_name(place.name_zh).split(" ")[0] or place.name_zh
    return f"{core} {kind}".strip()


def _squash(text: str) -> str:
    return "".join(ch for ch in text.casefold() if ch.isalnum())
