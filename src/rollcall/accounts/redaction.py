"""The one place that decides which field each role may see, and views redacted accordingly.

Least privilege: a field missing from `FIELD_LEVEL` (including unmapped columns, whose content nobody has
classified) is visible from `UNLISTED_LEVEL` up. Pages and the API both go through `redact_person` and
`redact_record`, so they cannot disagree.
"""

from __future__ import annotations

from rollcall.accounts.roles import ADMIN, EDITOR, PUBLIC, RESEARCHER, at_least

# canonical field -> the least role allowed to see its values
FIELD_LEVEL: dict[str, str] = {
    "name": PUBLIC, "other_names": PUBLIC, "sex": PUBLIC, "ethnicity": PUBLIC, "birth_date": PUBLIC,
    "age": PUBLIC, "occupation": PUBLIC, "detention_start": PUBLIC, "detention_end": PUBLIC,
    "facility": PUBLIC, "detention_status": PUBLIC, "reason": PUBLIC, "sentence": PUBLIC,
    "relation": PUBLIC, "father_name": PUBLIC, "mother_name": PUBLIC, "birth_place": PUBLIC,
    "place": PUBLIC, "nationality": PUBLIC, "education": PUBLIC, "religion_practice": PUBLIC,
    "notes": RESEARCHER,  # free text: may hold anything, including contacts
    "id_number": RESEARCHER,
    "household_address": RESEARCHER,  # exact addresses
    "current_address": RESEARCHER,
    "phone": EDITOR,
    "testifier_name": EDITOR,
    "testifier_contact": EDITOR,
    "testifier_relation": EDITOR,
}
UNLISTED_LEVEL = RESEARCHER
SENSITIVE_FIELDS = tuple(f for f, level in FIELD_LEVEL.items() if level != PUBLIC)
ROLES_BY_LEVEL = (PUBLIC, RESEARCHER, EDITOR, ADMIN)


def level_of(field: str | None) -> str:
    """The least role that may see a field's values (`raw:<column>` and unknown fields are unlisted)."""
    if field and field.startswith("testifier_"):
        return FIELD_LEVEL.get(field, EDITOR)
    return FIELD_LEVEL.get(field or "", UNLISTED_LEVEL)


def may_see(role: str, field: str | None) -> bool:
    """Whether a role may see the values of a field."""
    return at_least(role, level_of(field))


def redact_person(detail: dict, role: str) -> dict:
    """A person's full view (`rollcall.people.views.detail`) cut down to what `role` may see.

    Hidden fields disappear entirely (their names are listed in `hidden`, never their values); records'
    ingest flags, which can quote any cell, are shown from researcher up.
    """
    fields = {k: v for k, v in detail["fields"].items() if may_see(role, k)}
    hidden = sorted(k for k in detail["fields"] if k not in fields)
    out = {**detail, "fields": fields, "hidden": hidden,
           "conflicts": [c for c in detail["conflicts"] if c in fields],
           "family": {k: v for k, v in detail["family"].items() if may_see(role, k)},
           "timeline": [{k: v for k, v in t.items() if k == "source" or may_see(role, k)}
                        for t in detail["timeline"]],
           "records": [_record_flags(r, role) for r in detail["records"]]}
    return out


def redact_record(record: dict, role: str) -> dict:
    """A record (`rollcall.records.queries.iter_records` item) with only the statements `role` may see."""
    kept = [s for s in record["statements"] if may_see(role, s.get("field") or f"raw:{s.get('column')}")]
    return {**_record_flags(record, role), "statements": kept,
            "hidden": len(record["statements"]) - len(kept)}


def _record_flags(record: dict, role: str) -> dict:
    return record if at_least(role, RESEARCHER) else {**record, "flags": []}


def table() -> list[dict]:
    """The sensitivity table as data: field, least role, and whether each role sees it."""
    return [{"field": f, "level": lvl, **{r: at_least(r, lvl) for r in ROLES_BY_LEVEL}}
            for f, lvl in FIELD_LEVEL.items()]
