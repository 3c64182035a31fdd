"""One served registry for all web tests: a generated fictional corpus, a fixture file with every
sensitive field and with markup in names, linked, with a user and an API token per role."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from web_helpers import MARKERS, PASSWORD, Site, cli, free_port, start_server

INJECTIONS = ['<script>window.__pwned=1</script>Aygul Fictionalova',
              '"><img src=x onerror="window.__pwned=2">Nurgul Madeupova']


def _fixture_file(path: Path) -> None:
    with open(path, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        fh.write("FICTIONAL DATA for Rollcall web tests - not real people\n")
        w.writerow(["Name", "ID number", "Household address", "Current address", "Phone", "Notes",
                    "Colour of the door", "Facility", "Detained"])
        w.writerow(["Zulpiqar Testjanov", MARKERS["id_number"], MARKERS["household_address"],
                    MARKERS["current_address"], MARKERS["phone"], MARKERS["notes"], MARKERS["unmapped"],
                    "Test County Detention Centre", "2018-03-01"])
        for name in INJECTIONS:
            w.writerow([name, "", "", "", "", "", "", "", ""])


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory):
    """The served registry; the server is stopped at the end of the session."""
    shared = Path(__file__).resolve().parents[2].parent / "shared" / "data"
    root = tmp_path_factory.mktemp("web")
    home, corpus = root / "home", root / "corpus"
    cli("generate", str(corpus), "--persons", "40", "--seed", "5")
    for f in sorted(corpus.iterdir()):
        if f.suffix in {".csv", ".tsv", ".xlsx", ".json", ".jsonl"} and not f.name.startswith("truth"):
            cli("ingest", str(f), home=home)
    fixture = root / "web-fixture.csv"
    _fixture_file(fixture)
    cli("ingest", str(fixture), home=home)
    cli("link", "--json", home=home)
    cli("facilities", "import", str(shared / "facilities" / "aspi_xjdp_2020-09_v1.csv"), "--format", "aspi",
        home=home)
    users, tokens = {}, {}
    for role in ("researcher", "editor", "admin"):
        users[role] = f"{role}-user"
        cli("user", "add", users[role], "--role", role, "--password-stdin", home=home, input=PASSWORD + "\n")
        tokens[role] = cli("user", "token", users[role], home=home).stdout.strip()
    persons = [json.loads(line) for line in cli("persons", "--json", home=home).stdout.splitlines()]
    by_row = {(r["locator"]["file"], r["locator"]["row"]): p["id"] for p in persons for r in p["records"]}
    fixture_rows = sorted(row for (file, row) in by_row if file == fixture.name)
    marked = by_row[(fixture.name, fixture_rows[0])]
    injected = [by_row[(fixture.name, row)] for row in fixture_rows[1:]]
    source_id = next(r["source_id"] for p in persons for r in p["records"] if r["source"] == fixture.name)
    port = free_port()
    server = start_server(home, port)
    try:
        yield Site(home=home, base=f"http://127.0.0.1:{port}", tokens=tokens, marked=marked,
                   marked_source=source_id, injected=injected, users=users)
    finally:
        server.terminate()
        server.wait(timeout=30)
