"""`rollcall generate` and the generated corpus through the real CLI: every file ingests, and the
locators `rollcall records --json` prints are exactly the rows of truth.csv."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

from generate_helpers import truth_rows


def test_every_generated_file_ingests_and_locators_match_truth(tmp_path: Path, rollcall) -> None:
    outdir = tmp_path / "corpus"
    made = rollcall("generate", str(outdir), "--persons", "150", "--seed", "9", "--no-pdfs", "--json")
    assert made.code == 0, made.err
    summary = made.json()
    assert summary["persons"] == 150 and "FICTIONAL" in summary["notice"]
    expected = defaultdict(set)
    for file, row, _ in truth_rows(outdir):
        expected[file].add(row)
    assert set(expected) == set(summary["records"])
    for name in summary["records"]:
        ingested = rollcall("ingest", str(outdir / name), "--json")
        assert ingested.code == 0, f"{name}: {ingested.err}"
        listed = rollcall("records", name, "--json")
        assert listed.code == 0, listed.err
        records = listed.jsonl() if not listed.out.lstrip().startswith("[") else listed.json()
        rows = [r["locator"]["row"] for r in records]
        assert all(r["locator"]["file"] == name for r in records)
        assert len(rows) == len(set(rows)) == summary["records"][name]
        assert set(rows) == expected[name], name


def test_generate_refuses_a_folder_in_use(tmp_path: Path, rollcall) -> None:
    (tmp_path / "mine.txt").write_text("keep me")
    result = rollcall("generate", str(tmp_path), "--persons", "10")
    assert result.code == 1
    assert "not empty" in result.err and "Traceback" not in result.err
    assert [p.name for p in tmp_path.iterdir()] == ["mine.txt"]
    bad = rollcall("generate", str(tmp_path / "new"), "--persons", "0")
    assert bad.code == 1 and "between 1 and" in bad.err
