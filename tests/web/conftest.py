"""One served registry for all web tests: a generated fictional corpus, a fixture file with every
sensitive field and with markup in names, a testimony form export whose testifier columns are sealed at
ingest, linked, with a user and an API token per role."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from web_helpers import (
    MARKERS,
    PASSWORD,
    TEST_RATE_LIMITS,
    TESTIMONY_HEADER,
    TESTIMONY_ROW,
    Site,
    cli,
    free_port,
    start_server,
)

INJECTIONS = ['<script>window.__pwned=1</script>Aygul Fictionalova',
              '"><img src=x onerror="window.__pwned=2">Nurgul Madeupova']
# Pairs the linkage is unsure about (each lands in the review queue), one with markup in a name and notes.
PAIRS = [["Name", "Other names", "Year of birth", "Hometown", "Notes"],
         ["Abdukerim Reviewjan", "", "1971", "Kashgar", "<script>window.__pwned=5</script>held since 2018"],
         ["Abdukerim Reviewjan", '<svg onload="window.__pwned=7">Abdukerim</svg>', "", "",
          '<img src=x onerror="window.__pwned=6">camp'],
         ["Nurmemet Pairova", "", "1983", "", "a"],
         ["Nurmemet Pairowa", "", "", "Hotan", "b"],
         ["Tursunjan Halfmatch", "", "1990", "", "c"],
         ["Tursunjan Halfmatch", "", "", "", "d"]]


def _fixture_file(path: Path) -> None:
    with open(path, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        fh.write("FICTIONAL DATA for Rollcall web tests - not real people\n")
        w.writerow(["Name", "ID number", "Household address", "Current address", "Phone", "Notes",
                    "Colour of the door", "Facility", "Detained", "Your name", "Your phone", "Your email",
                    "Your relation to this person"])
        w.writerow(["Zulpiqar Testjanov", MARKERS["id_number"], MARKERS["household_address"],
                    MARKERS["current_address"], MARKERS["phone"], MARKERS["notes"], MARKERS["unmapped"],
                    "Test County Detention Centre", "2018-03-01", MARKERS["testifier_name"],
                    MARKERS["testifier_contact"], MARKERS["testifier_email"], MARKERS["testifier_relation"]])
        for name in INJECTIONS:
            w.writerow([name] + [""] * 12)


def _table_file(path: Path, rows: list[list[str]]) -> None:
    with open(path, "w", encoding="utf-8", newline="") as fh:
        fh.write("FICTIONAL DATA for Rollcall web tests - not real people\n")
        csv.writer(fh).writerows(rows)


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
    testimonies = root / "web-testimonies.csv"
    _table_file(testimonies, [TESTIMONY_HEADER, TESTIMONY_ROW])
    cli("ingest", str(testimonies), home=home)
    _table_file(root / "web-pairs.csv", PAIRS)
    cli("ingest", str(root / "web-pairs.csv"), home=home)
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
    testimony = next(p["id"] for p in persons for r in p["records"] if r["source"] == testimonies.name)
    testimony_source = next(r["source_id"] for p in persons for r in p["records"] if r["source"] == testimonies.name)
    port = free_port()
    server = start_server(home, port, {"ROLLCALL_RATE_LIMITS": TEST_RATE_LIMITS})
    try:
        yield Site(home=home, base=f"http://127.0.0.1:{port}", tokens=tokens, marked=marked,
                   marked_source=source_id, injected=injected, users=users, testimony=testimony,
                   testimony_source=testimony_source)
    finally:
        server.terminate()
        server.wait(timeout=30)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """With the suite split across processes (`-n 2 --dist loadgroup`), the web tests run in one of them,
    so the served registry they share is built once."""
    here = Path(__file__).resolve().parent
    for item in items:
        if item.path.resolve().is_relative_to(here):
            item.add_marker(pytest.mark.xdist_group("web"))
