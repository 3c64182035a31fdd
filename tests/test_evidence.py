"""Evidence store and chain of custody, through the real CLI on a real data folder."""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
from datetime import UTC, datetime
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


def test_a_kill_before_the_first_head_write_is_no_tamper_alarm(tmp_path, rollcall, home):
    """A new folder's head starts at the genesis entry; a kill between the first commit and the head's
    write leaves it there, behind the log, which is consistent. A head cut away is not."""
    assert rollcall("init").code == 0
    genesis = (home / "custody.head").read_text(encoding="ascii")
    assert genesis == f"0 {'0' * 64}\n"
    f = tmp_path / "list.csv"
    f.write_text("name\nFictional Person\n", encoding="utf-8")
    assert rollcall("add", str(f)).code == 0
    assert (home / "custody.head").read_text(encoding="ascii") != genesis
    (home / "custody.head").write_text(genesis, encoding="ascii")  # as the kill leaves it
    assert rollcall("verify").code == 0
    (home / "custody.head").unlink()
    r = rollcall("verify", "--json")
    assert r.code == 1 and any("custody.head is missing" in p for p in r.json()["problems"])


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


FULL_METADATA = ["--source-name", "Leak X", "--url", "https://example.org/x", "--collected-by", "researcher-1",
                 "--collected-at", "2024-03-01", "--note", "received by hand"]


@pytest.fixture
def described_item(tmp_path: Path, rollcall) -> dict:
    """One item added with every metadata option, as `rollcall add --json` reported it."""
    f = tmp_path / "register.csv"
    f.write_bytes("编号,姓名\r\n1,阿不都热依木\r\n".encode("gb18030"))
    r = rollcall("add", str(f), *FULL_METADATA, "--json", env={"ROLLCALL_ACTOR": "researcher-1"})
    assert r.code == 0, r.err
    return r.json()


# (column, forged value as written to SQLite, field named in the message, forged value as the message shows it)
TAMPERED = [
    ("original_name", "forged.csv", "original_name", '"forged.csv"'),
    ("size", 999, "size", "999"),
    ("media_type", "application/pdf", "media_type", '"application/pdf"'),
    ("source_name", "Another leak", "source_name", '"Another leak"'),
    ("source_url", "http://evil", "source_url", '"http://evil"'),
    ("collected_by", "someone", "collected_by", '"someone"'),
    ("collected_at", "2020-01-01", "collected_at", '"2020-01-01"'),
    ("note", "nothing to see", "note", '"nothing to see"'),
    ("added_at", "2020-01-01 00:00:00", "added_at", '"2020-01-01T00:00:00.000000+00:00"'),
    ("added_by", "someone", "added_by", '"someone"'),
    ("sha256", "ab" * 32, "sha256", f'"{"ab" * 32}"'),
]


@pytest.mark.parametrize("column, forged, name, shown", TAMPERED, ids=[t[0] for t in TAMPERED])
def test_verify_names_changed_metadata(described_item, rollcall, home, column, forged, name, shown):
    item = described_item
    entry = rollcall("log", "--json").jsonl()[0]
    logged = {"sha256": entry["item"], "added_by": entry["actor"]}.get(column) or entry["detail"][column]
    assert logged == item[column] or column == "added_at"
    with db(home) as con:
        con.execute(f"UPDATE evidence_item SET {column} = ? WHERE sha256 = ?", (forged, item["sha256"]))
    r = rollcall("verify", "--json")
    assert r.code == 1, r.out
    hits = [p for p in r.json()["problems"] if f": {name} was changed:" in p]
    assert len(hits) == 1, r.json()["problems"]
    message = hits[0]
    assert message.startswith(f"item {forged if column == 'sha256' else item['sha256']} (")
    assert f"the registry holds {shown}" in message
    assert f"recorded {json.dumps(logged, ensure_ascii=False)}" in message
    text = rollcall("verify")
    assert text.code == 1 and f"{name} was changed" in text.out and "Traceback" not in text.err


def test_verify_names_every_changed_field_of_the_audit(described_item, rollcall, home):
    sha = described_item["sha256"]
    with db(home) as con:
        con.execute("UPDATE evidence_item SET original_name='forged.csv', collected_by='someone', "
                    "source_url='http://evil' WHERE sha256 = ?", (sha,))
    problems = rollcall("verify", "--json").json()["problems"]
    for name, stored, logged in [("original_name", "forged.csv", "register.csv"),
                                 ("collected_by", "someone", "researcher-1"),
                                 ("source_url", "http://evil", "https://example.org/x")]:
        assert any(p.startswith(f"item {sha} (forged.csv): {name} was changed: the registry holds "
                                f'"{stored}"') and f'recorded "{logged}"' in p for p in problems), problems


def test_added_entry_records_every_field(described_item, rollcall):
    entry = rollcall("log", "--json").jsonl()[0]
    item = described_item
    assert entry["action"] == "added" and entry["item"] == item["sha256"] and entry["actor"] == "researcher-1"
    for key in ["original_name", "size", "media_type", "source_name", "source_url", "collected_by",
                "collected_at", "note"]:
        assert entry["detail"][key] == item[key], key
    assert datetime.fromisoformat(entry["detail"]["added_at"]) == datetime.fromisoformat(item["added_at"])


def test_verify_intact_after_add_ingest_export(tmp_path, described_item, rollcall):
    table = tmp_path / "list.csv"
    table.write_bytes("姓名,性别\n吐尔逊·买买提,男\n".encode())
    assert rollcall("ingest", str(table), "--source-name", "A list", "--json").code == 0
    # The item added first is ingested too: its `added` entry stays the one `rollcall add` wrote.
    stored = Path(described_item["stored"])
    assert rollcall("ingest", str(stored), "--encoding", "gb18030", "--json").code == 0
    assert rollcall("export", "statements", "--format", "jsonl").code == 0
    actions = [e["action"] for e in rollcall("log", "--json").jsonl()]
    assert actions.count("added") == 2 and "ingested" in actions and "exported" in actions
    r = rollcall("verify", "--json")
    assert r.code == 0, r.out + r.err
    report = r.json()
    assert report["problems"] == [] and report["metadata_checked"] == 2 and report["not_recorded"] == []
    assert rollcall("verify").code == 0


def _entry_hash(row: sqlite3.Row, detail: dict) -> str:
    """An entry's seal, computed independently of Rollcall's code (canonical JSON, as documented)."""
    at = datetime.fromisoformat(row["at"]).replace(tzinfo=UTC)
    body = json.dumps({"seq": row["seq"], "at": at.isoformat(timespec="microseconds"), "actor": row["actor"],
                       "action": row["action"], "item": row["item_sha256"], "detail": detail,
                       "version": row["version"], "prev": row["prev_hash"]},
                      ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


def _make_old_style(home: Path, drop: tuple[str, ...]) -> None:
    """Rewrite the only entry as older Rollcall versions wrote it (without `drop`), sealed consistently."""
    with db(home) as con:
        con.row_factory = sqlite3.Row
        row = con.execute("SELECT * FROM evidence_custodyevent").fetchone()
        detail = {k: v for k, v in json.loads(row["detail"]).items() if k not in drop}
        digest = _entry_hash(row, detail)
        con.execute("UPDATE evidence_custodyevent SET detail = ?, hash = ? WHERE seq = ?",
                    (json.dumps(detail, ensure_ascii=False), digest, row["seq"]))
    (home / "custody.head").write_text(f"{row['seq']} {digest}\n", encoding="ascii")


def test_old_added_entries_without_source_name_or_note_still_verify(described_item, rollcall, home):
    _make_old_style(home, drop=("source_name", "note", "added_at"))
    r = rollcall("verify", "--json")
    assert r.code == 0, r.out
    report = r.json()
    assert report["intact"] is True and report["metadata_checked"] == 1
    assert report["not_recorded"] == [{"item": described_item["sha256"], "original_name": "register.csv",
                                       "entry": 1, "fields": ["source_name", "note"]}]
    assert any("source_name" in w and "not recorded" in w for w in report["warnings"])
    text = rollcall("verify")
    assert text.code == 0 and "not recorded" in text.out


def test_old_added_entries_still_check_what_they_recorded(described_item, rollcall, home):
    _make_old_style(home, drop=("source_name", "note", "added_at"))
    with db(home) as con:
        con.execute("UPDATE evidence_item SET source_url = 'http://evil', added_at = '2020-01-01 00:00:00'")
    problems = rollcall("verify", "--json").json()["problems"]
    assert any("source_url was changed" in p and '"http://evil"' in p for p in problems), problems
    assert any("added_at was changed" in p and "predates logging added_at" in p for p in problems), problems


def test_verify_names_a_second_added_entry(described_item, rollcall, home):
    with db(home) as con:
        con.row_factory = sqlite3.Row
        first = con.execute("SELECT * FROM evidence_custodyevent").fetchone()
        fields = {**dict(first), "seq": 2, "prev_hash": first["hash"]}
        detail = {**json.loads(first["detail"]), "collected_by": "someone"}
        digest = _entry_hash(fields, detail)
        con.execute("INSERT INTO evidence_custodyevent (seq, at, actor, action, item_sha256, detail, version, "
                    "prev_hash, hash) VALUES (2, ?, ?, 'added', ?, ?, ?, ?, ?)",
                    (first["at"], first["actor"], first["item_sha256"], json.dumps(detail), first["version"],
                     first["hash"], digest))
    (home / "custody.head").write_text(f"2 {digest}\n", encoding="ascii")
    r = rollcall("verify", "--json")
    assert r.code == 1
    assert any("added 2 times (entries 1, 2)" in p for p in r.json()["problems"]), r.json()["problems"]

