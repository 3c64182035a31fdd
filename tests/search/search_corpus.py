"""Helpers: a generated corpus ingested source by source into one data folder, for the search tests.

The testimony files are held out of the index: their spellings are the queries, as relatives abroad
would type them. Everything runs through the real CLI.
"""

from __future__ import annotations

import csv
import json
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import openpyxl

from cli_run import run_rollcall

PERSONS = 150
SEED = 20261122
INDEXED = ("register-2019-gbk.csv", "status-list-2019.xlsx", "uyghur-list.csv")
HELD_OUT = ("testimonies.json", "testimonies.csv")


@dataclass
class Corpus:
    """The generated files, the data folder they went into, and every writing of every person's name."""

    dir: Path
    home: Path
    truth: dict[tuple[str, int], str]
    # person -> writing kind -> names written that way
    writings: dict[str, dict[str, set[str]]] = field(default_factory=lambda: defaultdict(lambda: defaultdict(set)))
    indexed_persons: set[str] = field(default_factory=set)
    testifiers: list[tuple[int, str]] = field(default_factory=list)  # (testimonies.json row, testifier name)

    def persons_of(self, result: dict) -> set[str]:
        """The generated persons whose records a search result stands for."""
        return {self.truth[(r["file"], r["row"])] for r in result["records"] if (r["file"], r["row"]) in self.truth}


def _csv_rows(path: Path, encoding: str) -> list[tuple[int, list[str]]]:
    with path.open(encoding=encoding, newline="") as fh:
        return [(n, row) for n, row in enumerate(csv.reader(fh), start=1) if n > 2]


def _passport(hanzi: str) -> str:
    """A Chinese passport's pinyin of a transcribed name: each part's syllables run together."""
    from pypinyin import lazy_pinyin

    parts = [p for p in hanzi.replace("‧", "·").replace("．", "·").replace("•", "·").split("·") if p]
    return " ".join("".join(lazy_pinyin(p)).capitalize() for p in parts)


def read_writings(c: Corpus) -> None:
    """Every name of every generated person as each file writes it, keyed by the truth file."""
    for n, row in _csv_rows(c.dir / "register-2019-gbk.csv", "gbk"):
        pid = c.truth[("register-2019-gbk.csv", n)]
        c.writings[pid]["hanzi"].add(row[1])
        c.writings[pid]["passport pinyin"].add(_passport(row[1]))
    ws = openpyxl.load_workbook(c.dir / "status-list-2019.xlsx", read_only=True).active
    for n, row in enumerate(ws.iter_rows(values_only=True), start=1):
        if n > 2 and row[1]:
            pid = c.truth[("status-list-2019.xlsx", n)]
            c.writings[pid]["hanzi"].add(row[1])
            c.writings[pid]["passport pinyin"].add(_passport(row[1]))
    for n, row in _csv_rows(c.dir / "uyghur-list.csv", "utf-8"):
        c.writings[c.truth[("uyghur-list.csv", n)]]["arabic"].add(row[1])
    for n, row in _csv_rows(c.dir / "testimonies.csv", "utf-8"):
        pid = c.truth[("testimonies.csv", n)]
        c.writings[pid]["testimony latin"].update(x for x in (row[4], row[5]) if x)
    items = json.loads((c.dir / "testimonies.json").read_text(encoding="utf-8"))
    for n, item in enumerate(items, start=1):
        pid = c.truth[("testimonies.json", n)]
        c.writings[pid]["testimony latin"].update(x for x in (item["person"]["name"],
                                                              item["person"]["passport_name"]) if x)
        c.testifiers.append((n, item["testifier"]["name"]))
    c.indexed_persons = {p for (f, _), p in c.truth.items() if f in INDEXED}


def build(base: Path) -> Corpus:
    """The corpus, its first three sources ingested one at a time (the index catching up after each), linked."""
    out, home = base / "corpus", base / "home"
    r = run_rollcall("generate", str(out), "--persons", str(PERSONS), "--seed", str(SEED), "--json")
    assert r.code == 0, r.err
    with (out / "truth.csv").open(encoding="utf-8") as fh:
        truth = {(row["file"], int(row["row"])): row["person"] for row in csv.DictReader(fh)}
    c = Corpus(out, home, truth)
    for name in INDEXED:
        r = run_rollcall("ingest", str(out / name), "--json", home=home)
        assert r.code == 0, r.err
        r = run_rollcall("search", "Tursun", "--json", home=home)  # a search brings the index up to date
        assert r.code == 0, r.err
    r = run_rollcall("link", "--json", home=home)
    assert r.code == 0, r.err
    read_writings(c)
    return c
