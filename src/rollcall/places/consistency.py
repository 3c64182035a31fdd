"""Does a record's resident ID number agree with what the same record says about the person?

`check_record` compares what the number encodes (birth date, sex, issuing region) with the birth date,
sex, place and age the record states, and names each disagreement. A discrepancy is a flag for a human
to look at, never a correction: either side may be the wrong one (a mistyped ID, an approximate age, a
person registered where they did not live), and both values stay as written.

Pure library: no Django. Kinds (stable strings, used as flag names at ingest):

- `invalid_id`: the number fails its checksum, date or region check (or cannot be read at all);
- `birth_date_mismatch`: the stated birth date differs from the one in the number, compared at the
  stated precision (a stated year is compared with the year only);
- `sex_mismatch`: the stated sex differs from the sex the sequence digit encodes;
- `place_mismatch`: none of the stated places (birth place, household registration...) contains the
  region that issued the number, under any code either has had (see `_place_contains`);
- `age_mismatch`: the stated age (or age range) on the record's date is not the age the number's birth
  date gives on that date (a record dated by month or year allows every age of that period).

Values the function cannot read (an unparseable date, a sex written some other way) are not compared:
reading them is the normalisers' job, and a wrong reading must not become a flag.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from datetime import date
from functools import lru_cache

from rollcall.places import ids

KINDS = ("invalid_id", "birth_date_mismatch", "sex_mismatch", "place_mismatch", "age_mismatch")

_CODE = re.compile(r"\d{6}(\d{3}|\d{6})?")  # a county-level code, or a township's 9 or 12 digits
_SEX = {"male": "male", "m": "male", "男": "male", "female": "female", "f": "female", "女": "female"}


@dataclass(frozen=True)
class Discrepancy:
    """One disagreement between the ID number and another statement of the same record.

    `field` is the record's field (id_number, birth_date, sex, place, age; for a place mismatch the
    place fields compared, comma-separated); `stated` what the record says (as given to `check_record`;
    the place codes, comma-separated in the same order); `from_id` what the number says; `message` a
    sentence for people.
    """

    kind: str
    field: str
    stated: str
    from_id: str
    message: str

    def to_dict(self) -> dict:
        """A JSON-ready dictionary."""
        return asdict(self)


def _as_date(value: str | date | None) -> date | None:
    if value is None or isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value).strip())
    except ValueError:
        return None


_STATED_DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")


def _compare_birth_date(stated: str, born: date) -> Discrepancy | None:
    """A stated YYYY, YYYY-MM or YYYY-MM-DD against the ID's birth date, at the stated precision."""
    text = stated.strip()
    if not _STATED_DATE.fullmatch(text):
        return None
    full = born.isoformat()
    from_id = full[: len(text)]
    if text == from_id:
        return None
    message = f"the record states born {text}; the ID number encodes {full}"
    if len(text) == 10 and text[:4] == from_id[:4] and text[5:7] == from_id[8:10] and text[8:10] == from_id[5:7]:
        message += " (day and month swapped)"
    return Discrepancy("birth_date_mismatch", "birth_date", stated, born.isoformat(), message)


def _age_on(born: date, on: date) -> int:
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def _period(on: str | date) -> tuple[date, date] | None:
    """The first and last day a record date means: a day, a month (YYYY-MM) or a year (YYYY)."""
    if isinstance(on, date):
        return on, on
    text = str(on).strip()
    try:
        if re.fullmatch(r"\d{4}", text):
            return date(int(text), 1, 1), date(int(text), 12, 31)
        if m := re.fullmatch(r"(\d{4})-(\d{2})", text):
            year, month = int(m[1]), int(m[2])
            following = date(year + month // 12, month % 12 + 1, 1)
            return date(year, month, 1), date.fromordinal(following.toordinal() - 1)
        day = date.fromisoformat(text)
        return day, day
    except ValueError:
        return None


def _compare_age(stated: str | int, born: date, on: str | date) -> Discrepancy | None:
    """A stated age ('45') or range ('40-49') on the record's date against the ID's birth date. A record
    dated by month or year only allows every age the person had in that period."""
    text = str(stated).strip()
    if m := re.fullmatch(r"(\d{1,3})", text):
        low = high = int(m[1])
    elif m := re.fullmatch(r"(\d{1,3})\s*-\s*(\d{1,3})", text):
        low, high = int(m[1]), int(m[2])
    else:
        return None
    period = _period(on)
    if period is None or period[1] < born:
        return None
    youngest, oldest = _age_on(born, max(period[0], born)), _age_on(born, period[1])
    if low <= oldest and youngest <= high:
        return None
    actual = str(youngest) if youngest == oldest else f"{youngest}-{oldest}"
    when = period[0].isoformat() if period[0] == period[1] else str(on).strip()
    return Discrepancy("age_mismatch", "age", text, actual,
                       f"the record states age {text} on {when}; the ID number's birth date "
                       f"{born.isoformat()} gives {actual}")


def _contains(outer: str, inner: str) -> bool:
    """Whether one 6-digit code contains another by its shape (a province its prefectures and counties,
    a prefecture its counties, a county itself)."""
    if outer[2:] == "0000":
        return outer[:2] == inner[:2]
    if outer[4:] == "00":
        return outer[:4] == inner[:4]
    return outer == inner


@lru_cache(maxsize=65536)  # a register repeats the same few (places, region) row after row
def _any_contains(place_codes: tuple[str, ...], region_code: str, region_name_zh: str) -> bool:
    """Whether any of the codes contains the region (`_place_contains`)."""
    return any(_place_contains(c, region_code, region_name_zh) for c in place_codes)


@lru_cache(maxsize=65536)
def _place_contains(place_code: str, region_code: str, region_name_zh: str) -> bool:
    """Whether an administrative code (province, prefecture, county or township) contains the region,
    under any of the codes the two have had.

    Codes change (库车县 652923 became 库车市 652902 in 2019; Turpan's counties moved from 6521 to 6504):
    a number keeps the code it was issued under, an address names the place as it is when written, or
    as it was. So both codes are followed forward through the gazetteer's re-codings
    (`later_codes`), and they agree if any code of the place contains any code of the region. Outside
    Xinjiang, where the gazetteer knows no re-codings, a county of the same province under the same
    Chinese name (now or formerly) is taken for the same unit.
    """
    code = place_code.strip()
    if len(code) > 6:  # township codes start with their county's code
        code = code[:6]
    if _contains(code, region_code):
        return True
    from rollcall.places import gazetteer

    region_codes = gazetteer.later_codes(region_code)
    if any(_contains(outer, inner) for outer in gazetteer.later_codes(code) for inner in region_codes):
        return True
    place = gazetteer.get(code)
    if place is None or not region_name_zh or region_name_zh in gazetteer.PLACEHOLDERS:
        return False
    return code[:2] == region_code[:2] and region_name_zh in {place.name_zh, *place.other_names}


def check_record(id_number: str, *, birth_date: str | date | None = None, sex: str | None = None,
                 place_code: str | None = None, places: Mapping[str, str] | None = None,
                 age: str | int | None = None, on: str | date | None = None,
                 checked: ids.IdCheck | None = None) -> list[Discrepancy]:
    """The discrepancies between an ID number and a record's stated birth date, sex, place and age.

    `birth_date` is ISO (YYYY, YYYY-MM or YYYY-MM-DD); `sex` 'male' or 'female'; `place_code` the
    administrative code the record's place resolved to; `places` several such codes by the field they
    come from ({'birth_place': '653121', 'household_address': '653101'}): the number is usually issued
    where a person was born or registered, so it agrees when any of them contains the issuing region,
    and one `place_mismatch` names them all when none does. `age` is a number or 'lo-hi' range, compared
    on the date `on` the record was made (YYYY-MM-DD, or YYYY-MM / YYYY for a record dated that
    loosely; without `on`, age is not compared). An empty list means nothing disagrees (or nothing could
    be compared); an unreadable number gives only `invalid_id`. `checked` is the number's `ids.check`
    result where the caller already has it.
    """
    result = checked if checked is not None else ids.check(id_number, candidates=False)
    found: list[Discrepancy] = []
    if not result.valid:
        what = "; ".join(p.message for p in result.errors)
        found.append(Discrepancy("invalid_id", "id_number", id_number, result.number,
                                 f"the ID number is not valid: {what}"))
    if result.sex is None:  # not even 18 digits: nothing else can be read from it
        return found
    born = _as_date(result.birth_date)
    if birth_date is not None and born is not None:
        stated = birth_date.isoformat() if isinstance(birth_date, date) else str(birth_date)
        if stated != result.birth_date and (d := _compare_birth_date(stated, born)):  # most agree to the day
            found.append(d)
    if sex is not None:
        stated_sex = _SEX.get(str(sex).strip().casefold())
        if stated_sex and stated_sex != result.sex:
            found.append(Discrepancy("sex_mismatch", "sex", str(sex), result.sex,
                                     f"the record states {stated_sex}; the ID number's sequence digit "
                                     f"{result.number[16]} means {result.sex}"))
    stated_places = {**({"place": place_code} if place_code else {}), **(places or {})}
    stated_places = {f: c.strip() for f, c in stated_places.items() if c and _CODE.fullmatch(c.strip())}
    if stated_places and result.county_code:
        region_zh = result.region.county_zh if result.region else ""
        if not _any_contains(tuple(stated_places.values()), result.county_code, region_zh):
            issued = f"{result.county_code} {region_zh}".strip()
            named = ", ".join(f"{f} {c}" for f, c in stated_places.items())
            found.append(Discrepancy("place_mismatch", ", ".join(stated_places), ", ".join(stated_places.values()),
                                     result.county_code,
                                     f"the record's place ({named}) does not contain the region that issued "
                                     f"the ID number ({issued})"))
    if age is not None and on is not None and born is not None and (d := _compare_age(age, born, on)):
        found.append(d)
    return found
