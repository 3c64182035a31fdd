"""Evidence store and chain of custody, through the real CLI on a real data folder."""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
from pathlib import Path

import pytest


@pytest.fixture
def three_items(tmp_path: Path, rollcall) -> list[Path]:
    files = []
    for i, text in enumerate(["姓名,性别\n吐尔逊·买买提,男\n", "name\nFictional A\n", "%PDF-1.4 fictional\n"]):
        f = tmp_path / f"item{i}{'.pdf' if i == 2 else '.csv'}"
        f.write_bytes(text.encode("utf-8"))
        files.append(f)
        assert rollcall("add", str(f), "--collected-by", "tester").code == 0
    return files


def db(home: Path) -> sqlite3.Connection:
    return sqlite3.connect(home / "rollcall.sqlite3")


def test_init_creates_wal_database(rollcall, home):
    r = rollcall("init", "--json")
    assert r.code == 0, r.err
    assert r.json()["journal_mode"] == "wal"
    assert (home / "rollcall.sqlite3").exists() and (home / "evidence").is_dir()


def test_home_from_environment(tmp_path):
    from cli_run import run_rollcall

    target = tmp_path / "from-env"
    r = run_rollcall("init", "--json", env={"ROLLCALL_HOME": str(target)})
    assert r.code == 0, r.err
    assert Path(r.json()["home"]) == target.resolve()


def test_add_keeps_bytes_and_metadata(tmp_path, rollcall, home):
    f = tmp_path / "register.csv"
    payload = "编号,姓名\r\n1,阿不都热依木\r\n".encode("gb18030")
    f.write_bytes(payload)
    r = rollcall("add", str(f), "--source-name", "Leak X", "--url", "https://example.org/x",
                 "--collected-by", "researcher-1", "--collected-at", "2024-03-01", "--note", "test", "--json")
    assert r.code == 0, r.err
    item = r.json()
    sha = hashlib.sha256(payload).hexdigest()
    assert item["sha256"] == sha and item["size"] == len(payload) and item["created"] is True
    assert item["original_name"] == "register.csv" and item["media_type"] == "text/csv"
    assert item["source_url"] == "https://example.org/x" and item["collected_by"] == "researcher-1"
    assert item["collected_at"] == "2024-03-01" and item["source_name"] == "Leak X"
    stored = Path(item["stored"])
    assert stored.read_bytes() == payload and stored.name == sha

    again = rollcall("add", str(f), "--json")
    assert again.code == 0 and again.json()["created"] is False
    text = rollcall("add", str(f))
    assert "already stored" in text.out and "nothing added" in text.out
    log = rollcall("log", "--json").jsonl()
    assert [e["action"] for e in log] == ["added"]
    assert log[0]["item"] == sha and log[0]["actor"] and log[0]["version"]


@pytest.mark.parametrize("args, needle", [
    (["add", "/nonexistent/file.csv"], "no such file"),
    (["add", "."], "not a regular file"),
])
def test_add_bad_input_is_one_clear_message(rollcall, args, needle):
    r = rollcall(*args)
    assert r.code == 1 and needle in r.err and "Traceback" not in r.err


def test_collected_at_must_be_a_date(tmp_path, rollcall):
    f = tmp_path / "a.txt"
    f.write_text("x")
    r = rollcall("add", str(f), "--collected-at", "last tuesday")
    assert r.code == 1 and "ISO 8601" in r.err
    assert rollcall("log", "--json").out == ""


def test_verify_intact(three_items, rollcall):
    r = rollcall("verify", "--json")
    assert r.code == 0, r.out + r.err
    report = r.json()
    assert report == {**report, "intact": True, "files_checked": 3, "entries_checked": 3, "problems": []}


def test_verify_names_a_changed_byte(three_items, rollcall, home):
    item = rollcall("add", str(three_items[1]), "--json").json()
    stored = Path(item["stored"])
    os.chmod(stored, 0o644)
    data = bytearray(stored.read_bytes())
    data[0] ^= 0x01
    stored.write_bytes(bytes(data))
    r = rollcall("verify")
    assert r.code == 1
    assert item["sha256"] in r.out and "was changed" in r.out and "item1.csv" in r.out


def test_verify_names_a_missing_file(three_items, rollcall):
    item = rollcall("add", str(three_items[2]), "--json").json()
    Path(item["stored"]).unlink()
    r = rollcall("verify", "--json")
    assert r.code == 1
    assert any(item["sha256"] in p and "missing" in p for p in r.json()["problems"])


def test_verify_names_a_changed_log_entry(three_items, rollcall, home):
    with db(home) as con:
        con.execute("UPDATE evidence_custodyevent SET actor = 'someone-else' WHERE seq = 2")
    r = rollcall("verify", "--json")
    assert r.code == 1
    assert any(p.startswith("custody log entry 2:") and "changed" in p for p in r.json()["problems"])


def test_verify_detects_a_removed_entry(three_items, rollcall, home):
    with db(home) as con:
        con.execute("DELETE FROM evidence_custodyevent WHERE seq = 2")
    problems = rollcall("verify", "--json").json()["problems"]
    assert any(p.startswith("custody log entry 3:") and "removed" in p for p in problems)


def test_verify_detects_reordered_entries(three_items, rollcall, home):
    with db(home) as con:
        con.execute("UPDATE evidence_custodyevent SET seq = -1 WHERE seq = 1")
        con.execute("UPDATE evidence_custodyevent SET seq = 1 WHERE seq = 2")
        con.execute("UPDATE evidence_custodyevent SET seq = 2 WHERE seq = -1")
    r = rollcall("verify", "--json")
    assert r.code == 1
    assert any("entry 1" in p for p in r.json()["problems"])


def test_verify_detects_entries_cut_from_the_end(three_items, rollcall, home):
    with db(home) as con:
        con.execute("DELETE FROM evidence_custodyevent WHERE seq = 3")
        con.execute("DELETE FROM evidence_item WHERE id = 3")
    r = rollcall("verify", "--json")
    assert r.code == 1
    assert any("cut from the end" in p for p in r.json()["problems"])


def test_verify_detects_an_item_without_its_log_entry(three_items, rollcall, home):
    with db(home) as con:
        con.execute("INSERT INTO evidence_item (sha256, original_name, size, media_type, source_name, "
                    "source_url, collected_by, collected_at, note, added_at, added_by) VALUES "
                    "(?, 'smuggled.csv', 1, 'text/csv', '', '', '', '', '', '2024-01-01 00:00:00', 'x')",
                    ("ab" * 32,))
    problems = rollcall("verify", "--json").json()["problems"]
    assert any("smuggled.csv" in p and "no 'added' custody entry" in p for p in problems)


def test_log_entries_chain(three_items, rollcall):
    entries = rollcall("log", "--json").jsonl()
    assert [e["seq"] for e in entries] == [1, 2, 3]
    assert entries[0]["prev_hash"] == "0" * 64
    assert all(b["prev_hash"] == a["hash"] for a, b in zip(entries, entries[1:], strict=False))
    assert json.dumps(entries[0]["detail"])
