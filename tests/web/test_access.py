"""Guessing URLs, CSRF, API tokens, the admin site, and that nothing is loaded from elsewhere."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from web_helpers import Client


def test_review_queue_needs_an_editor(site):
    anonymous = site.client().get("/review")
    assert anonymous.status == 302 and "/login?next=/review" in anonymous.headers["Location"]
    assert site.client("researcher").get("/review").status == 403
    assert site.client("editor").get("/review").status == 200
    assert site.client("admin").get("/review").status == 200


def test_language_prefixed_urls_are_guarded_too(site):
    assert site.client().get("/ug/review").status == 302
    assert site.client("researcher").get("/zh-hans/review").status == 403


@pytest.mark.parametrize("role", ["public", "researcher", "editor"])
def test_admin_site_is_behind_an_admin_login(site, role):
    r = site.client(role).get("/admin/")
    assert r.status == 302 and "/admin/login/" in r.headers["Location"]


def test_admin_reaches_the_admin_site(site):
    c = site.client()
    page = c.get("/admin/login/")
    r = c.request("/admin/login/?next=/admin/", data={"csrfmiddlewaretoken": c.csrf_from(page.body),
                                                      "username": site.users["admin"],
                                                      "password": "fictional-test-password-42", "next": "/admin/"})
    assert r.status == 302
    assert c.get("/admin/").status == 200


def _guesses(site) -> tuple[list[str], list[bytes]]:
    """Paths someone might try for the fixture's stored evidence file, the database and the key files, and
    distinctive bytes of each that must never come back."""
    sha = next(s["sha256"] for s in site.api("/api/sources").json() if s["id"] == site.marked_source)
    plain = site.home / "evidence" / sha[:2] / sha
    stored = plain if plain.is_file() else plain.with_name(f"{sha}.sealed")  # a testimony file is sealed
    assert stored.is_file(), "the fixture file should be in the evidence store"
    rel = stored.relative_to(site.home).as_posix()
    secrets = [stored.read_bytes()[:200], b"SQLite format 3"]
    secrets += [p.read_bytes().strip() for p in (site.home / "keys").glob("*.key")]
    paths = [f"/evidence/{sha}", f"/{rel}", f"/{sha[:2]}/{sha}", f"/static/{rel}", f"/static/{sha[:2]}/{sha}",
             f"/static/../{rel}", f"/static/%2e%2e/{rel}", f"/static/..%2f{rel}", f"/static/%2e%2e%2f{rel}",
             f"/media/{sha}", f"/media/{rel}", f"/ug/{rel}", f"/api/{rel}", f"/api/evidence/{sha}",
             f"/source/{site.marked_source}/file", f"/source/{site.marked_source}/download",
             f"/static/web/../../../../{rel}", "/rollcall.sqlite3", "/static/../rollcall.sqlite3",
             "/static/%2e%2e/rollcall.sqlite3", "/rollcall.sqlite3-wal", "/keys/testimony.key",
             "/keys/secret.key", "/static/../keys/secret.key", "/static/%2e%2e/keys/testimony.key"]
    return paths, secrets


def test_no_route_serves_evidence_files_the_database_or_keys(site):
    """No route serves stored evidence (the source page gives metadata and hash, never the file): every guess
    is a 404 whose body holds none of the stored bytes, for the public and for an admin."""
    paths, secrets = _guesses(site)
    assert len(secrets) >= 4  # the file's start, SQLite's header, the testimony and secret keys
    for role in ("public", "admin"):
        c = site.client(role)
        for path in paths:
            r = c.get(path)
            assert r.status == 404, (role, path, r.status)
            assert not [s for s in secrets if s.decode("utf-8", "replace") in r.body], (role, path)


def test_the_guessing_test_reads_what_is_served(site):
    """Its control: a real static file comes back with its bytes, so a served evidence file would be seen."""
    css = site.client().get("/static/web/style.css")
    root = Path(__file__).resolve().parents[2] / "src" / "rollcall" / "web" / "static" / "web" / "style.css"
    assert css.status == 200 and css.body == root.read_text(encoding="utf-8")


def test_unknown_people_and_sources_are_404(site):
    c = site.client()
    assert c.get("/person/RC-NOSUCH").status == 404
    assert c.get("/source/999999").status == 404
    assert c.get("/facility/999999").status == 404
    assert site.api("/api/persons/RC-NOSUCH").status == 404
    assert site.api("/api/sources/999999").status == 404


def test_login_without_csrf_token_is_refused(site):
    c = Client(site.base)
    r = c.request("/login", data={"username": site.users["editor"], "password": "fictional-test-password-42"})
    assert r.status == 403


def test_judging_without_csrf_token_is_refused(site):
    c = site.client("editor")
    page = c.get("/review").body
    pair = re.search(r'name="a" value="(\d+)".*?name="b" value="(\d+)"', page, re.S)
    a, b = pair.groups() if pair else ("1", "2")
    r = c.request("/review", data={"a": a, "b": b, "verdict": "same", "reason": "forged"})
    assert r.status == 403


def test_a_forged_cross_site_post_with_a_stolen_form_token_but_no_cookie_is_refused(site):
    editor = site.client("editor")
    token = editor.csrf_from(editor.get("/review").body)
    stranger = Client(site.base)  # has no session and no CSRF cookie
    r = stranger.request("/review", data={"csrfmiddlewaretoken": token, "a": "1", "b": "2", "verdict": "same",
                                          "reason": "forged"})
    assert r.status == 403


def test_wrong_password_does_not_log_in(site):
    c = Client(site.base)
    r = c.post_form("/login", {"username": site.users["admin"], "password": "not-the-password"})
    assert r.status == 200 and "Wrong user name or password" in r.body
    assert c.get("/review").status == 302


def test_api_tokens(site):
    assert site.api("/api/sources").status == 200  # the public needs no token
    bad = Client(site.base).get("/api/sources", headers={"Authorization": "Bearer rc_not-a-token"})
    assert bad.status == 401
    basic = Client(site.base).get("/api/sources", headers={"Authorization": "Basic Zm9vOmJhcg=="})
    assert basic.status == 401  # credentials that are not ours are refused, not ignored
    for role in ("researcher", "editor", "admin"):
        assert site.api("/api/persons?limit=5", role).status == 200


def test_a_session_cookie_does_not_authenticate_the_api(site):
    c = site.client("admin")
    assert c.get("/api/persons").status == 403


def test_openapi_schema_lists_every_resource(site):
    r = site.api("/api/openapi.json")
    assert r.status == 200
    paths = r.json()["paths"]
    for p in ("/api/persons", "/api/persons/{public_id}", "/api/sources", "/api/sources/{source_id}",
              "/api/facilities", "/api/facilities/{facility_id}", "/api/search"):
        assert p in paths


def test_api_docs_load_nothing_from_another_host(site):
    c = site.client()
    docs = c.get("/api/docs").body
    refs = re.findall(r'(?:src|href)="([^"]+)"', docs)
    assert refs and all(u.startswith("/") for u in refs), refs
    for u in refs:
        assert c.get(u).status == 200, u


def test_pages_load_nothing_from_another_host(site):
    body = site.client().get(f"/person/{site.marked}").body
    assert not re.search(r'(?:src|href)="(?:https?:)?//', body)


def test_security_headers(site):
    r = site.client().get("/")
    assert r.headers.get("X-Frame-Options") == "DENY"
    assert r.headers.get("X-Content-Type-Options") == "nosniff"
