"""Place resolution accuracy and speed: `rollcall.places.resolve` beside a naive baseline (exact lookup of
the text as written against every writing in the gazetteer), on the same queries, in the same run.

    .venv/bin/python bench/places_resolve.py [--seed 7]

Query sets, each with a known answer:
- generated from every current Xinjiang county-level unit: each writing as stored, then as people type
  it (lower case, tones added to pinyin, generic part dropped, Latin letters swapped x/sh, q/k, e/a,
  a fictional township + county + prefecture address in Chinese, Uyghur and English);
- real: every (prefecture, county) pair of the ASPI facility dataset (../shared/data), the county
  resolved within the resolved prefecture (answer: any unit inside that prefecture, since the dataset
  has no codes), reported as coverage.
Prints a table of top-1 accuracy (and, for resolve, the answer among its 5 candidates: bare 'Hotan' is a
prefecture, a city and a county, and only one can come first) and queries per second for both.
"""

from __future__ import annotations

import argparse
import csv
import random
import time
from collections.abc import Callable
from pathlib import Path

from pypinyin import Style, lazy_pinyin

from rollcall.places import all_places, get, lineage, resolve
from rollcall.places.index import writings

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data" / "facilities" / "aspi_xjdp_2020-09_v1.csv"
REPEAT = 5
SWAPS = (("sh", "x"), ("x", "sh"), ("q", "k"), ("k", "q"), ("e", "a"), ("a", "e"), ("gh", "g"))


def naive_resolver() -> Callable[[str], str | None]:
    """The baseline: a dict from each stored writing, exactly as written, to its first place."""
    table: dict[str, str] = {}
    for place in all_places():
        for text, _ in writings(place):
            table.setdefault(text, place.code)
    return lambda text: [table[text.strip()]] if text.strip() in table else []


def generated_queries(rng: random.Random) -> dict[str, list[tuple[str, str]]]:
    """Query sets of (text, answer code) derived from the gazetteer, by kind of variation."""
    sets: dict[str, list[tuple[str, str]]] = {k: [] for k in (
        "as stored", "lower case", "pinyin with tones", "generic part dropped", "Latin letters swapped",
        "address (Chinese)", "address (Uyghur)", "address (English)")}
    units = [p for p in all_places()
             if p.code.startswith("65") and p.level == "county" and p.valid_to is None]
    for place in units:
        prefecture = get(place.parent)
        names = [place.name_zh, place.name_ug, place.name_uly, *place.english]
        for name in filter(None, names):
            sets["as stored"].append((name, place.code))
        for name in filter(None, (place.name_uly, *place.english)):
            sets["lower case"].append((name.lower(), place.code))
        toned = lazy_pinyin(place.name_zh, style=Style.TONE)
        if "".join(lazy_pinyin(place.name_zh)) == "".join(c for c in place.pinyin.lower() if c.isalpha()):
            sets["pinyin with tones"].append((" ".join(toned), place.code))  # only where pypinyin reads right
        for name in filter(None, (place.name_zh, place.name_ug, place.name_uly)):
            stripped = name
            for suffix in ("县", "市", "区", " ناھىيىسى", " شەھىرى", " رايونى",
                           " Nahiyisi", " Shehiri", " Rayoni"):
                if name.endswith(suffix) and len(name) > len(suffix) + 1:
                    stripped = name[: -len(suffix)]
                    break
            sets["generic part dropped"].append((stripped, place.code))
        for name in place.english[:2]:
            lower = name.lower()
            options = [(a, b) for a, b in SWAPS if a in lower]
            if options:
                a, b = rng.choice(options)
                sets["Latin letters swapped"].append((lower.replace(a, b, 1).title(), place.code))
        town = rng.choice(["红星镇", "幸福乡", "团结乡"])  # fictional township names
        if prefecture is not None:
            village = f"{town}{rng.randint(1, 30)}村"
            address = f"新疆{prefecture.name_zh}{place.name_zh}{village}"
            sets["address (Chinese)"].append((address, place.code))
            if place.name_ug and prefecture.name_ug:
                sets["address (Uyghur)"].append((f"{prefecture.name_ug} {place.name_ug} بەختلىك يېزىسى",
                                                 place.code))
            with_kind = [e for e in place.english if e.split(" ")[-1] in ("County", "City", "District")]
            if with_kind and prefecture.english:
                sets["address (English)"].append(
                    (f"Bextlik township, {with_kind[0]}, {prefecture.english[0]}, Xinjiang", place.code))
    return sets


def measure(resolver: Callable[[str], list[str]],
            queries: list[tuple[str, str]]) -> tuple[float, float, float]:
    """Top-1 accuracy, answer-among-the-candidates rate, and queries per second (best of REPEAT runs,
    since a dict lookup takes about a microsecond and one run is mostly noise)."""
    elapsed = float("inf")
    for _ in range(REPEAT):
        start = time.perf_counter()
        answers = [(resolver(text), code) for text, code in queries]
        elapsed = min(elapsed, time.perf_counter() - start)
    top1 = sum(1 for got, code in answers if got[:1] == [code]) / len(queries)
    anywhere = sum(1 for got, code in answers if code in got) / len(queries)
    return top1, anywhere, len(queries) / elapsed if elapsed else float("inf")


def ours(text: str) -> list[str]:
    """Codes of resolve's candidates (at most 5), best first."""
    return [c.place.code for c in resolve(text, limit=5)]


def best(resolver: Callable[[str], list[str]]) -> Callable[[str], str | None]:
    return lambda text: next(iter(resolver(text)), None)


def aspi_coverage(resolver: Callable[[str], str | None]) -> tuple[int, int]:
    """(pairs whose county resolves inside its resolved prefecture, all pairs) in the ASPI dataset."""
    with SHARED.open(encoding="utf-8", newline="") as handle:
        pairs = sorted({(r["Prefecture"].strip(), r["County"].strip()) for r in csv.DictReader(handle)})
    good = 0
    for prefecture, county in pairs:
        scope, code = resolver(prefecture), resolver(county)
        if scope and code and scope in {p.code for p in lineage(code)}:
            good += 1
    return good, len(pairs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    start = time.perf_counter()
    resolve("warm up")  # builds the index once, as the first call of a process does
    build = time.perf_counter() - start
    naive = naive_resolver()
    sets = generated_queries(random.Random(args.seed))
    print(f"index build (first call): {build:.2f} s")
    print(f"{'query set':28} {'n':>5} {'naive top1':>10} {'resolve top1':>12} {'resolve top5':>12} "
          f"{'naive q/s':>10} {'resolve q/s':>11}")
    total: list[tuple[str, str]] = []
    for name, queries in [*sets.items(), ("all generated", None)]:
        queries = queries if queries is not None else total
        if name != "all generated":
            total = total + queries
        naive_top1, _, naive_qps = measure(naive, queries)
        our_top1, our_any, our_qps = measure(ours, queries)
        print(f"{name:28} {len(queries):5d} {naive_top1:10.1%} {our_top1:12.1%} {our_any:12.1%} "
              f"{naive_qps:10.0f} {our_qps:11.0f}")
    if SHARED.is_file():
        n_good, n = aspi_coverage(best(naive))
        o_good, _ = aspi_coverage(best(ours))
        print(f"{'ASPI prefecture/county pairs':28} {n:5d} {n_good / n:10.1%} {o_good / n:12.1%}")
    print(f"speed ratio resolve/naive on all generated: {our_qps / naive_qps:.4f}")


if __name__ == "__main__":
    main()
