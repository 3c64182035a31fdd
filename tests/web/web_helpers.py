"""Helpers for the web tests: the rollcall CLI, a served data folder, and a small cookie-keeping client."""

from __future__ import annotations

import http.cookiejar
import json
import os
import re
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

PASSWORD = "fictional-test-password-42"
ROLES = ("public", "researcher", "editor", "admin")
# Distinctive fictional values, one per sensitive field, to look for in every page and API answer.
MARKERS = {
    "id_number": "653121198203150417",
    "household_address": "Fictional Hukou Lane 17",
    "current_address": "Imaginary Residence Road 23",
    "phone": "13900001111",
    "notes": "NOTES-MARKER-55",
    "unmapped": "UNMAPPED-MARKER-77",
    # columns a testimony form export carries about the testifier ("Your name", "Your phone"...)
    "testifier_name": "Gulnisa Testifierova",
    "testifier_contact": "+90 555 010 2323",
    "testifier_email": "testifier-marker-31@example.org",
    "testifier_relation": "cousin RELATION-MARKER-41",
}
# A testimony form export: the testifier's cells, as written (odd spacing, scripts, a line break and quotes
# included), must come back byte for byte from the audited view.
TESTIMONY_HEADER = ["Submitted", "Missing person's name", "Year of birth", "Hometown", "Your name",
                    "Your relation to the missing person", "Your phone", "Your email"]
TESTIMONY_ROW = ["2021-05-02", "Memetjan Testimonyov", "1979", "Kashgar",
                 "ئايشە «تەستچى»\u00a0Bytewise e\u0301", "niece", " +90 (555) 010-23 23 ",
                 'a.b+rollcall@example.org\nsecond line, "quoted" <b>bold</b>']
SEALED_PREFIX = "sealed:fernet:"  # how a sealed statement is stored; no view may show even this
# The main test server allows many logins and testimonies (the tests log in often, from one address); the
# rate-limit tests start their own server with the defaults or tighter limits.
TEST_RATE_LIMITS = "login=6000/6000,testimony=6000/6000,search=6000/6000"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]


def cli(*args: str, home: Path | None = None, input: str | None = None) -> subprocess.CompletedProcess:
    """Run the real `rollcall` command; fail the test with its stderr when it fails."""
    cmd = [sys.executable, "-m", "rollcall"] + (["--home", str(home)] if home else []) + list(args)
    proc = subprocess.run(cmd, capture_output=True, text=True, input=input, timeout=600,
                          env={**os.environ, "PYTHONIOENCODING": "utf-8"})
    assert proc.returncode == 0, f"rollcall {' '.join(args)}: {proc.stderr}"
    return proc


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(home: Path, port: int, env: dict[str, str] | None = None) -> subprocess.Popen:
    """`rollcall serve` in the background (with extra environment), returned once it answers. Its stderr
    goes to a file, so that a long session's log cannot fill a pipe and stall the server."""
    log = tempfile.TemporaryFile(mode="w+")  # noqa: SIM115 (open as long as the server runs)
    proc = subprocess.Popen([sys.executable, "-m", "rollcall", "--home", str(home), "serve", "--port", str(port)],
                            stdout=subprocess.DEVNULL, stderr=log, text=True, env={**os.environ, **(env or {})})
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            log.seek(0)
            raise AssertionError(f"rollcall serve exited: {log.read()}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return proc
        except OSError:
            time.sleep(0.2)
    proc.kill()
    raise AssertionError("rollcall serve did not start listening within 60 s")


@contextmanager
def serving(home: Path, env: dict[str, str]) -> Iterator[str]:
    """Another `rollcall serve` of the same data folder with its own environment; yields its base URL."""
    port = free_port()
    proc = start_server(home, port, env)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        proc.terminate()
        proc.wait(timeout=30)


@dataclass
class Response:
    status: int
    body: str
    headers: dict
    url: str

    def json(self):
        return json.loads(self.body)


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


@dataclass
class Client:
    """A browser-like HTTP client: keeps cookies, sends CSRF tokens the way a form would, never follows
    redirects (tests look at them)."""

    base: str
    jar: http.cookiejar.CookieJar = field(default_factory=http.cookiejar.CookieJar)

    def __post_init__(self) -> None:
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar), _NoRedirect)

    def request(self, path: str, data: dict | None = None, headers: dict | None = None) -> Response:
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        req = urllib.request.Request(self.base + path, data=body, headers={"Referer": self.base + path,
                                                                            **(headers or {})})
        try:
            with self.opener.open(req, timeout=60) as r:
                return Response(r.status, r.read().decode("utf-8", "replace"), dict(r.headers), r.url)
        except urllib.error.HTTPError as e:
            return Response(e.code, e.read().decode("utf-8", "replace"), dict(e.headers), path)

    def get(self, path: str, **kw) -> Response:
        return self.request(path, **kw)

    def csrf_from(self, html: str) -> str:
        m = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
        assert m, "the page has no CSRF token"
        return m.group(1)

    def post_form(self, path: str, data: dict, *, form_page: str | None = None) -> Response:
        token = self.csrf_from(self.get(form_page or path).body)
        return self.request(path, data={"csrfmiddlewaretoken": token, **data})

    def login(self, user: str, password: str = PASSWORD) -> None:
        r = self.post_form("/login", {"username": user, "password": password, "next": "/"})
        assert r.status == 302, f"login as {user} failed: {r.status}"


@dataclass
class Site:
    """A served data folder with one fictional user per role, API tokens and known people."""

    home: Path
    base: str
    tokens: dict[str, str]
    marked: str  # person carrying one distinctive value in every sensitive field
    marked_source: int
    injected: list[str]  # persons whose names carry markup
    users: dict[str, str]
    testimony: str  # the person of the testimony form export (sealed testifier cells, public birth year)
    testimony_source: int

    def client(self, role: str = "public") -> Client:
        c = Client(self.base)
        if role != "public":
            c.login(self.users[role])
        return c

    def api(self, path: str, role: str = "public") -> Response:
        headers = {"Authorization": f"Bearer {self.tokens[role]}"} if role != "public" else {}
        return Client(self.base).get(path, headers=headers)


def original_bytes(site: Site, sha: str, tmp: Path) -> bytes:
    """The original bytes of a stored evidence item, as an admin recovers them (a sealed item is encrypted
    on disk, so never read from the store directly)."""
    out = tmp / f"recovered-{sha[:12]}"
    if not out.exists():
        cli("--actor", site.users["admin"], "evidence", "export", sha, "-o", str(out), "--reason", "test",
            home=site.home)
    return out.read_bytes()
