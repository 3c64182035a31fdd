"""Every sensitive field against every role, on pages and in the API alike."""

from __future__ import annotations

import pytest
from web_helpers import MARKERS

# The rule, written out by hand (not read from the code): which roles may see each sensitive field.
MAY_SEE = {
    "id_number": {"researcher", "editor", "admin"},
    "household_address": {"researcher", "editor", "admin"},
    "current_address": {"researcher", "editor", "admin"},
    "notes": {"researcher", "editor", "admin"},
    "unmapped": {"researcher", "editor", "admin"},
    "phone": {"editor", "admin"},
}
ROLES = ("public", "researcher", "editor", "admin")
SURFACES = ("person page", "source page", "person API", "source API")
_cache: dict = {}


def _body(site, role: str, surface: str) -> str:
    key = (role, surface)
    if key not in _cache:
        if surface == "person page":
            r = site.client(role).get(f"/person/{site.marked}")
        elif surface == "source page":
            r = site.client(role).get(f"/source/{site.marked_source}")
        elif surface == "person API":
            r = site.api(f"/api/persons/{site.marked}", role)
        else:
            r = site.api(f"/api/sources/{site.marked_source}", role)
        assert r.status == 200, (role, surface, r.status)
        _cache[key] = r.body
    return _cache[key]


@pytest.mark.parametrize("surface", SURFACES)
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("field", sorted(MAY_SEE))
def test_sensitive_field_shown_only_to_allowed_roles(site, field, role, surface):
    body = _body(site, role, surface)
    if surface in ("source page", "source API") and role == "public":  # the public sees no rows at all
        assert MARKERS[field] not in body
        return
    shown = MARKERS[field] in body
    assert shown == (role in MAY_SEE[field]), f"{field} for {role} on the {surface}: shown={shown}"


@pytest.mark.parametrize("role", ROLES)
def test_every_role_sees_the_name_and_its_evidence_on_the_person_page(site, role):
    body = _body(site, role, "person page")
    assert "Zulpiqar Testjanov" in body
    assert "web-fixture.csv" in body


def test_public_source_page_shows_metadata_not_rows(site):
    body = _body(site, "public", "source page")
    assert "web-fixture.csv" in body and 'id="records-hidden"' in body
    assert "Zulpiqar Testjanov" not in body


def test_api_person_reports_role_and_hidden_field_names_without_values(site):
    pub = site.api(f"/api/persons/{site.marked}").json()
    assert pub["role"] == "public"
    assert {"id_number", "phone", "household_address", "current_address"} <= set(pub["hidden"])
    assert site.api(f"/api/persons/{site.marked}", "editor").json()["role"] == "editor"
    assert "phone" in site.api(f"/api/persons/{site.marked}", "researcher").json()["hidden"]


def test_person_listing_is_not_for_the_public(site):
    assert site.api("/api/persons").status == 403
    listed = site.api("/api/persons?limit=500", "researcher")
    assert listed.status == 200
    assert any(p["id"] == site.marked for p in listed.json())
