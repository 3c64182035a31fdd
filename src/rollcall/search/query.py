"""Answering a search: any writing of a name, optionally narrowed by birth year, place and father's name.

How a query is answered:
1. blocking keys of the query (`names.keys`): two-part keys when it has two or more parts, single-part
   keys for a single-part query or when two-part keys find fewer than `MIN_CANDIDATES` records;
2. one indexed lookup per key of the distinct names indexed under it (each name's keys are stored once,
   however many records carry it), at most `NAMES_PER_KEY`; under a single-part key, with --born or
   --place, only names with a record they do not rule out (among the first `SCAN_CAP` entries);
3. the `SCORE_CAP` names sharing the most keys with the query (a two-part key counts `TWO_PART_WEIGHT`
   times a single-part one), and their records that --born and --place do not rule out (at most
   `ENTRY_CAP`, with --born or --place the `DETAILED_ENTRY_CAP` agreeing best: an equal share for each
   name first, then the best names the rest); the names are scored with `names.score`, the costly step;
   below `MIN_NAME_SCORE` dropped. With --born or --place, names sharing as many keys are taken in the
   order their records agree; a given name alone with them is shared by thousands of names that score
   alike: there the names scored are those beginning with it whose records agree best and whose first
   part matches it best (`_agreeing_names`). A public search does all this on public facets only;
4. records mapped to persons through the latest linkage (`people_membership`); a record not yet linked
   is its own provisional result, named `record:<id>`;
5. --born / --place / --father narrow: a person whose known values all disagree is dropped, one whose
   values agree gains `AGREEMENT_BONUS` per field (a birth year by closeness: the year itself the whole
   bonus, two years off a third), one with no value for that field stays unranked by it. --detained and
   --sentence and --status only rank: a person whose records tell of a detention begun then (within
   `DETAINED_TOLERANCE` months), of that sentence or of that outcome gains the bonus, and one whose
   records say otherwise is kept (a record may tell of a later detention, a move from a camp to a prison,
   a changed sentence, or be older than the release or death the family heard of);
6. best first by name score plus bonuses (uncapped, though the score shown stops at 1: two exact names
   stay apart by the details that agree), then a name whose parts pair with the query's in the order
   written, then by the earliest record (so the order is reproducible). With no details to weigh, records
   are mapped to persons in that order only until `limit` persons are found.

The score ranks how well the *name* written in the evidence matches what the searcher typed, and how
many of the searcher's other details agree. It says nothing about the person.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import NamedTuple

from django.db import connection

from rollcall import names, places
from rollcall.errors import InputError
from rollcall.people.detention import outcome, told_when

NAMES_PER_KEY = 5000  # distinct names read per key (a given name alone is part of thousands)
SCORE_CAP = 60  # distinct candidate names scored per query, those sharing most keys with it first
ENTRY_CAP = 5000  # records of those names read per query (namesakes: one written name, many records)
DETAILED_ENTRY_CAP = 1000  # of those, kept with --born or --place: the best-agreeing (each is judged by person)
SCAN_CAP = 5000  # entries read per single-part key to find names whose records --born and --place leave in
AGREEING_SCAN_CAP = 50000  # entries read to find the names whose records agree best (a given name alone)
WEIGHED_NAMES = 600  # of those, the names whose first part is scored against a given name searched alone
TWO_PART_WEIGHT = 10
MIN_CANDIDATES = 10
PERSON_BATCH = 256  # candidate records mapped to persons per lookup while the first persons are sought
MIN_NAME_SCORE = 0.6
AGREEMENT_BONUS = 0.05
BORN_TOLERANCE = 2  # years either side: testimonies give ages like "about 40"
BORN_AROUND = 2  # "around 1985": 1983-1987
DETAINED_TOLERANCE = 3  # months either side: "taken in March 2018" may be February or April in a register
PLACE_MIN_CONFIDENCE = 0.6
MAX_LIMIT = 100
PUBLIC_MAX_LIMIT = 20
STATUS_FIELDS = ("detention_status", "facility", "sentence")
# what a searcher may add to the name, as `search` takes them (the CLI's options, the API's and the page's fields)
DETAILS = ("born", "place", "father", "detained", "sentence", "status")
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
    differs: list[str] = field(default_factory=list)  # details the records say otherwise of, which do not rule out
    bonus: float = 0.0  # what the agreeing details add: `AGREEMENT_BONUS` each, a birth year by closeness
    in_order: bool = True  # the name's parts matched in the order the searcher wrote them

    @property
    def total(self) -> float:
        """Name score plus agreements, uncapped: what ranks (two exact names stay apart by their details)."""
        return self.name_score + self.bonus

    @property
    def score(self) -> float:
        return round(min(1.0, self.total), 4)


@dataclass
class _Details:
    """What the searcher said besides the name (--born, --place), and how well a record's birth range and
    county agree with it."""

    born: tuple[int, int] | None
    codes: dict[str, float]
    detained: tuple[int, int] | None = None  # months (year * 12 + month - 1), both ends included
    sentence: int | None = None  # years
    status: str | None = None  # how the detention ended or stands: "died", "released", "prison"
    _counties: dict[str, float] = field(default_factory=dict)  # thousands of records, a few dozen counties

    def given(self) -> bool:
        return self.born is not None or bool(self.codes)

    def born_off(self, ranges: Iterable[tuple[int, int]]) -> int | None:
        """Years between the searched birth range and the closest of these (None without --born or ranges)."""
        if self.born is None:
            return None
        return min((_gap(self.born, lo, hi) for lo, hi in ranges), default=None)

    def ranks(self) -> bool:
        """Whether anything besides the name orders the results (the details, a detention, a sentence, an outcome)."""
        return self.given() or self.detained is not None or self.sentence is not None or self.status is not None

    def detained_bonus(self, spans: Iterable[tuple[int, int]]) -> float | None:
        """What the closest of these detention spans adds (the months asked the whole bonus, less by the
        month up to `DETAINED_TOLERANCE` months off), 0 for none close enough; None without spans."""
        if self.detained is None:
            return None
        off = min((_gap(self.detained, lo, hi) for lo, hi in spans), default=None)
        if off is None:
            return None
        return AGREEMENT_BONUS * (1 - off / (DETAINED_TOLERANCE + 1)) if off <= DETAINED_TOLERANCE else 0.0

    def born_bonus(self, off: int) -> float:
        """What a birth range `off` years from the searched one adds: the stated year itself counts most,
        `BORN_TOLERANCE` years off least, further off nothing (it disagrees)."""
        return AGREEMENT_BONUS * (1 - off / (BORN_TOLERANCE + 1)) if off <= BORN_TOLERANCE else 0.0

    def place(self, county: str) -> float:
        """How well a county agrees with --place (`_place_agreement`), 0 for none."""
        if county not in self._counties:
            self._counties[county] = _place_agreement(county, self.codes)
        return self._counties[county]

    def entry_bonus(self, lo: int | None, hi: int | None, county: str | None) -> float:
        """What one record's birth range and county add, as `_narrow` counts them for a person."""
        bonus = 0.0
        if self.born is not None and lo is not None and hi is not None:
            bonus += self.born_bonus(_gap(self.born, lo, hi))
        if self.codes and county:
            bonus += AGREEMENT_BONUS * self.place(county)
        return bonus


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


# Years as relatives write them, in English, Chinese and Uyghur: "1985", "1985年", "1985-يىلى"; ranges;
# decades ("1980s", "1980年代", "1980-يىللار"); approximate ("around 1985", "约1985", "1985年左右",
# "1985 ئەتراپىدا"). `\d` takes Arabic-Indic digits too, and int() reads them.
_Y = r"(\d{4})\s*(?:年|-?\s*يىلى)?"
_AROUND_BEFORE = r"(?:around|about|circa|c\.|ca\.|~|approx\.?|approximately|大约|约|تەخمىنەن)"
_AROUND_AFTER = r"(?:左右|前后|ئەتراپىدا|or so)"
_BORN_FORMS = (
    (re.compile(rf"^{_Y}$"), lambda m: (int(m[1]), int(m[1]))),
    (re.compile(rf"^{_Y}\s*(?:-|–|—|to|\.\.|至|到)\s*{_Y}$", re.I), lambda m: (int(m[1]), int(m[2]))),
    (re.compile(r"^(\d{3}0)\s*(?:['’]?s|年代|-?\s*يىللار)$", re.I), lambda m: (int(m[1]), int(m[1]) + 9)),
    (re.compile(rf"^(?:{_AROUND_BEFORE}\s*{_Y}|{_Y}\s*{_AROUND_AFTER})$", re.I),
     lambda m: (int(m[1] or m[2]) - BORN_AROUND, int(m[1] or m[2]) + BORN_AROUND)),
)


def parse_born(value: int | str | None) -> tuple[int, int] | None:
    """The birth years a searcher means by `--born`: a year (1985), a range (1983-1987), a decade (1980s)
    or an approximate year (around 1985: two years either side); each is then matched with
    `BORN_TOLERANCE` years more on both sides. None for no value; an InputError for anything else."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    text = str(value).strip()
    for pattern, span in _BORN_FORMS:
        if m := pattern.match(text):
            lo, hi = span(m)
            break
    else:
        raise InputError(f"--born {text!r}: give a birth year (1985), a range (1983-1987), a decade (1980s) "
                         "or an approximate year (around 1985)")
    if not 1900 <= lo <= hi <= 2030:
        raise InputError(f"--born {text!r}: give birth years between 1900 and 2030, the earlier first")
    return lo, hi


def parse_detained(value: str | None) -> tuple[int, int] | None:
    """The months a searcher means by `--detained` (when the person was taken): a year (2017), a month
    (March 2018, 2018-03, 2018年3月), part of a year (early 2017) or a span from one to another (2017-2018,
    2017-18, March 2017 - September 2017, 2017-03..2017-09); each is then matched with
    `DETAINED_TOLERANCE` months more on both sides. None for no value; an InputError for anything else."""
    if value is None or not str(value).strip():
        return None
    text = str(value).strip()
    months = told_when(text)
    if months is None:
        raise InputError(f"--detained {text!r}: give the year (2017), the month (March 2018, 2018-03), part of "
                         "a year (early 2017) or a span (2017-2018, March - September 2017 as 2017-03..2017-09) "
                         "the person was taken")
    if not 1950 * 12 <= months[0] <= months[1] <= 2030 * 12 + 11:
        raise InputError(f"--detained {text!r}: give a year between 1950 and 2030")
    return months


_SENTENCE = re.compile(r"^(\d{1,2})\s*(?:years?|yrs?|年|-?\s*يىل)?$", re.I)


def parse_sentence(value: int | str | None) -> int | None:
    """The years of a sentence as a searcher gives them (`--sentence 10`, "10 years", "10年"); None for no
    value; an InputError for anything else."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    text = str(value).strip()
    if not (m := _SENTENCE.match(text)) or not 1 <= int(m[1]) <= 99:
        raise InputError(f"--sentence {value!r}: give the years of the sentence (10, 10 years, 10年)")
    return int(m[1])


def parse_status(value: str | None) -> str | None:
    """How the family heard the detention ended or stands, as `--status` gives it in any of the three
    languages ("released", "died", "sentenced", "in prison", "已释放", "死亡", "服刑"...): "released",
    "died" or "prison". None for no value; an InputError for anything else."""
    if value is None or not str(value).strip():
        return None
    kind = outcome({"detention_status": (str(value).strip(), None, None)})[0]
    if kind is None:
        raise InputError(f"--status {str(value).strip()!r}: give what the family heard: released, died, or "
                         "sentenced (in prison)")
    return kind


def _gap(asked: tuple[int, int], lo: int, hi: int) -> int:
    """How far a record's span (of birth years, of months) lies from the span asked (0 when they overlap)."""
    return max(lo - asked[1], asked[0] - hi, 0)


def _weigh(keyset: list[str], weight: int, weights: dict[int, int], narrow: _Narrowing) -> None:
    """Add to `weights` (name id -> weighted count of keys shared with the query) the distinct names
    indexed under each key; with a narrowing (--born, --place), only names with a record it does not rule
    out, among the first `SCAN_CAP` entries under the key (a given name alone is part of thousands of
    names, most of them of people born elsewhere or in other years)."""
    where, params = narrow.where, narrow.params
    if where:
        sql = ("SELECT DISTINCT name_id FROM (SELECT k.name_id FROM search_namekey k JOIN search_nameentry e "
               "ON e.name_id = k.name_id WHERE k.key = %s" + where + " LIMIT %s) AS under_key LIMIT %s")
    else:
        sql = "SELECT name_id FROM search_namekey WHERE key = %s LIMIT %s"
    with connection.cursor() as cur:
        for key in keyset:
            cur.execute(sql, [key, *params, SCAN_CAP, NAMES_PER_KEY] if where else [key, NAMES_PER_KEY])
            for (nid,) in cur.fetchall():
                weights[nid] = weights.get(nid, 0) + weight


def _entries_named(name_ids: list[int], narrow: _Narrowing, details: _Details | None = None,
                   ) -> list[tuple[int, int, str, int]]:
    """The entries (entry id, record id, field, name id) carrying these names (best first) whose records
    pass the narrowing, at most `ENTRY_CAP` in all: first an equal share for every name, so that one name
    with thousands of namesakes cannot crowd out the rest, then what room is left to the best names. With
    --born or --place, each name's entries best-agreeing first, and at most `DETAILED_ENTRY_CAP` (what
    agrees best is what ranks first; every candidate record is then mapped to its person and judged)."""
    if details is not None and details.given():
        return _agreeing_entries(name_ids, narrow, details)
    where, params = narrow.where, narrow.params
    share = max(ENTRY_CAP // max(len(name_ids), 1), 1)
    lo, hi, county = narrow.columns
    # the same order for both passes; for a researcher's search that of the covering index (name, county,
    # birth range, record): no sort. A public one orders by its own facets: which namesakes fill a share
    # must not depend on what ID numbers say.
    sql = ("SELECT e.id, e.record_id, e.field, e.name_id FROM search_nameentry e WHERE e.name_id = %s" + where
           + f" ORDER BY {county}, {lo}, {hi}, e.record_id, e.field, e.id LIMIT %s OFFSET %s")
    out: list[tuple[int, int, str, int]] = []
    more: list[int] = []  # names that filled their share
    with connection.cursor() as cur:
        for nid in name_ids:
            cur.execute(sql, [nid, *params, share, 0])
            got = cur.fetchall()
            out += got
            if len(got) == share:
                more.append(nid)
        for nid in more:
            if len(out) >= ENTRY_CAP:
                break
            cur.execute(sql, [nid, *params, ENTRY_CAP - len(out), share])
            out += cur.fetchall()
    return out


def _agreeing_entries(name_ids: list[int], narrow: _Narrowing, details: _Details,
                      ) -> list[tuple[int, int, str, int]]:
    """`_entries_named` with details: of each name's entries the narrowing leaves (at most `ENTRY_CAP`
    read, those with a known birth range or county first), those whose record agrees best first."""
    lo, hi, county = narrow.columns
    known_first = f"CASE WHEN {lo} IS NULL THEN 1 ELSE 0 END + CASE WHEN {county} IS NULL THEN 1 ELSE 0 END"
    sql = (f"SELECT e.id, e.record_id, e.field, e.name_id, {narrow.facets} FROM search_nameentry e "
           f"WHERE e.name_id = %s{narrow.where} ORDER BY {known_first}, {county}, {lo}, {hi}, e.record_id, e.id "
           "LIMIT %s")
    ranked: dict[int, list[tuple[int, int, str, int]]] = {}
    with connection.cursor() as cur:
        for nid in name_ids:
            cur.execute(sql, [nid, *narrow.params, ENTRY_CAP])
            rows = cur.fetchall()
            rows.sort(key=lambda r: -details.entry_bonus(r[4], r[5], r[6]))  # stable: the order read among equals
            ranked[nid] = [r[:4] for r in rows]
    share = max(DETAILED_ENTRY_CAP // max(len(name_ids), 1), 1)
    out = [e for nid in name_ids for e in ranked[nid][:share]]
    for nid in name_ids:
        if len(out) >= DETAILED_ENTRY_CAP:
            break
        out += ranked[nid][share:share + DETAILED_ENTRY_CAP - len(out)]
    return out


def _texts(name_ids: list[int]) -> dict[int, str]:
    out: dict[int, str] = {}
    with connection.cursor() as cur:
        for chunk in _chunks(name_ids):
            cur.execute("SELECT id, text FROM search_indexedname WHERE id IN (" + ",".join(["%s"] * len(chunk))
                        + ")", chunk)
            out.update(cur.fetchall())
    return out


def _chosen(weights: dict[int, int], narrow: _Narrowing, details: _Details | None = None,
            first: list[int] | None = None) -> list[tuple[int, int, str, int]]:
    """The entries of the `SCORE_CAP` names sharing the most keys with the query (after the names in
    `first`, if any). With --born or --place, names sharing as many are taken in the order their records
    agree with them, and names none of whose records the narrowing leaves are passed over (a name's
    spellings and slips give hundreds of names the same keys: the first indexed of them are not the ones
    the details fit)."""
    picked = list(first or [])
    taken = set(picked)
    order = [nid for nid in sorted(weights, key=lambda nid: (-weights[nid], nid)) if nid not in taken]
    if details is None or not details.given():
        return _entries_named((picked + order)[:SCORE_CAP], narrow)
    room = AGREEING_SCAN_CAP
    unread: list[int] = []
    start = 0
    while start < len(order) and len(picked) < SCORE_CAP and room > 0:
        end = start
        while end < len(order) and weights[order[end]] == weights[order[start]]:
            end += 1
        best, read, partial = _agreement_of_names(order[start:end], narrow, details, room)
        picked += sorted(best, key=lambda nid: (-best[nid], nid))
        unread += partial
        room -= read
        start = end
    # names the read allowance did not reach are not ruled out: they come after those it did, by weight
    picked += unread + order[start:]
    return _entries_named(picked[:SCORE_CAP], narrow, details)


def _agreement_of_names(name_ids: list[int], narrow: _Narrowing, details: _Details, cap: int,
                        ) -> tuple[dict[int, float], int, list[int]]:
    """Per name, what its best-agreeing record the narrowing leaves adds (names with none left out), from
    at most `cap` entries; how many entries were read; and the names not read to the end (in order)."""
    where, params = narrow.where, narrow.params
    best: dict[int, float] = {}
    read = 0
    partial: list[int] = []
    with connection.cursor() as cur:
        for i, chunk in enumerate(_chunks(name_ids)):
            if read >= cap:
                partial += name_ids[i * CHUNK:]
                break
            limit = cap - read
            cur.execute(f"SELECT e.name_id, {narrow.facets} FROM search_nameentry e WHERE e.name_id "
                        "IN (" + ",".join(["%s"] * len(chunk)) + ")" + where + " ORDER BY e.name_id LIMIT %s",
                        [*chunk, *params, limit])
            rows = cur.fetchall()
            read += len(rows)
            cut = _best_agreement(rows, details, best, complete=len(rows) < limit)
            if cut is not None:
                partial += [cut, *(nid for nid in chunk if nid > cut)]
    return best, read, partial


def _best_agreement(rows: list[tuple[int, int | None, int | None, str | None]], details: _Details,
                    best: dict[int, float], *, complete: bool = True) -> int | None:
    """Keep in `best` (name id -> bonus) what each name's best-agreeing entry of `rows` adds. Rows come
    grouped by name; when a limit cut them (`complete` false), the last name may be read only in part: it
    is left out, and returned, so that no name is judged on the part the order of reading happened to
    give (for a public search, that order could follow what ID numbers say)."""
    for nid, lo, hi, county in rows:
        bonus = details.entry_bonus(lo, hi, county)
        if bonus > best.get(nid, -1.0):
            best[nid] = bonus
    if complete or not rows:
        return None
    cut = rows[-1][0]
    best.pop(cut, None)
    return cut


def _candidates(query: str, narrow: _Narrowing, details: _Details | None = None,
                ) -> tuple[list[tuple[int, int, str, str]], str]:
    """Candidate entries (entry id, record id, field, name as written) of at most `SCORE_CAP` distinct
    names, those sharing the most keys with the query first (a given name alone with --born or --place:
    those whose records agree best); and which keys found them."""
    parts = _name_parts(query)
    two = sorted(k for k in names.keys(query) if k.startswith("2:"))
    one = sorted(k for k in names.keys(query, partial=True) if k.startswith("1:"))
    weights: dict[int, int] = {}
    how = "single-part keys"
    entries: list[tuple[int, int, str, int]] = []
    if parts >= 2 and two:
        # few names share a two-part key: they are weighed as they are, and narrowed with their records
        _weigh(two, TWO_PART_WEIGHT, weights, narrow._replace(where="", params=[]))
        how = "two-part keys"
        entries = _chosen(weights, narrow, details)
        if len({e[1] for e in entries}) < MIN_CANDIDATES:
            _weigh(one, 1, weights, narrow)
            how = "two-part and single-part keys"
            entries = _chosen(weights, narrow, details)
    else:
        agreeing: list[int] = []
        if parts == 1 and details is not None and details.given():
            # thousands of names begin with a given name and score alike: the details decide, so the names
            # scored are those of the records that agree best with them, not the first indexed
            agreeing = _agreeing_names(query, sorted(names.first_keys(query)), narrow, details)
            entries = _entries_named(agreeing, narrow, details)
            how = "first-part keys, names of the records agreeing best"
        if len({e[1] for e in entries}) < MIN_CANDIDATES:  # too few: the others are weighed after them
            _weigh(one, 1, weights, narrow)
            if parts == 1:  # a given name alone: names that begin with it first
                _weigh(sorted(names.first_keys(query)), 1, weights, narrow)
            entries = _chosen(weights, narrow, details, first=agreeing)
            how = f"{how} and single-part keys" if agreeing else "single-part keys"
    texts = _texts(sorted({e[3] for e in entries}))
    return [(eid, rid, fld, texts[nid]) for eid, rid, fld, nid in entries], how


def _agreeing_names(given: str, keyset: list[str], narrow: _Narrowing, details: _Details) -> list[int]:
    """The `SCORE_CAP` names under these keys (a given name's first-part keys) that best begin with the
    given name and have a record agreeing with --born and --place, best first: the `WEIGHED_NAMES` whose
    records agree best (among the first `AGREEING_SCAN_CAP` entries the narrowing leaves), ordered by how
    well their first part matches plus what their best record adds, as the ranking would order them."""
    where, params = narrow.where, narrow.params
    sql = (f"SELECT e.name_id, {narrow.facets} FROM search_namekey k JOIN search_nameentry e "
           "ON e.name_id = k.name_id WHERE k.key IN (" + ",".join(["%s"] * len(keyset)) + ")" + where
           + " ORDER BY e.name_id LIMIT %s")
    best: dict[int, float] = {}
    with connection.cursor() as cur:
        cur.execute(sql, [*keyset, *params, AGREEING_SCAN_CAP])
        rows = cur.fetchall()
        _best_agreement(rows, details, best, complete=len(rows) < AGREEING_SCAN_CAP)
    weighed = sorted(best, key=lambda nid: (-best[nid], nid))[:WEIGHED_NAMES]
    texts = _texts(weighed)
    # names under a consonant key that are other names (Alim under Halime's `lm`) score low on their first
    # part: they are left out here rather than take the places of the given name's own spellings
    first = {nid: names.first_part(texts[nid]) for nid in weighed}
    closeness = {part: names.score(given, part) for part in set(first.values())}
    kept = [nid for nid in weighed if closeness[first[nid]] >= MIN_NAME_SCORE]
    return sorted(kept, key=lambda nid: (-(closeness[first[nid]] + best[nid]), nid))[:SCORE_CAP]


class _Narrowing(NamedTuple):
    """Conditions on name entries (an SQL fragment and its parameters), and the entry columns holding the
    birth range and county they judge (a public search's are read from public fields alone)."""

    where: str
    params: list
    columns: tuple[str, str, str]  # birth_lo, birth_hi, county

    @property
    def facets(self) -> str:
        return ", ".join(self.columns)


def _sql_narrowing(born: tuple[int, int] | None, codes: Iterable[str], *, public: bool = False) -> _Narrowing:
    """Conditions on a name entry's copy of its record's facets (in public mode, its public facets): a
    record whose known birth range or county disagrees is no candidate (one with no value stays)."""
    lo, hi, county = ("e.public_birth_lo", "e.public_birth_hi", "e.public_county") if public else \
        ("e.birth_lo", "e.birth_hi", "e.county")
    where, params = "", []
    if born is not None:
        where += f" AND ({lo} IS NULL OR ({lo} - %s <= %s AND {hi} + %s >= %s))"
        params += [BORN_TOLERANCE, born[1], BORN_TOLERANCE, born[0]]
    if codes:
        prefixes = _place_prefixes(codes)
        where += f" AND ({county} IS NULL OR " + " OR ".join([f"{county} LIKE %s"] * len(prefixes)) + ")"
        params += [p + "%" for p in prefixes]
    return _Narrowing(where, params, (lo, hi, county))


CHUNK = 900  # ids to an IN (...) list


def _chunks(ids: list[int], size: int = CHUNK):
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


class _Facts(NamedTuple):
    """What the index holds of one record besides its names (a public search's: from public fields only)."""

    birth_lo: int | None
    birth_hi: int | None
    county: str | None
    father: str | None
    detained_lo: int | None
    detained_hi: int | None
    sentence: int | None
    outcome: str | None


_FACT_COLUMNS = ("birth_lo, birth_hi, county, father, detained_lo, detained_hi, sentence, outcome",
                 "public_birth_lo, public_birth_hi, public_county, NULL, public_detained_lo, public_detained_hi, "
                 "public_sentence, public_outcome")


def _facets(record_ids: list[int], *, public: bool = False) -> dict[int, _Facts]:
    """Per record, its facets in the index; with `public`, those read from public fields alone
    (`people.features.PUBLIC_FIELDS`, `PUBLIC_DETENTION_FIELDS`), and no father's name."""
    out = {}
    with connection.cursor() as cur:
        for chunk in _chunks(record_ids):
            cur.execute(f"SELECT record_id, {_FACT_COLUMNS[public]} FROM search_recordfacets "
                        "WHERE record_id IN (" + ",".join(["%s"] * len(chunk)) + ")", chunk)
            for rid, *facts in cur.fetchall():
                out[rid] = _Facts(*facts)
    return out


def _entries_of(record_ids: list[int]) -> dict[int, list[tuple[str, str]]]:
    out: dict[int, list[tuple[str, str]]] = defaultdict(list)
    with connection.cursor() as cur:
        for chunk in _chunks(record_ids):
            cur.execute("SELECT e.record_id, e.field, n.text FROM search_nameentry e JOIN search_indexedname n "
                        "ON n.id = e.name_id WHERE e.record_id IN (" + ",".join(["%s"] * len(chunk))
                        + ") ORDER BY e.id", chunk)
            for rid, fld, original in cur.fetchall():
                out[rid].append((fld, original))
    return out


def _place_codes(place: str) -> dict[str, float]:
    """The places a --place text may name: code -> confidence relative to the best reading (1 for it)."""
    found = [c for c in places.resolve(place, limit=5) if c.confidence >= PLACE_MIN_CONFIDENCE]
    if not found:
        raise InputError(f"--place {place!r}: no known place (try another writing, or `rollcall place resolve`)")
    best = max(c.confidence for c in found)
    return {c.place.code: c.confidence / best for c in found}


def _place_prefixes(codes: Iterable[str]) -> list[str]:
    """The code prefixes of the counties inside each place: a province 65, a prefecture 6531, a county all
    six digits (a township is matched by its county)."""
    out = []
    for code in codes:
        code = code[:6]
        out.append(code[:2] if code.endswith("0000") else code[:4] if code.endswith("00") else code)
    return list(dict.fromkeys(out))


def _place_agreement(county: str, codes: dict[str, float]) -> float:
    """How well a county agrees with the places a --place text may name: the relative confidence of the
    best reading that contains it (0 for none). "Kashi City" reads best as the city, less well as the
    prefecture: a record from the city agrees more than one from elsewhere in the prefecture."""
    return max((w for code, w in codes.items() if any(county.startswith(p) for p in _place_prefixes([code]))),
               default=0.0)


def _father_agrees(father: str, fathers: list[str], written: list[str]) -> bool:
    if any(names.score(father, f) >= names.THRESHOLD for f in fathers):
        return True
    for text in written:  # a Uyghur name carries the father's given name as its second part
        parts = [p.text for p in names.parse(text).parts if p.forms]
        if len(parts) >= 2 and names.score(father, parts[1]) >= names.THRESHOLD:
            return True
    return False


def _in_order(query: str, original: str) -> bool:
    """Whether the parts of a matched name pair with the query's in the order written (Abdukerim
    Abdumutallip is a son of Abdumutallip; Abdumutallip Abdukerim, his father perhaps, matches as well but
    comes after); for a given name alone, whether it is the name's first part (the person's own, not the
    father's). Relatives abroad write a name in its order more often than not: on the 1,000,000-person
    benchmark, ranking by order lifts name-only recall@10 from 0.40 to 0.44, though a reversed spelling
    then finds its person further down."""
    written = [p.text for p in names.parse(original).parts if p.forms]
    at = [written.index(m.b) for m in names.compare(query, original).explanation if m.b in written]
    if len(at) == 1 and _name_parts(query) == 1:  # a given name alone: the person's own, written first
        return at[0] == 0
    return at == sorted(at)


def _narrow(hits: list[_Hit], details: _Details, father: str | None, *, public: bool = False) -> list[_Hit]:
    """The hits whose known birth years, places and fathers do not disagree, with what agreed, what is
    unknown and what the records say otherwise of without ruling the person out (a detention's date,
    sentence and outcome); in public mode judged on public facts only (stated years, places and detention facts, and the
    names as written)."""
    all_records = sorted({r for h in hits for r in h.records})
    facets = _facets(all_records, public=public)
    written = _entries_of(all_records) if father else {}
    kept = []
    for h in hits:
        mine = [facets[r] for r in sorted(h.records) if r in facets]
        verdicts: dict[str, bool | None] = {}
        bonus = 0.0
        if details.born is not None:
            off = details.born_off((f.birth_lo, f.birth_hi) for f in mine
                                   if f.birth_lo is not None and f.birth_hi is not None)
            verdicts["born"] = None if off is None else off <= BORN_TOLERANCE
            if verdicts["born"]:
                bonus += details.born_bonus(off)
        if details.codes:
            agreement = max((details.place(f.county) for f in mine if f.county), default=None)
            verdicts["place"] = None if agreement is None else agreement > 0
            if verdicts["place"]:
                bonus += AGREEMENT_BONUS * agreement
        if father:
            fathers = [f.father for f in mine if f.father]
            texts = [o for r in sorted(h.records) for _, o in written.get(r, [])]
            known = fathers or [t for t in texts if _name_parts(t) >= 2]
            verdicts["father"] = _father_agrees(father, fathers, texts) if known else None
            if verdicts["father"]:
                bonus += AGREEMENT_BONUS
        if any(v is False for v in verdicts.values()):
            continue
        ranking: dict[str, bool | None] = {}  # agreement ranks; disagreement keeps the person
        if details.detained is not None:
            got = details.detained_bonus((f.detained_lo, f.detained_hi) for f in mine
                                         if f.detained_lo is not None and f.detained_hi is not None)
            ranking["detained"] = None if got is None else got > 0
            bonus += got or 0.0
        for detail, told, said in (("sentence", details.sentence, {f.sentence for f in mine}),
                                   ("status", details.status, {f.outcome for f in mine})):
            if told is not None:
                said.discard(None)
                ranking[detail] = (told in said) if said else None
                bonus += AGREEMENT_BONUS if ranking[detail] else 0.0
        verdicts |= ranking
        h.agreed = [k for k, v in verdicts.items() if v]
        h.unknown = [k for k, v in verdicts.items() if v is None]
        h.differs = [k for k, v in ranking.items() if v is False]
        h.bonus = bonus
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
        "agreed": h.agreed, "unknown": h.unknown, "differs": h.differs,
    }


def _birth_years(facets: list[_Facts]) -> dict | None:
    lows = [f.birth_lo for f in facets if f.birth_lo is not None]
    highs = [f.birth_hi for f in facets if f.birth_hi is not None]
    return {"from": max(lows), "to": min(highs)} if lows and highs and max(lows) <= min(highs) else \
        ({"from": min(lows), "to": max(highs)} if lows and highs else None)


def _place_view(facets: list[_Facts]) -> list[dict]:
    out = []
    for code in dict.fromkeys(f.county for f in facets if f.county):
        place = places.get(code)
        out.append({"code": code, "name": places.latin_name(code) if place else None,
                    "name_zh": place.name_zh if place else None})
    return out


def search(query: str, *, born: int | str | None = None, place: str | None = None, father: str | None = None,
           detained: str | None = None, sentence: int | str | None = None, status: str | None = None,
           limit: int = 10, public: bool = False, catch_up: bool = True) -> list[dict]:
    """Persons whose names match `query` in any writing, best first, each with why it matched and the
    last known status with its source. `public=True` applies the public rules: the query must contain
    part of a name, and results carry public fields only (no ID numbers, addresses, fathers' names,
    locators or anything about testifiers). `born` is a year or a text `parse_born` reads (a range, a
    decade, "around 1985"); `detained` when the person was taken (`parse_detained`: a year, a month, part
    of a year, a span) and `sentence` the years of a sentence and `status` how the detention ended or stands
    (`parse_status`), which rank but never rule out."""
    text = check_query(query, public=public)
    if limit < 1:
        raise InputError("--limit must be at least 1")
    limit = min(limit, PUBLIC_MAX_LIMIT if public else MAX_LIMIT)
    born = parse_born(born)
    if father is not None and _name_parts(father) == 0:
        raise InputError(f"--father {father!r} contains no part of a name")
    detained_months, sentence_years, told = parse_detained(detained), parse_sentence(sentence), parse_status(status)
    if catch_up:
        from rollcall.search.index import index_pending

        index_pending()
    codes = _place_codes(place) if place else {}
    name = _with_father(text, father)
    # The index's facets come partly from ID numbers: a public search narrows on its public facets only
    # (from stated fields), so that a refused or kept result never says what a hidden ID number encodes.
    details = _Details(born, codes, detained_months, sentence_years, told)
    found, how = _candidates(name, _sql_narrowing(born, codes, public=public), details)
    scored: dict[str, float] = {}
    for _, _, _, original in found:
        if original not in scored:
            scored[original] = names.score(name, original)
    in_order = {o: _in_order(name, o) for o, sc in scored.items() if sc >= MIN_NAME_SCORE}
    # best first: the name's score, then a name in the order written, then the earliest record
    ranked_entries = sorted((-scored[o], not in_order[o], rid, eid, fld, o) for eid, rid, fld, o in found
                            if scored[o] >= MIN_NAME_SCORE)
    if details.ranks() or father:  # a person is judged on all its records
        hits = _group(ranked_entries)
        _fill_records(hits)
        hits = _narrow(hits, details, father, public=public)
        hits.sort(key=lambda h: (-h.total, -h.name_score, not h.in_order, h.record))
        top = hits[:limit]
    else:  # the name alone ranks: only the first persons found need to be known
        top = _group(ranked_entries, limit)
        _fill_records(top)
    return _views(name, top, how, public)


def _group(ranked_entries: list[tuple[float, bool, int, int, str, str]], limit: int | None = None) -> list[_Hit]:
    """One hit per person (or unlinked record), from its first entry in `ranked_entries` (its best), in the
    order persons first appear; with `limit`, the first `limit` persons only (records are mapped to persons
    a batch at a time, so a name with thousands of namesakes maps only as many as it takes)."""
    hits: dict[str, _Hit] = {}
    persons: dict[int, str] = {}
    for start in range(0, len(ranked_entries), PERSON_BATCH):
        chunk = ranked_entries[start:start + PERSON_BATCH]
        persons.update(_persons_of(sorted({e[2] for e in chunk} - persons.keys())))
        for neg_score, reversed_order, rid, _eid, fld, original in chunk:
            pid = persons.get(rid)
            group = pid or f"record:{rid}"
            if group not in hits:
                hits[group] = _Hit(group, pid, -neg_score, rid, fld, original, in_order=not reversed_order)
                if limit is not None and len(hits) >= limit:
                    return list(hits.values())
    return list(hits.values())


def _fill_records(hits: list[_Hit]) -> None:
    """Give each hit the records of its person (a provisional hit: its own record)."""
    members = _records_of(sorted({h.person for h in hits if h.person}))
    for h in hits:
        h.records = members.get(h.person, {h.record}) if h.person else {h.record}


def _with_father(query: str, father: str | None) -> str:
    """The name to look for: a given name alone with the father's name given is the whole Uyghur name
    (Yakup, son of Ilyas, is Yakup Ilyas), found and scored as one, so that the father's name finds the
    person among the thousands who share the given name rather than only filtering a few of them."""
    if father and _name_parts(query) == 1:
        return f"{query} {father.strip()}"
    return query


def _views(query: str, top: list[_Hit], how: str, public: bool) -> list[dict]:
    record_ids = sorted({r for h in top for r in h.records})
    facets = _facets(record_ids, public=public)
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
            item["fathers"] = list(dict.fromkeys(x.father for x in f if x.father))
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

