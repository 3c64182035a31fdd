"""Cross-script person search on generated corpora: recall, latency, throughput, index size and build time,
beside a baseline (rapidfuzz over anyascii-folded strings) in the same run.

    .venv/bin/python bench/search_bench.py --persons 10000 [--seed 1] [--queries 1000]
    .venv/bin/python bench/search_bench.py --corpus DIR --home DIR   # reuse a generated / ingested corpus

The registers (hanzi), status lists (hanzi) and the Uyghur-script list are ingested and indexed; the
testimony files are held out, and each query is a testimony's spelling of the missing person's name
(Latin, as a relative abroad writes it): a writing that no indexed record of that person uses. A query
counts as found at k when one of the first k results holds a record of that person (truth.csv). Linkage
is not run (at 1,000,000 persons it would dominate the run): every record is its own result, so a person
with two indexed records can fill two of the k places.

Two query sets: `name` (the testimony's name alone) and `name+details` (with --born when the testimony
gives a birth year, or an exact age with the date it was written, and --place from its hometown, as a
relative would add them).

Baseline: every indexed name folded with anyascii and lower-cased; the query folded the same way; rapidfuzz
`process.extract` with `fuzz.token_sort_ratio` (order-free) over all of them; top 10 records.
"""

from __future__ import annotations

import argparse
import csv
import json
import multiprocessing as mp
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

INDEXED_PREFIXES = ("register-", "status-list-", "uyghur-list")
TESTIMONY_FILES = ("testimonies.json", "testimonies.csv")


def rollcall(*args: str) -> str:
    """Run the rollcall CLI; its standard output."""
    return subprocess.run([sys.executable, "-m", "rollcall", *args], check=True, capture_output=True,
                          text=True).stdout


def indexed_files(corpus: Path) -> list[Path]:
    """The table files that go into the index (testimonies held out)."""
    return sorted(f for f in corpus.iterdir() if f.name.startswith(INDEXED_PREFIXES)
                  and f.suffix in (".csv", ".xlsx"))


def testimony_queries(corpus: Path) -> list[dict]:
    """One query per testimony: the missing person's name as written there, with the details given."""
    out = []
    items = json.loads((corpus / "testimonies.json").read_text(encoding="utf-8"))
    for n, item in enumerate(items, start=1):
        p = item["person"]
        out.append({"file": "testimonies.json", "row": n, "query": p["name"], "age": p["age"],
                    "place": p["hometown"], "submitted": item["submitted"]})
    with (corpus / "testimonies.csv").open(encoding="utf-8", newline="") as fh:
        for n, row in enumerate(csv.reader(fh), start=1):
            if n > 2:
                out.append({"file": "testimonies.csv", "row": n, "query": row[4], "age": row[7], "place": row[8],
                            "submitted": row[0]})
    return out


def born_of(age: str, submitted: str = "") -> int | None:
    """The birth year a relative would give: the one the testimony states ("born 1985", "born around
    1985"), or the year it was written less an exact age ("34"). A vague age ("about 34", "in his 30s")
    gives none: it can be further off than the search's tolerance of two years."""
    if m := re.search(r"\b(19\d\d|20[0-2]\d)\b", age or ""):
        return int(m.group(1))
    if re.fullmatch(r"\d{1,3}", (age or "").strip()) and re.match(r"\d{4}", submitted or ""):
        return int(submitted[:4]) - int(age)
    return None


def prepare(corpus: Path, home: Path) -> float:
    """Ingest the indexed files (not the testimonies); return the seconds it took."""
    from rollcall.generate.corpus import as_of_options

    start = time.perf_counter()
    for f in indexed_files(corpus):
        rollcall("--home", str(home), "ingest", str(f), *as_of_options(f.name))
    return time.perf_counter() - start


def index_size() -> dict[str, int]:
    """Bytes the search tables and their indexes take in the SQLite file."""
    from django.db import connection

    with connection.cursor() as cur:
        cur.execute("SELECT name, SUM(pgsize) FROM dbstat WHERE name LIKE 'search%' GROUP BY name")
        return dict(cur.fetchall())


def _worker(args: tuple[str, list[dict], bool]) -> list[tuple[float, list[list[int]]]]:
    home, specs, details = args
    from rollcall.home import open_home

    open_home(home, migrate=False)
    from rollcall.search.query import search

    out = []
    for s in specs:
        t = time.perf_counter()
        res = search(s["query"], limit=10, catch_up=False,
                     born=s.get("born") if details else None, place=s.get("place") if details else None)
        dt = time.perf_counter() - t
        out.append((dt, [[rec["record"] for rec in r["records"]] for r in res]))
    return out


def measure(home: Path, specs: list[dict], details: bool, where: dict[int, str]) -> dict:
    """Recall@1/@10 and latency in one process (caches as warm as one pass over the queries leaves them:
    the latencies are of that first pass, cold for every name not seen before); queries per second with
    two processes over the two halves of the queries."""
    answers = _worker((str(home), specs, details))
    lat = sorted(a[0] for a in answers)

    def found(s: dict, results: list[list[int]], k: int) -> bool:
        return any(where.get(rid) == s["person"] for recs in results[:k] for rid in recs)

    r1 = sum(found(s, a[1], 1) for s, a in zip(specs, answers, strict=True))
    r10 = sum(found(s, a[1], 10) for s, a in zip(specs, answers, strict=True))
    multi = [(s, a) for s, a in zip(specs, answers, strict=True) if len(s["query"].split()) >= 2]
    r10_multi = sum(found(s, a[1], 10) for s, a in multi) / max(len(multi), 1)
    half = len(specs) // 2
    ctx = mp.get_context("spawn")
    with ctx.Pool(2) as pool:
        pool.map(_worker, [(str(home), specs[:20], details)] * 2)  # start-up and warm-up outside the clock
        t = time.perf_counter()
        pool.map(_worker, [(str(home), specs[:half], details), (str(home), specs[half:], details)])
        wall = time.perf_counter() - t
    return {"recall@1": r1 / len(specs), "recall@10": r10 / len(specs), "r10_multi": r10_multi,
            "multi": len(multi), "p50_ms": statistics.median(lat) * 1000,
            "p95_ms": lat[int(0.95 * (len(lat) - 1))] * 1000, "qps_2": len(specs) / wall}


def baseline(entries: list[tuple[int, str]], specs: list[dict], where: dict[int, str]) -> dict:
    """rapidfuzz token_sort_ratio over anyascii-folded names: recall and latency."""
    from anyascii import anyascii
    from rapidfuzz import fuzz, process

    t = time.perf_counter()
    choices = [anyascii(o).lower() for _, o in entries]
    build = time.perf_counter() - t
    ids = [rid for rid, _ in entries]
    lat, r1, r10, r10_multi, multi = [], 0, 0, 0, 0
    for s in specs:
        t = time.perf_counter()
        hits = process.extract(anyascii(s["query"]).lower(), choices, scorer=fuzz.token_sort_ratio, limit=10)
        lat.append(time.perf_counter() - t)
        persons = [where.get(ids[i]) for _, _, i in hits]
        r1 += bool(persons[:1] and persons[0] == s["person"])
        r10 += s["person"] in persons
        if len(s["query"].split()) >= 2:
            multi += 1
            r10_multi += s["person"] in persons
    lat.sort()
    return {"recall@1": r1 / len(specs), "recall@10": r10 / len(specs), "r10_multi": r10_multi / max(multi, 1),
            "multi": multi, "p50_ms": statistics.median(lat) * 1000,
            "p95_ms": lat[int(0.95 * (len(lat) - 1))] * 1000, "qps_2": None, "build_s": build,
            "size": sum(len(c) for c in choices)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--persons", type=int, default=10000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--queries", type=int, default=1000)
    ap.add_argument("--baseline-queries", type=int, default=None,
                    help="Queries for the baseline (default: all; it scans every name per query)")
    ap.add_argument("--corpus", type=Path, help="A generated corpus to reuse")
    ap.add_argument("--home", type=Path, help="A data folder to reuse (the indexed files already ingested)")
    args = ap.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="search-bench-"))
    corpus = args.corpus or tmp / "corpus"
    if args.corpus is None:
        rollcall("generate", str(corpus), "--persons", str(args.persons), "--seed", str(args.seed))
    home = args.home or tmp / "home"
    ingest_s = None
    if args.home is None:
        ingest_s = prepare(corpus, home)

    from rollcall.home import open_home

    open_home(home)
    from rollcall.records.models import Record
    from rollcall.search import index
    from rollcall.search.models import NameEntry

    t = time.perf_counter()
    built = index.rebuild()
    build_s = time.perf_counter() - t
    sizes = index_size()
    with (corpus / "truth.csv").open(encoding="utf-8", newline="") as fh:
        truth = {(r["file"], int(r["row"])): r["person"] for r in csv.DictReader(fh)}
    where = {rid: truth.get((f, row)) for rid, f, row in
             Record.objects.values_list("id", "source__item__original_name", "row")}
    indexed_persons = set(where.values())
    from rollcall import places

    specs = []
    for q in testimony_queries(corpus):
        person = truth.get((q["file"], q["row"]))
        if q["query"] and person in indexed_persons:
            place = q["place"] if q["place"] and any(c.confidence >= 0.6 for c in places.resolve(q["place"]))\
                else None  # a hometown the gazetteer cannot place is left out, as a searcher would
            specs.append({"query": q["query"], "person": person, "born": born_of(q["age"], q["submitted"]),
                          "place": place})
    random.Random(args.seed).shuffle(specs)
    specs = specs[: args.queries]
    entries = list(NameEntry.objects.order_by("id").values_list("record_id", "name__text"))
    from django.db import connections

    connections.close_all()

    rows = []
    for label, details in (("name", False), ("name+details", True)):
        rows.append((f"rollcall {label}", measure(home, specs, details, where)))
    base_specs = specs[: args.baseline_queries] if args.baseline_queries else specs
    rows.append(("baseline rapidfuzz+anyascii", baseline(entries, base_specs, where)))

    readme = (corpus / "README.txt").read_text(encoding="utf-8")
    persons = int(m.group(1)) if (m := re.search(r"--persons (\d+)", readme)) else args.persons
    print(f"search bench: {persons:,} persons (seed {args.seed}), {built.records:,} indexed records, "
          f"{built.entries:,} name entries, {built.names:,} distinct names, {built.keys:,} keys; {len(specs)} queries "
          f"(baseline {len(base_specs)}); cores {os.cpu_count()}")
    if ingest_s is not None:
        print(f"ingest of the indexed files: {ingest_s:.1f} s (not part of the index build)")
    print(f"index build (from scratch): {build_s:.1f} s; index size {sum(sizes.values()) / 2**20:.1f} MiB "
          + ", ".join(f"{k} {v / 2**20:.1f}" for k, v in sorted(sizes.items())))
    print(f"baseline build (fold every name): {rows[-1][1]['build_s']:.1f} s, "
          f"{rows[-1][1]['size'] / 2**20:.1f} MiB of folded text in memory")
    print()
    print(f"{'method':32} {'recall@1':>9} {'recall@10':>10} {'r@10 2+ parts':>14} {'p50 ms':>8} {'p95 ms':>8} "
          f"{'q/s (2 proc)':>13}")
    for label, m in rows:
        qps = f"{m['qps_2']:.1f}" if m["qps_2"] else "-"
        print(f"{label:32} {m['recall@1']:9.3f} {m['recall@10']:10.3f} {m['r10_multi']:14.3f} {m['p50_ms']:8.1f} "
              f"{m['p95_ms']:8.1f} {qps:>13}")
    print(f"(r@10 2+ parts: the {rows[0][1]['multi']} queries of two or more name parts; the rest are a given "
          "name alone)")
    ours, base = rows[0][1], rows[-1][1]
    print()
    print(f"ratio rollcall name / baseline: recall@10 {ours['recall@10'] / max(base['recall@10'], 1e-9):.2f}x, "
          f"p95 latency {ours['p95_ms'] / base['p95_ms']:.2f}x")


if __name__ == "__main__":
    main()
