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
- `place_mismatch`: the stated place does not contain the region that issued the number;
- `age_mismatch`: the stated age (or age range) on the record's date is not the age the number's birth
  date gives on that date.

Values the function cannot read (an unparseable date, a sex written some other way) are not compared:
reading them is the normalisers' job, and a wrong reading must not become a flag.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from datetime import date

from rollcall.places import ids

KINDS = ("invalid_id", "birth_date_mismatch", "sex_mismatch", "place_mismatch", "age_mismatch")

_SEX = {"male": "male", "m": "male", "男": "male", "female": "female", "f": "female", "女": "female"}


@dataclass(frozen=True)
class Discrepancy:
    """One disagreement between the ID number and another statement of the same record.

    `field` is the record's field (id_number, birth_date, sex, place, age); `stated` what the record
    says (as given to `check_record`); `from_id` what the number says; `message` a sentence for people.
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


def _compare_birth_date(stated: str, born: date) -> Discrepancy | None:
    """A stated YYYY, YYYY-MM or YYYY-MM-DD against the ID's birth date, at the stated precision."""
    text = stated.strip()
    if not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", text):
        return None
    from_id = born.isoformat()[: len(text)]
    if text == from_id:
        return None
    message = f"the record states born {text}; the ID number encodes {born.isoformat()}"
    if len(text) == 10 and text[:4] == from_id[:4] and text[5:7] == from_id[8:10] and text[8:10] == from_id[5:7]:
        message += " (day and month swapped)"
    return Discrepancy("birth_date_mismatch", "birth_date", stated, born.isoformat(), message)


def _age_on(born: date, on: date) -> int:
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def _compare_age(stated: str | int, born: date, on: date) -> Discrepancy | None:
    """A stated age ('45') or range ('40-49') on the record's date against the ID's birth date."""
    text = str(stated).strip()
    if m := re.fullmatch(r"(\d{1,3})", text):
        low = high = int(m[1])
    elif m := re.fullmatch(r"(\d{1,3})\s*-\s*(\d{1,3})", text):
        low, high = int(m[1]), int(m[2])
    else:
        return None
    actual = _age_on(born, on)
    if low <= actual <= high:
        return None
    return Discrepancy("age_mismatch", "age", text, str(actual),
                       f"the record states age {text} on {on.isoformat()}; the ID number's birth date "
                       f"{born.isoformat()} gives {actual}")


def _place_contains(place_code: str, region_code: str, region_name_zh: str) -> bool:
    """Whether an administrative code (province, prefecture, county or township) contains the region."""
    code = place_code.strip()
    if len(code) > 6:  # township codes start with their county's code
        code = code[:6]
    if code[2:] == "0000":
        if code[:2] == region_code[:2]:
            return True
    elif code[4:] == "00":
        if code[:4] == region_code[:4]:
            return True
    elif code == region_code:
        return True
    # Codes change (a county becomes a city district): the same unit under another code is no mismatch.
    try:
        from rollcall import places
        place = places.get(code)
    except (ImportError, AttributeError, LookupError, ValueError):
        place = None
    if place is None or not region_name_zh:
        return False
    names = {place.name_zh, *getattr(place, "former_names_zh", ())}
    return region_name_zh in names


def check_record(id_number: str, *, birth_date: str | date | None = None, sex: str | None = None,
                 place_code: str | None = None, age: str | int | None = None,
                 on: str | date | None = None, checked: ids.IdCheck | None = None) -> list[Discrepancy]:
    """The discrepancies between an ID number and a record's stated birth date, sex, place and age.

    `birth_date` is ISO (YYYY, YYYY-MM or YYYY-MM-DD); `sex` 'male' or 'female'; `place_code` the
    administrative code the record's place resolved to; `age` a number or 'lo-hi' range, compared on
    the date `on` the record was made (without `on`, age is not compared). An empty list means nothing
    disagrees (or nothing could be compared); an unreadable number gives only `invalid_id`. `checked` is
    the number's `ids.check` result where the caller already has it.
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
        if d := _compare_birth_date(stated, born):
            found.append(d)
    if sex is not None:
        stated_sex = _SEX.get(str(sex).strip().casefold())
        if stated_sex and stated_sex != result.sex:
            found.append(Discrepancy("sex_mismatch", "sex", str(sex), result.sex,
                                     f"the record states {stated_sex}; the ID number's sequence digit "
                                     f"{result.number[16]} means {result.sex}"))
    if place_code and re.fullmatch(r"\s*\d{6}(\d{3}|\d{6})?\s*", place_code) and result.county_code:
        region_zh = result.region.county_zh if result.region else ""
        if not _place_contains(place_code, result.county_code, region_zh):
            issued = f"{result.county_code} {region_zh}".strip()
            found.append(Discrepancy("place_mismatch", "place", place_code, result.county_code,
                                     f"the record's place {place_code.strip()} does not contain the region "
                                     f"that issued the ID number ({issued})"))
    on_date = _as_date(on)
    if age is not None and on_date is not None and born is not None and (d := _compare_age(age, born, on_date)):
        found.append(d)
    return found
