"""Reader speed: iterating `open_table(...).rows` over a generated register, beside a bare `csv.reader`
over the same file opened with the right encoding (the baseline), in the same run.

    .venv/bin/python bench/readers_bench.py --rows 200000

Prints, per encoding (GBK, UTF-8): rows/s of each, the ratio, and the time `open_table` spends deciding
the encoding, delimiter and header before the first row. Then the same register as XLSX (a tenth of the
rows), read by `open_table` against openpyxl's read-only mode (the baseline). All people are fictional.
"""

from __future__ import annotations

import argparse
import csv
import random
import tempfile
import time
from pathlib import Path

from rollcall.records.readers import open_table

HEADERS = ["序号", "姓名", "性别", "民族", "出生日期", "身份证号", "户籍地址", "职业", "羁押开始时间",
           "羁押场所", "羁押原因", "备注"]
GIVEN = ["吐尔逊", "买买提", "艾力", "阿不都热依木", "古丽", "热依拉", "阿依古丽", "努尔兰", "帕提古丽", "艾合买提"]
PLACES = ["新疆喀什地区疏附县", "新疆和田地区墨玉县", "新疆喀什地区英吉沙县", "新疆伊犁州特克斯县"]


def write_register(path: Path, rows: int, encoding: str, seed: int = 11) -> None:
    """A register-like CSV of fictional people: a title row, Chinese headers, 12 columns, CRLF."""
    rng = random.Random(seed)
    with open(path, "w", encoding=encoding, newline="") as fh:
        w = csv.writer(fh, lineterminator="\r\n")
        w.writerow(["虚构名单 FICTIONAL TEST DATA"] + [""] * 11)
        w.writerow(HEADERS)
        for i in range(1, rows + 1):
            year = rng.randint(1940, 2002)
            w.writerow([i, f"{rng.choice(GIVEN)}·{rng.choice(GIVEN)}", rng.choice("男女"), "维吾尔族",
                        f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
                        f"653121{year}0101{rng.randint(100, 999)}{rng.choice('0123456789X')}",
                        rng.choice(PLACES), "农民", f"2017-{rng.randint(1, 12):02d}-01", "某县看守所",
                        "虚构 FICTIONAL", f"FICTIONAL {i}"])


def bare_csv(path: Path, encoding: str) -> tuple[int, float]:
    start = time.perf_counter()
    with open(path, encoding=encoding, newline="") as fh:
        n = sum(1 for _ in csv.reader(fh)) - 2
    return n, time.perf_counter() - start


def readers(path: Path) -> tuple[int, float, float, str]:
    start = time.perf_counter()
    table = open_table(path)
    opened = time.perf_counter() - start
    n = sum(1 for _ in table.rows)
    return n, time.perf_counter() - start, opened, table.encoding or ""


def write_workbook(path: Path, rows: int, seed: int = 11) -> None:
    """The same register as an XLSX workbook (shared by openpyxl's normal writer, with a <dimension>)."""
    from openpyxl import Workbook

    rng = random.Random(seed)
    wb = Workbook()
    ws = wb.active
    ws.append(["虚构名单 FICTIONAL TEST DATA"])
    ws.append(HEADERS)
    for i in range(1, rows + 1):
        ws.append([i, f"{rng.choice(GIVEN)}·{rng.choice(GIVEN)}", rng.choice("男女"), "维吾尔族", "1980-01-01",
                   f"6531211980010{rng.randint(10000, 99999)}", rng.choice(PLACES), "农民", "2017-06-01",
                   "某县看守所", "虚构 FICTIONAL", f"FICTIONAL {i}"])
    wb.save(path)


def bare_openpyxl(path: Path) -> tuple[int, float]:
    from openpyxl import load_workbook

    start = time.perf_counter()
    wb = load_workbook(path, read_only=True, data_only=True)
    n = sum(1 for _ in wb.active.iter_rows(values_only=True)) - 2
    wb.close()
    return n, time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=200_000)
    parser.add_argument("--repeat", type=int, default=3, help="best of N runs for each measurement")
    args = parser.parse_args()
    print(f"{'file':<10}{'rows':>9}{'csv.reader rows/s':>19}{'readers rows/s':>16}{'ratio':>7}"
          f"{'open_table s':>14}  encoding")
    with tempfile.TemporaryDirectory() as tmp:
        for label, encoding, baseline_codec in (("GBK", "gbk", "gb18030"), ("UTF-8", "utf-8", "utf-8")):
            path = Path(tmp) / f"register-{label}.csv"
            write_register(path, args.rows, encoding)
            base = min((bare_csv(path, baseline_codec) for _ in range(args.repeat)), key=lambda r: r[1])
            ours = min((readers(path) for _ in range(args.repeat)), key=lambda r: r[1])
            assert base[0] == ours[0] == args.rows, (base[0], ours[0])
            base_rate, our_rate = base[0] / base[1], ours[0] / ours[1]
            print(f"{label:<10}{args.rows:>9}{base_rate:>19,.0f}{our_rate:>16,.0f}{our_rate / base_rate:>7.2f}"
                  f"{ours[2]:>14.2f}  {ours[3]}")
        rows = max(1, args.rows // 10)
        path = Path(tmp) / "register.xlsx"
        write_workbook(path, rows)
        base = min((bare_openpyxl(path) for _ in range(args.repeat)), key=lambda r: r[1])
        ours = min((readers(path) for _ in range(args.repeat)), key=lambda r: r[1])
        assert base[0] == ours[0] == rows, (base[0], ours[0])
        print(f"\n{'file':<10}{'rows':>9}{'openpyxl read-only rows/s':>27}{'readers rows/s':>16}{'ratio':>7}"
              f"{'open_table s':>14}")
        print(f"{'XLSX':<10}{rows:>9}{base[0] / base[1]:>27,.0f}{ours[0] / ours[1]:>16,.0f}"
              f"{(ours[0] / ours[1]) / (base[0] / base[1]):>7.2f}{ours[2]:>14.2f}")


if __name__ == "__main__":
    main()
