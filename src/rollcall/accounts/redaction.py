"""The one place that decides which field each role may see, and views redacted accordingly.

Least privilege: a field missing from `FIELD_LEVEL` (including unmapped columns, whose content nobody has
classified) is visible from `UNLISTED_LEVEL` up. Pages and the API both go through `redact_person` and
`redact_record`, so they cannot disagree.

Sealed fields (a testifier's name and contact, `rollcall.accounts.sealing.SEALED_FIELDS`) are shown to no
role in any view: not even their ciphertext. Roles from `SEALED_LEVEL` up learn which records carry sealed
statements (`sealed`), and may open them one record at a time in an audited view.
"""

from __future__ import annotations

from rollcall.accounts.roles import ADMIN, EDITOR, PUBLIC, RESEARCHER, at_least
from rollcall.accounts.sealing import SEALED_FIELDS

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
    "testifier_name": EDITOR,  # sealed: only ever through the audited view, never in a page or API view
    "testifier_contact": EDITOR,  # sealed, likewise
    "testifier_relation": EDITOR,
}
SEALED_LEVEL = EDITOR  # the least role that may ask for a sealed statement (each reading audited)
UNLISTED_LEVEL = RESEARCHER
SENSITIVE_FIELDS = tuple(f for f, level in FIELD_LEVEL.items() if level != PUBLIC)
ROLES_BY_LEVEL = (PUBLIC, RESEARCHER, EDITOR, ADMIN)


def level_of(field: str | None) -> str:
    """The least role that may see a field's values (`raw:<column>` and unknown fields are unlisted)."""
    if field and field.startswith("testifier_"):
        return FIELD_LEVEL.get(field, EDITOR)
    return FIELD_LEVEL.get(field or "", UNLISTED_LEVEL)


def may_see(role: str, field: str | None) -> bool:
    """Whether a role may see the values of a field in a view (never, for a sealed field)."""
    return field not in SEALED_FIELDS and at_least(role, level_of(field))


def may_unseal(role: str) -> bool:
    """Whether a role may open a record's sealed statements in the audited view."""
    return at_least(role, SEALED_LEVEL)


def redact_person(detail: dict, role: str) -> dict:
    """A person's full view (`rollcall.people.views.detail`) cut down to what `role` may see.

    Hidden fields disappear entirely (their names are listed in `hidden`, never their values); records'
    ingest flags, which can quote any cell, are shown from researcher up. `sealed` lists the records with
    sealed statements, for the roles that may open them.
    """
    fields = {k: v for k, v in detail["fields"].items() if may_see(role, k)}
    hidden = sorted(k for k in detail["fields"] if k not in fields)
    sealed = sorted({s["record"] for k in SEALED_FIELDS for v in detail["fields"].get(k, []) for s in v["sources"]})
    out = {**detail, "fields": fields, "hidden": hidden, "sealed": sealed if may_unseal(role) else [],
           "conflicts": [c for c in detail["conflicts"] if c in fields],
           "family": {k: v for k, v in detail["family"].items() if may_see(role, k)},
           "timeline": [{k: v for k, v in t.items() if k == "source" or may_see(role, k)}
                        for t in detail["timeline"]],
           "records": [_record_flags(r, role) for r in detail["records"]]}
    return out


def redact_record(record: dict, role: str) -> dict:
    """A record (`rollcall.records.queries.iter_records` item) with only the statements `role` may see.

    `hidden` counts the statements withheld from this role; `sealed`, for roles that may open them, counts
    the sealed ones (withheld from every view, opened only in the audited one).
    """
    statements = record["statements"]
    kept = [s for s in statements if may_see(role, s.get("field") or f"raw:{s.get('column')}")]
    sealed = sum(1 for s in statements if s.get("field") in SEALED_FIELDS) if may_unseal(role) else 0
    return {**_record_flags(record, role), "statements": kept,
            "hidden": len(statements) - len(kept) - sealed, "sealed": sealed}


def _record_flags(record: dict, role: str) -> dict:
    return record if at_least(role, RESEARCHER) else {**record, "flags": []}


def table() -> list[dict]:
    """The sensitivity table as data: field, least role, whether it is sealed, and whether each role sees it
    in a view (a sealed field: no role; it opens only in the audited view)."""
    return [{"field": f, "level": lvl, "sealed": f in SEALED_FIELDS, **{r: may_see(r, f) for r in ROLES_BY_LEVEL}}
            for f, lvl in FIELD_LEVEL.items()]
