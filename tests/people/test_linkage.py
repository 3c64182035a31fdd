"""Linkage end to end: a generated corpus ingested, linked, reviewed and re-linked through the real CLI."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest

from cli_run import run_rollcall

TABLES = {".csv", ".tsv", ".xlsx", ".json", ".jsonl"}


def _tables(corpus: Path) -> list[Path]:
    return sorted(f for f in corpus.iterdir() if f.suffix in TABLES and not f.name.startswith("truth"))


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("corpus") / "c"
    r = run_rollcall("generate", str(out), "--persons", "150", "--seed", "11")
    assert r.code == 0, r.err
    return out


@pytest.fixture(scope="module")
def linked(tmp_path_factory, corpus) -> Path:
    """A data folder with every table of the corpus ingested and linked once."""
    home = tmp_path_factory.mktemp("linked") / "home"
    for f in _tables(corpus):
        r = run_rollcall("ingest", str(f), home=home)
        assert r.code == 0, f"{f.name}: {r.err}"
    r = run_rollcall("link", "--json", home=home)
    assert r.code == 0, r.err
    return home


def _copy_home(src: Path, dst: Path) -> Path:
    shutil.copytree(src, dst)
    return dst


def _truth(corpus: Path) -> dict[tuple[str, int], str]:
    with open(corpus / "truth.csv", encoding="utf-8", newline="") as fh:
        return {(r["file"], int(r["row"])): r["person"] for r in csv.DictReader(fh)}


def _persons(home: Path) -> list[dict]:
    r = run_rollcall("persons", "--json", home=home)
    assert r.code == 0, r.err
    return r.jsonl()


def _person_of(persons: list[dict]) -> dict[tuple[str, int], str]:
    return {(rec["locator"]["file"], rec["locator"]["row"]): p["id"] for p in persons for rec in p["records"]}


def test_every_record_in_exactly_one_person_with_locators(linked, corpus):
    persons = _persons(linked)
    locs = [(rec["source"], rec["locator"]["row"]) for p in persons for rec in p["records"]]
    assert len(locs) == len(set(locs))
    truth = _truth(corpus)
    assert set(locs) == set(truth)
    for p in persons:
        assert p["id"].startswith("RC-") and len(p["id"]) == 8
        for n in p["names"]:
            assert n["original"] and n["script"] in {"latin", "arabic", "han", "cyrillic", "mixed"}
            assert n["source"]


def test_linkage_finds_the_people_behind_the_records(linked, corpus):
    from rollcall.people.metrics import bcubed, pairwise

    truth = _truth(corpus)
    predicted = _person_of(_persons(linked))
    pw = pairwise(predicted, truth)
    assert pw.precision >= 0.9 and pw.recall >= 0.8, pw
    assert bcubed(predicted, truth).f1 >= 0.9


def test_one_person_across_three_scripts(linked):
    scripts_per_person = [{n["script"] for n in p["names"]} for p in _persons(linked)]
    assert any({"latin", "arabic", "han"} <= s for s in scripts_per_person)


def test_person_page_shows_values_with_sources_and_conflicts(linked):
    persons = [p for p in _persons(linked) if len(p["records"]) >= 2]
    detail = run_rollcall("person", persons[0]["id"], "--json", home=linked).json()
    assert detail["id"] == persons[0]["id"]
    assert {r["locator"]["row"] for r in detail["records"]} == {r["locator"]["row"] for r in persons[0]["records"]}
    for values in detail["fields"].values():
        for v in values:
            assert v["sources"] and all(len(s["sha256"]) == 64 for s in v["sources"])
    for field in detail["conflicts"]:
        assert len(detail["fields"][field]) >= 2
    assert run_rollcall("person", "RC-NOONE", home=linked).code == 1


def test_public_ids_stable_across_reruns(linked, tmp_path):
    home = _copy_home(linked, tmp_path / "h")
    before = _person_of(_persons(home))
    assert run_rollcall("link", home=home).code == 0
    after = _person_of(_persons(home))
    assert before == after


def test_ids_stable_when_a_source_arrives_later(corpus, tmp_path):
    home = tmp_path / "h"
    tables = _tables(corpus)
    for f in tables[:-1]:
        assert run_rollcall("ingest", str(f), home=home).code == 0
    assert run_rollcall("link", home=home).code == 0
    before = _person_of(_persons(home))
    assert run_rollcall("ingest", str(tables[-1]), home=home).code == 0
    assert run_rollcall("link", home=home).code == 0
    after = _person_of(_persons(home))
    kept = sum(1 for loc, pid in before.items() if after[loc] == pid)
    assert kept / len(before) >= 0.97


def test_judgements_override_the_model_and_survive_reruns(linked, tmp_path):
    home = _copy_home(linked, tmp_path / "h")
    persons = _persons(home)
    together = next(p for p in persons if len(p["records"]) >= 2)
    a, b = together["records"][0]["record"], together["records"][1]["record"]
    r = run_rollcall("review", "judge", str(a), str(b), "different", "--reason", "different fathers in testimony",
                     "--json", home=home)
    assert r.code == 0, r.err
    x, y = persons[0]["records"][0]["record"], persons[1]["records"][0]["record"]
    assert run_rollcall("review", "judge", str(x), str(y), "same", "--reason", "same ID in a later list",
                        home=home).code == 0
    for _ in range(2):  # the verdicts hold on every re-run
        assert run_rollcall("link", home=home).code == 0
        of = {rec["record"]: p["id"] for p in _persons(home) for rec in p["records"]}
        assert of[a] != of[b]
        assert of[x] == of[y]
    merged = run_rollcall("person", of[x], "--json", home=home).json()
    assert any(e["kind"] in {"merged", "created", "split"} for e in merged["history"])


def test_judgement_needs_reason_and_real_records(linked):
    assert run_rollcall("review", "judge", "1", "2", "same", "--reason", " ", home=linked).code == 1
    bad = run_rollcall("review", "judge", "1", "99999999", "same", "--reason", "x", home=linked)
    assert bad.code == 1 and "99999999" in bad.err
    assert run_rollcall("review", "judge", "1", "2", "maybe", "--reason", "x", home=linked).code == 1


def test_review_queue_shows_both_records(linked):
    r = run_rollcall("review", "--json", "--limit", "5", home=linked)
    assert r.code == 0, r.err
    for pair in r.jsonl():
        assert 0 < pair["probability"] < 1
        assert {pair["a"], pair["b"]} == {rec["id"] for rec in pair["records"]}
        assert all(rec["statements"] for rec in pair["records"])


def test_spark_and_duckdb_agree(linked, tmp_path):
    pytest.importorskip("pyspark", reason="the optional spark extra is not installed")
    duck = _person_of(_persons(linked))
    home = _copy_home(linked, tmp_path / "spark")
    r = run_rollcall("link", "--engine", "spark", "--json", home=home)
    assert r.code == 0, r.err
    spark = _person_of(_persons(home))
    groups = lambda m: {frozenset(k for k, v in m.items() if v == pid) for pid in set(m.values())}  # noqa: E731
    same = groups(duck) & groups(spark)
    assert len(same) / len(groups(duck)) >= 0.98
