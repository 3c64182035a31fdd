"""Helpers for the web tests: the rollcall CLI, a served data folder, and a small cookie-keeping client."""

from __future__ import annotations

import http.cookiejar
import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
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
}
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


def start_server(home: Path, port: int) -> subprocess.Popen:
    """`rollcall serve` in the background, returned once it answers."""
    proc = subprocess.Popen([sys.executable, "-m", "rollcall", "--home", str(home), "serve", "--port", str(port)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise AssertionError(f"rollcall serve exited: {proc.stderr.read()}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return proc
        except OSError:
            time.sleep(0.2)
    proc.kill()
    raise AssertionError("rollcall serve did not start listening within 60 s")


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

    def client(self, role: str = "public") -> Client:
        c = Client(self.base)
        if role != "public":
            c.login(self.users[role])
        return c

    def api(self, path: str, role: str = "public") -> Response:
        headers = {"Authorization": f"Bearer {self.tokens[role]}"} if role != "public" else {}
        return Client(self.base).get(path, headers=headers)
