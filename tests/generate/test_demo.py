"""`rollcall demo`: one command from nothing to an ingested fictional corpus; safe to run again."""

from __future__ import annotations

from pathlib import Path

from generate_helpers import truth_rows


def test_demo_generates_ingests_and_reruns_as_a_no_op(tmp_path: Path, rollcall) -> None:
    home = tmp_path / "demo"
    first = rollcall("demo", "--home", str(home), "--persons", "120", "--seed", "4", "--json")
    assert first.code == 0, first.err
    report = first.json()
    stages = {s["stage"]: s for s in report["stages"]}
    assert [s["stage"] for s in report["stages"]][:3] == ["generate", "ingest", "documents"]
    assert all(stages[name]["status"] == "done" for name in ("generate", "ingest", "documents"))
    assert stages["serve"]["status"] == "skipped"  # --json never blocks on a server
    corpus = home / "demo-corpus"
    truth = truth_rows(corpus)
    assert sum(stages["ingest"]["records"].values()) == len(truth)
    assert len(stages["documents"]["documents"]) == 3

    sources = rollcall("--home", str(home), "sources", "--json").json()
    assert sorted(s["file"] for s in sources) == sorted(stages["ingest"]["records"])

    again = rollcall("demo", "--home", str(home), "--persons", "120", "--seed", "4", "--json")
    assert again.code == 0, again.err
    assert again.json()["stages"][0]["reused"] is True
    assert len(rollcall("--home", str(home), "sources", "--json").json()) == len(sources)

    other = rollcall("demo", "--home", str(home), "--persons", "120", "--seed", "5", "--json")
    assert other.code == 1 and "--seed 4" in other.err


def test_demo_never_writes_into_a_folder_that_is_not_a_demo(tmp_path: Path, rollcall) -> None:
    registry = tmp_path / "real"
    registry.mkdir()
    (registry / "rollcall.sqlite3").write_bytes(b"")
    result = rollcall("demo", "--home", str(registry), "--persons", "50", "--no-serve")
    assert result.code == 1 and "not a demo folder" in result.err and "Traceback" not in result.err
    assert [p.name for p in registry.iterdir()] == ["rollcall.sqlite3"]
