"""Checks run on each record at ingest. They add flags, never corrections: the statements stay as written."""

from __future__ import annotations

from rollcall.places.consistency import check_record
from rollcall.records.normalise import checked_id

Values = dict[str, list[tuple[str, str | None]]]  # field -> [(original, normalised value)]


def _first_value(values: Values, field: str) -> str | None:
    for _original, value in values.get(field, ()):
        if value:
            return value
    return None


def id_consistency(values: Values) -> list[dict]:
    """Where a record's ID number disagrees with its stated birth date, sex or place (named discrepancies)."""
    numbers = values.get("id_number")
    if not numbers:
        return []
    place = None
    for field in ("household_address", "place", "current_address"):
        code = _first_value(values, field)
        if code and code.isdigit():
            place = code
            break
    found = check_record(numbers[0][0], birth_date=_first_value(values, "birth_date"),
                         sex=_first_value(values, "sex"), place_code=place, checked=checked_id(numbers[0][0]))
    # plain dicts built by hand: dataclasses.asdict deep-copies and dominated ingest time
    return [{"kind": d.kind, "field": d.field, "stated": d.stated, "from_id": d.from_id, "message": d.message}
            for d in found]


RECORD_CHECKS = [id_consistency]
