"""Facility merge on the two real datasets: how the proximity radius changes the registry, against the
baseline of cross-references alone (radius 0), and how long reading and merging take.

Run: .venv/bin/python bench/facilities_bench.py
"""

from __future__ import annotations

import hashlib
import time
from pathlib import Path

from rollcall.places.facilities import read_facilities
from rollcall.places.facilities_merge import merge

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "facilities"
FILES = (("aspi_xjdp_2020-09_v1.csv", "aspi"), ("buzzfeed_2021-07-20_all_locations.tsv", "buzzfeed"))


def main() -> None:
    rows = []
    t = time.perf_counter()
    for name, fmt in FILES:
        data = (DATA / name).read_bytes()
        rows += read_facilities(data, fmt, sha256=hashlib.sha256(data).hexdigest(), file=name)[0]
    read_s = time.perf_counter() - t
    print(f"rows read: {len(rows)} in {read_s:.2f} s (county resolution included, first call builds the index)")
    print()
    print(f"{'radius m':>9}{'facilities':>12}{'in both':>9}{'by ASPI #':>11}{'by Shawn/ETNAM':>16}{'by proximity':>14}"
          f"{'unfollowed':>12}{'merge s':>9}")
    baseline = None
    for radius in (0.0, 25.0, 50.0, 100.0, 200.0, 500.0):
        t = time.perf_counter()
        facilities, links = merge(rows, radius_m=radius if radius else 1e-9)
        spent = time.perf_counter() - t
        both = sum(1 for f in facilities if len({r.source for r in f.rows}) > 1)
        joined = [lk for lk in links if lk.merged and not lk.note]
        by = {k: sum(1 for lk in joined if lk.kind == k) for k in ("aspi_number", "shawn_number", "etnam", "proximity")}
        unfollowed = sum(1 for lk in links if not lk.merged)
        label = f"{radius:>9.0f}" if radius else f"{'0 (base)':>9}"
        print(f"{label}{len(facilities):>12}{both:>9}{by['aspi_number']:>11}{by['shawn_number'] + by['etnam']:>16}"
              f"{by['proximity']:>14}{unfollowed:>12}{spent:>9.3f}")
        if baseline is None:
            baseline = both
    print()
    print(f"baseline (cross-references only): {baseline} facilities in both datasets")


if __name__ == "__main__":
    main()
