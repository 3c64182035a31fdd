"""Every sensitive field against every role, on pages and in the API alike."""

from __future__ import annotations

import re
import sqlite3
import urllib.parse

import pytest
from web_helpers import MARKERS, SEALED_PREFIX

# The rule, written out by hand (not read from the code): which roles may see each sensitive field. A
# testifier's name and contact are sealed: no page or API view shows them to anyone (editors and admins
# open them one record at a time in an audited view, tested in test_sealed.py).
MAY_SEE = {
    "id_number": {"researcher", "editor", "admin"},
    "household_address": {"researcher", "editor", "admin"},
    "current_address": {"researcher", "editor", "admin"},
    "notes": {"researcher", "editor", "admin"},
    "unmapped": {"researcher", "editor", "admin"},
    "phone": {"editor", "admin"},
    "testifier_relation": {"editor", "admin"},
    "testifier_name": set(),
    "testifier_contact": set(),
    "testifier_email": set(),
}
ROLES = ("public", "researcher", "editor", "admin")
# Surfaces showing a person or record in full: a field is shown exactly when the role may see it.
FULL = ("person page", "source page", "person API", "source API")
# Surfaces showing a selection (search results; the review queue's records): never more than allowed.
PARTIAL = ("search page", "search API", "review page")
QUERY = urllib.parse.quote("Zulpiqar Testjanov")
_cache: dict = {}


def _get(site, role: str, surface: str):
    key = (role, surface)
    if key not in _cache:
        if surface == "person page":
            r = site.client(role).get(f"/person/{site.marked}")
        elif surface == "source page":
            r = site.client(role).get(f"/source/{site.marked_source}")
        elif surface == "person API":
            r = site.api(f"/api/persons/{site.marked}", role)
        elif surface == "source API":
            r = site.api(f"/api/sources/{site.marked_source}", role)
        elif surface == "search page":
            r = site.client(role).get(f"/search?q={QUERY}")
        elif surface == "search API":
            r = site.api(f"/api/search?q={QUERY}", role)
        else:
            r = site.client(role).get("/review")
        _cache[key] = r
    return _cache[key]


def _body(site, role: str, surface: str) -> str:
    r = _get(site, role, surface)
    expected = {"review page": {"public": 302, "researcher": 403}}.get(surface, {}).get(role, 200)
    assert r.status == expected, (role, surface, r.status)
    return r.body


@pytest.mark.parametrize("surface", FULL + PARTIAL)
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("field", sorted(MAY_SEE))
def test_sensitive_field_shown_only_to_allowed_roles(site, field, role, surface):
    body = _body(site, role, surface)
    shown = MARKERS[field] in body
    if surface in PARTIAL or (surface in ("source page", "source API") and role == "public"):
        # a selection never shows more than allowed; the public sees no rows of a source at all
        assert not shown or role in MAY_SEE[field], f"{field} for {role} on the {surface}"
        return
    assert shown == (role in MAY_SEE[field]), f"{field} for {role} on the {surface}: shown={shown}"


@pytest.mark.parametrize("surface", FULL + PARTIAL)
@pytest.mark.parametrize("role", ROLES)
def test_no_view_shows_even_the_sealed_ciphertext(site, role, surface):
    assert SEALED_PREFIX not in _body(site, role, surface)


@pytest.mark.parametrize("role", ("public", "researcher", "editor", "admin"))
def test_search_surfaces_find_the_marked_person_for_every_role(site, role):
    assert f'href="/person/{site.marked}"' in _body(site, role, "search page")
    assert any(x["person"] == site.marked for x in _get(site, role, "search API").json()["results"])


def _statement_fields(site, record: int) -> tuple[set[str], int]:
    """The fields of a record's mapped statements in the database, and how many are unmapped."""
    with sqlite3.connect(site.home / "rollcall.sqlite3") as db:
        rows = db.execute("SELECT field FROM records_statement WHERE record_id = ?", (record,)).fetchall()
    return {f for (f,) in rows if f}, sum(1 for (f,) in rows if not f)


@pytest.mark.parametrize("role", ("editor", "admin"))
def test_review_page_shows_each_record_redacted_for_the_role(site, role):
    """Every record in the review queue shows the fields the role may see and none that are sealed."""
    body = _body(site, role, "review page")
    tables = re.findall(r'<table class="record" data-record="(\d+)">(.*?)</table>', body, re.S)
    assert len(tables) >= 4, "the fixture's uncertain pairs should be in the review queue"
    sealed_fields = {"testifier_name", "testifier_contact"}
    for record, table in tables:
        fields, raw = _statement_fields(site, int(record))
        shown = re.findall(r'<tr data-field="(\w*)">', table)
        assert set(shown) - {""} == fields - sealed_fields, record
        assert shown.count("") == raw, record  # unmapped columns: researchers and up
        assert ('class="sealed"' in table) == bool(fields & sealed_fields), record


def test_public_source_page_shows_metadata_not_rows(site):
    body = _body(site, "public", "source page")
    assert "web-fixture.csv" in body and 'id="records-hidden"' in body
    assert "Zulpiqar Testjanov" not in body


@pytest.mark.parametrize("role", ROLES)
def test_every_role_sees_the_name_and_its_evidence_on_the_person_page(site, role):
    body = _body(site, role, "person page")
    assert "Zulpiqar Testjanov" in body
    assert "web-fixture.csv" in body


def test_api_person_reports_role_and_hidden_field_names_without_values(site):
    pub = site.api(f"/api/persons/{site.marked}").json()
    assert pub["role"] == "public"
    assert {"id_number", "phone", "household_address", "current_address", "testifier_name", "testifier_contact",
            "testifier_relation"} <= set(pub["hidden"])
    assert pub["sealed"] == []
    editor = site.api(f"/api/persons/{site.marked}", "editor").json()
    assert editor["role"] == "editor" and {"testifier_name", "testifier_contact"} <= set(editor["hidden"])
    assert len(editor["sealed"]) == 1  # the fixture row: editors learn there is something to open
    assert "phone" in site.api(f"/api/persons/{site.marked}", "researcher").json()["hidden"]


def test_person_listing_is_not_for_the_public(site):
    assert site.api("/api/persons").status == 403
    listed = site.api("/api/persons?limit=500", "researcher")
    assert listed.status == 200
    assert any(p["id"] == site.marked for p in listed.json())
