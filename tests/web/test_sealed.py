"""Testifier names and contacts arriving in ingested files: sealed in the database, in no page, API answer,
record listing or export, and given back exactly as ingested only in an audited view for editors and up."""

from __future__ import annotations

import csv
import html
import json
import re
import sqlite3
import subprocess
import sys
from contextlib import closing

import pytest
from web_helpers import MARKERS, SEALED_PREFIX, TESTIMONY_HEADER, TESTIMONY_ROW, cli, original_bytes

SEALED_COLUMNS = ("Your name", "Your phone", "Your email")
PLAIN = [TESTIMONY_ROW[TESTIMONY_HEADER.index(c)] for c in SEALED_COLUMNS]
FIXTURE_PLAIN = [MARKERS["testifier_name"], MARKERS["testifier_contact"], MARKERS["testifier_email"]]


def _db(site):
    return sqlite3.connect(site.home / "rollcall.sqlite3")


def _sealed_form(body: str) -> str:
    m = re.search(r'<form method="post" action="(/record/\d+/sealed)"', body)
    assert m, "no form to open the sealed details"
    return m.group(1)


def _opened(body: str) -> dict[str, str]:
    rows = re.findall(r'<tr data-field="(\w+)"><th>(.*?) <span class="field">.*?</span></th>'
                      r'<td dir="auto" class="sealed-text">(.*?)</td></tr>', body, re.S)
    return {html.unescape(column): html.unescape(text) for _field, column, text in rows}


def _views(site, record: int) -> list[tuple]:
    with _db(site) as db:
        return db.execute("SELECT actor, detail FROM accounts_auditentry WHERE action = 'record.view_sealed' "
                          "AND target = ? ORDER BY id", (f"record {record}",)).fetchall()


def test_testifier_cells_are_sealed_in_the_database(site):
    with _db(site) as db:
        rows = db.execute("SELECT original, value, detail FROM records_statement "
                          "WHERE field IN ('testifier_name', 'testifier_contact')").fetchall()
    assert len(rows) > 10  # the generated testimonies' "Your name" cells and both fixture files
    assert all(o.startswith(SEALED_PREFIX) and v is None and d is None for o, v, d in rows)
    for f in site.home.glob("rollcall.sqlite3*"):
        data = f.read_bytes()
        for plain in PLAIN + FIXTURE_PLAIN:
            assert plain.encode() not in data, (f.name, plain)


@pytest.mark.parametrize("role", ["editor", "admin"])
def test_the_audited_view_gives_back_exactly_what_was_ingested(site, role):
    c = site.client(role)
    page = c.get(f"/person/{site.testimony}").body
    action = _sealed_form(page)
    record = int(action.split("/")[2])
    before = _views(site, record)
    r = c.request(action, data={"csrfmiddlewaretoken": c.csrf_from(page)})
    assert r.status == 200
    assert _opened(r.body) == dict(zip(SEALED_COLUMNS, PLAIN, strict=True))
    after = _views(site, record)
    assert len(after) == len(before) + 1
    assert after[-1][0] == site.users[role]
    assert json.loads(after[-1][1])["columns"] == list(SEALED_COLUMNS)
    c.request(action, data={"csrfmiddlewaretoken": c.csrf_from(page)})
    assert len(_views(site, record)) == len(after) + 1  # every opening is one more entry


def test_the_reader_reads_the_cells_as_the_audited_view_gives_them(site, tmp_path):
    """Nothing trimmed or normalised on the way: the stored evidence file, recovered and read again, has the
    same cells."""
    with _db(site) as db:
        sha = db.execute("SELECT i.sha256 FROM records_source s JOIN evidence_item i ON i.id = s.item_id "
                         "WHERE s.id = ?", (site.testimony_source,)).fetchone()[0]
    recovered = tmp_path / "testimony.csv"
    recovered.write_bytes(original_bytes(site, sha, tmp_path))
    plan = json.loads(cli("ingest", str(recovered), "--dry-run", "--json").stdout)
    cells = plan[0]["first_rows"][0]["cells"]
    assert [cells[c] for c in SEALED_COLUMNS] == PLAIN


def test_sealed_details_on_the_source_page_for_editors_only(site):
    editor = site.client("editor").get(f"/source/{site.marked_source}").body
    assert "sealed testifier values" in editor and 'action="/record/' in editor
    researcher = site.client("researcher").get(f"/source/{site.marked_source}").body
    assert 'action="/record/' not in researcher and "sealed testifier" not in researcher
    assert 'action="/record/' not in site.client("researcher").get(f"/person/{site.testimony}").body


@pytest.mark.parametrize("role", ["public", "researcher"])
def test_lesser_roles_cannot_open_sealed_details(site, role):
    action = _sealed_form(site.client("editor").get(f"/person/{site.testimony}").body)
    record = int(action.split("/")[2])
    before = _views(site, record)
    c = site.client(role)
    r = c.request(action, data={"csrfmiddlewaretoken": c.csrf_from(c.get("/testimony").body)})
    assert r.status == (302 if role == "public" else 403)
    assert not any(p in r.body for p in PLAIN)
    assert _views(site, record) == before


def test_opening_needs_a_post_with_a_csrf_token(site):
    c = site.client("editor")
    action = _sealed_form(c.get(f"/person/{site.testimony}").body)
    record = int(action.split("/")[2])
    before = _views(site, record)
    assert c.get(action).status == 405
    forged = c.request(action, data={})
    assert forged.status == 403 and not any(p in forged.body for p in PLAIN)
    assert _views(site, record) == before


def test_a_record_without_sealed_details_is_404_and_not_audited(site):
    c = site.client("editor")
    token = c.csrf_from(c.get("/testimony").body)
    with _db(site) as db:
        plain_record = db.execute("SELECT r.id FROM records_record r WHERE NOT EXISTS (SELECT 1 FROM "
                                  "records_statement s WHERE s.record_id = r.id AND s.field LIKE 'testifier%')"
                                  ).fetchone()[0]
        entries = db.execute("SELECT count(*) FROM accounts_auditentry").fetchone()[0]
    assert c.request(f"/record/{plain_record}/sealed", data={"csrfmiddlewaretoken": token}).status == 404
    assert c.request("/record/99999999/sealed", data={"csrfmiddlewaretoken": token}).status == 404
    with _db(site) as db:
        assert db.execute("SELECT count(*) FROM accounts_auditentry").fetchone()[0] == entries


def test_records_listing_and_exports_print_the_sealed_form_only(site, tmp_path):
    listed = cli("records", str(site.testimony_source), "--json", home=site.home).stdout
    statements = [s for line in listed.splitlines() for s in json.loads(line)["statements"]]
    sealed = [s for s in statements if s["field"] in ("testifier_name", "testifier_contact")]
    assert len(sealed) == 3 and all(s["original"].startswith(SEALED_PREFIX) and s["value"] is None for s in sealed)
    outputs = [listed]
    for fmt in ("jsonl", "csv"):
        out = tmp_path / f"statements.{fmt}"
        cli("export", "statements", "--format", fmt, "-o", str(out), home=site.home)
        outputs.append(out.read_text(encoding="utf-8"))
    for text in outputs:
        assert SEALED_PREFIX in text
        for plain in PLAIN + FIXTURE_PLAIN:
            assert plain not in text and json.dumps(plain)[1:-1] not in text, plain


def test_an_older_data_folder_is_sealed_when_first_opened(tmp_path):
    """A folder ingested before sealing (plain testifier cells, migration not yet applied) is sealed by the
    first command that opens it, and the plain text is gone from the database file."""
    home = tmp_path / "old"
    table = tmp_path / "testimonies.csv"
    with open(table, "w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows([TESTIMONY_HEADER, TESTIMONY_ROW])
    cli("ingest", str(table), home=home)
    db_path = home / "rollcall.sqlite3"
    with closing(sqlite3.connect(db_path)) as db, db:  # turn it back into a folder from before sealing
        for column, plain in zip(SEALED_COLUMNS, PLAIN, strict=True):
            db.execute("UPDATE records_statement SET original = ? WHERE \"column\" = ?", (plain, column))
        db.execute("DELETE FROM django_migrations WHERE app = 'accounts' AND name = '0002_seal_testifier_statements'")
    assert PLAIN[1].encode() in b"".join(f.read_bytes() for f in home.glob("rollcall.sqlite3*"))
    cli("sources", "--json", home=home)
    with closing(sqlite3.connect(db_path)) as db:
        stored = db.execute("SELECT record_id, original FROM records_statement "
                            "WHERE field IN ('testifier_name', 'testifier_contact') ORDER BY column_index").fetchall()
    assert len(stored) == 3 and all(o.startswith(SEALED_PREFIX) for _, o in stored)
    data = b"".join(f.read_bytes() for f in home.glob("rollcall.sqlite3*"))
    assert not [p for p in PLAIN if p.encode() in data]
    code = ("import json, sys; from rollcall.home import open_home; open_home(sys.argv[1]); "
            "from rollcall.web.testifiers import reveal; "
            "print(json.dumps(reveal(int(sys.argv[2]), actor='test')['statements']))")
    out = subprocess.run([sys.executable, "-c", code, str(home), str(stored[0][0])], capture_output=True, text=True,
                         check=True).stdout
    assert [s["text"] for s in json.loads(out)] == PLAIN
