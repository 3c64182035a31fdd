"""Checks run on each record at ingest. They add flags, never corrections: the statements stay as written."""

from __future__ import annotations

from rollcall.places.consistency import check_record
from rollcall.records.normalise import checked_id

Values = dict[str, list[tuple[str, str | None]]]  # field -> [(original, normalised value)]

# Where a resident ID number is issued: usually the birthplace or the household registration (户籍), so
# those are the places it is compared with. A current address is not: people move, and living elsewhere
# is no discrepancy. A record's generic `place` column (县, 乡镇, location) stands in for them only when
# the record has neither; registers use it for the person's home county.
HOME_FIELDS = ("birth_place", "household_address")
FALLBACK_PLACE_FIELDS = ("place",)


def _first_value(values: Values, field: str) -> str | None:
    for _original, value in values.get(field, ()):
        if value:
            return value
    return None


def _home_places(values: Values) -> dict[str, str]:
    """The place codes a record gives for where its person was born or registered, by field."""
    found = {f: code for f in HOME_FIELDS if (code := _first_value(values, f)) and code.isdigit()}
    if not found:
        found = {f: code for f in FALLBACK_PLACE_FIELDS if (code := _first_value(values, f)) and code.isdigit()}
    return found


def id_consistency(values: Values) -> list[dict]:
    """Where a record's ID number disagrees with its stated birth date, sex, birth or household place, or
    its age on the record's date (`recorded_at`): named discrepancies."""
    numbers = values.get("id_number")
    if not numbers:
        return []
    found = check_record(numbers[0][0], birth_date=_first_value(values, "birth_date"),
                         sex=_first_value(values, "sex"), places=_home_places(values),
                         age=_first_value(values, "age"), on=_first_value(values, "recorded_at"),
                         checked=checked_id(numbers[0][0]))
    # plain dicts built by hand: dataclasses.asdict deep-copies and dominated ingest time
    return [{"kind": d.kind, "field": d.field, "stated": d.stated, "from_id": d.from_id, "message": d.message}
            for d in found]


RECORD_CHECKS = [id_consistency]
