"""Ingest speed and memory: `rollcall ingest` of a generated N-row, 12-column CSV with Chinese headers,
beside a plain sqlite3 `executemany` load of the same rows into one table, in the same run.

    .venv/bin/python bench/ingest_bench.py --rows 1000000

Prints a table: rows/s, wall seconds and peak RSS of each, and the ratio. All people are fictional.
"""

from __future__ import annotations

import argparse
import contextlib
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
PLACES = {"新疆喀什地区疏附县": "653121", "新疆和田地区墨玉县": "653222", "新疆喀什地区英吉沙县": "653123",
          "新疆伊犁州特克斯县": "654027"}  # county and the code its ID numbers begin with
FACILITIES = ["疏附县职业技能教育培训中心", "墨玉县看守所", "英吉沙县拘留所"]


def _id_number(rng: random.Random, county: str, born: str, sex: str) -> str:
    """A well-formed fictional ID number issued in `county` for a birth date YYYY-MM-DD and sex (男 male:
    odd sequence digit); about 2% carry a typing error, as real registers do."""
    sequence = rng.randrange(0, 1000, 2) + (sex == "男")
    first17 = f"{county}{born.replace('-', '')}{sequence:03d}"
    number = first17 + ric.calc_check_digit(first17 + "0")
    if rng.random() < 0.02:
        i = rng.randrange(17)
        number = number[:i] + str((int(number[i]) + 1) % 10) + number[i + 1:]
    return number


def write_csv(path: Path, rows: int, seed: int = 7) -> None:
    """A register-like CSV of fictional people (UTF-8, Chinese headers, 12 columns); villages repeat as in
    a county's register; each ID number encodes the person's birth date, household county and sex, as a real
    register's do (but for the 2% typed wrong)."""
    rng = random.Random(seed)
    villages = [(f"{place}{rng.choice(GIVEN)}村{n}组", code) for place, code in PLACES.items() for n in range(1, 200)]
    with open(path, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(HEADERS)
        for i in range(1, rows + 1):
            born = f"{rng.randint(1940, 2002)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
            village, county = rng.choice(villages)
            sex = rng.choice("男女")
            w.writerow([i, f"{rng.choice(GIVEN)}·{rng.choice(GIVEN)}", sex, "维吾尔族", born,
                        _id_number(rng, county, born, sex), village, "农民", f"2017-{rng.randint(1, 12):02d}-01",
                        rng.choice(FACILITIES), "虚构 FICTIONAL", f"FICTIONAL {i}"])


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


def _tree(pid: int) -> list[int]:
    """A process and all its descendants (ingest reads rows in a forked child)."""
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        for children in Path(f"/proc/{p}/task").glob("*/children"):
            with contextlib.suppress(OSError):
                todo += [int(c) for c in children.read_text().split()]
    return out


def _pss_mib(pids: list[int]) -> float:
    """The proportional set size of the processes together: shared pages counted once, not per process."""
    total = 0
    for p in pids:
        try:
            for line in Path(f"/proc/{p}/smaps_rollup").read_text().splitlines():
                if line.startswith("Pss:"):
                    total += int(line.split()[1])
        except OSError:
            pass
    return total / 1024


def timed(cmd: list[str]) -> tuple[float, float]:
    """Run a command; return wall seconds and the peak memory of it and its children together (PSS in
    MiB, sampled four times a second)."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL)
    peak = 0.0
    while proc.poll() is None:
        peak = max(peak, _pss_mib(_tree(proc.pid)))
        time.sleep(0.25)
    if proc.returncode:
        raise SystemExit(f"{cmd[:3]} failed with exit code {proc.returncode}")
    return time.perf_counter() - start, peak


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
