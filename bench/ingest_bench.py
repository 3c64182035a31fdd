"""Ingest speed and memory: `rollcall ingest` of a generated N-row, 12-column CSV with Chinese headers,
beside a plain sqlite3 `executemany` load of the same rows into one table, in the same run.

    .venv/bin/python bench/ingest_bench.py --rows 1000000

Prints a table: rows/s, wall seconds and peak RSS of each, and the ratio. All people are fictional.
"""

from __future__ import annotations

import argparse
import csv
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from stdnum.cn import ric

HEADERS = ["序号", "姓名", "性别", "民族", "出生日期", "身份证号", "户籍地址", "职业", "羁押开始时间",
           "羁押场所", "羁押原因", "备注"]
GIVEN = ["吐尔逊", "买买提", "艾力", "阿不都热依木", "古丽", "热依拉", "阿依古丽", "努尔兰", "帕提古丽", "艾合买提"]
PLACES = ["新疆喀什地区疏附县", "新疆和田地区墨玉县", "新疆喀什地区英吉沙县", "新疆伊犁州特克斯县"]
FACILITIES = ["疏附县职业技能教育培训中心", "墨玉县看守所", "英吉沙县拘留所"]


def _id_number(rng: random.Random, county: str, year: int) -> str:
    """A well-formed fictional ID number; about 2% carry a typing error, as real registers do."""
    first17 = f"{county}{year}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}{rng.randint(0, 999):03d}"
    number = first17 + ric.calc_check_digit(first17 + "0")
    if rng.random() < 0.02:
        i = rng.randrange(17)
        number = number[:i] + str((int(number[i]) + 1) % 10) + number[i + 1:]
    return number


def write_csv(path: Path, rows: int, seed: int = 7) -> None:
    """A register-like CSV of fictional people (UTF-8, Chinese headers, 12 columns); villages repeat as in
    a county's register, ID numbers are unique."""
    rng = random.Random(seed)
    villages = [f"{place}{rng.choice(GIVEN)}村{n}组" for place in PLACES for n in range(1, 200)]
    with open(path, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(HEADERS)
        for i in range(1, rows + 1):
            year = rng.randint(1940, 2002)
            w.writerow([i, f"{rng.choice(GIVEN)}·{rng.choice(GIVEN)}", rng.choice("男女"), "维吾尔族",
                        f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
                        _id_number(rng, rng.choice(["653121", "653222", "653123", "654027"]), year),
                        rng.choice(villages), "农民", f"2017-{rng.randint(1, 12):02d}-01", rng.choice(FACILITIES),
                        "虚构 FICTIONAL", f"FICTIONAL {i}"])


BASELINE = r"""
import csv, sqlite3, sys
con = sqlite3.connect(sys.argv[2])
con.execute("PRAGMA journal_mode=WAL")
con.execute("CREATE TABLE t (" + ", ".join(f"c{i} TEXT" for i in range(12)) + ")")
with open(sys.argv[1], encoding="utf-8", newline="") as fh:
    reader = csv.reader(fh)
    next(reader)
    batch = []
    with con:
        for row in reader:
            batch.append(row)
            if len(batch) == 2000:
                con.executemany("INSERT INTO t VALUES (" + ",".join("?" * 12) + ")", batch)
                batch.clear()
        con.executemany("INSERT INTO t VALUES (" + ",".join("?" * 12) + ")", batch)
"""


PEAK = "import resource, subprocess, sys; subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL); " \
       "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"


def timed(cmd: list[str]) -> tuple[float, float]:
    """Run a command; return wall seconds and its own peak RSS in MiB (read by a wrapper process)."""
    start = time.perf_counter()
    out = subprocess.run([sys.executable, "-c", PEAK, *cmd], check=True, capture_output=True, text=True).stdout
    return time.perf_counter() - start, int(out.split()[-1]) / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=100_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tmpdir = Path(tmp)
        data = tmpdir / "register.csv"
        write_csv(data, args.rows)
        base_wall, base_rss = timed([sys.executable, "-c", BASELINE, str(data), str(tmpdir / "plain.sqlite3")])
        rc_wall, rc_rss = timed([sys.executable, "-m", "rollcall", "--home", str(tmpdir / "home"), "ingest",
                                 str(data)])
    print(f"ingest of {args.rows:,} rows x 12 columns (UTF-8 CSV, Chinese headers)")
    print(f"{'what':<38} {'wall s':>8} {'rows/s':>10} {'peak MiB':>9}")
    print(f"{'plain sqlite3 executemany (baseline)':<38} {base_wall:>8.1f} {args.rows / base_wall:>10,.0f} "
          f"{base_rss:>9.0f}")
    print(f"{'rollcall ingest':<38} {rc_wall:>8.1f} {args.rows / rc_wall:>10,.0f} {rc_rss:>9.0f}")
    print(f"ratio rollcall/baseline wall time: {rc_wall / base_wall:.1f}x")


if __name__ == "__main__":
    main()
