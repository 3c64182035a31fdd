"""Rate limits on logging in, testimony submission and public search (a second `rollcall serve` of the same
data folder with tight limits), and the data folder's own secret key."""

from __future__ import annotations

import os
import sqlite3
import stat
import subprocess
import sys

import pytest
from web_helpers import PASSWORD, Client, serving

LIMITS = "login=1/3,testimony=1/2,search=1/3"  # bursts of 3, 2 and 3, then one a minute


@pytest.fixture(scope="module")
def tight(site):
    """The base URL of a server allowing only small bursts."""
    with serving(site.home, {"ROLLCALL_RATE_LIMITS": LIMITS}) as base:
        yield base


def _login(c: Client, user: str, password: str, path: str = "/login"):
    token = c.csrf_from(c.get(path).body)
    return c.request(path, data={"csrfmiddlewaretoken": token, "username": user, "password": password})


def test_login_attempts_are_limited(site, tight):
    c = Client(tight)
    for _ in range(3):
        r = _login(c, site.users["admin"], "not-the-password")
        assert r.status == 200 and "Wrong user name or password" in r.body
    r = _login(c, site.users["admin"], "not-the-password")
    assert r.status == 429 and 'id="limited"' in r.body and int(r.headers["Retry-After"]) >= 1
    r = _login(c, site.users["admin"], PASSWORD)  # the right password does not get through either
    assert r.status == 429 and c.get("/review").status == 302
    admin = _login(Client(tight), site.users["admin"], PASSWORD, "/admin/login/")
    assert admin.status == 429  # the admin's login form shares the limit
    ug = c.request("/ug/login", data={"csrfmiddlewaretoken": c.csrf_from(c.get("/ug/login").body),
                                      "username": "x", "password": "y"})
    assert ug.status == 429 and 'dir="rtl"' in ug.body and "كىرىش سىنىقى بەك كۆپ" in ug.body


def test_the_main_server_is_not_limited_by_another(site):
    """Limits are per server process, in memory: the main test server still lets editors log in."""
    assert site.client("editor").get("/review").status == 200


def test_testimony_submissions_are_limited(site, tight):
    c = Client(tight)
    name = "Ratelimited Fictionalperson"
    statuses = []
    for _ in range(4):
        token = c.csrf_from(c.get("/testimony").body)
        statuses.append(c.request("/testimony", data={"csrfmiddlewaretoken": token, "name": name}).status)
    assert statuses == [200, 200, 429, 429]
    with sqlite3.connect(site.home / "rollcall.sqlite3") as db:
        assert db.execute("SELECT count(*) FROM web_testimony WHERE name = ?", (name,)).fetchone()[0] == 2
    assert c.get("/testimony").status == 200  # reading the form is not limited


def test_public_search_is_limited_pages_and_api_alike(site, tight):
    c = Client(tight)
    statuses = [c.get("/search?q=Zulpiqar").status for _ in range(3)]
    assert statuses == [200, 200, 200]
    r = c.get("/search?q=Zulpiqar")
    assert r.status == 429 and 'id="search-limited"' in r.body
    assert Client(tight).get("/api/search?q=Zulpiqar").status == 429


def test_logged_in_searches_are_not_limited(site, tight):
    c = site.client("researcher")  # logged in on the main server: the session is the data folder's
    c.base = tight
    assert [c.get("/search?q=Zulpiqar").status for _ in range(5)] == [200] * 5


def _secret(home, env=None) -> str:
    code = ("import sys; from rollcall.home import open_home; open_home(sys.argv[1], migrate=False); "
            "from django.conf import settings; print(settings.SECRET_KEY)")
    environ = {k: v for k, v in os.environ.items() if k != "ROLLCALL_SECRET_KEY"} | (env or {})
    return subprocess.run([sys.executable, "-c", code, str(home)], capture_output=True, text=True, check=True,
                          env=environ).stdout.strip()


def test_each_data_folder_makes_its_own_secret_key(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    key_a = _secret(a)
    assert len(key_a) >= 32 and key_a == _secret(a)  # kept across runs
    assert _secret(b) != key_a
    path = a / "keys" / "secret.key"
    assert path.read_text().strip() == key_a
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert "rollcall-local-only-not-a-secret" not in (key_a, _secret(b))


def test_the_environment_overrides_the_key_file(tmp_path):
    key = "an-operator-provided-secret-key-of-enough-length"
    assert _secret(tmp_path / "c", {"ROLLCALL_SECRET_KEY": key}) == key
    assert not (tmp_path / "c" / "keys" / "secret.key").exists()


def test_the_served_folder_has_its_key(site):
    assert (site.home / "keys" / "secret.key").stat().st_size > 32
