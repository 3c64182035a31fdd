"""What linkage compares: one row of features per record, derived from its statements.

Every feature is derived from statements (never edited), so a re-run sees exactly what the evidence says.
Birth years are kept as a range (`birth_lo`..`birth_hi`) because testimonies give ages like "in his 40s".
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache

from django.db import connection

from rollcall.people.detention import detention_began, outcome

FIELDS = ("name", "other_names", "father_name", "sex", "birth_date", "age", "id_number", "household_address",
          "birth_place", "current_address", "detention_start", "recorded_at", "place", "last_contact", "notes",
          "detention_status", "sentence")
# Ages in testimonies and registers were stated some time between the first leaks and now.
AGE_REFERENCE_YEARS = (2017, 2024)



@dataclass
class NameFeatures:
    """How a name is compared: a canonical writing and blocking keys."""

    canon: str | None
    keys: list[str]
    part_keys: list[str] = field(default_factory=list)  # keys of single parts, for partial names
    parts: int = 0
    frame: str | None = None  # what the name's commonness is counted by (whole names only)


NameFn = Callable[[str], NameFeatures]


def _id_parts(number: str | None) -> tuple[str | None, str | None, str | None]:
    """Birth date (ISO), sex and county code read from an 18-character resident ID, where well formed."""
    if not number or len(number) != 18 or not number[:17].isdigit():
        return None, None, None
    y, m, d = number[6:10], number[10:12], number[12:14]
    if not (1900 <= int(y) <= 2030 and 1 <= int(m) <= 12 and 1 <= int(d) <= 31):
        return None, number[:6], None
    return f"{y}-{m}-{d}", number[:6], "male" if int(number[16]) % 2 else "female"


_YEAR = re.compile(r"\d{4}")


def _year(text: str | None) -> int | None:
    if text and _YEAR.match(text):
        return int(text[:4])
    return None


def _age_range(value: str | None, ref_year: int | None) -> tuple[int | None, int | None]:
    if not value:
        return None, None
    lo, _, hi = value.partition("-")
    lo_age, hi_age = int(lo), int(hi or lo)
    first, last = (ref_year, ref_year) if ref_year else AGE_REFERENCE_YEARS
    return first - hi_age - 1, last - lo_age


# A township written in an address: "...英吉沙县托克扎克乡1村..." (after the county, before 乡 or 镇),
# "Tokzak village, Yengisar", "توققۇزاق يېزىسى". Compared across scripts as a name is.
_TOWNSHIP = re.compile(r"[县市区]([^\d\s县市区州省乡镇村组号]{2,8}?)[乡镇]"
                       r"|\b([A-Z][^\W\d_]{2,})\s+(?:[Vv]illage|[Tt]ownship|[Tt]own)\b"
                       r"|(\S{3,})\s+(?:يېزىسى|يېزا|بازىرى)")
# words before "village" that are not its name ("The village", "Our village", "بىزنىڭ يېزا")
_NOT_TOWNSHIPS = {"the", "our", "my", "his", "her", "their", "same", "home", "this", "that", "native", "old",
                  "بىزنىڭ", "ئۇنىڭ", "مېنىڭ", "ئۇلارنىڭ"}


def _township(first: First, name_fn: NameFn) -> str | None:
    """The township (or village) of the record's home, as written, where an address names one that can
    be read across scripts."""
    for f in ("household_address", "birth_place", "current_address", "place"):
        for m in _TOWNSHIP.finditer(first[f][0] if f in first and first[f][0] else ""):
            township = m[1] or m[2] or m[3]
            if township.lower() not in _NOT_TOWNSHIPS and name_fn(township).part_keys:
                return township
    return None


def _id_forms(number: str | None) -> tuple[str | None, str | None]:
    """Two forms of an ID number that survive a clerk's typical errors: its body (the 17 characters before
    the check character, which may be wrong or dropped) and the body's digits in sorted order (equal when
    two digits were swapped)."""
    if not number or len(number) < 17 or not number[:17].isdigit():
        return None, None
    return number[:17], "".join(sorted(number[:17]))


def _id_valid(detail: str | None) -> bool:
    """Whether ingest found the ID number valid (checksum, date and region)."""
    if not detail:
        return False
    try:
        return bool(json.loads(detail).get("valid"))
    except (ValueError, AttributeError):
        return False


@lru_cache(maxsize=65536)  # a register's few hundred villages repeat on every row
def _place_code(detail: str | None) -> str | None:
    if not detail:
        return None
    try:
        data = json.loads(detail)
    except ValueError:
        return None
    code = data.get("code") if isinstance(data, dict) else None
    return code if isinstance(code, str) and len(code) == 6 else None


def record_features(name_fn: NameFn, source_ids: list[int] | None = None,
                    id_range: tuple[int, int] | None = None, *, public: bool = False) -> Iterator[dict]:
    """One feature row per record (optionally only of some sources, and of record ids lo <= id < hi), in
    record order; with `public`, each also with its `public_facets` (`public_search_facets`) and the
    `detention_facets` a search reads."""
    marks = ",".join(["%s"] * len(FIELDS))
    sql = ("SELECT r.id, r.source_id, s.field, s.original, s.value, s.detail FROM records_record r "
           f"LEFT JOIN records_statement s ON s.record_id = r.id AND s.field IN ({marks}) WHERE 1 = 1")
    params: list = list(FIELDS)
    if source_ids:
        sql += " AND r.source_id IN (" + ",".join(["%s"] * len(source_ids)) + ")"
        params += source_ids
    if id_range:
        sql += " AND r.id >= %s AND r.id < %s"
        params += list(id_range)
    sql += " ORDER BY r.id, s.column_index"
    as_of = as_of_years()
    with connection.cursor() as cur:
        cur.execute(sql, params)
        current: list = []
        rid = None
        while batch := cur.fetchmany(10000):
            for row in batch:
                if row[0] != rid and current:
                    yield _features(current, name_fn, as_of.get(current[0][1]), public)
                    current = []
                rid = row[0]
                current.append(row)
        if current:
            yield _features(current, name_fn, as_of.get(current[0][1]), public)


def as_of_years() -> dict[int, int | None]:
    """The year of each source's `--as-of` (the day its table was compiled), for sources that have one."""
    with connection.cursor() as cur:
        cur.execute("SELECT id, as_of FROM records_source WHERE as_of IS NOT NULL")
        return {sid: _year(str(day)) for sid, day in cur.fetchall()}


First = dict[str, tuple[str, str | None, str | None]]  # field -> (original, value, detail) of its first cell


# "born 1990", "born around 1990" written where an age was asked for
_BORN = re.compile(r"^\s*(?:born|b\.)\s*(?:in\s+)?(around|about|circa|c\.|~)?\s*((?:19|20)\d\d)\s*$", re.I)
BORN_AROUND = 2  # years either side of "born around 1990"


def _birth(first: First, id_birth: str | None,
           as_of_year: int | None = None) -> tuple[str | None, int | None, int | None, int | None]:
    """Birth date, year and year range: the stated date, else the ID's, else a range from the age (referred
    to the record's date, else the year its source is as of, else the span of the leaks).

    The year is given only for a whole date; a year alone ("1990", "born 1990") is a range of one year, so
    that it is compared as an age is, not as a date that could agree to the day."""
    get = lambda f: first[f][1] if f in first else None  # noqa: E731
    stated = get("birth_date")
    birth_date = stated if stated and (len(stated) == 10 or not id_birth) else id_birth or stated
    birth_year = _year(birth_date)
    if birth_year and len(birth_date or "") == 10:
        return birth_date, birth_year, birth_year, birth_year
    if birth_year:
        return birth_date, None, birth_year, birth_year
    if "age" in first and get("age") is None and (m := _BORN.match(first["age"][0])):
        year, spread = int(m[2]), BORN_AROUND if m[1] else 0
        return None, None, year - spread, year + spread
    # an age refers to when it was written down: the record's date where it has one, else the date the
    # user gave its table at ingest (`--as-of`); a detention date is no substitute (lists are compiled
    # years later), so without either the whole span of the leaks
    lo, hi = _age_range(get("age"), _year(get("recorded_at")) or as_of_year)
    return birth_date, None, lo, hi


def _county(first: First, id_county: str | None) -> str | None:
    """The county code: the ID's, else that of the first decoded place (household, place, birthplace,
    current address)."""
    if id_county:
        return id_county
    for f in ("household_address", "place", "birth_place", "current_address"):
        if f in first and (code := _place_code(first[f][2])):
            return code
    return None


# What a public search may judge a record by: stated birth dates and ages (and the record's own date, which
# an age refers to), stated places and birthplaces, and the stated detention date, sentence and status; never
# an ID number, an address, a father's name, the notes or the last contact (researchers' fields).
PUBLIC_FIELDS = ("birth_date", "age", "recorded_at", "place", "birth_place")
PUBLIC_DETENTION_FIELDS = ("detention_start", "sentence", "detention_status")

DetentionFacets = tuple[int | None, int | None, int | None, str | None]
SearchFacets = tuple[int | None, int | None, str | None, str | None, int | None, int | None, int | None, str | None]
PublicSearchFacets = tuple[int | None, int | None, str | None, int | None, int | None, int | None, str | None]


# A prison's intake date comes after the camp or pre-trial detention before it: from 2017, people were held
# for months to two years before being tried (the 2019 status lists date each person's current facility).
PRISON_INTAKE_MONTHS = 24


def detention_facets(first: First) -> DetentionFacets:
    """What a record says of a detention that a search can be narrowed by: the months within which the
    first detention began (`detention.detention_began`, counted as year * 12 + month - 1), the years of
    a sentence, and how it ended or stands ("died", "released", "prison": `detention.outcome`). A record
    whose status is a prison sentence dates the intake into prison, so its date bounds the first
    detention's beginning from above: up to `PRISON_INTAKE_MONTHS` earlier."""
    lo, hi = detention_began(first)
    start, status = first.get("detention_start"), first.get("detention_status")
    dated = lo is not None and start is not None and start[1]  # the span is the record's date, not its account
    if dated and status and outcome({"detention_status": status})[0] == "prison":
        lo -= PRISON_INTAKE_MONTHS
    kind, _, sentence = outcome(first)
    return lo, hi, sentence, kind


def public_search_facets(first: First, as_of_year: int | None = None) -> PublicSearchFacets:
    """What narrows a public search for one record: birth-year range, county code and the detention's
    facets, as `search_facets` reads them but from `PUBLIC_FIELDS` and `PUBLIC_DETENTION_FIELDS` alone."""
    detention = detention_facets({f: first[f] for f in PUBLIC_DETENTION_FIELDS if f in first})
    public = {f: first[f] for f in PUBLIC_FIELDS if f in first}
    if not public:  # most rows of a register in characters: nothing stated but what the ID and address say
        return None, None, None, *detention
    _, _, lo, hi = _birth(public, None, as_of_year)
    return lo, hi, _county(public, None), *detention


def search_facets(first: First, as_of_year: int | None = None) -> SearchFacets:
    """What narrows a search for one record: birth-year range, county code, father's name as written, and
    the detention's facets (`detention_facets`)."""
    id_birth, id_county, _ = _id_parts(first["id_number"][1] if "id_number" in first else None)
    _, _, lo, hi = _birth(first, id_birth, as_of_year)
    return (lo, hi, _county(first, id_county), first["father_name"][0] if "father_name" in first else None,
            *detention_facets(first))


def _features(rows: list, name_fn: NameFn, as_of_year: int | None = None, public: bool = False) -> dict:
    first: First = {}
    for _, _, fld, original, value, detail in rows:
        if fld and fld not in first:
            first[fld] = (original, value, detail)
    get = lambda f, i=1: first[f][i] if f in first else None  # noqa: E731
    name = get("name", 0)
    nf = name_fn(name) if name else NameFeatures(None, [])
    # a given name alone, with a whole name among the other names (a passport's): compare the whole name
    for other in re.split(r"[,;/、，；]", get("other_names", 0) or "") if nf.parts < 2 else ():
        if other.strip() and (other_nf := name_fn(other.strip())).parts >= 2:
            name, nf = other.strip(), other_nf
            break
    id_number = get("id_number")
    id_birth, id_county, id_sex = _id_parts(id_number)
    birth_date, birth_year, lo, hi = _birth(first, id_birth, as_of_year)
    father = get("father_name", 0)
    household = get("household_address", 0)
    detained_lo, detained_hi = detention_began(first)
    ended, outcome_year, sentence_years = outcome(first)
    township = _township(first, name_fn)
    # a number ingest could not read as an ID (17 characters: the check character dropped) is still compared
    id_body, id_digits = _id_forms(id_number or re.sub(r"[\s\-]", "", get("id_number", 0) or "").upper())
    out = {
        "unique_id": rows[0][0], "source_id": rows[0][1], "name": name, "name_canon": nf.canon,
        "name_keys": nf.keys or None, "part_keys": nf.part_keys or None, "name_parts": nf.parts,
        "part_canon": "|".join(nf.part_keys) if nf.parts == 1 and nf.part_keys else None, "name_frame": nf.frame,
        "father": name_fn(father).canon if father else None,
        "id_valid": _id_valid(get("id_number", 2)),
        "sex": get("sex") or id_sex, "birth_date": birth_date if birth_date and len(birth_date) == 10 else None,
        "birth_year": birth_year, "birth_lo": lo, "birth_hi": hi, "id_number": id_number,
        "county": _county(first, id_county), "detained_lo": detained_lo, "detained_hi": detained_hi,
        "id_body": id_body, "id_digits": id_digits, "outcome": ended, "outcome_year": outcome_year,
        "sentence_years": sentence_years, "township": township,
        "household": re.sub(r"\s+", "", household) if household else None,
    }
    if public:
        out["public_facets"] = public_search_facets(first, as_of_year)
        out["detention_facets"] = detention_facets(first)  # as search reads a detention, not as linkage compares
    return out
