"""The fictional population: families, people, detentions over time, and which sources record them.

Generated family by family, each family from its own RNG seeded by (corpus seed, family number), so any
family can be made alone and a corpus of a million people never needs more than one family in memory.

Distributions (documented here, plausible against public reporting, never real people):
- Household: a head (male, born 1950-1990, mode 1972), usually his wife (90%), 0-4 adult children
  (born when the mother was 20-40, and no later than 2001: only adults of 16+ in 2017 are generated),
  and sometimes the head's elderly father (15%). Children carry the head's given name as their second
  name part, so families share fathers' names and one household address and household number.
- Who is recorded: each adult man with p=0.9, each woman with p=0.35 (at least one per family), so about
  three recorded people in four are men, the share seen in published victim databases and leaked lists.
- Names: a random given name + the father's given name, drawn with Zipf-like weights (`nameparts`);
  every name is a random combination. Usual Chinese transcription 85%, a variant 15%.
- Counties: weighted by Uyghur population (`geography`); townships and numbered villages generated.
- First detention date: 8% 2014-2016, 80% 2017-2018 (peaking from spring 2017 to mid 2018), 12% 2019.
- Trajectory after it (status changes over time): camp then release 38%; camp then prison 22%; pre-trial
  detention then prison 12%; camp, still held 12%; police or administrative custody, then camp, then
  release 5%; pre-trial detention then prison (sentence unknown to relatives) 4%; death in custody in a
  camp 3% or a prison 2%; drug rehabilitation then release 2%. Sentences 2-25 years, most 5-15.
- Sources: a police register (GBK CSV) 50%, a 2019 status list (XLSX) 45%, testimonies (JSON 20%, CSV
  15%), a diaspora list in Uyghur script 20%; each person in at least 1 and at most 4 of them.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from itertools import accumulate

from stdnum.cn import ric

from rollcall.generate import facts
from rollcall.generate.draw import below, between, one, weighted
from rollcall.generate.geography import TOWNSHIPS, County, counties
from rollcall.generate.nameparts import NamePart, name_parts

SOURCES = ("register", "status", "testimony_json", "testimony_csv", "uyghur_list")
SOURCE_P = {"register": 0.5, "status": 0.45, "testimony_json": 0.2, "testimony_csv": 0.15, "uyghur_list": 0.2}
MAX_SOURCES = 4
_SOURCES_CUM = list(accumulate(SOURCE_P[s] for s in SOURCES))


@dataclass
class Episode:
    """One stay in detention: its type, facility, start, and how it ended (None: still held)."""

    kind: str
    facility: facts.Facility
    start: date
    end: date | None = None
    outcome: str = ""  # "released", "transferred", "died" or "" (still held / unknown)
    sentence_years: int | None = None
    reason: tuple[str, str] = ("", "")


@dataclass
class Person:
    """A fictional person: identity as registers write it, household, detentions, sources."""

    pid: str
    sex: str  # "m" / "f"
    given: NamePart
    father: NamePart
    given_hanzi: str
    father_hanzi: str
    birth: date
    county: County
    township: tuple[str, str]
    address_zh: str
    household: str
    relation_zh: str  # relation to the household head, as a household register writes it
    id_number: str
    occupation: tuple[str, str]
    episodes: list[Episode] = field(default_factory=list)
    sources: tuple[str, ...] = ()

    @property
    def name_uly(self) -> str:
        """Given name + father's name in Uyghur Latin."""
        return f"{self.given.uly} {self.father.uly}"

    def status_on(self, day: date) -> tuple[str, Episode | None]:
        """What had happened to the person by that day: (state, the episode it concerns).

        States: "free" (before detention), "held" (in the episode), "released", "died".
        """
        last: Episode | None = None
        for ep in self.episodes:
            if ep.start > day:
                break
            last = ep
            if ep.end is None or ep.end > day:
                return "held", ep
        if last is None:
            return "free", None
        return ("died", last) if last.outcome == "died" else ("released", last)


@dataclass
class Family:
    """A household's recorded members; `members` are (relation to head, person) in household order."""

    number: int
    members: list[Person]


def _pick(rng: random.Random, parts: list[NamePart], weights: list[float]) -> NamePart:
    return weighted(rng, parts, weights)


def _birth(rng: random.Random, low: int, high: int, mode: float) -> date:
    year = int(rng.triangular(low, high, mode))
    return date(year, 1, 1) + timedelta(days=below(rng, 365))


def _id_number(rng: random.Random, county: County, birth: date, sex: str, issued: set[int] | None) -> str:
    """A resident ID number no earlier person of the corpus holds (when `issued` is given)."""
    for _ in range(500):
        seq = below(rng, 500) * 2 + (1 if sex == "m" else 0)  # odd for men, even for women
        body = f"{county.code}{birth:%Y%m%d}{seq:03d}"
        if issued is None or int(body) not in issued:
            break
    if issued is not None:
        issued.add(int(body))
    return body + ric.calc_check_digit(body + "0")


def _first_detention(rng: random.Random) -> date:
    r = rng.random()
    if r < 0.08:
        start, span = date(2014, 3, 1), 365 * 3 - 60
    elif r < 0.88:
        # Mostly spring 2017 to mid 2018: a triangle over 2017-01..2018-12 peaking in late 2017.
        return date(2017, 1, 1) + timedelta(days=int(rng.triangular(0, 729, 300)))
    else:
        start, span = date(2019, 1, 1), 360
    return start + timedelta(days=below(rng, span))


def _sentence(rng: random.Random) -> int:
    return max(2, min(25, round(rng.triangular(2, 25, 9))))


def _after(day: date, rng: random.Random, low_days: int, high_days: int) -> date:
    return day + timedelta(days=between(rng, low_days, high_days))


TRAJECTORIES = [("camp_released", 38), ("camp_prison", 22), ("pretrial_prison", 12), ("camp_held", 12),
                ("custody_camp_released", 5), ("pretrial_prison_unknown", 4), ("camp_died", 3),
                ("prison_died", 2), ("rehab_released", 2)]
_TRAJECTORY_NAMES = [name for name, _ in TRAJECTORIES]
_TRAJECTORY_CUM = list(accumulate(w for _, w in TRAJECTORIES))
_REASONS = [(zh, en) for zh, en, _ in facts.REASONS]
_REASONS_CUM = list(accumulate(w for *_, w in facts.REASONS))
_OCCUPATIONS = [(zh, en) for zh, en, _ in facts.OCCUPATIONS]
_OCCUPATIONS_CUM = list(accumulate(w for *_, w in facts.OCCUPATIONS))


def _episodes(rng: random.Random, county: County) -> list[Episode]:
    kind = weighted(rng, _TRAJECTORY_NAMES, _TRAJECTORY_CUM)
    start = _first_detention(rng)
    reason = weighted(rng, _REASONS, _REASONS_CUM)
    fac_no = below(rng, 6)

    def ep(k: str, s: date, **kw) -> Episode:
        return Episode(k, facts.facility(k, county, fac_no), s, reason=reason, **kw)

    if kind == "camp_released":
        return [ep("camp", start, end=_after(start, rng, 300, 900), outcome="released")]
    if kind == "camp_held":
        return [ep("camp", start)]
    if kind == "camp_died":
        return [ep("camp", start, end=_after(start, rng, 60, 700), outcome="died")]
    if kind in ("camp_prison", "pretrial_prison", "pretrial_prison_unknown", "prison_died"):
        first = "camp" if kind == "camp_prison" else "pretrial"
        moved = _after(start, rng, 90, 540) if first == "camp" else _after(start, rng, 30, 180)
        years = _sentence(rng)
        prison = ep("prison", moved, sentence_years=None if kind == "pretrial_prison_unknown" else years)
        if kind == "prison_died":
            prison.end, prison.outcome = _after(moved, rng, 90, 1400), "died"
        return [ep(first, start, end=moved, outcome="transferred"), prison]
    if kind == "custody_camp_released":
        custody = one(rng, ["police", "administrative"])
        moved = _after(start, rng, 10, 60)
        return [ep(custody, start, end=moved, outcome="transferred"),
                ep("camp", moved, end=_after(moved, rng, 300, 800), outcome="released")]
    return [ep("drug_rehab", start, end=_after(start, rng, 600, 760), outcome="released")]


def _sources(rng: random.Random) -> tuple[str, ...]:
    chosen = [s for s in SOURCES if rng.random() < SOURCE_P[s]]
    if not chosen:
        chosen = [weighted(rng, SOURCES, _SOURCES_CUM)]
    while len(chosen) > MAX_SOURCES:
        chosen.pop(below(rng, len(chosen)))
    return tuple(chosen)


_CHILDREN, _CHILDREN_CUM = [0, 1, 2, 3, 4], [25, 50, 75, 90, 100]  # adult children: 25/25/25/15/10 %
_SON = ["长子", "次子", "三子", "四子"]
_DAUGHTER = ["长女", "次女", "三女", "四女"]


def make_family(seed: int, number: int, first_pid: int, limit: int,
                issued: set[int] | None = None) -> tuple[Family, random.Random]:
    """Family `number` of the corpus with this seed; its people are numbered from `first_pid`, at most `limit`.

    Returns the family and its RNG, from which the corpus draws the seeds of the family's records (so a
    family's records are reproducible from the seed, the family number and the ID numbers issued before). `issued`
    holds the ID numbers (first 17 digits) given so far: real numbers are unique, and chance collisions
    would otherwise reach ~0.2% of people at a million (birth dates cluster, 500 sequences per sex).
    """
    rng = random.Random(((seed % 2 ** 64) << 32) | number)  # one distinct integer seed per (seed, family)
    male, m_w, female, f_w = name_parts()
    all_counties, county_w = counties()
    county = weighted(rng, all_counties, county_w)
    township = one(rng, TOWNSHIPS)
    village, group, house = between(rng, 1, 24), between(rng, 1, 9), between(rng, 1, 180)
    address = (f"新疆维吾尔自治区{county.prefecture_zh}{county.name_zh}{township[1]}乡"
               f"{village}村{group}组{house}号")
    household = f"{county.code}{below(rng, 10 ** 8):08d}"

    def hanzi(part: NamePart) -> str:
        return part.hanzi[1] if len(part.hanzi) > 1 and rng.random() < 0.15 else part.hanzi[0]

    # (relation, sex, given part, father part, birth)
    plan: list[tuple[str, str, NamePart, NamePart, date]] = []
    head_given, head_father = _pick(rng, male, m_w), _pick(rng, male, m_w)
    head_birth = _birth(rng, 1950, 1990, 1972)
    if rng.random() < 0.15:
        plan.append(("父亲", "m", head_father, _pick(rng, male, m_w),
                     _birth(rng, head_birth.year - 40, head_birth.year - 20, head_birth.year - 27)))
    plan.append(("户主", "m", head_given, head_father, head_birth))
    mother_birth = head_birth
    if rng.random() < 0.9:
        mother_birth = _birth(rng, head_birth.year - 2, head_birth.year + 9, head_birth.year + 3)
        plan.append(("妻子", "f", _pick(rng, female, f_w), _pick(rng, male, m_w), mother_birth))
    sons = daughters = 0
    for _ in range(weighted(rng, _CHILDREN, _CHILDREN_CUM)):
        low, high = mother_birth.year + 20, min(mother_birth.year + 40, 2001)
        if low > high:
            break
        birth = _birth(rng, low, high, (low + high) / 2)
        if rng.random() < 0.5:
            plan.append((_SON[min(sons, 3)], "m", _pick(rng, male, m_w), head_given, birth))
            sons += 1
        else:
            plan.append((_DAUGHTER[min(daughters, 3)], "f", _pick(rng, female, f_w), head_given, birth))
            daughters += 1

    # Official transcriptions are fixed per name part within a household (a son's father name is
    # written as his father's given name is).
    official: dict[str, str] = {}
    recorded = [p for p in plan if rng.random() < (0.9 if p[1] == "m" else 0.35)] or [plan[-1]]
    members = []
    for relation, sex, given, father, birth in recorded[:limit]:
        given_hz = official.setdefault(given.uly, hanzi(given))
        father_hz = official.setdefault(father.uly, hanzi(father))
        person = Person(
            pid=f"fictional-{first_pid + len(members):07d}", sex=sex, given=given, father=father,
            given_hanzi=given_hz, father_hanzi=father_hz, birth=birth, county=county, township=township,
            address_zh=address, household=household, relation_zh=relation,
            id_number=_id_number(rng, county, birth, sex, issued),
            occupation=weighted(rng, _OCCUPATIONS, _OCCUPATIONS_CUM),
        )
        person.episodes = _episodes(rng, county)
        person.sources = _sources(rng)
        members.append(person)
    return Family(number, members), rng
