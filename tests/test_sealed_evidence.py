"""Sealed evidence items: files holding a testifier's identity are encrypted at rest, still named and verified
by the SHA-256 of their original bytes, and given back exactly only through an audited export. Real CLI,
real files, real data folder."""

from __future__ import annotations

import csv
import hashlib
import json
import os
import shutil
import sqlite3
from pathlib import Path

import pytest

from cli_run import kill_mid_ingest, run_rollcall

TESTIFIER = "Gulnisa Sealtestova ئايشە 古丽"
PHONE = "+90 555 017 4242"
SECRETS = [TESTIFIER.encode(), b"Sealtestova", "ئايشە".encode(), PHONE.encode(), b"017 4242"]
ADMIN = "archivist-admin"


def write_testimony_csv(path: Path, rows: int = 1) -> Path:
    with open(path, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["Submitted", "Missing person's name", "Year of birth", "Your name", "Your phone"])
        for i in range(rows):
            w.writerow(["2021-05-02", f"Memetjan Fictionalov {i}", "1979",
                        TESTIFIER if i == 0 else f"{TESTIFIER} {i}", PHONE if i == 0 else f"{PHONE}{i}"])
    return path


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def leaks(home: Path) -> list[tuple[str, bytes]]:
    """Every file under the data folder (database, WAL, evidence, index, keys) holding a secret's bytes."""
    found = []
    for f in sorted(home.rglob("*")):
        if f.is_file():
            data = f.read_bytes()
            found += [(str(f.relative_to(home)), s) for s in SECRETS if s in data]
    return found


def custody(home: Path) -> list[dict]:
    return run_rollcall("log", "--json", home=home).jsonl()


def make_admin(home: Path) -> None:
    r = run_rollcall("user", "add", ADMIN, "--role", "admin", "--password-stdin", home=home,
                     input="fictional-admin-password-42\n")
    assert r.code == 0, r.err


@pytest.fixture
def sealed(tmp_path, rollcall, home) -> tuple[Path, str]:
    f = write_testimony_csv(tmp_path / "testimonies.csv")
    r = rollcall("--actor", "intake-1", "ingest", str(f), "--json")
    assert r.code == 0, r.err
    assert r.json()[0]["sha256"] == sha(f)
    return f, sha(f)


def test_testifier_identity_is_in_no_byte_of_the_data_folder(sealed, rollcall, home):
    f, digest = sealed
    assert (home / "rollcall.sqlite3-wal").exists() or (home / "rollcall.sqlite3").exists()
    assert leaks(home) == []
    assert not (home / "evidence" / digest[:2] / digest).exists()
    stored = home / "evidence" / digest[:2] / f"{digest}.sealed"
    assert stored.is_file() and stored.read_bytes() != f.read_bytes()
    entries = [e for e in custody(home) if e["action"] == "sealed"]
    assert len(entries) == 1 and entries[0]["item"] == digest and entries[0]["actor"] == "intake-1"
    assert entries[0]["detail"]["fields"] == ["testifier_contact", "testifier_name"]
    assert entries[0]["detail"]["stored_sha256"] == sha(stored)
    v = rollcall("verify", "--json")
    assert v.code == 0, v.out
    assert v.json()["files_checked"] == 1 and v.json()["warnings"] == []
    # records still read (from the database: the testifier's cells stay sealed statements)
    recs = rollcall("records", "testimonies.csv", "--json").jsonl()
    assert recs and any(s["original"] == "Memetjan Fictionalov 0" for s in recs[0]["statements"])


def test_a_changed_byte_of_the_sealed_file_fails_verify(sealed, rollcall, home):
    f, digest = sealed
    stored = home / "evidence" / digest[:2] / f"{digest}.sealed"
    data = bytearray(stored.read_bytes())
    middle = len(data) // 2
    data[middle] = ord("A") if data[middle] != ord("A") else ord("B")
    os.chmod(stored, 0o644)
    stored.write_bytes(bytes(data))
    v = rollcall("verify")
    assert v.code == 1 and "testimonies.csv" in v.out and "ALTERED" in v.out
    problems = rollcall("verify", "--json").json()["problems"]
    assert len(problems) == 1 and digest in problems[0] and "was changed" in problems[0]


def test_a_changed_custody_entry_of_the_sealing_fails_verify(sealed, rollcall, home):
    _, digest = sealed
    with sqlite3.connect(home / "rollcall.sqlite3") as db:
        (raw,) = db.execute("SELECT detail FROM evidence_custodyevent WHERE action = 'sealed'").fetchone()
        detail = json.loads(raw)
        detail["fields"] = ["testifier_name"]
        db.execute("UPDATE evidence_custodyevent SET detail = ? WHERE action = 'sealed'", (json.dumps(detail),))
    v = rollcall("verify")
    assert v.code == 1 and "content was changed (sealed of" in v.out


def test_audited_export_gives_back_the_original_bytes(sealed, rollcall, home, tmp_path):
    f, digest = sealed
    out = tmp_path / "recovered.csv"
    refused = rollcall("--actor", "intake-1", "evidence", "export", digest[:10], "-o", str(out), "--reason", "x")
    assert refused.code == 1 and "only an admin" in refused.err and not out.exists()
    make_admin(home)
    r = rollcall("--actor", ADMIN, "evidence", "export", digest[:10], "-o", str(out),
                 "--reason", "court submission 12", "--json")
    assert r.code == 0, r.err
    assert out.read_bytes() == f.read_bytes() and sha(out) == digest and r.json()["sealed"] is True
    assert oct(out.stat().st_mode & 0o777) == "0o600"
    audit = [e for e in rollcall("audit", "--json").jsonl() if e["action"] == "evidence.export"]
    assert len(audit) == 1 and audit[0]["actor"] == ADMIN and audit[0]["target"] == f"item {digest}"
    assert audit[0]["detail"]["reason"] == "court submission 12" and audit[0]["detail"]["sealed"] is True
    exported = [e for e in custody(home) if e["action"] == "exported"]
    assert len(exported) == 1 and exported[0]["item"] == digest and exported[0]["actor"] == ADMIN
    again = rollcall("--actor", ADMIN, "evidence", "export", digest, "-o", str(out), "--reason", "again")
    assert again.code == 1 and "already exists" in again.err
    assert rollcall("verify").code == 0


def test_a_file_without_testifier_columns_is_stored_plain(tmp_path, rollcall, home):
    f = tmp_path / "register.csv"
    f.write_text("姓名,性别\n吐尔逊·买买提,男\n", encoding="utf-8")
    assert rollcall("ingest", str(f)).code == 0
    digest = sha(f)
    stored = home / "evidence" / digest[:2] / digest
    assert stored.read_bytes() == f.read_bytes()
    assert not stored.with_name(f"{digest}.sealed").exists()
    assert [e["action"] for e in custody(home)] == ["added", "ingested"]
    assert rollcall("verify").code == 0


def test_reingest_and_readd_are_no_ops_and_bring_no_plain_copy_back(sealed, rollcall, home):
    f, digest = sealed
    before = custody(home)
    again = rollcall("ingest", str(f), "--json")
    assert again.code == 0, again.err
    assert again.json()[0]["created"] is False and again.json()[0]["sha256"] == digest
    added = rollcall("add", str(f), "--json")
    assert added.code == 0 and added.json()["created"] is False and added.json()["sealed"] is True
    assert custody(home) == before
    assert not (home / "evidence" / digest[:2] / digest).exists()
    assert leaks(home) == []
    assert rollcall("verify", "--json").json()["warnings"] == []


def test_readding_the_original_of_a_sealed_item_whose_sealed_copy_is_lost_keeps_it(sealed, rollcall, home):
    """If the sealed copy is gone (a disk fault, a careless hand), adding the original again must not
    delete the only copy left; verify still names the missing sealed file."""
    f, digest = sealed
    (home / "evidence" / digest[:2] / (digest + ".sealed")).unlink()
    added = rollcall("add", str(f), "--json")
    assert added.code == 0, added.err
    kept = home / "evidence" / digest[:2] / digest
    assert kept.exists() and sha(kept) == digest
    report = rollcall("verify", "--json")
    assert report.code == 1 and "missing" in report.out


def test_add_seal_and_a_plain_item_sealed_by_a_later_ingest(tmp_path, rollcall, home):
    doc = tmp_path / "statement.pdf"
    doc.write_bytes(b"%PDF-1.4 fictional statement by " + TESTIFIER.encode() + b"\n")
    r = rollcall("add", str(doc), "--seal", "--json")
    assert r.code == 0, r.err
    assert r.json()["sealed"] is True and r.json()["stored"].endswith(".sealed")
    # an item first added plain, then ingested with testifier columns, is sealed by the ingest
    f = write_testimony_csv(tmp_path / "later.csv")
    assert rollcall("add", str(f)).code == 0
    assert (home / "evidence" / sha(f)[:2] / sha(f)).exists()
    assert rollcall("ingest", str(f)).code == 0
    assert leaks(home) == []
    assert [e["action"] for e in custody(home)] == ["added", "sealed", "added", "ingested", "sealed"]
    assert rollcall("verify").code == 0
    make_admin(home)
    out = tmp_path / "doc.pdf"
    assert rollcall("--actor", ADMIN, "evidence", "export", sha(doc), "-o", str(out), "--reason", "r").code == 0
    assert out.read_bytes() == doc.read_bytes()


def test_a_plain_copy_left_beside_a_sealed_item_is_warned_and_removed(sealed, rollcall, home):
    f, digest = sealed
    plain = home / "evidence" / digest[:2] / digest
    shutil.copy(f, plain)  # as a kill between the commit and the plain copy's removal leaves it
    v = rollcall("verify", "--json")
    assert v.code == 0 and any("plain copy of a sealed item" in w for w in v.json()["warnings"])
    r = rollcall("evidence", "seal", digest, "--json")
    assert r.code == 0 and r.json() == {"sha256": digest, "sealed_now": False, "plain_copy_removed": True,
                                        "stored": str(plain.with_name(f"{digest}.sealed"))}
    assert leaks(home) == [] and rollcall("verify", "--json").json()["warnings"] == []


def test_kill_minus_nine_during_a_testimony_ingest_leaves_no_partial_state(tmp_path, home):
    f = write_testimony_csv(tmp_path / "big-testimonies.csv", rows=60_000)
    kill_mid_ingest(home, f)
    with sqlite3.connect(home / "rollcall.sqlite3") as con:
        for table in ("records_source", "records_record", "evidence_item", "evidence_custodyevent"):
            assert con.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0] == 0, table
    assert run_rollcall("verify", home=home).code == 0
    again = run_rollcall("ingest", str(f), "--json", home=home)
    assert again.code == 0, again.err
    assert again.json()[0]["records"] == 60_000
    digest = sha(f)
    assert not (home / "evidence" / digest[:2] / digest).exists()
    assert (home / "evidence" / digest[:2] / f"{digest}.sealed").is_file()
    assert run_rollcall("verify", home=home).code == 0
    assert leaks(home) == []


def test_verify_warns_of_testimony_files_left_plain_by_an_older_ingest(tmp_path, rollcall, home):
    """A data folder ingested before testimony files were sealed: its source maps a column to a testifier
    field while the stored file is plain. verify says so and names the command that seals it."""
    f = tmp_path / "old-testimonies.csv"
    f.write_text("name,notes\nTursun Memet,fictional\n", encoding="utf-8")
    assert rollcall("ingest", str(f)).code == 0
    digest = sha(f)
    with sqlite3.connect(home / "rollcall.sqlite3") as db:  # what an older ingest left behind
        (columns,) = db.execute("SELECT columns FROM records_source").fetchone()
        cols = json.loads(columns)
        cols[1]["field"] = "testifier_contact"
        db.execute("UPDATE records_source SET columns = ?", (json.dumps(cols),))
    report = rollcall("verify", "--json").json()
    assert any(digest in w and "evidence seal" in w for w in report["warnings"]), report["warnings"]
    assert rollcall("verify").code == 0  # a warning, not an alteration
    assert rollcall("evidence", "seal", digest).code == 0
    assert not any(digest in w for w in rollcall("verify", "--json").json()["warnings"])
