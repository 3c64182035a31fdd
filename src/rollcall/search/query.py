"""Answering a search: any writing of a name, optionally narrowed by birth year, place and father's name.

How a query is answered:
1. blocking keys of the query (`names.keys`): two-part keys when it has two or more parts, single-part
   keys for a single-part query or when two-part keys find fewer than `MIN_CANDIDATES` records;
2. one indexed lookup per key, each capped at `PER_KEY_CAP` entries (a given name alone is shared by
   thousands; a given name with a father's name by few); --born and --place already narrow here, so
   that the cap falls on records that can still match;
3. the `SCORE_CAP` distinct names sharing the most keys with the query (a two-part key counts
   `TWO_PART_WEIGHT` times a single-part one) are scored with `names.score`, the costly step; below
   `MIN_NAME_SCORE` dropped;
4. records mapped to persons through the latest linkage (`people_membership`); a record not yet linked
   is its own provisional result, named `record:<id>`;
5. --born / --place / --father narrow: a person whose known values all disagree is dropped, one whose
   values agree gains `AGREEMENT_BONUS` per field, one with no value for that field stays unranked by it;
6. best first by score, ties by identity (so the order is reproducible).

The score ranks how well the *name* written in the evidence matches what the searcher typed, and how
many of the searcher's other details agree. It says nothing about the person.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

from django.db import connection

from rollcall import names, places
from rollcall.errors import InputError

PER_KEY_CAP = 2000
SCORE_CAP = 60  # distinct candidate names scored per query, those sharing most keys with it first
TWO_PART_WEIGHT = 10
MIN_CANDIDATES = 10
MIN_NAME_SCORE = 0.6
AGREEMENT_BONUS = 0.05
BORN_TOLERANCE = 2  # years either side: testimonies give ages like "about 40"
PLACE_MIN_CONFIDENCE = 0.6
MAX_LIMIT = 100
PUBLIC_MAX_LIMIT = 20
STATUS_FIELDS = ("detention_status", "facility", "sentence")
# What a public result's birth years and places are read from: fields the public may see. Never an ID
# number (it encodes birth date and county) nor an exact address, which public views hide.
PUBLIC_FACET_FIELDS = ("birth_date", "age", "recorded_at", "place", "birth_place")
DATE_FIELDS = ("detention_end", "detention_start")


@dataclass
class _Hit:
    """The best-scoring name of one person (or provisional record) for this query."""

    group: str
    person: str | None
    name_score: float
    record: int
    field: str
    original: str
    records: set[int] = field(default_factory=set)
    agreed: list[str] = field(default_factory=list)
    unknown: list[str] = field(default_factory=list)

    @property
    def score(self) -> float:
        return round(min(1.0, self.name_score + AGREEMENT_BONUS * len(self.agreed)), 4)


def _name_parts(text: str) -> int:
    return len([p for p in names.parse(text).parts if p.forms])


def check_query(query: str, *, public: bool) -> str:
    """The query, stripped, or an InputError saying why it cannot be searched (in public mode: it must
    contain part of a name, not only a place, a year or a number)."""
    text = (query or "").strip()
    if not text:
        raise InputError("the search query is empty: give a name in any writing")
    if _name_parts(text) == 0:
        raise InputError(f"the search query {text!r} contains no part of a name")
    if public:
        if re.search(r"\d", text):
            raise InputError("a public search takes part of a name only (no numbers, years or ID numbers); "
                             "give the birth year with --born")
        if any(c.confidence >= 0.95 for c in places.resolve(text, limit=1)):
            raise InputError(f"{text!r} is a place, not a name: a public search must contain part of a name "
                             "(give the place with --place)")
    return text


def _lookup(keyset: list[str], weight: int, found: dict[int, list], narrow: tuple[str, list]) -> None:
    """Add to `found` the name entries sharing any of the keys: entry id -> [entry id, record id, field,
    original, weighted count of keys shared with the query]."""
    where, params = narrow
    sql = ("SELECT e.id, e.record_id, e.field, e.original FROM search_namekey k "
           "JOIN search_nameentry e ON e.id = k.entry_id "
           + ("JOIN search_recordfacets f ON f.record_id = e.record_id " if where else "")
           + "WHERE k.key = %s" + where + " LIMIT %s")
    with connection.cursor() as cur:
        for key in keyset:
            cur.execute(sql, [key, *params, PER_KEY_CAP])
            for row in cur.fetchall():
                hit = found.get(row[0])
                if hit is None:
                    found[row[0]] = [*row, weight]
                else:
                    hit[4] += weight


def _candidates(query: str, narrow: tuple[str, list]) -> tuple[list[tuple[int, int, str, str]], str]:
    """Candidate entries, those sharing the most keys with the query first, at most `SCORE_CAP` names."""
    parts = _name_parts(query)
    two = sorted(k for k in names.keys(query) if k.startswith("2:"))
    one = sorted(k for k in names.keys(query, partial=True) if k.startswith("1:"))
    found: dict[int, list] = {}
    how = "single-part keys"
    if parts >= 2 and two:
        _lookup(two, TWO_PART_WEIGHT, found, narrow)
        how = "two-part keys"
        if len({r[1] for r in found.values()}) < MIN_CANDIDATES:
            _lookup(one, 1, found, narrow)
            how = "two-part and single-part keys"
    else:
        _lookup(one, 1, found, narrow)
    ranked = sorted(found.values(), key=lambda r: (-r[4], r[0]))
    kept: dict[str, int] = {}
    out = []
    for eid, rid, fld, original, shared in ranked:
        if original not in kept:
            if len(kept) >= SCORE_CAP:
                continue
            kept[original] = shared
        out.append((eid, rid, fld, original))
    return out, how


def _sql_narrowing(born: int | None, codes: list[str]) -> tuple[str, list]:
    """Record-level conditions for the key lookup: a record whose known birth range or county disagrees
    is no candidate (one with no value stays)."""
    where, params = "", []
    if born is not None:
        where += " AND (f.birth_lo IS NULL OR (f.birth_lo - %s <= %s AND f.birth_hi + %s >= %s))"
        params += [BORN_TOLERANCE, born, BORN_TOLERANCE, born]
    if codes:
        prefixes = _place_prefixes(codes)
        where += " AND (f.county IS NULL OR " + " OR ".join(["f.county LIKE %s"] * len(prefixes)) + ")"
        params += [p + "%" for p in prefixes]
    return where, params


def _chunks(ids: list[int], size: int = 900):
    for i in range(0, len(ids), size):
        yield ids[i:i + size]


def _persons_of(record_ids: list[int]) -> dict[int, str]:
    """The public ID of the current person each linked record belongs to."""
    out: dict[int, str] = {}
    with connection.cursor() as cur:
        for chunk in _chunks(record_ids):
            cur.execute("SELECT m.record_id, p.public_id FROM people_membership m JOIN people_person p "
                        "ON p.id = m.person_id WHERE m.record_id IN (" + ",".join(["%s"] * len(chunk)) + ")",
                        chunk)
            out.update(cur.fetchall())
    return out


def _records_of(public_ids: list[str]) -> dict[str, set[int]]:
    out: dict[str, set[int]] = defaultdict(set)
    with connection.cursor() as cur:
        for chunk in _chunks(public_ids):
            cur.execute("SELECT p.public_id, m.record_id FROM people_person p JOIN people_membership m "
                        "ON m.person_id = p.id WHERE p.public_id IN (" + ",".join(["%s"] * len(chunk)) + ")",
                        chunk)
            for pid, rid in cur.fetchall():
                out[pid].add(rid)
    return out


def _facets(record_ids: list[int]) -> dict[int, tuple[int | None, int | None, str | None, str | None]]:
    out = {}
    with connection.cursor() as cur:
        for chunk in _chunks(record_ids):
            cur.execute("SELECT record_id, birth_lo, birth_hi, county, father FROM search_recordfacets "
                        "WHERE record_id IN (" + ",".join(["%s"] * len(chunk)) + ")", chunk)
            for rid, lo, hi, county, father in cur.fetchall():
                out[rid] = (lo, hi, county, father)
    return out


def _public_facets(record_ids: list[int]) -> dict[int, tuple[int | None, int | None, str | None, None]]:
    """Per record, like `_facets` but from `PUBLIC_FACET_FIELDS` only: a stated birth date or age (an age
    read against the record's date) and a stated place or birthplace; no father's name."""
    from rollcall.people.features import _age_range, _place_code, _year

    found: dict[int, dict[str, tuple[str | None, str | None]]] = defaultdict(dict)
    marks = ",".join(["%s"] * len(PUBLIC_FACET_FIELDS))
    with connection.cursor() as cur:
        for chunk in _chunks(record_ids):
            cur.execute("SELECT record_id, field, value, detail FROM records_statement WHERE record_id IN ("
                        + ",".join(["%s"] * len(chunk)) + f") AND field IN ({marks}) ORDER BY record_id, column_index",
                        [*chunk, *PUBLIC_FACET_FIELDS])
            for rid, fld, value, detail in cur.fetchall():
                found[rid].setdefault(fld, (value, detail))
    out = {}
    for rid, got in found.items():
        value = {f: v for f, (v, _) in got.items()}
        year = _year(value.get("birth_date"))
        lo, hi = (year, year) if year else _age_range(value.get("age"), _year(value.get("recorded_at")))
        county = next(filter(None, (_place_code(got[f][1]) for f in ("place", "birth_place") if f in got)), None)
        out[rid] = (lo, hi, county, None)
    return out


def _entries_of(record_ids: list[int]) -> dict[int, list[tuple[str, str]]]:
    out: dict[int, list[tuple[str, str]]] = defaultdict(list)
    with connection.cursor() as cur:
        for chunk in _chunks(record_ids):
            cur.execute("SELECT record_id, field, original FROM search_nameentry WHERE record_id IN ("
                        + ",".join(["%s"] * len(chunk)) + ") ORDER BY id", chunk)
            for rid, fld, original in cur.fetchall():
                out[rid].append((fld, original))
    return out


def _place_codes(place: str) -> list[str]:
    found = [c.place.code for c in places.resolve(place, limit=5) if c.confidence >= PLACE_MIN_CONFIDENCE]
    if not found:
        raise InputError(f"--place {place!r}: no known place (try another writing, or `rollcall place resolve`)")
    return found


def _place_prefixes(codes: list[str]) -> list[str]:
    """The code prefixes of the counties inside each place: a province 65, a prefecture 6531, a county all
    six digits (a township is matched by its county)."""
    out = []
    for code in codes:
        code = code[:6]
        out.append(code[:2] if code.endswith("0000") else code[:4] if code.endswith("00") else code)
    return list(dict.fromkeys(out))


def _place_agrees(county: str, codes: list[str]) -> bool:
    return any(county.startswith(p) for p in _place_prefixes(codes))


def _father_agrees(father: str, fathers: list[str], written: list[str]) -> bool:
    if any(names.score(father, f) >= names.THRESHOLD for f in fathers):
        return True
    for text in written:  # a Uyghur name carries the father's given name as its second part
        parts = [p.text for p in names.parse(text).parts if p.forms]
        if len(parts) >= 2 and names.score(father, parts[1]) >= names.THRESHOLD:
            return True
    return False


def _narrow(hits: list[_Hit], born: int | None, codes: list[str], father: str | None, *,
            public: bool = False) -> list[_Hit]:
    """The hits whose known birth years, places and fathers do not disagree, with what agreed; in public
    mode judged on public facts only (stated years and places, and the names as written)."""
    all_records = sorted({r for h in hits for r in h.records})
    facets = _public_facets(all_records) if public else _facets(all_records)
    written = _entries_of(all_records) if father else {}
    kept = []
    for h in hits:
        mine = [facets[r] for r in sorted(h.records) if r in facets]
        verdicts: dict[str, bool | None] = {}
        if born is not None:
            ranges = [(lo, hi) for lo, hi, _, _ in mine if lo is not None and hi is not None]
            verdicts["born"] = (any(lo - BORN_TOLERANCE <= born <= hi + BORN_TOLERANCE for lo, hi in ranges)
                                if ranges else None)
        if codes:
            counties = [c for _, _, c, _ in mine if c]
            verdicts["place"] = any(_place_agrees(c, codes) for c in counties) if counties else None
        if father:
            fathers = [f for _, _, _, f in mine if f]
            texts = [o for r in sorted(h.records) for _, o in written.get(r, [])]
            known = fathers or [t for t in texts if _name_parts(t) >= 2]
            verdicts["father"] = _father_agrees(father, fathers, texts) if known else None
        if any(v is False for v in verdicts.values()):
            continue
        h.agreed = [k for k, v in verdicts.items() if v]
        h.unknown = [k for k, v in verdicts.items() if v is None]
        kept.append(h)
    return kept


def _statuses(record_ids: list[int]) -> dict[int, dict]:
    """Per record: its status fields, the date they concern, and where they stand in the evidence."""
    out: dict[int, dict] = {}
    wanted = STATUS_FIELDS + DATE_FIELDS
    sql = ("SELECT r.id, r.row, src.name, src.sheet, i.original_name, s.field, s.original, s.value "
           "FROM records_record r JOIN records_source src ON src.id = r.source_id "
           "JOIN evidence_item i ON i.id = src.item_id JOIN records_statement s ON s.record_id = r.id "
           "WHERE r.id IN ({}) AND s.field IN (" + ",".join(["%s"] * len(wanted)) + ") ORDER BY r.id, s.column_index")
    with connection.cursor() as cur:
        for chunk in _chunks(record_ids):
            cur.execute(sql.format(",".join(["%s"] * len(chunk))), [*chunk, *wanted])
            for rid, row, src_name, sheet, file, fld, original, value in cur.fetchall():
                rec = out.setdefault(rid, {"source": {"name": src_name, "file": file, "sheet": sheet or None,
                                                      "row": row}})
                rec.setdefault(fld, value if value not in (None, "") else original)
    return out


def _last_status(record_ids: list[int], statuses: dict[int, dict]) -> dict | None:
    best: tuple[str, int] | None = None
    for rid in record_ids:
        rec = statuses.get(rid)
        if not rec or not any(f in rec for f in STATUS_FIELDS):
            continue
        date = next((str(rec[f]) for f in DATE_FIELDS if rec.get(f)), "")
        if best is None or (date, rid) > best:
            best = (date, rid)
    if best is None:
        return None
    rec = statuses[best[1]]
    return {"status": rec.get("detention_status"), "facility": rec.get("facility"),
            "sentence": rec.get("sentence"), "date": best[0] or None, "source": rec["source"]}


def _explain(query: str, h: _Hit, how: str) -> dict:
    cmp = names.compare(query, h.original)
    return {
        "name": h.original, "field": h.field, "script": str(names.detect_script(h.original)),
        "name_score": round(h.name_score, 4), "found_by": how,
        "parts": [{"query": p.a, "matched": p.b, "query_latin": p.a_latin, "matched_latin": p.b_latin,
                   "query_via": p.a_via, "matched_via": p.b_via, "score": round(p.score, 4)}
                  for p in cmp.explanation],
        "agreed": h.agreed, "unknown": h.unknown,
    }


def _birth_years(facets: list[tuple]) -> dict | None:
    lows = [f[0] for f in facets if f[0] is not None]
    highs = [f[1] for f in facets if f[1] is not None]
    return {"from": max(lows), "to": min(highs)} if lows and highs and max(lows) <= min(highs) else \
        ({"from": min(lows), "to": max(highs)} if lows and highs else None)


def _place_view(facets: list[tuple]) -> list[dict]:
    out = []
    for code in dict.fromkeys(f[2] for f in facets if f[2]):
        place = places.get(code)
        out.append({"code": code, "name": places.latin_name(code) if place else None,
                    "name_zh": place.name_zh if place else None})
    return out


def search(query: str, *, born: int | None = None, place: str | None = None, father: str | None = None,
           limit: int = 10, public: bool = False, catch_up: bool = True) -> list[dict]:
    """Persons whose names match `query` in any writing, best first, each with why it matched and the
    last known status with its source. `public=True` applies the public rules: the query must contain
    part of a name, and results carry public fields only (no ID numbers, addresses, fathers' names,
    locators or anything about testifiers)."""
    text = check_query(query, public=public)
    if limit < 1:
        raise InputError("--limit must be at least 1")
    limit = min(limit, PUBLIC_MAX_LIMIT if public else MAX_LIMIT)
    if born is not None and not 1900 <= born <= 2030:
        raise InputError(f"--born {born}: give a birth year between 1900 and 2030")
    if father is not None and _name_parts(father) == 0:
        raise InputError(f"--father {father!r} contains no part of a name")
    if catch_up:
        from rollcall.search.index import index_pending

        index_pending()
    codes = _place_codes(place) if place else []
    # The index's facets come partly from ID numbers: public narrowing happens after, on public facets only,
    # so that a refused or kept result never says what a hidden ID number encodes.
    found, how = _candidates(text, _sql_narrowing(None, []) if public else _sql_narrowing(born, codes))
    scored: dict[str, float] = {}
    for _, _, _, original in found:
        if original not in scored:
            scored[original] = names.score(text, original)
    persons = _persons_of(sorted({r[1] for r in found}))
    hits: dict[str, _Hit] = {}
    for _eid, rid, fld, original in sorted(found):
        s = scored[original]
        if s < MIN_NAME_SCORE:
            continue
        pid = persons.get(rid)
        group = pid or f"record:{rid}"
        h = hits.get(group)
        if h is None or s > h.name_score:
            hits[group] = _Hit(group, pid, s, rid, fld, original)
    ranked = list(hits.values())
    members = _records_of(sorted({h.person for h in ranked if h.person}))
    for h in ranked:
        h.records = members.get(h.person, {h.record}) if h.person else {h.record}
    if born is not None or codes or father:
        ranked = _narrow(ranked, born, codes, father, public=public)
    ranked.sort(key=lambda h: (-h.score, -h.name_score, h.group))
    top = ranked[:limit]
    return _views(text, top, how, public)


def _views(query: str, top: list[_Hit], how: str, public: bool) -> list[dict]:
    record_ids = sorted({r for h in top for r in h.records})
    facets = _public_facets(record_ids) if public else _facets(record_ids)
    statuses = _statuses(record_ids)
    entries = _entries_of(record_ids)
    out = []
    for h in top:
        mine = sorted(h.records)
        f = [facets[r] for r in mine if r in facets]
        status = _last_status(mine, statuses)
        written = list(dict.fromkeys(o for r in mine for _, o in entries.get(r, [])))
        item = {"person": h.person, "provisional": h.person is None, "id": h.group, "score": h.score,
                "why": _explain(query, h, how), "names": written, "born": _birth_years(f),
                "places": _place_view(f), "last_status": status}
        if public:
            if status:
                status["source"] = {"name": status["source"]["name"]}
            item["places"] = [{"name": p["name"], "name_zh": p["name_zh"]} for p in item["places"]]
        else:
            item["fathers"] = list(dict.fromkeys(x[3] for x in f if x[3]))
            item["records"] = [{"record": r, **statuses.get(r, {}).get("source", {})} for r in mine]
        out.append(item)
    _fill_locators(out, public)
    return out


def _fill_locators(out: list[dict], public: bool) -> None:
    """Records without status statements still get their locator (non-public views only)."""
    if public:
        return
    missing = sorted({r["record"] for item in out for r in item["records"] if "row" not in r})
    if not missing:
        return
    found: dict[int, dict] = {}
    with connection.cursor() as cur:
        for chunk in _chunks(missing):
            cur.execute("SELECT r.id, r.row, src.name, src.sheet, i.original_name FROM records_record r "
                        "JOIN records_source src ON src.id = r.source_id JOIN evidence_item i ON i.id = src.item_id "
                        "WHERE r.id IN (" + ",".join(["%s"] * len(chunk)) + ")", chunk)
            for rid, row, name, sheet, file in cur.fetchall():
                found[rid] = {"name": name, "file": file, "sheet": sheet or None, "row": row}
    for item in out:
        item["records"] = [{"record": r["record"], **found.get(r["record"], {k: v for k, v in r.items()
                                                                            if k != "record"})}
                           for r in item["records"]]

