"""`rollcall user` and `rollcall serve` from the command line: clear errors, no tracebacks."""

from __future__ import annotations

import socket
import sqlite3
import subprocess
import sys


def _run(*args, home, input=None):
    return subprocess.run([sys.executable, "-m", "rollcall", "--home", str(home), *args], capture_output=True,
                          text=True, input=input, timeout=300)


def test_user_add_rejects_unknown_role(tmp_path):
    r = _run("user", "add", "someone", "--role", "superhero", "--password-stdin", home=tmp_path / "h",
             input="long-enough-password\n")
    assert r.returncode == 1 and "--role must be one of researcher, editor, admin" in r.stderr
    assert "Traceback" not in r.stderr


def test_user_add_refuses_short_and_empty_passwords(tmp_path):
    r = _run("user", "add", "someone", "--role", "editor", "--password-stdin", home=tmp_path / "h", input="short\n")
    assert r.returncode == 1 and "password refused" in r.stderr and "Traceback" not in r.stderr
    r = _run("user", "add", "someone", "--role", "editor", "--password-stdin", home=tmp_path / "h", input="\n")
    assert r.returncode == 1 and "the password is empty" in r.stderr


def test_user_add_then_change_role_stores_argon2_hash(tmp_path):
    home = tmp_path / "h"
    r = _run("user", "add", "ayla", "--role", "researcher", "--password-stdin", "--json", home=home,
             input="a-long-fictional-password\n")
    assert r.returncode == 0, r.stderr
    assert '"created": true' in r.stdout
    r = _run("user", "add", "ayla", "--role", "editor", "--password-stdin", "--json", home=home,
             input="another-long-fictional-password\n")
    assert r.returncode == 0 and '"created": false' in r.stdout
    with sqlite3.connect(home / "rollcall.sqlite3") as db:
        password = db.execute("SELECT password FROM auth_user WHERE username = 'ayla'").fetchone()[0]
        groups = [g for (g,) in db.execute("SELECT g.name FROM auth_group g JOIN auth_user_groups ug ON "
                                           "ug.group_id = g.id JOIN auth_user u ON u.id = ug.user_id "
                                           "WHERE u.username = 'ayla'")]
        audit = db.execute("SELECT action FROM accounts_auditentry WHERE target = 'ayla' ORDER BY id").fetchall()
    assert password.startswith("argon2$") and "a-long-fictional-password" not in password
    assert groups == ["editor"]
    assert audit == [("user.add",), ("user.update",)]


def test_token_for_unknown_user(tmp_path):
    r = _run("user", "token", "nobody", home=tmp_path / "h")
    assert r.returncode == 1 and "no user 'nobody'" in r.stderr


def test_serve_on_a_busy_port_says_so(tmp_path):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen()
        port = s.getsockname()[1]
        r = _run("serve", "--port", str(port), home=tmp_path / "h")
    assert r.returncode == 1 and f"cannot serve on 127.0.0.1:{port}" in r.stderr
    assert "Traceback" not in r.stderr


def test_serve_help_names_host_and_port(tmp_path):
    r = _run("serve", "--help", home=tmp_path / "h")
    assert r.returncode == 0 and "--host" in r.stdout and "--port" in r.stdout
