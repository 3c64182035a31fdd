"""The audit log: Django admin edits reach it, admins can read it (admin site and `rollcall audit`), and API
tokens can be listed and revoked (`rollcall user tokens` / `rollcall user revoke`), each step audited."""

from __future__ import annotations

import json
import re
import sqlite3
import subprocess
import sys

import pytest
from web_helpers import PASSWORD, Client, cli


def _audit(site, action: str) -> list[tuple]:
    with sqlite3.connect(site.home / "rollcall.sqlite3") as db:
        return db.execute("SELECT actor, target, detail FROM accounts_auditentry WHERE action = ? ORDER BY id",
                          (action,)).fetchall()


@pytest.fixture(scope="module")
def admin(site) -> Client:
    """A client logged in to the Django admin as the admin user."""
    c = Client(site.base)
    page = c.get("/admin/login/")
    r = c.request("/admin/login/?next=/admin/", data={"csrfmiddlewaretoken": c.csrf_from(page.body),
                                                      "username": site.users["admin"], "password": PASSWORD,
                                                      "next": "/admin/"})
    assert r.status == 302
    return c


def test_admin_additions_changes_and_deletions_are_audited(site, admin):
    form = admin.get("/admin/auth/group/add/").body
    r = admin.request("/admin/auth/group/add/", data={"csrfmiddlewaretoken": admin.csrf_from(form),
                                                      "name": "fictional-audit-group", "_save": "Save"})
    assert r.status == 302
    with sqlite3.connect(site.home / "rollcall.sqlite3") as db:
        gid = db.execute("SELECT id FROM auth_group WHERE name = 'fictional-audit-group'").fetchone()[0]
    added = [a for a in _audit(site, "admin.add") if a[1] == f"auth.group {gid}"]
    assert added and added[-1][0] == site.users["admin"]
    assert json.loads(added[-1][2])["object"] == "fictional-audit-group"
    form = admin.get(f"/admin/auth/group/{gid}/change/").body
    admin.request(f"/admin/auth/group/{gid}/change/", data={"csrfmiddlewaretoken": admin.csrf_from(form),
                                                           "name": "fictional-audit-group-2", "_save": "Save"})
    changed = [a for a in _audit(site, "admin.change") if a[1] == f"auth.group {gid}"]
    assert changed and "Name" in json.loads(changed[-1][2])["change"]
    form = admin.get(f"/admin/auth/group/{gid}/delete/").body
    r = admin.request(f"/admin/auth/group/{gid}/delete/", data={"csrfmiddlewaretoken": admin.csrf_from(form),
                                                               "post": "yes"})
    assert r.status == 302
    assert [a for a in _audit(site, "admin.delete") if a[1] == f"auth.group {gid}"]


def test_bulk_delete_is_not_offered(site, admin):
    """It would log without the save signal the audit log listens to."""
    body = admin.get("/admin/auth/user/").body
    assert admin.get("/admin/auth/user/").status == 200 and "delete_selected" not in body


def test_admins_read_the_audit_log_in_the_admin_and_nobody_edits_it(site, admin):
    listing = admin.get("/admin/accounts/auditentry/")
    assert listing.status == 200 and "token.issue" in listing.body
    first = re.search(r'href="/admin/accounts/auditentry/(\d+)/change/"', listing.body)
    assert first and admin.get(f"/admin/accounts/auditentry/{first.group(1)}/change/").status == 200
    assert admin.get("/admin/accounts/auditentry/add/").status == 403
    assert admin.get(f"/admin/accounts/auditentry/{first.group(1)}/delete/").status == 403
    assert site.client("editor").get("/admin/accounts/auditentry/").status == 302


def test_rollcall_audit_prints_the_latest_entries(site):
    lines = cli("audit", "--json", "--limit", "3", home=site.home).stdout.splitlines()
    entries = [json.loads(line) for line in lines]
    assert len(entries) == 3 and [e["id"] for e in entries] == sorted(e["id"] for e in entries)
    with sqlite3.connect(site.home / "rollcall.sqlite3") as db:
        latest = [i for (i,) in db.execute("SELECT id FROM accounts_auditentry ORDER BY id DESC LIMIT 3")]
    assert [e["id"] for e in entries] == sorted(latest)
    assert set(entries[0]) == {"id", "at", "actor", "action", "target", "detail"}
    issued = [json.loads(line) for line in cli("audit", "--json", "--action", "token.issue", "--limit", "100",
                                               home=site.home).stdout.splitlines()]
    assert {e["target"] for e in issued} >= set(site.users.values())
    table = cli("audit", "--limit", "5", home=site.home).stdout
    assert "action" in table and "actor" in table


def test_tokens_are_listed_and_revoked_one_or_all(site):
    name = "fictional-token-user"
    cli("user", "add", name, "--role", "researcher", "--password-stdin", home=site.home, input=PASSWORD + "\n")
    first, second = (cli("user", "token", name, home=site.home).stdout.strip() for _ in range(2))
    for t in (first, second):
        assert Client(site.base).get("/api/persons?limit=1", headers={"Authorization": f"Bearer {t}"}).status == 200
    listed = [json.loads(line) for line in cli("user", "tokens", name, "--json", home=site.home).stdout.splitlines()]
    assert len(listed) == 2 and not any(t["revoked"] for t in listed) and "digest" not in listed[0]
    out = json.loads(cli("user", "revoke", name, "--id", str(listed[0]["id"]), "--json", home=site.home).stdout)
    assert out == {"user": name, "revoked": [listed[0]["id"]]}

    def status(token: str) -> int:
        return Client(site.base).get("/api/persons?limit=1", headers={"Authorization": f"Bearer {token}"}).status

    assert status(first) == 401 and status(second) == 200
    cli("user", "revoke", name, home=site.home)
    assert status(second) == 401
    revoked = [a for a in _audit(site, "token.revoke") if a[1] == name]
    assert [json.loads(a[2])["tokens"] for a in revoked] == [[listed[0]["id"]], [listed[1]["id"]]]
    assert all(t["revoked"] for t in (json.loads(line) for line in
                                      cli("user", "tokens", name, "--json", home=site.home).stdout.splitlines()))


def test_revoking_an_unknown_token_says_so(site):
    r = subprocess.run([sys.executable, "-m", "rollcall", "--home", str(site.home), "user", "revoke",
                        site.users["researcher"], "--id", "999999"], capture_output=True, text=True, timeout=300)
    assert r.returncode == 1 and "has no token 999999" in r.stderr and "Traceback" not in r.stderr
    r = subprocess.run([sys.executable, "-m", "rollcall", "--home", str(site.home), "user", "revoke", "nobody"],
                       capture_output=True, text=True, timeout=300)
    assert r.returncode == 1 and "no user 'nobody'" in r.stderr


def test_a_token_revoked_in_the_admin_is_refused(site, admin):
    name = "fictional-admin-revoked"
    cli("user", "add", name, "--role", "researcher", "--password-stdin", home=site.home, input=PASSWORD + "\n")
    token = cli("user", "token", name, home=site.home).stdout.strip()
    tid = json.loads(cli("user", "tokens", name, "--json", home=site.home).stdout)["id"]
    form = admin.get(f"/admin/accounts/apitoken/{tid}/change/").body
    r = admin.request(f"/admin/accounts/apitoken/{tid}/change/",
                      data={"csrfmiddlewaretoken": admin.csrf_from(form), "revoked": "on", "_save": "Save"})
    assert r.status == 302
    assert Client(site.base).get("/api/persons?limit=1", headers={"Authorization": f"Bearer {token}"}).status == 401
    assert [a for a in _audit(site, "admin.change") if a[1] == f"accounts.apitoken {tid}"]
    again = admin.get(f"/admin/accounts/apitoken/{tid}/change/").body
    assert 'name="revoked"' not in again  # once revoked, it stays revoked
