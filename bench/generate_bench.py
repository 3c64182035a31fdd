"""Benchmark `rollcall generate`: wall time, persons/s and peak memory at several sizes.

Baseline (same run, same machine): a bare `csv.writer` writing the same number of records as the
corpus has, each a row of 11 constant strings, into one file; the ratio (wall time over baseline wall time)
says what the realism costs over just writing that many rows. Each measurement runs in its own process, so
peak RSS is its own; CPU seconds include the second writer process, and `load` is the 1-minute load
average when the row finished (these machines are shared: wall time grows with load, CPU time much less).

    .venv/bin/python bench/generate_bench.py                 # 10,000 and 100,000 persons
    .venv/bin/python bench/generate_bench.py --sizes 1000000 # the issue's target size
    .venv/bin/python bench/generate_bench.py --sizes 1000000 --keep C1M   # and keep that corpus
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BASELINE = """
import csv, sys
n = int(sys.argv[1])
row = ["1", "阿不都拉·艾尔肯", "男", "维吾尔族", "653125193710097493",
       "新疆维吾尔自治区喀什地区莎车县巴仁乡6村2组168号", "65312557518948", "户主", "艾尔肯", "2017-05-12",
       "职业技能教育培训"]
with open(sys.argv[2], "w", encoding="utf-8", newline="") as f:
    w = csv.writer(f)
    for _ in range(n):
        w.writerow(row)
"""


def _measure(cmd: list[str]) -> tuple[float, float, float, str]:
    """Run a command; return (wall seconds, CPU seconds incl. its child processes, peak RSS MiB, stdout)."""
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    out = proc.stdout.read()
    err = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - started
    if status != 0:
        sys.exit(f"failed: {' '.join(cmd)}\n{err}")
    return seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep", type=Path, help="Keep the largest corpus here (for the linkage and search benches).")
    args = parser.parse_args()
    rollcall = [sys.executable, "-m", "rollcall"]
    print(f"{'persons':>9} {'records':>9} {'wall s':>7} {'cpu s':>7} {'persons/s':>10} {'peak MiB':>9} "
          f"{'baseline s':>10} {'ratio':>6} {'load':>5}")
    for size in args.sizes:
        work = Path(tempfile.mkdtemp(prefix="rollcall-genbench-"))
        try:
            seconds, cpu, rss, out = _measure([*rollcall, "generate", str(work / "corpus"), "--persons", str(size),
                                          "--seed", str(args.seed), "--json"])
            records = json.loads(out)["total_records"]
            base_s, _, _, _ = _measure([sys.executable, "-c", BASELINE, str(records), str(work / "baseline.csv")])
            if args.keep and size == max(args.sizes):
                shutil.move(str(work / "corpus"), str(args.keep))
        finally:
            shutil.rmtree(work, ignore_errors=True)
        print(f"{size:>9,} {records:>9,} {seconds:>7.1f} {cpu:>7.1f} {size / seconds:>10,.0f} {rss:>9.0f} "
              f"{base_s:>10.2f} {seconds / base_s:>6.1f} {os.getloadavg()[0]:>5.1f}", flush=True)


if __name__ == "__main__":
    main()
