"""Cross-script person search on generated corpora: recall, latency, throughput, index size and build time,
beside a baseline (rapidfuzz over anyascii-folded strings) in the same run.

    .venv/bin/python bench/search_bench.py --persons 10000 [--seed 1] [--queries 1000]
    .venv/bin/python bench/search_bench.py --corpus DIR --home DIR   # reuse a generated / ingested corpus

The registers (hanzi), status lists (hanzi) and the Uyghur-script list are ingested and indexed; the
testimony files are held out, and each query is a testimony's spelling of the missing person's name
(Latin, as a relative abroad writes it): a writing that no indexed record of that person uses. A query
counts as found at k when one of the first k results holds a record of that person (truth.csv). Linkage
is run only with `--link` (or when the data folder was linked before): otherwise every record is its own
result, so a person with two indexed records can fill two of the k places.

Seven query sets: `name` (the testimony's name alone); `name+details` (with --born from the age the testimony
gives, read against the date it was written: "born 1985" as 1985, "born around 1985" as 1983-1987, "34" as the
two years it allows, "about 34" and "in his 30s" as the ranges they allow; and --place from its hometown, as a
relative would add them); `name+details+father`, which adds --father when the testifier is a brother or sister
(a sibling's second name is their shared father's given name, so the testimony itself says it); and
`name+details+father+detention`, which adds what the testimony says of the detention: --detained from its
account ("taken to a camp in 2017", "arrested in March 2018") narrowed by the last contact ("last contact
March 2017": taken in the months after), as Rollcall reads a testimony, --sentence from "sentenced to 10
years", and --status from what it says became of them ("released in 2019", "died in custody", "sentenced").
`public name`, `public name+details` and `public name+details+detention` are the same in public mode (the last
without --father), as the web app and the public API search: narrowed and ranked on stated birth dates, places
and detention facts (stated dates, sentences, statuses) only, never on what an ID number, an address or the
notes say (registers in characters state few), and a name that reads as a place refused (counted as not
found).

With `--link`, or a data folder already linked, results are persons (linkage's groups): a person then takes
one of the k places, however many records it has. `strict` counts a result only when most of its records
are the sought person's (a wrongly merged group does not count as finding everyone in it).

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
        p, w = item["person"], item["testifier"]
        out.append({"file": "testimonies.json", "row": n, "query": p["name"], "age": p["age"],
                    "place": p["hometown"], "submitted": item["submitted"],
                    "father": father_of(w["name"], w["relation"]), "what": item["what_happened"],
                    "contact": p["last_contact"]})
    with (corpus / "testimonies.csv").open(encoding="utf-8", newline="") as fh:
        for n, row in enumerate(csv.reader(fh), start=1):
            if n > 2:
                out.append({"file": "testimonies.csv", "row": n, "query": row[4], "age": row[7], "place": row[8],
                            "submitted": row[0], "father": father_of(row[1], row[2]), "what": row[10],
                            "contact": row[9]})
    return out


def father_of(testifier: str, relation: str) -> str | None:
    """The missing person's father's given name where the testimony says it: a brother's or sister's own
    second name (siblings share their father's)."""
    parts = testifier.split()
    return parts[1] if relation in ("brother", "sister") and len(parts) == 2 else None


def detention_of(what: str, contact: str = "") -> tuple[str | None, str | None, str | None]:
    """When the person was taken, the years of a sentence and what became of them, as the testimony tells
    them, for --detained, --sentence and --status: its account ("taken to a camp in 2017", "arrested in March
    2018", "sentenced to 10 years") narrowed by the last contact (the detention began in the months after it),
    read as Rollcall reads a testimony (`people.detention`), and written as a relative would type it ("2017",
    "2018-03", "2017-03..2017-09")."""
    from rollcall.people.detention import detention_began, outcome

    cells = {"notes": (what or "", None, None), "last_contact": (contact or "", None, None)}
    lo, hi = detention_began(cells)
    kind, _, sentence = outcome({"notes": cells["notes"]})
    years = str(sentence) if sentence else None
    if lo is None or hi is None:
        return None, years, kind
    (y0, m0), (y1, m1) = divmod(lo, 12), divmod(hi, 12)
    when = f"{y0}" if (m0, m1, y0) == (0, 11, y1) else f"{y0}-{m0 + 1:02d}" if lo == hi else \
        f"{y0}-{m0 + 1:02d}..{y1}-{m1 + 1:02d}"
    return when, years, kind


def born_of(age: str, submitted: str = "") -> str | None:
    """The birth years a relative would give, as `--born` reads them: the year the testimony states ("born
    1985"), "around 1985" as written, or the years an age allows at the date the testimony was written
    (an exact "34" two years, "about 34" and "in his 30s" the ranges they allow); None for no age."""
    text = (age or "").strip()
    if m := re.fullmatch(r"born\s+(around\s+)?((?:19|20)\d\d)", text):
        return f"around {m[2]}" if m[1] else m[2]
    from rollcall.records.normalise import age as read_age

    if not (ages := read_age(text)) or not re.match(r"\d{4}", submitted or ""):
        return None
    lo, _, hi = ages.partition("-")
    year = int(submitted[:4])
    return f"{year - int(hi or lo) - 1}-{year - int(lo)}"


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


# (label, options given, public mode): the public sets are the web app's search, which narrows on stated
# birth dates and places only (never what an ID number encodes) and shows public fields only
QUERY_SETS = (("name", (), False), ("name+details", ("born", "place"), False),
              ("name+details+father", ("born", "place", "father"), False),
              ("name+details+father+detention", ("born", "place", "father", "detained", "sentence", "status"),
               False),
              ("public name", (), True), ("public name+details", ("born", "place"), True),
              ("public name+details+detention", ("born", "place", "detained", "sentence", "status"), True))


def _worker(args: tuple[str, list[dict], tuple[str, ...], bool]) -> list[tuple[float, list[list[int]]]]:
    home, specs, details, public = args
    from rollcall.home import open_home

    open_home(home, migrate=False)
    from rollcall.errors import InputError
    from rollcall.search.query import search

    out = []
    for s in specs:
        t = time.perf_counter()
        try:
            res = search(s["query"], limit=10, catch_up=False, public=public, **{k: s.get(k) for k in details})
        except InputError:  # a public search refuses a name that reads as a place: nothing found
            res = []
        dt = time.perf_counter() - t
        out.append((dt, [[rec["record"] for rec in r["records"]] for r in res] if not public else
                    _records_of_results(res)))
    return out


def _records_of_results(results: list[dict]) -> list[list[int]]:
    """The records each public result stands for (public results name a person, not its records)."""
    from rollcall.search.query import _records_of

    members = _records_of([r["id"] for r in results if not r["id"].startswith("record:")])
    return [[int(r["id"].split(":")[1])] if r["id"].startswith("record:") else sorted(members.get(r["id"], ()))
            for r in results]


def measure(home: Path, specs: list[dict], details: tuple[str, ...], where: dict[int, str], public: bool = False,
            ) -> dict:
    """Recall@1/@10 and latency in one process (caches as warm as one pass over the queries leaves them:
    the latencies are of that first pass, cold for every name not seen before); queries per second with
    two processes over the two halves of the queries."""
    answers = _worker((str(home), specs, details, public))
    lat = sorted(a[0] for a in answers)

    def found(s: dict, results: list[list[int]], k: int) -> bool:
        return any(where.get(rid) == s["person"] for recs in results[:k] for rid in recs)

    def found_strict(s: dict, results: list[list[int]], k: int) -> bool:
        return any(2 * sum(where.get(rid) == s["person"] for rid in recs) > len(recs) for recs in results[:k])

    r1 = sum(found(s, a[1], 1) for s, a in zip(specs, answers, strict=True))
    r10 = sum(found(s, a[1], 10) for s, a in zip(specs, answers, strict=True))
    r10_strict = sum(found_strict(s, a[1], 10) for s, a in zip(specs, answers, strict=True))
    sizes = [len(recs) for a in answers for recs in a[1]]
    multi = [(s, a) for s, a in zip(specs, answers, strict=True) if len(s["query"].split()) >= 2]
    r10_multi = sum(found(s, a[1], 10) for s, a in multi) / max(len(multi), 1)
    half = len(specs) // 2
    ctx = mp.get_context("spawn")
    with ctx.Pool(2) as pool:
        pool.map(_worker, [(str(home), specs[:20], details, public)] * 2)  # start-up and warm-up outside the clock
        t = time.perf_counter()
        pool.map(_worker, [(str(home), specs[:half], details, public), (str(home), specs[half:], details, public)])
        wall = time.perf_counter() - t
    return {"recall@1": r1 / len(specs), "recall@10": r10 / len(specs), "r10_multi": r10_multi,
            "r10_strict": r10_strict / len(specs), "records_per_result": sum(sizes) / max(len(sizes), 1),
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
            "r10_strict": r10 / len(specs), "records_per_result": 1.0, "multi": multi,
            "p50_ms": statistics.median(lat) * 1000,
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
    ap.add_argument("--link", action="store_true", help="Run `rollcall link` first: results are then persons")
    args = ap.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="search-bench-"))
    corpus = args.corpus or tmp / "corpus"
    if args.corpus is None:
        rollcall("generate", str(corpus), "--persons", str(args.persons), "--seed", str(args.seed))
    home = args.home or tmp / "home"
    ingest_s = None
    if args.home is None:
        ingest_s = prepare(corpus, home)
    link_s = None
    if args.link:
        t = time.perf_counter()
        rollcall("--home", str(home), "link")
        link_s = time.perf_counter() - t

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
            detained, sentence, status = detention_of(q["what"], q["contact"])
            specs.append({"query": q["query"], "person": person, "born": born_of(q["age"], q["submitted"]),
                          "place": place, "father": q["father"], "detained": detained, "sentence": sentence,
                          "status": status})
    random.Random(args.seed).shuffle(specs)
    specs = specs[: args.queries]
    entries = list(NameEntry.objects.order_by("id").values_list("record_id", "name__text"))
    from django.db import connections

    from rollcall.people.models import Membership

    linked = Membership.objects.count()
    connections.close_all()
    rows = []
    for label, details, public in QUERY_SETS:
        rows.append((f"rollcall {label}", measure(home, specs, details, where, public)))
    base_specs = specs[: args.baseline_queries] if args.baseline_queries else specs
    rows.append(("baseline rapidfuzz+anyascii", baseline(entries, base_specs, where)))

    readme = (corpus / "README.txt").read_text(encoding="utf-8")
    persons = int(m.group(1)) if (m := re.search(r"--persons (\d+)", readme)) else args.persons
    print(f"search bench: {persons:,} persons (seed {args.seed}), {built.records:,} indexed records, "
          f"{built.entries:,} name entries, {built.names:,} distinct names, {built.keys:,} keys; {len(specs)} queries "
          f"(baseline {len(base_specs)}); cores {os.cpu_count()}")
    if ingest_s is not None:
        print(f"ingest of the indexed files: {ingest_s:.1f} s (not part of the index build)")
    if link_s is not None:
        print(f"rollcall link: {link_s:.1f} s")
    print(f"results: {'persons (' + format(linked, ',') + ' records linked)' if linked else 'records (not linked)'}; "
          f"queries with --born {sum(bool(s['born']) for s in specs)}, --place {sum(bool(s['place']) for s in specs)}, "
          f"--father {sum(bool(s['father']) for s in specs)}, --detained {sum(bool(s['detained']) for s in specs)}, "
          f"--sentence {sum(bool(s['sentence']) for s in specs)}, "
          f"--status {sum(bool(s['status']) for s in specs)}")
    print(f"index build (from scratch): {build_s:.1f} s; index size {sum(sizes.values()) / 2**20:.1f} MiB "
          + ", ".join(f"{k} {v / 2**20:.1f}" for k, v in sorted(sizes.items())))
    print(f"baseline build (fold every name): {rows[-1][1]['build_s']:.1f} s, "
          f"{rows[-1][1]['size'] / 2**20:.1f} MiB of folded text in memory")
    print()
    print(f"{'method':32} {'recall@1':>9} {'recall@10':>10} {'r@10 strict':>12} {'r@10 2+ parts':>14} "
          f"{'rec/result':>11} {'p50 ms':>8} {'p95 ms':>8} {'q/s (2 proc)':>13}")
    for label, m in rows:
        qps = f"{m['qps_2']:.1f}" if m["qps_2"] else "-"
        print(f"{label:32} {m['recall@1']:9.3f} {m['recall@10']:10.3f} {m['r10_strict']:12.3f} "
              f"{m['r10_multi']:14.3f} {m['records_per_result']:11.2f} {m['p50_ms']:8.1f} {m['p95_ms']:8.1f} {qps:>13}")
    print(f"(r@10 2+ parts: the {rows[0][1]['multi']} queries of two or more name parts; the rest are a given "
          "name alone)")
    ours, base = rows[0][1], rows[-1][1]
    print()
    print(f"ratio rollcall name / baseline: recall@10 {ours['recall@10'] / max(base['recall@10'], 1e-9):.2f}x, "
          f"p95 latency {ours['p95_ms'] / base['p95_ms']:.2f}x")


if __name__ == "__main__":
    main()
