"""Resident ID checking: speed against python-stdnum's bare validation, and how often the one-edit
candidates recover a number damaged by a typing or OCR error.

Numbers are generated (synthetic people): random region codes from the county table valid in the birth
year, random birth dates 1950-2010, random sequences. Run: .venv/bin/python bench/ids_bench.py [N]
"""

from __future__ import annotations

import random
import statistics
import sys
import time
from datetime import date, timedelta

from stdnum.cn import ric

from rollcall.places import ids

REGIONS = ["653121", "653122", "653123", "653125", "653126", "653127", "653128", "653129", "653130", "653131",
           "653221", "653222", "653223", "653224", "653225", "653226", "653227", "650102", "650103", "650104",
           "652901", "654021", "110101", "310101", "440106"]


def synthetic(rng: random.Random) -> str:
    """A valid synthetic number."""
    while True:
        born = date(1950, 1, 1) + timedelta(days=rng.randrange(0, 60 * 365))
        first17 = f"{rng.choice(REGIONS)}{born:%Y%m%d}{rng.randrange(1000):03d}"
        number = first17 + ids.check_char(first17)
        if ids.is_valid(number):
            return number


OCR_SHAPES = {"0": "O", "1": "I", "5": "S", "8": "B", "2": "Z", "6": "G"}


def damage(number: str, kind: str, rng: random.Random) -> str | None:
    """The number with one error of a kind, or None if the number offers no place for it."""
    if kind == "ocr letter":
        spots = [i for i, c in enumerate(number) if c in OCR_SHAPES]
        if not spots:
            return None
        i = rng.choice(spots)
        return number[:i] + OCR_SHAPES[number[i]] + number[i + 1:]
    if kind == "keyboard slip":
        i = rng.randrange(17)
        c = number[i]
        neighbours = [d for d in "0123456789" if frozenset((c, d)) in ids.KEYBOARD_PAIRS]
        return number[:i] + rng.choice(neighbours) + number[i + 1:]
    if kind == "transposition":
        spots = [i for i in range(17) if number[i] != number[i + 1]]
        i = rng.choice(spots)
        return number[:i] + number[i + 1] + number[i] + number[i + 2:]
    if kind == "omission":
        i = rng.randrange(18)
        return number[:i] + number[i + 1:]
    if kind == "any substitution":
        i = rng.randrange(18)
        choices = [d for d in "0123456789" + ("X" if i == 17 else "") if d != number[i]]
        return number[:i] + rng.choice(choices) + number[i + 1:]
    raise ValueError(kind)


def main(n: int) -> None:
    rng = random.Random(20261122)
    numbers = [synthetic(rng) for _ in range(n)]

    t = time.perf_counter()
    for number in numbers:
        ric.is_valid(number)
    base = time.perf_counter() - t
    t = time.perf_counter()
    for number in numbers:
        ids.check(number)
    ours = time.perf_counter() - t
    print(f"valid numbers: {n}")
    print(f"{'what':<34}{'numbers/s':>12}")
    print(f"{'stdnum ric.is_valid (baseline)':<34}{n / base:>12.0f}")
    print(f"{'ids.check (decode + Latin names)':<34}{n / ours:>12.0f}")
    print(f"speed ratio check/baseline: {base / ours:.3f}")
    print()
    print(f"{'damage':<18}{'n':>6}{'caught':>9}{'in cands':>10}{'top-1':>8}{'random top-1':>14}"
          f"{'median cands':>14}{'checks/s':>10}")
    for kind in ("ocr letter", "keyboard slip", "transposition", "omission", "any substitution"):
        caught = found = top = 0
        expected_random_top, counts, total = 0.0, [], 0
        t = time.perf_counter()
        for number in numbers:
            bad = damage(number, kind, rng)
            if bad is None:
                continue
            total += 1
            r = ids.check(bad)
            caught += not r.valid
            got = [c.number for c in r.candidates]
            counts.append(len(got))
            if number in got:
                found += 1
                top += got[0] == number
                expected_random_top += 1 / len(got)
        spent = time.perf_counter() - t
        print(f"{kind:<18}{total:>6}{caught / total:>9.1%}{found / total:>10.1%}{top / total:>8.1%}"
              f"{expected_random_top / total:>14.1%}{statistics.median(counts):>14.0f}{total / spent:>10.0f}")
    print("random top-1: the original's chance of coming first if the same candidates were shuffled")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 2000)
