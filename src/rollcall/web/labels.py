"""Names of fields, scripts and roles as shown to people, translated. Every canonical field of the readers
(`rollcall.records.readers.fields.CANONICAL_FIELDS`) has a label here (tested)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

FIELD_LABELS = {
    "name": _("name"), "other_names": _("other names"), "sex": _("sex"), "ethnicity": _("ethnicity"),
    "birth_date": _("date of birth"), "age": _("age"), "id_number": _("ID number"),
    "household_address": _("household address"), "current_address": _("current address"),
    "phone": _("phone"), "occupation": _("occupation"), "detention_start": _("detained from"),
    "detention_end": _("released"), "facility": _("facility"), "detention_status": _("detention status"),
    "reason": _("reason given"), "sentence": _("sentence"), "notes": _("notes"), "relation": _("relation"),
    "father_name": _("father's name"), "mother_name": _("mother's name"), "birth_place": _("place of birth"),
    "place": _("place"), "nationality": _("nationality"), "education": _("education"),
    "religion_practice": _("religious practice"), "marital_status": _("marital status"),
    "facility_type": _("type of facility"), "last_contact": _("last contact with the family"),
    "recorded_at": _("recorded on"), "testifier_name": _("testifier's name"),
    "testifier_relation": _("testifier's relation to this person"), "testifier_contact": _("testifier's contact"),
    "testifier_country": _("testifier's country"), "latitude": _("latitude"), "longitude": _("longitude"),
}
SCRIPT_LABELS = {"arabic": _("Uyghur Arabic script"), "han": _("Chinese characters"), "latin": _("Latin"),
                 "cyrillic": _("Cyrillic")}
ROLE_LABELS = {"public": _("public"), "researcher": _("researcher"), "editor": _("editor"), "admin": _("admin")}


def field_label(field: str) -> str:
    """A field's label; an unmapped column (`raw:<column>`) is shown as its column name as written."""
    if field.startswith("raw:"):
        return field[4:]
    return str(FIELD_LABELS.get(field, field))


def script_label(script: str) -> str:
    """A script's name, or the script code when unknown."""
    return str(SCRIPT_LABELS.get(script, script))
