"""`rollcall facilities`: the two real datasets imported through the real CLI, merged, shown and queried."""

from __future__ import annotations

import hashlib

import pytest

from cli_run import SHARED_DATA, run_rollcall

ASPI = "aspi_xjdp_2020-09_v1.csv"
BUZZFEED = "buzzfeed_2021-07-20_all_locations.tsv"


@pytest.fixture(scope="module")
def shared_home(tmp_path_factory):
    """One data folder for this module's read-only tests (importing takes seconds)."""
    return tmp_path_factory.mktemp("facilities") / "rc-home"


@pytest.fixture(scope="module")
def imported(shared_home):
    """Both datasets imported into the module's data folder; returns the two import results."""
    shared_data = SHARED_DATA

    def rollcall(*args, **kw):
        return run_rollcall(*args, home=shared_home, **kw)

    a = rollcall("facilities", "import", str(shared_data / "facilities" / ASPI), "--format", "aspi", "--json")
    assert a.code == 0, a.err
    b = rollcall("facilities", "import", str(shared_data / "facilities" / BUZZFEED), "--format", "buzzfeed",
                 "--json")
    assert b.code == 0, b.err
    return a.json(), b.json()


@pytest.fixture
def rollcall(shared_home):
    """Run rollcall on the module's data folder."""

    def _run(*args, **kw):
        return run_rollcall(*args, home=shared_home, **kw)

    return _run


def test_import_both_and_list(imported, rollcall, shared_data) -> None:
    a, b = imported
    assert (a["rows"], a["created"], a["encoding"]) == (380, True, "utf-8-sig")
    assert (b["rows"], b["created"], b["encoding"]) == (551, True, "cp437")
    assert b["non_ascii_sample"] == ["Ürümqi"]
    assert a["sha256"] == hashlib.sha256((shared_data / "facilities" / ASPI).read_bytes()).hexdigest()
    listing = rollcall("facilities", "--json").jsonl()
    assert len(listing) == b["facilities"] == 380 + 551 - 366
    # Every source row is reachable from exactly one merged facility.
    rows = [(r["source"], r["source_id"]) for f in listing for r in f["rows"]]
    assert len(rows) == len(set(rows)) == 380 + 551
    assert sum(1 for f in listing if {r["source"] for r in f["rows"]} == {"aspi", "buzzfeed"}) == 366


def test_files_are_evidence_with_an_imported_custody_event(imported, rollcall) -> None:
    a, b = imported
    log = rollcall("log", "--json").jsonl()
    assert [(e["action"], e["item"]) for e in log] == [
        ("added", a["sha256"]), ("imported", a["sha256"]), ("added", b["sha256"]), ("imported", b["sha256"])]
    assert rollcall("verify").code == 0


def test_importing_again_changes_nothing(imported, rollcall, shared_data) -> None:
    before = rollcall("facilities", "--json").out
    log_before = rollcall("log", "--json").out
    again = rollcall("facilities", "import", str(shared_data / "facilities" / ASPI), "--format", "aspi", "--json")
    assert again.code == 0 and again.json()["created"] is False
    assert rollcall("facilities", "--json").out == before
    assert rollcall("log", "--json").out == log_before


def test_show_gives_every_value_with_provenance(imported, rollcall) -> None:
    a, b = imported
    res = rollcall("facilities", "show", "aspi-336", "--json")
    assert res.code == 0, res.err
    fac = res.json()
    assert fac["names"] == ["Konasheher Facility #7", "Shufu - I"]
    assert fac["county_code"] == "653121" and fac["type"] == "re-education camp"
    names = {(v["value"], v["sha256"], v["row"], v["column"]) for v in fac["values"]["name"]}
    assert ("Shufu - I", b["sha256"], 5, "Name") in names
    assert any(v["sha256"] == a["sha256"] and v["column"] == "Name_Code" for v in fac["values"]["name"])
    bf_row = next(r for r in fac["rows"] if r["source"] == "buzzfeed")
    assert {"column": "Prefecture", "text": "Kashgar"} in bf_row["cells"]
    assert any(lk["kind"] == "aspi_number" and lk["merged"] for lk in fac["links"])
    by_id = rollcall("facilities", "show", str(fac["id"]), "--json").json()
    assert by_id["key"] == "aspi-336"
    human = rollcall("facilities", "show", "aspi-336")
    assert human.code == 0 and "Shufu - I" in human.out and "ASPI 2020 #" in human.out


def test_urumqi_survives_the_import(imported, rollcall) -> None:
    listing = rollcall("facilities", "--json").jsonl()
    assert any(f.get("prefecture") == "Ürümqi" for f in listing if f["key"].startswith("buzzfeed"))


def test_near(imported, rollcall) -> None:
    res = rollcall("facilities", "near", "39.3591", "75.8636", "--km", "0.5", "--json")
    assert res.code == 0, res.err
    found = res.jsonl()
    assert found[0]["key"] == "aspi-336"
    assert all(f["distance_km"] <= 0.5 for f in found)
    assert [f["distance_km"] for f in found] == sorted(f["distance_km"] for f in found)
    assert rollcall("facilities", "near", "39.3591", "75.8636", "--km", "-1").code == 1


def test_match(imported, rollcall) -> None:
    res = rollcall("facilities", "match", "Konasheher Facility #1", "--json")
    assert res.code == 0, res.err
    assert res.json()["candidates"][0]["key"] == "aspi-38"
    zh = rollcall("facilities", "match", "疏附县职业技能教育培训中心", "--json").json()
    assert zh["query"]["county_codes"] == ["653121"] and zh["query"]["type"] == "re-education camp"
    assert zh["candidates"] and zh["candidates"][0]["county"] and zh["candidates"][0]["type"]
    assert zh["query"]["descriptive"] is True
    scores = [(c["type"], c["name_score"]) for c in zh["candidates"]]
    assert scores == sorted(scores, key=lambda s: -s[1]) and scores[0] == (True, 90.0)


def test_errors_are_one_clear_message(shared_data, tmp_path) -> None:
    def rollcall(*args):
        return run_rollcall(*args, home=tmp_path / "rc-home")

    missing = rollcall("facilities", "import", str(tmp_path / "none.csv"), "--format", "aspi")
    assert missing.code == 1 and "none.csv" in missing.err and "Traceback" not in missing.err
    wrong = rollcall("facilities", "import", str(shared_data / "facilities" / ASPI), "--format", "buzzfeed")
    assert wrong.code == 1 and "no column" in wrong.err and "Traceback" not in wrong.err
    unknown = rollcall("facilities", "show", "nope")
    assert unknown.code == 1 and "nope" in unknown.err
    bad_format = rollcall("facilities", "import", str(shared_data / "facilities" / ASPI), "--format", "xls")
    assert bad_format.code == 1 and "aspi or buzzfeed" in bad_format.err
